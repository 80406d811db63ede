import type { BudgetYear } from './hooks/budgets'
import { isClientManager, type OrganisationKind } from './roles'

interface Caller {
  roles: readonly string[]
  organisation: { kind: OrganisationKind }
}

/** Budgets are the client's alone: its administrators, contract managers and auditors read them; the provider never does. */
export function readsBudgets(user: Caller): boolean {
  return user.organisation.kind === 'client' && user.roles.some((role) => ['TenantAdmin', 'ContractManager', 'Auditor'].includes(role))
}

/** The client's managers plan them; auditors only read. */
export function plansBudgets(user: Caller): boolean {
  return isClientManager(user)
}

/** The years the Invoicing API accepts. */
export const firstBudgetYear = 2000
export const lastBudgetYear = 2100

/** The year asked for in the address (`?year=2026`), or the current one when it names none the API accepts. */
export function budgetYearOf(requested: string | null, today: Date = new Date()): number {
  const year = requested !== null && /^\d{4}$/.test(requested) ? Number(requested) : Number.NaN
  return year >= firstBudgetYear && year <= lastBudgetYear ? year : today.getFullYear()
}

/** The years offered: a few past ones to look back on, the next two to plan ahead, and the one shown whatever it is. */
export function budgetYearChoices(shown: number, today: Date = new Date()): number[] {
  const current = today.getFullYear()
  const years = new Set<number>([shown])
  for (let year = current - 4; year <= current + 2; year++) years.add(year)
  return [...years].filter((year) => year >= firstBudgetYear && year <= lastBudgetYear).sort((a, b) => b - a)
}

/** How much invoiced + committed exceed the plan: zero within it or without a plan. */
export function overrunAmount(budget: Pick<BudgetYear, 'planned' | 'invoiced' | 'committed'>): number {
  if (budget.planned === null || budget.planned === undefined) return 0
  return Math.max(0, Math.round((budget.invoiced + budget.committed - budget.planned) * 100) / 100)
}

/** A plan entered month by month shows on its months; a plan for the year has no month's figure. */
export function isPlannedByMonth(budget: Pick<BudgetYear, 'months'>): boolean {
  return budget.months.some((month) => month.planned !== null && month.planned !== undefined)
}
