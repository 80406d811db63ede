import type { DeskLoad, Portfolio, PortfolioRow, Trend } from '../hooks/portfolio'
import { providerOrganisation } from './contracts'
import { fromNow } from './tickets'

/** Test data for the portfolio and the desk: contract c-1 (INF-2026-01) of client t-1 with provider org-p. */

const trend = (direction: Trend['direction'], upIsGood = false): Trend => ({ direction, upIsGood })

export const portfolioRow = (overrides: Partial<PortfolioRow> = {}): PortfolioRow => ({
  contractId: 'c-1',
  reference: 'INF-2026-01',
  clientId: 't-1',
  providerOrganisationId: providerOrganisation.id,
  phase: 'run',
  month: '2026-03',
  complete: true,
  successRate: 95.5,
  slaStatus: 'amber',
  breaches: 2,
  breachesStatus: 'red',
  backlog: 4,
  satisfactionMean: 4.2,
  satisfactionAnswers: 12,
  penaltiesDue: 1250.5,
  penaltiesStatus: 'red',
  invoiced: 10000,
  invoicingStatus: 'green',
  budget: { year: 2026, plannedYear: 120000, plannedMonth: 10000, plannedToDate: 30000, invoicedMonth: 10000, invoicedToDate: 28000, status: 'green' },
  noticeDeadline: '2027-06-30',
  trends: {
    successRate: trend('up', true),
    breaches: trend('down'),
    backlog: trend('up'),
    satisfaction: trend('flat', true),
    penaltiesDue: trend(null),
    invoiced: trend('flat'),
  },
  ...overrides,
})

export const portfolioOf = (contracts: PortfolioRow[], overrides: Partial<Portfolio> = {}): Portfolio => ({
  month: '2026-03',
  asOf: '2026-03-15T10:00:00Z',
  side: 'client',
  sort: 'reference',
  order: 'asc',
  contracts,
  ...overrides,
})

/** The provider's desk: three tickets open at client t-1, one clock at risk. */
export const desk: DeskLoad = {
  asOf: '2026-03-15T10:00:00Z',
  open: 3,
  clients: [
    {
      clientId: 't-1',
      open: 3,
      byPriority: [
        { priority: 'P1', count: 1 },
        { priority: 'P3', count: 2 },
      ],
      oldest: { ticketId: 'tk-9', number: 118, contractId: 'c-1', reference: 'INF-2026-01', priority: 'P3', openedAt: '2026-03-01T10:00:00Z', ageSeconds: 2 * 86_400 },
    },
  ],
  atRisk: [
    {
      ticketId: 'tk-1',
      number: 131,
      contractId: 'c-1',
      reference: 'INF-2026-01',
      clientId: 't-1',
      priority: 'P1',
      clock: 'resolve',
      percent: 75,
      dueAt: fromNow(45 * 60_000 + 30_000),
      assigneeId: 'u-ag',
    },
  ],
  moreAtRisk: false,
}
