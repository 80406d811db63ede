import { useQuery } from '@tanstack/react-query'
import { api } from '../api'

/** A canned reply of the provider's desk, in both languages of the product. */
export interface CannedReply {
  id: string
  titleEn: string
  titleFr: string
  textEn: string
  textFr: string
  createdBy: string
  createdAt: string
}

/** The desk's canned replies; only the provider's people may read them. */
export function useCannedReplies(enabled: boolean) {
  return useQuery({
    queryKey: ['cannedReplies'],
    queryFn: () => api.get<CannedReply[]>('/api/incidents/canned-replies'),
    enabled,
    staleTime: 5 * 60_000,
  })
}
