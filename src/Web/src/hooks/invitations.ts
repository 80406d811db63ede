import { useMutation, useQuery } from '@tanstack/react-query'
import { api } from '../api'

export interface InvitationDetails {
  email: string
  displayName: string
  organisationName: string
  expiresAt: string
}

const invitationPath = (token: string) => `/api/identity/invitations/${encodeURIComponent(token)}`

export function useInvitation(token: string) {
  return useQuery({
    queryKey: ['invitation', token],
    queryFn: () => api.get<InvitationDetails>(invitationPath(token)),
  })
}

/** Lets this device sign in while its account is paused for new devices, with the link e-mailed to the owner. */
export function useUnlock(link: string) {
  return useMutation({
    mutationFn: () => api.post<void>('/bff/unlock', { link }),
  })
}

export function useAcceptInvitation(token: string) {
  return useMutation({
    mutationFn: (password: string) => api.post<void>(`${invitationPath(token)}/accept`, { password }),
  })
}
