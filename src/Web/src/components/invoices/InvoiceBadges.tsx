import { Badge } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import { useFormatAmount } from '../../format'
import type { ControlOutcome, InvoiceStatus } from '../../hooks/invoices'

const statusColor: Record<InvoiceStatus, string> = {
  received: 'gray',
  controlled: 'blue',
  approved: 'teal',
  disputed: 'red',
  answered: 'grape',
  replaced: 'gray',
  paid: 'green',
}

/**
 * An invoice's status. On its page (`announced`) the badge is a live status named "Status: Disputed", so that a
 * change is read out and a test finds it apart from the history's statuses.
 */
export function InvoiceStatusBadge({ status, announced = false }: { status: InvoiceStatus; announced?: boolean }) {
  const { t } = useTranslation()
  const label = t(`invoices.statuses.${status}`)
  return (
    <Badge color={statusColor[status] ?? 'gray'} role={announced ? 'status' : undefined} aria-label={announced ? t('invoices.statusIs', { status: label }) : undefined}>
      {label}
    </Badge>
  )
}

/** Compliant (nothing blocks), or how many discrepancies the control found and what the blocking ones put at stake. */
export function ControlResultBadge({ result, count, atStake }: { result: ControlOutcome | null; count: number; atStake: number }) {
  const { t } = useTranslation()
  const formatAmount = useFormatAmount()
  if (result == null) {
    return (
      <Badge color="gray" variant="outline">
        {t('invoices.results.notControlled')}
      </Badge>
    )
  }
  if (result === 'compliant') {
    return (
      <Badge color="teal" variant="light">
        {t('invoices.results.compliant')}
      </Badge>
    )
  }
  return (
    <Badge color="orange" variant="light" style={{ textTransform: 'none' }}>
      {t('invoices.results.discrepancies', { count, amount: formatAmount(atStake) })}
    </Badge>
  )
}
