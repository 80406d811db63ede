import { Button, EmptyState, Group, NativeSelect, Stack, Table, Text, TextInput } from '@mantine/core'
import type { UseInfiniteQueryResult } from '@tanstack/react-query'
import { IconChevronDown, IconChevronRight, IconDownload, IconHistory } from '@tabler/icons-react'
import { Fragment, useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { ApiError, pathErrors } from '../api'
import { actionSentence, describeAuditChange } from '../auditText'
import { useFormatDateTime, useFormattingLocale } from '../format'
import { auditQuery, type AuditEntry, type AuditFilter } from '../hooks/audit'
import { ChangesTable } from './ChangesTable'
import { ErrorAlert, Loading } from './States'
import { DateField } from './DateField'

function AuditRow({ entry }: { entry: AuditEntry }) {
  const { t } = useTranslation()
  const locale = useFormattingLocale()
  const formatDateTime = useFormatDateTime()
  const [expanded, setExpanded] = useState(false)
  const detailsId = `audit-details-${entry.id}`
  return (
    <Fragment>
      <Table.Tr>
        <Table.Td>
          <Button
            size="compact-xs"
            variant="subtle"
            aria-expanded={expanded}
            aria-controls={expanded ? detailsId : undefined}
            leftSection={expanded ? <IconChevronDown size={14} aria-hidden /> : <IconChevronRight size={14} aria-hidden />}
            onClick={() => setExpanded((value) => !value)}
          >
            {expanded ? t('audit.hideDetails') : t('audit.showDetails')}
          </Button>
        </Table.Td>
        <Table.Td>
          <time dateTime={entry.occurredAt}>{formatDateTime(entry.occurredAt)}</time>
        </Table.Td>
        <Table.Td>{entry.actor}</Table.Td>
        <Table.Td>{actionSentence(entry.action, t)}</Table.Td>
        <Table.Td>{t(`audit.entities.${entry.entityType}`, { defaultValue: entry.entityType })}</Table.Td>
      </Table.Tr>
      {expanded && (
        <Table.Tr id={detailsId}>
          <Table.Td colSpan={5}>
            {entry.changes.length === 0 ? (
              <Text c="dimmed" size="sm">
                {t('audit.nothing')}
              </Text>
            ) : (
              <ChangesTable
                changes={entry.changes}
                caption={t('audit.changesCaption')}
                describe={(change) => describeAuditChange(change, entry.action, t, locale)}
              />
            )}
          </Table.Td>
        </Table.Tr>
      )}
    </Fragment>
  )
}

function FilterForm({ filter, actions, onFilter, errors }: { filter: AuditFilter; actions: string[]; onFilter: (filter: AuditFilter) => void; errors: Record<string, string> }) {
  const { t } = useTranslation()
  const [draft, setDraft] = useState<AuditFilter>(filter)
  const set = (name: keyof AuditFilter) => (event: { currentTarget: { value: string } }) => {
    const value = event.currentTarget.value
    setDraft((previous) => ({ ...previous, [name]: value }))
  }
  function submit(event: FormEvent) {
    event.preventDefault()
    onFilter(draft)
  }
  return (
    <form onSubmit={submit} aria-label={t('audit.filters')} noValidate>
      <Group align="flex-end" wrap="wrap">
        <TextInput label={t('audit.actorFilter')} value={draft.actor ?? ''} onChange={set('actor')} error={errors.actor} />
        <NativeSelect
          label={t('audit.actionFilter')}
          value={draft.action ?? ''}
          onChange={set('action')}
          error={errors.action}
          data={[{ value: '', label: t('audit.anyAction') }, ...actions.map((code) => ({ value: code, label: actionSentence(code, t) }))]}
        />
        <DateField label={t('audit.from')} value={draft.from ?? ''} onChange={(value) => setDraft((previous) => ({ ...previous, from: value }))} error={errors.from} />
        <DateField label={t('audit.to')} value={draft.to ?? ''} onChange={(value) => setDraft((previous) => ({ ...previous, to: value }))} error={errors.to} />
        <Button type="submit">{t('audit.apply')}</Button>
        <Button
          variant="default"
          onClick={() => {
            setDraft({})
            onFilter({})
          }}
        >
          {t('audit.clear')}
        </Button>
      </Group>
    </form>
  )
}

interface Props {
  query: UseInfiniteQueryResult
  entries: AuditEntry[]
  emptyDescription: string
  /** The codes the trail records, offered in the action filter. */
  actions: string[]
  filter: AuditFilter
  onFilter: (filter: AuditFilter) => void
  /** Where the filtered trail is downloaded as CSV (its query string is added). */
  exportPath: string
}

/**
 * An audit trail, newest first, loaded page by page: who did what and when, as sentences, and on demand the
 * fields the change touched with their values before and after; filtered by who, what and when, and exported.
 */
export function AuditTrail({ query, entries, emptyDescription, actions, filter, onFilter, exportPath }: Props) {
  const { t } = useTranslation()
  // A refused filter is answered 422 naming its field: shown on that field rather than as a failure of the trail.
  const fieldErrors = query.error instanceof ApiError && query.error.status === 422 ? pathErrors(query.error.problem) : {}
  const filtered = Object.keys(fieldErrors).length > 0
  const search = auditQuery(filter).toString()
  return (
    <Stack>
      <FilterForm filter={filter} actions={actions} onFilter={onFilter} errors={fieldErrors} />
      <Group justify="flex-end">
        <Button component="a" variant="default" size="xs" leftSection={<IconDownload size={14} aria-hidden />} href={search ? `${exportPath}?${search}` : exportPath}>
          {t('audit.export')}
        </Button>
      </Group>
      {query.isPending && <Loading />}
      {query.isError && !query.isFetchNextPageError && !filtered && <ErrorAlert error={query.error} onRetry={() => void query.refetch()} />}
      {query.isSuccess && entries.length === 0 && (
        <EmptyState icon={<IconHistory aria-hidden />} title={t('audit.emptyTitle')} description={emptyDescription} />
      )}
      {entries.length > 0 && (
        <Table.ScrollContainer minWidth={800}>
          <Table verticalSpacing="xs">
            <Table.Caption>{t('audit.caption')}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('audit.details')}</Table.Th>
                <Table.Th>{t('audit.date')}</Table.Th>
                <Table.Th>{t('audit.actor')}</Table.Th>
                <Table.Th>{t('audit.action')}</Table.Th>
                <Table.Th>{t('audit.entity')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {entries.map((entry) => (
                <AuditRow key={entry.id} entry={entry} />
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {query.isFetchNextPageError && <ErrorAlert error={query.error} onRetry={() => void query.fetchNextPage()} />}
      {query.hasNextPage && (
        <Group justify="center">
          <Button variant="default" loading={query.isFetchingNextPage} onClick={() => void query.fetchNextPage()}>
            {t('audit.loadMore')}
          </Button>
        </Group>
      )}
    </Stack>
  )
}
