import { Badge, Button, Card, EmptyState, Group, NativeSelect, SegmentedControl, Stack, Table, Text, Title } from '@mantine/core'
import { notifications } from '@mantine/notifications'
import { IconGitCompare } from '@tabler/icons-react'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { ContractPermissions } from '../../contractRules'
import { useFormatDate, useFormatDateTime, useFormattingLocale } from '../../format'
import {
  useCompareVersions,
  useVersion,
  useVersionAction,
  type ContractDetail,
  type VersionAction,
  type VersionStatus,
  type VersionSummary,
} from '../../hooks/contracts'
import { describeTermsChange } from '../../termsFields'
import { useNarrowScreen } from '../../hooks/useNarrowScreen'
import { useViewParams } from '../../hooks/useViewParams'
import { ChangesTable } from '../ChangesTable'
import { ConfirmDialog } from '../ConfirmDialog'
import { ErrorAlert, Loading } from '../States'
import { PricesInForce } from './PricesInForce'
import { TermsEditor } from './TermsEditor'
import { TermsView } from './TermsView'

const statusColor: Record<VersionStatus, string> = {
  draft: 'gray',
  proposed: 'yellow',
  active: 'teal',
  scheduled: 'blue',
  superseded: 'gray',
  withdrawn: 'red',
}

export function VersionStatusBadge({ status }: { status: VersionStatus }) {
  const { t } = useTranslation()
  return <Badge color={statusColor[status]}>{t(`versions.statuses.${status}`)}</Badge>
}

/** The version shown first: the one being drafted for whoever may edit it, else the one in force, else the latest. */
function defaultVersion(contract: ContractDetail, permissions: ContractPermissions): number | null {
  const draft = contract.versions.find((version) => version.status === 'draft')
  if (draft && permissions.editTerms) return draft.number
  if (contract.currentVersion != null) return contract.currentVersion
  return contract.versions.reduce<number | null>((latest, version) => Math.max(latest ?? 0, version.number), null)
}

function VersionsTable({ versions, selected, onSelect }: { versions: VersionSummary[]; selected: number | null; onSelect: (number: number) => void }) {
  const { t } = useTranslation()
  const formatDate = useFormatDate()
  const formatDateTime = useFormatDateTime()
  const who = (name?: string | null, at?: string | null) =>
    name ? (at ? t('contracts.byOn', { name, date: formatDateTime(at) }) : name) : <Text span c="dimmed">—</Text>
  return (
    <Table.ScrollContainer minWidth={900}>
      <Table verticalSpacing="xs" highlightOnHover>
        <Table.Caption>{t('versions.caption')}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('versions.version')}</Table.Th>
            <Table.Th>{t('versions.status')}</Table.Th>
            <Table.Th>{t('versions.origin')}</Table.Th>
            <Table.Th>{t('contracts.effectiveFrom')}</Table.Th>
            <Table.Th>{t('versions.proposedBy')}</Table.Th>
            <Table.Th>{t('versions.countersignedBy')}</Table.Th>
            <Table.Th>{t('contracts.reason')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {[...versions]
            .sort((a, b) => b.number - a.number)
            .map((version) => {
              const current = version.number === selected
              return (
                <Table.Tr key={version.number} bg={current ? 'var(--mantine-primary-color-light)' : undefined}>
                  <Table.Td>
                    <Button
                      size="compact-sm"
                      variant={current ? 'filled' : 'default'}
                      aria-pressed={current}
                      aria-label={t('versions.show', { number: version.number })}
                      onClick={() => onSelect(version.number)}
                    >
                      {t('contracts.versionNumber', { number: version.number })}
                    </Button>
                  </Table.Td>
                  <Table.Td>
                    <VersionStatusBadge status={version.status} />
                  </Table.Td>
                  <Table.Td>{t(`versions.origins.${version.origin}`)}</Table.Td>
                  <Table.Td>{version.effectiveFrom ? formatDate(version.effectiveFrom) : <Text span c="dimmed">—</Text>}</Table.Td>
                  <Table.Td>{who(version.proposedBy, version.proposedAt)}</Table.Td>
                  <Table.Td>{who(version.countersignedBy, version.countersignedAt)}</Table.Td>
                  <Table.Td>{version.reason ?? <Text span c="dimmed">—</Text>}</Table.Td>
                </Table.Tr>
              )
            })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  )
}

function VersionActions({ contract, version, permissions }: { contract: ContractDetail; version: VersionSummary; permissions: ContractPermissions }) {
  const { t } = useTranslation()
  const action = useVersionAction(contract.id)
  const [confirming, setConfirming] = useState<VersionAction | null>(null)
  const actions = permissions.versionActions(version)
  if (actions.length === 0) return null
  const key = confirming ?? 'propose'
  return (
    <Group gap="xs">
      {actions.map((name) => (
        <Button
          key={name}
          size="sm"
          variant={name === 'withdraw' ? 'light' : 'filled'}
          color={name === 'withdraw' ? 'red' : undefined}
          onClick={() => {
            action.reset()
            setConfirming(name)
          }}
        >
          {t(`versions.actions.${name}`)}
        </Button>
      ))}
      <ConfirmDialog
        opened={confirming !== null}
        title={t(`versions.confirmTitle.${key}`, { number: version.number })}
        message={t(`versions.confirmMessage.${key}`)}
        confirmLabel={t(`versions.actions.${key}`)}
        confirmColor={key === 'withdraw' ? 'red' : 'indigo'}
        pending={action.isPending}
        error={action.error}
        onConfirm={() =>
          action.mutate(
            { number: version.number, action: key },
            {
              onSuccess: () => {
                notifications.show({ color: 'teal', message: t(`versions.done.${key}`, { number: version.number }) })
                setConfirming(null)
              },
            },
          )
        }
        onClose={() => setConfirming(null)}
      />
    </Group>
  )
}

function VersionPanel({ contract, number, permissions }: { contract: ContractDetail; number: number; permissions: ContractPermissions }) {
  const { t } = useTranslation()
  const version = useVersion(contract.id, number)
  const summary = contract.versions.find((candidate) => candidate.number === number)
  if (version.isPending) return <Loading />
  if (version.isError) return <ErrorAlert error={version.error} onRetry={() => void version.refetch()} />
  const editable = permissions.editTerms && version.data.status === 'draft'
  return (
    <Stack>
      <Group justify="space-between">
        <Group gap="sm">
          <Title order={2} size="h3">
            {t('versions.termsOf', { number })}
          </Title>
          <VersionStatusBadge status={version.data.status} />
        </Group>
        {summary && <VersionActions contract={contract} version={summary} permissions={permissions} />}
      </Group>
      {editable ? <TermsEditor key={number} contractId={contract.id} version={version.data} /> : <TermsView terms={version.data.terms} />}
    </Stack>
  )
}

export function VersionCompare({ contract }: { contract: ContractDetail }) {
  const { t } = useTranslation()
  const locale = useFormattingLocale()
  const numbers = contract.versions.map((version) => version.number).sort((a, b) => a - b)
  const [from, setFrom] = useState<number>(numbers.at(-2) ?? numbers[0] ?? 1)
  const [to, setTo] = useState<number>(numbers.at(-1) ?? 1)
  const compare = useCompareVersions(contract.id, from, to)
  const options = numbers.map((number) => ({ value: String(number), label: t('contracts.versionNumber', { number }) }))
  return (
    <Card withBorder component="section" aria-labelledby="compare-title">
      <Stack>
        <Title order={2} size="h3" id="compare-title">
          {t('versions.compareTitle')}
        </Title>
        <Group align="flex-end">
          <NativeSelect label={t('versions.from')} value={String(from)} onChange={(event) => setFrom(Number(event.currentTarget.value))} data={options} />
          <NativeSelect label={t('versions.to')} value={String(to)} onChange={(event) => setTo(Number(event.currentTarget.value))} data={options} />
        </Group>
        {from === to ? (
          <Text c="dimmed">{t('versions.sameVersion')}</Text>
        ) : compare.isPending ? (
          <Loading />
        ) : compare.isError ? (
          <ErrorAlert error={compare.error} onRetry={() => void compare.refetch()} />
        ) : compare.data.length === 0 ? (
          <EmptyState icon={<IconGitCompare aria-hidden />} title={t('versions.noChangeTitle')} description={t('versions.noChange')} />
        ) : (
          <ChangesTable
            changes={compare.data}
            caption={t('versions.changesCaption', { from, to })}
            describe={(change) => describeTermsChange(change, t, locale)}
          />
        )}
      </Stack>
    </Card>
  )
}

/** Terms: every version with who proposed and countersigned it, one version's terms (editable while a draft), and a comparison. */
export function TermsTab({ contract, permissions }: { contract: ContractDetail; permissions: ContractPermissions }) {
  const narrow = useNarrowScreen()
  const { t } = useTranslation()
  const [searchParams, setSearchParams] = useViewParams()
  const requested = Number(searchParams.get('version'))
  const selected = contract.versions.some((version) => version.number === requested) ? requested : defaultVersion(contract, permissions)
  const view = searchParams.get('view') === 'compare' && contract.versions.length > 1 ? 'compare' : 'version'
  const set = (name: string, value: string | null) =>
    setSearchParams((latest) => {
      const next = new URLSearchParams(latest)
      if (value === null) next.delete(name)
      else next.set(name, value)
      return next
    })

  if (contract.versions.length === 0 || selected === null) return <Text c="dimmed">{t('versions.none')}</Text>
  return (
    <Stack>
      <PricesInForce contractId={contract.id} signed={contract.phase !== 'draft' && contract.currentVersion != null} />
      {contract.versions.length > 1 && (
        <SegmentedControl
          aria-label={t('versions.viewLabel')}
          value={view}
          onChange={(value) => set('view', value === 'compare' ? 'compare' : null)}
          data={[
            { value: 'version', label: t('versions.viewVersion') },
            { value: 'compare', label: t('versions.viewCompare') },
          ]}
          // Side by side, the two choices are wider than a phone.
          orientation={narrow ? 'vertical' : 'horizontal'}
          style={{ alignSelf: narrow ? 'stretch' : 'flex-start' }}
        />
      )}
      {view === 'compare' ? (
        <VersionCompare contract={contract} />
      ) : (
        <>
          <VersionsTable versions={contract.versions} selected={selected} onSelect={(number) => set('version', String(number))} />
          <VersionPanel contract={contract} number={selected} permissions={permissions} />
        </>
      )}
    </Stack>
  )
}
