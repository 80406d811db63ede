import { Checkbox, Stack } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import { useRoleLabel } from '../hooks/useRoleLabel'

interface Props {
  options: readonly string[]
  value: string[]
  onChange: (roles: string[]) => void
  error?: string
}

export function RoleCheckboxes({ options, value, onChange, error }: Props) {
  const { t } = useTranslation()
  const roleLabel = useRoleLabel()
  return (
    <Checkbox.Group label={t('fields.roles')} withAsterisk value={value} onChange={onChange} error={error}>
      <Stack gap="xs" mt="xs">
        {options.map((role) => (
          <Checkbox key={role} value={role} label={roleLabel(role)} />
        ))}
      </Stack>
    </Checkbox.Group>
  )
}
