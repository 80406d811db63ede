import { describe, expect, it } from 'vitest'
import { contractPermissions } from './contractRules'
import { accountManager, agent, contractManager, detail, requester } from './test/contracts'

describe('contract permissions', () => {
  it('follows `can` for terms and inventory', () => {
    expect(contractPermissions(detail({ can: ['editTerms'] }), requester).editTerms).toBe(true)
    expect(contractPermissions(detail({ can: [] }), contractManager).editInventory).toBe(false)
  })

  it('lets client managers write requirements only while the contract is a draft', () => {
    expect(contractPermissions(detail({ phase: 'draft' }), contractManager).editRequirements).toBe(true)
    expect(contractPermissions(detail({ phase: 'signed' }), contractManager).editRequirements).toBe(false)
    expect(contractPermissions(detail({ phase: 'draft' }), accountManager).editRequirements).toBe(false)
  })

  it('opens a checklist to the managers of both sides while its phase is the contract’s', () => {
    const takeover = detail({ phase: 'takeover' })
    expect(contractPermissions(takeover, contractManager).editChecklist('takeover')).toBe(true)
    expect(contractPermissions(takeover, accountManager).editChecklist('takeover')).toBe(true)
    expect(contractPermissions(takeover, agent).editChecklist('takeover')).toBe(false)
    expect(contractPermissions(takeover, contractManager).editChecklist('reversibility')).toBe(false)
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
    expect(contractPermissions(detail({ phase: 'closed' }), contractManager).requestEvolution).toBe(false)
  })
})
