import { ActionIcon, Alert, Badge, Button, Group, List, NativeSelect, Paper, Stack, Table, Text, TextInput, Title } from '@mantine/core'
import { IconPlus, IconTrash } from '@tabler/icons-react'
import type { TFunction } from 'i18next'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { ApiError, pathErrors } from '../../api'
import { useFormatAmount, useFormattingLocale } from '../../format'
import { priorities, slaClocks, type PenaltyRules, type Priority, type SlaClock } from '../../hooks/contracts'
import { usePenaltyLineText } from '../../hooks/penaltyLineText'
import { usePenaltyPreview, type PenaltyPreviewRequest } from '../../hooks/penaltyPreview'
import { isKnownZone, zonedToInstant } from '../../zonedTime'
import { DateTimeField } from '../DateTimeField'
import { MonthField } from '../MonthField'
import { NumberField } from '../NumberField'
import { ErrorAlert } from '../States'

interface Props {
  rules: PenaltyRules
  monthlyFee: number
  /** The contract calendar's zone: the month and the breach times are read there. */
  timeZone: string
}

/** A breach of the sample month; `at` a wall-clock time ("2027-03-02T10:00") in the calendar's zone. */
interface SampleBreach {
  ticket: number
  priority: Priority
  clock: SlaClock
  at: string
}

/** Clocks of one priority and clock completed in the sample month: how many met their target, how many not. */
interface SampleClocks {
  priority: Priority
  clock: SlaClock
  met: number
  missed: number
}

const pad = (value: number) => String(value).padStart(2, '0')

/** Last month, "yyyy-MM": the month a statement is usually read for. */
function lastMonth(now: Date = new Date()): string {
  const date = new Date(now.getFullYear(), now.getMonth() - 1, 1)
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}`
}

/** The same day and time in another month ("2027-03-31T10:00" → "2027-04-28T10:00": days past the 28th are brought back). */
function inMonth(at: string, month: string): string {
  const match = /^\d{4}-\d{2}-(\d{2})(T.*)$/.exec(at)
  if (!match || !/^\d{4}-\d{2}$/.test(month)) return at
  return `${month}-${pad(Math.min(Number(match[1]), 28))}${match[2]}`
}

function sampleBreaches(month: string): SampleBreach[] {
  return [
    { ticket: 1042, priority: 'P1', clock: 'resolve', at: `${month}-02T10:00` },
    { ticket: 1057, priority: 'P2', clock: 'resolve', at: `${month}-09T14:30` },
    { ticket: 1063, priority: 'P1', clock: 'respond', at: `${month}-16T09:15` },
  ]
}

const sampleClocks: SampleClocks[] = [
  { priority: 'P1', clock: 'resolve', met: 9, missed: 1 },
  { priority: 'P2', clock: 'resolve', met: 18, missed: 2 },
]

/** What each field a 422 names is called on screen; the rules' own fields keep their path. */
function fieldLabel(path: string, t: TFunction): string {
  const item = /^(breaches|availability)\[(\d+)\](?:\.(\w+))?$/.exec(path)
  if (item) {
    const row = t(item[1] === 'breaches' ? 'terms.penaltyPreview.breachRow' : 'terms.penaltyPreview.serviceRow', { n: Number(item[2]) + 1 })
    return item[3] ? t('terms.editor.rowField', { field: item[3], row }) : row
  }
  if (path.startsWith('clocks')) return t('terms.penaltyPreview.clocks')
  if (path.startsWith('rules')) return t('terms.penaltyPreview.rulesField', { path: path.replace(/^rules\.?/, '') })
  const known: Record<string, string> = {
    month: t('terms.penaltyPreview.month'),
    monthlyFee: t('terms.monthlyFee'),
    yearToDate: t('terms.penaltyPreview.yearToDate'),
  }
  return known[path] ?? path
}

/**
 * The statement of a sample month under the penalty rules being edited, before anything is saved: a few breaches,
 * the month's completed clocks and a service's availability, priced by the statement engine with the version's
 * monthly fee. Shows each line, the gross, what the franchise and the caps take, the minimum and the total.
 */
export function PenaltyPreview({ rules, monthlyFee, timeZone }: Props) {
  const { t } = useTranslation()
  const locale = useFormattingLocale()
  const formatAmount = useFormatAmount()
  const zone = isKnownZone(timeZone) ? timeZone : Intl.DateTimeFormat().resolvedOptions().timeZone
  const [month, setMonth] = useState(lastMonth)
  const [breaches, setBreaches] = useState<SampleBreach[]>(() => sampleBreaches(lastMonth()))
  const [clocks, setClocks] = useState<SampleClocks[]>(sampleClocks)
  const [availability, setAvailability] = useState([{ service: 'ERP', percent: 99.1 }])
  const [yearToDate, setYearToDate] = useState(0)
  const [breachErrors, setBreachErrors] = useState<Record<number, string>>({})
  const preview = usePenaltyPreview()

  const formatInstant = (iso: string) => {
    try {
      return new Intl.DateTimeFormat(locale, { timeZone: zone, day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(iso))
    } catch {
      return iso
    }
  }
  const { describe, clockName } = usePenaltyLineText(formatInstant)

  function changeMonth(next: string) {
    setMonth(next)
    setBreaches((previous) => previous.map((breach) => ({ ...breach, at: inMonth(breach.at, next) })))
  }

  function compute() {
    const errors: Record<number, string> = {}
    const sent: PenaltyPreviewRequest['breaches'] = []
    breaches.forEach((breach, index) => {
      const instant = zonedToInstant(breach.at, zone)
      if (instant === null) errors[index] = t('terms.penaltyPreview.atInvalid')
      else sent.push({ ticket: breach.ticket, priority: breach.priority, clock: breach.clock, breachedAt: instant.toISOString() })
    })
    setBreachErrors(errors)
    if (Object.keys(errors).length > 0) return
    preview.mutate({
      month,
      monthlyFee,
      rules,
      breaches: sent,
      clocks: clocks.flatMap((row) => [
        ...Array.from({ length: Math.max(0, Math.floor(row.met || 0)) }, () => ({ priority: row.priority, clock: row.clock, met: true })),
        ...Array.from({ length: Math.max(0, Math.floor(row.missed || 0)) }, () => ({ priority: row.priority, clock: row.clock, met: false })),
      ]),
      availability,
      yearToDate,
    })
  }

  const problem = preview.error instanceof ApiError && preview.error.status === 422 ? pathErrors(preview.error.problem) : null
  const result = preview.data && !preview.isPending ? preview.data : null
  const minimum = preview.variables?.rules.minimumTotal ?? 0

  return (
    <Paper withBorder p="md" component="section" aria-labelledby="penalty-preview-title">
      <Stack gap="sm">
        <Title order={4} id="penalty-preview-title">
          {t('terms.penaltyPreview.title')}
        </Title>
        <Text size="sm" c="dimmed">
          {t('terms.penaltyPreview.help', { fee: Number.isFinite(monthlyFee) ? formatAmount(monthlyFee) : '—', zone })}
        </Text>
        <Group align="flex-start" wrap="wrap">
          <MonthField label={t('terms.penaltyPreview.month')} w={180} value={month} onChange={changeMonth} />
          <NumberField
            label={t('terms.penaltyPreview.yearToDate')}
            description={t('terms.penaltyPreview.yearToDateHelp')}
            w={240}
            min={0}
            decimalScale={2}
            suffix=" €"
            value={yearToDate}
            onChange={setYearToDate}
          />
        </Group>

        <Text fw={600} size="sm">
          {t('terms.penaltyPreview.breaches')}
        </Text>
        {breaches.map((breach, index) => {
          const rowName = t('terms.penaltyPreview.breachRow', { n: index + 1 })
          const label = (field: string) => t('terms.editor.rowField', { field, row: rowName })
          const change = (patch: Partial<SampleBreach>) => setBreaches((previous) => previous.map((item, i) => (i === index ? { ...item, ...patch } : item)))
          return (
            <Group key={index} align="flex-end" gap="sm" wrap="wrap">
              <NumberField aria-label={label(t('terms.penaltyPreview.ticket'))} label={t('terms.penaltyPreview.ticket')} w={110} min={1} allowDecimal={false} value={breach.ticket} onChange={(ticket) => change({ ticket })} />
              <NativeSelect aria-label={label(t('terms.priority'))} label={t('terms.priority')} value={breach.priority} data={[...priorities]} onChange={(event) => change({ priority: event.currentTarget.value as Priority })} />
              <NativeSelect
                aria-label={label(t('terms.clock'))}
                label={t('terms.clock')}
                value={breach.clock}
                data={slaClocks.map((clock) => ({ value: clock, label: t(`terms.clocks.${clock}`) }))}
                onChange={(event) => change({ clock: event.currentTarget.value as SlaClock })}
              />
              <DateTimeField
                aria-label={label(t('terms.penaltyPreview.breachedAt'))}
                label={t('terms.penaltyPreview.breachedAt')}
                w={230}
                value={breach.at}
                onChange={(at) => change({ at })}
                error={breachErrors[index]}
              />
              <ActionIcon variant="subtle" color="red" size="lg" aria-label={t('terms.editor.remove', { row: rowName })} onClick={() => setBreaches((previous) => previous.filter((_, i) => i !== index))}>
                <IconTrash size={18} aria-hidden />
              </ActionIcon>
            </Group>
          )
        })}
        <Group>
          <Button
            variant="light"
            size="xs"
            leftSection={<IconPlus size={14} aria-hidden />}
            onClick={() =>
              setBreaches((previous) => [...previous, { ticket: Math.max(1000, ...previous.map((breach) => breach.ticket || 0)) + 1, priority: 'P2', clock: 'resolve', at: `${month}-20T11:00` }])
            }
          >
            {t('terms.penaltyPreview.addBreach')}
          </Button>
        </Group>

        <Text fw={600} size="sm">
          {t('terms.penaltyPreview.clocks')}
        </Text>
        {clocks.map((row, index) => {
          const rowName = t('terms.penaltyPreview.clocksRow', { priority: row.priority, clock: clockName(row.clock) })
          const change = (patch: Partial<SampleClocks>) => setClocks((previous) => previous.map((item, i) => (i === index ? { ...item, ...patch } : item)))
          return (
            <Group key={index} align="flex-end" gap="sm" wrap="wrap">
              <NativeSelect
                aria-label={t('terms.editor.rowField', { field: t('terms.priority'), row: t('terms.penaltyPreview.clocksRowN', { n: index + 1 }) })}
                label={t('terms.priority')}
                value={row.priority}
                data={[...priorities]}
                onChange={(event) => change({ priority: event.currentTarget.value as Priority })}
              />
              <NativeSelect
                aria-label={t('terms.editor.rowField', { field: t('terms.clock'), row: t('terms.penaltyPreview.clocksRowN', { n: index + 1 }) })}
                label={t('terms.clock')}
                value={row.clock}
                data={slaClocks.map((clock) => ({ value: clock, label: t(`terms.clocks.${clock}`) }))}
                onChange={(event) => change({ clock: event.currentTarget.value as SlaClock })}
              />
              <NumberField aria-label={t('terms.editor.rowField', { field: t('terms.penaltyPreview.met'), row: rowName })} label={t('terms.penaltyPreview.met')} w={110} min={0} max={10_000} allowDecimal={false} value={row.met} onChange={(met) => change({ met })} />
              <NumberField aria-label={t('terms.editor.rowField', { field: t('terms.penaltyPreview.missed'), row: rowName })} label={t('terms.penaltyPreview.missed')} w={110} min={0} max={10_000} allowDecimal={false} value={row.missed} onChange={(missed) => change({ missed })} />
              <ActionIcon variant="subtle" color="red" size="lg" aria-label={t('terms.editor.remove', { row: rowName })} onClick={() => setClocks((previous) => previous.filter((_, i) => i !== index))}>
                <IconTrash size={18} aria-hidden />
              </ActionIcon>
            </Group>
          )
        })}
        <Group>
          <Button variant="light" size="xs" leftSection={<IconPlus size={14} aria-hidden />} onClick={() => setClocks((previous) => [...previous, { priority: 'P3', clock: 'resolve', met: 10, missed: 0 }])}>
            {t('terms.penaltyPreview.addClocks')}
          </Button>
        </Group>

        <Text fw={600} size="sm">
          {t('terms.penaltyPreview.availability')}
        </Text>
        {availability.map((service, index) => {
          const rowName = t('terms.penaltyPreview.serviceRow', { n: index + 1 })
          const change = (patch: Partial<{ service: string; percent: number }>) =>
            setAvailability((previous) => previous.map((item, i) => (i === index ? { ...item, ...patch } : item)))
          return (
            <Group key={index} align="flex-end" gap="sm" wrap="wrap">
              <TextInput
                aria-label={t('terms.editor.rowField', { field: t('terms.penaltyPreview.service'), row: rowName })}
                label={t('terms.penaltyPreview.service')}
                w={180}
                value={service.service}
                onChange={(event) => {
                  const value = event.currentTarget.value
                  change({ service: value })
                }}
              />
              <NumberField
                aria-label={t('terms.editor.rowField', { field: t('terms.penaltyPreview.availabilityPercent'), row: rowName })}
                label={t('terms.penaltyPreview.availabilityPercent')}
                w={160}
                min={0}
                max={100}
                decimalScale={3}
                suffix=" %"
                value={service.percent}
                onChange={(percentValue) => change({ percent: percentValue })}
              />
              <ActionIcon variant="subtle" color="red" size="lg" aria-label={t('terms.editor.remove', { row: rowName })} onClick={() => setAvailability((previous) => previous.filter((_, i) => i !== index))}>
                <IconTrash size={18} aria-hidden />
              </ActionIcon>
            </Group>
          )
        })}
        <Group justify="space-between">
          <Button variant="light" size="xs" leftSection={<IconPlus size={14} aria-hidden />} onClick={() => setAvailability((previous) => [...previous, { service: '', percent: 100 }])}>
            {t('terms.penaltyPreview.addService')}
          </Button>
          <Button variant="light" onClick={compute} loading={preview.isPending}>
            {t('terms.penaltyPreview.compute')}
          </Button>
        </Group>

        {problem && (
          <Alert color="red" role="alert" title={t('terms.penaltyPreview.invalid')}>
            <List size="sm">
              {Object.entries(problem).map(([path, message]) => (
                <List.Item key={path}>{t('errors.fieldMessage', { field: fieldLabel(path, t), message })}</List.Item>
              ))}
            </List>
          </Alert>
        )}
        {preview.error && !problem && <ErrorAlert error={preview.error} />}

        {result && (
          <>
            <Table.ScrollContainer minWidth={520}>
              <Table aria-label={t('terms.penaltyPreview.linesOf', { month: preview.variables?.month })} verticalSpacing="xs">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('terms.penaltyPreview.line')}</Table.Th>
                    <Table.Th ta="right">{t('terms.amount')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {result.lines.length === 0 && (
                    <Table.Tr>
                      <Table.Td colSpan={2}>{t('terms.penaltyPreview.noLine')}</Table.Td>
                    </Table.Tr>
                  )}
                  {result.lines.map((line, index) => (
                    <Table.Tr key={index}>
                      <Table.Td>
                        {describe(line)}{' '}
                        {line.free && (
                          <Badge size="sm" variant="light" color="gray">
                            {t('terms.penaltyPreview.free')}
                          </Badge>
                        )}
                      </Table.Td>
                      <Table.Td ta="right">{formatAmount(line.amount)}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
            <Table aria-label={t('terms.penaltyPreview.totals')} verticalSpacing={4} maw={480}>
              <Table.Tbody>
                {(
                  [
                    ['gross', result.grossAmount, false],
                    ['franchise', -result.freeAmount, false],
                    ['monthlyCap', -result.monthlyCapDeducted, false],
                    ['annualCap', -result.annualCapDeducted, false],
                    ['total', result.total, true],
                  ] as const
                ).map(([key, amount, strong]) => (
                  <Table.Tr key={key}>
                    <Table.Th scope="row" fw={strong ? 700 : 500}>
                      {t(`terms.penaltyPreview.${key}`)}
                    </Table.Th>
                    <Table.Td ta="right" fw={strong ? 700 : undefined}>
                      {formatAmount(amount === 0 ? 0 : amount)}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
            {result.belowMinimum ? (
              <Alert color="blue" title={t('terms.penaltyPreview.belowMinimumTitle')}>
                {t('terms.penaltyPreview.belowMinimum', { minimum: formatAmount(minimum) })}
              </Alert>
            ) : (
              minimum > 0 && (
                <Text size="sm" c="dimmed">
                  {t('terms.penaltyPreview.minimumReached', { minimum: formatAmount(minimum) })}
                </Text>
              )
            )}
          </>
        )}
      </Stack>
    </Paper>
  )
}
