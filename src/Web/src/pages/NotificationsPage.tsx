import { Anchor, Badge, Button, Checkbox, EmptyState, Group, NativeSelect, Stack, Table, Text, Title } from '@mantine/core'
import { notifications as toasts } from '@mantine/notifications'
import { IconBell } from '@tabler/icons-react'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { ListCard, ResponsiveList } from '../components/ResponsiveList'
import { ErrorAlert, Loading } from '../components/States'
import { useFormatDateTime } from '../format'
import { useNotificationText } from '../hooks/notificationText'
import {
  notificationKinds,
  useMarkAllNotificationsRead,
  useMarkOpened,
  useNotifications,
  useUnreadCount,
  type AppNotification,
  type NotificationFilters,
} from '../hooks/notifications'
import { changed, useViewParams } from '../hooks/useViewParams'

/** The filters as the address keeps them (`?unread=true&kind=slaBreached`); an unknown kind is no filter. */
function useFilters(): [NotificationFilters, (change: Partial<NotificationFilters>) => void] {
  const [searchParams, setSearchParams] = useViewParams()
  const filtersOf = (params: URLSearchParams): NotificationFilters => {
    const kind = params.get('kind')
    return { unread: params.get('unread') === 'true', kind: notificationKinds.some((known) => known === kind) ? (kind ?? '') : '' }
  }
  const set = (change: Partial<NotificationFilters>) =>
    setSearchParams((latest) => {
      const next = changed(filtersOf(latest), change)
      const params = new URLSearchParams()
      if (next.unread) params.set('unread', 'true')
      if (next.kind !== '') params.set('kind', next.kind)
      return params
    })
  return [filtersOf(searchParams), set]
}

function NotificationRows({ items }: { items: AppNotification[] }) {
  const { t } = useTranslation()
  const describe = useNotificationText()
  const markOpened = useMarkOpened()
  const formatDateTime = useFormatDateTime()
  const link = (notification: AppNotification) => {
    const { title, detail, to } = describe(notification)
    return (
      <>
        <Anchor component={Link} to={to} fw={notification.read ? 400 : 700} onClick={() => markOpened(notification)}>
          {title}
        </Anchor>
        {detail && (
          <Text size="xs" c="dimmed">
            {detail}
          </Text>
        )}
      </>
    )
  }
  const when = (notification: AppNotification) => <time dateTime={notification.createdAt}>{formatDateTime(notification.createdAt)}</time>
  const status = (notification: AppNotification) =>
    notification.read ? (
      <Badge color="gray" variant="light">
        {t('notifications.page.read')}
      </Badge>
    ) : (
      <Badge color="red">{t('notifications.page.unreadStatus')}</Badge>
    )
  return (
    <ResponsiveList
      items={items}
      keyOf={(notification) => notification.id}
      label={t('notifications.page.caption')}
      card={(notification) => (
        <ListCard
          title={link(notification)}
          badges={status(notification)}
          details={[
            { label: t('notifications.page.contract'), value: notification.contractReference },
            { label: t('notifications.page.date'), value: when(notification) },
          ]}
        />
      )}
      table={
        <Table.ScrollContainer minWidth={800}>
          <Table verticalSpacing="sm" highlightOnHover>
            <Table.Caption>{t('notifications.page.caption')}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('notifications.page.notification')}</Table.Th>
                <Table.Th>{t('notifications.page.contract')}</Table.Th>
                <Table.Th>{t('notifications.page.date')}</Table.Th>
                <Table.Th>{t('notifications.page.status')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((notification) => (
                <Table.Tr key={notification.id}>
                  <Table.Td>{link(notification)}</Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>{notification.contractReference}</Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>{when(notification)}</Table.Td>
                  <Table.Td>{status(notification)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      }
    />
  )
}

/** Every notification of the caller, newest first, filtered by reading and kind, a page at a time. */
export function NotificationsPage() {
  const { t } = useTranslation()
  const [filters, setFilters] = useFilters()
  const list = useNotifications(filters)
  const unread = useUnreadCount()
  const markAll = useMarkAllNotificationsRead()
  const items = list.data?.pages.flatMap((page) => page.items) ?? []
  const filtered = filters.unread || filters.kind !== ''

  return (
    <Stack>
      <Stack gap={0}>
        <Title order={1}>{t('notifications.title')}</Title>
        <Text c="dimmed" size="sm">
          {t('notifications.page.intro')}
        </Text>
      </Stack>
      <Group justify="space-between" align="flex-end">
        <Group align="flex-end" gap="md" component="fieldset" style={{ border: 0, padding: 0, margin: 0 }}>
          <Text component="legend" className="visually-hidden">
            {t('notifications.page.filters')}
          </Text>
          <NativeSelect
            label={t('notifications.page.kind')}
            value={filters.kind}
            onChange={(event) => setFilters({ kind: event.currentTarget.value })}
            data={[
              { value: '', label: t('notifications.page.allKinds') },
              ...notificationKinds.map((kind) => ({ value: kind, label: t(`notifications.kinds.${kind}`) })),
            ]}
          />
          <Checkbox
            label={t('notifications.page.unreadOnly')}
            checked={filters.unread}
            onChange={(event) => setFilters({ unread: event.currentTarget.checked })}
            mb={8}
          />
        </Group>
        <Button
          variant="default"
          disabled={(unread.data?.count ?? 0) === 0}
          loading={markAll.isPending}
          onClick={() =>
            markAll.mutate(undefined, {
              onSuccess: (marked) => toasts.show({ color: 'teal', message: t('notifications.markedAllRead', { count: marked.count }) }),
            })
          }
        >
          {t('notifications.markAllRead')}
        </Button>
      </Group>

      {list.isPending ? (
        <Loading />
      ) : list.isError && items.length === 0 ? (
        <ErrorAlert error={list.error} onRetry={() => void list.refetch()} />
      ) : items.length === 0 ? (
        <EmptyState
          icon={<IconBell aria-hidden />}
          title={t('notifications.page.emptyTitle')}
          description={filtered ? t('notifications.page.emptyFiltered') : t('notifications.empty')}
        />
      ) : (
        <>
          <NotificationRows items={items} />
          {list.isFetchNextPageError && <ErrorAlert error={list.error} onRetry={() => void list.fetchNextPage()} />}
          {list.hasNextPage && (
            <Group justify="center">
              <Button variant="default" onClick={() => void list.fetchNextPage()} loading={list.isFetchingNextPage}>
                {t('notifications.page.loadMore')}
              </Button>
            </Group>
          )}
        </>
      )}
    </Stack>
  )
}
