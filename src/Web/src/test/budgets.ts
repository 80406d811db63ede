import type { BudgetMonth, ContractBudget } from '../hooks/budgets'

/** Test data for the budget screens: a year planned by month and overrun, a year planned as a whole and within it. */

const month = (number: number, figures: Omit<BudgetMonth, 'month'>): BudgetMonth => ({ month: number, ...figures })

/**
 * 2026 planned at €12,000 a month (€144,000); invoiced €13,200 a month from January to May (€66,000), committed
 * €13,200 a month from June on (€92,400): €14,400 over the plan.
 */
export const budget2026: ContractBudget = {
  contractId: 'c-1',
  reference: 'INF-2026-01',
  budget: {
    year: 2026,
    months: Array.from({ length: 12 }, (_, index) =>
      month(index + 1, { planned: 12000, invoiced: index < 5 ? 13200 : 0, committed: index < 5 ? 0 : 13200 }),
    ),
    planned: 144000,
    invoiced: 66000,
    committed: 92400,
    remaining: -14400,
    overrun: true,
  },
}

/** 2025 planned as a whole, €200,000, the API omitting the months' plans; €150,000 invoiced, nothing left to come. */
export const budget2025: ContractBudget = {
  contractId: 'c-1',
  reference: 'INF-2026-01',
  budget: {
    year: 2025,
    months: Array.from({ length: 12 }, (_, index) => ({ month: index + 1, invoiced: 12500, committed: 0 })),
    planned: 200000,
    invoiced: 150000,
    committed: 0,
    remaining: 50000,
    overrun: false,
  },
}

/** A budget with no plan: the API omits planned and remaining. */
export const unplanned = (contractId: string, reference: string, year: number): ContractBudget => ({
  contractId,
  reference,
  budget: {
    year,
    months: Array.from({ length: 12 }, (_, index) => ({ month: index + 1, invoiced: index === 0 ? 1000 : 0, committed: 0 })),
    invoiced: 1000,
    committed: 0,
    overrun: false,
  },
})
