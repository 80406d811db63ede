import { useTranslation } from 'react-i18next'
import { useFormatAmount, useFormatQuantity } from '../format'
import { discrepancyRank } from '../invoiceRules'
import type { Discrepancy } from './invoices'

/**
 * A discrepancy's name, as its row and the buttons and fields about it are named: its rule and its line ("Penalty
 * credit — line 3"), the rule alone for the whole invoice ("Penalty credit"), numbered when the rule finds more than
 * one at the same place ("Arithmetic (2)").
 */
export function useDiscrepancyName() {
  const { t } = useTranslation()
  return (discrepancy: Pick<Discrepancy, 'key' | 'code' | 'line'>) => {
    const code = t(`invoices.codes.${discrepancy.code}`, { defaultValue: discrepancy.code })
    const name = discrepancy.line == null ? t('invoices.discrepancyName.whole', { code }) : t('invoices.discrepancyName.line', { code, line: discrepancy.line })
    const rank = discrepancyRank(discrepancy)
    return rank === 1 ? name : t('invoices.discrepancyName.ranked', { name, rank })
  }
}

/** A figure a discrepancy compares: units for a volume, an amount in the invoice's currency for every other rule. */
export function useDiscrepancyFigure(currency: string) {
  const formatAmount = useFormatAmount()
  const formatQuantity = useFormatQuantity()
  return (discrepancy: Pick<Discrepancy, 'code'>, value: number) => (discrepancy.code === 'volume' ? formatQuantity(value) : formatAmount(value, currency))
}
