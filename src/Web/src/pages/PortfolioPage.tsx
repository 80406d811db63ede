import { Anchor, EmptyState, Group, Stack, Table, Text, Title } from '@mantine/core'
import { IconChartBar } from '@tabler/icons-react'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { NoticeDeadline } from '../components/contracts/NoticeDeadline'
import { PhaseBadge } from '../components/contracts/Phase'
import { ExportButtons } from '../components/ExportButtons'
import { DeskLoadSection } from '../components/portfolio/DeskLoad'
import { BreachesFigure, Figure, RateAndBreachesCells, SuccessRateFigure } from '../components/portfolio/Figure'
import { MonthField } from '../components/MonthField'
import { ListCard, ResponsiveList } from '../components/ResponsiveList'
import { SortHeader } from '../components/SortHeader'
import { QueryStates } from '../components/States'
import { useFormatAmount, useFormatMonth, useFormatQuantity } from '../format'
import { useContracts } from '../hooks/contracts'
import { exportFormats } from '../hooks/reporting'
import {
  dashboardUrl,
  portfolioExportUrl,
  portfolioSorts,
  usePortfolio,
  type PortfolioQuery,
  type PortfolioRow,
  type PortfolioSort,
} from '../hooks/portfolio'
import { useUser } from '../hooks/session'
import { useOtherParty } from '../hooks/useOtherParty'
import { changed, useViewParams, type ViewChange } from '../hooks/useViewParams'
import { isMonth, nextSort, portfolioQueryOf } from '../portfolioRules'

function PortfolioSortHeader({ column, query, onSort, align }: { column: PortfolioSort; query: PortfolioQuery; onSort: (column: PortfolioSort) => void; align?: 'right' }) {
  const { t } = useTranslation()
  return (
    <SortHeader label={t(`portfolio.columns.${column}`)} active={query.sort === column} order={query.order} onSort={() => onSort(column)} align={align} />
  )
}

function PortfolioTable({ rows, query, onSort }: { rows: PortfolioRow[]; query: PortfolioQuery; onSort: (column: PortfolioSort) => void }) {
  const { t } = useTranslation()
  const user = useUser()
  const contracts = useContracts()
  const otherParty = useOtherParty()
  const formatAmount = useFormatAmount()
  const formatQuantity = useFormatQuantity()
  const client = user.organisation.kind === 'client'
  const titleOf = (contractId: string) => contracts.data?.find((contract) => contract.id === contractId)?.title
  const header = (column: PortfolioSort, align?: 'right') => <PortfolioSortHeader column={column} query={query} onSort={onSort} align={align} />
  const otherPartyLabel = client ? t('portfolio.columns.provider') : t('portfolio.columns.client')
  const contract = (row: PortfolioRow) => (
    <>
      <Anchor component={Link} to={dashboardUrl(row.contractId)} fw={600} style={{ whiteSpace: 'nowrap' }}>
        {row.reference}
      </Anchor>
      {titleOf(row.contractId) && (
        <Text size="xs" c="dimmed">
          {titleOf(row.contractId)}
        </Text>
      )}
    </>
  )
  const party = (row: PortfolioRow) =>
    otherParty.nameOf({ tenantId: row.clientId, providerOrganisationId: row.providerOrganisationId }) ?? (
      <Text span c="dimmed">
        {t('common.unknown')}
      </Text>
    )
  const backlog = (row: PortfolioRow) => <Figure trend={row.trends.backlog}>{row.backlog}</Figure>
  const satisfaction = (row: PortfolioRow) => (
    <Figure trend={row.trends.satisfaction}>
      {row.satisfactionMean === null
        ? t('portfolio.none')
        : t('portfolio.satisfaction', { mean: formatQuantity(row.satisfactionMean), count: row.satisfactionAnswers })}
    </Figure>
  )
  const penalties = (row: PortfolioRow) => (
    <Figure status={row.penaltiesStatus} trend={row.trends.penaltiesDue}>
      {row.penaltiesDue === null ? t('portfolio.notIssued') : formatAmount(row.penaltiesDue)}
    </Figure>
  )
  const invoiced = (row: PortfolioRow) => (
    <Figure status={row.invoicingStatus} trend={row.trends.invoiced}>
      {formatAmount(row.invoiced)}
    </Figure>
  )
  const budget = (row: PortfolioRow) =>
    row.budget && (
      <Figure status={row.budget.status}>
        {row.budget.plannedToDate == null
          ? t('portfolio.notPlanned')
          : t('portfolio.spendOfBudget', { spent: formatAmount(row.budget.invoicedToDate), planned: formatAmount(row.budget.plannedToDate) })}
      </Figure>
    )
  const card = (row: PortfolioRow) => (
    <ListCard
      title={contract(row)}
      badges={<PhaseBadge phase={row.phase} />}
      details={[
        { label: otherPartyLabel, value: party(row) },
        { label: t('portfolio.columns.successRate'), value: <SuccessRateFigure row={row} /> },
        { label: t('portfolio.columns.breaches'), value: <BreachesFigure row={row} /> },
        { label: t('portfolio.columns.backlog'), value: backlog(row) },
        { label: t('portfolio.columns.satisfaction'), value: satisfaction(row) },
        { label: t('portfolio.columns.penaltiesDue'), value: penalties(row) },
        { label: t('portfolio.columns.invoiced'), value: invoiced(row) },
        ...(client && row.budget ? [{ label: t('portfolio.columns.budget'), value: budget(row) }] : []),
        { label: t('portfolio.columns.noticeDeadline'), value: <NoticeDeadline date={row.noticeDeadline} /> },
      ]}
    />
  )
  const table = (
    <Table.ScrollContainer minWidth={1100}>
      <Table striped highlightOnHover verticalSpacing="sm" aria-label={t('portfolio.caption')}>
        <Table.Thead>
          <Table.Tr>
            {header('reference')}
            <Table.Th>{otherPartyLabel}</Table.Th>
            {header('phase')}
            {header('successRate', 'right')}
            {header('breaches', 'right')}
            {header('backlog', 'right')}
            {header('satisfaction', 'right')}
            {header('penaltiesDue', 'right')}
            {header('invoiced', 'right')}
            {client && <Table.Th style={{ textAlign: 'right' }}>{t('portfolio.columns.budget')}</Table.Th>}
            {header('noticeDeadline')}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((row) => (
            <Table.Tr key={row.contractId}>
              <Table.Td>{contract(row)}</Table.Td>
              <Table.Td>{party(row)}</Table.Td>
              <Table.Td>
                <PhaseBadge phase={row.phase} />
              </Table.Td>
              <RateAndBreachesCells row={row} />
              <Table.Td>{backlog(row)}</Table.Td>
              <Table.Td>{satisfaction(row)}</Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>{penalties(row)}</Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>{invoiced(row)}</Table.Td>
              {client && <Table.Td style={{ whiteSpace: 'nowrap' }}>{budget(row)}</Table.Td>}
              <Table.Td>
                <NoticeDeadline date={row.noticeDeadline} />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  )
  return (
    <ResponsiveList
      items={rows}
      keyOf={(row) => row.contractId}
      label={t('portfolio.caption')}
      table={table}
      card={card}
      sort={{ columns: portfolioSorts.map((column) => ({ value: column, label: t(`portfolio.columns.${column}`) })), active: query.sort, order: query.order, onSort }}
    />
  )
}

/**
 * The caller's contracts side by side for a month: a client's whole portfolio, whatever the provider, or a provider's
 * contracts across its clients with its desk's load now.
 */
export function PortfolioPage() {
  const { t } = useTranslation()
  const user = useUser()
  const formatMonth = useFormatMonth()
  const [searchParams, setSearchParams] = useViewParams()
  const query = portfolioQueryOf(searchParams)
  const portfolio = usePortfolio(query)

  const update = (change: ViewChange<PortfolioQuery>) =>
    setSearchParams((latest) => {
      const merged = changed(portfolioQueryOf(latest), change)
      const params = new URLSearchParams()
      if (merged.month) params.set('month', merged.month)
      if (merged.sort !== 'reference') params.set('sort', merged.sort)
      if (merged.order !== 'asc') params.set('order', merged.order)
      return params
    })

  const sortOn = (column: PortfolioSort) => update((latest) => nextSort(latest, column))

  return (
    <Stack>
      <Group justify="space-between" align="flex-end">
        <Stack gap={2}>
          <Title order={1}>{t('portfolio.title')}</Title>
          {portfolio.data && (
            <Text c="dimmed" size="sm">
              {t(user.organisation.kind === 'client' ? 'portfolio.introClient' : 'portfolio.introProvider', { month: formatMonth(portfolio.data.month) })}
            </Text>
          )}
        </Stack>
        <Group align="flex-end">
          <MonthField
            label={t('portfolio.month')}
            w={200}
            value={query.month ?? portfolio.data?.month ?? ''}
            onChange={(value) => update({ month: isMonth(value) ? value : null })}
          />
          <ExportButtons
            label={t('portfolio.exports')}
            formats={exportFormats}
            hrefOf={(format) => portfolioExportUrl(query, format)}
            labelOf={(format) => t(`reporting.export.${format}`)}
          />
        </Group>
      </Group>

      <QueryStates query={portfolio}>
        {(page) => page.contracts.length === 0 ? (
          <EmptyState icon={<IconChartBar aria-hidden />} title={t('portfolio.emptyTitle')} description={t('portfolio.empty')} />
        ) : (
          <PortfolioTable rows={page.contracts} query={query} onSort={sortOn} />
        )}
      </QueryStates>

      {user.organisation.kind === 'provider' && <DeskLoadSection />}
    </Stack>
  )
}
