import { Modal, type ModalProps } from '@mantine/core'
import { useId, type ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { DialogContext, useCloseOnBack } from '../hooks/unsavedChanges'

interface Props {
  opened: boolean
  title: ReactNode
  onClose: () => void
  size?: ModalProps['size']
  children: ReactNode
}

/**
 * A dialog holding a form: its content is mounted only while open, so that every opening starts from a fresh
 * form, and a click outside does not lose what was typed. Back closes it rather than leaving the page.
 */
export function FormModal({ opened, title, onClose, size, children }: Props) {
  const { t } = useTranslation()
  const id = useId()
  useCloseOnBack(opened, onClose, id)
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={title}
      size={size}
      closeButtonProps={{ 'aria-label': t('common.close') }}
      closeOnClickOutside={false}
    >
      <DialogContext value={id}>{opened && children}</DialogContext>
    </Modal>
  )
}
