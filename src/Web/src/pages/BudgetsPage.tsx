import { Anchor, Badge, EmptyState, Group, Stack, Table, Text, Title } from '@mantine/core'
import { IconCoin } from '@tabler/icons-react'
import { useTranslation } from 'react-i18next'
import { Link, useSearchParams } from 'react-router'
import { budgetYearOf } from '../budgetRules'
import { BudgetYearSelect } from '../components/budgets/BudgetYearSelect'
import { ListStates } from '../components/States'
import { useFormatAmount } from '../format'
import { budgetTabUrl, useBudgets, type ContractBudget } from '../hooks/budgets'

function BudgetRow({ item }: { item: ContractBudget }) {
  const { t } = useTranslation()
  const formatAmount = useFormatAmount()
  const { budget } = item
  const orNone = (amount: number | null | undefined) =>
    amount === null || amount === undefined ? (
      <Text span c="dimmed" size="sm">
        {t('budgets.notPlanned')}
      </Text>
    ) : (
      formatAmount(amount)
    )
  return (
    <Table.Tr>
      <Table.Td style={{ whiteSpace: 'nowrap' }}>
        <Anchor component={Link} to={budgetTabUrl(item.contractId, budget.year)} fw={600}>
          {item.reference}
        </Anchor>
      </Table.Td>
      <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
        {orNone(budget.planned)}
      </Table.Td>
      <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
        {formatAmount(budget.invoiced)}
      </Table.Td>
      <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
        {formatAmount(budget.committed)}
      </Table.Td>
      <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
        {orNone(budget.remaining)}
      </Table.Td>
      <Table.Td>
        {budget.overrun && (
          <Badge color="red" variant="light">
            {t('budgets.overrunBadge')}
          </Badge>
        )}
      </Table.Td>
    </Table.Tr>
  )
}

/** Budgets: the year's budget of every contract of the client, each opening its contract's budget tab at that year. */
export function BudgetsPage() {
  const { t } = useTranslation()
  const [searchParams, setSearchParams] = useSearchParams()
  const year = budgetYearOf(searchParams.get('year'))
  const budgets = useBudgets(year)

  return (
    <Stack>
      <Group justify="space-between" align="flex-end">
        <Stack gap={4}>
          <Title order={1}>{t('budgets.title')}</Title>
          <Text size="sm" c="dimmed" maw={720}>
            {t('budgets.pageIntro')}
          </Text>
        </Stack>
        <BudgetYearSelect year={year} onChange={(next) => setSearchParams({ year: String(next) }, { replace: true })} />
      </Group>
      <ListStates
        query={budgets}
        empty={<EmptyState icon={<IconCoin aria-hidden />} title={t('budgets.emptyTitle')} description={t('budgets.empty')} />}
      >
        {(items) => (
          <Table.ScrollContainer minWidth={760}>
            <Table aria-label={t('budgets.list', { year })} striped highlightOnHover verticalSpacing="sm">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('contracts.reference')}</Table.Th>
                  <Table.Th ta="right">{t('budgets.planned')}</Table.Th>
                  <Table.Th ta="right">{t('budgets.invoiced')}</Table.Th>
                  <Table.Th ta="right">{t('budgets.committed')}</Table.Th>
                  <Table.Th ta="right">{t('budgets.remaining')}</Table.Th>
                  <Table.Th>{t('budgets.alert')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {items.map((item) => (
                  <BudgetRow key={item.contractId} item={item} />
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </ListStates>
    </Stack>
  )
}
