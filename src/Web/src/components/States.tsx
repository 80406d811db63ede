import { Alert, Anchor, Button, Center, List, Loader, Stack, Text, Title } from '@mantine/core'
import type { UseQueryResult } from '@tanstack/react-query'
import type { ReactNode } from 'react'
import { IconAlertTriangle } from '@tabler/icons-react'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { ApiError } from '../api'
import { errorMessage } from '../errorMessage'

export function Loading() {
  const { t } = useTranslation()
  return (
    <Center py="xl" role="status" aria-label={t('common.loading')}>
      <Loader />
    </Center>
  )
}

/** A failed call, in the problem's own words, with what it says about each field when no form shows it. */
export function ErrorAlert({ error, onRetry }: { error: Error; onRetry?: () => void }) {
  const { t } = useTranslation()
  const fields = error instanceof ApiError ? Object.entries(error.problem?.errors ?? {}) : []
  return (
    <Alert color="red" title={t('errors.title')} icon={<IconAlertTriangle aria-hidden />} role="alert">
      {errorMessage(error, t)}
      {fields.length > 0 && (
        <List size="sm" mt="xs">
          {fields.map(([field, messages]) => (
            <List.Item key={field}>
              {field === '' ? messages.join(' ') : t('errors.fieldMessage', { field, message: messages.join(' ') })}
            </List.Item>
          ))}
        </List>
      )}
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

/** A query's states, in one place: loading, an error with a retry, or what its data shows. */
export function QueryStates<T>({ query, children }: { query: UseQueryResult<T>; children: (data: T) => ReactNode }) {
  if (query.isPending) return <Loading />
  if (query.isError) return <ErrorAlert error={query.error} onRetry={() => void query.refetch()} />
  return children(query.data)
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
  return <QueryStates query={query}>{(items) => (items.length === 0 ? empty : children(items))}</QueryStates>
}

/**
 * A page's one item, in one place: loading; the item (kept on screen when a later refresh fails); a page saying it
 * does not exist, or is not the caller's to see, with the way back; or any other error with a retry.
 */
export function ItemStates<T>({
  query,
  notFound,
  children,
}: {
  query: UseQueryResult<T>
  notFound: { title: string; text: string; backTo: string; backLabel: string }
  children: (item: T) => ReactNode
}) {
  if (query.isPending) return <Loading />
  if (query.data !== undefined) return children(query.data)
  if (query.error instanceof ApiError && query.error.status === 404) {
    return (
      <Stack>
        <Title order={1}>{notFound.title}</Title>
        <Text>{notFound.text}</Text>
        <Anchor component={Link} to={notFound.backTo}>
          {notFound.backLabel}
        </Anchor>
      </Stack>
    )
  }
  return <ErrorAlert error={query.error as Error} onRetry={() => void query.refetch()} />
}
