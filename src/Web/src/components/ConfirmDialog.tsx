import { Button, Group, Modal, Text } from '@mantine/core'
import { useId } from 'react'
import { useTranslation } from 'react-i18next'
import { useCloseOnBack } from '../hooks/unsavedChanges'
import { ErrorAlert } from './States'

interface Props {
  opened: boolean
  title: string
  message: string
  confirmLabel: string
  /** Red by default: most confirmations are for what cannot be undone. */
  confirmColor?: string
  pending: boolean
  error: Error | null
  onConfirm: () => void
  onClose: () => void
}

/** Asks before an action that cannot simply be undone (deactivating a user, revoking a key, signing a contract). */
export function ConfirmDialog({ opened, title, message, confirmLabel, confirmColor = 'red', pending, error, onConfirm, onClose }: Props) {
  const { t } = useTranslation()
  const id = useId()
  useCloseOnBack(opened, onClose, id)
  return (
    <Modal opened={opened} onClose={onClose} title={title} closeButtonProps={{ 'aria-label': t('common.close') }}>
      <Text mb="md">{message}</Text>
      {error && <ErrorAlert error={error} />}
      <Group justify="flex-end" mt="md">
        <Button variant="default" onClick={onClose}>
          {t('common.cancel')}
        </Button>
        <Button color={confirmColor} onClick={onConfirm} loading={pending}>
          {confirmLabel}
        </Button>
      </Group>
    </Modal>
  )
}
