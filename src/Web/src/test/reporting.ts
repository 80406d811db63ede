import type { Scorecard, ScorecardTrend, TrendMonth } from '../hooks/reporting'
import type { ActionItem, Review, ReviewHeader, ReviewSummary } from '../hooks/reviews'

/** Test data for the dashboard and the reviews: June 2026 of contract c-1, its twelve months, two reviews. */

export const june: Scorecard = {
  month: '2026-06',
  timeZone: 'Europe/Paris',
  from: '2026-05-31T22:00:00Z',
  to: '2026-06-30T22:00:00Z',
  asOf: '2026-06-15T10:00:00Z',
  complete: false,
  contractVersion: 1,
  opened: 12,
  resolved: 9,
  backlog: 5,
  breaches: 2,
  sla: [
    { priority: 'P1', clock: 'respond', completed: 2, met: 1, successRate: 50, targetPercent: 99, status: 'red', tickets: '/contracts/c-1/scorecard/tickets?month=2026-06&figure=sla&priority=P1&clock=respond' },
    { priority: 'P1', clock: 'resolve', completed: 2, met: 2, successRate: 100, targetPercent: null },
    { priority: 'P2', clock: 'respond', completed: 0, met: 0, successRate: null, targetPercent: null },
    { priority: 'P2', clock: 'resolve', completed: 5, met: 5, successRate: 100, targetPercent: 90, status: 'green' },
  ],
  satisfaction: { mean: 4.5, answers: 2, answerRate: 22.22, distribution: [1, 2, 3, 4, 5].map((score) => ({ score, count: score >= 4 ? 1 : 0 })) },
  times: [{ priority: 'P1', clock: 'respond', completed: 2, meanBusinessSeconds: 1500, p90BusinessSeconds: 2400 }],
  breachesByClock: [{ priority: 'P1', clock: 'respond', count: 1 }, { priority: 'P2', clock: 'resolve', count: 1 }],
  volumes: [
    { kind: 'incident', priority: 'P1', opened: 4, resolved: 3, backlog: 1 },
    { kind: 'request', priority: 'P2', opened: 8, resolved: 6, backlog: 4 },
    { kind: 'request', priority: 'P3', opened: 0, resolved: 0, backlog: 0 },
  ],
  backlogAge: { count: 5, meanSeconds: 172800, oldestSeconds: 864000, buckets: [{ fromDays: 0, toDays: 1, count: 1 }, { fromDays: 1, toDays: 7, count: 3 }, { fromDays: 7, toDays: 30, count: 1 }, { fromDays: 30, toDays: null, count: 0 }] },
  availability: [{ service: 'ERP', downSeconds: 3600, periodSeconds: 2592000, percent: 99.86, band: null, status: 'green' }],
  penalties: null,
  invoicing: { invoices: 1, invoiced: 13200, withDiscrepancies: 0, discrepancies: 0, atStake: 0, status: 'green' },
  budget: { year: 2026, plannedYear: 160000, plannedMonth: 13333.33, plannedToDate: 80000, invoicedMonth: 13200, invoicedToDate: 79200, status: 'green' },
  evolutions: [{ state: 'proposed', count: 1, entered: 1 }],
  statuses: { sla: 'red', breaches: 'amber', availability: 'green', penalties: null, invoicing: 'green', budget: 'green' },
  contractId: 'c-1',
  reference: 'ACME-INFOG-01',
}

const month = (value: string, overrides: Partial<TrendMonth> = {}): TrendMonth => ({
  month: value,
  complete: true,
  opened: 10,
  resolved: 10,
  backlog: 3,
  breaches: 0,
  sla: [
    { priority: 'P1', clock: 'respond', completed: 1, successRate: 100, targetPercent: 99, status: 'green' },
    { priority: 'P2', clock: 'respond', completed: 0, successRate: null, targetPercent: null },
    { priority: 'P2', clock: 'resolve', completed: 4, successRate: 100, targetPercent: 90, status: 'green' },
  ],
  satisfactionMean: 4,
  satisfactionAnswers: 3,
  penaltiesDue: 0,
  invoiced: 13200,
  budgetMonth: 13333.33,
  ...overrides,
})

const months = ['2025-07', '2025-08', '2025-09', '2025-10', '2025-11', '2025-12', '2026-01', '2026-02', '2026-03', '2026-04', '2026-05', '2026-06']

export const trend: ScorecardTrend = {
  contractId: 'c-1',
  reference: 'ACME-INFOG-01',
  from: '2025-07',
  to: '2026-06',
  months: months.map((value) =>
    value === '2026-05'
      ? month(value, { sla: [{ priority: 'P1', clock: 'respond', completed: 0, successRate: null, targetPercent: 99 }], penaltiesDue: 250 })
      : value === '2026-06'
        ? month(value, { complete: false, sla: [{ priority: 'P1', clock: 'respond', completed: 2, successRate: 50, targetPercent: 99, status: 'red' }] })
        : month(value),
  ),
}

const header = (overrides: Partial<ReviewHeader> = {}): ReviewHeader => ({
  id: 'r-2',
  contractId: 'c-1',
  number: 2,
  period: '2026-05',
  cadence: 'monthly',
  from: '2026-04-30T22:00:00Z',
  to: '2026-05-31T22:00:00Z',
  title: 'Comité de mai',
  meetingOn: '2026-06-10',
  status: 'open',
  version: 7,
  preparedAt: '2026-06-02T08:00:00Z',
  preparedBy: 'Claire Manager',
  preparedSide: 'client',
  approvals: { client: null, provider: { by: 'Paul Provider', byId: 'u-am', at: '2026-06-11T09:00:00Z' } },
  closedAt: null,
  reference: 'ACME-INFOG-01',
  awaitingSide: 'client',
  ...overrides,
})

export const closedHeader = header({
  id: 'r-1',
  number: 1,
  period: '2026-Q1',
  cadence: 'quarterly',
  title: null,
  meetingOn: null,
  status: 'closed',
  approvals: {
    client: { by: 'Claire Manager', byId: 'u-cm', at: '2026-04-12T09:00:00Z' },
    provider: { by: 'Paul Provider', byId: 'u-am', at: '2026-04-12T10:00:00Z' },
  },
  closedAt: '2026-04-12T10:00:00Z',
  awaitingSide: null,
})

export const reviews: ReviewSummary[] = [
  { header: header(), pendingActions: 2, overdueActions: 1 },
  { header: closedHeader, pendingActions: 0, overdueActions: 0 },
]

const action = (overrides: Partial<ActionItem>): ActionItem => ({
  id: 'a-1',
  raisedInReviewId: 'r-2',
  title: 'Réduire le stock P2',
  side: 'provider',
  owner: 'Paul Provider',
  dueOn: '2026-07-15',
  status: 'open',
  version: 1,
  createdAt: '2026-06-02T09:00:00Z',
  createdBy: 'Claire Manager',
  updatedAt: '2026-06-02T09:00:00Z',
  notes: [],
  overdue: false,
  carriedStatus: null,
  carriedDueOn: null,
  ...overrides,
})

export const carriedAction = action({
  id: 'a-0',
  raisedInReviewId: 'r-1',
  title: 'Former le niveau 1',
  side: 'provider',
  dueOn: '2026-05-31',
  status: 'inProgress',
  version: 3,
  overdue: true,
  carriedStatus: 'inProgress',
  carriedDueOn: '2026-05-31',
  notes: [{ id: 'n-1', at: '2026-05-02T09:00:00Z', author: 'Paul Provider', side: 'provider', text: 'Sessions planned.', fromStatus: 'open', toStatus: 'inProgress' }],
})
export const raisedAction = action({})

export const openReview: Review = {
  header: header(),
  snapshot: {
    takenAt: '2026-06-02T08:00:00Z',
    months: [{ ...june, month: '2026-05', complete: true, budget: null, statuses: { ...june.statuses, budget: null } }],
    totals: {
      firstMonth: '2026-05',
      lastMonth: '2026-05',
      months: 1,
      complete: true,
      opened: 12,
      resolved: 9,
      backlog: 5,
      breaches: 2,
      sla: june.sla,
      breachesByClock: june.breachesByClock,
      satisfaction: june.satisfaction,
      availability: june.availability,
      penalties: null,
      invoicing: june.invoicing,
      budget: june.budget,
      statuses: june.statuses,
    },
  },
  comments: [
    { indicator: 'overall', side: 'provider', text: 'A good month overall.', author: 'Paul Provider', at: '2026-06-03T09:00:00Z', version: 1 },
    { indicator: 'sla', side: 'client', text: 'P1 response must improve.', author: 'Claire Manager', at: '2026-06-03T10:00:00Z', version: 2 },
  ],
  decisions: [
    { id: 'd-1', kind: 'decision', axis: null, text: 'Weekly P1 review.', side: 'client', author: 'Claire Manager', createdAt: '2026-06-03T10:00:00Z', updatedAt: '2026-06-03T10:00:00Z', version: 1 },
  ],
  improvements: [
    { id: 'i-1', kind: 'improvement', axis: 'technology', text: 'Monitoring of the ERP.', side: 'provider', author: 'Paul Provider', createdAt: '2026-06-03T10:00:00Z', updatedAt: '2026-06-03T10:00:00Z', version: 1 },
  ],
  actions: [carriedAction, raisedAction],
}

export const closedReview: Review = { ...openReview, header: closedHeader, comments: [], decisions: [], improvements: [], actions: [] }
