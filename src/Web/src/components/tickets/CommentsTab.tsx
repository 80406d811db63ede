import { Badge, Button, Group, NativeSelect, Paper, SegmentedControl, Stack, Text, Textarea } from '@mantine/core'
import { useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { useFormatDateTime } from '../../format'
import { useCannedReplies } from '../../hooks/cannedReplies'
import { useUser } from '../../hooks/session'
import { useAddComment, useTicketComments, type TicketDetail, type Visibility } from '../../hooks/tickets'
import { useDraft } from '../../hooks/useDraft'
import { useFormFeedback } from '../../hooks/useFormFeedback'
import { canOpenTickets, isDesk } from '../../roles'
import { ErrorAlert, Loading } from '../States'
import { ticketLimits } from '../../ticketLimits'

/**
 * The desk's canned replies, inserted into the comment box in the language chosen (the agent's own by default),
 * to be edited before sending.
 */
function CannedReplyPicker({ onInsert }: { onInsert: (text: string) => void }) {
  const { t, i18n } = useTranslation()
  const replies = useCannedReplies(true)
  const [language, setLanguage] = useState(i18n.language.startsWith('fr') ? 'fr' : 'en')
  if (!replies.isSuccess || replies.data.length === 0) return null
  const french = language === 'fr'
  return (
    <Group align="flex-end" gap="xs">
      <NativeSelect
        label={t('tickets.comments.cannedReply')}
        value=""
        onChange={(event) => {
          const reply = replies.data.find((candidate) => candidate.id === event.currentTarget.value)
          if (reply) onInsert(french ? reply.textFr : reply.textEn)
        }}
        data={[
          { value: '', label: t('tickets.comments.cannedReplyChoose') },
          ...replies.data.map((reply) => ({ value: reply.id, label: french ? reply.titleFr : reply.titleEn })),
        ]}
      />
      <NativeSelect
        label={t('tickets.comments.cannedReplyLanguage')}
        value={language}
        onChange={(event) => setLanguage(event.currentTarget.value)}
        data={[
          { value: 'fr', label: 'Français' },
          { value: 'en', label: 'English' },
        ]}
      />
    </Group>
  )
}

function CommentForm({ ticket }: { ticket: TicketDetail }) {
  const { t } = useTranslation()
  const user = useUser()
  const add = useAddComment(ticket.id)
  const feedback = useFormFeedback(['body', 'visibility'])
  const draft = useDraft('comment', () => ({ body: '', visibility: 'public' as Visibility }))
  const { body, visibility } = draft.value
  const internal = visibility === 'internal'

  function submit(event: FormEvent) {
    event.preventDefault()
    if (!feedback.check(body.trim() === '' ? { body: t('validation.required') } : {})) return
    add.mutate({ body: body.trim(), visibility }, { onSuccess: () => draft.saved({ body: '', visibility }), onError: feedback.fail })
  }

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="xs">
        {ticket.can.commentInternally && (
          <SegmentedControl
            aria-label={t('tickets.comments.visibility')}
            value={visibility}
            onChange={(value) => draft.patch({ visibility: value as Visibility })}
            data={[
              { value: 'public', label: t('tickets.comments.public') },
              { value: 'internal', label: t('tickets.comments.internal') },
            ]}
            w="fit-content"
          />
        )}
        {isDesk(user) && (
          <CannedReplyPicker
            onInsert={(text) => draft.set((current) => ({ ...current, body: current.body.trim() === '' ? text : `${current.body.trimEnd()}\n\n${text}` }))}
          />
        )}
        <Textarea
          label={internal ? t('tickets.comments.internalNote') : t('tickets.comments.answer')}
          description={ticket.can.commentInternally ? (internal ? t('tickets.comments.internalHelp') : t('tickets.comments.publicHelp')) : undefined}
          autosize
          minRows={3}
          maxLength={ticketLimits.text}
          value={body}
          onChange={(event) => draft.patch({ body: event.currentTarget.value })}
          error={feedback.errors.body ?? feedback.errors.visibility}
        />
        {feedback.failure && <ErrorAlert error={feedback.failure} />}
        <Group justify="flex-end">
          <Button type="submit" loading={add.isPending} color={internal ? 'grape' : undefined}>
            {internal ? t('tickets.comments.sendInternal') : t('tickets.comments.send')}
          </Button>
        </Group>
      </Stack>
    </form>
  )
}

/** The conversation between the client and the desk; the desk's internal notes are marked and never shown to the client. */
export function CommentsTab({ ticket }: { ticket: TicketDetail }) {
  const { t } = useTranslation()
  const user = useUser()
  const comments = useTicketComments(ticket.id)
  const formatDateTime = useFormatDateTime()
  // Auditors read; a closed ticket takes nothing new (reopened, it does again).
  const writable = ticket.status !== 'closed' && canOpenTickets(user)

  return (
    <Stack>
      {comments.isPending ? (
        <Loading />
      ) : comments.isError ? (
        <ErrorAlert error={comments.error} onRetry={() => void comments.refetch()} />
      ) : comments.data.length === 0 ? (
        <Text c="dimmed">{t('tickets.comments.none')}</Text>
      ) : (
        <Stack gap="sm" component="ol" style={{ listStyle: 'none', padding: 0, margin: 0 }} aria-label={t('tickets.comments.thread')}>
          {comments.data.map((comment) => (
            <Paper
              key={comment.id}
              component="li"
              withBorder
              p="sm"
              bg={comment.visibility === 'internal' ? 'var(--mantine-color-grape-light)' : undefined}
            >
              <Group justify="space-between" gap="xs" mb={4}>
                <Group gap="xs">
                  <Text fw={600} size="sm">
                    {comment.author.name}
                  </Text>
                  {comment.author.side && (
                    <Text size="xs" c="dimmed">
                      {t(`tickets.sides.${comment.author.side === 'provider' ? 'provider' : 'client'}`)}
                    </Text>
                  )}
                  {comment.visibility === 'internal' && (
                    <Badge color="grape" size="sm">
                      {t('tickets.comments.internal')}
                    </Badge>
                  )}
                </Group>
                <Text size="xs" c="dimmed">
                  <time dateTime={comment.createdAt}>{formatDateTime(comment.createdAt)}</time>
                </Text>
              </Group>
              <Text size="sm" className="user-text">
                {comment.body}
              </Text>
            </Paper>
          ))}
        </Stack>
      )}
      {writable && <CommentForm ticket={ticket} />}
    </Stack>
  )
}
