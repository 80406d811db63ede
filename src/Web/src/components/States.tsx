import { Alert, Button, Center, Loader } from '@mantine/core'
import { IconAlertTriangle } from '@tabler/icons-react'
import { useTranslation } from 'react-i18next'
import { errorMessage } from '../errorMessage'

export function Loading() {
  const { t } = useTranslation()
  return (
    <Center py="xl" role="status" aria-label={t('common.loading')}>
      <Loader />
    </Center>
  )
}

export function ErrorAlert({ error, onRetry }: { error: Error; onRetry?: () => void }) {
  const { t } = useTranslation()
  return (
    <Alert color="red" title={t('errors.title')} icon={<IconAlertTriangle aria-hidden />} role="alert">
      {errorMessage(error, t)}
      {onRetry && (
        <div>
          <Button mt="sm" size="xs" variant="light" color="red" onClick={onRetry}>
            {t('common.retry')}
          </Button>
        </div>
      )}
    </Alert>
  )
}
