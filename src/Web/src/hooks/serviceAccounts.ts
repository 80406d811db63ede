import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { api } from '../api'

export interface ServiceAccount {
  id: string
  name: string
  roles: string[]
  keyPrefix: string
  createdAt: string
  revokedAt: string | null
  lastUsedAt: string | null
}

/** The API key is returned once, at creation: only its prefix is kept by the server. */
export interface CreatedServiceAccount {
  serviceAccount: ServiceAccount
  apiKey: string
}

const serviceAccountsKey = ['service-accounts'] as const

export function useServiceAccounts() {
  return useQuery({
    queryKey: serviceAccountsKey,
    queryFn: () => api.get<ServiceAccount[]>('/api/identity/service-accounts'),
  })
}

export function useCreateServiceAccount() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (request: { name: string; roles: string[] }) =>
      api.post<CreatedServiceAccount>('/api/identity/service-accounts', request),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: serviceAccountsKey }),
  })
}

export function useRevokeServiceAccount() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (id: string) => api.post<unknown>(`/api/identity/service-accounts/${encodeURIComponent(id)}/revoke`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: serviceAccountsKey }),
  })
}
