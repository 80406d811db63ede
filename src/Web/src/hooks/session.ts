import { notifications } from '@mantine/notifications'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { createContext, use } from 'react'
import { useTranslation } from 'react-i18next'
import { api, ApiError } from '../api'
import { drafts } from '../drafts'
import { adoptAccountLanguage, type Language } from '../i18n'
import type { OrganisationKind } from '../roles'
import { tenantStore } from '../tenant'

export interface Tenant {
  id: string
  name: string
}

export interface UserInfo {
  id: string
  email: string
  displayName: string
  organisation: { id: string; name: string; kind: OrganisationKind }
  roles: string[]
  tenants: Tenant[]
  /** The language of the person's account; a service account has none. */
  language?: Language
}

export const sessionKey = ['session'] as const

/** The signed-in user, or null when the gateway has no session for this browser. */
export function useSession() {
  return useQuery({
    queryKey: sessionKey,
    queryFn: async (): Promise<UserInfo | null> => {
      try {
        const user = await api.get<UserInfo>('/bff/user')
        tenantStore.reconcile(user)
        adoptAccountLanguage(user.language)
        return user
      } catch (error) {
        if (error instanceof ApiError && error.status === 401) {
          tenantStore.reconcile(null)
          return null
        }
        throw error
      }
    },
    staleTime: Infinity,
  })
}

/**
 * Given by the authenticated part of the application, so that the components under it always have a user,
 * even while the session ends and the log-in page replaces them.
 */
export const UserContext = createContext<UserInfo | null>(null)

/** The signed-in user, for components rendered only inside the authenticated layout. */
export function useUser(): UserInfo {
  const user = use(UserContext)
  if (!user) throw new Error('useUser is used outside of the authenticated layout')
  return user
}

export function useLogin() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (credentials: { email: string; password: string }) => api.post<UserInfo>('/bff/login', credentials),
    onSuccess: (user) => {
      drafts.signedIn(user.id)
      tenantStore.reconcile(user)
      adoptAccountLanguage(user.language)
      // Whatever is still cached may belong to the previous session's user.
      queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== sessionKey[0] })
      queryClient.setQueryData(sessionKey, user)
    },
  })
}

export function useLogout() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: () => api.post<void>('/bff/logout'),
    onSettled: () => {
      drafts.clear()
      tenantStore.set(null)
      queryClient.setQueryData(sessionKey, null)
      queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== sessionKey[0] })
    },
  })
}

/**
 * Switches the interface's language and, for a signed-in person, keeps it as their account's language, the one
 * their notifications and e-mails are written in.
 */
export function useChooseLanguage() {
  const { t, i18n } = useTranslation()
  const signedIn = use(UserContext) !== null
  const save = useMutation({
    mutationFn: (language: Language) => api.put<void>('/api/identity/me/language', { language }),
    // One after the other: the account keeps the last choice, however quickly the person clicks.
    scope: { id: 'account-language' },
    onError: () => notifications.show({ color: 'red', message: t('language.notSaved') }),
  })
  return (language: Language) => {
    void i18n.changeLanguage(language)
    if (signedIn) save.mutate(language)
  }
}
