import { describe, expect, it } from 'vitest'
import { loginPath, safeReturnTo } from './returnTo'

describe('return after login', () => {
  it('keeps a path of this site with its query', () => {
    expect(safeReturnTo('/audit?x=1')).toBe('/audit?x=1')
  })

  it.each([null, 'https://evil.example/', '//evil.example/', '/\\evil.example', 'users', '/login', '/login?returnTo=/x'])(
    'falls back to the home page for %s',
    (value) => {
      expect(safeReturnTo(value)).toBe('/')
    },
  )

  it('carries the intended page in the login address', () => {
    expect(loginPath('/users?page=2')).toBe('/login?returnTo=%2Fusers%3Fpage%3D2')
    expect(loginPath('/')).toBe('/login')
  })
})
