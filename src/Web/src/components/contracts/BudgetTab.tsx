import { Button, Group, Skeleton, Stack, Text } from '@mantine/core'
import { IconCoin } from '@tabler/icons-react'
import { lazy, Suspense, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useSearchParams } from 'react-router'
import { budgetYearOf, plansBudgets } from '../../budgetRules'
import type { ContractDetail } from '../../hooks/contracts'
import { useContractBudget } from '../../hooks/budgets'
import { useUser } from '../../hooks/session'
import { BudgetMonths } from '../budgets/BudgetMonths'
import { BudgetPlanForm } from '../budgets/BudgetPlanForm'
import { BudgetTotals } from '../budgets/BudgetTotals'
import { BudgetYearSelect } from '../budgets/BudgetYearSelect'
import { FormModal } from '../FormModal'
import { ErrorAlert, Loading } from '../States'

// The charts library is loaded with the first budget shown, not with the application.
const BudgetChart = lazy(() => import('../budgets/BudgetChart').then((module) => ({ default: module.BudgetChart })))

/**
 * Budget: what the client plans to spend on the contract in a calendar year against what was invoiced and what the
 * fees still to come and the validated quotes commit, month by month, with the alert once they pass the plan. The
 * year is in the address (`?tab=budget&year=2026`); the client's managers plan it, its auditors read it.
 */
export function BudgetTab({ contract }: { contract: ContractDetail }) {
  const { t } = useTranslation()
  const user = useUser()
  const [searchParams, setSearchParams] = useSearchParams()
  const year = budgetYearOf(searchParams.get('year'))
  const budget = useContractBudget(contract.id, year)
  const [planning, setPlanning] = useState(false)
  const close = () => setPlanning(false)

  return (
    <Stack>
      <Group justify="space-between" align="flex-end">
        <Group align="flex-end">
          <BudgetYearSelect year={year} onChange={(next) => setSearchParams({ tab: 'budget', year: String(next) }, { replace: true })} />
          <Text size="sm" c="dimmed" maw={620}>
            {t('budgets.intro')}
          </Text>
        </Group>
        {plansBudgets(user) && budget.data && (
          <Button leftSection={<IconCoin size={16} aria-hidden />} onClick={() => setPlanning(true)}>
            {t('budgets.plan.open')}
          </Button>
        )}
      </Group>
      {budget.isPending ? (
        <Loading />
      ) : budget.isError ? (
        <ErrorAlert error={budget.error} onRetry={() => void budget.refetch()} />
      ) : (
        <>
          <BudgetTotals budget={budget.data.budget} />
          <Suspense fallback={<Skeleton h={280} />}>
            <BudgetChart budget={budget.data.budget} />
          </Suspense>
          <BudgetMonths budget={budget.data.budget} />
          <FormModal opened={planning} onClose={close} title={t('budgets.plan.title', { year: budget.data.budget.year })} size="lg">
            <BudgetPlanForm current={budget.data} onClose={close} />
          </FormModal>
        </>
      )}
    </Stack>
  )
}
