import { Badge, Group, Text } from '@mantine/core'
import { IconAlertTriangle } from '@tabler/icons-react'
import { useTranslation } from 'react-i18next'
import { useFormatDateTime } from '../../format'
import { useRelativeDue } from '../../hooks/ticketText'

export function BreachedBadge() {
  const { t } = useTranslation()
  return (
    <Badge color="red" variant="filled" leftSection={<IconAlertTriangle size={12} aria-hidden />}>
      {t('tickets.sla.breached')}
    </Badge>
  )
}

/**
 * A list row's SLA: the earliest due time of a running clock with its live countdown, the breach marker, or why
 * nothing counts (waiting on the client, done).
 */
export function SlaDue({ dueAt, breached, paused, now }: { dueAt?: string | null; breached: boolean; paused: boolean; now: number }) {
  const { t } = useTranslation()
  const formatDateTime = useFormatDateTime()
  const relativeDue = useRelativeDue()
  const late = dueAt != null && new Date(dueAt).getTime() < now
  return (
    <Group gap={6} wrap="nowrap">
      {dueAt != null ? (
        <div>
          <Text size="sm" c={late ? 'red' : undefined} fw={late ? 600 : undefined} style={{ whiteSpace: 'nowrap' }}>
            {relativeDue(dueAt, now)}
          </Text>
          <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
            <time dateTime={dueAt}>{formatDateTime(dueAt)}</time>
          </Text>
        </div>
      ) : (
        <Text size="sm" c="dimmed">
          {paused ? t('tickets.sla.paused') : t('tickets.sla.noClock')}
        </Text>
      )}
      {breached && <BreachedBadge />}
    </Group>
  )
}
