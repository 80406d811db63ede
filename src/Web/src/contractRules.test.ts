import { describe, expect, it } from 'vitest'
import { contractPermissions, contractSearchOf, contractViewOf, nextContractSort, stepState } from './contractRules'
import { phases } from './hooks/contracts'
import { accountManager, agent, contractManager, detail, requester } from './test/contracts'

describe('contract permissions', () => {
  it('follows `can` for terms, requirements, inventory and new evolution requests', () => {
    const allowed = contractPermissions(detail({ can: ['editTerms', 'editRequirements', 'editInventory', 'requestEvolution'] }), requester)
    expect([allowed.editTerms, allowed.editRequirements, allowed.editInventory, allowed.requestEvolution]).toEqual([true, true, true, true])
    const refused = contractPermissions(detail({ can: ['sign'] }), contractManager)
    expect([refused.editTerms, refused.editRequirements, refused.editInventory, refused.requestEvolution]).toEqual([false, false, false, false])
  })

  it('plans and follows upgrade workstreams between signature and run', () => {
    expect(contractPermissions(detail({ phase: 'signed' }), accountManager).addWorkstream).toBe(true)
    expect(contractPermissions(detail({ phase: 'upgrade' }), contractManager).editWorkstreamProgress).toBe(true)
    expect(contractPermissions(detail({ phase: 'run' }), contractManager).editWorkstreamProgress).toBe(false)
    expect(contractPermissions(detail({ phase: 'draft' }), contractManager).addWorkstream).toBe(false)
    expect(contractPermissions(detail({ phase: 'takeover' }), agent).addWorkstream).toBe(false)
  })

  it('opens a checklist to the managers of both sides while its phase is the contract’s', () => {
    const takeover = detail({ phase: 'takeover' })
    expect(contractPermissions(takeover, contractManager).editChecklist('takeover')).toBe(true)
    expect(contractPermissions(takeover, accountManager).editChecklist('takeover')).toBe(true)
    expect(contractPermissions(takeover, agent).editChecklist('takeover')).toBe(false)
    expect(contractPermissions(takeover, contractManager).editChecklist('reversibility')).toBe(false)
  })

  it('makes a side’s acceptances final once that side has accepted the closure', () => {
    const closedByClient = detail({ phase: 'takeover', closures: [{ phase: 'takeover', side: 'client', acceptedBy: 'Claire', acceptedAt: '2026-02-11T10:00:00Z' }] })
    expect(contractPermissions(closedByClient, contractManager).acceptChecklistItems('takeover')).toBe(false)
    expect(contractPermissions(closedByClient, accountManager).acceptChecklistItems('takeover')).toBe(true)
  })

  it('lets only the other side countersign a proposed amendment', () => {
    const proposed = { number: 2, status: 'proposed', origin: 'amendment', proposedSide: 'client' } as const
    expect(contractPermissions(detail(), contractManager).versionActions(proposed)).toEqual(['withdraw'])
    expect(contractPermissions(detail(), accountManager).versionActions(proposed)).toEqual(['countersign', 'withdraw'])
    expect(contractPermissions(detail(), agent).versionActions(proposed)).toEqual([])
    expect(contractPermissions(detail(), contractManager).versionActions({ number: 1, status: 'draft', origin: 'signature' })).toEqual([])
  })

  it('offers no evolution step on a closed contract', () => {
    expect(contractPermissions(detail({ phase: 'closed' }), contractManager).evolutionActions('proposed', false)).toEqual([])
  })
})

describe('phase steps', () => {
  it('shows a skipped upgrade as skipped, not done', () => {
    expect(phases.map((step) => stepState(step, 'run', ['upgrade']))).toEqual(['done', 'done', 'done', 'skipped', 'current', 'todo', 'todo'])
    expect(phases.map((step) => stepState(step, 'run', []))).toEqual(['done', 'done', 'done', 'done', 'current', 'todo', 'todo'])
    expect(stepState('upgrade', 'takeover', [])).toBe('todo')
  })
})

describe('the contract list’s view in the address', () => {
  it('keeps the search and the sort, and drops an unknown sort or order', () => {
    const view = contractViewOf(new URLSearchParams('q=parc&sort=noticeDeadline&order=desc'))
    expect(view).toEqual({ q: 'parc', sort: 'noticeDeadline', order: 'desc' })
    expect(contractViewOf(contractSearchOf(view))).toEqual(view)
    expect(contractViewOf(new URLSearchParams('sort=fee&order=up'))).toEqual({ q: undefined, sort: undefined, order: undefined })
    expect(contractSearchOf({}).toString()).toBe('')
  })

  it('sorts on a clicked column ascending, and reverses it on a second click', () => {
    expect(nextContractSort({}, 'reference')).toEqual({ sort: 'reference', order: 'desc' })
    expect(nextContractSort({}, 'phase')).toEqual({ sort: 'phase', order: 'asc' })
    expect(nextContractSort({ sort: 'phase', order: 'asc' }, 'phase')).toEqual({ sort: 'phase', order: 'desc' })
    expect(nextContractSort({ sort: 'phase', order: 'desc' }, 'phase')).toEqual({ sort: 'phase', order: 'asc' })
  })
})
