import { keepPreviousData, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { api, ApiError, request } from '../api'
import type { Priority } from './contracts'

/**
 * The Incidents service's tickets, as its API answers them (camelCase, enums as camelCase strings). The service leaves
 * null values out of its JSON: every nullable field may be absent.
 */

export const ticketStatuses = ['new', 'assigned', 'inProgress', 'pendingClient', 'resolved', 'closed'] as const
export type TicketStatus = (typeof ticketStatuses)[number]

export const ticketKinds = ['incident', 'request'] as const
export type TicketKind = (typeof ticketKinds)[number]

/** Impact and urgency both read high, medium or low. */
export const matrixLevels = ['high', 'medium', 'low'] as const
export type MatrixLevel = (typeof matrixLevels)[number]

export const pendingSides = ['client', 'thirdParty'] as const
export type PendingSide = (typeof pendingSides)[number]

export type Visibility = 'public' | 'internal'
export type ClockKind = 'respond' | 'resolve'

/** A contract the caller can open tickets on. */
export interface TicketContract {
  id: string
  tenantId: string
  reference: string
  providerOrganisationId: string
}

export interface Person {
  id?: string | null
  name: string
  side?: string | null
}

export interface TicketSummary {
  id: string
  number: number
  tenantId: string
  contractId: string
  contractReference: string
  kind: TicketKind
  title: string
  priority: Priority
  level: number
  status: TicketStatus
  pendingSide?: PendingSide | null
  requesterName: string
  assigneeName?: string | null
  team?: string | null
  createdAt: string
  /** The earliest due time of a running clock; null while no clock counts (waiting on the client, or done). */
  slaDueAt?: string | null
  breached: boolean
}

export interface SlaClock {
  clock: ClockKind
  dueAt: string
  targetBusinessSeconds: number
  elapsedBusinessSeconds: number
  percentUsed: number
  running: boolean
  paused: boolean
  breached: boolean
  stoppedAt?: string | null
  warnings: { percent: number; at: string }[]
}

/** What the caller may do next, as the server decides. */
export interface TicketCan {
  statuses: TicketStatus[]
  assign: boolean
  escalate: boolean
  changePriority: boolean
  commentInternally: boolean
  rate: boolean
  recordOutage: boolean
}

export interface TicketDetail {
  id: string
  number: number
  tenantId: string
  contractId: string
  contractReference: string
  contractVersion: number
  kind: TicketKind
  title: string
  description: string
  impact: MatrixLevel
  urgency: MatrixLevel
  priority: Priority
  priorityReason?: string | null
  level: number
  status: TicketStatus
  pendingSide?: PendingSide | null
  pendingReason?: string | null
  requester: Person
  assignee?: Person | null
  team?: string | null
  inventoryItemId?: string | null
  source: string
  externalReference?: string | null
  createdAt: string
  updatedAt: string
  respondedAt?: string | null
  resolvedAt?: string | null
  resolution?: string | null
  closedAt?: string | null
  reopenCount: number
  breached: boolean
  satisfaction?: { score: number; comment?: string | null; ratedAt: string } | null
  clocks: SlaClock[]
  can: TicketCan
  calendarTimeZone: string
}

export interface TicketPage {
  items: TicketSummary[]
  nextCursor?: string | null
}

export interface HistoryEntry {
  id: string
  occurredAt: string
  actorName: string
  actorSide: string
  field: string
  before?: string | null
  after?: string | null
  note?: string | null
  internal: boolean
}

export interface TicketComment {
  id: string
  author: Person
  visibility: Visibility
  body: string
  createdAt: string
}

export interface Attachment {
  id: string
  fileName: string
  contentType: string
  size: number
  sha256: string
  visibility: Visibility
  uploadedBy: string
  uploadedSide?: string
  uploadedAt: string
}

export interface Outage {
  id: string
  contractId: string
  ticketId?: string | null
  service: string
  startedAt: string
  endedAt?: string | null
  revision?: number
  recordedBy?: string
  recordedAt?: string
}

export interface ImportResult {
  imported: number
  tickets: { id: string; number: number; externalReference: string | null }[]
}

export interface NewTicket {
  contractId: string
  kind: TicketKind
  title: string
  description: string
  impact: MatrixLevel
  urgency: MatrixLevel
  priority?: Priority
  priorityReason?: string
}

/** The list's filters; empty values are left out of the query. */
/** The columns a ticket list sorts on, as the API names them. */
export const ticketSorts = ['urgency', 'newest', 'number', 'title', 'priority', 'status', 'requester'] as const
export type TicketSort = (typeof ticketSorts)[number]
export type SortOrder = 'asc' | 'desc'

export interface TicketFilters {
  contractId?: string
  tenantId?: string
  /** "open" stands for every status still needing work. */
  status?: string
  priority?: string
  kind?: string
  level?: string
  assignee?: string
  breached?: boolean
  /** The number, or text in the title or the requester's name. */
  q?: string
  sort?: TicketSort
  order?: SortOrder
}

const base = '/api/incidents'
export const ticketsKey = ['tickets'] as const
const ticketKey = (ticketId: string) => [...ticketsKey, 'one', ticketId] as const
export const ticketPath = (ticketId: string) => `${base}/tickets/${encodeURIComponent(ticketId)}`
/** A ticket's page in the application (not its API resource). */
export const ticketPageUrl = (ticketId: string) => `/tickets/${encodeURIComponent(ticketId)}`
export const attachmentUrl = (ticketId: string, attachmentId: string) =>
  `${ticketPath(ticketId)}/attachments/${encodeURIComponent(attachmentId)}`

/** How often what is on screen is read again: clocks move, breaches are raised, others work the ticket. */
export const ticketPollMs = 30_000
export const pageSize = 25

export function useTicketContracts() {
  return useQuery({ queryKey: [...ticketsKey, 'contracts'], queryFn: () => api.get<TicketContract[]>(`${base}/contracts`) })
}

/** A person of the contract's provider desk a ticket may be assigned to, with the desk roles they hold. */
export interface DeskAgent {
  id: string
  displayName: string
  roles: string[]
}

/** The contract's desk, by name: only its provider's people may read it. */
export function useContractAgents(contractId: string, enabled: boolean) {
  return useQuery({
    queryKey: [...ticketsKey, 'agents', contractId],
    queryFn: () => api.get<DeskAgent[]>(`${base}/contracts/${encodeURIComponent(contractId)}/agents`),
    enabled,
  })
}

export function ticketsQuery(filters: TicketFilters, cursor: string | null): string {
  const params = new URLSearchParams()
  for (const [name, value] of Object.entries(filters)) {
    if (value === undefined || value === '' || value === false) continue
    // Several statuses go as one comma-separated value here, and as the parameter repeated to the API.
    if (name === 'status') for (const status of String(value).split(',')) params.append(name, status)
    else params.set(name, String(value))
  }
  params.set('limit', String(pageSize))
  if (cursor !== null) params.set('cursor', cursor)
  return params.toString()
}

/** A page at a time: the server gives the cursor of the next page, if any. */
export function useTickets(filters: TicketFilters) {
  return useInfiniteQuery({
    queryKey: [...ticketsKey, 'list', filters],
    queryFn: ({ pageParam }) => api.get<TicketPage>(`${base}/tickets?${ticketsQuery(filters, pageParam)}`),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
    refetchInterval: ticketPollMs,
  })
}

export function useTicket(ticketId: string) {
  return useQuery({
    queryKey: ticketKey(ticketId),
    queryFn: () => api.get<TicketDetail>(ticketPath(ticketId)),
    refetchInterval: ticketPollMs,
  })
}

export function useTicketHistory(ticketId: string) {
  return useQuery({
    queryKey: [...ticketKey(ticketId), 'history'],
    queryFn: () => api.get<HistoryEntry[]>(`${ticketPath(ticketId)}/history`),
  })
}

export function useTicketComments(ticketId: string) {
  return useQuery({
    queryKey: [...ticketKey(ticketId), 'comments'],
    queryFn: () => api.get<TicketComment[]>(`${ticketPath(ticketId)}/comments`),
    refetchInterval: ticketPollMs,
  })
}

/** Null when the service does not offer attachments (yet): a 404 on the list, not an error to show. */
export function useTicketAttachments(ticketId: string) {
  return useQuery({
    queryKey: [...ticketKey(ticketId), 'attachments'],
    queryFn: async () => {
      try {
        return await api.get<Attachment[]>(`${ticketPath(ticketId)}/attachments`)
      } catch (error) {
        if (error instanceof ApiError && error.status === 404) return null
        throw error
      }
    },
  })
}

/** A ticket's outages, read from its contract's outages of the months since it was opened; null when not offered. */
export function useTicketOutages(ticket: Pick<TicketDetail, 'id' | 'contractId' | 'createdAt'>, enabled: boolean) {
  const months = monthsSince(ticket.createdAt)
  return useQuery({
    queryKey: [...ticketKey(ticket.id), 'outages', months],
    enabled,
    queryFn: async () => {
      try {
        const answers = await Promise.all(
          months.map((month) => api.get<Outage[]>(`${base}/contracts/${encodeURIComponent(ticket.contractId)}/outages?month=${month}`)),
        )
        const seen = new Map<string, Outage>()
        for (const outage of answers.flat()) {
          if (outage.ticketId === ticket.id) seen.set(outage.id, outage)
        }
        return [...seen.values()].sort((a, b) => a.startedAt.localeCompare(b.startedAt))
      } catch (error) {
        if (error instanceof ApiError && error.status === 404) return null
        throw error
      }
    },
  })
}

/** "yyyy-MM" of each month from the instant's to now (at most 12, the most recent). */
export function monthsSince(iso: string, now: Date = new Date()): string[] {
  const start = new Date(iso)
  const months: string[] = []
  let year = start.getUTCFullYear()
  let month = start.getUTCMonth()
  while (year < now.getUTCFullYear() || (year === now.getUTCFullYear() && month <= now.getUTCMonth())) {
    months.push(`${year}-${String(month + 1).padStart(2, '0')}`)
    month += 1
    if (month === 12) {
      month = 0
      year += 1
    }
  }
  return months.length === 0 ? [`${start.getUTCFullYear()}-${String(start.getUTCMonth() + 1).padStart(2, '0')}`] : months.slice(-12)
}

/** After any change, what is on screen about tickets is read again (only the queries in use are refetched). */
function useTicketMutation<TVariables, TResult>(mutationFn: (variables: TVariables) => Promise<TResult>, ticketId?: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn,
    onSuccess: (result) => {
      if (ticketId !== undefined && isDetail(result) && result.id === ticketId) queryClient.setQueryData(ticketKey(ticketId), result)
      return queryClient.invalidateQueries({ queryKey: ticketsKey })
    },
  })
}

function isDetail(value: unknown): value is TicketDetail {
  return typeof value === 'object' && value !== null && 'can' in value && 'clocks' in value
}

export function useOpenTicket() {
  return useTicketMutation((ticket: NewTicket) => api.post<TicketDetail>(`${base}/tickets`, ticket))
}

/** Each change to a ticket the `can` object offers, one call each; the server answers the ticket as it now is. */
export type TicketAction =
  | { kind: 'status'; status: 'inProgress' | 'closed'; reason?: string }
  | { kind: 'status'; status: 'pendingClient'; reason: string; pendingSide: PendingSide }
  | { kind: 'status'; status: 'resolved'; resolution: string }
  | { kind: 'assign'; toMe: boolean; assigneeId?: string; team?: string }
  | { kind: 'escalate'; reason: string }
  | { kind: 'priority'; impact: MatrixLevel; urgency: MatrixLevel; priority?: Priority; reason?: string }
  | { kind: 'rate'; score: number; comment?: string }

export function actionRequest(action: TicketAction): { path: string; body: unknown } {
  switch (action.kind) {
    case 'status':
      return {
        path: 'status',
        body:
          action.status === 'pendingClient'
            ? { status: action.status, reason: action.reason, pendingSide: action.pendingSide }
            : action.status === 'resolved'
              ? { status: action.status, resolution: action.resolution }
              : { status: action.status, reason: action.reason },
      }
    case 'assign':
      return { path: 'assignment', body: action.toMe ? { toMe: true, team: action.team } : { assigneeId: action.assigneeId, team: action.team } }
    case 'escalate':
      return { path: 'escalation', body: { reason: action.reason } }
    case 'priority':
      return { path: 'priority', body: { impact: action.impact, urgency: action.urgency, priority: action.priority, reason: action.reason } }
    case 'rate':
      return { path: 'satisfaction', body: { score: action.score, comment: action.comment } }
  }
}

export function useTicketAction(ticketId: string) {
  return useTicketMutation((action: TicketAction) => {
    const { path, body } = actionRequest(action)
    return api.post<TicketDetail>(`${ticketPath(ticketId)}/${path}`, body)
  }, ticketId)
}

/** What became of one ticket of a bulk action: done, or refused with the service's reason. */
export type BulkOutcome = { ticket: TicketSummary; error?: Error }

/**
 * One action on several tickets, one call per ticket: each ticket's own rules apply, and each change commits with
 * its event on its own, so a refused ticket leaves the others done. One call at a time, in the list's order.
 */
export function useBulkTicketAction() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: async ({ tickets, action }: { tickets: TicketSummary[]; action: TicketAction }) => {
      const { path, body } = actionRequest(action)
      const outcomes: BulkOutcome[] = []
      for (const ticket of tickets) {
        try {
          await api.post<TicketDetail>(`${ticketPath(ticket.id)}/${path}`, body)
          outcomes.push({ ticket })
        } catch (error) {
          outcomes.push({ ticket, error: error instanceof Error ? error : new Error(String(error)) })
        }
      }
      return outcomes
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: ticketsKey }),
  })
}

export function useAddComment(ticketId: string) {
  return useTicketMutation(
    (comment: { body: string; visibility: Visibility }) => api.post<TicketComment>(`${ticketPath(ticketId)}/comments`, comment),
    ticketId,
  )
}

export function useUploadAttachment(ticketId: string) {
  return useTicketMutation(({ file, visibility }: { file: File; visibility?: Visibility }) => {
    const form = new FormData()
    form.append('file', file)
    if (visibility !== undefined) form.append('visibility', visibility)
    return request<Attachment>('POST', `${ticketPath(ticketId)}/attachments`, form)
  }, ticketId)
}

export interface OutageInput {
  service: string
  startedAt: string
  endedAt: string | null
}

export function useRecordOutage(ticketId: string) {
  return useTicketMutation((outage: OutageInput) => api.post<Outage>(`${ticketPath(ticketId)}/outages`, outage), ticketId)
}

export function useUpdateOutage(ticketId: string) {
  return useTicketMutation(
    ({ id, ...outage }: OutageInput & { id: string }) => api.put<Outage>(`${base}/outages/${encodeURIComponent(id)}`, outage),
    ticketId,
  )
}

export function useImportTickets(contractId: string) {
  return useTicketMutation((file: File) =>
    api.upload<ImportResult>(`${base}/contracts/${encodeURIComponent(contractId)}/imports`, file),
  )
}
