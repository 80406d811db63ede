import { Badge, Group } from '@mantine/core'
import { useRoleLabel } from '../hooks/useRoleLabel'

export function RoleBadges({ roles }: { roles: readonly string[] }) {
  const roleLabel = useRoleLabel()
  return (
    <Group gap={4}>
      {roles.map((role) => (
        <Badge key={role} radius="sm">
          {roleLabel(role)}
        </Badge>
      ))}
    </Group>
  )
}
