import { keepPreviousData, useQuery } from '@tanstack/react-query'
import { api } from '../api'
import type { Side } from '../roles'
import { contractPageUrl, type Phase, type Priority } from './contracts'
import type { BudgetFigures, ExportFormat, FigureStatusValue } from './reporting'

/** How a figure moved since the previous month; `upIsGood` says which way is better. */
export interface Trend {
  direction: 'up' | 'down' | 'flat' | null
  upIsGood: boolean
}

/** One contract's month: the figures of its scorecard. Names are not carried: the SPA joins its own lists on the ids. */
export interface PortfolioRow {
  contractId: string
  reference: string
  clientId: string
  providerOrganisationId: string
  phase: Phase
  month: string
  complete: boolean
  successRate: number | null
  slaStatus: FigureStatusValue | null
  breaches: number
  breachesStatus: FigureStatusValue | null
  backlog: number
  satisfactionMean: number | null
  satisfactionAnswers: number
  penaltiesDue: number | null
  penaltiesStatus: FigureStatusValue | null
  invoiced: number
  invoicingStatus: FigureStatusValue | null
  /** The client's side only. */
  budget?: BudgetFigures | null
  noticeDeadline: string | null
  trends: Record<'successRate' | 'breaches' | 'backlog' | 'satisfaction' | 'penaltiesDue' | 'invoiced', Trend>
}

export interface Portfolio {
  month: string
  asOf: string
  side: Side
  sort: string
  order: SortOrder
  contracts: PortfolioRow[]
}

/** The columns the API sorts on (anything else is refused with a 422). */
export const portfolioSorts = ['reference', 'phase', 'successRate', 'breaches', 'backlog', 'satisfaction', 'penaltiesDue', 'invoiced', 'noticeDeadline'] as const
export type PortfolioSort = (typeof portfolioSorts)[number]
export type SortOrder = 'asc' | 'desc'

export interface PortfolioQuery {
  /** yyyy-MM, or null for each contract's current month. */
  month: string | null
  sort: PortfolioSort
  order: SortOrder
}

const base = '/api/reporting'

/** A contract's dashboard tab, where its figures are read month by month. */
export const dashboardUrl = (contractId: string) => contractPageUrl(contractId, '?tab=dashboard')

export function portfolioQuery({ month, sort, order }: PortfolioQuery, format?: ExportFormat): string {
  const params = new URLSearchParams()
  if (month) params.set('month', month)
  if (format) params.set('format', format)
  if (sort !== 'reference') params.set('sort', sort)
  if (order !== 'asc') params.set('order', order)
  return params.toString()
}

export const portfolioExportUrl = (query: PortfolioQuery, format: ExportFormat) => `${base}/portfolio/export?${portfolioQuery(query, format)}`

export function usePortfolio(query: PortfolioQuery, enabled = true) {
  return useQuery({
    queryKey: ['reporting', 'portfolio', query],
    queryFn: () => {
      const search = portfolioQuery(query)
      return api.get<Portfolio>(`${base}/portfolio${search ? `?${search}` : ''}`)
    },
    placeholderData: keepPreviousData,
    enabled,
  })
}

export interface DeskOldest {
  ticketId: string
  number: number
  contractId: string
  reference: string
  priority: Priority
  openedAt: string
  ageSeconds: number
}

export interface DeskClient {
  clientId: string
  open: number
  byPriority: { priority: string; count: number }[]
  oldest: DeskOldest | null
}

/** A clock Incidents warned of and still at risk of breach. */
export interface AtRiskClock {
  ticketId: string
  number: number | null
  contractId: string
  reference: string
  clientId: string
  priority: Priority
  clock: 'respond' | 'resolve'
  percent: number
  dueAt: string
  assigneeId: string | null
}

export interface DeskLoad {
  asOf: string
  open: number
  clients: DeskClient[]
  /** The soonest due of the clocks at risk, at most {@link atRiskShown}. */
  atRisk: AtRiskClock[]
  /** Whether other clocks are at risk beyond those listed. */
  moreAtRisk: boolean
}

/** How many clocks at risk the desk lists, the soonest due (as the API does). */
export const atRiskShown = 50

/** How often the desk is read again: warnings arrive and clocks complete all day. */
export const deskPollMs = 60_000

/** The provider's desk load now; for the provider's people only. */
export function useDesk(enabled = true) {
  return useQuery({
    queryKey: ['reporting', 'desk'],
    queryFn: () => api.get<DeskLoad>(`${base}/desk`),
    refetchInterval: deskPollMs,
    enabled,
  })
}
