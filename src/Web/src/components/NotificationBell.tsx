import { ActionIcon, Indicator, Menu, ScrollArea, Stack, Text } from '@mantine/core'
import { notifications as toasts } from '@mantine/notifications'
import { IconBell } from '@tabler/icons-react'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { useFormatDateTime } from '../format'
import { useNotificationText } from '../hooks/notificationText'
import { useLatestNotifications, useMarkAllNotificationsRead, useMarkOpened, useUnreadCount } from '../hooks/notifications'

/** The latest notifications, each a link to what it is about; read when the bell opens. */
function LatestNotifications() {
  const { t } = useTranslation()
  const latest = useLatestNotifications()
  const describe = useNotificationText()
  const markOpened = useMarkOpened()
  const formatDateTime = useFormatDateTime()
  const items = latest.data?.items ?? []
  return (
    <>
      {latest.isError && (
        <Text size="sm" c="red" px="sm" py="xs">
          {t('notifications.error')}
        </Text>
      )}
      {latest.isSuccess && items.length === 0 && (
        <Text size="sm" c="dimmed" px="sm" py="xs">
          {t('notifications.empty')}
        </Text>
      )}
      <ScrollArea.Autosize mah={420}>
        {items.map((notification) => {
          const { title, detail, to } = describe(notification)
          return (
            <Menu.Item key={notification.id} component={Link} to={to} onClick={() => markOpened(notification)}>
              <Stack gap={2}>
                <Text size="sm" fw={notification.read ? 400 : 700}>
                  {!notification.read && <span className="visually-hidden">{t('notifications.unread')} </span>}
                  {title}
                </Text>
                {detail && (
                  <Text size="xs" c="dimmed">
                    {detail}
                  </Text>
                )}
                <Text size="xs" c="dimmed">
                  {[notification.contractReference, formatDateTime(notification.createdAt)].filter(Boolean).join(' · ')}
                </Text>
              </Stack>
            </Menu.Item>
          )
        })}
      </ScrollArea.Autosize>
    </>
  )
}

/**
 * The header's bell: the caller's unread count (read again every minute and when the window regains focus), the
 * latest notifications, "mark all as read" and the way to all of them.
 */
export function NotificationBell() {
  const { t } = useTranslation()
  const unread = useUnreadCount()
  const markAll = useMarkAllNotificationsRead()
  const count = unread.data?.count ?? 0
  // The accessible name repeats the badge's text, so that what is seen is what is heard (and can be spoken to select it).
  const shown = count > 99 ? '99+' : String(count)
  return (
    <Menu position="bottom-end" withinPortal width={380}>
      <Menu.Target>
        <ActionIcon
          variant="subtle"
          color="gray"
          size="lg"
          aria-label={count === 0 ? t('notifications.label') : t('notifications.labelUnread', { count, shown })}
        >
          <Indicator label={shown} size={16} disabled={count === 0} color="red" offset={2} inline>
            <IconBell size={22} aria-hidden />
          </Indicator>
        </ActionIcon>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>{t('notifications.title')}</Menu.Label>
        <LatestNotifications />
        <Menu.Divider />
        <Menu.Item
          disabled={count === 0}
          onClick={() =>
            markAll.mutate(undefined, {
              onSuccess: (marked) => toasts.show({ color: 'teal', message: t('notifications.markedAllRead', { count: marked.count }) }),
            })
          }
        >
          {t('notifications.markAllRead')}
        </Menu.Item>
        <Menu.Item component={Link} to="/notifications">
          {t('notifications.seeAll')}
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  )
}
