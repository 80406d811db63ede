import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
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
const cannedRepliesKey = ['cannedReplies'] as const
const base = '/api/incidents/canned-replies'

export function useCannedReplies(enabled: boolean) {
  return useQuery({
    queryKey: cannedRepliesKey,
    queryFn: () => api.get<CannedReply[]>(base),
    enabled,
    staleTime: 5 * 60_000,
  })
}

export type NewCannedReply = Pick<CannedReply, 'titleEn' | 'titleFr' | 'textEn' | 'textFr'>

/** Account managers add their desk's replies and delete them. */
export function useAddCannedReply() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (reply: NewCannedReply) => api.post<CannedReply>(base, reply),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: cannedRepliesKey }),
  })
}

export function useDeleteCannedReply() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (replyId: string) => api.delete(`${base}/${encodeURIComponent(replyId)}`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: cannedRepliesKey }),
  })
}
