import { useInfiniteQuery } from '@tanstack/react-query'
import { api } from '../api'

export interface AuditEntry {
  id: string
  occurredAt: string
  actorName: string
  action: string
  entityType: string
  entityId: string
  before: unknown
  after: unknown
}

/** A page of an audit trail, Identity's log or a contract's: pass `nextCursor` as `before` for the next one. */
export interface AuditPage {
  items: AuditEntry[]
  nextCursor: string | null
}

const auditPageSize = 50

export function useAuditLog() {
  return useInfiniteQuery({
    queryKey: ['audit'],
    queryFn: ({ pageParam }) => {
      const query = new URLSearchParams({ limit: String(auditPageSize) })
      if (pageParam !== null) query.set('before', pageParam)
      return api.get<AuditPage>(`/api/identity/audit?${query}`)
    },
    initialPageParam: null as string | null,
    getNextPageParam: (lastPage) => lastPage.nextCursor,
  })
}
