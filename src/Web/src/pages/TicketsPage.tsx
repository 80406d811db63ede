import { Alert, Anchor, Button, Checkbox, EmptyState, Group, NativeSelect, Stack, Table, Text, Title } from '@mantine/core'
import { IconPlus, IconTicket } from '@tabler/icons-react'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { FormModal } from '../components/FormModal'
import { FilterFold, ListCard, ResponsiveList } from '../components/ResponsiveList'
import { SearchBox } from '../components/SearchBox'
import { SortHeader } from '../components/SortHeader'
import { ErrorAlert, Loading } from '../components/States'
import { BulkActions } from '../components/tickets/BulkActions'
import { NewTicketForm, newTicketForm } from '../components/tickets/NewTicketForm'
import { SavedViews } from '../components/tickets/SavedViews'
import { SlaDue } from '../components/tickets/SlaDue'
import { LevelBadge, PriorityBadge, StatusBadge } from '../components/tickets/TicketBadges'
import { useFormatDateTime } from '../format'
import { priorities } from '../hooks/contracts'
import { useUser } from '../hooks/session'
import { useContractLabel } from '../hooks/ticketText'
import { ticketKinds, ticketPageUrl, ticketStatuses, useTicketContracts, useTickets, type TicketFilters, type TicketSort, type TicketSummary } from '../hooks/tickets'
import { useKeptDraft } from '../hooks/useDraft'
import { useNow } from '../hooks/useNow'
import { changed, useViewParams, type ViewChange } from '../hooks/useViewParams'
import { canOpenTickets, isDesk, isProviderManager } from '../roles'
import { effectiveSort, nextTicketSort, ticketFilterCount, ticketSearchOf, ticketViewOf } from '../ticketRules'

function Filters({ filters, onChange: set, desk }: { filters: TicketFilters; onChange: (change: Partial<TicketFilters>) => void; desk: boolean }) {
  const { t } = useTranslation()
  const user = useUser()
  const contracts = useTicketContracts()
  const contractLabel = useContractLabel()
  const all = { value: '', label: t('tickets.filters.all') }
  // A contract named by the address that the caller cannot open tickets on (another client's, closed, deleted) is
  // shown as such: the list is empty for it, and reading "all" would say the opposite.
  const unknownContract = !!filters.contractId && contracts.isSuccess && !contracts.data.some((contract) => contract.id === filters.contractId)
  return (
    <Stack gap="xs">
      <Group align="flex-end" gap="sm" component="fieldset" style={{ border: 0, padding: 0, margin: 0 }}>
        <Text component="legend" className="visually-hidden">
          {t('tickets.filters.legend')}
        </Text>
        <FilterFold
          active={ticketFilterCount(filters, desk)}
          search={
            <SearchBox
              label={t('tickets.filters.search')}
              placeholder={t('tickets.filters.searchPlaceholder')}
              value={filters.q ?? ''}
              onSearch={(q) => set({ q: q || undefined })}
            />
          }
        >
          {desk && user.tenants.length > 1 && (
            <NativeSelect
              label={t('tickets.client')}
              value={filters.tenantId ?? ''}
              onChange={(event) => set({ tenantId: event.currentTarget.value })}
              data={[all, ...user.tenants.map((tenant) => ({ value: tenant.id, label: tenant.name }))]}
            />
          )}
          <NativeSelect
            label={t('tickets.contract')}
            value={filters.contractId ?? ''}
            onChange={(event) => set({ contractId: event.currentTarget.value })}
            data={[
              all,
              ...(unknownContract ? [{ value: filters.contractId!, label: t('tickets.filters.unknownContract') }] : []),
              ...(contracts.data ?? []).map((contract) => ({ value: contract.id, label: contractLabel(contract) })),
            ]}
            error={unknownContract}
          />
          <NativeSelect
            label={t('tickets.status')}
            value={filters.status ?? ''}
            onChange={(event) => set({ status: event.currentTarget.value })}
            data={[
              all,
              { value: 'open', label: t('tickets.filters.open') },
              ...ticketStatuses.map((status) => ({ value: status, label: t(`tickets.statuses.${status}`) })),
            ]}
          />
          <NativeSelect
            label={t('tickets.priority')}
            value={filters.priority ?? ''}
            onChange={(event) => set({ priority: event.currentTarget.value })}
            data={[all, ...priorities.map((priority) => ({ value: priority, label: priority }))]}
          />
          <NativeSelect
            label={t('tickets.kind')}
            value={filters.kind ?? ''}
            onChange={(event) => set({ kind: event.currentTarget.value })}
            data={[all, ...ticketKinds.map((kind) => ({ value: kind, label: t(`tickets.kinds.${kind}`) }))]}
          />
          {desk && (
            <>
              <NativeSelect
                label={t('tickets.level')}
                value={filters.level ?? ''}
                onChange={(event) => set({ level: event.currentTarget.value })}
                data={[all, ...[1, 2].map((level) => ({ value: String(level), label: t('tickets.levelNumber', { level }) }))]}
              />
              <NativeSelect
                label={t('tickets.assignee')}
                value={filters.assignee ?? ''}
                onChange={(event) => set({ assignee: event.currentTarget.value })}
                data={[
                  all,
                  { value: 'me', label: t('tickets.filters.assignedToMe') },
                  { value: 'none', label: t('tickets.filters.unassigned') },
                ]}
              />
              <Checkbox
                label={t('tickets.filters.breachedOnly')}
                checked={filters.breached === true}
                onChange={(event) => set({ breached: event.currentTarget.checked })}
                mb={8}
              />
            </>
          )}
        </FilterFold>
      </Group>
      {unknownContract && (
        <Alert color="orange" title={t('tickets.filters.unknownContract')}>
          <Group justify="space-between">
            <Text size="sm">{t('tickets.filters.unknownContractHelp')}</Text>
            <Button variant="default" size="xs" onClick={() => set({ contractId: undefined })}>
              {t('tickets.filters.clearContract')}
            </Button>
          </Group>
        </Alert>
      )}
    </Stack>
  )
}

function TicketTable({
  tickets,
  desk,
  filters,
  onSort,
  selected,
  onSelect,
}: {
  tickets: TicketSummary[]
  desk: boolean
  filters: TicketFilters
  onSort: (column: TicketSort) => void
  /** The desk's selection for a bulk action; absent, the table has no checkboxes. */
  selected?: string[]
  onSelect?: (ids: string[]) => void
}) {
  const { t } = useTranslation()
  const allSelected = selected !== undefined && tickets.length > 0 && tickets.every((ticket) => selected.includes(ticket.id))
  const toggle = (id: string, on: boolean) => onSelect?.(on ? [...(selected ?? []), id] : (selected ?? []).filter((other) => other !== id))
  const sorted = effectiveSort(filters, desk)
  const header = (column: TicketSort, label: string) => (
    <SortHeader label={label} active={sorted.sort === column} order={sorted.order} onSort={() => onSort(column)} />
  )
  const user = useUser()
  const formatDateTime = useFormatDateTime()
  const now = useNow()
  const clientOf = (ticket: TicketSummary) => user.tenants.find((tenant) => tenant.id === ticket.tenantId)?.name
  // Labelled out of sight in the table's header row, in view above the cards.
  const selectAll = (labelShown: boolean) =>
    selected && (
      <Checkbox
        label={labelShown ? t('tickets.bulk.selectAll') : undefined}
        aria-label={labelShown ? undefined : t('tickets.bulk.selectAll')}
        checked={allSelected}
        indeterminate={!allSelected && selected.length > 0}
        onChange={(event) => onSelect?.(event.currentTarget.checked ? tickets.map((ticket) => ticket.id) : [])}
      />
    )
  const selectOne = (ticket: TicketSummary) =>
    selected && (
      <Checkbox
        aria-label={t('tickets.bulk.select', { number: ticket.number })}
        checked={selected.includes(ticket.id)}
        onChange={(event) => toggle(ticket.id, event.currentTarget.checked)}
      />
    )
  const assignee = (ticket: TicketSummary) =>
    ticket.assigneeName || ticket.team ? (
      <>
        <Text size="sm">{ticket.assigneeName ?? '—'}</Text>
        {ticket.team && (
          <Text size="xs" c="dimmed">
            {ticket.team}
          </Text>
        )}
      </>
    ) : (
      <Text size="sm" c="dimmed">
        {t('tickets.unassigned')}
      </Text>
    )
  const slaDue = (ticket: TicketSummary) => (
    <SlaDue dueAt={ticket.slaDueAt} breached={ticket.breached} paused={ticket.status === 'pendingClient'} now={now} />
  )
  const card = (ticket: TicketSummary) => (
    <ListCard
      leading={selectOne(ticket)}
      title={
        <Anchor component={Link} to={ticketPageUrl(ticket.id)} fw={600}>
          #{ticket.number} {ticket.title}
        </Anchor>
      }
      badges={
        <>
          <PriorityBadge priority={ticket.priority} />
          <StatusBadge status={ticket.status} pendingSide={ticket.pendingSide} />
          {desk && <LevelBadge level={ticket.level} />}
        </>
      }
      details={[
        { label: t('tickets.slaDue'), value: slaDue(ticket) },
        { label: t('tickets.contract'), value: desk && clientOf(ticket) ? `${ticket.contractReference} · ${clientOf(ticket)}` : ticket.contractReference },
        desk ? { label: t('tickets.assignee'), value: assignee(ticket) } : { label: t('tickets.requester'), value: ticket.requesterName },
      ]}
    />
  )
  const table = (
    <Table.ScrollContainer minWidth={desk ? 1100 : 900}>
      <Table striped highlightOnHover verticalSpacing="sm">
        <Table.Caption>{desk ? t('tickets.queueCaption') : t('tickets.listCaption')}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            {selected && <Table.Th>{selectAll(false)}</Table.Th>}
            {header('number', t('tickets.number'))}
            {header('title', t('tickets.ticketTitle'))}
            <Table.Th>{t('tickets.contract')}</Table.Th>
            {header('priority', t('tickets.priority'))}
            {header('status', t('tickets.status'))}
            {desk && <Table.Th>{t('tickets.level')}</Table.Th>}
            {desk ? <Table.Th>{t('tickets.assignee')}</Table.Th> : header('requester', t('tickets.requester'))}
            {header('urgency', t('tickets.slaDue'))}
            {header('newest', t('tickets.createdAt'))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {tickets.map((ticket) => (
            <Table.Tr key={ticket.id}>
              {selected && <Table.Td>{selectOne(ticket)}</Table.Td>}
              <Table.Td style={{ whiteSpace: 'nowrap' }}>
                <Anchor component={Link} to={ticketPageUrl(ticket.id)} aria-label={t('tickets.numbered', { number: ticket.number })}>
                  #{ticket.number}
                </Anchor>
              </Table.Td>
              <Table.Td>
                <Anchor component={Link} to={ticketPageUrl(ticket.id)} fw={600}>
                  {ticket.title}
                </Anchor>
                <Text size="xs" c="dimmed">
                  {t(`tickets.kinds.${ticket.kind}`)}
                </Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
                  {ticket.contractReference}
                </Text>
                {desk && clientOf(ticket) && (
                  <Text size="xs" c="dimmed">
                    {clientOf(ticket)}
                  </Text>
                )}
              </Table.Td>
              <Table.Td>
                <PriorityBadge priority={ticket.priority} />
              </Table.Td>
              <Table.Td>
                <StatusBadge status={ticket.status} pendingSide={ticket.pendingSide} />
              </Table.Td>
              {desk && (
                <Table.Td>
                  <LevelBadge level={ticket.level} />
                </Table.Td>
              )}
              <Table.Td>{desk ? assignee(ticket) : <Text size="sm">{ticket.requesterName}</Text>}</Table.Td>
              <Table.Td>{slaDue(ticket)}</Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>
                <time dateTime={ticket.createdAt}>{formatDateTime(ticket.createdAt)}</time>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  )
  return (
    <ResponsiveList
      items={tickets}
      keyOf={(ticket) => ticket.id}
      label={desk ? t('tickets.queueCaption') : t('tickets.listCaption')}
      table={table}
      card={card}
      cardsHeader={selectAll(true)}
      sort={{
        columns: [
          { value: 'urgency', label: t('tickets.slaDue') },
          { value: 'priority', label: t('tickets.priority') },
          { value: 'status', label: t('tickets.status') },
          { value: 'newest', label: t('tickets.createdAt') },
          { value: 'number', label: t('tickets.number') },
          { value: 'title', label: t('tickets.ticketTitle') },
          ...(desk ? [] : [{ value: 'requester' as const, label: t('tickets.requester') }]),
        ],
        active: sorted.sort,
        order: sorted.order,
        onSort,
      }}
    />
  )
}

/**
 * For a client, its tickets (newest first); for a provider, the desk's queue across all its clients: open tickets,
 * the earliest SLA due first. Filtered, a page at a time.
 */
export function TicketsPage() {
  const { t } = useTranslation()
  const user = useUser()
  const desk = isDesk(user)
  // The view lives in the address: it can be bookmarked, shared, and gone back to.
  const [searchParams, setSearchParams] = useViewParams()
  const filters = ticketViewOf(searchParams, desk)
  const setFilters = (change: ViewChange<TicketFilters>) => setSearchParams((latest) => ticketSearchOf(changed(ticketViewOf(latest, desk), change), desk))
  // A ticket being written when the session ended opens again with its text.
  const kept = useKeptDraft([newTicketForm])
  const [creating, setCreating] = useState(kept !== null)
  // The API reads no status under the urgency sort as the open ones: "all" names every status.
  const tickets = useTickets(
    filters.status === '' && effectiveSort(filters, desk).sort === 'urgency' ? { ...filters, status: ticketStatuses.join(',') } : filters,
  )
  const items = tickets.data?.pages.flatMap((page) => page.items) ?? []
  // A selection belongs to the view it was made in: another filter, search or sort starts afresh.
  const view = searchParams.toString()
  const [selection, setSelection] = useState<{ view: string; ids: string[] }>({ view, ids: [] })
  const selectedIds = selection.view === view ? selection.ids.filter((id) => items.some((ticket) => ticket.id === id)) : []
  const select = (ids: string[]) => setSelection({ view, ids })

  return (
    <Stack>
      <Group justify="space-between">
        <Stack gap={0}>
          <Title order={1}>{desk ? t('tickets.queueTitle') : t('tickets.title')}</Title>
          <Text c="dimmed" size="sm">
            {desk ? t('tickets.queueHelp') : t('tickets.listHelp')}
          </Text>
        </Stack>
        <Group gap="sm">
          {isProviderManager(user) && (
            <Button component={Link} to="/canned-replies" variant="default">
              {t('cannedReplies.title')}
            </Button>
          )}
          {canOpenTickets(user) && (
            <Button leftSection={<IconPlus size={18} aria-hidden />} onClick={() => setCreating(true)}>
              {t('tickets.create')}
            </Button>
          )}
        </Group>
      </Group>

      <SavedViews query={view} onApply={(query) => setSearchParams(() => new URLSearchParams(query))} />
      <Filters filters={filters} onChange={setFilters} desk={desk} />

      {tickets.isPending ? (
        <Loading />
      ) : tickets.isError && items.length === 0 ? (
        <ErrorAlert error={tickets.error} onRetry={() => void tickets.refetch()} />
      ) : items.length === 0 ? (
        <EmptyState icon={<IconTicket aria-hidden />} title={t('tickets.emptyTitle')} description={desk ? t('tickets.emptyQueue') : t('tickets.empty')} />
      ) : (
        <>
          {desk && <BulkActions selected={items.filter((ticket) => selectedIds.includes(ticket.id))} onDone={() => select([])} />}
          <TicketTable
            tickets={items}
            desk={desk}
            filters={filters}
            onSort={(column) => setFilters((latest) => nextTicketSort(latest, desk, column))}
            selected={desk ? selectedIds : undefined}
            onSelect={select}
          />
          {tickets.isFetchNextPageError && <ErrorAlert error={tickets.error} />}
          {tickets.hasNextPage && (
            <Group justify="center">
              <Button variant="default" onClick={() => void tickets.fetchNextPage()} loading={tickets.isFetchingNextPage}>
                {t('tickets.loadMore')}
              </Button>
            </Group>
          )}
        </>
      )}

      <FormModal opened={creating} onClose={() => setCreating(false)} title={t('tickets.createTitle')} size="lg">
        <NewTicketForm onClose={() => setCreating(false)} contractId={filters.contractId || undefined} />
      </FormModal>
    </Stack>
  )
}
