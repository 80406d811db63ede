import { Button, Group, Radio, Stack, Text, Textarea } from '@mantine/core'
import { notifications } from '@mantine/notifications'
import { IconDownload } from '@tabler/icons-react'
import { useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { useSearchParams } from 'react-router'
import { dossierUrl } from '../../hooks/contractItems'
import {
  useContractAction,
  type ContractAction,
  type ContractDetail,
  type Handover,
  type RenewalDecisionKind,
} from '../../hooks/contracts'
import { useUser } from '../../hooks/session'
import { useUnsavedChanges } from '../../hooks/unsavedChanges'
import { useDraft, useKeptDraft } from '../../hooks/useDraft'
import { useFormFeedback } from '../../hooks/useFormFeedback'
import { canAuditContracts } from '../../roles'
import { ConfirmDialog } from '../ConfirmDialog'
import { FormActions } from '../FormActions'
import { FormModal } from '../FormModal'
import { ErrorAlert } from '../States'
import { DateField } from '../DateField'

/** The contract-level entries of `can` this screen knows, in the order of a contract's life. */
const contractActionKeys = [
  'sign',
  'transition:takeover',
  'close:takeover',
  'transition:run',
  'amend',
  'decideRenewal',
  'transition:reversibility',
  'close:reversibility',
] as const
type ContractActionKey = (typeof contractActionKeys)[number]

/** Actions taken on a word of confirmation; the others need a form. */
const confirmed: Partial<Record<ContractActionKey, ContractAction>> = {
  sign: { kind: 'sign' },
  'transition:takeover': { kind: 'transition', to: 'takeover' },
  'transition:run': { kind: 'transition', to: 'run' },
  'close:takeover': { kind: 'close', phase: 'takeover' },
  'close:reversibility': { kind: 'close', phase: 'reversibility' },
}

type Key = ContractActionKey

/** Translation keys cannot hold ':' (i18next's namespace separator). */
const textKey = {
  sign: 'sign',
  'transition:takeover': 'takeover',
  'close:takeover': 'closeTakeover',
  'transition:run': 'run',
  amend: 'amend',
  decideRenewal: 'decideRenewal',
  'transition:reversibility': 'reversibility',
  'close:reversibility': 'closeReversibility',
} as const satisfies Record<Key, string>
const messageKey = (key: Key) => textKey[key]

/** The amendment's form on the contract's page, for its draft. */
const amendmentForm = 'amendment'

function AmendmentForm({ contract, onDone, onClose }: { contract: ContractDetail; onDone: (version: number | null) => void; onClose: () => void }) {
  const { t } = useTranslation()
  const action = useContractAction(contract.id)
  const draft = useDraft(amendmentForm, () => ({ effectiveFrom: '', reason: '' }))
  const { effectiveFrom, reason } = draft.value
  const setEffectiveFrom = (value: typeof effectiveFrom) => draft.patch({ effectiveFrom: value })
  const setReason = (value: typeof reason) => draft.patch({ reason: value })
  const feedback = useFormFeedback(['effectiveFrom', 'reason'])

  function submit(event: FormEvent) {
    event.preventDefault()
    const missing: Record<string, string> = {}
    if (effectiveFrom === '') missing.effectiveFrom = t('validation.required')
    if (reason.trim() === '') missing.reason = t('validation.required')
    if (!feedback.check(missing)) return
    action.mutate(
      { kind: 'amend', effectiveFrom, reason: reason.trim() },
      {
        onSuccess: (version) => {
          const number = (version as { number?: unknown } | undefined)?.number
          onDone(typeof number === 'number' ? number : null)
        },
        onError: feedback.fail,
      },
    )
  }

  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <Text size="sm">{t('contracts.actions.amendHelp')}</Text>
        <DateField
          label={t('contracts.effectiveFrom')}
          withAsterisk
          value={effectiveFrom}
          onChange={setEffectiveFrom}
          error={feedback.errors.effectiveFrom}
        />
        <Textarea
          label={t('contracts.reason')}
          withAsterisk
          autosize
          minRows={2}
          value={reason}
          onChange={(event) => setReason(event.currentTarget.value)}
          error={feedback.errors.reason}
        />
        {feedback.failure && <ErrorAlert error={feedback.failure} />}
        <FormActions onCancel={onClose} loading={action.isPending} submitLabel={t('contracts.actions.amendSubmit')} />
      </Stack>
    </form>
  )
}

/** A choice among radios, then one call: the renewal decision, or the kind of handover at reversibility. */
function ChoiceForm<T extends string>({
  contract,
  label,
  options,
  toAction,
  submitLabel,
  onDone,
  onClose,
}: {
  contract: ContractDetail
  label: string
  options: { value: T; label: string; description: string }[]
  toAction: (choice: T) => ContractAction
  submitLabel: string
  onDone: () => void
  onClose: () => void
}) {
  const { t } = useTranslation()
  const action = useContractAction(contract.id)
  const [choice, setChoice] = useState<T | ''>('')
  useUnsavedChanges(choice !== '')
  const feedback = useFormFeedback(['decision', 'handover'])

  function submit(event: FormEvent) {
    event.preventDefault()
    if (!feedback.check(choice === '' ? { choice: t('validation.choose') } : {})) return
    if (choice !== '') action.mutate(toAction(choice), { onSuccess: onDone, onError: feedback.fail })
  }

  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <Radio.Group
          label={label}
          withAsterisk
          value={choice}
          onChange={(value) => setChoice(value as T)}
          error={feedback.errors.choice ?? feedback.errors.decision ?? feedback.errors.handover}
        >
          <Stack gap="sm" mt="xs">
            {options.map((option) => (
              <Radio key={option.value} value={option.value} label={option.label} description={option.description} />
            ))}
          </Stack>
        </Radio.Group>
        {feedback.failure && <ErrorAlert error={feedback.failure} />}
        <FormActions onCancel={onClose} loading={action.isPending} submitLabel={submitLabel} />
      </Stack>
    </form>
  )
}

/**
 * The dialog of one contract-level action: a confirmation for a step, a form for an amendment, a renewal
 * decision or the start of reversibility. `action` null means closed.
 */
export function ContractActionDialog({ contract, action, onClose }: { contract: ContractDetail; action: Key | null; onClose: () => void }) {
  const { t } = useTranslation()
  const [, setSearchParams] = useSearchParams()
  const mutation = useContractAction(contract.id)
  const done = (key: Key) => {
    notifications.show({ color: 'teal', message: t(`contracts.actions.done.${messageKey(key)}`) })
    onClose()
  }
  const confirmation = action === null ? undefined : confirmed[action]

  if (action === null || confirmation) {
    const key = action ?? 'sign'
    return (
      <ConfirmDialog
        opened={confirmation !== undefined}
        title={t(`contracts.actions.confirmTitle.${messageKey(key)}`)}
        message={t(`contracts.actions.confirmMessage.${messageKey(key)}`)}
        confirmLabel={t(`contracts.actions.labels.${messageKey(key)}`)}
        confirmColor="indigo"
        pending={mutation.isPending}
        error={mutation.error}
        onConfirm={() => confirmation && mutation.mutate(confirmation, { onSuccess: () => done(key) })}
        onClose={() => {
          mutation.reset()
          onClose()
        }}
      />
    )
  }

  return (
    <FormModal opened onClose={onClose} title={t(`contracts.actions.confirmTitle.${messageKey(action)}`)}>
      {action === 'amend' && (
        <AmendmentForm
          contract={contract}
          onClose={onClose}
          onDone={(version) => {
            done('amend')
            setSearchParams(version === null ? { tab: 'terms' } : { tab: 'terms', version: String(version) })
          }}
        />
      )}
      {action === 'decideRenewal' && (
        <ChoiceForm<RenewalDecisionKind>
          contract={contract}
          label={t('contracts.renewal.decision')}
          options={(['renew', 'renegotiate', 'terminate'] as const).map((value) => ({
            value,
            label: t(`contracts.renewal.decisions.${value}`),
            description: t(`contracts.renewal.explanations.${value}`),
          }))}
          toAction={(decision) => ({ kind: 'decideRenewal', decision })}
          submitLabel={t('contracts.renewal.submit')}
          onDone={() => done('decideRenewal')}
          onClose={onClose}
        />
      )}
      {action === 'transition:reversibility' && (
        <ChoiceForm<Handover>
          contract={contract}
          label={t('contracts.handover.label')}
          options={(['client', 'newProvider'] as const).map((value) => ({
            value,
            label: t(`contracts.handover.kinds.${value}`),
            description: t(`contracts.handover.explanations.${value}`),
          }))}
          toAction={(handover) => ({ kind: 'transition', to: 'reversibility', handover })}
          submitLabel={t('contracts.actions.labels.reversibility')}
          onDone={() => done('transition:reversibility')}
          onClose={onClose}
        />
      )}
    </FormModal>
  )
}

/** The header's buttons: what `can` allows this caller now, and the dossier for those who may export it. */
export function ContractActions({ contract }: { contract: ContractDetail }) {
  const { t } = useTranslation()
  const user = useUser()
  // An amendment being written when the session ended opens again with its text.
  const kept = useKeptDraft([amendmentForm])
  const [action, setAction] = useState<Key | null>(kept === null ? null : 'amend')
  const available = contractActionKeys.filter((key) => contract.can.includes(key))

  return (
    <>
      <Group gap="xs" role="group" aria-label={t('contracts.actions.label')}>
        {available.map((key, index) => (
          <Button key={key} variant={index === 0 ? 'filled' : 'light'} onClick={() => setAction(key)}>
            {t(`contracts.actions.labels.${messageKey(key)}`)}
          </Button>
        ))}
        {canAuditContracts(user) && (
          <Button component="a" href={dossierUrl(contract.id)} download variant="default" leftSection={<IconDownload size={16} aria-hidden />}>
            {t('contracts.downloadDossier')}
          </Button>
        )}
      </Group>
      <ContractActionDialog contract={contract} action={action} onClose={() => setAction(null)} />
    </>
  )
}
