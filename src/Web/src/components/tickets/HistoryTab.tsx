import { Badge, Table, Text } from '@mantine/core'
import type { TFunction } from 'i18next'
import { useTranslation } from 'react-i18next'
import { useFormatDateTime } from '../../format'
import { matrixLevels, pendingSides, ticketStatuses, useTicketHistory, type TicketDetail } from '../../hooks/tickets'
import { ListStates } from '../States'

const knownFields = ['status', 'pendingSide', 'comment', 'assignee', 'team', 'level', 'impact', 'urgency', 'priority', 'satisfaction', 'attachment', 'outage'] as const
type KnownField = (typeof knownFields)[number]
const isKnown = (field: string): field is KnownField => knownFields.some((known) => known === field)

const oneOf = <T extends string>(values: readonly T[], value: string): value is T => values.some((candidate) => candidate === value)

/** A recorded value in words where the screen has words for it (statuses, levels), as recorded otherwise. */
function valueText(field: string, value: string | null | undefined, t: TFunction): string {
  if (value == null || value === '') return '—'
  if (field === 'status' && oneOf(ticketStatuses, value)) return t(`tickets.statuses.${value}`)
  if (field === 'pendingSide' && oneOf(pendingSides, value)) return t(`tickets.pendingSides.${value}`)
  if (field === 'impact' && oneOf(matrixLevels, value)) return t(`tickets.impacts.${value}`)
  if (field === 'urgency' && oneOf(matrixLevels, value)) return t(`tickets.urgencies.${value}`)
  if (field === 'comment' && oneOf(['public', 'internal'] as const, value)) return t(`tickets.comments.${value}`)
  if (field === 'level') return t('tickets.levelNumber', { level: value })
  if (field === 'satisfaction') return t('tickets.satisfaction.scoreOf', { score: value })
  return value
}

/** Every change to the ticket: who, when, what before and after (the desk also sees its internal entries). */
export function HistoryTab({ ticket }: { ticket: TicketDetail }) {
  const { t } = useTranslation()
  const history = useTicketHistory(ticket.id)
  const formatDateTime = useFormatDateTime()
  return (
    <ListStates query={history} empty={<Text c="dimmed">{t('tickets.history.none')}</Text>}>
      {(entries) => (
        <Table.ScrollContainer minWidth={700}>
          <Table verticalSpacing="xs" striped>
            <Table.Caption>{t('tickets.history.caption')}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('tickets.history.when')}</Table.Th>
                <Table.Th>{t('tickets.history.who')}</Table.Th>
                <Table.Th>{t('tickets.history.what')}</Table.Th>
                <Table.Th>{t('tickets.history.before')}</Table.Th>
                <Table.Th>{t('tickets.history.after')}</Table.Th>
                <Table.Th>{t('tickets.history.note')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {entries.map((entry) => (
                <Table.Tr key={entry.id}>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>
                    <time dateTime={entry.occurredAt}>{formatDateTime(entry.occurredAt)}</time>
                  </Table.Td>
                  <Table.Td>
                    {entry.actorName}
                    {entry.internal && (
                      <Badge ml="xs" size="xs" color="grape">
                        {t('tickets.comments.internal')}
                      </Badge>
                    )}
                  </Table.Td>
                  <Table.Td>{isKnown(entry.field) ? t(`tickets.history.fields.${entry.field}`) : entry.field}</Table.Td>
                  <Table.Td>{valueText(entry.field, entry.before, t)}</Table.Td>
                  <Table.Td>{valueText(entry.field, entry.after, t)}</Table.Td>
                  <Table.Td className="user-text">{entry.note ?? ''}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </ListStates>
  )
}
