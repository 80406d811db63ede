import { createContext, use, useEffect, useId, useRef } from 'react'

/**
 * What the navigation guard knows: which forms hold unsaved changes and which dialogs are open, each form tagged
 * with the dialog it sits in (Back closes the dialog on top, asking first only when that dialog's form has changes).
 */
export interface GuardRegistry {
  setDirty(id: string, dirty: boolean, dialog: string | null): void
  openDialog(id: string, close: () => void): () => void
}

export const GuardContext = createContext<GuardRegistry | null>(null)

/** The dialog a component is rendered in, if any. */
export const DialogContext = createContext<string | null>(null)

/**
 * Asks before the page is left while `dirty`: another address in the application, Back, or closing or reloading
 * the tab. Without the guard above it (a component rendered alone in a test), it does nothing.
 * Returns `settle`, to call just before a navigation that follows a successful save.
 */
export function useUnsavedChanges(dirty: boolean): () => void {
  const guard = use(GuardContext)
  const dialog = use(DialogContext)
  const id = useId()
  useEffect(() => {
    guard?.setDirty(id, dirty, dialog)
  }, [guard, id, dirty, dialog])
  useEffect(() => () => guard?.setDirty(id, false, null), [guard, id])
  // Saved and leaving at once: the guard must know before the next render tells it.
  return () => guard?.setDirty(id, false, null)
}

/** While `opened`, Back closes this dialog rather than leaving the page under it. */
export function useCloseOnBack(opened: boolean, close: () => void, id: string) {
  const guard = use(GuardContext)
  const latest = useRef(close)
  useEffect(() => {
    latest.current = close
  })
  useEffect(() => {
    if (!opened || !guard) return
    return guard.openDialog(id, () => latest.current())
  }, [guard, opened, id])
}
