import { Badge, Button, Table } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import { useFormatAmount, useFormatMonth } from '../../format'
import type { StatementStatus, StatementSummary } from '../../hooks/statements'

export function StatementStatusBadge({ status }: { status: StatementStatus }) {
  const { t } = useTranslation()
  return <Badge color={status === 'issued' ? 'teal' : 'yellow'}>{t(`statements.statuses.${status}`)}</Badge>
}

/** A contract's statements, latest month first: each month's status and totals, and the one shown. */
export function StatementMonths({ months, selected, onSelect }: { months: StatementSummary[]; selected: string | null; onSelect: (month: string) => void }) {
  const { t } = useTranslation()
  const formatAmount = useFormatAmount()
  const formatMonth = useFormatMonth()
  return (
    <Table.ScrollContainer minWidth={480}>
      <Table aria-label={t('statements.months')} verticalSpacing="xs" highlightOnHover>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('statements.month')}</Table.Th>
            <Table.Th>{t('statements.status')}</Table.Th>
            <Table.Th ta="right">{t('statements.total')}</Table.Th>
            <Table.Th ta="right">{t('statements.totalDue')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {months.map((summary) => {
            const current = summary.month === selected
            return (
              <Table.Tr key={summary.month} bg={current ? 'var(--mantine-primary-color-light)' : undefined}>
                <Table.Td>
                  <Button
                    size="compact-sm"
                    variant={current ? 'filled' : 'default'}
                    aria-pressed={current}
                    aria-label={t('statements.show', { month: formatMonth(summary.month) })}
                    onClick={() => onSelect(summary.month)}
                  >
                    {formatMonth(summary.month)}
                  </Button>
                </Table.Td>
                <Table.Td>
                  <StatementStatusBadge status={summary.status} />
                </Table.Td>
                <Table.Td ta="right">{formatAmount(summary.total)}</Table.Td>
                <Table.Td ta="right">{formatAmount(summary.totalDue)}</Table.Td>
              </Table.Tr>
            )
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  )
}
