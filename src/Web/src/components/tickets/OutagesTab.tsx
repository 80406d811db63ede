import { Button, Group, Stack, Table, Text, TextInput } from '@mantine/core'
import { notifications } from '@mantine/notifications'
import type { FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { useFormatDateTime } from '../../format'
import { useRecordOutage, useTicketOutages, useUpdateOutage, type Outage, type TicketDetail } from '../../hooks/tickets'
import { useFormatSpan } from '../../hooks/ticketText'
import { useDraft } from '../../hooks/useDraft'
import { useFormFeedback } from '../../hooks/useFormFeedback'
import { useNow } from '../../hooks/useNow'
import { nowInZone, zonedToInstant } from '../../zonedTime'
import { DateTimeField } from '../DateTimeField'
import { ErrorAlert, Loading } from '../States'

/** Outage times are typed and shown in the browser's zone, the user's. */
const browserZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone

const outageForm = 'outage'

function RecordForm({ ticket }: { ticket: TicketDetail }) {
  const { t } = useTranslation()
  const record = useRecordOutage(ticket.id)
  const feedback = useFormFeedback(['service', 'startedAt', 'endedAt'])
  const draft = useDraft(outageForm, () => ({ service: '', start: nowInZone(browserZone(), new Date(ticket.createdAt)), end: '' }))
  const { service, start, end } = draft.value

  function submit(event: FormEvent) {
    event.preventDefault()
    const startedAt = zonedToInstant(start, browserZone())
    const endedAt = end === '' ? null : zonedToInstant(end, browserZone())
    const missing: Record<string, string> = {}
    if (service.trim() === '') missing.service = t('validation.required')
    if (startedAt === null) missing.startedAt = t('tickets.outages.dateInvalid')
    if (end !== '' && endedAt === null) missing.endedAt = t('tickets.outages.dateInvalid')
    else if (startedAt && endedAt && endedAt <= startedAt) missing.endedAt = t('tickets.outages.endBeforeStart')
    if (!feedback.check(missing) || startedAt === null) return
    record.mutate(
      { service: service.trim(), startedAt: startedAt.toISOString(), endedAt: endedAt?.toISOString() ?? null },
      {
        onSuccess: () => {
          notifications.show({ color: 'teal', message: t('tickets.outages.recorded') })
          // The next outage of the same incident often starts where this one did.
          draft.saved({ service: '', start, end: '' })
        },
        onError: feedback.fail,
      },
    )
  }

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="xs">
        <Text size="sm">{t('tickets.outages.help')}</Text>
        <Group align="flex-start" gap="sm">
          <TextInput
            label={t('tickets.outages.service')}
            withAsterisk
            value={service}
            onChange={(event) => draft.patch({ service: event.currentTarget.value })}
            error={feedback.errors.service}
            maxLength={200}
          />
          <DateTimeField
            label={t('tickets.outages.startedAt')}
            withAsterisk
            value={start}
            onChange={(value) => draft.patch({ start: value })}
            error={feedback.errors.startedAt}
          />
          <DateTimeField
            label={t('tickets.outages.endedAt')}
            description={t('tickets.outages.endedAtHelp')}
            value={end}
            onChange={(value) => draft.patch({ end: value })}
            error={feedback.errors.endedAt}
          />
        </Group>
        {feedback.failure && <ErrorAlert error={feedback.failure} />}
        <Group>
          <Button type="submit" variant="light" loading={record.isPending}>
            {t('tickets.outages.record')}
          </Button>
        </Group>
      </Stack>
    </form>
  )
}

function EndNow({ ticket, outage }: { ticket: TicketDetail; outage: Outage }) {
  const { t } = useTranslation()
  const update = useUpdateOutage(ticket.id)
  return (
    <Stack gap={4}>
      <Button
        size="xs"
        variant="default"
        loading={update.isPending}
        onClick={() => update.mutate({ id: outage.id, service: outage.service, startedAt: outage.startedAt, endedAt: new Date().toISOString() })}
      >
        {t('tickets.outages.endNow')}
      </Button>
      {update.error && <ErrorAlert error={update.error} />}
    </Stack>
  )
}

/** The service outages an incident caused, which the contract's availability is computed from. */
export function OutagesTab({ ticket }: { ticket: TicketDetail }) {
  const { t } = useTranslation()
  const outages = useTicketOutages(ticket, true)
  const formatDateTime = useFormatDateTime()
  const formatSpan = useFormatSpan()
  const now = useNow()
  return (
    <Stack>
      {outages.isPending ? (
        <Loading />
      ) : outages.isError ? (
        <ErrorAlert error={outages.error} onRetry={() => void outages.refetch()} />
      ) : outages.data === null ? (
        <Text c="dimmed">{t('tickets.outages.unavailable')}</Text>
      ) : outages.data.length === 0 ? (
        <Text c="dimmed">{t('tickets.outages.none')}</Text>
      ) : (
        <Table.ScrollContainer minWidth={600}>
          <Table verticalSpacing="xs" striped>
            <Table.Caption>{t('tickets.outages.caption')}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('tickets.outages.service')}</Table.Th>
                <Table.Th>{t('tickets.outages.startedAt')}</Table.Th>
                <Table.Th>{t('tickets.outages.endedAt')}</Table.Th>
                <Table.Th>{t('tickets.outages.duration')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {outages.data.map((outage) => (
                <Table.Tr key={outage.id}>
                  <Table.Td>{outage.service}</Table.Td>
                  <Table.Td>{formatDateTime(outage.startedAt)}</Table.Td>
                  <Table.Td>
                    {outage.endedAt ? formatDateTime(outage.endedAt) : ticket.can.recordOutage ? <EndNow ticket={ticket} outage={outage} /> : t('tickets.outages.ongoing')}
                  </Table.Td>
                  <Table.Td>
                    {formatSpan((outage.endedAt ? new Date(outage.endedAt).getTime() : now) - new Date(outage.startedAt).getTime())}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {ticket.can.recordOutage && <RecordForm ticket={ticket} />}
    </Stack>
  )
}
