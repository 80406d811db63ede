import { keepPreviousData, useQuery } from '@tanstack/react-query'
import { api } from '../api'
import { contractsKey } from './contracts'

/** green on target, amber off target with nothing owed yet, red off target with something owed. */
export type FigureStatusValue = 'green' | 'amber' | 'red'
export type ClockName = 'respond' | 'resolve'

export interface SlaRate {
  priority: string
  clock: ClockName
  completed: number
  met: number
  successRate: number | null
  targetPercent: number | null
  status?: FigureStatusValue | null
  tickets?: string | null
}

export interface ClockTimes {
  priority: string
  clock: ClockName
  completed: number
  meanBusinessSeconds?: number | null
  p90BusinessSeconds?: number | null
}

export interface Volume {
  kind: string
  priority: string
  opened: number
  resolved: number
  backlog: number
}

export interface Satisfaction {
  mean: number | null
  answers: number
  answerRate?: number | null
  distribution: { score: number; count: number }[]
}

export interface ServiceAvailability {
  service: string
  downSeconds: number
  periodSeconds: number
  percent: number
  band?: { belowPercent: number; percentOfMonthlyFee: number } | null
  status?: FigureStatusValue | null
}

export interface PenaltyFigures {
  grossAmount: number
  freeAmount: number
  waivedAmount: number
  capsDeducted: number
  belowMinimum: boolean
  total: number
  adjustmentTotal: number
  totalDue: number
  lines: number
  status: FigureStatusValue
}

export interface InvoicingFigures {
  invoices: number
  invoiced: number
  withDiscrepancies: number
  discrepancies: number
  atStake: number
  status?: FigureStatusValue | null
}

export interface BudgetFigures {
  year: number
  plannedYear?: number | null
  plannedMonth?: number | null
  plannedToDate?: number | null
  invoicedMonth: number
  invoicedToDate: number
  status?: FigureStatusValue | null
}

export interface FigureStatuses {
  sla?: FigureStatusValue | null
  breaches?: FigureStatusValue | null
  availability?: FigureStatusValue | null
  penalties?: FigureStatusValue | null
  invoicing?: FigureStatusValue | null
  budget?: FigureStatusValue | null
}

/** A contract's month, as the Reporting service computes it (the provider's has no budget). */
export interface Scorecard {
  month: string
  timeZone: string
  from: string
  to: string
  asOf: string
  complete: boolean
  contractVersion?: number | null
  opened: number
  resolved: number
  backlog: number
  breaches: number
  sla: SlaRate[]
  satisfaction: Satisfaction
  times: ClockTimes[]
  breachesByClock: { priority: string; clock: ClockName; count: number }[]
  volumes: Volume[]
  backlogAge: { count: number; meanSeconds?: number | null; oldestSeconds?: number | null; buckets: { fromDays: number; toDays?: number | null; count: number }[] }
  availability: ServiceAvailability[]
  penalties?: PenaltyFigures | null
  invoicing: InvoicingFigures
  budget?: BudgetFigures | null
  evolutions: { state: string; count: number; entered: number }[]
  statuses: FigureStatuses
  contractId?: string
  reference?: string
}

export interface TrendRate {
  priority: string
  clock: ClockName
  completed: number
  successRate: number | null
  targetPercent: number | null
  status?: FigureStatusValue | null
}

/** One month of the trend: the figures charted month by month. */
export interface TrendMonth {
  month: string
  complete: boolean
  opened: number
  resolved: number
  backlog: number
  breaches: number
  sla: TrendRate[]
  satisfactionMean: number | null
  satisfactionAnswers: number
  penaltiesDue: number | null
  invoiced: number
  budgetMonth?: number | null
}

export interface ScorecardTrend {
  contractId: string
  reference?: string | null
  from: string
  to: string
  months: TrendMonth[]
}

/** The figures whose tickets can be listed, and how to narrow them. */
export type DrillFigure = 'opened' | 'resolved' | 'backlog' | 'breaches' | 'sla' | 'satisfaction'

export interface DrillDown {
  figure: DrillFigure
  priority?: string
  clock?: ClockName
  outcome?: 'met' | 'missed'
  kind?: string
}

export interface FigureTicket {
  ticketId: string
  number?: number | null
  kind: string
  priority: string
  openedAt?: string | null
  resolvedAt?: string | null
  clock?: ClockName | null
  met?: boolean | null
  dueAt?: string | null
  completedAt?: string | null
  score?: number | null
  ratedAt?: string | null
  ageSeconds?: number | null
}

export interface FigureTicketsPage {
  contractId: string
  month: string
  figure: string
  total: number
  offset: number
  items: FigureTicket[]
}

export type ExportFormat = 'csv' | 'xlsx' | 'pdf'
export const exportFormats: readonly ExportFormat[] = ['csv', 'xlsx', 'pdf']

const reportingPath = (contractId: string) => `/api/reporting/contracts/${encodeURIComponent(contractId)}`
const scorecardKey = (contractId: string) => [...contractsKey, contractId, 'scorecard'] as const

export const scorecardExportUrl = (contractId: string, month: string, format: ExportFormat) =>
  `${reportingPath(contractId)}/scorecard/export?month=${encodeURIComponent(month)}&format=${format}`

export function useScorecard(contractId: string, month: string) {
  return useQuery({
    queryKey: [...scorecardKey(contractId), month],
    queryFn: () => api.get<Scorecard>(`${reportingPath(contractId)}/scorecard?month=${encodeURIComponent(month)}`),
    placeholderData: keepPreviousData,
  })
}

/** The twelve months up to `to`, oldest first. */
export function useScorecardTrend(contractId: string, to: string) {
  return useQuery({
    queryKey: [...scorecardKey(contractId), 'trend', to],
    queryFn: () => api.get<ScorecardTrend>(`${reportingPath(contractId)}/scorecard/trend?to=${encodeURIComponent(to)}&months=12`),
    placeholderData: keepPreviousData,
  })
}

export function useFigureTickets(contractId: string, month: string, drill: DrillDown | null) {
  const query = new URLSearchParams({ month, limit: '200' })
  for (const [key, value] of Object.entries(drill ?? {})) if (value) query.set(key, value)
  return useQuery({
    queryKey: [...scorecardKey(contractId), month, 'tickets', drill],
    queryFn: () => api.get<FigureTicketsPage>(`${reportingPath(contractId)}/scorecard/tickets?${query.toString()}`),
    enabled: drill !== null,
  })
}
