import type { Priority } from './hooks/contracts'
import { ticketSorts, type MatrixLevel, type SortOrder, type TicketFilters, type TicketSort, type TicketStatus } from './hooks/tickets'

const rank: Record<MatrixLevel, number> = { high: 0, medium: 1, low: 2 }

/**
 * The ITIL matrix, as the Incidents service applies it: high + high gives P1; high + medium (either way) P2;
 * high + low, medium + medium or low + high P3; anything lower P4.
 */
export function priorityOf(impact: MatrixLevel, urgency: MatrixLevel): Priority {
  const sum = rank[impact] + rank[urgency]
  return sum === 0 ? 'P1' : sum === 1 ? 'P2' : sum === 2 ? 'P3' : 'P4'
}

/** Resolved and closed tickets leave the desk's queue; the others still need work. */
export function isOpenStatus(status: TicketStatus): boolean {
  return status !== 'resolved' && status !== 'closed'
}

export interface Span {
  days: number
  hours: number
  minutes: number
}

/**
 * A duration as people read a deadline: the two largest units that matter ("2 d 3 h", "2 h 10 min", "35 min"),
 * whole minutes counted down (59 s left is less than a minute). Negative durations give the same parts.
 */
export function spanOf(milliseconds: number): Span {
  const total = Math.floor(Math.abs(milliseconds) / 60_000)
  return { days: Math.floor(total / 1440), hours: Math.floor((total % 1440) / 60), minutes: total % 60 }
}

/** The units of a span to show, largest first, without a zero second unit. */
export function spanUnits(span: Span): [keyof Span, number][] {
  if (span.days > 0) return span.hours > 0 ? [['days', span.days], ['hours', span.hours]] : [['days', span.days]]
  if (span.hours > 0) return span.minutes > 0 ? [['hours', span.hours], ['minutes', span.minutes]] : [['hours', span.hours]]
  return span.minutes > 0 ? [['minutes', span.minutes]] : []
}

/** The list's own order when none is asked: the desk's queue by SLA urgency, a client's tickets newest first. */
export function defaultTicketSort(desk: boolean): { sort: TicketSort; order: SortOrder } {
  return desk ? { sort: 'urgency', order: 'asc' } : { sort: 'newest', order: 'desc' }
}

/** The direction a column reads in when first clicked: newest first for the opening date, ascending otherwise. */
const firstOrder = (sort: TicketSort): SortOrder => (sort === 'newest' ? 'desc' : 'asc')

/** The sort and direction in effect, the list's default filling what the view leaves out. */
export function effectiveSort(filters: TicketFilters, desk: boolean): { sort: TicketSort; order: SortOrder } {
  const sort = filters.sort ?? defaultTicketSort(desk).sort
  return { sort, order: filters.order ?? (filters.sort ? firstOrder(sort) : defaultTicketSort(desk).order) }
}

/** Clicking a column sorts on it in its first direction; clicking it again reverses the order. */
export function nextTicketSort(filters: TicketFilters, desk: boolean, column: TicketSort): { sort: TicketSort; order: SortOrder } {
  const current = effectiveSort(filters, desk)
  return { sort: column, order: current.sort === column ? (current.order === 'asc' ? 'desc' : 'asc') : firstOrder(column) }
}

/** The address's names for the filters the API calls otherwise. */
const urlNames: Partial<Record<keyof TicketFilters, string>> = { contractId: 'contract', tenantId: 'tenant' }
const urlName = (key: keyof TicketFilters) => urlNames[key] ?? key

/**
 * A list view from the page's address, so that a view can be bookmarked and shared: unknown sorts and orders fall
 * back to the list's own. The desk's default status is "open"; "all" in the address says every status.
 */
export function ticketViewOf(params: URLSearchParams, desk: boolean): TicketFilters {
  const text = (key: keyof TicketFilters) => params.get(urlName(key)) ?? undefined
  const status = params.get('status')
  const sort = params.get('sort')
  const order = params.get('order')
  return {
    contractId: text('contractId'),
    tenantId: text('tenantId'),
    status: status === 'all' ? '' : (status ?? (desk ? 'open' : '')),
    priority: text('priority'),
    kind: text('kind'),
    level: text('level'),
    assignee: text('assignee'),
    breached: params.get('breached') === 'true' ? true : undefined,
    q: text('q'),
    sort: ticketSorts.includes(sort as TicketSort) ? (sort as TicketSort) : undefined,
    order: order === 'asc' || order === 'desc' ? order : undefined,
  }
}

/** The address of a list view: only what differs from the list's defaults. */
export function ticketSearchOf(filters: TicketFilters, desk: boolean): URLSearchParams {
  const params = new URLSearchParams()
  for (const [key, value] of Object.entries(filters) as [keyof TicketFilters, TicketFilters[keyof TicketFilters]][]) {
    if (key === 'status') continue
    if (value === undefined || value === '' || value === false) continue
    params.set(urlName(key), String(value))
  }
  const status = filters.status ?? ''
  if (status !== (desk ? 'open' : '')) params.set('status', status === '' ? 'all' : status)
  return params
}

/** How many filters differ from the list's defaults: the search and the sort are not filters. */
export function ticketFilterCount(filters: TicketFilters, desk: boolean): number {
  return [...ticketSearchOf(filters, desk).keys()].filter((name) => !['q', 'sort', 'order'].includes(name)).length
}
