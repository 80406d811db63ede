import { Group, Table, UnstyledButton } from '@mantine/core'
import { IconArrowsSort, IconSortAscending, IconSortDescending } from '@tabler/icons-react'
import type { ReactNode } from 'react'

/** A column header that sorts the table on its column: an arrow shows the order in effect, a click asks for the next. */
export function SortHeader({
  label,
  active,
  order,
  onSort,
  align,
}: {
  label: ReactNode
  active: boolean
  order: 'asc' | 'desc'
  onSort: () => void
  align?: 'right'
}) {
  const Icon = !active ? IconArrowsSort : order === 'asc' ? IconSortAscending : IconSortDescending
  return (
    <Table.Th aria-sort={active ? (order === 'asc' ? 'ascending' : 'descending') : undefined} style={{ textAlign: align }}>
      <UnstyledButton onClick={onSort} fw={700} fz="sm">
        <Group gap={4} wrap="nowrap" justify={align === 'right' ? 'flex-end' : undefined}>
          {label}
          <Icon size={14} aria-hidden />
        </Group>
      </UnstyledButton>
    </Table.Th>
  )
}
