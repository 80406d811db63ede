import { Anchor, Badge, Card, EmptyState, Group, List, Stack, Table, Text, Title } from '@mantine/core'
import { IconChecklist, IconTicket } from '@tabler/icons-react'
import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { useFormatDateTime } from '../../format'
import { useNotificationText } from '../../hooks/notificationText'
import { useMarkOpened, useNotifications } from '../../hooks/notifications'
import { dashboardUrl, useDesk, usePortfolio } from '../../hooks/portfolio'
import { awaitingKinds, compactRows } from '../../portfolioRules'
import { ticketPageUrl, useTickets, type TicketFilters } from '../../hooks/tickets'
import { NoticeDeadline } from '../contracts/NoticeDeadline'
import { QueryStates } from '../States'
import { StatusBadge } from '../tickets/TicketBadges'
import { AtRiskTable } from './DeskLoad'
import { RateAndBreachesCells } from './Figure'

function HomeCard({ id, title, aside, children }: { id: string; title: string; aside?: ReactNode; children: ReactNode }) {
  return (
    <Card withBorder component="section" aria-labelledby={id}>
      <Group justify="space-between" mb="sm">
        <Title order={2} size="h4" id={id}>
          {title}
        </Title>
        {aside}
      </Group>
      {children}
    </Card>
  )
}

/** The desk's day: how many tickets are open across its clients, and which may breach soon. */
export function DeskToday() {
  const { t } = useTranslation()
  const desk = useDesk()
  return (
    <HomeCard id="desk-today" title={t('home.deskToday')} aside={desk.data && <Badge variant="light">{t('desk.openCount', { count: desk.data.open })}</Badge>}>
      <QueryStates query={desk}>
        {(load) => (
          <AtRiskTable atRisk={load.atRisk} more={load.moreAtRisk} />
        )}
      </QueryStates>
    </HomeCard>
  )
}

/** What awaits the client's managers, as their unread notifications of those kinds tell it (the newest page of them). */
export function AwaitingValidation() {
  const { t } = useTranslation()
  const unread = useNotifications({ unread: true, kind: '' })
  const describe = useNotificationText()
  const markOpened = useMarkOpened()
  const formatDateTime = useFormatDateTime()
  const items = (unread.data?.pages[0]?.items ?? []).filter((notification) => awaitingKinds.some((kind) => kind === notification.kind))
  return (
    <HomeCard id="awaiting" title={t('home.awaiting')}>
      <QueryStates query={unread}>
        {() => items.length === 0 ? (
          <EmptyState icon={<IconChecklist aria-hidden />} title={t('home.nothingAwaitsTitle')} description={t('home.nothingAwaits')} />
        ) : (
          <Stack gap="xs">
            <List spacing="xs">
              {items.map((notification) => {
                const { title, to } = describe(notification)
                return (
                  <List.Item key={notification.id}>
                    <Anchor component={Link} to={to} onClick={() => markOpened(notification)}>
                      {title}
                    </Anchor>{' '}
                    <Text span size="xs" c="dimmed">
                      {[notification.contractReference, formatDateTime(notification.createdAt)].filter(Boolean).join(' · ')}
                    </Text>
                  </List.Item>
                )
              })}
            </List>
            <Anchor component={Link} to="/notifications" size="sm">
              {t('home.allNotifications')}
            </Anchor>
          </Stack>
        )}
      </QueryStates>
    </HomeCard>
  )
}

/** The worst success rates of the current month first, with the link to the whole portfolio. */
export function CompactPortfolio() {
  const { t } = useTranslation()
  const portfolio = usePortfolio({ month: null, sort: 'successRate', order: 'asc' })
  return (
    <HomeCard
      id="compact-portfolio"
      title={t('home.portfolio')}
      aside={
        <Anchor component={Link} to="/portfolio" size="sm">
          {t('home.wholePortfolio')}
        </Anchor>
      }
    >
      <QueryStates query={portfolio}>
        {(page) => page.contracts.length === 0 ? (
          <Text c="dimmed">{t('portfolio.empty')}</Text>
        ) : (
          <Table aria-label={t('home.portfolio')} verticalSpacing="xs">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('portfolio.columns.reference')}</Table.Th>
                <Table.Th style={{ textAlign: 'right' }}>{t('portfolio.columns.successRate')}</Table.Th>
                <Table.Th style={{ textAlign: 'right' }}>{t('portfolio.columns.breaches')}</Table.Th>
                <Table.Th>{t('portfolio.columns.noticeDeadline')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {page.contracts.slice(0, compactRows).map((row) => (
                <Table.Tr key={row.contractId}>
                  <Table.Td>
                    <Anchor component={Link} to={dashboardUrl(row.contractId)} fw={600}>
                      {row.reference}
                    </Anchor>
                  </Table.Td>
                  <RateAndBreachesCells row={row} />
                  <Table.Td>
                    <NoticeDeadline date={row.noticeDeadline} />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </QueryStates>
    </HomeCard>
  )
}

/** A short list of the requester's tickets in one state (the first page the tickets list gives). */
function TicketList({ id, title, filters, empty }: { id: string; title: string; filters: TicketFilters; empty: string }) {
  const { t } = useTranslation()
  const tickets = useTickets(filters)
  const items = tickets.data?.pages[0]?.items ?? []
  return (
    <HomeCard id={id} title={title}>
      <QueryStates query={tickets}>
        {() => items.length === 0 ? (
          <EmptyState icon={<IconTicket aria-hidden />} title={empty} />
        ) : (
          <List spacing="xs">
            {items.map((ticket) => (
              <List.Item key={ticket.id}>
                <Group gap="xs" wrap="nowrap">
                  <Anchor component={Link} to={ticketPageUrl(ticket.id)}>
                    {t('desk.ticketNumber', { number: ticket.number })} {ticket.title}
                  </Anchor>
                  <StatusBadge status={ticket.status} pendingSide={ticket.pendingSide} />
                </Group>
              </List.Item>
            ))}
          </List>
        )}
      </QueryStates>
    </HomeCard>
  )
}

/** A requester's day: the tickets still open, and the resolved ones, which the requester may rate once. */
export function RequesterToday() {
  const { t } = useTranslation()
  return (
    <>
      <TicketList id="my-open-tickets" title={t('home.openTickets')} filters={{ status: 'open' }} empty={t('home.noOpenTickets')} />
      <TicketList id="tickets-to-rate" title={t('home.toRate')} filters={{ status: 'resolved' }} empty={t('home.nothingToRate')} />
    </>
  )
}
