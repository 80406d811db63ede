/**
 * What was typed in a form when the session ended, kept in this tab (sessionStorage) until the same person signs
 * in again and the form opens at the same address. A draft names its owner: whoever signs in next on this tab
 * never sees another person's text. Forms never keep a password here.
 */
const prefix = 'infogerance.draft:'
const expiredKey = 'infogerance.sessionExpired'

interface StoredDraft {
  owner: string
  value: unknown
}

/** The forms shown now, each able to say what it holds: read only when the session ends. */
const live = new Map<string, () => unknown>()

function storage(): Storage | null {
  try {
    return window.sessionStorage
  } catch {
    // Storage refused (privacy settings): nothing is kept, the forms still work.
    return null
  }
}

function read(key: string): StoredDraft | null {
  const text = storage()?.getItem(prefix + key)
  if (!text) return null
  try {
    const parsed: unknown = JSON.parse(text)
    return typeof parsed === 'object' && parsed !== null && 'owner' in parsed ? (parsed as StoredDraft) : null
  } catch {
    return null
  }
}

function draftKeys(): string[] {
  const store = storage()
  if (!store) return []
  const keys: string[] = []
  for (let i = 0; i < store.length; i++) {
    const key = store.key(i)
    if (key?.startsWith(prefix)) keys.push(key.slice(prefix.length))
  }
  return keys
}

/** A form's place: the page's path (not its query, which tabs and filters change) and the form's name on it. */
export function draftKey(path: string, form: string): string {
  return `${path}#${form}`
}

export const drafts = {
  /** While mounted, a form says what it holds (undefined: nothing worth keeping); the returned function forgets it. */
  register(key: string, snapshot: () => unknown): () => void {
    live.set(key, snapshot)
    return () => {
      if (live.get(key) === snapshot) live.delete(key)
    }
  },

  /** The session is over: every form shown keeps its text for its owner, and the sign-in page says why. */
  keepAll(owner: string) {
    const store = storage()
    if (!store) return
    let kept = 0
    for (const [key, snapshot] of live) {
      const value = snapshot()
      if (value === undefined) continue
      const stored: StoredDraft = { owner, value }
      try {
        store.setItem(prefix + key, JSON.stringify(stored))
        kept++
      } catch {
        // Over quota: this draft is lost, the others are kept.
      }
    }
    // Several calls may answer 401 together, each keeping the same forms: the count is the largest.
    store.setItem(expiredKey, String(Math.max(kept, this.keptAtExpiry())))
  },

  /** The owner's draft at this place, if the session ended while it was typed. */
  find(key: string, owner: string): unknown {
    const stored = read(key)
    return stored !== null && stored.owner === owner ? stored.value : undefined
  },

  has(key: string, owner: string): boolean {
    return this.find(key, owner) !== undefined
  },

  /** Sent or given up: the draft is not offered again. */
  discard(key: string) {
    storage()?.removeItem(prefix + key)
  },

  /** True between the end of a session and the next sign-in: forms leaving the screen then keep their draft. */
  sessionExpired(): boolean {
    return storage()?.getItem(expiredKey) != null
  },

  /** How many forms kept their text when the session ended (0 when it has not). */
  keptAtExpiry(): number {
    return Number(storage()?.getItem(expiredKey) ?? 0) || 0
  },

  /** Someone signed in: only their own drafts remain, and the expiry has been told. */
  signedIn(owner: string) {
    for (const key of draftKeys()) {
      if (read(key)?.owner !== owner) this.discard(key)
    }
    storage()?.removeItem(expiredKey)
  },

  /** Signed out on purpose: nothing typed before is offered to anyone. */
  clear() {
    for (const key of draftKeys()) this.discard(key)
    storage()?.removeItem(expiredKey)
  },
}
