import { useInfiniteQuery } from '@tanstack/react-query'
import { api } from '../api'
import type { AuditEntry } from './audit'
import { contractPath, contractsKey } from './contracts'

export const contractAuditPageSize = 50

/** A contract's audit trail, newest first; each page continues before the last entry of the previous one. */
export function useContractAudit(contractId: string) {
  return useInfiniteQuery({
    queryKey: [...contractsKey, contractId, 'audit'],
    queryFn: ({ pageParam }) => {
      const query = new URLSearchParams({ limit: String(contractAuditPageSize) })
      if (pageParam !== null) query.set('before', pageParam)
      return api.get<AuditEntry[]>(`${contractPath(contractId)}/audit?${query}`)
    },
    initialPageParam: null as string | null,
    // A short page is the last one.
    getNextPageParam: (lastPage) => (lastPage.length < contractAuditPageSize ? null : (lastPage.at(-1)?.id ?? null)),
  })
}
