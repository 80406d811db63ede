import { Badge, Button, Card, Group, NativeSelect, Stack, Table, Text, Textarea, TextInput, Title } from '@mantine/core'
import { IconPlus } from '@tabler/icons-react'
import { useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { useFormatDate, useFormatDateTime } from '../../format'
import { actionStatuses, useAddNote, useSaveAction, type ActionItem, type ActionStatus, type Review } from '../../hooks/reviews'
import { useUser } from '../../hooks/session'
import { useFormFeedback } from '../../hooks/useFormFeedback'
import { sideOf, type Side } from '../../roles'
import { FormActions } from '../FormActions'
import { FormModal } from '../FormModal'
import { ChangeFailure } from './ChangeFailure'
import { DateField } from '../DateField'

const fields = ['title', 'side', 'owner', 'dueOn', 'status', 'note']

/** An item to raise in the review, or one of the plan to change (its status and a note kept in its follow-up). */
function ActionForm({ contractId, reviewId, current, onClose }: { contractId: string; reviewId: string; current?: ActionItem; onClose: () => void }) {
  const { t } = useTranslation()
  const user = useUser()
  const formatDateTime = useFormatDateTime()
  const save = useSaveAction(contractId, reviewId)
  const feedback = useFormFeedback(fields)
  const [title, setTitle] = useState(current?.title ?? '')
  const [side, setSide] = useState<Side>(current?.side ?? sideOf(user) ?? 'client')
  const [owner, setOwner] = useState(current?.owner ?? '')
  const [dueOn, setDueOn] = useState(current?.dueOn ?? '')
  const [status, setStatus] = useState<ActionStatus>(current?.status ?? 'open')
  const [note, setNote] = useState('')

  function submit(event: FormEvent) {
    event.preventDefault()
    const required = t('validation.required')
    const missing = Object.fromEntries(
      [['title', title], ['owner', owner], ['dueOn', dueOn]].filter(([, value]) => value!.trim() === '').map(([field]) => [field, required]),
    )
    if (!feedback.check(missing)) return
    save.mutate(
      { id: current?.id, title: title.trim(), side, owner: owner.trim(), dueOn, status, note: note.trim() || null, version: current?.version },
      { onSuccess: onClose, onError: feedback.fail },
    )
  }

  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <TextInput label={t('reviews.actions.title')} withAsterisk maxLength={200} value={title} onChange={(e) => setTitle(e.currentTarget.value)} error={feedback.errors.title} />
        <Group grow align="flex-start">
          <NativeSelect
            label={t('reviews.actions.side')}
            value={side}
            data={(['client', 'provider'] as const).map((value) => ({ value, label: t(`reviews.sides.${value}`) }))}
            onChange={(e) => setSide(e.currentTarget.value as Side)}
            error={feedback.errors.side}
          />
          <TextInput label={t('reviews.actions.owner')} withAsterisk maxLength={200} value={owner} onChange={(e) => setOwner(e.currentTarget.value)} error={feedback.errors.owner} />
        </Group>
        <Group grow align="flex-start">
          <DateField label={t('reviews.actions.dueOn')} withAsterisk value={dueOn} onChange={setDueOn} error={feedback.errors.dueOn} />
          <NativeSelect
            label={t('reviews.actions.status')}
            value={status}
            data={actionStatuses.map((value) => ({ value, label: t(`reviews.actionStatuses.${value}`) }))}
            onChange={(e) => setStatus(e.currentTarget.value as ActionStatus)}
            error={feedback.errors.status}
          />
        </Group>
        <Textarea label={t('reviews.actions.note')} autosize minRows={2} maxLength={4000} value={note} onChange={(e) => setNote(e.currentTarget.value)} error={feedback.errors.note} />
        {current && current.notes.length > 0 && (
          <Stack gap={4} aria-label={t('reviews.actions.followUp')} component="section">
            <Text size="sm" fw={500}>
              {t('reviews.actions.followUp')}
            </Text>
            {current.notes.map((n) => (
              <Text key={n.id} size="xs">
                {formatDateTime(n.at)} · {n.author}
                {n.toStatus && ` · ${t('reviews.actions.statusChange', { from: n.fromStatus ? t(`reviews.actionStatuses.${n.fromStatus}`) : '—', to: t(`reviews.actionStatuses.${n.toStatus}`) })}`}
                {n.text && ` · ${n.text}`}
              </Text>
            ))}
          </Stack>
        )}
        <ChangeFailure error={feedback.failure} />
        <FormActions onCancel={onClose} loading={save.isPending} submitLabel={current ? t('common.save') : t('reviews.actions.raise')} />
      </Stack>
    </form>
  )
}

function NoteForm({ contractId, reviewId, action, onClose }: { contractId: string; reviewId: string; action: ActionItem; onClose: () => void }) {
  const { t } = useTranslation()
  const add = useAddNote(contractId, reviewId)
  const feedback = useFormFeedback(['text'])
  const [text, setText] = useState('')
  function submit(event: FormEvent) {
    event.preventDefault()
    if (!feedback.check(text.trim() === '' ? { text: t('validation.required') } : {})) return
    add.mutate({ id: action.id, text: text.trim() }, { onSuccess: onClose, onError: feedback.fail })
  }
  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <Textarea label={t('reviews.actions.note')} withAsterisk autosize minRows={3} maxLength={4000} value={text} onChange={(e) => setText(e.currentTarget.value)} error={feedback.errors.text} />
        <ChangeFailure error={feedback.failure} />
        <FormActions onCancel={onClose} loading={add.isPending} submitLabel={t('reviews.actions.addNote')} />
      </Stack>
    </form>
  )
}

/**
 * The review's action plan: the items carried over from earlier reviews first (with where they stood then), then
 * those raised in it; overdue ones flagged. Managers raise, change and annotate them while the review is open.
 */
export function ActionPlan({ contractId, review, canWrite }: { contractId: string; review: Review; canWrite: boolean }) {
  const { t } = useTranslation()
  const formatDate = useFormatDate()
  const [dialog, setDialog] = useState<{ kind: 'raise' } | { kind: 'edit' | 'note'; action: ActionItem } | null>(null)
  const close = () => setDialog(null)
  const reviewId = review.header.id
  return (
    <Card withBorder component="section" aria-label={t('reviews.actions.plan')}>
      <Group justify="space-between" mb="xs">
        <Title order={3} size="h4">
          {t('reviews.actions.plan')}
        </Title>
        {canWrite && (
          <Button size="xs" leftSection={<IconPlus size={14} aria-hidden />} onClick={() => setDialog({ kind: 'raise' })}>
            {t('reviews.actions.raise')}
          </Button>
        )}
      </Group>
      {review.actions.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('reviews.actions.none')}
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={720}>
          <Table aria-label={t('reviews.actions.plan')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('reviews.actions.title')}</Table.Th>
                <Table.Th>{t('reviews.actions.side')}</Table.Th>
                <Table.Th>{t('reviews.actions.owner')}</Table.Th>
                <Table.Th>{t('reviews.actions.dueOn')}</Table.Th>
                <Table.Th>{t('reviews.actions.status')}</Table.Th>
                {canWrite && <Table.Th />}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {review.actions.map((action) => (
                <Table.Tr key={action.id}>
                  <Table.Td>
                    <Text size="sm" fw={500}>
                      {action.title}
                    </Text>
                    {action.carriedStatus && (
                      <Badge variant="outline" color="gray" size="sm">
                        {t('reviews.actions.carried', {
                          status: t(`reviews.actionStatuses.${action.carriedStatus}`),
                          date: action.carriedDueOn ? formatDate(action.carriedDueOn) : '—',
                        })}
                      </Badge>
                    )}
                  </Table.Td>
                  <Table.Td>{t(`reviews.sides.${action.side}`)}</Table.Td>
                  <Table.Td>{action.owner}</Table.Td>
                  <Table.Td>
                    <Group gap={4}>
                      {formatDate(action.dueOn)}
                      {action.overdue && (
                        <Badge color="red" variant="light" size="sm">
                          {t('reviews.actions.overdueBadge')}
                        </Badge>
                      )}
                    </Group>
                  </Table.Td>
                  <Table.Td>{t(`reviews.actionStatuses.${action.status}`)}</Table.Td>
                  {canWrite && (
                    <Table.Td>
                      <Group gap="xs" wrap="nowrap">
                        <Button size="compact-xs" variant="default" aria-label={t('reviews.actions.edit', { title: action.title })} onClick={() => setDialog({ kind: 'edit', action })}>
                          {t('common.edit')}
                        </Button>
                        <Button size="compact-xs" variant="subtle" aria-label={t('reviews.actions.noteOn', { title: action.title })} onClick={() => setDialog({ kind: 'note', action })}>
                          {t('reviews.actions.addNote')}
                        </Button>
                      </Group>
                    </Table.Td>
                  )}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <FormModal opened={dialog?.kind === 'raise' || dialog?.kind === 'edit'} onClose={close} size="lg" title={t(dialog?.kind === 'edit' ? 'reviews.actions.editTitle' : 'reviews.actions.raise')}>
        <ActionForm contractId={contractId} reviewId={reviewId} current={dialog && dialog.kind !== 'raise' ? dialog.action : undefined} onClose={close} />
      </FormModal>
      <FormModal opened={dialog?.kind === 'note'} onClose={close} title={t('reviews.actions.addNote')}>
        {dialog?.kind === 'note' && <NoteForm contractId={contractId} reviewId={reviewId} action={dialog.action} onClose={close} />}
      </FormModal>
    </Card>
  )
}
