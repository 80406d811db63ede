import { Alert, Table } from '@mantine/core'
import { IconInfoCircle } from '@tabler/icons-react'
import { useTranslation } from 'react-i18next'
import { useFormatAmount, useFormatMonth } from '../../format'
import type { Statement } from '../../hooks/statements'

type Row = { key: string; label: string; amount: number; strong?: boolean; dimmed?: boolean }

/**
 * How the month's total is reached, step by step as the statement rules apply them: the gross, less the franchise,
 * the waived lines and what the caps take (the minimum then bills nothing or everything), plus the adjustments for
 * earlier months, to the total due; then the figures it was computed with, the fee and the year to date.
 */
export function StatementTotals({ statement }: { statement: Statement }) {
  const { t } = useTranslation()
  const formatAmount = useFormatAmount()
  const formatMonth = useFormatMonth()
  // A deduction is shown negative; "-0.00" would read as one where there is none.
  const less = (amount: number) => (amount === 0 ? 0 : -amount)
  const rows: Row[] = [
    { key: 'gross', label: t('statements.grossAmount'), amount: statement.grossAmount },
    { key: 'free', label: t('statements.freeAmount'), amount: less(statement.freeAmount) },
    { key: 'waived', label: t('statements.waivedAmount'), amount: less(statement.waivedAmount) },
    { key: 'monthlyCap', label: t('statements.monthlyCapDeducted'), amount: less(statement.monthlyCapDeducted) },
    { key: 'annualCap', label: t('statements.annualCapDeducted'), amount: less(statement.annualCapDeducted) },
    { key: 'total', label: t('statements.monthTotal'), amount: statement.total, strong: true },
    ...statement.adjustments.flatMap((adjustment) => [
      {
        key: `adjustment-${adjustment.forMonth}`,
        label: t('statements.adjustment', { month: formatMonth(adjustment.forMonth) }),
        amount: adjustment.amount,
      },
      // The part of a late increase the annual cap leaves out.
      ...(adjustment.capDeducted
        ? [
            {
              key: `adjustment-${adjustment.forMonth}-cap`,
              label: t('statements.adjustmentCapDeducted', { month: formatMonth(adjustment.forMonth) }),
              amount: less(adjustment.capDeducted),
            },
          ]
        : []),
    ]),
    { key: 'totalDue', label: t('statements.totalDue'), amount: statement.totalDue, strong: true },
    { key: 'fee', label: t('statements.monthlyFee'), amount: statement.monthlyFee, dimmed: true },
    { key: 'yearToDate', label: t('statements.yearToDate'), amount: statement.yearToDate, dimmed: true },
  ]
  return (
    <>
      <Table aria-label={t('statements.totals', { month: formatMonth(statement.month) })} verticalSpacing={4} maw={520}>
        <Table.Tbody>
          {rows.map((row) => (
            <Table.Tr key={row.key}>
              <Table.Th scope="row" fw={row.strong ? 700 : 500} c={row.dimmed ? 'dimmed' : undefined}>
                {row.label}
              </Table.Th>
              <Table.Td ta="right" fw={row.strong ? 700 : undefined} c={row.dimmed ? 'dimmed' : undefined} style={{ whiteSpace: 'nowrap' }}>
                {formatAmount(row.amount)}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {statement.belowMinimum && (
        <Alert color="blue" icon={<IconInfoCircle aria-hidden />} title={t('statements.belowMinimumTitle')} maw={520}>
          {t('statements.belowMinimum')}
        </Alert>
      )}
    </>
  )
}
