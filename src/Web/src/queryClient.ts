import { QueryClient } from '@tanstack/react-query'
import { ApiError, setUnauthorizedHandler } from './api'
import { drafts } from './drafts'
import { sessionKey, type UserInfo } from './hooks/session'

/** A client error (4xx) will not be different on a second try; a server or network error may. */
function shouldRetry(failureCount: number, error: Error): boolean {
  if (error instanceof ApiError && error.status >= 400 && error.status < 500) return false
  return failureCount < 2
}

export function createQueryClient(): QueryClient {
  const queryClient = new QueryClient({
    defaultOptions: { queries: { retry: shouldRetry, refetchOnWindowFocus: false } },
  })
  // The session is over: the forms shown keep what was typed for this user, then the authenticated layout sees no
  // user and sends to the log-in page, keeping the URL.
  setUnauthorizedHandler(() => {
    const user = queryClient.getQueryData<UserInfo | null>(sessionKey)
    if (user) drafts.keepAll(user.id)
    queryClient.setQueryData(sessionKey, null)
  })
  return queryClient
}
