import { describe, expect, it } from 'vitest'
import { budgetYearChoices, budgetYearOf, isPlannedByMonth, overrunAmount, plansBudgets, readsBudgets } from './budgetRules'
import type { OrganisationKind } from './roles'

const user = (kind: OrganisationKind, roles: string[]) => ({ organisation: { kind }, roles })
const today = new Date(2026, 5, 15)

describe('budget rules', () => {
  it('lets the client’s administrators, managers and auditors read, its managers plan, nobody else either', () => {
    expect(['TenantAdmin', 'ContractManager', 'Auditor', 'Requester'].map((role) => readsBudgets(user('client', [role])))).toEqual([true, true, true, false])
    expect(['TenantAdmin', 'ContractManager', 'Auditor', 'Requester'].map((role) => plansBudgets(user('client', [role])))).toEqual([true, true, false, false])
    expect(readsBudgets(user('provider', ['AccountManager', 'TenantAdmin']))).toBe(false)
    expect(plansBudgets(user('provider', ['AccountManager']))).toBe(false)
  })

  it('reads the year from the address, the current one when it is missing or outside what the API accepts', () => {
    expect(budgetYearOf('2025', today)).toBe(2025)
    expect([null, '', 'next', '1999', '2101', '20260'].map((year) => budgetYearOf(year, today))).toEqual([2026, 2026, 2026, 2026, 2026, 2026])
  })

  it('offers four years back and two ahead, newest first, and the year shown even when far off', () => {
    expect(budgetYearChoices(2026, today)).toEqual([2028, 2027, 2026, 2025, 2024, 2023, 2022])
    expect(budgetYearChoices(2010, today)).toEqual([2028, 2027, 2026, 2025, 2024, 2023, 2022, 2010])
  })

  it('measures the overrun to the cent, nothing within the plan or without one', () => {
    expect(overrunAmount({ planned: 144000, invoiced: 66000.1, committed: 92400.2 })).toBe(14400.3)
    expect(overrunAmount({ planned: 144000, invoiced: 100000, committed: 44000 })).toBe(0)
    expect(overrunAmount({ invoiced: 100000, committed: 44000 })).toBe(0)
  })

  it('tells a plan by month from a plan for the year', () => {
    expect(isPlannedByMonth({ months: [{ month: 1, invoiced: 0, committed: 0 }, { month: 2, planned: 0, invoiced: 0, committed: 0 }] })).toBe(true)
    expect(isPlannedByMonth({ months: [{ month: 1, invoiced: 0, committed: 0 }, { month: 2, planned: null, invoiced: 0, committed: 0 }] })).toBe(false)
  })
})
