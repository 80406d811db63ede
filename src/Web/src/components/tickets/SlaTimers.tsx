import { Badge, Box, Group, Paper, Progress, Stack, Text, Title, Tooltip } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import { useFormatDateTime, useFormattingLocale } from '../../format'
import type { SlaClock } from '../../hooks/tickets'
import { useNow } from '../../hooks/useNow'
import { isKnownZone } from '../../zonedTime'
import { useRelativeDue } from '../../hooks/ticketText'
import { BreachedBadge } from './SlaDue'

const order = { respond: 0, resolve: 1 } as const

function colorOf(clock: SlaClock): string {
  if (clock.breached || clock.percentUsed >= 100) return 'red'
  if (clock.paused) return 'gray'
  if (clock.percentUsed >= 75) return 'orange'
  if (clock.percentUsed >= 50) return 'yellow'
  return 'teal'
}

/** An instant in the contract calendar's zone, when it is not the browser's: the desk's wall clock. */
function useFormatInZone(zone: string) {
  const locale = useFormattingLocale()
  const browserZone = Intl.DateTimeFormat().resolvedOptions().timeZone
  if (!isKnownZone(zone) || zone === browserZone) return null
  const format = new Intl.DateTimeFormat(locale, { timeZone: zone, dateStyle: 'medium', timeStyle: 'short' })
  return (iso: string) => format.format(new Date(iso))
}

function ClockState({ clock }: { clock: SlaClock }) {
  const { t } = useTranslation()
  if (clock.breached) return <BreachedBadge />
  if (clock.paused) return <Badge color="gray">{t('tickets.sla.paused')}</Badge>
  if (!clock.running) return <Badge color="teal">{t('tickets.sla.met')}</Badge>
  return <Badge color="blue" variant="light">{t('tickets.sla.running')}</Badge>
}

function ClockTimer({ clock, zone, now }: { clock: SlaClock; zone: string; now: number }) {
  const { t } = useTranslation()
  const formatDateTime = useFormatDateTime()
  const formatInZone = useFormatInZone(zone)
  const relativeDue = useRelativeDue()
  const name = t(`tickets.clocks.${clock.clock}`)
  const counting = clock.running && !clock.paused
  return (
    <Stack gap={6} component="section" aria-label={name}>
      <Group justify="space-between" gap="xs">
        <Text fw={600}>{name}</Text>
        <ClockState clock={clock} />
      </Group>
      <Box pos="relative">
        <Progress
          value={Math.min(clock.percentUsed, 100)}
          color={colorOf(clock)}
          size="lg"
          striped={counting}
          aria-label={t('tickets.sla.progress', { clock: name })}
        />
        {clock.warnings.map((warning) => (
          <Tooltip key={warning.percent} label={t('tickets.sla.warningAt', { percent: warning.percent, at: formatDateTime(warning.at) })}>
            <Box
              className="sla-mark"
              data-passed={clock.percentUsed >= warning.percent || undefined}
              style={{ left: `${Math.min(warning.percent, 100)}%` }}
              aria-hidden
            />
          </Tooltip>
        ))}
      </Box>
      <Group justify="space-between" gap="xs" align="flex-start">
        <Text size="sm">{t('tickets.sla.percentUsed', { percent: clock.percentUsed })}</Text>
        <Stack gap={0} align="flex-end">
          <Text size="sm">
            {clock.running ? t('tickets.sla.dueAt', { at: formatDateTime(clock.dueAt) }) : t('tickets.sla.wasDueAt', { at: formatDateTime(clock.dueAt) })}
            {counting && (
              <Text span fw={600} c={new Date(clock.dueAt).getTime() < now ? 'red' : undefined}>
                {' '}
                ({relativeDue(clock.dueAt, now)})
              </Text>
            )}
          </Text>
          {formatInZone && (
            <Text size="xs" c="dimmed">
              {t('tickets.sla.inCalendarZone', { zone, at: formatInZone(clock.dueAt) })}
            </Text>
          )}
          {clock.paused && (
            <Text size="xs" c="dimmed">
              {t('tickets.sla.pausedHelp')}
            </Text>
          )}
          {!clock.running && clock.stoppedAt && (
            <Text size="xs" c="dimmed">
              {t('tickets.sla.stoppedAt', { at: formatDateTime(clock.stoppedAt) })}
            </Text>
          )}
        </Stack>
      </Group>
      {clock.warnings.length > 0 && (
        <Text size="xs" c="dimmed">
          {t('tickets.sla.warnings')}{' '}
          {clock.warnings.map((warning) => t('tickets.sla.warningAt', { percent: warning.percent, at: formatDateTime(warning.at) })).join(' · ')}
        </Text>
      )}
    </Stack>
  )
}

/**
 * The ticket's two SLA clocks, live: how much of the business-time target is used (the server counts it in the
 * contract's calendar), the due time with a countdown, the warning marks, a pause while the ticket waits on the
 * client, the breach.
 */
export function SlaTimers({ clocks, zone }: { clocks: SlaClock[]; zone: string }) {
  const { t } = useTranslation()
  const now = useNow()
  const sorted = [...clocks].sort((a, b) => order[a.clock] - order[b.clock])
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="sla-timers-title">
      <Stack>
        <Title order={2} size="h4" id="sla-timers-title">
          {t('tickets.sla.title')}
        </Title>
        {sorted.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('tickets.sla.noClock')}
          </Text>
        ) : (
          sorted.map((clock) => <ClockTimer key={clock.clock} clock={clock} zone={zone} now={now} />)
        )}
      </Stack>
    </Paper>
  )
}
