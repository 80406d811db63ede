import { Text } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import { ApiError } from '../../api'
import { ErrorAlert } from '../States'

/**
 * A change to a review the service refused, in its words; when someone changed the same thing meanwhile (409), what
 * they wrote is now shown while the caller's text stays in the form, to compare and send again.
 */
export function ChangeFailure({ error }: { error: Error | null }) {
  const { t } = useTranslation()
  if (!error) return null
  const stale = error instanceof ApiError && error.status === 409 && error.problem?.code === 'reporting.review.stale'
  return (
    <>
      <ErrorAlert error={error} />
      {stale && (
        <Text size="sm" c="dimmed">
          {t('reviews.staleHelp')}
        </Text>
      )}
    </>
  )
}
