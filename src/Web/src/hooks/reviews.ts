import { useIsFetching, useIsMutating, useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { api } from '../api'
import type { Side } from '../roles'
import { contractsKey } from './contracts'
import type { ExportFormat, Scorecard } from './reporting'

export type ReviewStatus = 'open' | 'closed'
export type ActionStatus = 'open' | 'inProgress' | 'done' | 'dropped'
export const actionStatuses: readonly ActionStatus[] = ['open', 'inProgress', 'done', 'dropped']
export type ImprovementAxis = 'service' | 'needs' | 'technology'
export const improvementAxes: readonly ImprovementAxis[] = ['service', 'needs', 'technology']

/** The indicators both sides comment on: the review as a whole, then the scorecard's figures. */
export const indicators = [
  'overall', 'opened', 'resolved', 'backlog', 'breaches', 'sla', 'times', 'volumes', 'satisfaction', 'availability', 'penalties', 'invoicing', 'budget', 'evolutions',
] as const
export type Indicator = (typeof indicators)[number]

export interface Approval {
  by: string
  byId: string
  at: string
}

export interface ReviewHeader {
  id: string
  contractId: string
  number: number
  /** yyyy-MM or yyyy-Qn */
  period: string
  cadence: 'monthly' | 'quarterly'
  from: string
  to: string
  title?: string | null
  meetingOn?: string | null
  status: ReviewStatus
  version: number
  preparedAt: string
  preparedBy: string
  preparedSide: Side
  approvals: { client?: Approval | null; provider?: Approval | null }
  closedAt?: string | null
  reference?: string | null
  awaitingSide?: Side | null
}

export interface ReviewSummary {
  header: ReviewHeader
  pendingActions: number
  overdueActions: number
}

/** The period's figures combined from its months' scorecards: those that combine, as a month's scorecard has them. */
export type PeriodTotals = Pick<
  Scorecard,
  'opened' | 'resolved' | 'backlog' | 'breaches' | 'sla' | 'breachesByClock' | 'satisfaction' | 'availability' | 'penalties' | 'invoicing' | 'budget' | 'statuses'
> & { firstMonth: string; lastMonth: string; months: number; complete: boolean }

export interface IndicatorComment {
  indicator: Indicator
  side: Side
  text: string
  author: string
  at: string
  version: number
}

export interface ReviewPoint {
  id: string
  kind: 'decision' | 'improvement'
  axis?: ImprovementAxis | null
  text: string
  side: Side
  author: string
  createdAt: string
  updatedAt: string
  version: number
}

export interface ActionNote {
  id: string
  at: string
  author: string
  side: Side
  text?: string | null
  fromStatus?: ActionStatus | null
  toStatus?: ActionStatus | null
}

export interface ActionItem {
  id: string
  raisedInReviewId: string
  title: string
  side: Side
  owner: string
  dueOn: string
  status: ActionStatus
  version: number
  createdAt: string
  createdBy: string
  updatedAt: string
  notes: ActionNote[]
  overdue: boolean
  carriedStatus?: ActionStatus | null
  carriedDueOn?: string | null
}

export interface Review {
  header: ReviewHeader
  snapshot: { takenAt: string; months: Scorecard[]; totals: PeriodTotals }
  comments: IndicatorComment[]
  decisions: ReviewPoint[]
  improvements: ReviewPoint[]
  actions: ActionItem[]
}

export interface PrepareReviewRequest {
  period: string
  meetingOn?: string | null
  title?: string | null
}

export interface ActionRequest {
  title: string
  side: Side
  owner: string
  dueOn: string
  status?: ActionStatus
  note?: string | null
  version?: number
}

const reviewsPath = (contractId: string) => `/api/reporting/contracts/${encodeURIComponent(contractId)}/reviews`
const reviewPath = (contractId: string, reviewId: string) => `${reviewsPath(contractId)}/${encodeURIComponent(reviewId)}`
const reviewsKey = (contractId: string) => [...contractsKey, contractId, 'reviews'] as const
const reviewKey = (contractId: string, reviewId: string) => [...reviewsKey(contractId), reviewId] as const

export const reviewExportUrl = (contractId: string, reviewId: string, format: ExportFormat) =>
  `${reviewPath(contractId, reviewId)}/export?format=${format}`

export function useReviews(contractId: string) {
  return useQuery({ queryKey: reviewsKey(contractId), queryFn: () => api.get<ReviewSummary[]>(reviewsPath(contractId)) })
}

export function useReview(contractId: string, reviewId: string) {
  return useQuery({ queryKey: reviewKey(contractId, reviewId), queryFn: () => api.get<Review>(reviewPath(contractId, reviewId)) })
}

export function usePrepareReview(contractId: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (request: PrepareReviewRequest) => api.post<Review>(reviewsPath(contractId), request),
    onSuccess: (review) => {
      queryClient.setQueryData(reviewKey(contractId, review.header.id), review)
      return queryClient.invalidateQueries({ queryKey: reviewsKey(contractId), exact: true })
    },
  })
}

/**
 * After a change the review and the list (whose counts and approvals it may change) are read again, and after a
 * refusal too: a 409 says someone changed the review meanwhile, and what they wrote is then shown with its version.
 */
function useReviewChange<T>(contractId: string, reviewId: string, send: (body: T) => Promise<unknown>) {
  const queryClient = useQueryClient()
  const refresh = () => queryClient.invalidateQueries({ queryKey: reviewsKey(contractId) })
  return useMutation({ mutationKey: reviewKey(contractId, reviewId), mutationFn: send, onSuccess: refresh, onError: refresh })
}

/**
 * True while a change to the review is on its way or the review is being read again: an approval then would name a
 * version about to change, and be refused.
 */
export function useReviewBusy(contractId: string, reviewId: string) {
  const key = reviewKey(contractId, reviewId)
  return useIsMutating({ mutationKey: key }) + useIsFetching({ queryKey: key }) > 0
}

export function useComment(contractId: string, reviewId: string) {
  return useReviewChange(contractId, reviewId, ({ indicator, text, version }: { indicator: Indicator; text: string; version: number }) =>
    api.put(`${reviewPath(contractId, reviewId)}/comments/${indicator}`, { text, version }),
  )
}

export type PointKind = 'decisions' | 'improvements'

export function useSavePoint(contractId: string, reviewId: string, kind: PointKind) {
  return useReviewChange(contractId, reviewId, ({ id, text, axis, version }: { id?: string; text: string; axis?: ImprovementAxis; version?: number }) =>
    id
      ? api.put(`${reviewPath(contractId, reviewId)}/${kind}/${encodeURIComponent(id)}`, { text, axis, version })
      : api.post(`${reviewPath(contractId, reviewId)}/${kind}`, { text, axis }),
  )
}

export function useRemovePoint(contractId: string, reviewId: string, kind: PointKind) {
  return useReviewChange(contractId, reviewId, (id: string) => api.delete(`${reviewPath(contractId, reviewId)}/${kind}/${encodeURIComponent(id)}`))
}

/** Raises an item in the review, or changes one of the contract's plan (an id). */
export function useSaveAction(contractId: string, reviewId: string) {
  return useReviewChange(contractId, reviewId, ({ id, ...request }: ActionRequest & { id?: string }) =>
    id
      ? api.put(`/api/reporting/contracts/${encodeURIComponent(contractId)}/actions/${encodeURIComponent(id)}`, request)
      : api.post(`${reviewPath(contractId, reviewId)}/actions`, request),
  )
}

export function useAddNote(contractId: string, reviewId: string) {
  return useReviewChange(contractId, reviewId, ({ id, text }: { id: string; text: string }) =>
    api.post(`/api/reporting/contracts/${encodeURIComponent(contractId)}/actions/${encodeURIComponent(id)}/notes`, { text }),
  )
}

export function useApproveReview(contractId: string, reviewId: string) {
  return useReviewChange(contractId, reviewId, (version: number) => api.post(`${reviewPath(contractId, reviewId)}/approve`, { version }))
}
