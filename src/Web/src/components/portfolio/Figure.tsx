import { Group, Table, Text } from '@mantine/core'
import { IconArrowDownRight, IconArrowRight, IconArrowUpRight } from '@tabler/icons-react'
import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { useFormatPercent } from '../../format'
import type { PortfolioRow, Trend } from '../../hooks/portfolio'
import type { FigureStatusValue } from '../../hooks/reporting'
import { trendColor } from '../../portfolioRules'
import { statusColor } from '../../reportingRules'
import { textColor } from '../../theme'


const arrows = { up: IconArrowUpRight, down: IconArrowDownRight, flat: IconArrowRight }

/** Which way a figure moved since the previous month, coloured by whether that way is better; nothing without a previous value. */
export function TrendArrow({ trend }: { trend: Trend }) {
  const { t } = useTranslation()
  if (trend.direction === null) return null
  const Arrow = arrows[trend.direction]
  const color = trendColor(trend)
  return (
    <Text span c={color} lh={1} role="img" aria-label={t(`portfolio.trend.${trend.direction}`)} data-trend={color}>
      <Arrow size={16} aria-hidden />
    </Text>
  )
}

/** A headline figure: its value in its status colour (the status in words on hover and for screen readers), and its trend. */
export function Figure({ status, trend, children }: { status?: FigureStatusValue | null; trend?: Trend; children: ReactNode }) {
  const { t } = useTranslation()
  return (
    <Group gap={4} wrap="nowrap" justify="flex-end">
      <Text
        span
        size="sm"
        c={status ? textColor(statusColor[status]) : undefined}
        fw={status && status !== 'green' ? 700 : undefined}
        title={status ? t(`reporting.status.${status}`) : undefined}
        data-status={status ?? undefined}
      >
        {children}
      </Text>
      {trend && <TrendArrow trend={trend} />}
    </Group>
  )
}

/** A contract's SLA success rate of the month (met ÷ completed over every clock), or a dash when no clock completed. */
export function SuccessRateFigure({ row }: { row: PortfolioRow }) {
  const { t } = useTranslation()
  const formatPercent = useFormatPercent()
  return (
    <Figure status={row.slaStatus} trend={row.trends.successRate}>
      {row.successRate === null ? t('portfolio.none') : formatPercent(row.successRate)}
    </Figure>
  )
}

export function BreachesFigure({ row }: { row: PortfolioRow }) {
  return (
    <Figure status={row.breachesStatus} trend={row.trends.breaches}>
      {row.breaches}
    </Figure>
  )
}

/** The two cells every list of contracts leads with: the month's success rate and its breaches. */
export function RateAndBreachesCells({ row }: { row: PortfolioRow }) {
  return (
    <>
      <Table.Td>
        <SuccessRateFigure row={row} />
      </Table.Td>
      <Table.Td>
        <BreachesFigure row={row} />
      </Table.Td>
    </>
  )
}
