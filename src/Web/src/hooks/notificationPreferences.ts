import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { api } from '../api'

/** How a group of notifications reaches the person: in the app only, by e-mail at once, or in the daily digest. */
export type Delivery = 'app' | 'immediate' | 'digest'

export const deliveries: readonly Delivery[] = ['app', 'immediate', 'digest']

export interface NotificationTopic {
  topic: string
  kinds: string[]
  default: Delivery
}

export interface NotificationPreferences {
  /** By topic: the person's choice, or the topic's default. */
  delivery: Record<string, Delivery>
  topics: NotificationTopic[]
  /** The hour (0–23, in `timeZone`) the daily digest is sent at. */
  digestHour: number
  timeZone: string
  /** False when this platform sends no e-mail at all: everything stays in the app. */
  emailEnabled: boolean
}

const preferencesKey = ['notification-preferences'] as const

export function useNotificationPreferences() {
  return useQuery({
    queryKey: preferencesKey,
    queryFn: () => api.get<NotificationPreferences>('/api/notifications/preferences'),
  })
}

export function useSaveNotificationPreferences() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (delivery: Record<string, Delivery>) => api.put<NotificationPreferences>('/api/notifications/preferences', { delivery }),
    onSuccess: (saved) => queryClient.setQueryData(preferencesKey, saved),
  })
}
