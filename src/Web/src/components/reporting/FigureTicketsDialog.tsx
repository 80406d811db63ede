import { Anchor, Modal, Table, Text } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { useFormatDateTime } from '../../format'
import { useFigureTickets, type DrillDown, type FigureTicket } from '../../hooks/reporting'
import { useFormatSpan } from '../../hooks/ticketText'
import { ErrorAlert, Loading } from '../States'

/** The tickets behind a figure of the month, selected by the rules that count it, each a link to the ticket. */
export function FigureTicketsDialog({ contractId, month, drill, onClose }: { contractId: string; month: string; drill: DrillDown | null; onClose: () => void }) {
  const { t } = useTranslation()
  const tickets = useFigureTickets(contractId, month, drill)
  const formatDateTime = useFormatDateTime()
  const formatSpan = useFormatSpan()
  const title = drill
    ? [t(`reporting.figures.${drill.figure}`), drill.priority, drill.clock && t(`reporting.clocks.${drill.clock}`)].filter(Boolean).join(' · ')
    : ''
  const detail = (ticket: FigureTicket) => {
    if (ticket.clock && ticket.met !== null && ticket.met !== undefined)
      return t(ticket.met ? 'reporting.drill.met' : 'reporting.drill.missed', { clock: t(`reporting.clocks.${ticket.clock}`) })
    if (ticket.clock && ticket.dueAt) return t('reporting.drill.breached', { clock: t(`reporting.clocks.${ticket.clock}`), at: formatDateTime(ticket.dueAt) })
    if (ticket.score !== null && ticket.score !== undefined) return t('reporting.drill.score', { score: ticket.score })
    if (ticket.ageSeconds !== null && ticket.ageSeconds !== undefined) return t('reporting.drill.age', { duration: formatSpan(ticket.ageSeconds * 1000) })
    return ticket.resolvedAt ? t('reporting.drill.resolvedAt', { at: formatDateTime(ticket.resolvedAt) }) : ticket.openedAt ? formatDateTime(ticket.openedAt) : ''
  }
  return (
    <Modal opened={drill !== null} onClose={onClose} size="lg" title={t('reporting.drill.title', { figure: title })} closeButtonProps={{ 'aria-label': t('common.close') }}>
      {tickets.isPending ? (
        <Loading />
      ) : tickets.isError ? (
        <ErrorAlert error={tickets.error} onRetry={() => void tickets.refetch()} />
      ) : tickets.data.total === 0 ? (
        <Text c="dimmed">{t('reporting.noTicket')}</Text>
      ) : (
        <>
          <Text size="sm" c="dimmed" mb="xs">
            {t('reporting.drill.count', { count: tickets.data.total, shown: tickets.data.items.length })}
          </Text>
          <Table aria-label={t('reporting.drill.title', { figure: title })}>
            <Table.Tbody>
              {tickets.data.items.map((ticket) => (
                <Table.Tr key={`${ticket.ticketId}-${ticket.clock ?? ''}`}>
                  <Table.Td>
                    <Anchor component={Link} to={`/tickets/${encodeURIComponent(ticket.ticketId)}`}>
                      {t('reporting.drill.ticket', { number: ticket.number ?? '—' })}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>{t(`reporting.kinds.${ticket.kind}`, { defaultValue: ticket.kind })}</Table.Td>
                  <Table.Td>{ticket.priority}</Table.Td>
                  <Table.Td>{detail(ticket)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </>
      )}
    </Modal>
  )
}
