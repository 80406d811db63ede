import type { Priority, SlaClock } from '../hooks/contracts'
import type { Statement, StatementLine, StatementSummary } from '../hooks/statements'
import type { UserInfo } from '../hooks/session'
import { clientAdmin } from './render'

/** Test data for the penalty statements: a contract's months, a draft with a line in each state, an issued month. */

export const auditor: UserInfo = { ...clientAdmin, id: 'u-au', displayName: 'Aude Auditor', roles: ['Auditor'] }

export const months: StatementSummary[] = [
  { month: '2026-06', status: 'draft', grossAmount: 0, total: 0, totalDue: 0 },
  { month: '2026-05', status: 'draft', grossAmount: 1402.4, total: 876, totalDue: 996 },
  { month: '2026-04', status: 'issued', issuedAt: '2026-05-06T03:00:00Z', grossAmount: 40, total: 0, totalDue: 0 },
]

const breach = (ticket: number, priority: Priority, clock: SlaClock, amount: number, overrides: Partial<StatementLine> = {}): StatementLine => ({
  key: `breach:t-${ticket}:${clock}`,
  ticketId: `t-${ticket}`,
  ticketNumber: ticket,
  waived: false,
  detail: { kind: 'breach', amount, free: false, rule: 'perBreach[0]', ticket, priority, clock, breachedAt: `2026-05-0${ticket % 9}T08:00:00Z` },
  decision: null,
  ...overrides,
})

/** Free within the franchise: nothing to decide on. */
const firstBreach = breach(1042, 'P1', 'resolve', 500)
export const freeLine: StatementLine = { ...firstBreach, detail: { ...firstBreach.detail, free: true } }
export const billedLine = breach(1057, 'P2', 'resolve', 132)
export const contestedLine = breach(1063, 'P1', 'respond', 150, {
  decision: { status: 'contested', contestReason: 'The client could not be reached.', contestedBy: 'Paul Provider', contestedAt: '2026-06-02T09:00:00Z' },
})
export const waivedLine = breach(1070, 'P3', 'resolve', 26.4, {
  waived: true,
  decision: { status: 'waived', reason: 'Planned maintenance.', decidedBy: 'Claire Manager', decidedAt: '2026-06-03T10:00:00Z' },
})
export const successRateLine: StatementLine = {
  key: 'successRate:successRateTargets[1]',
  waived: false,
  detail: { kind: 'successRate', amount: 330, free: false, rule: 'successRateTargets[1]', priority: 'P2', clock: 'resolve', completed: 20, met: 18, ratePercent: 90, targetPercent: 95, points: 5 },
}
export const availabilityLine: StatementLine = {
  key: 'availability:ERP',
  waived: false,
  detail: { kind: 'availability', amount: 264, free: false, rule: 'availabilityBands[0]', service: 'ERP', availabilityPercent: 99.1, belowPercent: 99.5 },
}

/** May's draft: 1,402.40 gross, 500 free, 26.40 waived, 876 total, 120 adjustment for March, 996 due. */
export const mayDraft: Statement = {
  contractId: 'c-1',
  month: '2026-05',
  status: 'draft',
  timeZone: 'Europe/Paris',
  versionNumber: 1,
  monthlyFee: 13200,
  yearToDate: 2400,
  grossAmount: 1402.4,
  freeAmount: 500,
  waivedAmount: 26.4,
  monthlyCapDeducted: 0,
  annualCapDeducted: 0,
  belowMinimum: false,
  total: 876,
  adjustments: [{ forMonth: '2026-03', amount: 170, capDeducted: 50, due: 120 }],
  totalDue: 996,
  lines: [freeLine, billedLine, contestedLine, waivedLine, successRateLine, availabilityLine],
}

/** May once ticket 1057's breach is waived: 132 more waived, 744 total, 864 due. */
export const mayAfterWaiver: Statement = {
  ...mayDraft,
  waivedAmount: 158.4,
  total: 744,
  totalDue: 864,
  lines: mayDraft.lines.map((line) =>
    line.key === billedLine.key
      ? { ...line, waived: true, decision: { status: 'waived', reason: 'Outage on our side.', decidedBy: 'Claire Manager', decidedAt: '2026-06-04T10:00:00Z' } }
      : line,
  ),
}

/** April, issued: one success-rate credit of 40, below the contract's minimum, so nothing billed. */
export const aprilIssued: Statement = {
  ...mayDraft,
  month: '2026-04',
  status: 'issued',
  issuedAt: '2026-05-06T03:00:00Z',
  yearToDate: 2400,
  grossAmount: 40,
  freeAmount: 0,
  waivedAmount: 0,
  belowMinimum: true,
  total: 0,
  adjustments: [],
  totalDue: 0,
  lines: [{ ...successRateLine, detail: { ...successRateLine.detail, amount: 40, ratePercent: 94, points: 1 } }],
}
