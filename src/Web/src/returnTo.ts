/** Where to go after logging in: only a path of this site, never another origin (open redirect). */
export function safeReturnTo(value: string | null): string {
  if (value === null || !value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return '/'
  if (value === '/login' || value.startsWith('/login?') || value.startsWith('/invitation/')) return '/'
  return value
}

export function loginPath(returnTo: string): string {
  return returnTo === '/' ? '/login' : `/login?${new URLSearchParams({ returnTo })}`
}
