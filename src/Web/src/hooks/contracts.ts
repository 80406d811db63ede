import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { api } from '../api'
import type { Side } from '../roles'
import type { InventoryType } from './contractItems'

export const phases = ['draft', 'signed', 'takeover', 'upgrade', 'run', 'reversibility', 'closed'] as const
export type Phase = (typeof phases)[number]

/** The phases that have a checklist both sides accept item by item. */
export const checklistPhases = ['takeover', 'reversibility'] as const
export type ChecklistPhase = (typeof checklistPhases)[number]

export interface ContractSummary {
  id: string
  tenantId: string
  providerOrganisationId: string
  reference: string
  title: string
  phase: Phase
  /** Absent (the API omits nulls) while no version is in force. */
  currentVersion?: number | null
  /** Absent while a draft's fee is not entered. */
  monthlyFee?: number | null
  startDate: string
  nextPeriodEnd: string | null
  noticeDeadline: string | null
}

/** As of today: of the countersigned versions one is active (in force), earlier ones superseded, later ones scheduled. */
export type VersionStatus = 'draft' | 'proposed' | 'active' | 'scheduled' | 'superseded' | 'withdrawn'
export type VersionOrigin = 'signature' | 'amendment' | 'revision'

export interface VersionSummary {
  number: number
  status: VersionStatus
  origin: VersionOrigin
  effectiveFrom?: string | null
  reason?: string | null
  proposedBy?: string | null
  proposedSide?: Side | null
  proposedAt?: string | null
  countersignedBy?: string | null
  countersignedAt?: string | null
  evolutionRequestId?: string | null
}

export type RenewalDecisionKind = 'terminate' | 'renew' | 'renegotiate'

export interface Renewal {
  periodIndex: number
  periodEnd: string
  noticeDeadline: string
  alerts: { daysBefore: number; on: string; raisedAt?: string | null }[]
  decision?: { decision: RenewalDecisionKind; decidedBy: string; decidedAt: string; revisedMonthlyFee?: number | null } | null
}

export interface PhaseClosure {
  phase: ChecklistPhase
  side: Side
  acceptedBy: string
  acceptedAt: string
}

export type Handover = 'client' | 'newProvider'

export interface ContractDetail extends ContractSummary {
  createdAt: string
  signedAt?: string | null
  signedBy?: string | null
  terminatesOn?: string | null
  closedOn?: string | null
  handover?: Handover | null
  versions: VersionSummary[]
  closures: PhaseClosure[]
  renewal: Renewal | null
  /** The phases the contract went past without entering them (the upgrade when no workstream was planned). */
  skippedPhases: Phase[]
  /** What this caller may do now, as the server decides: "sign", "editTerms", "transition:takeover"… */
  can: string[]
}

export type DurationUnit = 'minutes' | 'hours' | 'businessDays'
export interface SlaDuration {
  value: number
  unit: DurationUnit
  endOfWorkingDay: boolean
}

export const priorities = ['P1', 'P2', 'P3', 'P4'] as const
export type Priority = (typeof priorities)[number]

export const weekDays = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'] as const
export type WeekDay = (typeof weekDays)[number]

export const holidayPacks = ['FR', 'FR-ALSACE-MOSELLE'] as const
export type HolidayPack = (typeof holidayPacks)[number]
/** A holiday pack's key among the translations (which cannot hold a dash). */
export const holidayPackKey = (pack: HolidayPack) => (pack === 'FR' ? 'FR' : 'FR_ALSACE_MOSELLE')

export type PenaltyKind = 'fixed' | 'percentOfFee'

/** The two SLA clocks of a ticket, as penalty rules name them. */
export const slaClocks = ['respond', 'resolve'] as const
export type SlaClock = (typeof slaClocks)[number]

/**
 * What the provider owes back each month. A per-breach rule without clock (null) prices a breach of either clock;
 * a zero cap, franchise or minimum means none.
 */
export interface PenaltyRules {
  perBreach: { priority: Priority; kind: PenaltyKind; amount: number; clock: SlaClock | null }[]
  monthlyFreeBreaches: number
  successRateTargets: { priority: Priority; clock: SlaClock; targetPercent: number; creditPercentPerPoint: number; maxCreditPercent: number }[]
  availabilityBands: { belowPercent: number; penaltyPercentOfFee: number }[]
  monthlyCapPercent: number
  annualCapPercent: number
  minimumTotal: number
}

/** A priced work unit; `countedOn` caps the units billed in a month by the inventory's count of that type (absent or null: not limited). */
export interface WorkUnitPrice {
  code: string
  label: string
  unitPrice: number
  countedOn?: InventoryType | null
}

/** How far an invoice may differ from the contract without blocking: at most `amount` euros, or `percent` % of the amount expected. */
export interface InvoiceTolerance {
  amount?: number | null
  percent?: number | null
}

export interface ContractTerms {
  startDate: string
  initialTermMonths: number
  /** 0 when the contract does not renew tacitly. */
  renewalPeriodMonths: number
  noticeMonths: number
  /** A new draft's fee is absent until the contract manager enters it; no version is signed without one. */
  prices: { monthlyFee?: number | null; workUnits: WorkUnitPrice[] }
  revision: { index: string; a: number; b: number; referenceMonth: string; anniversary: string } | null
  calendar: {
    timeZone: string
    alwaysOpen: boolean
    weekly: { day: WeekDay; open: string; close: string }[]
    holidayPacks: HolidayPack[]
    closedDays: string[]
  }
  sla: { targets: { priority: Priority; respond: SlaDuration; resolve: SlaDuration }[]; warningThresholds: number[] }
  penalties: PenaltyRules
  /** Absent or null, like a limit absent, null or zero: no tolerance. */
  invoiceTolerance?: InvoiceTolerance | null
  evolutionClause: string
  reversibilityClause: string
}

export interface Version extends VersionSummary {
  terms: ContractTerms
}

/** One leaf of the terms that differs between two versions, values as the server displays them. */
export interface FieldChange {
  field: string
  before: string | null
  after: string | null
}

export const contractsKey = ['contracts'] as const
const contractKey = (contractId: string) => [...contractsKey, contractId] as const
export const contractPath = (contractId: string) => `/api/contracts/${encodeURIComponent(contractId)}`
/** The contract's page in the application, on its first tab unless `search` ("?tab=evolutions") says another. */
export const contractPageUrl = (contractId: string, search = '') => `/contracts/${encodeURIComponent(contractId)}${search}`

export function useContracts() {
  return useQuery({ queryKey: contractsKey, queryFn: () => api.get<ContractSummary[]>('/api/contracts') })
}

/** The columns the contract list sorts on, as the API names them. */
export const contractSorts = ['reference', 'title', 'phase', 'monthlyFee', 'startDate', 'noticeDeadline'] as const
export type ContractSort = (typeof contractSorts)[number]

/** A view of the contract list: a search in the reference and title, a column and its direction. */
export interface ContractListView {
  q?: string
  sort?: ContractSort
  order?: 'asc' | 'desc'
}

/** The contract list as the view asks, searched and sorted by the service. */
export function useContractList(view: ContractListView) {
  const params = new URLSearchParams()
  for (const [name, value] of Object.entries(view)) if (value) params.set(name, value)
  const query = params.toString()
  return useQuery({
    queryKey: [...contractsKey, 'list', view],
    queryFn: () => api.get<ContractSummary[]>(`/api/contracts${query ? `?${query}` : ''}`),
    placeholderData: keepPreviousData,
  })
}

export function useContract(contractId: string) {
  return useQuery({
    queryKey: contractKey(contractId),
    queryFn: () => api.get<ContractDetail>(contractPath(contractId)),
  })
}

/**
 * Every change to a contract may move its phase, its `can` list, its versions or the list's columns: what is on
 * screen about contracts is read again (only the queries in use are refetched).
 */
export function useContractMutation<TVariables, TResult = unknown>(mutationFn: (variables: TVariables) => Promise<TResult>) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: contractsKey }),
  })
}

export function useCreateContract() {
  return useContractMutation((request: { reference: string; title: string; providerOrganisationId: string }) =>
    api.post<ContractDetail>('/api/contracts', request),
  )
}

/** The contract-level actions of the `can` list, each one call. */
export type ContractAction =
  | { kind: 'sign' }
  | { kind: 'transition'; to: 'takeover' | 'run' }
  | { kind: 'transition'; to: 'reversibility'; handover: Handover }
  | { kind: 'close'; phase: ChecklistPhase }
  | { kind: 'amend'; effectiveFrom: string; reason: string }
  | { kind: 'decideRenewal'; decision: RenewalDecisionKind }

export function useContractAction(contractId: string) {
  const path = contractPath(contractId)
  return useContractMutation((action: ContractAction) => {
    switch (action.kind) {
      case 'sign':
        return api.post<unknown>(`${path}/sign`)
      case 'transition':
        return api.post<unknown>(`${path}/transitions`, action.to === 'reversibility' ? { to: action.to, handover: action.handover } : { to: action.to })
      case 'close':
        return api.post<unknown>(`${path}/phases/${action.phase}/close`)
      case 'amend':
        return api.post<unknown>(`${path}/amendments`, { effectiveFrom: action.effectiveFrom, reason: action.reason })
      case 'decideRenewal':
        return api.post<unknown>(`${path}/renewal-decisions`, { decision: action.decision })
    }
  })
}

export function useVersion(contractId: string, number: number | null) {
  return useQuery({
    queryKey: [...contractKey(contractId), 'versions', number],
    queryFn: () => api.get<Version>(`${contractPath(contractId)}/versions/${number}`),
    enabled: number !== null,
  })
}

export function useSaveTerms(contractId: string, number: number) {
  return useContractMutation((terms: ContractTerms) =>
    api.put<unknown>(`${contractPath(contractId)}/versions/${number}/terms`, terms),
  )
}

export type VersionAction = 'propose' | 'countersign' | 'withdraw'

export function useVersionAction(contractId: string) {
  return useContractMutation(({ number, action }: { number: number; action: VersionAction }) =>
    api.post<unknown>(`${contractPath(contractId)}/versions/${number}/${action}`),
  )
}

export function useCompareVersions(contractId: string, from: number | null, to: number | null) {
  return useQuery({
    queryKey: [...contractKey(contractId), 'compare', from, to],
    queryFn: () =>
      api.get<FieldChange[]>(`${contractPath(contractId)}/versions/compare?${new URLSearchParams({ from: String(from), to: String(to) })}`),
    enabled: from !== null && to !== null && from !== to,
    placeholderData: keepPreviousData,
  })
}
