import { Button, Card, Group, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core'
import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { useFormatAmount, useFormatPercent } from '../../format'
import type { DrillDown, FigureStatusValue, Scorecard } from '../../hooks/reporting'
import { useFormatSpan } from '../../hooks/ticketText'
import { StatusBadge } from './StatusBadge'

/** The figures a month's scorecard and a review period's totals share; the rest only a month has. */
export type Figures = Pick<
  Scorecard,
  'opened' | 'resolved' | 'backlog' | 'breaches' | 'sla' | 'satisfaction' | 'availability' | 'penalties' | 'invoicing' | 'budget' | 'statuses'
> &
  Partial<Pick<Scorecard, 'times' | 'breachesByClock' | 'volumes' | 'backlogAge' | 'evolutions'>>

/** Opens the tickets behind a figure; absent where the figures are frozen (a review's snapshot). */
type Drill = ((drill: DrillDown) => void) | undefined

function DrillButton({ label, drill, onDrill }: { label: string; drill: DrillDown; onDrill: Drill }) {
  const { t } = useTranslation()
  if (!onDrill) return null
  return (
    <Button size="compact-xs" variant="subtle" aria-label={t('reporting.drill.open', { figure: label })} onClick={() => onDrill(drill)}>
      {t('reporting.drill.tickets')}
    </Button>
  )
}

function KeyFigure({ label, status, children, action }: { label: string; status?: FigureStatusValue | null; children: ReactNode; action?: ReactNode }) {
  return (
    <Card withBorder padding="sm" role="group" aria-label={label}>
      <Text size="sm" c="dimmed">
        {label}
      </Text>
      <Group gap="xs" justify="space-between">
        <Text fw={600} size="xl">
          {children}
        </Text>
        <StatusBadge status={status} />
      </Group>
      {action}
    </Card>
  )
}

/** The month's key figures with their green / amber / red status. */
export function KeyFigures({ figures, onDrill }: { figures: Figures; onDrill?: Drill }) {
  const { t } = useTranslation()
  const formatAmount = useFormatAmount()
  const formatPercent = useFormatPercent()
  const worstAvailability = figures.availability.reduce<number | null>((low, a) => (low === null || a.percent < low ? a.percent : low), null)
  const counted = (figure: 'opened' | 'resolved' | 'backlog' | 'breaches', status?: FigureStatusValue | null) => (
    <KeyFigure
      label={t(`reporting.figures.${figure}`)}
      status={status}
      action={<DrillButton label={t(`reporting.figures.${figure}`)} drill={{ figure }} onDrill={onDrill} />}
    >
      {figures[figure]}
    </KeyFigure>
  )
  return (
    <SimpleGrid cols={{ base: 2, sm: 3, lg: 5 }} spacing="sm" aria-label={t('reporting.keyFigures')} component="section">
      {counted('opened')}
      {counted('resolved')}
      {counted('backlog')}
      {counted('breaches', figures.statuses.breaches)}
      <KeyFigure label={t('reporting.figures.sla')} status={figures.statuses.sla}>
        {t('reporting.slaMet', {
          met: figures.sla.reduce((sum, rate) => sum + rate.met, 0),
          completed: figures.sla.reduce((sum, rate) => sum + rate.completed, 0),
        })}
      </KeyFigure>
      <KeyFigure label={t('reporting.figures.availability')} status={figures.statuses.availability}>
        {worstAvailability === null ? t('reporting.noOutage') : formatPercent(worstAvailability)}
      </KeyFigure>
      <KeyFigure label={t('reporting.figures.satisfaction')}>
        {figures.satisfaction.mean === null ? '—' : t('reporting.outOfFive', { mean: figures.satisfaction.mean.toFixed(2) })}
      </KeyFigure>
      <KeyFigure label={t('reporting.figures.penalties')} status={figures.statuses.penalties}>
        {figures.penalties ? formatAmount(figures.penalties.totalDue) : t('reporting.notIssued')}
      </KeyFigure>
      <KeyFigure label={t('reporting.figures.invoicing')} status={figures.statuses.invoicing}>
        {formatAmount(figures.invoicing.invoiced)}
      </KeyFigure>
      {figures.budget && (
        <KeyFigure label={t('reporting.figures.budget')} status={figures.statuses.budget}>
          {formatAmount(figures.budget.invoicedToDate)}
        </KeyFigure>
      )}
    </SimpleGrid>
  )
}

/** Each priority and clock: completed, met, the rate against its target, business times and breaches. */
export function SlaTable({ figures, caption, onDrill }: { figures: Figures; caption: string; onDrill?: Drill }) {
  const { t } = useTranslation()
  const formatPercent = useFormatPercent()
  const formatSpan = useFormatSpan()
  const duration = (seconds?: number | null) => (seconds === null || seconds === undefined ? '—' : formatSpan(seconds * 1000))
  return (
    <Table.ScrollContainer minWidth={720}>
      <Table striped aria-label={caption}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('reporting.sla.priority')}</Table.Th>
            <Table.Th>{t('reporting.sla.clock')}</Table.Th>
            <Table.Th>{t('reporting.sla.completed')}</Table.Th>
            <Table.Th>{t('reporting.sla.met')}</Table.Th>
            <Table.Th>{t('reporting.sla.rate')}</Table.Th>
            <Table.Th>{t('reporting.sla.target')}</Table.Th>
            <Table.Th>{t('reporting.sla.status')}</Table.Th>
            {figures.times && <Table.Th>{t('reporting.sla.mean')}</Table.Th>}
            {figures.times && <Table.Th>{t('reporting.sla.p90')}</Table.Th>}
            {figures.breachesByClock && <Table.Th>{t('reporting.figures.breaches')}</Table.Th>}
            {onDrill && <Table.Th>{t('reporting.drill.tickets')}</Table.Th>}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {figures.sla.map((rate) => {
            const name = `${rate.priority} ${t(`reporting.clocks.${rate.clock}`)}`
            const times = figures.times?.find((time) => time.priority === rate.priority && time.clock === rate.clock)
            const breaches = figures.breachesByClock?.find((breach) => breach.priority === rate.priority && breach.clock === rate.clock)
            return (
              <Table.Tr key={name}>
                <Table.Th scope="row">{rate.priority}</Table.Th>
                <Table.Td>{t(`reporting.clocks.${rate.clock}`)}</Table.Td>
                <Table.Td>{rate.completed}</Table.Td>
                <Table.Td>{rate.met}</Table.Td>
                <Table.Td>{rate.successRate === null ? '—' : formatPercent(rate.successRate)}</Table.Td>
                <Table.Td>{rate.targetPercent === null ? '—' : formatPercent(rate.targetPercent)}</Table.Td>
                <Table.Td>
                  <StatusBadge status={rate.status} />
                </Table.Td>
                {figures.times && <Table.Td>{duration(times?.meanBusinessSeconds)}</Table.Td>}
                {figures.times && <Table.Td>{duration(times?.p90BusinessSeconds)}</Table.Td>}
                {figures.breachesByClock && <Table.Td>{breaches?.count ?? 0}</Table.Td>}
                {onDrill && (
                  <Table.Td>
                    {rate.completed > 0 && (
                      <DrillButton label={name} drill={{ figure: 'sla', priority: rate.priority, clock: rate.clock }} onDrill={onDrill} />
                    )}
                  </Table.Td>
                )}
              </Table.Tr>
            )
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  )
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Card withBorder component="section" aria-label={title}>
      <Title order={3} size="h5" mb="xs">
        {title}
      </Title>
      {children}
    </Card>
  )
}

function Facts({ rows }: { rows: [string, ReactNode][] }) {
  return (
    <Table variant="vertical" withRowBorders={false}>
      <Table.Tbody>
        {rows.map(([label, value]) => (
          <Table.Tr key={label}>
            <Table.Th scope="row" fw={400} c="dimmed">
              {label}
            </Table.Th>
            <Table.Td>{value}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  )
}

/**
 * Every other figure: volumes by kind and priority, backlog age, availability by service, satisfaction, penalties,
 * invoices and budget (the client's alone), evolution requests.
 */
export function FigureDetails({ figures }: { figures: Figures }) {
  const { t } = useTranslation()
  const formatAmount = useFormatAmount()
  const formatPercent = useFormatPercent()
  const formatSpan = useFormatSpan()
  const duration = (seconds?: number | null) => (seconds === null || seconds === undefined ? '—' : formatSpan(seconds * 1000))
  const volumes = figures.volumes?.filter((v) => v.opened + v.resolved + v.backlog > 0)
  const penalties = figures.penalties
  const budget = figures.budget
  return (
    <SimpleGrid cols={{ base: 1, md: 2 }} spacing="sm">
      {volumes && (
        <Section title={t('reporting.figures.volumes')}>
          {volumes.length === 0 ? (
            <Text size="sm" c="dimmed">
              {t('reporting.noTicket')}
            </Text>
          ) : (
            <Table aria-label={t('reporting.figures.volumes')}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('reporting.volumes.kind')}</Table.Th>
                  <Table.Th>{t('reporting.sla.priority')}</Table.Th>
                  <Table.Th>{t('reporting.figures.opened')}</Table.Th>
                  <Table.Th>{t('reporting.figures.resolved')}</Table.Th>
                  <Table.Th>{t('reporting.figures.backlog')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {volumes.map((v) => (
                  <Table.Tr key={`${v.kind}-${v.priority}`}>
                    <Table.Td>{t(`reporting.kinds.${v.kind}`, { defaultValue: v.kind })}</Table.Td>
                    <Table.Td>{v.priority}</Table.Td>
                    <Table.Td>{v.opened}</Table.Td>
                    <Table.Td>{v.resolved}</Table.Td>
                    <Table.Td>{v.backlog}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
        </Section>
      )}
      {figures.backlogAge && (
        <Section title={t('reporting.figures.backlogAge')}>
          <Facts
            rows={[
              [t('reporting.backlogAge.count'), figures.backlogAge.count],
              [t('reporting.backlogAge.mean'), duration(figures.backlogAge.meanSeconds)],
              [t('reporting.backlogAge.oldest'), duration(figures.backlogAge.oldestSeconds)],
              ...figures.backlogAge.buckets.map((bucket): [string, ReactNode] => [
                bucket.toDays === null || bucket.toDays === undefined
                  ? t('reporting.backlogAge.over', { from: bucket.fromDays })
                  : t('reporting.backlogAge.between', { from: bucket.fromDays, to: bucket.toDays }),
                bucket.count,
              ]),
            ]}
          />
        </Section>
      )}
      <Section title={t('reporting.figures.availability')}>
        {figures.availability.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('reporting.noOutage')}
          </Text>
        ) : (
          <Table aria-label={t('reporting.figures.availability')}>
            <Table.Tbody>
              {figures.availability.map((a) => (
                <Table.Tr key={a.service}>
                  <Table.Th scope="row">{a.service}</Table.Th>
                  <Table.Td>{formatPercent(a.percent)}</Table.Td>
                  <Table.Td>{t('reporting.down', { duration: duration(a.downSeconds) })}</Table.Td>
                  <Table.Td>
                    <StatusBadge status={a.status} />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Section>
      <Section title={t('reporting.figures.satisfaction')}>
        <Facts
          rows={[
            [t('reporting.satisfaction.mean'), figures.satisfaction.mean === null ? '—' : t('reporting.outOfFive', { mean: figures.satisfaction.mean.toFixed(2) })],
            [t('reporting.satisfaction.answers'), figures.satisfaction.answers],
            ...(figures.satisfaction.answerRate === null || figures.satisfaction.answerRate === undefined
              ? []
              : [[t('reporting.satisfaction.answerRate'), formatPercent(figures.satisfaction.answerRate)] as [string, ReactNode]]),
            [
              t('reporting.satisfaction.distribution'),
              figures.satisfaction.distribution.map((d) => t('reporting.satisfaction.score', { score: d.score, count: d.count })).join(' · '),
            ],
          ]}
        />
      </Section>
      <Section title={t('reporting.figures.penalties')}>
        {penalties ? (
          <Facts
            rows={[
              [t('reporting.penalties.gross'), formatAmount(penalties.grossAmount)],
              [t('reporting.penalties.free'), formatAmount(penalties.freeAmount)],
              [t('reporting.penalties.waived'), formatAmount(penalties.waivedAmount)],
              [t('reporting.penalties.caps'), formatAmount(penalties.capsDeducted)],
              [t('reporting.penalties.total'), formatAmount(penalties.total)],
              [t('reporting.penalties.adjustments'), formatAmount(penalties.adjustmentTotal)],
              [t('reporting.penalties.totalDue'), <StatusLine key="due" amount={formatAmount(penalties.totalDue)} status={penalties.status} />],
            ]}
          />
        ) : (
          <Text size="sm" c="dimmed">
            {t('reporting.penalties.notIssued')}
          </Text>
        )}
      </Section>
      <Section title={t('reporting.figures.invoicing')}>
        <Facts
          rows={[
            [t('reporting.invoicing.invoices'), figures.invoicing.invoices],
            [t('reporting.invoicing.invoiced'), <StatusLine key="inv" amount={formatAmount(figures.invoicing.invoiced)} status={figures.invoicing.status} />],
            [t('reporting.invoicing.withDiscrepancies'), figures.invoicing.withDiscrepancies],
            [t('reporting.invoicing.discrepancies'), figures.invoicing.discrepancies],
            [t('reporting.invoicing.atStake'), formatAmount(figures.invoicing.atStake)],
          ]}
        />
      </Section>
      {budget && (
        <Section title={t('reporting.figures.budget')}>
          <Facts
            rows={[
              [t('reporting.budget.plannedYear', { year: budget.year }), budget.plannedYear == null ? t('reporting.budget.notPlanned') : formatAmount(budget.plannedYear)],
              [t('reporting.budget.plannedMonth'), budget.plannedMonth == null ? '—' : formatAmount(budget.plannedMonth)],
              [t('reporting.budget.plannedToDate'), budget.plannedToDate == null ? '—' : formatAmount(budget.plannedToDate)],
              [t('reporting.budget.invoicedMonth'), formatAmount(budget.invoicedMonth)],
              [t('reporting.budget.invoicedToDate'), <StatusLine key="todate" amount={formatAmount(budget.invoicedToDate)} status={budget.status} />],
            ]}
          />
        </Section>
      )}
      {figures.evolutions && (
        <Section title={t('reporting.figures.evolutions')}>
          {figures.evolutions.every((e) => e.count === 0 && e.entered === 0) ? (
            <Text size="sm" c="dimmed">
              {t('reporting.evolutions.none')}
            </Text>
          ) : (
            <Table aria-label={t('reporting.figures.evolutions')}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('reporting.evolutions.state')}</Table.Th>
                  <Table.Th>{t('reporting.evolutions.count')}</Table.Th>
                  <Table.Th>{t('reporting.evolutions.entered')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {figures.evolutions.map((e) => (
                  <Table.Tr key={e.state}>
                    <Table.Td>{t(`evolutions.states.${e.state}`, { defaultValue: e.state })}</Table.Td>
                    <Table.Td>{e.count}</Table.Td>
                    <Table.Td>{e.entered}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
        </Section>
      )}
    </SimpleGrid>
  )
}

function StatusLine({ amount, status }: { amount: string; status?: FigureStatusValue | null }) {
  return (
    <Group gap="xs" component="span">
      {amount}
      <StatusBadge status={status} />
    </Group>
  )
}

/** A month's or a period's figures whole: key figures, the SLA table and every detail. */
export function ScorecardFigures({ figures, slaCaption, onDrill }: { figures: Figures; slaCaption: string; onDrill?: Drill }) {
  return (
    <Stack gap="sm">
      <KeyFigures figures={figures} onDrill={onDrill} />
      <SlaTable figures={figures} caption={slaCaption} onDrill={onDrill} />
      <FigureDetails figures={figures} />
    </Stack>
  )
}
