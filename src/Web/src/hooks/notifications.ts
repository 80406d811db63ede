import { keepPreviousData, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { api } from '../api'

/** The kinds the Notifications service writes; another one, from a later version, still reads sensibly. */
export const notificationKinds = [
  'slaWarning',
  'slaBreached',
  'ticketPendingClient',
  'ticketResolved',
  'noticeDeadlineApproaching',
  'evolutionRequested',
  'evolutionStateChanged',
  'amendmentProposed',
  'renewalDecided',
  'invoiceControlled',
  'invoiceDisputed',
  'invoiceApproved',
  'invoicePaid',
  'reviewPrepared',
  'reviewAwaitingApproval',
  'reviewApprovalWithdrawn',
  'reviewClosed',
  'reviewActionOverdue',
  'checklistItemToAccept',
  'phaseReadyToClose',
  'phaseClosureProposed',
  'monthlyScorecard',
] as const
export type NotificationKind = (typeof notificationKinds)[number]

/** What in the contract a notification is about; a version has no id, its label is its number. */
export interface NotificationSubject {
  type: string
  id?: string | null
  label: string
}

/** One of the caller's notifications: the service writes no sentence, the SPA does, from the kind and its data. */
export interface AppNotification {
  id: string
  kind: string
  contractId: string
  contractReference: string
  subject: NotificationSubject
  /** The values the sentence is written from, by kind (docs/notifications-api.md). */
  data: Record<string, unknown>
  createdAt: string
  readAt?: string | null
  read: boolean
}

/** A page, newest first: pass `nextCursor` as `before` for the next one. */
export interface NotificationPage {
  items: AppNotification[]
  nextCursor?: string | null
}

export interface NotificationFilters {
  unread: boolean
  /** One kind, or every kind when empty. */
  kind: string
}

const base = '/api/notifications'
const notificationsKey = ['notifications'] as const

/** The bell's figure is read again this often, and whenever the window regains focus. */
export const notificationPollMs = 60_000
/** How many of the latest the bell lists; the rest are on the notifications page. */
export const bellSize = 8
export const notificationPageSize = 25

export function notificationsQuery(filters: NotificationFilters, limit: number, before: string | null): string {
  const query = new URLSearchParams()
  if (filters.unread) query.set('unread', 'true')
  if (filters.kind !== '') query.set('kind', filters.kind)
  query.set('limit', String(limit))
  if (before !== null) query.set('before', before)
  return `${base}/?${query}`
}

export function useUnreadCount() {
  return useQuery({
    queryKey: [...notificationsKey, 'unread-count'],
    queryFn: () => api.get<{ count: number }>(`${base}/unread-count`),
    refetchInterval: notificationPollMs,
    refetchOnWindowFocus: true,
  })
}

/** The latest notifications: read each time the bell opens, and again as the count is while it stays open. */
export function useLatestNotifications() {
  return useQuery({
    queryKey: [...notificationsKey, 'latest'],
    queryFn: () => api.get<NotificationPage>(notificationsQuery({ unread: false, kind: '' }, bellSize, null)),
    refetchInterval: notificationPollMs,
    refetchOnWindowFocus: true,
  })
}

export function useNotifications(filters: NotificationFilters) {
  return useInfiniteQuery({
    queryKey: [...notificationsKey, 'list', filters],
    queryFn: ({ pageParam }) => api.get<NotificationPage>(notificationsQuery(filters, notificationPageSize, pageParam)),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
  })
}

/** Reading one or all changes the count and every list. */
function useNotificationChange<TVariables, TResult>(send: (variables: TVariables) => Promise<TResult>) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: send,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: notificationsKey }),
  })
}

export function useMarkNotificationRead() {
  return useNotificationChange((id: string) => api.post(`${base}/${encodeURIComponent(id)}/read`))
}

export function useMarkAllNotificationsRead() {
  return useNotificationChange(() => api.post<{ count: number }>(`${base}/read-all`))
}

/** What opening a notification does besides going to its thing: it is read from then on. */
export function useMarkOpened() {
  const markRead = useMarkNotificationRead()
  return (notification: Pick<AppNotification, 'id' | 'read'>) => {
    if (!notification.read) markRead.mutate(notification.id)
  }
}
