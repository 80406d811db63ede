import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { api } from '../api'
import { contractsKey } from './contracts'

/** A month of a budget year (1 to 12): planned (null without a plan for it), invoiced and committed, in euros. */
export interface BudgetMonth {
  month: number
  planned?: number | null
  invoiced: number
  committed: number
}

/**
 * A contract's budget for a calendar year. Invoiced: approved invoices net of credit notes, on the month their period
 * starts; committed: the revised fees of the months still to come and the validated quotes not yet billed; remaining:
 * planned − invoiced − committed; overrun: invoiced + committed exceed the plan. The API omits nulls: planned and
 * remaining are absent while nothing is planned.
 */
export interface BudgetYear {
  year: number
  months: BudgetMonth[]
  planned?: number | null
  invoiced: number
  committed: number
  remaining?: number | null
  overrun: boolean
}

export interface ContractBudget {
  contractId: string
  reference: string
  budget: BudgetYear
}

/** The client's plan: the year's amount, or one per month (keys "1" to "12"), never both. */
export type BudgetPlan = { annual: number } | { monthly: Record<string, number> }

export const months = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12] as const

const contractBudgetKey = (contractId: string, year: number) => [...contractsKey, contractId, 'budgets', year] as const
const portfolioKey = (year: number) => ['budgets', year] as const
const contractBudgetPath = (contractId: string, year: number) => `/api/invoicing/contracts/${encodeURIComponent(contractId)}/budgets/${year}`

/** The contract page on its budget tab, at a year. */
export const budgetTabUrl = (contractId: string, year: number) => `/contracts/${encodeURIComponent(contractId)}?tab=budget&year=${year}`

export function useContractBudget(contractId: string, year: number) {
  // The previous year stays on screen while the next one loads, so the year selector does not jump away.
  return useQuery({
    queryKey: contractBudgetKey(contractId, year),
    queryFn: () => api.get<ContractBudget>(contractBudgetPath(contractId, year)),
    placeholderData: keepPreviousData,
  })
}

export function useBudgets(year: number) {
  return useQuery({ queryKey: portfolioKey(year), queryFn: () => api.get<ContractBudget[]>(`/api/invoicing/budgets/${year}`), placeholderData: keepPreviousData })
}

export function usePlanBudget(contractId: string, year: number) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (plan: BudgetPlan) => api.put<ContractBudget>(contractBudgetPath(contractId, year), plan),
    onSuccess: (answer) => {
      queryClient.setQueryData(contractBudgetKey(contractId, year), answer)
      return queryClient.invalidateQueries({ queryKey: portfolioKey(year) })
    },
  })
}
