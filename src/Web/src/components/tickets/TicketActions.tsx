import { Button, Checkbox, Group, NativeSelect, Radio, Select, Stack, Text, Textarea, TextInput } from '@mantine/core'
import { notifications } from '@mantine/notifications'
import { IconArrowUpRight, IconCheck, IconHandGrab, IconPlayerPause, IconPlayerPlay, IconRefresh, IconUserPlus, IconX } from '@tabler/icons-react'
import { useState, type FormEvent, type ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { priorities, type Priority } from '../../hooks/contracts'
import { useUser } from '../../hooks/session'
import { matrixLevels, pendingSides, useContractAgents, useTicketAction, type MatrixLevel, type PendingSide, type TicketAction, type TicketDetail } from '../../hooks/tickets'
import { useFormFeedback } from '../../hooks/useFormFeedback'
import { useRoleLabel } from '../../hooks/useRoleLabel'
import { priorityOf } from '../../ticketRules'
import { ConfirmDialog } from '../ConfirmDialog'
import { FormActions } from '../FormActions'
import { FormModal } from '../FormModal'
import { ErrorAlert } from '../States'
import { PriorityBadge } from './TicketBadges'
import { ticketLimits } from '../../ticketLimits'

type Dialog = 'assign' | 'reopen' | 'pending' | 'resolve' | 'close' | 'escalate' | 'priority'

/** Sends one action from a dialog's form: closes it and says so on success, shows the problem on its fields otherwise. */
function useDialogAction(ticket: TicketDetail, fields: readonly string[], done: string, onClose: () => void) {
  const action = useTicketAction(ticket.id)
  const feedback = useFormFeedback(fields)
  return {
    action,
    feedback,
    send(request: TicketAction) {
      action.mutate(request, {
        onSuccess: () => {
          notifications.show({ color: 'teal', message: done })
          onClose()
        },
        onError: feedback.fail,
      })
    },
  }
}

function ReasonDialog({
  ticket,
  onClose,
  label,
  help,
  submitLabel,
  done,
  build,
}: {
  ticket: TicketDetail
  onClose: () => void
  label: string
  help?: ReactNode
  submitLabel: string
  done: string
  build: (reason: string) => TicketAction
}) {
  const { t } = useTranslation()
  const { action, feedback, send } = useDialogAction(ticket, ['reason'], done, onClose)
  const [reason, setReason] = useState('')
  function submit(event: FormEvent) {
    event.preventDefault()
    if (!feedback.check(reason.trim() === '' ? { reason: t('validation.required') } : {})) return
    send(build(reason.trim()))
  }
  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        {help && <Text size="sm">{help}</Text>}
        <Textarea label={label} withAsterisk autosize minRows={3} maxLength={ticketLimits.reason} value={reason} onChange={(event) => setReason(event.currentTarget.value)} error={feedback.errors.reason} />
        {feedback.failure && <ErrorAlert error={feedback.failure} />}
        <FormActions onCancel={onClose} loading={action.isPending} submitLabel={submitLabel} />
      </Stack>
    </form>
  )
}

function PendingDialog({ ticket, onClose }: { ticket: TicketDetail; onClose: () => void }) {
  const { t } = useTranslation()
  const { action, feedback, send } = useDialogAction(ticket, ['reason', 'pendingSide'], t('tickets.actions.pendingDone'), onClose)
  const [side, setSide] = useState<PendingSide>('client')
  const [reason, setReason] = useState('')
  function submit(event: FormEvent) {
    event.preventDefault()
    if (!feedback.check(reason.trim() === '' ? { reason: t('validation.required') } : {})) return
    send({ kind: 'status', status: 'pendingClient', pendingSide: side, reason: reason.trim() })
  }
  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <Text size="sm">{t('tickets.actions.pendingHelp')}</Text>
        <Radio.Group label={t('tickets.actions.pendingSide')} withAsterisk value={side} onChange={(value) => setSide(value as PendingSide)} error={feedback.errors.pendingSide}>
          <Group mt="xs">
            {pendingSides.map((value) => (
              <Radio key={value} value={value} label={t(`tickets.pendingSideChoices.${value}`)} />
            ))}
          </Group>
        </Radio.Group>
        <Textarea
          label={t('tickets.actions.pendingReason')}
          maxLength={ticketLimits.reason}
          withAsterisk
          autosize
          minRows={3}
          value={reason}
          onChange={(event) => setReason(event.currentTarget.value)}
          error={feedback.errors.reason}
        />
        {feedback.failure && <ErrorAlert error={feedback.failure} />}
        <FormActions onCancel={onClose} loading={action.isPending} submitLabel={t('tickets.actions.pending')} />
      </Stack>
    </form>
  )
}

function ResolveDialog({ ticket, onClose }: { ticket: TicketDetail; onClose: () => void }) {
  const { t } = useTranslation()
  const { action, feedback, send } = useDialogAction(ticket, ['resolution'], t('tickets.actions.resolveDone'), onClose)
  const [resolution, setResolution] = useState('')
  function submit(event: FormEvent) {
    event.preventDefault()
    if (!feedback.check(resolution.trim() === '' ? { resolution: t('validation.required') } : {})) return
    send({ kind: 'status', status: 'resolved', resolution: resolution.trim() })
  }
  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <Text size="sm">{t('tickets.actions.resolveHelp')}</Text>
        <Textarea
          label={t('tickets.resolution')}
          maxLength={ticketLimits.text}
          withAsterisk
          autosize
          minRows={4}
          value={resolution}
          onChange={(event) => setResolution(event.currentTarget.value)}
          error={feedback.errors.resolution}
        />
        {feedback.failure && <ErrorAlert error={feedback.failure} />}
        <FormActions onCancel={onClose} loading={action.isPending} submitLabel={t('tickets.actions.resolve')} />
      </Stack>
    </form>
  )
}

function AssignDialog({ ticket, onClose }: { ticket: TicketDetail; onClose: () => void }) {
  const { t } = useTranslation()
  const user = useUser()
  const roleLabel = useRoleLabel()
  const { action, feedback, send } = useDialogAction(ticket, ['assigneeId', 'team'], t('tickets.actions.assignDone'), onClose)
  const [toMe, setToMe] = useState(true)
  const [assigneeId, setAssigneeId] = useState<string | null>(null)
  const [team, setTeam] = useState(ticket.team ?? '')
  const agents = useContractAgents(ticket.contractId, !toMe)
  const rolesOf = new Map((agents.data ?? []).map((agent) => [agent.id, agent.roles.map(roleLabel).join(' · ')]))
  const options = (agents.data ?? []).map((agent) => ({
    value: agent.id,
    label: agent.id === user.id ? t('tickets.actions.assignYou', { name: agent.displayName }) : agent.displayName,
  }))
  function submit(event: FormEvent) {
    event.preventDefault()
    const chosen = toMe ? undefined : (assigneeId ?? undefined)
    if (!feedback.check(!toMe && chosen === undefined && team.trim() === '' ? { assigneeId: t('tickets.actions.assignNothing') } : {})) return
    send({ kind: 'assign', toMe, assigneeId: chosen, team: team.trim() === '' ? undefined : team.trim() })
  }
  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <Checkbox label={t('tickets.actions.assignToMe')} checked={toMe} onChange={(event) => setToMe(event.currentTarget.checked)} />
        {!toMe && (
          <Select
            label={t('tickets.actions.assignAgent')}
            description={t('tickets.actions.assignAgentHelp')}
            placeholder={t('tickets.actions.assignAgentPlaceholder')}
            searchable
            clearable
            data={options}
            value={assigneeId}
            onChange={setAssigneeId}
            nothingFoundMessage={agents.isPending ? t('common.loading') : t('tickets.actions.assignNoAgent')}
            renderOption={({ option }) => (
              <Stack gap={0}>
                <Text size="sm">{option.label}</Text>
                <Text size="xs" c="dimmed">
                  {rolesOf.get(option.value)}
                </Text>
              </Stack>
            )}
            error={feedback.errors.assigneeId}
          />
        )}
        {agents.error && <ErrorAlert error={agents.error} />}
        <TextInput
          label={t('tickets.team')}
          description={t('tickets.actions.teamHelp')}
          maxLength={100}
          value={team}
          onChange={(event) => setTeam(event.currentTarget.value)}
          error={feedback.errors.team}
        />
        {feedback.failure && <ErrorAlert error={feedback.failure} />}
        <FormActions onCancel={onClose} loading={action.isPending} submitLabel={t('tickets.actions.assign')} />
      </Stack>
    </form>
  )
}

function PriorityDialog({ ticket, onClose }: { ticket: TicketDetail; onClose: () => void }) {
  const { t } = useTranslation()
  const { action, feedback, send } = useDialogAction(ticket, ['impact', 'urgency', 'priority', 'reason'], t('tickets.actions.priorityDone'), onClose)
  const [impact, setImpact] = useState<MatrixLevel>(ticket.impact)
  const [urgency, setUrgency] = useState<MatrixLevel>(ticket.urgency)
  const [priority, setPriority] = useState<Priority>(ticket.priority)
  const [reason, setReason] = useState(ticket.priorityReason ?? '')
  const matrix = priorityOf(impact, urgency)
  const overridden = priority !== matrix
  function submit(event: FormEvent) {
    event.preventDefault()
    if (!feedback.check(overridden && reason.trim() === '' ? { reason: t('tickets.form.reasonRequired') } : {})) return
    send({ kind: 'priority', impact, urgency, ...(overridden ? { priority, reason: reason.trim() } : {}) })
  }
  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <Text size="sm">{t('tickets.actions.priorityHelp')}</Text>
        <Group grow align="flex-start">
          <NativeSelect
            label={t('tickets.impact')}
            value={impact}
            onChange={(event) => {
              const value = event.currentTarget.value as MatrixLevel
              setImpact(value)
              setPriority(priorityOf(value, urgency))
            }}
            error={feedback.errors.impact}
            data={matrixLevels.map((value) => ({ value, label: t(`tickets.impacts.${value}`) }))}
          />
          <NativeSelect
            label={t('tickets.urgency')}
            value={urgency}
            onChange={(event) => {
              const value = event.currentTarget.value as MatrixLevel
              setUrgency(value)
              setPriority(priorityOf(impact, value))
            }}
            error={feedback.errors.urgency}
            data={matrixLevels.map((value) => ({ value, label: t(`tickets.urgencies.${value}`) }))}
          />
        </Group>
        <Group gap="xs" aria-live="polite">
          <Text size="sm">{t('tickets.form.computedPriority')}</Text>
          <PriorityBadge priority={matrix} />
        </Group>
        <NativeSelect
          label={t('tickets.priority')}
          value={priority}
          onChange={(event) => setPriority(event.currentTarget.value as Priority)}
          error={feedback.errors.priority}
          data={priorities.map((value) => ({ value, label: `${value} — ${t(`tickets.priorities.${value}`)}` }))}
        />
        {overridden && (
          <Textarea
            label={t('tickets.form.priorityReason')}
            maxLength={ticketLimits.reason}
            description={t('tickets.form.priorityReasonHelp', { priority: matrix })}
            withAsterisk
            autosize
            minRows={2}
            value={reason}
            onChange={(event) => setReason(event.currentTarget.value)}
            error={feedback.errors.reason}
          />
        )}
        {feedback.failure && <ErrorAlert error={feedback.failure} />}
        <FormActions onCancel={onClose} loading={action.isPending} submitLabel={t('tickets.actions.changePriority')} />
      </Stack>
    </form>
  )
}

/** The actions the server's `can` offers this user on the ticket, each with the dialog that asks what it needs. */
export function TicketActions({ ticket }: { ticket: TicketDetail }) {
  const { t } = useTranslation()
  const user = useUser()
  const [dialog, setDialog] = useState<Dialog | null>(null)
  const direct = useTicketAction(ticket.id)
  const close = () => setDialog(null)
  const statuses = ticket.can.statuses
  const resolved = ticket.status === 'resolved' || ticket.status === 'closed'
  const desk = user.organisation.kind === 'provider'
  const mine = ticket.assignee?.id === user.id

  function now(request: TicketAction, done: string) {
    direct.mutate(request, { onSuccess: () => notifications.show({ color: 'teal', message: done }) })
  }

  const buttons: ReactNode[] = []
  if (ticket.can.assign && !mine) {
    buttons.push(
      <Button key="take" leftSection={<IconHandGrab size={16} aria-hidden />} loading={direct.isPending && direct.variables?.kind === 'assign'} onClick={() => now({ kind: 'assign', toMe: true }, t('tickets.actions.takeDone'))}>
        {t('tickets.actions.take')}
      </Button>,
    )
  }
  if (ticket.can.assign) {
    buttons.push(
      <Button key="assign" variant="default" leftSection={<IconUserPlus size={16} aria-hidden />} onClick={() => setDialog('assign')}>
        {t('tickets.actions.assignEllipsis')}
      </Button>,
    )
  }
  if (statuses.includes('inProgress')) {
    buttons.push(
      resolved ? (
        <Button key="reopen" variant="default" leftSection={<IconRefresh size={16} aria-hidden />} onClick={() => setDialog('reopen')}>
          {t('tickets.actions.reopen')}
        </Button>
      ) : (
        <Button
          key="start"
          variant="default"
          leftSection={<IconPlayerPlay size={16} aria-hidden />}
          loading={direct.isPending && direct.variables?.kind === 'status'}
          onClick={() => now({ kind: 'status', status: 'inProgress' }, t('tickets.actions.startDone'))}
        >
          {desk ? t('tickets.actions.start') : t('tickets.actions.resume')}
        </Button>
      ),
    )
  }
  if (statuses.includes('pendingClient')) {
    buttons.push(
      <Button key="pending" variant="default" leftSection={<IconPlayerPause size={16} aria-hidden />} onClick={() => setDialog('pending')}>
        {t('tickets.actions.pendingEllipsis')}
      </Button>,
    )
  }
  if (statuses.includes('resolved')) {
    buttons.push(
      <Button key="resolve" color="teal" leftSection={<IconCheck size={16} aria-hidden />} onClick={() => setDialog('resolve')}>
        {t('tickets.actions.resolve')}
      </Button>,
    )
  }
  if (statuses.includes('closed')) {
    buttons.push(
      <Button key="close" variant="default" leftSection={<IconX size={16} aria-hidden />} onClick={() => setDialog('close')}>
        {t('tickets.actions.close')}
      </Button>,
    )
  }
  if (ticket.can.escalate) {
    buttons.push(
      <Button key="escalate" variant="default" leftSection={<IconArrowUpRight size={16} aria-hidden />} onClick={() => setDialog('escalate')}>
        {t('tickets.actions.escalate')}
      </Button>,
    )
  }
  if (ticket.can.changePriority) {
    buttons.push(
      <Button key="priority" variant="default" onClick={() => setDialog('priority')}>
        {t('tickets.actions.changePriority')}
      </Button>,
    )
  }
  if (buttons.length === 0) return null

  return (
    <Stack gap="xs" component="section" aria-label={t('tickets.actions.title')}>
      <Group gap="xs">{buttons}</Group>
      {direct.error && <ErrorAlert error={direct.error} />}

      <FormModal opened={dialog === 'assign'} onClose={close} title={t('tickets.actions.assignTitle')}>
        <AssignDialog ticket={ticket} onClose={close} />
      </FormModal>
      <FormModal opened={dialog === 'reopen'} onClose={close} title={t('tickets.actions.reopenTitle')}>
        <ReasonDialog
          ticket={ticket}
          onClose={close}
          label={t('tickets.actions.reopenReason')}
          help={t('tickets.actions.reopenHelp')}
          submitLabel={t('tickets.actions.reopen')}
          done={t('tickets.actions.reopenDone')}
          build={(reason) => ({ kind: 'status', status: 'inProgress', reason })}
        />
      </FormModal>
      <FormModal opened={dialog === 'pending'} onClose={close} title={t('tickets.actions.pendingTitle')}>
        <PendingDialog ticket={ticket} onClose={close} />
      </FormModal>
      <FormModal opened={dialog === 'resolve'} onClose={close} title={t('tickets.actions.resolveTitle')}>
        <ResolveDialog ticket={ticket} onClose={close} />
      </FormModal>
      <FormModal opened={dialog === 'escalate'} onClose={close} title={t('tickets.actions.escalateTitle')}>
        <ReasonDialog
          ticket={ticket}
          onClose={close}
          label={t('tickets.actions.escalateReason')}
          help={t('tickets.actions.escalateHelp')}
          submitLabel={t('tickets.actions.escalate')}
          done={t('tickets.actions.escalateDone')}
          build={(reason) => ({ kind: 'escalate', reason })}
        />
      </FormModal>
      <FormModal opened={dialog === 'priority'} onClose={close} title={t('tickets.actions.priorityTitle')}>
        <PriorityDialog ticket={ticket} onClose={close} />
      </FormModal>
      <CloseDialog ticket={ticket} opened={dialog === 'close'} onClose={close} />
    </Stack>
  )
}

/** The client confirms the resolution: the ticket is closed (it may still be reopened for a while). */
function CloseDialog({ ticket, opened, onClose }: { ticket: TicketDetail; opened: boolean; onClose: () => void }) {
  const { t } = useTranslation()
  const action = useTicketAction(ticket.id)
  return (
    <ConfirmDialog
      opened={opened}
      title={t('tickets.actions.closeTitle')}
      message={t('tickets.actions.closeMessage')}
      confirmLabel={t('tickets.actions.close')}
      confirmColor="teal"
      pending={action.isPending}
      error={action.error}
      onConfirm={() =>
        action.mutate(
          { kind: 'status', status: 'closed' },
          {
            onSuccess: () => {
              notifications.show({ color: 'teal', message: t('tickets.actions.closeDone') })
              onClose()
            },
          },
        )
      }
      onClose={onClose}
    />
  )
}
