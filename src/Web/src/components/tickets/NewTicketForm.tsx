import { Checkbox, Group, NativeSelect, Radio, Stack, Text, Textarea, TextInput } from '@mantine/core'
import type { FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { useNavigate } from 'react-router'
import { priorities, type Priority } from '../../hooks/contracts'
import { useContractLabel } from '../../hooks/ticketText'
import { matrixLevels, ticketKinds, ticketPageUrl, useOpenTicket, useTicketContracts, type MatrixLevel, type TicketKind } from '../../hooks/tickets'
import { useDraft } from '../../hooks/useDraft'
import { useFormFeedback } from '../../hooks/useFormFeedback'
import { priorityOf } from '../../ticketRules'
import { FormActions } from '../FormActions'
import { ErrorAlert } from '../States'
import { PriorityBadge } from './TicketBadges'
import { ticketLimits } from '../../ticketLimits'

/** The form's name on the tickets page, where its draft is kept. */
export const newTicketForm = 'new-ticket'

const fields = ['contractId', 'kind', 'title', 'description', 'impact', 'urgency', 'priority', 'priorityReason'] as const

/**
 * Opens a ticket: the priority follows impact × urgency (the ITIL matrix) as the person types; another priority
 * may be set, with the reason the service requires.
 */
export function NewTicketForm({ onClose, contractId: preset }: { onClose: () => void; contractId?: string }) {
  const { t } = useTranslation()
  const navigate = useNavigate()
  const contracts = useTicketContracts()
  const contractLabel = useContractLabel()
  const open = useOpenTicket()
  const feedback = useFormFeedback(fields)
  const draft = useDraft(newTicketForm, () => ({
    chosenContract: preset ?? '',
    kind: 'incident' as TicketKind,
    title: '',
    description: '',
    impact: 'medium' as MatrixLevel,
    urgency: 'medium' as MatrixLevel,
    override: false,
    priority: 'P3' as Priority,
    reason: '',
  }))
  const { chosenContract, kind, title, description, impact, urgency, override, priority, reason } = draft.value

  const matrix = priorityOf(impact, urgency)
  const chosen = override ? priority : matrix
  const needsReason = override && priority !== matrix
  // With a single contract there is nothing to choose.
  const only = contracts.data?.length === 1 ? contracts.data[0]!.id : ''
  const contractId = chosenContract === '' ? only : chosenContract

  function submit(event: FormEvent) {
    event.preventDefault()
    const missing: Record<string, string> = {}
    if (contractId === '') missing.contractId = t('validation.required')
    if (title.trim() === '') missing.title = t('validation.required')
    if (needsReason && reason.trim() === '') missing.priorityReason = t('tickets.form.reasonRequired')
    if (!feedback.check(missing)) return
    open.mutate(
      {
        contractId,
        kind,
        title: title.trim(),
        description: description.trim(),
        impact,
        urgency,
        ...(needsReason ? { priority, priorityReason: reason.trim() } : {}),
      },
      {
        onSuccess: (ticket) => {
          draft.saved()
          void navigate(ticketPageUrl(ticket.id))
        },
        onError: feedback.fail,
      },
    )
  }

  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        {contracts.isError ? (
          <ErrorAlert error={contracts.error} onRetry={() => void contracts.refetch()} />
        ) : (
          <NativeSelect
            label={t('tickets.contract')}
            withAsterisk
            value={contractId}
            onChange={(event) => draft.patch({ chosenContract: event.currentTarget.value })}
            error={feedback.errors.contractId}
            disabled={contracts.isPending}
            description={contracts.data?.length === 0 ? t('tickets.form.noContract') : undefined}
            data={[
              { value: '', label: contracts.isPending ? t('common.loading') : t('tickets.form.chooseContract') },
              ...(contracts.data ?? []).map((contract) => ({ value: contract.id, label: contractLabel(contract) })),
            ]}
          />
        )}
        <Radio.Group label={t('tickets.kind')} value={kind} onChange={(value) => draft.patch({ kind: value as TicketKind })} error={feedback.errors.kind}>
          <Group mt="xs">
            {ticketKinds.map((value) => (
              <Radio key={value} value={value} label={t(`tickets.kinds.${value}`)} />
            ))}
          </Group>
        </Radio.Group>
        <TextInput
          label={t('tickets.ticketTitle')}
          withAsterisk
          maxLength={ticketLimits.title}
          value={title}
          onChange={(event) => draft.patch({ title: event.currentTarget.value })}
          error={feedback.errors.title}
        />
        <Textarea
          label={t('tickets.description')}
          maxLength={ticketLimits.text}
          autosize
          minRows={3}
          maxRows={10}
          value={description}
          onChange={(event) => draft.patch({ description: event.currentTarget.value })}
          error={feedback.errors.description}
        />
        <Group grow align="flex-start">
          <NativeSelect
            label={t('tickets.impact')}
            description={t('tickets.form.impactHelp')}
            value={impact}
            onChange={(event) => draft.patch({ impact: event.currentTarget.value as MatrixLevel })}
            error={feedback.errors.impact}
            data={matrixLevels.map((value) => ({ value, label: t(`tickets.impacts.${value}`) }))}
          />
          <NativeSelect
            label={t('tickets.urgency')}
            description={t('tickets.form.urgencyHelp')}
            value={urgency}
            onChange={(event) => draft.patch({ urgency: event.currentTarget.value as MatrixLevel })}
            error={feedback.errors.urgency}
            data={matrixLevels.map((value) => ({ value, label: t(`tickets.urgencies.${value}`) }))}
          />
        </Group>
        <Group gap="xs" aria-live="polite" data-testid="computed-priority">
          <Text size="sm">{t('tickets.form.computedPriority')}</Text>
          <PriorityBadge priority={matrix} />
          <Text size="sm" c="dimmed">
            {t(`tickets.priorities.${matrix}`)}
          </Text>
        </Group>
        <Checkbox
          label={t('tickets.form.override')}
          checked={override}
          onChange={(event) => {
            const checked = event.currentTarget.checked
            draft.patch({ override: checked })
            if (checked) draft.patch({ priority: matrix })
          }}
        />
        {override && (
          <>
            <NativeSelect
              label={t('tickets.priority')}
              value={priority}
              onChange={(event) => draft.patch({ priority: event.currentTarget.value as Priority })}
              error={feedback.errors.priority}
              data={priorities.map((value) => ({ value, label: `${value} — ${t(`tickets.priorities.${value}`)}` }))}
            />
            <Textarea
              label={t('tickets.form.priorityReason')}
              maxLength={ticketLimits.reason}
              description={t('tickets.form.priorityReasonHelp', { priority: matrix })}
              withAsterisk={needsReason}
              autosize
              minRows={2}
              value={reason}
              onChange={(event) => draft.patch({ reason: event.currentTarget.value })}
              error={feedback.errors.priorityReason}
            />
          </>
        )}
        {override && chosen !== matrix && (
          <Text size="sm" c="dimmed">
            {t('tickets.form.overrideSummary', { priority: chosen, matrix })}
          </Text>
        )}
        {feedback.failure && <ErrorAlert error={feedback.failure} />}
        <FormActions onCancel={onClose} loading={open.isPending} submitLabel={t('tickets.form.submit')} />
      </Stack>
    </form>
  )
}
