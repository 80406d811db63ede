import { Button, Card, Group, Stack, Table, Text, Textarea, Title } from '@mantine/core'
import { useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { indicators, useComment, type Indicator, type IndicatorComment, type Review } from '../../hooks/reviews'
import { useUser } from '../../hooks/session'
import { useDraft, useKeptDraft } from '../../hooks/useDraft'
import { useFormFeedback } from '../../hooks/useFormFeedback'
import { sideOf, type Side } from '../../roles'
import { AuthoredText } from './AuthoredText'
import { ChangeFailure } from './ChangeFailure'

const sides: readonly Side[] = ['client', 'provider']

const commentForm = (reviewId: string, indicator: Indicator) => `review-${reviewId}-comment-${indicator}`

/** The caller's side's comment on an indicator: an empty text removes it; the version read guards against overwriting. */
function CommentEditor({
  contractId,
  reviewId,
  indicator,
  current,
  onDone,
}: {
  contractId: string
  reviewId: string
  indicator: Indicator
  current: IndicatorComment | undefined
  onDone: () => void
}) {
  const { t } = useTranslation()
  const comment = useComment(contractId, reviewId)
  const feedback = useFormFeedback(['text'])
  const draft = useDraft(commentForm(reviewId, indicator), () => current?.text ?? '')
  const text = draft.value
  const label = t('reviews.comments.edit', { indicator: t(`reviews.indicators.${indicator}`) })

  function submit(event: FormEvent) {
    event.preventDefault()
    if (!feedback.check({})) return
    comment.mutate({ indicator, text: text.trim(), version: current?.version ?? 0 }, {
        onSuccess: () => {
          draft.saved()
          onDone()
        },
        onError: feedback.fail,
      })
  }

  return (
    <form onSubmit={submit} noValidate aria-label={label}>
      <Stack gap="xs">
        <Textarea label={label} autosize minRows={2} maxLength={4000} value={text} onChange={(event) => draft.set(event.currentTarget.value)} error={feedback.errors.text} />
        <ChangeFailure error={feedback.failure} />
        <Group gap="xs" justify="flex-end">
          <Button size="xs" variant="default" onClick={onDone}>
            {t('common.cancel')}
          </Button>
          <Button size="xs" type="submit" loading={comment.isPending}>
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  )
}

/** Each side's comment on the review as a whole and on each figure (the budget is the client's alone). */
export function ReviewComments({ contractId, review, canWrite }: { contractId: string; review: Review; canWrite: boolean }) {
  const { t } = useTranslation()
  const user = useUser()
  const mySide = sideOf(user)
  const shown = indicators.filter((indicator) => indicator !== 'budget' || mySide === 'client')
  // A comment being written when the session ended opens again with its text.
  const kept = useKeptDraft(shown.map((indicator) => commentForm(review.header.id, indicator)))
  const [editing, setEditing] = useState<Indicator | null>(() => shown.find((indicator) => commentForm(review.header.id, indicator) === kept) ?? null)
  const commentOf = (indicator: Indicator, side: Side) => review.comments.find((c) => c.indicator === indicator && c.side === side)
  return (
    <Card withBorder component="section" aria-label={t('reviews.comments.title')}>
      <Title order={3} size="h4" mb="xs">
        {t('reviews.comments.title')}
      </Title>
      <Table.ScrollContainer minWidth={720}>
        <Table aria-label={t('reviews.comments.title')} verticalSpacing="sm">
          <Table.Thead>
            <Table.Tr>
              <Table.Th w="18%">{t('reviews.comments.indicator')}</Table.Th>
              {sides.map((side) => (
                <Table.Th key={side}>{t(`reviews.sides.${side}`)}</Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {shown.map((indicator) => (
              <Table.Tr key={indicator}>
                <Table.Th scope="row">{t(`reviews.indicators.${indicator}`)}</Table.Th>
                {sides.map((side) => {
                  const comment = commentOf(indicator, side)
                  const own = side === mySide
                  if (own && editing === indicator) {
                    return (
                      <Table.Td key={side}>
                        <CommentEditor contractId={contractId} reviewId={review.header.id} indicator={indicator} current={comment} onDone={() => setEditing(null)} />
                      </Table.Td>
                    )
                  }
                  return (
                    <Table.Td key={side}>
                      {comment ? (
                        <AuthoredText text={comment.text} author={comment.author} at={comment.at} />
                      ) : (
                        <Text size="sm" c="dimmed">
                          —
                        </Text>
                      )}
                      {own && canWrite && (
                        <Button
                          mt={4}
                          size="compact-xs"
                          variant="subtle"
                          aria-label={t('reviews.comments.edit', { indicator: t(`reviews.indicators.${indicator}`) })}
                          onClick={() => setEditing(indicator)}
                        >
                          {comment ? t('common.edit') : t('reviews.comments.write')}
                        </Button>
                      )}
                    </Table.Td>
                  )
                })}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Card>
  )
}
