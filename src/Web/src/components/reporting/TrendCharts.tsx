import '@mantine/charts/styles.css'
import { BarChart, LineChart } from '@mantine/charts'
import { SimpleGrid, Stack, Text } from '@mantine/core'
import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { useFormatAmount, useFormatMonth, useFormatPercent } from '../../format'
import type { ScorecardTrend } from '../../hooks/reporting'
import { chartedRates, rateSeries } from '../../reportingRules'

function Chart({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Stack gap={4}>
      <Text size="sm" fw={500}>
        {label}
      </Text>
      <div role="img" aria-label={label}>
        {children}
      </div>
    </Stack>
  )
}

/**
 * The last twelve months: each success rate against its target (a month without a completed clock leaves a gap), the
 * volumes and the backlog, satisfaction, and what was invoiced and owed in penalties beside the client's budget.
 */
export function TrendCharts({ trend }: { trend: ScorecardTrend }) {
  const { t } = useTranslation()
  const formatMonth = useFormatMonth()
  const formatAmount = useFormatAmount()
  const formatPercent = useFormatPercent()
  const label = (month: string) => formatMonth(month)
  const volumes = trend.months.map((m) => ({ month: label(m.month), opened: m.opened, resolved: m.resolved, backlog: m.backlog }))
  const satisfaction = trend.months.map((m) => ({ month: label(m.month), mean: m.satisfactionMean }))
  const withBudget = trend.months.some((m) => m.budgetMonth !== null && m.budgetMonth !== undefined)
  const spend = trend.months.map((m) => ({ month: label(m.month), invoiced: m.invoiced, penalties: m.penaltiesDue ?? 0, budget: m.budgetMonth ?? 0 }))
  const rates = chartedRates(trend.months)
  return (
    <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg" component="section" aria-label={t('reporting.trend.title')}>
      {rates.map((rate) => {
        const key = `${rate.priority}-${rate.clock}`
        return (
          <Chart key={key} label={t('reporting.trend.rate', { priority: rate.priority, clock: t(`reporting.clocks.${rate.clock}`) })}>
            <LineChart
              h={200}
              data={rateSeries(trend.months, rate).map((point) => ({ ...point, month: label(point.month) }))}
              dataKey="month"
              withLegend
              connectNulls={false}
              yAxisProps={{ domain: [0, 100] }}
              valueFormatter={(value) => formatPercent(value)}
              series={[
                { name: 'rate', label: t('reporting.sla.rate'), color: 'blue.6' },
                { name: 'target', label: t('reporting.sla.target'), color: 'gray.6', strokeDasharray: '5 5' },
              ]}
            />
          </Chart>
        )
      })}
      <Chart label={t('reporting.trend.volumes')}>
        <BarChart
          h={200}
          data={volumes}
          dataKey="month"
          withLegend
          series={[
            { name: 'opened', label: t('reporting.figures.opened'), color: 'blue.6' },
            { name: 'resolved', label: t('reporting.figures.resolved'), color: 'teal.6' },
          ]}
        />
      </Chart>
      <Chart label={t('reporting.trend.backlog')}>
        <LineChart h={200} data={volumes} dataKey="month" withLegend series={[{ name: 'backlog', label: t('reporting.figures.backlog'), color: 'orange.6' }]} />
      </Chart>
      <Chart label={t('reporting.trend.satisfaction')}>
        <LineChart
          h={200}
          data={satisfaction}
          dataKey="month"
          withLegend
          connectNulls={false}
          yAxisProps={{ domain: [1, 5] }}
          series={[{ name: 'mean', label: t('reporting.satisfaction.mean'), color: 'grape.6' }]}
        />
      </Chart>
      <Chart label={t('reporting.trend.spend')}>
        <BarChart
          h={200}
          data={spend}
          dataKey="month"
          withLegend
          valueFormatter={(value) => formatAmount(value)}
          series={[
            ...(withBudget ? [{ name: 'budget', label: t('reporting.budget.plannedMonth'), color: 'gray.5' }] : []),
            { name: 'invoiced', label: t('reporting.invoicing.invoiced'), color: 'blue.6' },
            { name: 'penalties', label: t('reporting.penalties.totalDue'), color: 'red.6' },
          ]}
        />
      </Chart>
    </SimpleGrid>
  )
}
