import { Radio, SimpleGrid, Stack, Text } from '@mantine/core'
import { notifications } from '@mantine/notifications'
import { useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { pathErrors } from '../../api'
import { isPlannedByMonth } from '../../budgetRules'
import { useFormatMonthName } from '../../format'
import { months, usePlanBudget, type BudgetPlan, type ContractBudget } from '../../hooks/budgets'
import { useFormFeedback } from '../../hooks/useFormFeedback'
import { FormActions } from '../FormActions'
import { NumberField } from '../NumberField'
import { ErrorAlert } from '../States'

type Mode = 'annual' | 'monthly'

const monthField = (month: number) => `monthly.${month}`
const fields = ['annual', ...months.map(monthField)]

/**
 * The client's plan for a year: one amount for the whole year, or an amount per month (months left empty plan
 * nothing). It starts from the plan in force; a 422 shows under the fields it names (`annual`, `monthly.3`).
 */
export function BudgetPlanForm({ current, onClose }: { current: ContractBudget; onClose: () => void }) {
  const { t } = useTranslation()
  const monthName = useFormatMonthName()
  const { budget } = current
  const plan = usePlanBudget(current.contractId, budget.year)
  const feedback = useFormFeedback(fields, pathErrors)
  const byMonth = isPlannedByMonth(budget)
  const [mode, setMode] = useState<Mode>(byMonth ? 'monthly' : 'annual')
  const [annual, setAnnual] = useState(byMonth ? Number.NaN : (budget.planned ?? Number.NaN))
  const [monthly, setMonthly] = useState<number[]>(() => months.map((month) => budget.months.find((line) => line.month === month)?.planned ?? Number.NaN))

  function submit(event: FormEvent) {
    event.preventDefault()
    const entered = months.filter((month) => Number.isFinite(monthly[month - 1]))
    const missing: Record<string, string> =
      mode === 'annual'
        ? Number.isFinite(annual) ? {} : { annual: t('validation.required') }
        : entered.length > 0 ? {} : { [monthField(1)]: t('budgets.plan.someMonth') }
    if (!feedback.check(missing)) return
    const request: BudgetPlan =
      mode === 'annual' ? { annual } : { monthly: Object.fromEntries(entered.map((month) => [String(month), monthly[month - 1]!])) }
    plan.mutate(request, {
      onSuccess: () => {
        notifications.show({ color: 'teal', message: t('budgets.plan.done', { reference: current.reference, year: budget.year }) })
        onClose()
      },
      onError: feedback.fail,
    })
  }

  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <Text size="sm" c="dimmed">
          {t('budgets.plan.help')}
        </Text>
        <Radio.Group label={t('budgets.plan.mode')} value={mode} onChange={(value) => setMode(value as Mode)}>
          <Stack gap="xs" mt="xs">
            <Radio value="annual" label={t('budgets.plan.annualMode')} />
            <Radio value="monthly" label={t('budgets.plan.monthlyMode')} />
          </Stack>
        </Radio.Group>
        {mode === 'annual' ? (
          <NumberField
            label={t('budgets.plan.annual', { year: budget.year })}
            withAsterisk
            min={0}
            decimalScale={2}
            hideControls
            suffix=" €"
            value={annual}
            onChange={setAnnual}
            error={feedback.errors.annual}
          />
        ) : (
          <SimpleGrid cols={{ base: 2, sm: 3 }} spacing="sm">
            {months.map((month) => (
              <NumberField
                key={month}
                label={monthName(month)}
                min={0}
                decimalScale={2}
                hideControls
                suffix=" €"
                value={monthly[month - 1]!}
                onChange={(value) => setMonthly((previous) => previous.map((amount, index) => (index === month - 1 ? value : amount)))}
                error={feedback.errors[monthField(month)]}
              />
            ))}
          </SimpleGrid>
        )}
        {feedback.failure && <ErrorAlert error={feedback.failure} />}
        <FormActions onCancel={onClose} loading={plan.isPending} submitLabel={t('budgets.plan.submit')} />
      </Stack>
    </form>
  )
}
