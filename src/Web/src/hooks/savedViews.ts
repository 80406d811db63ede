import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { api } from '../api'

/** A person's saved view of a list: its name and the list's address query (filters, search, sort). */
export interface SavedView {
  id: string
  list: 'tickets'
  name: string
  query: string
  createdAt: string
}

const base = '/api/incidents/saved-views'
const savedViewsKey = ['savedViews'] as const

/** The caller's own saved views of the ticket lists, by name. */
export function useSavedViews() {
  return useQuery({ queryKey: savedViewsKey, queryFn: () => api.get<SavedView[]>(`${base}?list=tickets`) })
}

export function useSaveView() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (view: { name: string; query: string }) => api.post<SavedView>(base, { list: 'tickets', ...view }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: savedViewsKey }),
  })
}

export function useDeleteView() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (viewId: string) => api.delete(`${base}/${encodeURIComponent(viewId)}`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: savedViewsKey }),
  })
}
