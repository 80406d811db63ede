import { Anchor, Card, Group, SimpleGrid, Stack, Tabs, Text, Title } from '@mantine/core'
import { IconArrowLeft, IconTicket, IconUpload } from '@tabler/icons-react'
import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { Link, useParams, useSearchParams } from 'react-router'
import { readsBudgets } from '../budgetRules'
import { BudgetTab } from '../components/contracts/BudgetTab'
import { ContractActions } from '../components/contracts/ContractActions'
import { ContractAuditTab } from '../components/contracts/ContractAuditTab'
import { MonthlyFee } from '../components/contracts/MonthlyFee'
import { EvolutionsTab } from '../components/contracts/EvolutionsTab'
import { InventoryTab } from '../components/contracts/InventoryTab'
import { InvoicesTab } from '../components/contracts/InvoicesTab'
import { NoticeDeadline } from '../components/contracts/NoticeDeadline'
import { PhaseBadge, PhaseStepper } from '../components/contracts/Phase'
import { PhasesTab } from '../components/contracts/PhasesTab'
import { RequirementsTab } from '../components/contracts/RequirementsTab'
import { StatementsTab } from '../components/contracts/StatementsTab'
import { TermsTab } from '../components/contracts/TermsTab'
import { DashboardTab } from '../components/reporting/DashboardTab'
import { ReviewsTab } from '../components/reporting/ReviewsTab'
import { ItemStates } from '../components/States'
import { contractPermissions, reached } from '../contractRules'
import { useFormatAmount, useFormatDate, useFormatDateTime } from '../format'
import { useContract, type ContractDetail } from '../hooks/contracts'
import { useUser } from '../hooks/session'
import { useOtherParty } from '../hooks/useOtherParty'
import { canAuditContracts, canSteerContracts, canUseTickets, isClientManager } from '../roles'

const tabs = ['terms', 'requirements', 'inventory', 'phases', 'dashboard', 'reviews', 'evolutions', 'penalties', 'invoices', 'budget', 'audit'] as const
type Tab = (typeof tabs)[number]

function KeyFact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <Text component="dt" size="sm" c="dimmed">
        {label}
      </Text>
      <Text component="dd" m={0} fw={500}>
        {children}
      </Text>
    </div>
  )
}

function KeyFacts({ contract }: { contract: ContractDetail }) {
  const { t } = useTranslation()
  const formatDate = useFormatDate()
  const formatDateTime = useFormatDateTime()
  const formatAmount = useFormatAmount()
  const date = (value: string | null | undefined) =>
    value ? <time dateTime={value}>{formatDate(value)}</time> : <Text span c="dimmed">{t('contracts.notSet')}</Text>
  const decision = contract.renewal?.decision
  return (
    <Card withBorder component="section" aria-label={t('contracts.keyFacts')}>
      <SimpleGrid component="dl" cols={{ base: 2, md: 4 }} spacing="md" verticalSpacing="sm" m={0}>
        <KeyFact label={t('contracts.startDate')}>{date(contract.startDate)}</KeyFact>
        <KeyFact label={t('contracts.nextPeriodEnd')}>{date(contract.nextPeriodEnd)}</KeyFact>
        <KeyFact label={t('contracts.noticeDeadline')}>
          <NoticeDeadline date={contract.noticeDeadline} />
        </KeyFact>
        <KeyFact label={t('contracts.monthlyFee')}><MonthlyFee amount={contract.monthlyFee} /></KeyFact>
        <KeyFact label={t('contracts.currentVersion')}>
          {contract.currentVersion == null ? t('contracts.noVersionInForce') : t('contracts.versionNumber', { number: contract.currentVersion })}
        </KeyFact>
        {contract.signedAt && (
          <KeyFact label={t('contracts.signed')}>
            {contract.signedBy
              ? t('contracts.byOn', { name: contract.signedBy, date: formatDateTime(contract.signedAt) })
              : formatDateTime(contract.signedAt)}
          </KeyFact>
        )}
        {decision && (
          <KeyFact label={t('contracts.renewal.decisionFor', { date: formatDate(contract.renewal!.periodEnd) })}>
            {t(`contracts.renewal.decisions.${decision.decision}`)}
            {typeof decision.revisedMonthlyFee === 'number' && ` — ${formatAmount(decision.revisedMonthlyFee)}`}
          </KeyFact>
        )}
        {contract.handover && <KeyFact label={t('contracts.handover.label')}>{t(`contracts.handover.kinds.${contract.handover}`)}</KeyFact>}
        {contract.terminatesOn && <KeyFact label={t('contracts.terminatesOn')}>{date(contract.terminatesOn)}</KeyFact>}
        {contract.closedOn && <KeyFact label={t('contracts.closedOn')}>{date(contract.closedOn)}</KeyFact>}
      </SimpleGrid>
    </Card>
  )
}

/** Once signed, a contract has tickets; client managers bring the outgoing provider's history in while it runs. */
function TicketLinks({ contract }: { contract: ContractDetail }) {
  const { t } = useTranslation()
  const user = useUser()
  if (contract.phase === 'draft' || !canUseTickets(user)) return null
  const importable = isClientManager(user) && ticketImportPhases.includes(contract.phase)
  return (
    <Group gap="md">
      <Anchor component={Link} to={`/tickets?contract=${encodeURIComponent(contract.id)}`} size="sm">
        <Group gap={4} component="span">
          <IconTicket size={14} aria-hidden />
          {t('tickets.ofContract')}
        </Group>
      </Anchor>
      {importable && (
        <Anchor component={Link} to={`/contracts/${encodeURIComponent(contract.id)}/tickets/import`} size="sm">
          <Group gap={4} component="span">
            <IconUpload size={14} aria-hidden />
            {t('tickets.import.title')}
          </Group>
        </Anchor>
      )}
    </Group>
  )
}

const ticketImportPhases: readonly string[] = ['signed', 'takeover', 'upgrade', 'run']

function ContractView({ contract }: { contract: ContractDetail }) {
  const { t } = useTranslation()
  const user = useUser()
  const otherParty = useOtherParty()
  const [searchParams, setSearchParams] = useSearchParams()
  const permissions = contractPermissions(contract, user)
  // Penalty statements start with the run phase: before it there is no month to show. Invoices start with the
  // signature, and so does the budget, which is the client's alone. The dashboard and the reviews follow the signed
  // contract, for those who steer it on either side.
  const visibleTabs = tabs.filter(
    (tab) =>
      (tab !== 'audit' || canAuditContracts(user)) &&
      ((tab !== 'dashboard' && tab !== 'reviews') || (reached(contract, 'signed') && canSteerContracts(user))) &&
      (tab !== 'penalties' || reached(contract, 'run')) &&
      (tab !== 'invoices' || reached(contract, 'signed')) &&
      (tab !== 'budget' || (reached(contract, 'signed') && readsBudgets(user))),
  )
  const requested = searchParams.get('tab')
  const tab: Tab = visibleTabs.find((candidate) => candidate === requested) ?? 'terms'
  const partyName = otherParty.nameOf(contract) ?? t('common.unknown')

  return (
    <Stack>
      <Anchor component={Link} to="/contracts" size="sm">
        <Group gap={4} component="span">
          <IconArrowLeft size={14} aria-hidden />
          {t('contracts.backToList')}
        </Group>
      </Anchor>
      <Group justify="space-between" align="flex-start" gap="sm">
        <Stack gap={4} miw={0}>
          <Group gap="sm">
            <Title order={1}>{contract.reference}</Title>
            <PhaseBadge phase={contract.phase} />
          </Group>
          <Text size="lg">{contract.title}</Text>
          <Text c="dimmed" size="sm">
            {user.organisation.kind === 'client' ? t('contracts.providerIs', { name: partyName }) : t('contracts.clientIs', { name: partyName })}
          </Text>
          <TicketLinks contract={contract} />
        </Stack>
        <ContractActions contract={contract} />
      </Group>
      <PhaseStepper phase={contract.phase} skipped={contract.skippedPhases} />
      <KeyFacts contract={contract} />

      <Tabs
        value={tab}
        keepMounted={false}
        onChange={(value) => value && setSearchParams({ tab: value }, { replace: true })}
      >
        <Tabs.List>
          {visibleTabs.map((value) => (
            <Tabs.Tab key={value} value={value}>
              {t(`contracts.tabs.${value}`)}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        <Tabs.Panel value="terms" pt="md">
          <TermsTab contract={contract} permissions={permissions} />
        </Tabs.Panel>
        <Tabs.Panel value="requirements" pt="md">
          <RequirementsTab contract={contract} editable={permissions.editRequirements} />
        </Tabs.Panel>
        <Tabs.Panel value="inventory" pt="md">
          <InventoryTab contract={contract} editable={permissions.editInventory} />
        </Tabs.Panel>
        <Tabs.Panel value="phases" pt="md">
          <PhasesTab contract={contract} permissions={permissions} />
        </Tabs.Panel>
        {visibleTabs.includes('dashboard') && (
          <Tabs.Panel value="dashboard" pt="md">
            <DashboardTab contract={contract} />
          </Tabs.Panel>
        )}
        {visibleTabs.includes('reviews') && (
          <Tabs.Panel value="reviews" pt="md">
            <ReviewsTab contract={contract} />
          </Tabs.Panel>
        )}
        <Tabs.Panel value="evolutions" pt="md">
          <EvolutionsTab contract={contract} permissions={permissions} />
        </Tabs.Panel>
        {visibleTabs.includes('penalties') && (
          <Tabs.Panel value="penalties" pt="md">
            <StatementsTab contract={contract} />
          </Tabs.Panel>
        )}
        {visibleTabs.includes('invoices') && (
          <Tabs.Panel value="invoices" pt="md">
            <InvoicesTab contract={contract} />
          </Tabs.Panel>
        )}
        {visibleTabs.includes('budget') && (
          <Tabs.Panel value="budget" pt="md">
            <BudgetTab contract={contract} />
          </Tabs.Panel>
        )}
        {visibleTabs.includes('audit') && (
          <Tabs.Panel value="audit" pt="md">
            <ContractAuditTab contract={contract} />
          </Tabs.Panel>
        )}
      </Tabs>
    </Stack>
  )
}

export function ContractPage() {
  const { t } = useTranslation()
  const { contractId = '' } = useParams()
  return (
    <ItemStates
      query={useContract(contractId)}
      notFound={{ title: t('contracts.notFoundTitle'), text: t('contracts.notFound'), backTo: '/contracts', backLabel: t('contracts.backToList') }}
    >
      {(contract) => <ContractView contract={contract} />}
    </ItemStates>
  )
}
