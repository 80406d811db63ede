import { Button, EmptyState, Group, Paper, SimpleGrid, Stack, Text, TextInput, Textarea, Title } from '@mantine/core'
import { IconMessage } from '@tabler/icons-react'
import { useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { FormActions } from '../components/FormActions'
import { FormModal } from '../components/FormModal'
import { ErrorAlert, ListStates } from '../components/States'
import { useAddCannedReply, useCannedReplies, useDeleteCannedReply, type NewCannedReply } from '../hooks/cannedReplies'
import { useFormFeedback } from '../hooks/useFormFeedback'

const fields = ['titleEn', 'titleFr', 'textEn', 'textFr'] as const

function AddReplyForm({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation()
  const add = useAddCannedReply()
  const [reply, setReply] = useState<NewCannedReply>({ titleEn: '', titleFr: '', textEn: '', textFr: '' })
  const feedback = useFormFeedback(fields)

  function submit(event: FormEvent) {
    event.preventDefault()
    const missing = Object.fromEntries(fields.filter((field) => reply[field].trim() === '').map((field) => [field, t('validation.required')]))
    if (!feedback.check(missing)) return
    add.mutate(reply, { onSuccess: onClose, onError: feedback.fail })
  }

  const input = (field: (typeof fields)[number]) => ({
    label: t(`cannedReplies.${field}`),
    withAsterisk: true,
    value: reply[field],
    onChange: (event: { currentTarget: { value: string } }) => setReply({ ...reply, [field]: event.currentTarget.value }),
    error: feedback.errors[field],
  })
  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput {...input('titleFr')} />
          <TextInput {...input('titleEn')} />
          <Textarea autosize minRows={4} {...input('textFr')} />
          <Textarea autosize minRows={4} {...input('textEn')} />
        </SimpleGrid>
        {feedback.failure && <ErrorAlert error={feedback.failure} />}
        <FormActions onCancel={onClose} loading={add.isPending} submitLabel={t('cannedReplies.add')} />
      </Stack>
    </form>
  )
}

/** The canned replies of the provider's desk, in both languages: its account managers add and delete them. */
export function CannedRepliesPage() {
  const { t, i18n } = useTranslation()
  const replies = useCannedReplies(true)
  const remove = useDeleteCannedReply()
  const [adding, setAdding] = useState(false)
  const french = i18n.language.startsWith('fr')
  return (
    <Stack>
      <Group justify="space-between">
        <Stack gap={0}>
          <Title order={1}>{t('cannedReplies.title')}</Title>
          <Text c="dimmed" size="sm">
            {t('cannedReplies.help')}
          </Text>
        </Stack>
        <Button onClick={() => setAdding(true)}>{t('cannedReplies.addEllipsis')}</Button>
      </Group>
      {remove.isError && <ErrorAlert error={remove.error} />}
      <ListStates query={replies} empty={<EmptyState icon={<IconMessage aria-hidden />} title={t('cannedReplies.empty')} />}>
        {(items) => (
          <Stack gap="sm" component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
            {items.map((reply) => (
              <Paper key={reply.id} component="li" withBorder p="sm">
                <Group justify="space-between" align="flex-start">
                  <Stack gap={4}>
                    <Text fw={600}>{french ? reply.titleFr : reply.titleEn}</Text>
                    <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                      {french ? reply.textFr : reply.textEn}
                    </Text>
                  </Stack>
                  <Button
                    variant="subtle"
                    color="red"
                    size="xs"
                    loading={remove.isPending && remove.variables === reply.id}
                    onClick={() => remove.mutate(reply.id)}
                  >
                    {t('cannedReplies.delete', { title: french ? reply.titleFr : reply.titleEn })}
                  </Button>
                </Group>
              </Paper>
            ))}
          </Stack>
        )}
      </ListStates>
      <FormModal opened={adding} onClose={() => setAdding(false)} title={t('cannedReplies.add')} size="xl">
        <AddReplyForm onClose={() => setAdding(false)} />
      </FormModal>
    </Stack>
  )
}
