import { Table, Text } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import { useFormatAmount, useFormatMonthName } from '../../format'
import type { BudgetYear } from '../../hooks/budgets'

/** The chart's figures month by month, and the year's totals at the foot. */
export function BudgetMonths({ budget }: { budget: BudgetYear }) {
  const { t } = useTranslation()
  const formatAmount = useFormatAmount()
  const monthName = useFormatMonthName()
  const amount = (value: number | null | undefined) => (value === null || value === undefined ? <Text span c="dimmed" inherit>—</Text> : formatAmount(value))
  return (
    <Table.ScrollContainer minWidth={560}>
      <Table aria-label={t('budgets.byMonth', { year: budget.year })} verticalSpacing="xs" striped>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('budgets.month')}</Table.Th>
            <Table.Th ta="right">{t('budgets.planned')}</Table.Th>
            <Table.Th ta="right">{t('budgets.invoiced')}</Table.Th>
            <Table.Th ta="right">{t('budgets.committed')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {budget.months.map((month) => (
            <Table.Tr key={month.month}>
              <Table.Th scope="row" fw={400}>
                {monthName(month.month)}
              </Table.Th>
              <Table.Td ta="right">{amount(month.planned)}</Table.Td>
              <Table.Td ta="right">{formatAmount(month.invoiced)}</Table.Td>
              <Table.Td ta="right">{formatAmount(month.committed)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
        <Table.Tfoot>
          <Table.Tr>
            <Table.Th scope="row">{t('budgets.total')}</Table.Th>
            <Table.Td ta="right" fw={700}>{amount(budget.planned)}</Table.Td>
            <Table.Td ta="right" fw={700}>{formatAmount(budget.invoiced)}</Table.Td>
            <Table.Td ta="right" fw={700}>{formatAmount(budget.committed)}</Table.Td>
          </Table.Tr>
        </Table.Tfoot>
      </Table>
    </Table.ScrollContainer>
  )
}
