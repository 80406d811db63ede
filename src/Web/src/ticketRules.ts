import type { Priority } from './hooks/contracts'
import type { MatrixLevel, TicketStatus } from './hooks/tickets'

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
