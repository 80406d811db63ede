import { Text } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import { useFormatAmount } from '../../format'

/** A contract's monthly fee, or that it is not set: a new draft has none until the contract manager enters it. */
export function MonthlyFee({ amount }: { amount: number | null | undefined }) {
  const { t } = useTranslation()
  const formatAmount = useFormatAmount()
  return amount == null ? (
    <Text span c="dimmed">
      {t('contracts.notSet')}
    </Text>
  ) : (
    formatAmount(amount)
  )
}
