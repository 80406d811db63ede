import { Button, Group, Modal, Text } from '@mantine/core'
import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { useBlocker, type BlockerFunction } from 'react-router'
import { GuardContext, type GuardRegistry } from '../hooks/unsavedChanges'

interface OpenDialog {
  id: string
  close: () => void
}

/**
 * The application's one navigation blocker (the router allows only one): the forms with unsaved changes and the
 * open dialogs register here. Back with a dialog open closes the dialog; leaving a page with changes asks first;
 * closing or reloading the tab then gets the browser's own question.
 */
export function NavigationGuard({ children }: { children: ReactNode }) {
  const { t } = useTranslation()
  const dirty = useRef(new Map<string, string | null>())
  const dialogs = useRef<OpenDialog[]>([])
  const [anyDirty, setAnyDirty] = useState(false)
  // What is asked: leaving the page, or closing (on Back) a dialog whose form has changes.
  const [question, setQuestion] = useState<{ leave: true } | { close: OpenDialog } | null>(null)

  const registry = useMemo<GuardRegistry>(
    () => ({
      setDirty(id, isDirty, dialog) {
        if (isDirty) dirty.current.set(id, dialog)
        else dirty.current.delete(id)
        setAnyDirty(dirty.current.size > 0)
      },
      openDialog(id, close) {
        const entry = { id, close }
        dialogs.current.push(entry)
        return () => {
          dialogs.current = dialogs.current.filter((open) => open !== entry)
        }
      },
    }),
    [],
  )

  const shouldBlock = useCallback<BlockerFunction>(({ currentLocation, nextLocation, historyAction }) => {
    // The session ended: the forms keep their drafts themselves, nothing to ask.
    if (nextLocation.pathname === '/login') return false
    if (historyAction === 'POP' && dialogs.current.length > 0) return true
    const elsewhere = currentLocation.pathname !== nextLocation.pathname || currentLocation.search !== nextLocation.search
    return elsewhere && dirty.current.size > 0
  }, [])
  const blocker = useBlocker(shouldBlock)

  useEffect(() => {
    if (blocker.state !== 'blocked') return
    const top = dialogs.current[dialogs.current.length - 1]
    if (top === undefined) {
      setQuestion({ leave: true })
      return
    }
    // Back with a dialog open: the address stays, the dialog on top goes (after a question if it holds changes).
    blocker.reset()
    if ([...dirty.current.values()].includes(top.id)) setQuestion({ close: top })
    else top.close()
  }, [blocker])

  useEffect(() => {
    if (!anyDirty) return
    const ask = (event: BeforeUnloadEvent) => {
      event.preventDefault()
      // Older browsers show their question only when this is set.
      event.returnValue = ''
    }
    window.addEventListener('beforeunload', ask)
    return () => window.removeEventListener('beforeunload', ask)
  }, [anyDirty])

  const closing = question !== null && 'close' in question ? question.close : null
  const stay = () => {
    if (blocker.state === 'blocked') blocker.reset()
    setQuestion(null)
  }
  const discard = () => {
    if (blocker.state === 'blocked') blocker.proceed()
    closing?.close()
    setQuestion(null)
  }

  return (
    <GuardContext value={registry}>
      {children}
      <Modal opened={question !== null} onClose={stay} title={t('unsaved.title')} closeButtonProps={{ 'aria-label': t('common.close') }} zIndex={1000}>
        <Text mb="md">{closing ? t('unsaved.closeMessage') : t('unsaved.leaveMessage')}</Text>
        <Group justify="flex-end">
          <Button variant="default" onClick={stay} data-autofocus>
            {t('unsaved.stay')}
          </Button>
          <Button color="red" onClick={discard}>
            {closing ? t('unsaved.discard') : t('unsaved.leave')}
          </Button>
        </Group>
      </Modal>
    </GuardContext>
  )
}
