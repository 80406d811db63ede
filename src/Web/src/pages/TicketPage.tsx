import { Alert, Anchor, Card, Group, SimpleGrid, Stack, Tabs, Text, Title } from '@mantine/core'
import { IconArrowLeft } from '@tabler/icons-react'
import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { Link, useParams, useSearchParams } from 'react-router'
import { ItemStates } from '../components/States'
import { AttachmentsTab } from '../components/tickets/AttachmentsTab'
import { CommentsTab } from '../components/tickets/CommentsTab'
import { HistoryTab } from '../components/tickets/HistoryTab'
import { OutagesTab } from '../components/tickets/OutagesTab'
import { SatisfactionSurvey, SatisfactionView } from '../components/tickets/SatisfactionSurvey'
import { SlaTimers } from '../components/tickets/SlaTimers'
import { TicketActions } from '../components/tickets/TicketActions'
import { LevelBadge, PriorityBadge, StatusBadge } from '../components/tickets/TicketBadges'
import { useFormatDateTime } from '../format'
import { useUser } from '../hooks/session'
import { useTicket, type TicketDetail } from '../hooks/tickets'

const tabs = ['comments', 'attachments', 'history', 'outages'] as const
type Tab = (typeof tabs)[number]

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <Text component="dt" size="sm" c="dimmed">
        {label}
      </Text>
      <Text component="dd" m={0} fw={500} style={{ whiteSpace: 'pre-wrap' }}>
        {children}
      </Text>
    </div>
  )
}

function Facts({ ticket }: { ticket: TicketDetail }) {
  const { t } = useTranslation()
  const user = useUser()
  const formatDateTime = useFormatDateTime()
  const client = user.organisation.kind === 'provider' ? user.tenants.find((tenant) => tenant.id === ticket.tenantId)?.name : undefined
  const none = <Text span c="dimmed">{t('tickets.unassigned')}</Text>
  return (
    <Card withBorder component="section" aria-label={t('tickets.facts')}>
      <SimpleGrid component="dl" cols={{ base: 2, md: 4 }} spacing="md" verticalSpacing="sm" m={0}>
        <Fact label={t('tickets.contract')}>
          <Anchor component={Link} to={`/contracts/${encodeURIComponent(ticket.contractId)}`}>
            {ticket.contractReference}
          </Anchor>
          {client && ` — ${client}`}
        </Fact>
        <Fact label={t('tickets.kind')}>{t(`tickets.kinds.${ticket.kind}`)}</Fact>
        <Fact label={t('tickets.impactUrgency')}>
          {t('tickets.impactUrgencyValue', { impact: t(`tickets.impacts.${ticket.impact}`), urgency: t(`tickets.urgencies.${ticket.urgency}`) })}
        </Fact>
        <Fact label={t('tickets.requester')}>{ticket.requester.name}</Fact>
        <Fact label={t('tickets.assignee')}>{ticket.assignee?.name ?? none}</Fact>
        <Fact label={t('tickets.team')}>{ticket.team ?? none}</Fact>
        <Fact label={t('tickets.createdAt')}>
          <time dateTime={ticket.createdAt}>{formatDateTime(ticket.createdAt)}</time>
        </Fact>
        {ticket.respondedAt && (
          <Fact label={t('tickets.respondedAt')}>
            <time dateTime={ticket.respondedAt}>{formatDateTime(ticket.respondedAt)}</time>
          </Fact>
        )}
        {ticket.resolvedAt && (
          <Fact label={t('tickets.resolvedAt')}>
            <time dateTime={ticket.resolvedAt}>{formatDateTime(ticket.resolvedAt)}</time>
          </Fact>
        )}
        {ticket.closedAt && (
          <Fact label={t('tickets.closedAt')}>
            <time dateTime={ticket.closedAt}>{formatDateTime(ticket.closedAt)}</time>
          </Fact>
        )}
        {ticket.priorityReason && <Fact label={t('tickets.priorityReason')}>{ticket.priorityReason}</Fact>}
        {ticket.reopenCount > 0 && <Fact label={t('tickets.reopenCount')}>{ticket.reopenCount}</Fact>}
        {ticket.externalReference && <Fact label={t('tickets.externalReference')}>{ticket.externalReference}</Fact>}
      </SimpleGrid>
    </Card>
  )
}

function TicketView({ ticket }: { ticket: TicketDetail }) {
  const { t } = useTranslation()
  const [searchParams, setSearchParams] = useSearchParams()
  const visibleTabs = tabs.filter((tab) => tab !== 'outages' || (ticket.kind === 'incident' && ticket.can.recordOutage))
  const requested = searchParams.get('tab')
  const tab: Tab = visibleTabs.find((candidate) => candidate === requested) ?? 'comments'

  return (
    <Stack>
      <Anchor component={Link} to="/tickets" size="sm">
        <Group gap={4} component="span">
          <IconArrowLeft size={14} aria-hidden />
          {t('tickets.backToList')}
        </Group>
      </Anchor>
      <Stack gap={4}>
        <Group gap="sm" align="center">
          <Title order={1} className="user-text">
            {t('tickets.heading', { number: ticket.number, title: ticket.title })}
          </Title>
        </Group>
        <Group gap="xs" role="group" aria-label={t('tickets.state')}>
          <PriorityBadge priority={ticket.priority} />
          <StatusBadge status={ticket.status} pendingSide={ticket.pendingSide} />
          <LevelBadge level={ticket.level} />
        </Group>
      </Stack>
      <TicketActions ticket={ticket} />

      {ticket.status === 'pendingClient' && ticket.pendingReason && (
        <Alert color="grape" title={ticket.pendingSide ? t(`tickets.pendingSides.${ticket.pendingSide}`) : t('tickets.statuses.pendingClient')}>
          {ticket.pendingReason}
        </Alert>
      )}
      {ticket.resolution && (ticket.status === 'resolved' || ticket.status === 'closed') && (
        <Alert color="teal" title={t('tickets.resolution')}>
          <Text style={{ whiteSpace: 'pre-wrap' }}>{ticket.resolution}</Text>
        </Alert>
      )}
      {ticket.can.rate && <SatisfactionSurvey ticket={ticket} />}
      {ticket.satisfaction && <SatisfactionView satisfaction={ticket.satisfaction} />}

      <Facts ticket={ticket} />
      {ticket.description && (
        <Card withBorder component="section" aria-label={t('tickets.description')}>
          <Text size="sm" c="dimmed" mb={4}>
            {t('tickets.description')}
          </Text>
          <Text className="user-text">{ticket.description}</Text>
        </Card>
      )}
      <SlaTimers clocks={ticket.clocks} zone={ticket.calendarTimeZone} />

      <Tabs value={tab} keepMounted={false} onChange={(value) => value && setSearchParams({ tab: value }, { replace: true })}>
        <Tabs.List>
          {visibleTabs.map((value) => (
            <Tabs.Tab key={value} value={value}>
              {t(`tickets.tabs.${value}`)}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        <Tabs.Panel value="comments" pt="md">
          <CommentsTab ticket={ticket} />
        </Tabs.Panel>
        <Tabs.Panel value="attachments" pt="md">
          <AttachmentsTab ticket={ticket} />
        </Tabs.Panel>
        <Tabs.Panel value="history" pt="md">
          <HistoryTab ticket={ticket} />
        </Tabs.Panel>
        {visibleTabs.includes('outages') && (
          <Tabs.Panel value="outages" pt="md">
            <OutagesTab ticket={ticket} />
          </Tabs.Panel>
        )}
      </Tabs>
    </Stack>
  )
}

export function TicketPage() {
  const { t } = useTranslation()
  const { ticketId = '' } = useParams()
  return (
    <ItemStates
      query={useTicket(ticketId)}
      notFound={{ title: t('tickets.notFoundTitle'), text: t('tickets.notFound'), backTo: '/tickets', backLabel: t('tickets.backToList') }}
    >
      {(ticket) => <TicketView ticket={ticket} />}
    </ItemStates>
  )
}
