import '@mantine/charts/styles.css'
import { BarChart } from '@mantine/charts'
import { useTranslation } from 'react-i18next'
import { isPlannedByMonth } from '../../budgetRules'
import { useFormatAmount, useFormatMonthName } from '../../format'
import type { BudgetYear } from '../../hooks/budgets'

/**
 * Each month's plan beside what it invoiced and still commits, stacked: the bar that outgrows its neighbour is the
 * month past its plan. A plan for the whole year has no month's bar. The table below gives the same figures to those
 * who do not see the chart.
 */
export function BudgetChart({ budget }: { budget: BudgetYear }) {
  const { t } = useTranslation()
  const formatAmount = useFormatAmount()
  const monthName = useFormatMonthName()
  const data = budget.months.map((month) => ({
    month: monthName(month.month, 'short'),
    planned: month.planned ?? 0,
    invoiced: month.invoiced,
    committed: month.committed,
  }))
  return (
    <div role="img" aria-label={t('budgets.chart', { year: budget.year })}>
      <BarChart
        h={280}
        data={data}
        dataKey="month"
        withLegend
        valueFormatter={(value) => formatAmount(value)}
        series={[
          ...(isPlannedByMonth(budget) ? [{ name: 'planned', label: t('budgets.planned'), color: 'gray.5' }] : []),
          { name: 'invoiced', label: t('budgets.invoiced'), color: 'blue.6', stackId: 'spent' },
          { name: 'committed', label: t('budgets.committed'), color: 'orange.5', stackId: 'spent' },
        ]}
      />
    </div>
  )
}
