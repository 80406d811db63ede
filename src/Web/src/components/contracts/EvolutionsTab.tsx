import { Badge, Button, Card, EmptyState, Group, Stack, Text, TextInput, Textarea, Title } from '@mantine/core'
import { notifications } from '@mantine/notifications'
import { IconBulb, IconPlus } from '@tabler/icons-react'
import { useState, type FormEvent, type ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { useSearchParams } from 'react-router'
import type { ContractPermissions } from '../../contractRules'
import { useFormatAmount, useFormatDateTime } from '../../format'
import type { ContractDetail } from '../../hooks/contracts'
import {
  useEvolutionStep,
  useEvolutions,
  useRequestEvolution,
  type Evolution,
  type EvolutionAction,
  type EvolutionState,
  type EvolutionStep,
} from '../../hooks/evolutions'
import { useDraft, useKeptDraft } from '../../hooks/useDraft'
import { useFormFeedback } from '../../hooks/useFormFeedback'
import { ConfirmDialog } from '../ConfirmDialog'
import { FormActions } from '../FormActions'
import { FormModal } from '../FormModal'
import { NumberField } from '../NumberField'
import { ErrorAlert, ListStates } from '../States'
import { DateField } from '../DateField'

const stateColor: Record<EvolutionState, string> = {
  specified: 'gray',
  proposed: 'yellow',
  validated: 'blue',
  rejected: 'red',
  inProgress: 'cyan',
  delivered: 'violet',
  accepted: 'teal',
}

/** Steps taken on a word of confirmation; propose, reject and amend need a form. */
const confirmedSteps = ['validate', 'start', 'deliver', 'accept'] as const
type ConfirmedStep = (typeof confirmedSteps)[number]
const isConfirmed = (action: EvolutionAction): action is ConfirmedStep => (confirmedSteps as readonly string[]).includes(action)

const requestForm = 'evolution-request'

function RequestForm({ contractId, onClose }: { contractId: string; onClose: () => void }) {
  const { t } = useTranslation()
  const request = useRequestEvolution(contractId)
  const draft = useDraft(requestForm, () => ({ title: '', specification: '' }))
  const { title, specification } = draft.value
  const feedback = useFormFeedback(['title', 'specification'])
  function submit(event: FormEvent) {
    event.preventDefault()
    const missing: Record<string, string> = {}
    if (title.trim() === '') missing.title = t('validation.required')
    if (specification.trim() === '') missing.specification = t('validation.required')
    if (!feedback.check(missing)) return
    request.mutate(
      { title: title.trim(), specification: specification.trim() },
      {
        onSuccess: () => {
          draft.saved()
          onClose()
        },
        onError: feedback.fail,
      },
    )
  }
  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <TextInput label={t('evolutions.requestTitle')} withAsterisk value={title} onChange={(event) => draft.patch({ title: event.currentTarget.value })} error={feedback.errors.title} />
        <Textarea
          label={t('evolutions.specification')}
          description={t('evolutions.specificationHelp')}
          withAsterisk
          autosize
          minRows={4}
          value={specification}
          onChange={(event) => draft.patch({ specification: event.currentTarget.value })}
          error={feedback.errors.specification}
        />
        {feedback.failure && <ErrorAlert error={feedback.failure} />}
        <FormActions onCancel={onClose} loading={request.isPending} submitLabel={t('evolutions.submitRequest')} />
      </Stack>
    </form>
  )
}

/** The form of a step that takes a body: the provider's proposal, the client's rejection, the amendment's date. */
function StepForm({ contractId, evolution, action, onClose }: { contractId: string; evolution: Evolution; action: 'propose' | 'reject' | 'amend'; onClose: () => void }) {
  const { t } = useTranslation()
  const [, setSearchParams] = useSearchParams()
  const step = useEvolutionStep(contractId)
  const draft = useDraft(`evolution-step:${evolution.id}:${action}`, () => ({ solution: '', quoteAmount: Number.NaN, plan: '', reason: '', effectiveFrom: '' }))
  const { solution, plan, reason, effectiveFrom } = draft.value
  // An empty amount is NaN in the form and null once a kept draft has been through JSON.
  const quoteAmount = draft.value.quoteAmount ?? Number.NaN
  const setSolution = (value: typeof solution) => draft.patch({ solution: value })
  const setQuoteAmount = (value: typeof quoteAmount) => draft.patch({ quoteAmount: value })
  const setPlan = (value: typeof plan) => draft.patch({ plan: value })
  const setReason = (value: typeof reason) => draft.patch({ reason: value })
  const setEffectiveFrom = (value: typeof effectiveFrom) => draft.patch({ effectiveFrom: value })
  const feedback = useFormFeedback(['solution', 'quoteAmount', 'plan', 'reason', 'effectiveFrom'])

  function submit(event: FormEvent) {
    event.preventDefault()
    const missing: Record<string, string> = {}
    const required = (name: string, value: string) => {
      if (value.trim() === '') missing[name] = t('validation.required')
    }
    let body: EvolutionStep
    if (action === 'propose') {
      required('solution', solution)
      required('plan', plan)
      if (!Number.isFinite(quoteAmount) || quoteAmount < 0) missing.quoteAmount = t('validation.amount')
      body = { action, body: { solution: solution.trim(), quoteAmount, plan: plan.trim() } }
    } else if (action === 'reject') {
      required('reason', reason)
      body = { action, body: { reason: reason.trim() } }
    } else {
      required('effectiveFrom', effectiveFrom)
      body = { action, body: { effectiveFrom } }
    }
    if (!feedback.check(missing)) return
    step.mutate(
      { evolutionId: evolution.id, step: body },
      {
        onSuccess: (result) => {
          notifications.show({ color: 'teal', message: t(`evolutions.done.${action}`, { title: evolution.title }) })
          onClose()
          // The amendment opened from the evolution is a draft version: shown where its terms are edited.
          const number = action === 'amend' ? (result as { number?: unknown } | undefined)?.number : undefined
          if (typeof number === 'number') setSearchParams({ tab: 'terms', version: String(number) })
        },
        onError: feedback.fail,
      },
    )
  }

  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        {action === 'propose' && (
          <>
            <Textarea label={t('evolutions.solution')} withAsterisk autosize minRows={3} value={solution} onChange={(event) => setSolution(event.currentTarget.value)} error={feedback.errors.solution} />
            <NumberField
              label={t('evolutions.quoteAmount')}
              withAsterisk
              min={0}
              decimalScale={2}
              suffix=" €"
              maw={240}
              value={quoteAmount}
              onChange={setQuoteAmount}
              error={feedback.errors.quoteAmount}
            />
            <Textarea label={t('evolutions.plan')} withAsterisk autosize minRows={3} value={plan} onChange={(event) => setPlan(event.currentTarget.value)} error={feedback.errors.plan} />
          </>
        )}
        {action === 'reject' && (
          <Textarea label={t('evolutions.rejectionReason')} withAsterisk autosize minRows={3} value={reason} onChange={(event) => setReason(event.currentTarget.value)} error={feedback.errors.reason} />
        )}
        {action === 'amend' && (
          <>
            <Text size="sm">{t('evolutions.amendHelp')}</Text>
            <DateField label={t('contracts.effectiveFrom')} withAsterisk value={effectiveFrom} onChange={setEffectiveFrom} error={feedback.errors.effectiveFrom} />
          </>
        )}
        {feedback.failure && <ErrorAlert error={feedback.failure} />}
        <FormActions onCancel={onClose} loading={step.isPending} submitLabel={t(`evolutions.actions.${action}`)} />
      </Stack>
    </form>
  )
}

function Detail({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <Text size="sm" fw={600}>
        {label}
      </Text>
      <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
        {children}
      </Text>
    </div>
  )
}

function EvolutionCard({ evolution, actions, onAction }: { evolution: Evolution; actions: EvolutionAction[]; onAction: (action: EvolutionAction) => void }) {
  const { t } = useTranslation()
  const formatAmount = useFormatAmount()
  const formatDateTime = useFormatDateTime()
  const headingId = `evolution-${evolution.id}`
  return (
    <Card withBorder component="article" aria-labelledby={headingId}>
      <Stack gap="sm">
        <Group justify="space-between" align="flex-start">
          <Stack gap={2}>
            <Group gap="sm">
              <Title order={3} size="h4" id={headingId}>
                {evolution.title}
              </Title>
              <Badge color={stateColor[evolution.state]}>{t(`evolutions.states.${evolution.state}`)}</Badge>
            </Group>
            <Text size="xs" c="dimmed">
              {t('evolutions.requestedBy', { name: evolution.createdBy, date: formatDateTime(evolution.createdAt) })}
            </Text>
          </Stack>
          {actions.length > 0 && (
            <Group gap="xs">
              {actions.map((action) => (
                <Button
                  key={action}
                  size="xs"
                  variant={action === 'reject' ? 'light' : 'filled'}
                  color={action === 'reject' ? 'red' : undefined}
                  aria-label={t('evolutions.actionOf', { action: t(`evolutions.actions.${action}`), title: evolution.title })}
                  onClick={() => onAction(action)}
                >
                  {t(`evolutions.actions.${action}`)}
                </Button>
              ))}
            </Group>
          )}
        </Group>
        <Detail label={t('evolutions.specification')}>{evolution.specification}</Detail>
        {evolution.solution && <Detail label={t('evolutions.solution')}>{evolution.solution}</Detail>}
        {typeof evolution.quoteAmount === 'number' && <Detail label={t('evolutions.quoteAmount')}>{formatAmount(evolution.quoteAmount)}</Detail>}
        {evolution.plan && <Detail label={t('evolutions.plan')}>{evolution.plan}</Detail>}
        {evolution.rejectionReason && <Detail label={t('evolutions.rejectionReason')}>{evolution.rejectionReason}</Detail>}
        {typeof evolution.amendmentVersion === 'number' && (
          <Text size="sm">{t('evolutions.amendedAs', { number: evolution.amendmentVersion })}</Text>
        )}
      </Stack>
    </Card>
  )
}

/**
 * Evolution requests: the client specifies a need, the provider proposes a solution with a quote and a plan, the
 * client validates or rejects it, the provider implements and delivers, the client accepts; an accepted
 * evolution may become an amendment.
 */
export function EvolutionsTab({ contract, permissions }: { contract: ContractDetail; permissions: ContractPermissions }) {
  const { t } = useTranslation()
  const evolutions = useEvolutions(contract.id)
  const step = useEvolutionStep(contract.id)
  // A request being written when the session ended opens again with its text.
  const kept = useKeptDraft([requestForm])
  const [requesting, setRequesting] = useState(kept !== null)
  const [current, setCurrent] = useState<{ evolution: Evolution; action: EvolutionAction } | null>(null)
  const confirming = current && isConfirmed(current.action) ? (current as { evolution: Evolution; action: ConfirmedStep }) : null
  const withForm = current && !isConfirmed(current.action) ? (current as { evolution: Evolution; action: 'propose' | 'reject' | 'amend' }) : null
  const confirmKey: ConfirmedStep = confirming?.action ?? 'validate'

  return (
    <Stack>
      <Group justify="space-between">
        <Text size="sm" c="dimmed">
          {t('evolutions.intro')}
        </Text>
        {permissions.requestEvolution && (
          <Button leftSection={<IconPlus size={18} aria-hidden />} onClick={() => setRequesting(true)}>
            {t('evolutions.newRequest')}
          </Button>
        )}
      </Group>
      <ListStates
        query={evolutions}
        empty={<EmptyState icon={<IconBulb aria-hidden />} title={t('evolutions.emptyTitle')} description={t('evolutions.empty')} />}
      >
        {(items) => (
          <Stack>
            {items.map((evolution) => (
              <EvolutionCard
                key={evolution.id}
                evolution={evolution}
                actions={permissions.evolutionActions(evolution.state, typeof evolution.amendmentVersion === 'number')}
                onAction={(action) => {
                  step.reset()
                  setCurrent({ evolution, action })
                }}
              />
            ))}
          </Stack>
        )}
      </ListStates>

      <FormModal opened={requesting} onClose={() => setRequesting(false)} title={t('evolutions.newRequest')} size="lg">
        <RequestForm contractId={contract.id} onClose={() => setRequesting(false)} />
      </FormModal>

      <FormModal
        opened={withForm !== null}
        onClose={() => setCurrent(null)}
        title={withForm ? t(`evolutions.dialogTitles.${withForm.action}`, { title: withForm.evolution.title }) : ''}
        size="lg"
      >
        {withForm && <StepForm contractId={contract.id} evolution={withForm.evolution} action={withForm.action} onClose={() => setCurrent(null)} />}
      </FormModal>

      <ConfirmDialog
        opened={confirming !== null}
        title={t(`evolutions.dialogTitles.${confirmKey}`, { title: confirming?.evolution.title ?? '' })}
        message={t(`evolutions.confirmMessages.${confirmKey}`)}
        confirmLabel={t(`evolutions.actions.${confirmKey}`)}
        confirmColor="indigo"
        pending={step.isPending}
        error={step.error}
        onConfirm={() =>
          confirming &&
          step.mutate(
            { evolutionId: confirming.evolution.id, step: { action: confirming.action } },
            {
              onSuccess: () => {
                notifications.show({ color: 'teal', message: t(`evolutions.done.${confirming.action}`, { title: confirming.evolution.title }) })
                setCurrent(null)
              },
            },
          )
        }
        onClose={() => setCurrent(null)}
      />
    </Stack>
  )
}
