import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { api } from '../api'
import { contractsKey } from './contracts'
import type { PenaltyPreviewLine } from './penaltyPreview'

export type StatementStatus = 'draft' | 'issued'

/** A month in the list of a contract's statements (latest first, the current month at the top). */
export interface StatementSummary {
  /** yyyy-MM */
  month: string
  status: StatementStatus
  issuedAt?: string | null
  grossAmount: number
  total: number
  totalDue: number
}

/** The provider contests a line, then the client upholds or waives it; the client may also waive a line directly. */
export interface LineDecision {
  status: 'contested' | 'upheld' | 'waived'
  contestReason?: string | null
  contestedBy?: string | null
  contestedAt?: string | null
  reason?: string | null
  decidedBy?: string | null
  decidedAt?: string | null
}

/**
 * A line of a statement: `key` names it in the calls that decide on it (`breach:{ticketId}:{clock}`,
 * `successRate:{rule}`, `availability:{SERVICE}`); `detail` has the figures the statement engine priced it with,
 * as the penalty preview gives them.
 */
export interface StatementLine {
  key: string
  ticketId?: string | null
  ticketNumber?: number | null
  waived: boolean
  detail: PenaltyPreviewLine
  decision?: LineDecision | null
}

/** A month's statement: `total` after franchise, waivers, caps and minimum; `totalDue` adds the adjustments for earlier months. */
export interface Statement {
  contractId: string
  month: string
  status: StatementStatus
  issuedAt?: string | null
  /** The contract calendar's zone, in which the month runs. */
  timeZone: string
  versionNumber: number
  monthlyFee: number
  /** What the contract year applied before this month (for the annual cap). */
  yearToDate: number
  grossAmount: number
  freeAmount: number
  waivedAmount: number
  monthlyCapDeducted: number
  annualCapDeducted: number
  belowMinimum: boolean
  total: number
  /** `amount` is the whole difference, `capDeducted` what the annual cap leaves out of it, `due` what is billed. */
  adjustments: { forMonth: string; amount: number; capDeducted: number; due: number }[]
  totalDue: number
  lines: StatementLine[]
}

export type LineAction = 'waive' | 'contest' | 'answer'

/** The body of a decision on a line: a reason, and for an answer to a contest whether the line stays. */
export type LineDecisionRequest = { action: 'waive' | 'contest'; reason: string } | { action: 'answer'; decision: 'upheld' | 'waived'; reason: string }

const statementsKey = (contractId: string) => [...contractsKey, contractId, 'statements'] as const
const statementKey = (contractId: string, month: string) => [...statementsKey(contractId), month] as const
const statementsPath = (contractId: string) => `/api/invoicing/contracts/${encodeURIComponent(contractId)}/statements`
const statementPath = (contractId: string, month: string) => `${statementsPath(contractId)}/${encodeURIComponent(month)}`

export const statementExportUrl = (contractId: string, month: string, format: 'csv' | 'xlsx') =>
  `${statementPath(contractId, month)}/export?format=${format}`

export function useStatements(contractId: string) {
  return useQuery({ queryKey: statementsKey(contractId), queryFn: () => api.get<StatementSummary[]>(statementsPath(contractId)) })
}

export function useStatement(contractId: string, month: string) {
  return useQuery({ queryKey: statementKey(contractId, month), queryFn: () => api.get<Statement>(statementPath(contractId, month)) })
}

/**
 * Waives, contests or answers a line of a month's draft. The answer is the statement recomputed: it replaces the one
 * shown, and the months' list (whose totals it changes) is read again.
 */
export function useLineDecision(contractId: string, month: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: ({ key, request }: { key: string; request: LineDecisionRequest }) => {
      const { action, ...body } = request
      return api.post<Statement>(`${statementPath(contractId, month)}/lines/${encodeURIComponent(key)}/${action}`, body)
    },
    onSuccess: (statement) => {
      queryClient.setQueryData(statementKey(contractId, month), statement)
      return queryClient.invalidateQueries({ queryKey: statementsKey(contractId), exact: true })
    },
  })
}
