import { useInfiniteQuery } from '@tanstack/react-query'
import { api } from '../api'
import type { FieldChange } from './contracts'

export interface AuditEntry {
  id: string
  occurredAt: string
  /** Who, by name: a person's, or the system's or the demo's in the reader's language. */
  actor: string
  /** A stable code (`contract.phase-changed`), shown as a sentence. */
  action: string
  entityType: string
  entityId: string
  /** The fields the entry changed, by JSON path. */
  changes: FieldChange[]
}

/** A page of an audit trail, Identity's log or a contract's: pass `nextCursor` as `before` for the next one. */
export interface AuditPage {
  items: AuditEntry[]
  nextCursor: string | null
}

/** What a trail is filtered on: part of the actor's name, one action, from one day to another (yyyy-MM-dd). */
export interface AuditFilter {
  actor?: string
  action?: string
  from?: string
  to?: string
}

const auditPageSize = 50

/** The filter as query parameters, empty ones left out. */
export function auditQuery(filter: AuditFilter): URLSearchParams {
  const query = new URLSearchParams()
  for (const [name, value] of Object.entries(filter)) if (value) query.set(name, value)
  return query
}

/** A trail read page by page at `path` (Identity's log or a contract's), filtered. */
export function useAuditTrail(queryKey: readonly unknown[], path: string, filter: AuditFilter) {
  return useInfiniteQuery({
    queryKey: [...queryKey, filter],
    queryFn: ({ pageParam }) => {
      const query = new URLSearchParams({ limit: String(auditPageSize) })
      for (const [name, value] of auditQuery(filter)) query.set(name, value)
      if (pageParam !== null) query.set('before', pageParam)
      return api.get<AuditPage>(`${path}?${query}`)
    },
    initialPageParam: null as string | null,
    getNextPageParam: (lastPage) => lastPage.nextCursor,
  })
}

export function useAuditLog(filter: AuditFilter = {}) {
  return useAuditTrail(['audit'], '/api/identity/audit', filter)
}
