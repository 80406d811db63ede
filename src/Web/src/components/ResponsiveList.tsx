import { ActionIcon, Box, Button, Card, Group, NativeSelect, Stack, Text } from '@mantine/core'
import { useDisclosure } from '@mantine/hooks'
import { IconAdjustmentsHorizontal, IconSortAscending, IconSortDescending } from '@tabler/icons-react'
import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { useNarrowScreen } from '../hooks/useNarrowScreen'

/**
 * A list: its table from the `sm` breakpoint up, a stack of cards below it, where a table's columns would run off the
 * screen. Only one is rendered, so that each link and checkbox is in the page once.
 */
export function ResponsiveList<T, S extends string = string>({
  items,
  keyOf,
  label,
  table,
  card,
  cardsHeader,
  sort,
}: {
  items: T[]
  keyOf: (item: T) => string
  /** Names the cards' list as the table's caption names the table. */
  label: string
  table: ReactNode
  card: (item: T) => ReactNode
  /** What the table's header row carries that cards still need (a select-all checkbox). */
  cardsHeader?: ReactNode
  /** The sort the table's headers offer, as a choice above the cards. */
  sort?: CardSortProps<S>
}) {
  const narrow = useNarrowScreen()
  if (!narrow) return table
  return (
    <Stack gap="xs">
      {sort && <CardSort {...sort} />}
      {cardsHeader}
      <Stack component="ul" aria-label={label} gap="xs" style={{ listStyle: 'none', margin: 0, padding: 0 }}>
        {items.map((item) => (
          <li key={keyOf(item)}>{card(item)}</li>
        ))}
      </Stack>
    </Stack>
  )
}

interface CardSortProps<S extends string> {
  columns: { value: S; label: string }[]
  active: S
  order: 'asc' | 'desc'
  /** As a click on a column's header: a new column sorts in its first order, the active one reverses. */
  onSort: (column: S) => void
}

function CardSort<S extends string>({ columns, active, order, onSort }: CardSortProps<S>) {
  const { t } = useTranslation()
  const Icon = order === 'asc' ? IconSortAscending : IconSortDescending
  return (
    <Group gap="xs" align="flex-end" wrap="nowrap">
      <NativeSelect label={t('common.sortBy')} value={active} onChange={(event) => onSort(columns.find((column) => column.value === event.currentTarget.value)!.value)} data={columns} style={{ flex: 1 }} />
      <ActionIcon
        variant="default"
        size="input-sm"
        aria-label={order === 'asc' ? t('common.sortedAscending') : t('common.sortedDescending')}
        title={t('common.reverseOrder')}
        onClick={() => onSort(active)}
      >
        <Icon size={18} aria-hidden />
      </ActionIcon>
    </Group>
  )
}

/**
 * One row of a list as a card: what names it (with its link), the badges that tell its state, then the other
 * columns as labelled values.
 */
export function ListCard({
  leading,
  title,
  badges,
  details = [],
  actions,
}: {
  /** Before the title: the row's selection checkbox. */
  leading?: ReactNode
  title: ReactNode
  badges?: ReactNode
  details?: { label: string; value: ReactNode }[]
  /** The row's buttons, below its values, free to wrap. */
  actions?: ReactNode
}) {
  return (
    <Card withBorder padding="sm" radius="md">
      <Group gap="sm" wrap="nowrap" align="flex-start">
        {leading}
        <Stack gap={6} style={{ minWidth: 0, flex: 1 }}>
          <Box style={{ overflowWrap: 'anywhere' }}>{title}</Box>
          {badges && (
            <Group gap={6} wrap="wrap">
              {badges}
            </Group>
          )}
          {details.length > 0 && (
            <Box component="dl" m={0}>
              {details.map((detail) => (
                <Group key={detail.label} gap={6} wrap="nowrap" align="baseline">
                  <Text component="dt" size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
                    {detail.label}
                  </Text>
                  <Box component="dd" m={0} fz="sm" style={{ minWidth: 0, overflowWrap: 'anywhere' }}>
                    {detail.value}
                  </Box>
                </Group>
              ))}
            </Box>
          )}
          {actions && <Box style={{ overflowX: 'hidden' }}>{actions}</Box>}
        </Stack>
      </Group>
    </Card>
  )
}

/**
 * A list's filters: the search box always in view; the other filters beside it from the `sm` breakpoint up, folded
 * behind a "Filters (n)" button below it, so that a phone's first screen shows results. CSS does the folding, so
 * the filters are the same elements at every width.
 */
export function FilterFold({ search, active, children }: { search: ReactNode; active: number; children: ReactNode }) {
  const { t } = useTranslation()
  const [opened, { toggle }] = useDisclosure(false)
  return (
    <>
      {search}
      <Button
        hiddenFrom="sm"
        variant="default"
        leftSection={<IconAdjustmentsHorizontal size={16} aria-hidden />}
        aria-expanded={opened}
        onClick={toggle}
      >
        {t('common.filtersCount', { count: active })}
      </Button>
      <div className="filter-fold" data-open={opened || undefined}>
        {children}
      </div>
    </>
  )
}
