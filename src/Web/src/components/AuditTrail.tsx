import { Button, EmptyState, Group, Stack, Table, Text } from '@mantine/core'
import type { UseInfiniteQueryResult } from '@tanstack/react-query'
import { IconChevronDown, IconChevronRight, IconHistory } from '@tabler/icons-react'
import { Fragment, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { changedLeaves } from '../diff'
import { useFormatDateTime } from '../format'
import type { AuditEntry } from '../hooks/audit'
import { ChangesTable } from './ChangesTable'
import { ErrorAlert, Loading } from './States'

function AuditRow({ entry }: { entry: AuditEntry }) {
  const { t } = useTranslation()
  const formatDateTime = useFormatDateTime()
  const [expanded, setExpanded] = useState(false)
  const detailsId = `audit-details-${entry.id}`
  const changes = expanded ? changedLeaves(entry.before, entry.after) : []
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
        <Table.Td>{entry.actorName}</Table.Td>
        <Table.Td>{entry.action}</Table.Td>
        <Table.Td>
          {entry.entityType}{' '}
          <Text span c="dimmed" size="xs" ff="monospace">
            {entry.entityId}
          </Text>
        </Table.Td>
      </Table.Tr>
      {expanded && (
        <Table.Tr id={detailsId}>
          <Table.Td colSpan={5}>
            {changes.length === 0 ? (
              <Text c="dimmed" size="sm">
                {t('audit.nothing')}
              </Text>
            ) : (
              <ChangesTable changes={changes} caption={t('audit.changesCaption')} />
            )}
          </Table.Td>
        </Table.Tr>
      )}
    </Fragment>
  )
}

interface Props {
  query: UseInfiniteQueryResult
  entries: AuditEntry[]
  emptyDescription: string
}

/**
 * An audit trail, newest first, loaded page by page: who did what and when, and on demand the fields the change
 * touched with their values before and after.
 */
export function AuditTrail({ query, entries, emptyDescription }: Props) {
  const { t } = useTranslation()
  return (
    <Stack>
      {query.isPending && <Loading />}
      {query.isError && !query.isFetchNextPageError && <ErrorAlert error={query.error} onRetry={() => void query.refetch()} />}
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
