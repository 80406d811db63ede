import { Stack, Text, TextInput } from '@mantine/core'
import type { FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { usePrepareReview, type Review } from '../../hooks/reviews'
import { useDraft } from '../../hooks/useDraft'
import { useFormFeedback } from '../../hooks/useFormFeedback'
import { defaultReviewPeriod, isReviewPeriod } from '../../reportingRules'
import { FormActions } from '../FormActions'
import { ErrorAlert } from '../States'
import { DateField } from '../DateField'

const fields = ['period', 'meetingOn', 'title']

/** The form's name on the contract's page, for its draft. */
export const prepareReviewForm = 'review-preparation'

/**
 * Prepares a review: a month (yyyy-MM) or a quarter (yyyy-Qn), the meeting's day and a title. Preparing freezes the
 * period's figures; a period taken or a review still open is a 409 shown above the buttons.
 */
export function PrepareReviewForm({ contractId, onPrepared, onClose }: { contractId: string; onPrepared: (review: Review) => void; onClose: () => void }) {
  const { t } = useTranslation()
  const prepare = usePrepareReview(contractId)
  const feedback = useFormFeedback(fields)
  const draft = useDraft(prepareReviewForm, () => ({ period: defaultReviewPeriod(), meetingOn: '', title: '' }))
  const { period, meetingOn, title } = draft.value

  function submit(event: FormEvent) {
    event.preventDefault()
    const value = period.trim()
    if (!feedback.check(isReviewPeriod(value) ? {} : { period: t('reviews.prepare.periodFormat') })) return
    prepare.mutate(
      { period: value, meetingOn: meetingOn || null, title: title.trim() || null },
      {
        onSuccess: (review) => {
          draft.saved()
          onPrepared(review)
        },
        onError: feedback.fail,
      },
    )
  }

  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <Text size="sm" c="dimmed">
          {t('reviews.prepare.help')}
        </Text>
        <TextInput
          label={t('reviews.prepare.period')}
          description={t('reviews.prepare.periodHelp')}
          withAsterisk
          value={period}
          onChange={(event) => draft.patch({ period: event.currentTarget.value })}
          error={feedback.errors.period}
        />
        <DateField
          label={t('reviews.prepare.meetingOn')}
          value={meetingOn}
          onChange={(value) => draft.patch({ meetingOn: value })}
          error={feedback.errors.meetingOn}
        />
        <TextInput label={t('reviews.prepare.titleField')} maxLength={200} value={title} onChange={(event) => draft.patch({ title: event.currentTarget.value })} error={feedback.errors.title} />
        {feedback.failure && <ErrorAlert error={feedback.failure} />}
        <FormActions onCancel={onClose} loading={prepare.isPending} submitLabel={t('reviews.prepare.submit')} />
      </Stack>
    </form>
  )
}
