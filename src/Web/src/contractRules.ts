import type { ContractDetail, ChecklistPhase, Phase, VersionSummary } from './hooks/contracts'
import type { EvolutionAction, EvolutionState } from './hooks/evolutions'
import { contractSorts, phases, type ContractListView, type ContractSort } from './hooks/contracts'
import { isClientManager, isContractManager, isProviderManager, sideOf, type Side } from './roles'

interface Caller {
  roles: readonly string[]
  organisation: { kind: 'client' | 'provider' | 'platform' }
}

export type StepState = 'done' | 'skipped' | 'current' | 'todo'

/** Where a phase stands: one the contract went past without entering it (as the API says) is skipped, not done. */
export function stepState(step: Phase, phase: Phase, skipped: readonly Phase[]): StepState {
  const index = phases.indexOf(step)
  const current = phases.indexOf(phase)
  if (index === current) return 'current'
  if (index > current) return 'todo'
  return skipped.includes(step) ? 'skipped' : 'done'
}

/** Whether the contract has reached a phase (it is in it or past it). */
export function reached(contract: { phase: Phase }, phase: Phase): boolean {
  return phases.indexOf(contract.phase) >= phases.indexOf(phase)
}

/**
 * What the screens offer a caller on a contract. Where the API says it in `can` (contract-level actions, terms,
 * requirements, inventory, new evolution requests), `can` decides; elsewhere the documented rules of roles and
 * phases do, and the server still refuses anything out of order with a 409 the screens show.
 */
export function contractPermissions(contract: ContractDetail, user: Caller) {
  const clientManager = isClientManager(user)
  const providerManager = isProviderManager(user)
  const manager = isContractManager(user)
  const open = contract.phase !== 'closed'
  const side = sideOf(user)
  const planning = contract.phase === 'signed' || contract.phase === 'takeover' || contract.phase === 'upgrade'
  return {
    editTerms: contract.can.includes('editTerms'),
    editInventory: contract.can.includes('editInventory'),
    editRequirements: contract.can.includes('editRequirements'),
    requestEvolution: contract.can.includes('requestEvolution'),
    /** Checklist items are added, and documents attached, while their phase is the contract's phase. */
    editChecklist: (phase: ChecklistPhase) => manager && contract.phase === phase,
    /** A side's acceptances are final once that side has accepted the phase's closure. */
    acceptChecklistItems: (phase: ChecklistPhase) =>
      manager && contract.phase === phase && !contract.closures.some((closure) => closure.phase === phase && closure.side === side),
    /** Upgrade workstreams are planned and followed between signature and the run phase. */
    addWorkstream: manager && planning,
    editWorkstreamProgress: manager && planning,
    evolutionActions: (state: EvolutionState, hasAmendment: boolean): EvolutionAction[] =>
      open ? evolutionActionsFor(state, hasAmendment, { clientManager, providerManager }) : [],
    versionActions: (version: VersionSummary) => versionActionsFor(version, sideOf(user), manager),
  }
}

export type ContractPermissions = ReturnType<typeof contractPermissions>

/**
 * The evolution workflow: the client specifies, the provider proposes a solution with a quote and a plan, the
 * client validates or rejects, the provider implements and delivers, the client accepts and may turn the
 * accepted evolution into an amendment.
 */
const evolutionWorkflow: Record<EvolutionState, { action: EvolutionAction; side: Side }[]> = {
  specified: [{ action: 'propose', side: 'provider' }],
  proposed: [
    { action: 'validate', side: 'client' },
    { action: 'reject', side: 'client' },
  ],
  validated: [{ action: 'start', side: 'provider' }],
  inProgress: [{ action: 'deliver', side: 'provider' }],
  delivered: [{ action: 'accept', side: 'client' }],
  accepted: [{ action: 'amend', side: 'client' }],
  rejected: [],
}

function evolutionActionsFor(
  state: EvolutionState,
  hasAmendment: boolean,
  { clientManager, providerManager }: { clientManager: boolean; providerManager: boolean },
): EvolutionAction[] {
  return (evolutionWorkflow[state] ?? [])
    .filter((step) => (step.side === 'client' ? clientManager : providerManager))
    .filter((step) => !(step.action === 'amend' && hasAmendment))
    .map((step) => step.action)
}

/**
 * Amendments: either side's managers propose a draft and may withdraw it while open; only the other side
 * countersigns a proposal. Version 1 is not proposed: the contract is signed instead.
 */
function versionActionsFor(version: VersionSummary, side: Side | null, manager: boolean): ('propose' | 'countersign' | 'withdraw')[] {
  if (!manager || side === null || version.origin === 'signature') return []
  switch (version.status) {
    case 'draft':
      return ['propose', 'withdraw']
    case 'proposed':
      return version.proposedSide === side ? ['withdraw'] : ['countersign', 'withdraw']
    default:
      return []
  }
}

/** Whose acceptance a side records on a checklist item, and whether it has. */
export function acceptedBy(item: { clientAcceptedBy?: string | null; providerAcceptedBy?: string | null }, side: Side) {
  return side === 'client' ? (item.clientAcceptedBy ?? null) : (item.providerAcceptedBy ?? null)
}

/** The contract list's view from the page's address: an unknown sort or order falls back to the reference, ascending. */
export function contractViewOf(params: URLSearchParams): ContractListView {
  const sort = params.get('sort')
  const order = params.get('order')
  return {
    q: params.get('q') || undefined,
    sort: contractSorts.includes(sort as ContractSort) ? (sort as ContractSort) : undefined,
    order: order === 'asc' || order === 'desc' ? order : undefined,
  }
}

/** The address of a view: only what it sets. */
export function contractSearchOf(view: ContractListView): URLSearchParams {
  const params = new URLSearchParams()
  for (const [name, value] of Object.entries(view)) if (value) params.set(name, value)
  return params
}

/** Clicking a column sorts on it ascending, clicking it again reverses the order. */
export function nextContractSort(view: ContractListView, column: ContractSort): Required<Pick<ContractListView, 'sort' | 'order'>> {
  const active = (view.sort ?? 'reference') === column
  return { sort: column, order: active && (view.order ?? 'asc') === 'asc' ? 'desc' : 'asc' }
}
