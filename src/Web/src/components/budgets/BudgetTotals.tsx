import { Alert, Card, SimpleGrid, Text } from '@mantine/core'
import { IconAlertTriangle } from '@tabler/icons-react'
import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { overrunAmount } from '../../budgetRules'
import { useFormatAmount } from '../../format'
import type { BudgetYear } from '../../hooks/budgets'

function Figure({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <Text component="dt" size="sm" c="dimmed">
        {label}
      </Text>
      <Text component="dd" m={0} fw={600} size="lg">
        {children}
      </Text>
    </div>
  )
}

/** The year's planned, invoiced, committed and remaining amounts, and the alert once invoiced + committed pass the plan. */
export function BudgetTotals({ budget }: { budget: BudgetYear }) {
  const { t } = useTranslation()
  const formatAmount = useFormatAmount()
  const orNone = (amount: number | null | undefined) =>
    amount === null || amount === undefined ? (
      <Text span c="dimmed" inherit>
        {t('budgets.notPlanned')}
      </Text>
    ) : (
      formatAmount(amount)
    )
  return (
    <>
      {budget.overrun && (
        <Alert role="alert" color="red" icon={<IconAlertTriangle aria-hidden />} title={t('budgets.overrunTitle')}>
          {t('budgets.overrun', { amount: formatAmount(overrunAmount(budget)) })}
        </Alert>
      )}
      <Card withBorder component="section" aria-label={t('budgets.totals')}>
        <SimpleGrid component="dl" cols={{ base: 2, md: 4 }} spacing="md" verticalSpacing="sm" m={0}>
          <Figure label={t('budgets.planned')}>{orNone(budget.planned)}</Figure>
          <Figure label={t('budgets.invoiced')}>{formatAmount(budget.invoiced)}</Figure>
          <Figure label={t('budgets.committed')}>{formatAmount(budget.committed)}</Figure>
          <Figure label={t('budgets.remaining')}>
            {budget.remaining === null || budget.remaining === undefined ? (
              orNone(budget.remaining)
            ) : (
              <Text span inherit c={budget.remaining < 0 ? 'red' : undefined}>
                {formatAmount(budget.remaining)}
              </Text>
            )}
          </Figure>
        </SimpleGrid>
      </Card>
    </>
  )
}
