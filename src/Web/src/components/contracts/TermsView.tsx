import { Card, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core'
import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { useFormatAmount, useFormatDate, useFormattingLocale } from '../../format'
import { holidayPackKey, weekDays, type ContractTerms, type InvoiceTolerance, type SlaDuration } from '../../hooks/contracts'

export function TermsSection({ title, children }: { title: string; children: ReactNode }) {
  const id = `terms-${title.replace(/\W+/g, '-').toLowerCase()}`
  return (
    <Card withBorder component="section" aria-labelledby={id}>
      <Title order={3} size="h4" id={id} mb="sm">
        {title}
      </Title>
      <Stack gap="sm">{children}</Stack>
    </Card>
  )
}

function Facts({ items }: { items: [string, ReactNode][] }) {
  return (
    <SimpleGrid component="dl" cols={{ base: 1, xs: 2, md: 4 }} spacing="md" verticalSpacing="xs" m={0}>
      {items.map(([label, value]) => (
        <div key={label}>
          <Text component="dt" size="sm" c="dimmed">
            {label}
          </Text>
          <Text component="dd" m={0} fw={500}>
            {value}
          </Text>
        </div>
      ))}
    </SimpleGrid>
  )
}

function SimpleTable({ caption, headers, rows, minWidth = 400 }: { caption: string; headers: string[]; rows: ReactNode[][]; minWidth?: number }) {
  return (
    <Table.ScrollContainer minWidth={minWidth}>
      <Table verticalSpacing="xs" striped>
        <Table.Caption>{caption}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            {headers.map((header) => (
              <Table.Th key={header}>{header}</Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((cells, index) => (
            <Table.Tr key={index}>
              {cells.map((cell, column) => (
                <Table.Td key={column}>{cell}</Table.Td>
              ))}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  )
}

/** "4 h", "2 business days, to the end of the working day". */
function useFormatDuration() {
  const { t } = useTranslation()
  return (duration: SlaDuration) => {
    const text = t(`terms.durations.${duration.unit}`, { count: duration.value })
    return duration.unit === 'businessDays' && duration.endOfWorkingDay ? `${text} ${t('terms.toEndOfWorkingDay')}` : text
  }
}

/** The terms of one version, read-only, in the order a contract is written. */
export function TermsView({ terms }: { terms: ContractTerms }) {
  const { t } = useTranslation()
  const locale = useFormattingLocale()
  const formatDate = useFormatDate()
  const formatAmount = useFormatAmount()
  const formatDuration = useFormatDuration()
  const number = (value: number) => new Intl.NumberFormat(locale, { maximumFractionDigits: 4 }).format(value)
  const percent = (value: number) => `${number(value)} %`
  const months = (count: number) => t('terms.months', { count })
  // A limit absent, null or zero is none, as invoice control reads it.
  const tolerance = (limits: InvoiceTolerance | null | undefined) => {
    const amount = limits?.amount ? formatAmount(limits.amount) : null
    const share = limits?.percent ? percent(limits.percent) : null
    if (amount && share) return t('terms.toleranceBoth', { amount, percent: share })
    if (share) return t('terms.tolerancePercentOnly', { percent: share })
    return amount ?? t('terms.noTolerance')
  }
  const none = (text: string) => (
    <Text c="dimmed" size="sm">
      {text}
    </Text>
  )

  return (
    <Stack>
      <TermsSection title={t('terms.sections.duration')}>
        <Facts
          items={[
            [t('terms.startDate'), formatDate(terms.startDate)],
            [t('terms.initialTermMonths'), months(terms.initialTermMonths)],
            [t('terms.renewalPeriodMonths'), terms.renewalPeriodMonths === 0 ? t('terms.noRenewal') : months(terms.renewalPeriodMonths)],
            [t('terms.noticeMonths'), months(terms.noticeMonths)],
          ]}
        />
      </TermsSection>

      <TermsSection title={t('terms.sections.prices')}>
        <Facts
          items={[
            [t('terms.monthlyFee'), terms.prices.monthlyFee == null ? t('contracts.notSet') : formatAmount(terms.prices.monthlyFee)],
            [t('terms.invoiceTolerance'), tolerance(terms.invoiceTolerance)],
          ]}
        />
        {terms.prices.workUnits.length === 0 ? (
          none(t('terms.noWorkUnits'))
        ) : (
          <SimpleTable
            caption={t('terms.workUnits')}
            headers={[t('terms.workUnitCode'), t('terms.workUnitLabel'), t('terms.unitPrice'), t('terms.countedOn')]}
            rows={terms.prices.workUnits.map((unit) => [
              unit.code,
              unit.label,
              formatAmount(unit.unitPrice),
              unit.countedOn ? t(`inventory.types.${unit.countedOn}`) : t('terms.notLimited'),
            ])}
          />
        )}
      </TermsSection>

      <TermsSection title={t('terms.sections.revision')}>
        {terms.revision === null ? (
          none(t('terms.noRevision'))
        ) : (
          <>
            <Text size="sm">{t('terms.revisionFormula')}</Text>
            <Facts
              items={[
                [t('terms.revisionA'), number(terms.revision.a)],
                [t('terms.revisionB'), number(terms.revision.b)],
                [t('terms.referenceMonth'), terms.revision.referenceMonth],
                [t('terms.anniversary'), terms.revision.anniversary ? formatDate(terms.revision.anniversary) : t('contracts.notSet')],
              ]}
            />
          </>
        )}
      </TermsSection>

      <TermsSection title={t('terms.sections.calendar')}>
        <Facts
          items={[
            [t('terms.timeZone'), terms.calendar.timeZone],
            [
              t('terms.holidayPacks'),
              terms.calendar.holidayPacks.length === 0
                ? t('terms.noHolidayPack')
                : terms.calendar.holidayPacks.map((pack) => t(`terms.packs.${holidayPackKey(pack)}`)).join(', '),
            ],
            [
              t('terms.closedDays'),
              terms.calendar.closedDays.length === 0 ? t('terms.noClosedDay') : terms.calendar.closedDays.map(formatDate).join(', '),
            ],
          ]}
        />
        {terms.calendar.alwaysOpen ? (
          <Text fw={500}>{t('terms.alwaysOpen')}</Text>
        ) : terms.calendar.weekly.length === 0 ? (
          none(t('terms.noOpening'))
        ) : (
          <SimpleTable
            caption={t('terms.weekly')}
            headers={[t('terms.day'), t('terms.openingHours')]}
            rows={weekDays
              .map((day) => ({ day, intervals: terms.calendar.weekly.filter((interval) => interval.day === day) }))
              .filter(({ intervals }) => intervals.length > 0)
              .map(({ day, intervals }) => [
                t(`terms.days.${day}`),
                intervals
                  .toSorted((a, b) => a.open.localeCompare(b.open))
                  .map((interval) => `${interval.open}–${interval.close}`)
                  .join(', '),
              ])}
            minWidth={300}
          />
        )}
      </TermsSection>

      <TermsSection title={t('terms.sections.sla')}>
        {terms.sla.targets.length === 0 ? (
          none(t('terms.noTarget'))
        ) : (
          <SimpleTable
            caption={t('terms.slaTargets')}
            headers={[t('terms.priority'), t('terms.respond'), t('terms.resolve')]}
            rows={terms.sla.targets.map((target) => [target.priority, formatDuration(target.respond), formatDuration(target.resolve)])}
          />
        )}
        <Facts items={[[t('terms.warningThresholds'), terms.sla.warningThresholds.map(percent).join(', ') || t('terms.none')]]} />
      </TermsSection>

      <TermsSection title={t('terms.sections.penalties')}>
        {terms.penalties.perBreach.length === 0 ? (
          none(t('terms.noPenalty'))
        ) : (
          <SimpleTable
            caption={t('terms.perBreach')}
            headers={[t('terms.priority'), t('terms.clock'), t('terms.penaltyKind'), t('terms.amount')]}
            rows={terms.penalties.perBreach.map((rule) => [
              rule.priority,
              t(`terms.clocks.${rule.clock ?? 'both'}`),
              t(`terms.penaltyKinds.${rule.kind}`),
              rule.kind === 'fixed' ? formatAmount(rule.amount) : t('terms.percentOfFee', { percent: percent(rule.amount) }),
            ])}
          />
        )}
        {terms.penalties.successRateTargets.length > 0 && (
          <SimpleTable
            caption={t('terms.successRateTargets')}
            headers={[t('terms.priority'), t('terms.clock'), t('terms.targetPercent'), t('terms.creditPercentPerPoint'), t('terms.maxCreditPercent')]}
            minWidth={560}
            rows={terms.penalties.successRateTargets.map((target) => [
              target.priority,
              t(`terms.clocks.${target.clock}`),
              percent(target.targetPercent),
              t('terms.percentOfFee', { percent: percent(target.creditPercentPerPoint) }),
              t('terms.percentOfFee', { percent: percent(target.maxCreditPercent) }),
            ])}
          />
        )}
        {terms.penalties.availabilityBands.length > 0 && (
          <SimpleTable
            caption={t('terms.availabilityBands')}
            headers={[t('terms.belowPercent'), t('terms.penaltyPercentOfFee')]}
            rows={terms.penalties.availabilityBands.map((band) => [percent(band.belowPercent), percent(band.penaltyPercentOfFee)])}
          />
        )}
        {/* Zero means none, for the franchise, the caps and the minimum alike. */}
        <Facts
          items={[
            [t('terms.monthlyFreeBreaches'), terms.penalties.monthlyFreeBreaches ? String(terms.penalties.monthlyFreeBreaches) : t('terms.none')],
            [
              t('terms.monthlyCapPercent'),
              terms.penalties.monthlyCapPercent ? t('terms.percentOfFee', { percent: percent(terms.penalties.monthlyCapPercent) }) : t('terms.none'),
            ],
            [
              t('terms.annualCapPercent'),
              terms.penalties.annualCapPercent ? t('terms.percentOfAnnualFees', { percent: percent(terms.penalties.annualCapPercent) }) : t('terms.none'),
            ],
            [t('terms.minimumTotal'), terms.penalties.minimumTotal ? formatAmount(terms.penalties.minimumTotal) : t('terms.none')],
          ]}
        />
      </TermsSection>

      <TermsSection title={t('terms.sections.clauses')}>
        {(
          [
            ['evolutionClause', terms.evolutionClause],
            ['reversibilityClause', terms.reversibilityClause],
          ] as const
        ).map(([key, text]) => (
          <div key={key}>
            <Text fw={600} size="sm">
              {t(`terms.${key}`)}
            </Text>
            {text.trim() === '' ? none(t('terms.noClause')) : <Text style={{ whiteSpace: 'pre-wrap' }}>{text}</Text>}
          </div>
        ))}
      </TermsSection>
    </Stack>
  )
}
