import { Button, Code, EmptyState, Group, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core'
import { IconChevronDown, IconChevronRight, IconHistory } from '@tabler/icons-react'
import { Fragment, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { ErrorAlert, Loading } from '../components/States'
import { useFormatDateTime } from '../format'
import { useAuditLog, type AuditEntry } from '../hooks/audit'

function Snapshot({ label, value }: { label: string; value: unknown }) {
  const { t } = useTranslation()
  return (
    <Stack gap={4}>
      <Text fw={600} size="sm">
        {label}
      </Text>
      {value === null || value === undefined ? (
        <Text c="dimmed" size="sm">
          {t('audit.nothing')}
        </Text>
      ) : (
        <Code block>{JSON.stringify(value, null, 2)}</Code>
      )}
    </Stack>
  )
}

function AuditRow({ entry }: { entry: AuditEntry }) {
  const { t } = useTranslation()
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
            <SimpleGrid cols={{ base: 1, md: 2 }}>
              <Snapshot label={t('audit.before')} value={entry.before} />
              <Snapshot label={t('audit.after')} value={entry.after} />
            </SimpleGrid>
          </Table.Td>
        </Table.Tr>
      )}
    </Fragment>
  )
}

export function AuditLogPage() {
  const { t } = useTranslation()
  const audit = useAuditLog()
  const entries = audit.data?.pages.flatMap((page) => page.items) ?? []

  return (
    <Stack>
      <Title order={1}>{t('audit.title')}</Title>
      {audit.isPending && <Loading />}
      {audit.isError && !audit.isFetchNextPageError && (
        <ErrorAlert error={audit.error} onRetry={() => void audit.refetch()} />
      )}
      {audit.isSuccess && entries.length === 0 && (
        <EmptyState icon={<IconHistory aria-hidden />} title={t('audit.emptyTitle')} description={t('audit.empty')} />
      )}
      {entries.length > 0 && (
        <Table.ScrollContainer minWidth={900}>
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
      {audit.isFetchNextPageError && <ErrorAlert error={audit.error} onRetry={() => void audit.fetchNextPage()} />}
      {audit.hasNextPage && (
        <Group justify="center">
          <Button variant="default" loading={audit.isFetchingNextPage} onClick={() => void audit.fetchNextPage()}>
            {t('audit.loadMore')}
          </Button>
        </Group>
      )}
    </Stack>
  )
}
