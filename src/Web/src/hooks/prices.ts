import { useQuery } from '@tanstack/react-query'
import { api } from '../api'
import { contractPath, contractsKey } from './contracts'

/** A Syntec value as the revision used it (docs/contracts-api.md). */
export interface IndexUsed {
  month: string
  value: number
  series: 'old' | 'new'
}

/** The answer of GET /api/contracts/{id}/prices: P0 ("base") and the price in force of the fee and each work unit. */
export interface ContractPrices {
  contractId: string
  at: string
  versionNumber: number
  versionEffectiveFrom: string
  effectiveOn: string
  monthlyFee: { base: number; inForce: number }
  workUnits: { code: string; label: string; base: number; inForce: number }[]
  /** Absent when the version has no revision clause; anniversary, s and coefficient absent until one has passed (null values are left out). */
  revision?: {
    a: number
    b: number
    referenceMonth: string
    nextAnniversary: string
    s0?: IndexUsed
    anniversary?: string
    s?: IndexUsed
    coefficient?: number
  }
}

/** The prices in force today (in the contract calendar's zone): only once the contract is signed. */
export function usePricesInForce(contractId: string, enabled: boolean) {
  return useQuery({
    queryKey: [...contractsKey, contractId, 'prices'],
    queryFn: () => api.get<ContractPrices>(`${contractPath(contractId)}/prices`),
    enabled,
  })
}
