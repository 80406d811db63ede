import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { api } from '../api'

export interface ContractNotification {
  id: string
  contractId: string
  kind: string
  /** Depends on the kind: for "noticeDeadlineApproaching", daysBefore, noticeDeadline and reference. */
  data: Record<string, unknown>
  createdAt: string
  read: boolean
}

const notificationsKey = ['contract-notifications'] as const
export const notificationPollMs = 60_000

export function useNotifications(enabled: boolean) {
  return useQuery({
    queryKey: notificationsKey,
    queryFn: () => api.get<ContractNotification[]>('/api/contracts/notifications'),
    enabled,
    refetchInterval: notificationPollMs,
  })
}

export function useMarkNotificationRead() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (id: string) => api.post<unknown>(`/api/contracts/notifications/${encodeURIComponent(id)}/read`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: notificationsKey }),
  })
}
