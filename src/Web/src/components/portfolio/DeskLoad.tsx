import { Anchor, Badge, Card, EmptyState, Group, Stack, Table, Text, Title } from '@mantine/core'
import { IconMoodCheck } from '@tabler/icons-react'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { priorities } from '../../hooks/contracts'
import { type AtRiskClock, atRiskShown, type DeskLoad as Desk, useDesk } from '../../hooks/portfolio'
import { useUser } from '../../hooks/session'
import { useFormatSpan, useRelativeDue } from '../../hooks/ticketText'
import { ticketPageUrl, useContractAgents } from '../../hooks/tickets'
import { useNow } from '../../hooks/useNow'
import { useUsers } from '../../hooks/users'
import { isOrganisationAdmin } from '../../roles'
import { QueryStates } from '../States'
import { PriorityBadge } from '../tickets/TicketBadges'

/** A client's name as the provider's session knows it. */
function useClientName() {
  const user = useUser()
  const { t } = useTranslation()
  return (clientId: string) => user.tenants.find((tenant) => tenant.id === clientId)?.name ?? t('common.unknown')
}

/**
 * The name of whoever a ticket was assigned to when the warning was raised: the organisation's administrator reads its
 * users (former ones included); every agent reads the desk's active people, the same on each of its contracts.
 */
function useAssigneeName(atRisk: AtRiskClock[]) {
  const user = useUser()
  const admin = isOrganisationAdmin(user)
  const users = useUsers(admin)
  const agents = useContractAgents(atRisk[0]?.contractId ?? '', !admin && atRisk.length > 0)
  return (assigneeId: string | null) =>
    assigneeId
      ? (users.data?.find((person) => person.id === assigneeId)?.displayName ?? agents.data?.find((agent) => agent.id === assigneeId)?.displayName)
      : undefined
}

/** The tickets whose SLA clock was warned of and may still breach, soonest due first; says when more are at risk than listed. */
export function AtRiskTable({ atRisk, more }: { atRisk: AtRiskClock[]; more: boolean }) {
  const { t } = useTranslation()
  const now = useNow()
  const relativeDue = useRelativeDue()
  const clientName = useClientName()
  const assigneeName = useAssigneeName(atRisk)
  if (atRisk.length === 0) {
    return <EmptyState icon={<IconMoodCheck aria-hidden />} title={t('desk.noRiskTitle')} description={t('desk.noRisk')} />
  }
  return (
    <Table.ScrollContainer minWidth={720}>
      <Table aria-label={t('desk.atRisk')} striped verticalSpacing="xs">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('desk.ticket')}</Table.Th>
            <Table.Th>{t('desk.client')}</Table.Th>
            <Table.Th>{t('desk.priority')}</Table.Th>
            <Table.Th>{t('desk.clock')}</Table.Th>
            <Table.Th style={{ textAlign: 'right' }}>{t('desk.percent')}</Table.Th>
            <Table.Th>{t('desk.due')}</Table.Th>
            <Table.Th>{t('desk.assignee')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {atRisk.map((clock) => {
            const late = new Date(clock.dueAt).getTime() < now
            return (
              <Table.Tr key={`${clock.ticketId}-${clock.clock}`}>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>
                  <Anchor component={Link} to={ticketPageUrl(clock.ticketId)} fw={600}>
                    {clock.number === null ? t('desk.ticketUnnumbered') : t('desk.ticketNumber', { number: clock.number })}
                  </Anchor>{' '}
                  <Text span size="xs" c="dimmed">
                    {clock.reference}
                  </Text>
                </Table.Td>
                <Table.Td>{clientName(clock.clientId)}</Table.Td>
                <Table.Td>
                  <PriorityBadge priority={clock.priority} />
                </Table.Td>
                <Table.Td>{t(`tickets.clocks.${clock.clock}`)}</Table.Td>
                <Table.Td style={{ textAlign: 'right' }}>
                  <Badge color={clock.percent >= 90 ? 'red' : 'orange'} variant="light">
                    {t('desk.percentUsed', { percent: clock.percent })}
                  </Badge>
                </Table.Td>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>
                  <Text span size="sm" c={late ? 'red' : undefined} fw={late ? 600 : undefined}>
                    <time dateTime={clock.dueAt}>{relativeDue(clock.dueAt, now)}</time>
                  </Text>
                </Table.Td>
                <Table.Td>{assigneeName(clock.assigneeId)}</Table.Td>
              </Table.Tr>
            )
          })}
        </Table.Tbody>
      </Table>
      {more && (
        <Text size="sm" c="dimmed" mt="xs">
          {t('desk.moreAtRisk', { shown: atRiskShown })}
        </Text>
      )}
    </Table.ScrollContainer>
  )
}

/** Open tickets by client and priority, with each client's oldest open ticket and how long it has been open. */
function OpenByClient({ desk }: { desk: Desk }) {
  const { t } = useTranslation()
  const clientName = useClientName()
  const formatSpan = useFormatSpan()
  if (desk.clients.length === 0) return <Text c="dimmed">{t('desk.noOpen')}</Text>
  return (
    <Table.ScrollContainer minWidth={640}>
      <Table aria-label={t('desk.byClient')} striped verticalSpacing="xs">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('desk.client')}</Table.Th>
            {priorities.map((priority) => (
              <Table.Th key={priority} style={{ textAlign: 'right' }}>
                {priority}
              </Table.Th>
            ))}
            <Table.Th style={{ textAlign: 'right' }}>{t('desk.total')}</Table.Th>
            <Table.Th>{t('desk.oldest')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {desk.clients.map((client) => (
            <Table.Tr key={client.clientId}>
              <Table.Td>{clientName(client.clientId)}</Table.Td>
              {priorities.map((priority) => (
                <Table.Td key={priority} style={{ textAlign: 'right' }}>
                  {client.byPriority.find((count) => count.priority === priority)?.count ?? 0}
                </Table.Td>
              ))}
              <Table.Td style={{ textAlign: 'right' }} fw={600}>
                {client.open}
              </Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>
                {client.oldest && (
                  <>
                    <Anchor component={Link} to={ticketPageUrl(client.oldest.ticketId)}>
                      {t('desk.ticketNumber', { number: client.oldest.number })}
                    </Anchor>{' '}
                    <Text span size="sm" c="dimmed">
                      {t('desk.openFor', { reference: client.oldest.reference, duration: formatSpan(client.oldest.ageSeconds * 1000) })}
                    </Text>
                  </>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  )
}

/** The provider's desk now: what is open across its clients, and what may breach soon. */
export function DeskLoadSection() {
  const { t } = useTranslation()
  const desk = useDesk()
  return (
    <Card withBorder component="section" aria-labelledby="desk-load">
      <Group justify="space-between" mb="sm">
        <Title order={2} size="h4" id="desk-load">
          {t('desk.title')}
        </Title>
        {desk.data && <Badge variant="light">{t('desk.openCount', { count: desk.data.open })}</Badge>}
      </Group>
      <QueryStates query={desk}>
        {(load) => (
          <Stack>
            <OpenByClient desk={load} />
            <Title order={3} size="h5">
              {t('desk.atRisk')}
            </Title>
            <AtRiskTable atRisk={load.atRisk} more={load.moreAtRisk} />
          </Stack>
        )}
      </QueryStates>
    </Card>
  )
}
