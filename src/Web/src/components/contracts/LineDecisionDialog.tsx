import { Radio, Stack, Text, Textarea } from '@mantine/core'
import { notifications } from '@mantine/notifications'
import { useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { useFormatAmount, useFormatDateTime } from '../../format'
import { usePenaltyLineText, useStatementLineName } from '../../hooks/penaltyLineText'
import { useLineDecision, type LineAction, type LineDecisionRequest, type StatementLine } from '../../hooks/statements'
import { useFormFeedback } from '../../hooks/useFormFeedback'
import { FormActions } from '../FormActions'
import { FormModal } from '../FormModal'
import { ErrorAlert } from '../States'

/** What the Invoicing API keeps of a reason. */
const maxReasonLength = 2000

type Answer = 'upheld' | 'waived'

interface FormProps {
  contractId: string
  month: string
  line: StatementLine
  action: LineAction
  onClose: () => void
}

function LineDecisionForm({ contractId, month, line, action, onClose }: FormProps) {
  const { t } = useTranslation()
  const formatAmount = useFormatAmount()
  const formatDateTime = useFormatDateTime()
  const { describe } = usePenaltyLineText(formatDateTime)
  const lineName = useStatementLineName()
  const decide = useLineDecision(contractId, month)
  const [reason, setReason] = useState('')
  const [answer, setAnswer] = useState<Answer | null>(null)
  const feedback = useFormFeedback(['reason', 'decision'])

  function submit(event: FormEvent) {
    event.preventDefault()
    const missing: Record<string, string> = {}
    const given = reason.trim()
    if (given === '') missing.reason = t('validation.required')
    let request: LineDecisionRequest | null = null
    if (action !== 'answer') request = { action, reason: given }
    else if (answer !== null) request = { action, decision: answer, reason: given }
    else missing.decision = t('validation.choose')
    if (!feedback.check(missing) || request === null) return
    decide.mutate(
      { key: line.key, request },
      {
        onSuccess: () => {
          notifications.show({ color: 'teal', message: t(`statements.done.${action}`, { line: lineName(line) }) })
          onClose()
        },
        onError: feedback.fail,
      },
    )
  }

  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <Text size="sm">
          {describe(line.detail)} — {formatAmount(line.detail.amount)}
        </Text>
        <Text size="sm" c="dimmed">
          {t(`statements.dialogHelp.${action}`)}
        </Text>
        {action === 'answer' && line.decision?.contestReason && (
          <div>
            <Text size="sm" fw={600}>
              {t('statements.contestReason')}
            </Text>
            <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
              {line.decision.contestReason}
            </Text>
          </div>
        )}
        {action === 'answer' && (
          <Radio.Group label={t('statements.answer')} withAsterisk value={answer} onChange={(value) => setAnswer(value as Answer)} error={feedback.errors.decision}>
            <Stack gap="sm" mt="xs">
              {(['upheld', 'waived'] as const).map((value) => (
                <Radio key={value} value={value} label={t(`statements.answers.${value}`)} description={t(`statements.answersHelp.${value}`)} />
              ))}
            </Stack>
          </Radio.Group>
        )}
        <Textarea
          label={t('statements.reason')}
          withAsterisk
          autosize
          minRows={3}
          maxLength={maxReasonLength}
          value={reason}
          onChange={(event) => setReason(event.currentTarget.value)}
          error={feedback.errors.reason}
        />
        {feedback.failure && <ErrorAlert error={feedback.failure} />}
        <FormActions onCancel={onClose} loading={decide.isPending} submitLabel={t(`statements.actionNames.${action}`)} />
      </Stack>
    </form>
  )
}

/**
 * A decision on a line of a draft, with its required reason: the client's contract manager waives a line or answers
 * a contest (upheld or waived), the provider's account manager contests one. The statement shown becomes the one
 * the API answers, recomputed; a refusal (issued meanwhile, already decided) is shown in the problem's words.
 */
export function LineDecisionDialog({
  contractId,
  month,
  current,
  onClose,
}: {
  contractId: string
  month: string
  current: { line: StatementLine; action: LineAction } | null
  onClose: () => void
}) {
  const { t } = useTranslation()
  const lineName = useStatementLineName()
  return (
    <FormModal opened={current !== null} onClose={onClose} title={current ? t(`statements.dialogTitles.${current.action}`, { line: lineName(current.line) }) : ''} size="lg">
      {current && <LineDecisionForm contractId={contractId} month={month} line={current.line} action={current.action} onClose={onClose} />}
    </FormModal>
  )
}
