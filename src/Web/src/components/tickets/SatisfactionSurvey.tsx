import { Button, Group, Input, Paper, Rating, Stack, Text, Textarea, Title } from '@mantine/core'
import { notifications } from '@mantine/notifications'
import { useId, useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { useFormatDateTime } from '../../format'
import { useTicketAction, type TicketDetail } from '../../hooks/tickets'
import { useFormFeedback } from '../../hooks/useFormFeedback'
import { ErrorAlert } from '../States'
import { StarRating } from './StarRating'

/** The requester's short survey once the ticket is resolved: 1 to 5 stars and a comment, given once. */
export function SatisfactionSurvey({ ticket }: { ticket: TicketDetail }) {
  const { t } = useTranslation()
  const rate = useTicketAction(ticket.id)
  const feedback = useFormFeedback(['score', 'comment'])
  const labelId = useId()
  const [score, setScore] = useState(0)
  const [comment, setComment] = useState('')

  function submit(event: FormEvent) {
    event.preventDefault()
    if (!feedback.check(score < 1 ? { score: t('tickets.satisfaction.chooseScore') } : {})) return
    rate.mutate(
      { kind: 'rate', score, comment: comment.trim() === '' ? undefined : comment.trim() },
      {
        onSuccess: () => notifications.show({ color: 'teal', message: t('tickets.satisfaction.thanks') }),
        onError: feedback.fail,
      },
    )
  }

  return (
    <Paper withBorder p="md" component="section" aria-labelledby={`${labelId}-title`}>
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <Title order={2} size="h4" id={`${labelId}-title`}>
            {t('tickets.satisfaction.title')}
          </Title>
          <Text size="sm">{t('tickets.satisfaction.help')}</Text>
          <Input.Wrapper label={t('tickets.satisfaction.score')} labelElement="div" id={labelId} withAsterisk error={feedback.errors.score}>
            <StarRating
              labelledBy={`${labelId}-label`}
              value={score}
              onChange={setScore}
              invalid={feedback.errors.score !== undefined}
              labelOf={(value) => t('tickets.satisfaction.stars', { count: value })}
            />
          </Input.Wrapper>
          <Textarea
            label={t('tickets.satisfaction.comment')}
            autosize
            minRows={2}
            maxLength={2000}
            value={comment}
            onChange={(event) => setComment(event.currentTarget.value)}
            error={feedback.errors.comment}
          />
          {feedback.failure && <ErrorAlert error={feedback.failure} />}
          <Group justify="flex-end">
            <Button type="submit" loading={rate.isPending}>
              {t('tickets.satisfaction.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  )
}

/** A rating already given, as both sides read it. */
export function SatisfactionView({ satisfaction }: { satisfaction: NonNullable<TicketDetail['satisfaction']> }) {
  const { t } = useTranslation()
  const formatDateTime = useFormatDateTime()
  return (
    <Paper withBorder p="md" component="section" aria-label={t('tickets.satisfaction.given')}>
      <Stack gap={4}>
        <Title order={2} size="h4">
          {t('tickets.satisfaction.given')}
        </Title>
        <Group gap="sm">
          <Rating value={satisfaction.score} readOnly aria-hidden />
          <Text fw={600}>{t('tickets.satisfaction.scoreOf', { score: satisfaction.score })}</Text>
        </Group>
        {satisfaction.comment && <Text className="user-text">« {satisfaction.comment} »</Text>}
        <Text size="xs" c="dimmed">
          {t('tickets.satisfaction.ratedAt', { at: formatDateTime(satisfaction.ratedAt) })}
        </Text>
      </Stack>
    </Paper>
  )
}
