import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { api } from '../api'

export type UserStatus = 'invited' | 'active' | 'deactivated'

export interface User {
  id: string
  email: string
  displayName: string
  roles: string[]
  status: UserStatus
  lastLoginAt: string | null
  createdAt: string
  /** Set while wrong passwords keep the user from signing in, until when (an instant). */
  lockedUntil?: string | null
}

export interface InvitationRequest {
  email: string
  displayName: string
  roles: string[]
}

/**
 * When `emailed` is false no e-mail could be sent: the admin hands the link over. When it was e-mailed the
 * server keeps the link to itself, so that whoever invites cannot use it.
 */
export type InvitationResult =
  | { user: User; emailed: true }
  | { user: User; emailed: false; invitationUrl: string }

const usersKey = ['users'] as const

/** The organisation's users: its administrator's to read (`enabled` false for anyone else, who would get a 403). */
export function useUsers(enabled = true) {
  return useQuery({ queryKey: usersKey, queryFn: () => api.get<User[]>('/api/identity/users'), enabled })
}

export function useInviteUser() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (invitation: InvitationRequest) =>
      api.post<InvitationResult>('/api/identity/users/invitations', invitation),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: usersKey }),
  })
}

export function useUpdateRoles() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: ({ id, roles }: { id: string; roles: string[] }) =>
      api.put<User>(`/api/identity/users/${encodeURIComponent(id)}/roles`, { roles }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: usersKey }),
  })
}

export function useSetUserActive() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: ({ id, active }: { id: string; active: boolean }) =>
      api.post<User>(`/api/identity/users/${encodeURIComponent(id)}/${active ? 'reactivate' : 'deactivate'}`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: usersKey }),
  })
}

/** Lets a user whom wrong passwords paused sign in again at once. */
export function useUnlockUser() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (id: string) => api.post<User>(`/api/identity/users/${encodeURIComponent(id)}/unlock`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: usersKey }),
  })
}
