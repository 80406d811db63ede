import { Button, Group } from '@mantine/core'
import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'

/** The foot of every form in a dialog: cancel, and the submit button that shows the request in flight. */
export function FormActions({ onCancel, loading, submitLabel }: { onCancel: () => void; loading: boolean; submitLabel: ReactNode }) {
  const { t } = useTranslation()
  return (
    <Group justify="flex-end">
      <Button variant="default" onClick={onCancel}>
        {t('common.cancel')}
      </Button>
      <Button type="submit" loading={loading}>
        {submitLabel}
      </Button>
    </Group>
  )
}
