import { Alert, Button, Center, Loader } from '@mantine/core'
import type { UseQueryResult } from '@tanstack/react-query'
import type { ReactNode } from 'react'
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

/** A list's states, in one place: loading, an error with a retry, empty, or the items themselves. */
export function ListStates<T>({
  query,
  empty,
  children,
}: {
  query: UseQueryResult<T[]>
  empty: ReactNode
  children: (items: T[]) => ReactNode
}) {
  if (query.isPending) return <Loading />
  if (query.isError) return <ErrorAlert error={query.error} onRetry={() => void query.refetch()} />
  return query.data.length === 0 ? empty : children(query.data)
}
