import type { SlaClock, TicketContract, TicketDetail, TicketSummary } from '../hooks/tickets'

/** Test data for the ticket screens: a contract to open tickets on, a ticket as the list and the detail show it. */

export const ticketContracts: TicketContract[] = [
  { id: 'c-1', tenantId: 't-1', reference: 'INF-2026-01', providerOrganisationId: 'org-p' },
  { id: 'c-2', tenantId: 't-1', reference: 'INF-2026-02', providerOrganisationId: 'org-p' },
]

const minutes = (count: number) => count * 60_000

/** As the service writes its JSON: null values are left out. */
export const withoutNulls = <T>(value: T): T => JSON.parse(JSON.stringify(value, (_key, field: unknown) => (field === null ? undefined : field))) as T

/** An instant `ms` from now, as the API writes instants. */
export const fromNow = (ms: number) => new Date(Date.now() + ms).toISOString()

export const summaryOf = (overrides: Partial<TicketSummary> = {}): TicketSummary =>
  withoutNulls({
    id: 'tk-1',
    number: 101,
    tenantId: 't-1',
    contractId: 'c-1',
    contractReference: 'INF-2026-01',
    kind: 'incident',
    title: 'La messagerie ne répond plus',
    priority: 'P2',
    level: 1,
    status: 'new',
    pendingSide: null,
    requesterName: 'Rémi Requester',
    assigneeName: null,
    team: null,
    createdAt: fromNow(-minutes(20)),
    slaDueAt: fromNow(minutes(130) + 30_000),
    breached: false,
    ...overrides,
  })

export const clock = (overrides: Partial<SlaClock> = {}): SlaClock =>
  withoutNulls({
    clock: 'respond',
    dueAt: fromNow(minutes(65) + 30_000),
    targetBusinessSeconds: 7200,
    elapsedBusinessSeconds: 3024,
    percentUsed: 42,
    running: true,
    paused: false,
    breached: false,
    stoppedAt: null,
    warnings: [
      { percent: 50, at: fromNow(minutes(10)) },
      { percent: 75, at: fromNow(minutes(40)) },
    ],
    ...overrides,
  })

export const ticketOf = (overrides: Partial<TicketDetail> = {}): TicketDetail =>
  withoutNulls({
    id: 'tk-1',
    number: 101,
    tenantId: 't-1',
    contractId: 'c-1',
    contractReference: 'INF-2026-01',
    contractVersion: 1,
    kind: 'incident',
    title: 'La messagerie ne répond plus',
    description: 'Depuis 8 h, Outlook reste déconnecté.',
    impact: 'high',
    urgency: 'medium',
    priority: 'P2',
    priorityReason: null,
    level: 1,
    status: 'new',
    pendingSide: null,
    pendingReason: null,
    requester: { id: 'u-rq', name: 'Rémi Requester', side: 'client' },
    assignee: null,
    team: null,
    inventoryItemId: null,
    source: 'portal',
    externalReference: null,
    createdAt: fromNow(-minutes(20)),
    updatedAt: fromNow(-minutes(20)),
    respondedAt: null,
    resolvedAt: null,
    resolution: null,
    closedAt: null,
    reopenCount: 0,
    breached: false,
    satisfaction: null,
    clocks: [
      clock(),
      clock({ clock: 'resolve', dueAt: fromNow(minutes(600)), targetBusinessSeconds: 57600, elapsedBusinessSeconds: 1200, percentUsed: 2 }),
    ],
    can: { statuses: [], assign: false, escalate: false, changePriority: false, commentInternally: false, rate: false, recordOutage: false },
    calendarTimeZone: 'Europe/Paris',
    ...overrides,
  })

/** What the desk may do with a new ticket. */
export const deskCan: TicketDetail['can'] = {
  statuses: ['inProgress', 'pendingClient', 'resolved'],
  assign: true,
  escalate: true,
  changePriority: true,
  commentInternally: true,
  rate: false,
  recordOutage: true,
}
