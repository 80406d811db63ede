import { useMutation } from '@tanstack/react-query'
import { api, ApiError } from '../api'
import type { ContractTerms, SlaDuration } from './contracts'

/** The body of POST /api/incidents/sla/preview (docs/incidents-api.md). */
export interface SlaPreviewRequest {
  calendar: ContractTerms['calendar']
  target: SlaDuration
  /** An instant, ISO 8601 with offset. */
  startedAt: string
  pauses?: { from: string; to: string }[]
  stoppedAt?: string | null
  warningThresholds?: number[]
}

/** Instants carry the calendar zone's offset at that instant ("2034-06-09T15:54:34+02:00"). */
export interface SlaPreview {
  dueAt: string
  targetBusinessSeconds: number
  pausedBusinessSeconds: number
  warnings: { percent: number; at: string }[]
  elapsedBusinessSeconds: number
  breached: boolean
}

export type SlaPreviewTargets = { respond: SlaPreviewRequest; resolve: SlaPreviewRequest }

/**
 * Both clocks' problems as one 422: the calendar's fields once (both requests name them alike), each target's
 * under "respond." or "resolve." ("respond.target.value").
 */
function mergeProblems(failures: { which: keyof SlaPreviewTargets; error: ApiError }[]): ApiError {
  const errors: Record<string, string[]> = {}
  for (const { which, error } of failures) {
    for (const [path, messages] of Object.entries(error.problem?.errors ?? {})) {
      const key = /^(\$\.)?target\b/.test(path) ? `${which}.${path.replace(/^\$\./, '')}` : path
      errors[key] ??= messages
    }
  }
  const first = failures[0]!.error
  return new ApiError(first.status, { ...first.problem, errors })
}

/** A priority's two clocks computed at once. Nothing is stored: the calendar is the one being edited, not yet saved. */
export function useSlaPreview() {
  return useMutation({
    mutationFn: async (targets: SlaPreviewTargets) => {
      const whiches = ['respond', 'resolve'] as const
      const settled = await Promise.allSettled(whiches.map((which) => api.post<SlaPreview>('/api/incidents/sla/preview', targets[which])))
      const failures = settled.flatMap((result, index) => (result.status === 'rejected' ? [{ which: whiches[index]!, error: result.reason as unknown }] : []))
      const invalid = failures.filter((f): f is { which: keyof SlaPreviewTargets; error: ApiError } => f.error instanceof ApiError && f.error.status < 500 && f.error.problem?.errors !== undefined)
      if (invalid.length > 0 && invalid.length === failures.length) throw mergeProblems(invalid)
      if (failures.length > 0) throw failures[0]!.error
      const [respond, resolve] = settled.map((result) => (result as PromiseFulfilledResult<SlaPreview>).value)
      return { respond: respond!, resolve: resolve! }
    },
  })
}
