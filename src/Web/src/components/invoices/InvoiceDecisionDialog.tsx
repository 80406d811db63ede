import { Stack, Text, Textarea } from '@mantine/core'
import { notifications } from '@mantine/notifications'
import { useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { ApiError, pathErrors } from '../../api'
import { calendarDay } from '../../format'
import { useInvoiceDecision, type Discrepancy, type Invoice, type InvoiceDecision } from '../../hooks/invoices'
import { useDiscrepancyName } from '../../hooks/invoiceText'
import { useFormFeedback } from '../../hooks/useFormFeedback'
import { discrepanciesToJustify, type InvoiceAction } from '../../invoiceRules'
import { FormActions } from '../FormActions'
import { FormModal } from '../FormModal'
import { ErrorAlert } from '../States'
import { DateField } from '../DateField'

/** What the Invoicing API keeps of a reason or a message. */
const maxTextLength = 2000

export type InvoiceDialog = { action: InvoiceAction } | { action: 'clearDuplicate'; discrepancy: Discrepancy }

interface FormProps {
  invoice: Invoice
  onClose: () => void
}

function useDone(invoice: Invoice, onClose: () => void) {
  const { t } = useTranslation()
  return (action: InvoiceDecision['action']) => {
    notifications.show({ color: 'teal', message: t(`invoices.done.${action === 'paid' ? 'markPaid' : action}`, { number: invoice.number }) })
    onClose()
  }
}

/** One reason per blocking discrepancy not accepted yet; a 422 names the missing ones `reasons.<key>`. */
function ApproveForm({ invoice, onClose }: FormProps) {
  const { t } = useTranslation()
  const name = useDiscrepancyName()
  const decide = useInvoiceDecision(invoice)
  const done = useDone(invoice, onClose)
  const toJustify = discrepanciesToJustify(invoice)
  const [reasons, setReasons] = useState<Record<string, string>>({})
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [failure, setFailure] = useState<Error | null>(null)

  function submit(event: FormEvent) {
    event.preventDefault()
    setFailure(null)
    const missing: Record<string, string> = {}
    for (const discrepancy of toJustify) if ((reasons[discrepancy.key] ?? '').trim() === '') missing[discrepancy.key] = t('validation.required')
    setErrors(missing)
    if (Object.keys(missing).length > 0) return
    const given = Object.fromEntries(toJustify.map((discrepancy) => [discrepancy.key, (reasons[discrepancy.key] ?? '').trim()]))
    decide.mutate(
      { action: 'approve', reasons: given },
      {
        onSuccess: () => done('approve'),
        onError: (error) => {
          const placed: Record<string, string> = {}
          let unplaced = false
          for (const [path, message] of Object.entries(error instanceof ApiError ? pathErrors(error.problem) : {})) {
            const key = path.startsWith('reasons.') ? path.slice('reasons.'.length) : null
            if (key !== null && toJustify.some((discrepancy) => discrepancy.key === key)) placed[key] = message
            else unplaced = true
          }
          setErrors(placed)
          if (unplaced || Object.keys(placed).length === 0) setFailure(error)
        },
      },
    )
  }

  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <Text size="sm" c="dimmed">
          {t(toJustify.length === 0 ? 'invoices.dialogHelp.approveNothing' : 'invoices.dialogHelp.approve')}
        </Text>
        {toJustify.map((discrepancy) => (
          <Textarea
            key={discrepancy.key}
            label={t('invoices.reasonFor', { name: name(discrepancy) })}
            description={discrepancy.message}
            withAsterisk
            autosize
            minRows={2}
            maxLength={maxTextLength}
            value={reasons[discrepancy.key] ?? ''}
            onChange={(event) => {
              const value = event.currentTarget.value
              setReasons((previous) => ({ ...previous, [discrepancy.key]: value }))
            }}
            error={errors[discrepancy.key]}
          />
        ))}
        {failure && <ErrorAlert error={failure} />}
        <FormActions onCancel={onClose} loading={decide.isPending} submitLabel={t('invoices.actionNames.approve')} />
      </Stack>
    </form>
  )
}

/** A required text (the dispute's message, a cleared duplicate's reason) sent as the one field of the call. */
function TextForm({ invoice, onClose, field, label, help, submitLabel, decision }: FormProps & {
  field: 'message' | 'reason'
  label: string
  help: string
  submitLabel: string
  decision: (text: string) => InvoiceDecision
}) {
  const { t } = useTranslation()
  const decide = useInvoiceDecision(invoice)
  const done = useDone(invoice, onClose)
  const [text, setText] = useState('')
  const feedback = useFormFeedback([field])

  function submit(event: FormEvent) {
    event.preventDefault()
    const given = text.trim()
    if (!feedback.check(given === '' ? { [field]: t('validation.required') } : {})) return
    const request = decision(given)
    decide.mutate(request, { onSuccess: () => done(request.action), onError: feedback.fail })
  }

  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <Text size="sm" c="dimmed">
          {help}
        </Text>
        <Textarea
          label={label}
          withAsterisk
          autosize
          minRows={3}
          maxLength={maxTextLength}
          value={text}
          onChange={(event) => setText(event.currentTarget.value)}
          error={feedback.errors[field]}
        />
        {feedback.failure && <ErrorAlert error={feedback.failure} />}
        <FormActions onCancel={onClose} loading={decide.isPending} submitLabel={submitLabel} />
      </Stack>
    </form>
  )
}

/** The day the client paid: today by default, never in the future (the API also refuses a day before the approval). */
function PaidForm({ invoice, onClose }: FormProps) {
  const { t } = useTranslation()
  const decide = useInvoiceDecision(invoice)
  const done = useDone(invoice, onClose)
  const [paidOn, setPaidOn] = useState(() => calendarDay())
  const feedback = useFormFeedback(['paidOn'])

  function submit(event: FormEvent) {
    event.preventDefault()
    const missing: Record<string, string> = {}
    if (paidOn === '') missing.paidOn = t('validation.required')
    else if (paidOn > calendarDay()) missing.paidOn = t('validation.notFuture')
    if (!feedback.check(missing)) return
    decide.mutate({ action: 'paid', paidOn }, { onSuccess: () => done('paid'), onError: feedback.fail })
  }

  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <Text size="sm" c="dimmed">
          {t('invoices.dialogHelp.markPaid')}
        </Text>
        <DateField
          label={t('invoices.paidOnLabel')}
          withAsterisk
          value={paidOn}
          onChange={setPaidOn}
          error={feedback.errors.paidOn}
        />
        {feedback.failure && <ErrorAlert error={feedback.failure} />}
        <FormActions onCancel={onClose} loading={decide.isPending} submitLabel={t('invoices.actionNames.markPaid')} />
      </Stack>
    </form>
  )
}

function DialogForm({ invoice, current, onClose }: FormProps & { current: InvoiceDialog }) {
  const { t } = useTranslation()
  switch (current.action) {
    case 'approve':
      return <ApproveForm invoice={invoice} onClose={onClose} />
    case 'markPaid':
      return <PaidForm invoice={invoice} onClose={onClose} />
    case 'dispute':
      return (
        <TextForm
          invoice={invoice}
          onClose={onClose}
          field="message"
          label={t('invoices.message')}
          help={t('invoices.dialogHelp.dispute')}
          submitLabel={t('invoices.actionNames.dispute')}
          decision={(message) => ({ action: 'dispute', message })}
        />
      )
    case 'clearDuplicate': {
      const otherId = current.discrepancy.duplicateOf ?? ''
      return (
        <TextForm
          invoice={invoice}
          onClose={onClose}
          field="reason"
          label={t('invoices.reason')}
          help={t('invoices.dialogHelp.clearDuplicate')}
          submitLabel={t('invoices.actionNames.clearDuplicate')}
          decision={(reason) => ({ action: 'clearDuplicate', otherId, reason })}
        />
      )
    }
  }
}

/**
 * The client's contract manager's decisions on an invoice: approve it (a reason for each blocking discrepancy),
 * dispute it (a message to the provider), clear a duplicate that is none (a reason), record its payment (a day).
 * The invoice shown becomes the one the API answers; a refusal (a decision taken meanwhile) is shown in its words.
 */
export function InvoiceDecisionDialog({ invoice, current, onClose }: { invoice: Invoice; current: InvoiceDialog | null; onClose: () => void }) {
  const { t } = useTranslation()
  const name = useDiscrepancyName()
  const title =
    current === null
      ? ''
      : current.action === 'clearDuplicate'
        ? t('invoices.dialogTitles.clearDuplicate', { name: name(current.discrepancy) })
        : t(`invoices.dialogTitles.${current.action}`, { number: invoice.number })
  return (
    <FormModal opened={current !== null} onClose={onClose} title={title} size="lg">
      {current && <DialogForm invoice={invoice} current={current} onClose={onClose} />}
    </FormModal>
  )
}
