import { Anchor, Badge, Button, Group, Input, SegmentedControl, Stack, Table, Text } from '@mantine/core'
import { notifications } from '@mantine/notifications'
import { IconUpload } from '@tabler/icons-react'
import { useId, useRef, useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { acceptAttribute, acceptedExtensions, maxDocumentBytes } from '../../documentTypes'
import { useFormatDateTime, useFormatFileSize } from '../../format'
import { useUser } from '../../hooks/session'
import { attachmentUrl, useTicketAttachments, useUploadAttachment, type TicketDetail, type Visibility } from '../../hooks/tickets'
import { canOpenTickets } from '../../roles'
import { ErrorAlert, Loading } from '../States'

function UploadForm({ ticket }: { ticket: TicketDetail }) {
  const { t } = useTranslation()
  const formatFileSize = useFormatFileSize()
  const upload = useUploadAttachment(ticket.id)
  const fileId = useId()
  const input = useRef<HTMLInputElement>(null)
  const [file, setFile] = useState<File | null>(null)
  const [missing, setMissing] = useState<string | null>(null)
  const [visibility, setVisibility] = useState<Visibility>('public')

  function submit(event: FormEvent) {
    event.preventDefault()
    setMissing(file ? null : t('tickets.attachments.chooseFile'))
    if (!file) return
    upload.mutate(
      { file, visibility: ticket.can.commentInternally ? visibility : undefined },
      {
        onSuccess: (attachment) => {
          notifications.show({ color: 'teal', message: t('tickets.attachments.uploaded', { name: attachment?.fileName ?? file.name }) })
          setFile(null)
          if (input.current) input.current.value = ''
        },
      },
    )
  }

  const problem = upload.error
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="xs">
        <Group align="flex-end" gap="sm">
          <Input.Wrapper
            id={fileId}
            label={t('tickets.attachments.file')}
            error={missing}
            description={t('tickets.attachments.fileHelp', { types: acceptedExtensions.join(', '), size: formatFileSize(maxDocumentBytes) })}
          >
            <input
              id={fileId}
              ref={input}
              className="file-input"
              type="file"
              accept={acceptAttribute}
              aria-invalid={missing !== null}
              onChange={(event) => setFile(event.currentTarget.files?.[0] ?? null)}
            />
          </Input.Wrapper>
          {ticket.can.commentInternally && (
            <SegmentedControl
              aria-label={t('tickets.comments.visibility')}
              value={visibility}
              onChange={(value) => setVisibility(value as Visibility)}
              data={[
                { value: 'public', label: t('tickets.comments.public') },
                { value: 'internal', label: t('tickets.comments.internal') },
              ]}
            />
          )}
          <Button type="submit" variant="light" leftSection={<IconUpload size={16} aria-hidden />} loading={upload.isPending}>
            {t('tickets.attachments.upload')}
          </Button>
        </Group>
        {problem && <ErrorAlert error={problem} />}
      </Stack>
    </form>
  )
}

/** Files attached to the ticket (screenshots, logs): downloaded from the service, added by either side. */
export function AttachmentsTab({ ticket }: { ticket: TicketDetail }) {
  const { t } = useTranslation()
  const user = useUser()
  const attachments = useTicketAttachments(ticket.id)
  const formatDateTime = useFormatDateTime()
  const formatFileSize = useFormatFileSize()
  if (attachments.isPending) return <Loading />
  if (attachments.isError) return <ErrorAlert error={attachments.error} onRetry={() => void attachments.refetch()} />
  if (attachments.data === null) return <Text c="dimmed">{t('tickets.attachments.unavailable')}</Text>
  // Auditors read; a closed ticket takes nothing new (reopened, it does again).
  const writable = ticket.status !== 'closed' && canOpenTickets(user)
  return (
    <Stack>
      {attachments.data.length === 0 ? (
        <Text c="dimmed">{t('tickets.attachments.none')}</Text>
      ) : (
        <Table.ScrollContainer minWidth={600}>
          <Table verticalSpacing="xs" striped>
            <Table.Caption>{t('tickets.attachments.caption')}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('tickets.attachments.file')}</Table.Th>
                <Table.Th>{t('tickets.attachments.size')}</Table.Th>
                <Table.Th>{t('tickets.attachments.uploadedBy')}</Table.Th>
                <Table.Th>{t('tickets.attachments.uploadedAt')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {attachments.data.map((attachment) => (
                <Table.Tr key={attachment.id}>
                  <Table.Td>
                    <Anchor href={attachmentUrl(ticket.id, attachment.id)} download={attachment.fileName}>
                      {attachment.fileName}
                    </Anchor>
                    {attachment.visibility === 'internal' && (
                      <Badge ml="xs" size="xs" color="grape">
                        {t('tickets.comments.internal')}
                      </Badge>
                    )}
                  </Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatFileSize(attachment.size)}</Table.Td>
                  <Table.Td>{attachment.uploadedBy}</Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>
                    <time dateTime={attachment.uploadedAt}>{formatDateTime(attachment.uploadedAt)}</time>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {writable && <UploadForm ticket={ticket} />}
    </Stack>
  )
}
