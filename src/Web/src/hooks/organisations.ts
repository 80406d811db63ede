import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { api } from '../api'
import type { OrganisationKind } from '../roles'
import type { InvitationRequest, InvitationResult } from './users'

export interface Organisation {
  id: string
  name: string
  kind: OrganisationKind
  createdAt: string
  userCount: number
}

const organisationsKey = ['organisations'] as const

export function useOrganisations() {
  return useQuery({
    queryKey: organisationsKey,
    queryFn: () => api.get<Organisation[]>('/api/identity/organisations'),
  })
}

export function useCreateOrganisation() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (request: { name: string; kind: 'client' | 'provider' }) =>
      api.post<Organisation>('/api/identity/organisations', request),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: organisationsKey }),
  })
}

export function useRenameOrganisation() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: ({ id, name }: { id: string; name: string }) =>
      api.put<Organisation>(`/api/identity/organisations/${encodeURIComponent(id)}`, { name }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: organisationsKey }),
  })
}

export function useInviteOrganisationAdmin() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: ({ organisationId, invitation }: { organisationId: string; invitation: InvitationRequest }) =>
      api.post<InvitationResult>(
        `/api/identity/organisations/${encodeURIComponent(organisationId)}/invitations`,
        invitation,
      ),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: organisationsKey }),
  })
}

export interface ProviderOrganisation {
  id: string
  name: string
}

/** The providers a client may contract with; also how a client user reads its providers' names. */
export function useProviders(enabled: boolean) {
  return useQuery({
    queryKey: ['providers'],
    queryFn: () => api.get<ProviderOrganisation[]>('/api/identity/organisations/providers'),
    enabled,
    staleTime: 5 * 60_000,
  })
}
