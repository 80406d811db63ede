import { EmptyState, Stack, Text } from '@mantine/core'
import { IconReceipt } from '@tabler/icons-react'
import { useTranslation } from 'react-i18next'
import { useSearchParams } from 'react-router'
import type { ContractDetail } from '../../hooks/contracts'
import { useStatements } from '../../hooks/statements'
import { selectedMonth } from '../../statementRules'
import { ListStates } from '../States'
import { StatementMonths } from './StatementMonths'
import { StatementPanel } from './StatementPanel'

/**
 * Penalties: the contract's monthly statements, and the one of the month in the address (`&month=2026-05`), last
 * month by default.
 */
export function StatementsTab({ contract }: { contract: ContractDetail }) {
  const { t } = useTranslation()
  const statements = useStatements(contract.id)
  const [searchParams, setSearchParams] = useSearchParams()
  const select = (month: string) =>
    setSearchParams(
      (previous) => {
        const next = new URLSearchParams(previous)
        next.set('month', month)
        return next
      },
      { replace: true },
    )

  return (
    <Stack>
      <Text size="sm" c="dimmed">
        {t('statements.intro')}
      </Text>
      <ListStates
        query={statements}
        empty={<EmptyState icon={<IconReceipt aria-hidden />} title={t('statements.emptyTitle')} description={t('statements.empty')} />}
      >
        {(months) => {
          const month = selectedMonth(months, searchParams.get('month'))
          return (
            <>
              <StatementMonths months={months} selected={month} onSelect={select} />
              {month && <StatementPanel key={month} contractId={contract.id} month={month} />}
            </>
          )
        }}
      </ListStates>
    </Stack>
  )
}
