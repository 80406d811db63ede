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

export function InvoiceStatusBadge({ status }: { status: InvoiceStatus }) {
  const { t } = useTranslation()
  return <Badge color={statusColor[status] ?? 'gray'}>{t(`invoices.statuses.${status}`)}</Badge>
}

/** Compliant (nothing blocks), or how many discrepancies the control found and what the blocking ones put at stake. */
export function ControlResultBadge({ result, count, atStake }: { result: ControlOutcome | null; count: number; atStake: number }) {
  const { t } = useTranslation()
  const formatAmount = useFormatAmount()
  if (result === null) {
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
