import { Anchor, Button, EmptyState, Group, NativeSelect, Stack, Table, Text, TextInput, Title } from '@mantine/core'
import { IconFileText, IconPlus } from '@tabler/icons-react'
import { useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { Link, useNavigate } from 'react-router'
import { FormActions } from '../components/FormActions'
import { FormModal } from '../components/FormModal'
import { ListCard, ResponsiveList } from '../components/ResponsiveList'
import { SearchBox } from '../components/SearchBox'
import { SortHeader } from '../components/SortHeader'
import { MonthlyFee } from '../components/contracts/MonthlyFee'
import { NoticeDeadline } from '../components/contracts/NoticeDeadline'
import { PhaseBadge } from '../components/contracts/Phase'
import { ErrorAlert, ListStates } from '../components/States'
import { contractSearchOf, contractViewOf, nextContractSort } from '../contractRules'
import { useContractList, useCreateContract, type ContractListView, type ContractSort, type ContractSummary } from '../hooks/contracts'
import { useProviders } from '../hooks/organisations'
import { useUser } from '../hooks/session'
import { useDraft, useKeptDraft } from '../hooks/useDraft'
import { useFormFeedback } from '../hooks/useFormFeedback'
import { useOtherParty } from '../hooks/useOtherParty'
import { changed, useViewParams, type ViewChange } from '../hooks/useViewParams'
import { isClientManager } from '../roles'

const newContractForm = 'new-contract'

function CreateContractForm({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation()
  const navigate = useNavigate()
  const create = useCreateContract()
  const providers = useProviders(true)
  const draft = useDraft(newContractForm, () => ({ reference: '', title: '', provider: '' }))
  const { reference, title, provider } = draft.value
  const feedback = useFormFeedback(['reference', 'title', 'providerOrganisationId'])

  function submit(event: FormEvent) {
    event.preventDefault()
    const missing: Record<string, string> = {}
    if (reference.trim() === '') missing.reference = t('validation.required')
    if (title.trim() === '') missing.title = t('validation.required')
    if (provider === '') missing.providerOrganisationId = t('validation.required')
    if (!feedback.check(missing)) return
    create.mutate(
      { reference: reference.trim(), title: title.trim(), providerOrganisationId: provider },
      {
        onSuccess: (contract) => {
          draft.saved()
          void navigate(`/contracts/${encodeURIComponent(contract.id)}`)
        },
        onError: feedback.fail,
      },
    )
  }

  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <TextInput
          label={t('contracts.reference')}
          description={t('contracts.referenceHelp')}
          withAsterisk
          value={reference}
          onChange={(event) => draft.patch({ reference: event.currentTarget.value })}
          error={feedback.errors.reference}
        />
        <TextInput
          label={t('contracts.contractTitle')}
          withAsterisk
          value={title}
          onChange={(event) => draft.patch({ title: event.currentTarget.value })}
          error={feedback.errors.title}
        />
        {providers.isError ? (
          <ErrorAlert error={providers.error} onRetry={() => void providers.refetch()} />
        ) : (
          <NativeSelect
            label={t('contracts.provider')}
            withAsterisk
            value={provider}
            onChange={(event) => draft.patch({ provider: event.currentTarget.value })}
            error={feedback.errors.providerOrganisationId}
            disabled={providers.isPending}
            data={[
              { value: '', label: providers.isPending ? t('common.loading') : t('contracts.chooseProvider') },
              ...(providers.data ?? []).map((organisation) => ({ value: organisation.id, label: organisation.name })),
            ]}
          />
        )}
        <Text size="sm" c="dimmed">
          {t('contracts.createHelp')}
        </Text>
        {feedback.failure && <ErrorAlert error={feedback.failure} />}
        <FormActions onCancel={onClose} loading={create.isPending} submitLabel={t('contracts.createSubmit')} />
      </Stack>
    </form>
  )
}

export function ContractsPage() {
  const { t } = useTranslation()
  const user = useUser()
  // The view lives in the address: it can be bookmarked, shared, and gone back to.
  const [searchParams, setSearchParams] = useViewParams()
  const view = contractViewOf(searchParams)
  const setView = (change: ViewChange<ContractListView>) => setSearchParams((latest) => contractSearchOf(changed(contractViewOf(latest), change)))
  const contracts = useContractList(view)
  const otherParty = useOtherParty()
  // A contract being drafted when the session ended opens again with its text.
  const kept = useKeptDraft([newContractForm])
  const [creating, setCreating] = useState(kept !== null)
  const canCreate = isClientManager(user)
  const otherPartyLabel = user.organisation.kind === 'client' ? t('contracts.provider') : t('contracts.client')
  const partyOf = (contract: ContractSummary) =>
    otherParty.nameOf(contract) ?? (
      <Text span c="dimmed">
        {t('common.unknown')}
      </Text>
    )
  // The columns the list shows, each sorting it: the table's headers, or the choice above the cards.
  const sortLabels = {
    reference: t('contracts.reference'),
    title: t('contracts.contractTitle'),
    phase: t('contracts.phase'),
    monthlyFee: t('contracts.monthlyFee'),
    noticeDeadline: t('contracts.noticeDeadline'),
  } satisfies Partial<Record<ContractSort, string>>
  const header = (column: keyof typeof sortLabels, align?: 'right') => (
    <SortHeader
      label={sortLabels[column]}
      active={(view.sort ?? 'reference') === column}
      order={view.order ?? 'asc'}
      onSort={() => setView((latest) => nextContractSort(latest, column))}
      align={align}
    />
  )

  return (
    <Stack>
      <Group justify="space-between">
        <Title order={1}>{t('contracts.title')}</Title>
        {canCreate && (
          <Button leftSection={<IconPlus size={18} aria-hidden />} onClick={() => setCreating(true)}>
            {t('contracts.create')}
          </Button>
        )}
      </Group>

      <Group>
        <SearchBox
          label={t('contracts.search')}
          placeholder={t('contracts.searchPlaceholder')}
          value={view.q ?? ''}
          onSearch={(q) => setView({ q: q || undefined })}
        />
      </Group>

      <ListStates
        query={contracts}
        empty={
          view.q ? (
            <EmptyState icon={<IconFileText aria-hidden />} title={t('contracts.noMatch', { q: view.q })} />
          ) : (
            <EmptyState
              icon={<IconFileText aria-hidden />}
              title={t('contracts.emptyTitle')}
              description={canCreate ? t('contracts.emptyManager') : t('contracts.empty')}
            />
          )
        }
      >
        {(items) => (
          <ResponsiveList
            items={items}
            keyOf={(contract) => contract.id}
            label={t('contracts.caption')}
            sort={{
              columns: Object.entries(sortLabels).map(([column, label]) => ({ value: column as keyof typeof sortLabels, label })),
              active: view.sort ?? 'reference',
              order: view.order ?? 'asc',
              onSort: (column) => setView((latest) => nextContractSort(latest, column)),
            }}
            card={(contract) => (
              <ListCard
                title={
                  <>
                    <Anchor component={Link} to={`/contracts/${encodeURIComponent(contract.id)}`} fw={600}>
                      {contract.reference}
                    </Anchor>
                    <Text size="sm">{contract.title}</Text>
                  </>
                }
                badges={<PhaseBadge phase={contract.phase} />}
                details={[
                  { label: otherPartyLabel, value: partyOf(contract) },
                  { label: t('contracts.monthlyFee'), value: <MonthlyFee amount={contract.monthlyFee} /> },
                  { label: t('contracts.noticeDeadline'), value: <NoticeDeadline date={contract.noticeDeadline} /> },
                ]}
              />
            )}
            table={
              <Table.ScrollContainer minWidth={900}>
                <Table striped highlightOnHover verticalSpacing="sm">
                  <Table.Caption>{t('contracts.caption')}</Table.Caption>
                  <Table.Thead>
                    <Table.Tr>
                      {header('reference')}
                      {header('title')}
                      <Table.Th>{otherPartyLabel}</Table.Th>
                      {header('phase')}
                      {header('monthlyFee', 'right')}
                      {header('noticeDeadline')}
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {items.map((contract) => (
                      <Table.Tr key={contract.id}>
                        <Table.Td style={{ whiteSpace: 'nowrap' }}>
                          <Anchor component={Link} to={`/contracts/${encodeURIComponent(contract.id)}`} fw={600}>
                            {contract.reference}
                          </Anchor>
                        </Table.Td>
                        <Table.Td>{contract.title}</Table.Td>
                        <Table.Td>{partyOf(contract)}</Table.Td>
                        <Table.Td>
                          <PhaseBadge phase={contract.phase} />
                        </Table.Td>
                        <Table.Td style={{ textAlign: 'right', whiteSpace: 'nowrap' }}><MonthlyFee amount={contract.monthlyFee} /></Table.Td>
                        <Table.Td>
                          <NoticeDeadline date={contract.noticeDeadline} />
                        </Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
            }
          />
        )}
      </ListStates>

      <FormModal opened={creating} onClose={() => setCreating(false)} title={t('contracts.createTitle')}>
        <CreateContractForm onClose={() => setCreating(false)} />
      </FormModal>
    </Stack>
  )
}
