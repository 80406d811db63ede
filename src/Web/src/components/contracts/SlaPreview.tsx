import { Alert, Button, Group, List, NativeSelect, Paper, Stack, Table, Text, Title } from '@mantine/core'
import type { TFunction } from 'i18next'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useFormattingLocale } from '../../format'
import { ApiError, pathErrors } from '../../api'
import type { ContractTerms, Priority, SlaDuration } from '../../hooks/contracts'
import { useSlaPreview, type SlaPreview as Clock } from '../../hooks/slaPreview'
import { isKnownZone, nowInZone, zonedToInstant } from '../../zonedTime'
import { DateTimeField } from '../DateTimeField'
import { ErrorAlert } from '../States'

type Which = 'respond' | 'resolve'

interface Props {
  calendar: ContractTerms['calendar']
  targets: ContractTerms['sla']['targets']
  /** Undefined while the editor's thresholds do not read as numbers: the server's default (50, 75) is shown then. */
  warningThresholds?: number[]
}

function formatDuration(duration: SlaDuration, t: TFunction): string {
  const text = t(`terms.durations.${duration.unit}`, { count: duration.value })
  return duration.unit === 'businessDays' && duration.endOfWorkingDay ? `${text} ${t('terms.toEndOfWorkingDay')}` : text
}

/**
 * What each field a 422 names is called on screen: the editor's own words for the calendar's fields, the target
 * it belongs to for a duration's. Unknown paths are shown as they are.
 */
function fieldLabel(path: string, t: TFunction): string {
  const interval = /^calendar\.weekly\[(\d+)\](?:\.(day|open|close))?$/.exec(path)
  if (interval) {
    const row = t('terms.editor.intervalRow', { n: Number(interval[1]) + 1 })
    const field = { day: t('terms.day'), open: t('terms.opens'), close: t('terms.closes') }[interval[2] ?? ''] ?? t('terms.weekly')
    return t('terms.editor.rowField', { field, row })
  }
  const closedDay = /^calendar\.closedDays\[(\d+)\]$/.exec(path)
  if (closedDay) return t('terms.editor.closedDayRow', { n: Number(closedDay[1]) + 1 })
  if (path.startsWith('calendar.holidayPacks')) return t('terms.holidayPacks')
  const target = /^(respond|resolve)\.target(?:\.(value|unit|endOfWorkingDay))?$/.exec(path)
  if (target) {
    const which = t(`terms.${target[1] as Which}`)
    if (target[2] === 'unit') return t('terms.editor.durationUnit', { which })
    if (target[2] === 'endOfWorkingDay') return t('terms.editor.endOfWorkingDayOf', { which })
    return t('terms.editor.durationValue', { which })
  }
  const known: Record<string, string> = {
    calendar: t('terms.sections.calendar'),
    'calendar.timeZone': t('terms.timeZone'),
    'calendar.weekly': t('terms.weekly'),
    'calendar.closedDays': t('terms.closedDays'),
    warningThresholds: t('terms.warningThresholds'),
    startedAt: t('terms.preview.start'),
  }
  return known[path] ?? path
}

/**
 * The SLA clocks of one priority on the calendar being edited, before anything is saved: when a ticket opened
 * at a given time must be answered and resolved, and when its warnings fall. Times are the calendar's wall clock
 * (the desk's), which is also how the start is read.
 */
export function SlaPreview({ calendar, targets, warningThresholds }: Props) {
  const { t } = useTranslation()
  const locale = useFormattingLocale()
  const zoneKnown = isKnownZone(calendar.timeZone)
  const zone = zoneKnown ? calendar.timeZone : Intl.DateTimeFormat().resolvedOptions().timeZone
  const [priority, setPriority] = useState<Priority | ''>(targets[0]?.priority ?? '')
  const [start, setStart] = useState(() => nowInZone(zone))
  const [startError, setStartError] = useState<string | null>(null)
  const [computedFor, setComputedFor] = useState<Priority | null>(null)
  const preview = useSlaPreview()
  const target = targets.find((candidate) => candidate.priority === priority) ?? targets[0]

  const formatInstant = (iso: string) => {
    try {
      return new Intl.DateTimeFormat(locale, {
        timeZone: zone,
        weekday: 'short',
        day: 'numeric',
        month: 'short',
        year: 'numeric',
        hour: '2-digit',
        minute: '2-digit',
        second: '2-digit',
        hourCycle: 'h23',
      }).format(new Date(iso))
    } catch {
      return iso
    }
  }

  function compute() {
    if (target === undefined) return
    const startedAt = zonedToInstant(start, zone)
    if (startedAt === null) {
      setStartError(t('terms.preview.startInvalid'))
      return
    }
    setStartError(null)
    const request = (duration: SlaDuration) => ({
      calendar,
      target: duration,
      startedAt: startedAt.toISOString(),
      warningThresholds,
    })
    setComputedFor(target.priority)
    preview.mutate({ respond: request(target.respond), resolve: request(target.resolve) })
  }

  const problem = preview.error instanceof ApiError && preview.error.status === 422 ? pathErrors(preview.error.problem) : null
  // The targets as they were sent: the form may have changed since.
  const clocks: [Which, SlaDuration, Clock][] =
    preview.data && preview.variables && !preview.isPending
      ? [
          ['respond', preview.variables.respond.target, preview.data.respond],
          ['resolve', preview.variables.resolve.target, preview.data.resolve],
        ]
      : []

  return (
    <Paper withBorder p="md" component="section" aria-labelledby="sla-preview-title">
      <Stack gap="sm">
        <Title order={4} id="sla-preview-title">
          {t('terms.preview.title')}
        </Title>
        <Text size="sm" c="dimmed">
          {t('terms.preview.help', { zone })}
        </Text>
        {targets.length === 0 ? (
          <Text size="sm">{t('terms.preview.noTarget')}</Text>
        ) : (
          <Group align="flex-end" wrap="wrap">
            <NativeSelect
              label={t('terms.priority')}
              value={target?.priority ?? ''}
              onChange={(event) => setPriority(event.currentTarget.value as Priority)}
              data={targets.map((candidate) => candidate.priority)}
            />
            <DateTimeField
              withSeconds
              label={t('terms.preview.startIn', { zone })}
              value={start}
              onChange={setStart}
              error={startError}
              w={260}
            />
            <Button variant="light" onClick={compute} loading={preview.isPending}>
              {t('terms.preview.compute')}
            </Button>
          </Group>
        )}
        {!zoneKnown && calendar.timeZone.trim() !== '' && (
          <Text size="sm" c="dimmed">
            {t('terms.preview.zoneUnknown', { zone: calendar.timeZone, fallback: zone })}
          </Text>
        )}
        {problem && (
          <Alert color="red" role="alert" title={t('terms.preview.invalid')}>
            <List size="sm">
              {Object.entries(problem).map(([path, message]) => (
                <List.Item key={path}>{t('errors.fieldMessage', { field: fieldLabel(path, t), message })}</List.Item>
              ))}
            </List>
          </Alert>
        )}
        {preview.error && !problem && <ErrorAlert error={preview.error} />}
        {clocks.length > 0 && (
          <Table.ScrollContainer minWidth={520}>
            <Table aria-label={t('terms.preview.resultsOf', { priority: computedFor })}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('terms.preview.clock')}</Table.Th>
                  <Table.Th>{t('terms.preview.target')}</Table.Th>
                  <Table.Th>{t('terms.preview.dueAt')}</Table.Th>
                  <Table.Th>{t('terms.preview.warnings')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {clocks.map(([which, duration, clock]) => (
                  <Table.Tr key={which}>
                    <Table.Th scope="row">{t(`terms.${which}`)}</Table.Th>
                    <Table.Td>{formatDuration(duration, t)}</Table.Td>
                    <Table.Td>{formatInstant(clock.dueAt)}</Table.Td>
                    <Table.Td>
                      {clock.warnings.length === 0
                        ? t('terms.none')
                        : clock.warnings.map((warning) => (
                            <div key={warning.percent}>{t('terms.preview.warningAt', { percent: warning.percent, at: formatInstant(warning.at) })}</div>
                          ))}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Stack>
    </Paper>
  )
}
