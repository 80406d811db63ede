import { Badge } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import type { Priority } from '../../hooks/contracts'
import type { PendingSide, TicketKind, TicketStatus } from '../../hooks/tickets'

const priorityColors: Record<Priority, string> = { P1: 'red', P2: 'orange', P3: 'yellow', P4: 'gray' }

export function PriorityBadge({ priority }: { priority: Priority }) {
  const { t } = useTranslation()
  return (
    <Badge color={priorityColors[priority]} variant={priority === 'P1' ? 'filled' : 'light'} title={t(`tickets.priorities.${priority}`)}>
      {priority}
    </Badge>
  )
}

const statusColors: Record<TicketStatus, string> = {
  new: 'blue',
  assigned: 'indigo',
  inProgress: 'cyan',
  pendingClient: 'grape',
  resolved: 'teal',
  closed: 'gray',
}

/** A ticket waiting on the client says whose side the wait is on. */
export function StatusBadge({ status, pendingSide }: { status: TicketStatus; pendingSide?: PendingSide | null }) {
  const { t } = useTranslation()
  const label = status === 'pendingClient' && pendingSide ? t(`tickets.pendingSides.${pendingSide}`) : t(`tickets.statuses.${status}`)
  return (
    <Badge color={statusColors[status]} variant="light">
      {label}
    </Badge>
  )
}

export function LevelBadge({ level }: { level: number }) {
  const { t } = useTranslation()
  return (
    <Badge color={level === 2 ? 'violet' : 'gray'} variant="outline" title={t('tickets.levelNumber', { level })}>
      {t('tickets.levelShort', { level })}
    </Badge>
  )
}

export function KindLabel({ kind }: { kind: TicketKind }) {
  const { t } = useTranslation()
  return <>{t(`tickets.kinds.${kind}`)}</>
}
