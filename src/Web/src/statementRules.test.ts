import { describe, expect, it } from 'vitest'
import { lineActions, selectedMonth } from './statementRules'
import { accountManager, agent, contractManager } from './test/contracts'
import { clientAdmin } from './test/render'
import { auditor, availabilityLine, billedLine, contestedLine, freeLine, mayDraft, months, successRateLine, waivedLine } from './test/statements'

describe('the month a statement opens at', () => {
  it('is last month by default, the current one being first in the list', () => {
    expect(selectedMonth(months, null)).toBe('2026-05')
  })

  it('is the month asked for when the contract has it', () => {
    expect(selectedMonth(months, '2026-04')).toBe('2026-04')
    expect(selectedMonth(months, '2025-01')).toBe('2026-05')
  })

  it('is the current month when the run began this month, and none before the run', () => {
    expect(selectedMonth(months.slice(0, 1), null)).toBe('2026-06')
    expect(selectedMonth([], null)).toBeNull()
  })
})

describe('what a caller may do on a line', () => {
  const draft = mayDraft
  const issued = { status: 'issued' as const }

  it('lets the client’s contract manager waive a billed line and answer a contested one', () => {
    expect(lineActions(draft, billedLine, contractManager)).toEqual(['waive'])
    expect(lineActions(draft, successRateLine, contractManager)).toEqual(['waive'])
    expect(lineActions(draft, availabilityLine, contractManager)).toEqual(['waive'])
    expect(lineActions(draft, contestedLine, contractManager)).toEqual(['answer'])
    expect(lineActions(draft, { ...billedLine, decision: { status: 'upheld', reason: 'Due.', decidedBy: 'Claire' } }, contractManager)).toEqual(['waive'])
  })

  it('lets the provider’s account manager contest a line nobody has decided on', () => {
    expect(lineActions(draft, billedLine, accountManager)).toEqual(['contest'])
    expect(lineActions(draft, availabilityLine, accountManager)).toEqual(['contest'])
    expect(lineActions(draft, contestedLine, accountManager)).toEqual([])
    expect(lineActions(draft, waivedLine, accountManager)).toEqual([])
  })

  it('offers nothing on a free, zero, waived line or an issued statement', () => {
    for (const line of [freeLine, waivedLine, { ...billedLine, detail: { ...billedLine.detail, amount: 0, rule: null } }]) {
      expect(lineActions(draft, line, contractManager)).toEqual([])
      expect(lineActions(draft, line, accountManager)).toEqual([])
    }
    expect(lineActions(issued, billedLine, contractManager)).toEqual([])
    expect(lineActions(issued, billedLine, accountManager)).toEqual([])
  })

  it('offers nothing to other roles, the tenant’s administrator included', () => {
    for (const user of [auditor, clientAdmin, agent]) expect(lineActions(draft, billedLine, user)).toEqual([])
  })
})
