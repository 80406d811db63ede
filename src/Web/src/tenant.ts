import { useSyncExternalStore } from 'react'
import type { UserInfo } from './hooks/session'

const storageKey = 'infogerance.tenant'

/**
 * The client tenant a provider user is working on, sent as X-Tenant-Id on /api calls; null means all the
 * clients its organisation serves. Kept outside React so that the API client reads it synchronously.
 */
let selected: string | null = localStorage.getItem(storageKey)
const listeners = new Set<() => void>()

export const tenantStore = {
  get: () => selected,
  set(tenantId: string | null) {
    if (tenantId === selected) return
    selected = tenantId
    if (tenantId === null) localStorage.removeItem(storageKey)
    else localStorage.setItem(storageKey, tenantId)
    listeners.forEach((listener) => listener())
  },
  subscribe(listener: () => void) {
    listeners.add(listener)
    return () => {
      listeners.delete(listener)
    }
  },
  /** Forgets a selection that the signed-in user may not use (another user's, or a contract that ended). */
  reconcile(user: UserInfo | null) {
    const allowed =
      user !== null &&
      user.organisation.kind === 'provider' &&
      user.tenants.some((tenant) => tenant.id === selected)
    if (!allowed) this.set(null)
  },
}

export function useSelectedTenant(): string | null {
  return useSyncExternalStore(tenantStore.subscribe, tenantStore.get)
}
