import { use, useEffect, useMemo, useRef, useState } from 'react'
import { draftKey, drafts } from '../drafts'
import { UserContext } from './session'
import { useUnsavedChanges } from './unsavedChanges'

export interface Draft<T> {
  value: T
  set: (change: T | ((previous: T) => T)) => void
  /** Changes some of the fields. */
  patch: (fields: Partial<T>) => void
  /** The values differ from those the form started from (or last saved). */
  dirty: boolean
  /** Sent successfully: `next` (by default what was sent) becomes the form's new starting point. */
  saved: (next?: T) => void
}

/**
 * The first of this page's `forms` with a draft kept for the signed-in person, if any: the dialog or editor
 * holding it opens again to show it.
 */
export function useKeptDraft(forms: readonly string[]): string | null {
  const user = use(UserContext)
  const [kept] = useState(() => (user === null ? null : (forms.find((form) => drafts.has(draftKey(window.location.pathname, form), user.id)) ?? null)))
  return kept
}

/**
 * A form's values, kept if the session ends while they are changed, given back when the same person returns to
 * the same page after signing in, and guarded against leaving the page before they are saved. `form` names the
 * form on its page; `initial` gives the values it starts from. Never for a password.
 */
export function useDraft<T>(form: string, initial: () => T): Draft<T> {
  const user = use(UserContext)
  const [start] = useState(() => {
    const key = draftKey(window.location.pathname, form)
    const pristine = initial()
    const kept = user === null ? undefined : drafts.find(key, user.id)
    return { key, pristine, kept: kept as T | undefined }
  })
  const [baseline, setBaseline] = useState<T>(start.pristine)
  const [value, setValue] = useState<T>(start.kept ?? start.pristine)
  // Compared as JSON: a form's values are plain data, and a long one (the terms) renders often for other reasons.
  const baselineJson = useMemo(() => JSON.stringify(baseline), [baseline])
  const valueJson = useMemo(() => JSON.stringify(value), [value])
  const dirty = valueJson !== baselineJson
  const settle = useUnsavedChanges(dirty)

  const latest = useRef<T | undefined>(undefined)
  useEffect(() => {
    latest.current = dirty ? value : undefined
  })
  const signedIn = user !== null
  useEffect(() => {
    if (!signedIn) return
    const forget = drafts.register(start.key, () => latest.current)
    return () => {
      forget()
      // Leaving the form otherwise than by the end of the session gives the draft up.
      if (!drafts.sessionExpired()) drafts.discard(start.key)
    }
  }, [signedIn, start.key])

  return {
    value,
    set: setValue,
    patch: (fields) => setValue((previous) => ({ ...previous, ...fields })),
    dirty,
    saved(next) {
      const kept = next === undefined ? value : next
      drafts.discard(start.key)
      settle()
      setBaseline(kept)
      setValue(kept)
    },
  }
}
