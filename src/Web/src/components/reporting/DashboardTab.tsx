import { Alert, Group, NativeSelect, Skeleton, Stack, Text, Title } from '@mantine/core'
import { lazy, Suspense, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useSearchParams } from 'react-router'
import { useFormatDateTime, useFormatMonth } from '../../format'
import type { ContractDetail } from '../../hooks/contracts'
import { exportFormats, scorecardExportUrl, useScorecard, useScorecardTrend, type DrillDown } from '../../hooks/reporting'
import { currentMonth, scorecardMonthOf, shiftMonth } from '../../reportingRules'
import { ExportButtons } from '../ExportButtons'
import { ErrorAlert, Loading } from '../States'
import { FigureTicketsDialog } from './FigureTicketsDialog'
import { ScorecardFigures } from './ScorecardFigures'

// The charts library is loaded with the first dashboard shown, not with the application.
const TrendCharts = lazy(() => import('./TrendCharts').then((module) => ({ default: module.TrendCharts })))

const monthChoices = 24

/**
 * Dashboard: the contract's scorecard for the month in the address (`?tab=dashboard&month=2026-05`, the current month
 * by default), the tickets behind its figures, its exports, and the last twelve months as charts.
 */
export function DashboardTab({ contract }: { contract: ContractDetail }) {
  const { t } = useTranslation()
  const formatMonth = useFormatMonth()
  const formatDateTime = useFormatDateTime()
  const [searchParams, setSearchParams] = useSearchParams()
  const month = scorecardMonthOf(searchParams.get('month'))
  const scorecard = useScorecard(contract.id, month)
  const trend = useScorecardTrend(contract.id, month)
  const [drill, setDrill] = useState<DrillDown | null>(null)
  const latest = currentMonth()
  const choices = Array.from({ length: monthChoices }, (_, back) => shiftMonth(latest, -back))

  return (
    <Stack>
      <Group justify="space-between" align="flex-end">
        <Group align="flex-end">
          <NativeSelect
            label={t('reporting.month')}
            w={200}
            value={month}
            data={choices.map((value) => ({ value, label: formatMonth(value) }))}
            onChange={(event) => setSearchParams({ tab: 'dashboard', month: event.currentTarget.value }, { replace: true })}
          />
          <Text size="sm" c="dimmed" maw={560}>
            {t('reporting.intro')}
          </Text>
        </Group>
        <ExportButtons
          label={t('reporting.exports')}
          formats={exportFormats}
          hrefOf={(format) => scorecardExportUrl(contract.id, month, format)}
          labelOf={(format) => t(`reporting.export.${format}`)}
        />
      </Group>
      {scorecard.isPending ? (
        <Loading />
      ) : scorecard.isError ? (
        <ErrorAlert error={scorecard.error} onRetry={() => void scorecard.refetch()} />
      ) : (
        <Stack gap="sm" component="section" aria-label={t('reporting.title', { month: formatMonth(scorecard.data.month) })}>
          <Group gap="sm" align="baseline">
            <Title order={2} size="h3">
              {t('reporting.title', { month: formatMonth(scorecard.data.month) })}
            </Title>
            <Text size="sm" c="dimmed">
              {scorecard.data.complete
                ? t('reporting.complete', { zone: scorecard.data.timeZone })
                : t('reporting.asOf', { at: formatDateTime(scorecard.data.asOf), zone: scorecard.data.timeZone })}
            </Text>
          </Group>
          {scorecard.data.contractVersion === null && (
            <Alert color="gray">{t('reporting.noTerms')}</Alert>
          )}
          <ScorecardFigures figures={scorecard.data} slaCaption={t('reporting.sla.caption')} onDrill={setDrill} />
        </Stack>
      )}
      <Title order={2} size="h3">
        {t('reporting.trend.title')}
      </Title>
      {trend.isPending ? (
        <Skeleton h={420} />
      ) : trend.isError ? (
        <ErrorAlert error={trend.error} onRetry={() => void trend.refetch()} />
      ) : (
        <Suspense fallback={<Skeleton h={420} />}>
          <TrendCharts trend={trend.data} />
        </Suspense>
      )}
      <FigureTicketsDialog contractId={contract.id} month={month} drill={drill} onClose={() => setDrill(null)} />
    </Stack>
  )
}
