import { useMutation } from '@tanstack/react-query'
import { api } from '../api'
import type { PenaltyRules, Priority, SlaClock } from './contracts'

/** The body of POST /api/invoicing/penalties/preview: a month priced under rules not yet saved. */
export interface PenaltyPreviewRequest {
  /** yyyy-MM */
  month: string
  monthlyFee: number
  rules: PenaltyRules
  /** breachedAt: an instant, ISO 8601 with offset. */
  breaches: { ticket: number; priority: Priority; clock: SlaClock; breachedAt: string }[]
  /** The clocks completed in the month, met or not. */
  clocks: { priority: Priority; clock: SlaClock; met: boolean }[]
  availability: { service: string; percent: number }[]
  /** What the contract year already applied before this month (for the annual cap). */
  yearToDate: number
}

/**
 * One line of the month: a breach (free within the franchise), a success-rate credit or an availability band.
 * Which fields are present depends on the kind; `rule` names the rule that priced the line ("perBreach[0]"), absent
 * when no rule matched.
 */
export interface PenaltyPreviewLine {
  kind: 'breach' | 'successRate' | 'availability' | (string & {})
  amount: number
  free?: boolean
  rule?: string | null
  ticket?: number | null
  priority?: Priority | null
  clock?: SlaClock | null
  breachedAt?: string | null
  completed?: number | null
  met?: number | null
  ratePercent?: number | null
  targetPercent?: number | null
  points?: number | null
  service?: string | null
  availabilityPercent?: number | null
  belowPercent?: number | null
}

export interface PenaltyPreview {
  grossAmount: number
  freeAmount: number
  monthlyCapDeducted: number
  annualCapDeducted: number
  belowMinimum: boolean
  total: number
  lines: PenaltyPreviewLine[]
}

/** The statement of a sample month under the rules being edited. Nothing is stored. */
export function usePenaltyPreview() {
  return useMutation({
    mutationFn: (request: PenaltyPreviewRequest) => api.post<PenaltyPreview>('/api/invoicing/penalties/preview', request),
  })
}
