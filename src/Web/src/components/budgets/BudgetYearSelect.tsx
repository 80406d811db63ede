import { NativeSelect } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import { budgetYearChoices } from '../../budgetRules'

/** The calendar year a budget is read for; the choice goes into the address so that it survives a reload. */
export function BudgetYearSelect({ year, onChange }: { year: number; onChange: (year: number) => void }) {
  const { t } = useTranslation()
  return (
    <NativeSelect
      label={t('budgets.year')}
      w={120}
      value={String(year)}
      data={budgetYearChoices(year).map(String)}
      onChange={(event) => onChange(Number(event.currentTarget.value))}
    />
  )
}
