import { ActionIcon, Indicator, Menu, ScrollArea, Stack, Text } from '@mantine/core'
import { IconBell } from '@tabler/icons-react'
import type { TFunction } from 'i18next'
import { useTranslation } from 'react-i18next'
import { useNavigate } from 'react-router'
import { formatDate, useFormatDateTime } from '../format'
import { evolutionStates } from '../hooks/evolutions'
import { useMarkNotificationRead, useNotifications, type ContractNotification } from '../hooks/notifications'

const text = (value: unknown) => (typeof value === 'string' || typeof value === 'number' ? String(value) : '')

const isOneOf = <T extends string>(values: readonly T[], value: unknown): value is T => values.some((known) => known === value)

/**
 * What a notification says and where it leads, from its kind and its data; a kind this version does not know
 * still reads sensibly and opens the contract.
 */
function describe(notification: ContractNotification, t: TFunction, language: string): { title: string; detail?: string; search: string } {
  const { data } = notification
  const reference = text(data.reference)
  switch (notification.kind) {
    case 'noticeDeadlineApproaching':
      return {
        title: t('notifications.noticeDeadlineApproaching', { days: text(data.daysLeft ?? data.daysBefore), reference }),
        detail:
          typeof data.noticeDeadline === 'string'
            ? t('notifications.noticeDeadlineOn', { date: formatDate(data.noticeDeadline, language) })
            : undefined,
        search: '',
      }
    case 'amendmentProposed':
      return {
        title: t('notifications.amendmentProposed', { version: text(data.version), name: text(data.proposedBy), reference }),
        search: `?tab=terms&version=${encodeURIComponent(text(data.version))}`,
      }
    case 'evolutionRequested':
      return { title: t('notifications.evolutionRequested', { title: text(data.title), reference }), search: '?tab=evolutions' }
    case 'evolutionStateChanged':
      return {
        title: t('notifications.evolutionStateChanged', {
          title: text(data.title),
          state: isOneOf(evolutionStates, data.state) ? t(`evolutions.states.${data.state}`) : text(data.state),
          reference,
        }),
        search: '?tab=evolutions',
      }
    case 'renewalDecided':
      return {
        title: t('notifications.renewalDecided', {
          decision: isOneOf(['renew', 'renegotiate', 'terminate'] as const, data.decision)
            ? t(`contracts.renewal.decisions.${data.decision}`)
            : text(data.decision),
          reference,
        }),
        search: '',
      }
    default:
      return { title: reference ? t('notifications.otherWithReference', { reference }) : t('notifications.other'), search: '' }
  }
}

/** The header's bell: unread count (read again every minute), the list, and a click opens the contract. */
export function NotificationBell() {
  const { t, i18n } = useTranslation()
  const navigate = useNavigate()
  const formatDateTime = useFormatDateTime()
  const notifications = useNotifications(true)
  const markRead = useMarkNotificationRead()
  const items = notifications.data ?? []
  const unread = items.filter((notification) => !notification.read).length

  function open(notification: ContractNotification) {
    if (!notification.read) markRead.mutate(notification.id)
    const { search } = describe(notification, t, i18n.language)
    void navigate(`/contracts/${encodeURIComponent(notification.contractId)}${search}`)
  }

  return (
    <Menu position="bottom-end" withinPortal width={340}>
      <Menu.Target>
        <ActionIcon
          variant="subtle"
          color="gray"
          size="lg"
          aria-label={unread === 0 ? t('notifications.label') : t('notifications.labelUnread', { count: unread })}
        >
          <Indicator label={unread} size={16} disabled={unread === 0} color="red" offset={2} inline>
            <IconBell size={22} aria-hidden />
          </Indicator>
        </ActionIcon>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>{t('notifications.title')}</Menu.Label>
        {notifications.isError && (
          <Text size="sm" c="red" px="sm" py="xs">
            {t('notifications.error')}
          </Text>
        )}
        {notifications.isSuccess && items.length === 0 && (
          <Text size="sm" c="dimmed" px="sm" py="xs">
            {t('notifications.empty')}
          </Text>
        )}
        <ScrollArea.Autosize mah={400}>
          {items.map((notification) => {
            const { title, detail } = describe(notification, t, i18n.language)
            return (
              <Menu.Item key={notification.id} onClick={() => open(notification)}>
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
                    {formatDateTime(notification.createdAt)}
                  </Text>
                </Stack>
              </Menu.Item>
            )
          })}
        </ScrollArea.Autosize>
      </Menu.Dropdown>
    </Menu>
  )
}
