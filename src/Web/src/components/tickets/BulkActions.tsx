import { Alert, Button, Group, List, NativeSelect, Stack, Text, Textarea } from '@mantine/core'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { ApiError } from '../../api'
import { errorMessage } from '../../errorMessage'
import { useUser } from '../../hooks/session'
import { useBulkTicketAction, useContractAgents, type BulkOutcome, type TicketAction, type TicketSummary } from '../../hooks/tickets'
import { FormModal } from '../FormModal'
import { ticketLimits } from '../../ticketLimits'

/** Why the service refused a ticket: its field messages for a 422, its own words otherwise. */
function useRefusal() {
  const { t } = useTranslation()
  return (error: Error) =>
    error instanceof ApiError && error.problem?.errors
      ? Object.values(error.problem.errors).flat().join(' ') || errorMessage(error, t)
      : errorMessage(error, t)
}

/**
 * Take, assign or resolve the selected tickets of the desk's queue (closing is the client's confirmation of a
 * resolution, never the desk's). The tickets a provider's desk sees are all its provider's, so the agents of the
 * first ticket's contract are the desk for every one of them.
 */
export function BulkActions({ selected, onDone }: { selected: TicketSummary[]; onDone: () => void }) {
  const { t } = useTranslation()
  const user = useUser()
  const bulk = useBulkTicketAction()
  const refusal = useRefusal()
  const [dialog, setDialog] = useState<'assign' | 'resolve' | null>(null)
  const [agent, setAgent] = useState('')
  const [resolution, setResolution] = useState('')
  const assigning = dialog === 'assign'
  const [outcomes, setOutcomes] = useState<BulkOutcome[] | null>(null)
  const agents = useContractAgents(selected[0]?.contractId ?? '', assigning && selected.length > 0)

  const run = (action: TicketAction) =>
    bulk.mutate(
      { tickets: selected, action },
      {
        onSuccess: (result) => {
          setOutcomes(result)
          setDialog(null)
          setResolution('')
          onDone()
        },
      },
    )

  const refused = outcomes?.filter((outcome) => outcome.error) ?? []
  return (
    <Stack gap="xs">
      {selected.length > 0 && (
        <Group gap="sm" role="group" aria-label={t('tickets.bulk.label')}>
          <Text size="sm" fw={600}>
            {t('tickets.bulk.selected', { count: selected.length })}
          </Text>
          <Button size="xs" loading={bulk.isPending} onClick={() => run({ kind: 'assign', toMe: true })}>
            {t('tickets.bulk.take')}
          </Button>
          <Button size="xs" variant="default" disabled={bulk.isPending} onClick={() => setDialog('assign')}>
            {t('tickets.actions.assignEllipsis')}
          </Button>
          <Button size="xs" variant="default" disabled={bulk.isPending} onClick={() => setDialog('resolve')}>
            {t('tickets.bulk.resolve')}
          </Button>
        </Group>
      )}
      {outcomes && (
        <Alert
          color={refused.length === 0 ? 'green' : 'orange'}
          title={t('tickets.bulk.outcome', { done: outcomes.length - refused.length, count: outcomes.length })}
          withCloseButton
          closeButtonLabel={t('common.close')}
          onClose={() => setOutcomes(null)}
        >
          {refused.length > 0 && (
            <List size="sm">
              {refused.map(({ ticket, error }) => (
                <List.Item key={ticket.id}>
                  {t('tickets.bulk.refused', { number: ticket.number, title: ticket.title, reason: refusal(error!) })}
                </List.Item>
              ))}
            </List>
          )}
        </Alert>
      )}
      <FormModal opened={dialog === 'resolve'} onClose={() => setDialog(null)} title={t('tickets.bulk.resolveTitle', { count: selected.length })}>
        <Stack>
          <Textarea
            label={t('tickets.resolution')}
            maxLength={ticketLimits.text}
            description={t('tickets.actions.resolveHelp')}
            autosize
            minRows={3}
            value={resolution}
            onChange={(event) => setResolution(event.currentTarget.value)}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setDialog(null)}>
              {t('common.cancel')}
            </Button>
            <Button
              disabled={resolution.trim() === ''}
              loading={bulk.isPending}
              onClick={() => run({ kind: 'status', status: 'resolved', resolution: resolution.trim() })}
            >
              {t('tickets.actions.resolve')}
            </Button>
          </Group>
        </Stack>
      </FormModal>
      <FormModal opened={assigning} onClose={() => setDialog(null)} title={t('tickets.bulk.assignTitle', { count: selected.length })}>
        <Stack>
          <NativeSelect
            label={t('tickets.actions.assignAgent')}
            value={agent}
            onChange={(event) => setAgent(event.currentTarget.value)}
            disabled={!agents.isSuccess}
            data={[
              { value: '', label: agents.isSuccess ? t('tickets.bulk.chooseAgent') : t('common.loading') },
              ...(agents.data ?? []).map((person) => ({
                value: person.id,
                label: person.id === user.id ? t('tickets.actions.assignYou', { name: person.displayName }) : person.displayName,
              })),
            ]}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setDialog(null)}>
              {t('common.cancel')}
            </Button>
            <Button disabled={agent === ''} loading={bulk.isPending} onClick={() => run({ kind: 'assign', toMe: false, assigneeId: agent })}>
              {t('tickets.actions.assign')}
            </Button>
          </Group>
        </Stack>
      </FormModal>
    </Stack>
  )
}
