import { Badge, Button, Card, Group, NativeSelect, Stack, Text, Textarea, Title } from '@mantine/core'
import { useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { improvementAxes, useRemovePoint, useSavePoint, type ImprovementAxis, type PointKind, type Review, type ReviewPoint } from '../../hooks/reviews'
import { useFormFeedback } from '../../hooks/useFormFeedback'
import { AuthoredText } from './AuthoredText'
import { ChangeFailure } from './ChangeFailure'

/** A decision or an improvement axis to record, or one to change (with the version read). */
function PointForm({
  contractId,
  reviewId,
  kind,
  current,
  onDone,
}: {
  contractId: string
  reviewId: string
  kind: PointKind
  current?: ReviewPoint
  onDone: () => void
}) {
  const { t } = useTranslation()
  const save = useSavePoint(contractId, reviewId, kind)
  const feedback = useFormFeedback(['text', 'axis'])
  const [text, setText] = useState(current?.text ?? '')
  const [axis, setAxis] = useState<ImprovementAxis>(current?.axis ?? 'service')

  function submit(event: FormEvent) {
    event.preventDefault()
    if (!feedback.check(text.trim() === '' ? { text: t('validation.required') } : {})) return
    save.mutate(
      { id: current?.id, text: text.trim(), axis: kind === 'improvements' ? axis : undefined, version: current?.version },
      {
        onSuccess: () => {
          setText('')
          onDone()
        },
        onError: feedback.fail,
      },
    )
  }

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="xs">
        {kind === 'improvements' && (
          <NativeSelect
            label={t('reviews.improvements.axis')}
            value={axis}
            data={improvementAxes.map((value) => ({ value, label: t(`reviews.axes.${value}`) }))}
            onChange={(event) => setAxis(event.currentTarget.value as ImprovementAxis)}
            error={feedback.errors.axis}
          />
        )}
        <Textarea
          label={t(current ? `reviews.${kind}.change` : `reviews.${kind}.new`)}
          autosize
          minRows={2}
          maxLength={4000}
          value={text}
          onChange={(event) => setText(event.currentTarget.value)}
          error={feedback.errors.text}
        />
        <ChangeFailure error={feedback.failure} />
        <Group gap="xs" justify="flex-end">
          {current && (
            <Button size="xs" variant="default" onClick={onDone}>
              {t('common.cancel')}
            </Button>
          )}
          <Button size="xs" type="submit" loading={save.isPending}>
            {current ? t('common.save') : t(`reviews.${kind}.add`)}
          </Button>
        </Group>
      </Stack>
    </form>
  )
}

/** The decisions recorded in the review, or its improvement axes (service, needs that changed, technology to adopt). */
export function ReviewPoints({ contractId, review, kind, canWrite }: { contractId: string; review: Review; kind: PointKind; canWrite: boolean }) {
  const { t } = useTranslation()
  const remove = useRemovePoint(contractId, review.header.id, kind)
  const [editing, setEditing] = useState<string | null>(null)
  const points = review[kind]
  return (
    <Card withBorder component="section" aria-label={t(`reviews.${kind}.title`)}>
      <Title order={3} size="h4" mb="xs">
        {t(`reviews.${kind}.title`)}
      </Title>
      <Stack gap="sm">
        {points.length === 0 && (
          <Text size="sm" c="dimmed">
            {t(`reviews.${kind}.none`)}
          </Text>
        )}
        {points.map((point, index) =>
          editing === point.id ? (
            <PointForm key={point.id} contractId={contractId} reviewId={review.header.id} kind={kind} current={point} onDone={() => setEditing(null)} />
          ) : (
            <Group key={point.id} justify="space-between" align="flex-start" wrap="nowrap" role="group" aria-label={t(`reviews.${kind}.item`, { number: index + 1 })}>
              <Stack gap={2}>
                {point.axis && (
                  <Badge variant="light" size="sm">
                    {t(`reviews.axes.${point.axis}`)}
                  </Badge>
                )}
                <AuthoredText text={point.text} author={point.author} at={point.updatedAt} />
              </Stack>
              {canWrite && (
                <Group gap="xs" wrap="nowrap">
                  <Button size="compact-xs" variant="default" onClick={() => setEditing(point.id)}>
                    {t('common.edit')}
                  </Button>
                  <Button size="compact-xs" variant="light" color="red" loading={remove.isPending && remove.variables === point.id} onClick={() => remove.mutate(point.id)}>
                    {t('common.delete')}
                  </Button>
                </Group>
              )}
            </Group>
          ),
        )}
        <ChangeFailure error={remove.error} />
        {canWrite && editing === null && <PointForm contractId={contractId} reviewId={review.header.id} kind={kind} onDone={() => undefined} />}
      </Stack>
    </Card>
  )
}
