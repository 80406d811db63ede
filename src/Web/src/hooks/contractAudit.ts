import { useInfiniteQuery } from '@tanstack/react-query'
import { api } from '../api'
import type { AuditPage } from './audit'
import { contractPath, contractsKey } from './contracts'

const contractAuditPageSize = 50

/** A contract's audit trail, newest first, page by page as Identity's log. */
export function useContractAudit(contractId: string) {
  return useInfiniteQuery({
    queryKey: [...contractsKey, contractId, 'audit'],
    queryFn: ({ pageParam }) => {
      const query = new URLSearchParams({ limit: String(contractAuditPageSize) })
      if (pageParam !== null) query.set('before', pageParam)
      return api.get<AuditPage>(`${contractPath(contractId)}/audit?${query}`)
    },
    initialPageParam: null as string | null,
    getNextPageParam: (lastPage) => lastPage.nextCursor,
  })
}
