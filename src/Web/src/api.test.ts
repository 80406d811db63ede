import { afterEach, describe, expect, it, vi } from 'vitest'
import { ApiError, api, fieldErrors, formFailure, parseRetryAfter, pathErrors, request, setUnauthorizedHandler, type Method } from './api'
import { tenantStore } from './tenant'
import { fakeBackend, json } from './test/render'

afterEach(() => {
  tenantStore.set(null)
  setUnauthorizedHandler(() => {})
})

describe('api client', () => {
  it.each<Method>(['POST', 'PUT', 'PATCH', 'DELETE'])('sends X-CSRF: 1 on %s', async (method) => {
    const calls = fakeBackend({ [`${method} /api/identity/users/1`]: () => new Response(null, { status: 204 }) })
    await request(method, '/api/identity/users/1')
    expect(calls[0]?.headers.get('X-CSRF')).toBe('1')
  })

  it('does not send X-CSRF on GET, and uses same-origin credentials', async () => {
    const calls = fakeBackend({ 'GET /api/identity/users': () => json([]) })
    await api.get('/api/identity/users')
    expect(calls[0]?.headers.has('X-CSRF')).toBe(false)
    expect(vi.mocked(fetch).mock.calls[0]?.[1]?.credentials).toBe('same-origin')
  })

  it('sends a JSON body', async () => {
    const calls = fakeBackend({ 'POST /bff/login': () => json({ id: 'u' }) })
    const user = await api.post<{ id: string }>('/bff/login', { email: 'a@b.c', password: 'secret' })
    expect(user).toEqual({ id: 'u' })
    expect(calls[0]?.headers.get('Content-Type')).toBe('application/json')
    expect(calls[0]?.body).toEqual({ email: 'a@b.c', password: 'secret' })
  })

  it('sends the selected tenant on /api calls only', async () => {
    tenantStore.set('tenant-42')
    const calls = fakeBackend({ 'GET /api/identity/users': () => json([]), 'GET /bff/user': () => json({}) })
    await api.get('/api/identity/users')
    await api.get('/bff/user')
    expect(calls[0]?.headers.get('X-Tenant-Id')).toBe('tenant-42')
    expect(calls[1]?.headers.has('X-Tenant-Id')).toBe(false)
  })

  it('sends no tenant header when all clients are selected', async () => {
    const calls = fakeBackend({ 'GET /api/identity/users': () => json([]) })
    await api.get('/api/identity/users')
    expect(calls[0]?.headers.has('X-Tenant-Id')).toBe(false)
  })

  it('turns a problem response into an ApiError with field errors', async () => {
    fakeBackend({
      'POST /api/identity/users/invitations': () =>
        json(
          {
            type: 'https://tools.ietf.org/html/rfc9110#section-15.5.21',
            title: 'Validation failed',
            status: 422,
            errors: { email: ['Not an e-mail address.'], roles: ['Unknown role.'] },
          },
          422,
        ),
    })
    const error = await api.post('/api/identity/users/invitations', {}).catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(ApiError)
    expect((error as ApiError).status).toBe(422)
    expect((error as ApiError).message).toBe('Validation failed')
    expect((error as ApiError).fieldErrors).toEqual({ email: 'Not an e-mail address.', roles: 'Unknown role.' })
  })

  it('reports a session that ended on an /api call, not on a /bff call', async () => {
    const onUnauthorized = vi.fn()
    setUnauthorizedHandler(onUnauthorized)
    fakeBackend({
      'GET /api/identity/users': () => json({ status: 401 }, 401),
      'POST /bff/login': () => json({ status: 401 }, 401),
    })
    await expect(api.post('/bff/login', {})).rejects.toMatchObject({ status: 401 })
    expect(onUnauthorized).not.toHaveBeenCalled()
    await expect(api.get('/api/identity/users')).rejects.toMatchObject({ status: 401 })
    expect(onUnauthorized).toHaveBeenCalledOnce()
  })

  it('uploads a file as the multipart field "file", leaving the boundary to the browser', async () => {
    const calls = fakeBackend({ 'POST /api/contracts/c/inventory/import': () => json({ imported: 1 }) })
    const file = new File(['a,b\n'], 'items.csv', { type: 'text/csv' })
    await expect(api.upload('/api/contracts/c/inventory/import?mode=append', file)).resolves.toEqual({ imported: 1 })
    expect(calls[0]?.headers.has('Content-Type')).toBe(false)
    expect(calls[0]?.headers.get('X-CSRF')).toBe('1')
    expect((calls[0]!.body as FormData).get('file')).toBe(file)
  })

  it('sends DELETE with the anti-forgery header', async () => {
    const calls = fakeBackend({ 'DELETE /api/contracts/c/requirements/r': () => new Response(null, { status: 204 }) })
    await api.delete('/api/contracts/c/requirements/r')
    expect(calls[0]?.method).toBe('DELETE')
    expect(calls[0]?.headers.get('X-CSRF')).toBe('1')
  })

  it('reads Retry-After from a 429', async () => {
    fakeBackend({ 'POST /bff/login': () => new Response(null, { status: 429, headers: { 'Retry-After': '30' } }) })
    await expect(api.post('/bff/login', {})).rejects.toMatchObject({ status: 429, retryAfterSeconds: 30, problem: null })
  })

  it('gives status 0 when the server cannot be reached', async () => {
    vi.spyOn(globalThis, 'fetch').mockRejectedValue(new TypeError('Failed to fetch'))
    await expect(api.get('/api/identity/users')).rejects.toMatchObject({ status: 0 })
  })
})

describe('problem details', () => {
  it('brings field names back to the camelCase form fields', () => {
    expect(
      fieldErrors({
        errors: { DisplayName: ['Required.'], '$.email': ['Invalid.'], 'roles[0]': ['Unknown role.'], 'roles[1]': ['Also unknown.'] },
      }),
    ).toEqual({ displayName: 'Required.', email: 'Invalid.', roles: 'Unknown role. Also unknown.' })
  })

  it('keys the errors of a nested form by their whole path, relative to the object the form edits', () => {
    expect(
      pathErrors(
        { errors: { 'terms.calendar.weekly[1].open': ['Before closing.'], '$.Revision.B': ['a + b = 1.'], 'prices.monthlyFee': ['Required.', 'Positive.'] } },
        'terms',
      ),
    ).toEqual({ 'calendar.weekly[1].open': 'Before closing.', 'revision.b': 'a + b = 1.', 'prices.monthlyFee': 'Required. Positive.' })
  })

  it('has no field errors without an errors member', () => {
    expect(fieldErrors({ title: 'Conflict', status: 409 })).toEqual({})
    expect(fieldErrors(null)).toEqual({})
  })

  it('puts errors under the form fields and keeps the rest for an alert', () => {
    const placed = new ApiError(422, { errors: { password: ['Too short.'] } })
    expect(formFailure(placed, ['password'])).toEqual({ errors: { password: 'Too short.' }, failure: null })

    const elsewhere = new ApiError(422, { errors: { token: ['Expired.'], password: ['Too short.'] } })
    expect(formFailure(elsewhere, ['password']).failure).toBe(elsewhere)

    const unnamed = new ApiError(500, { title: 'Server error' })
    expect(formFailure(unnamed, ['password'])).toEqual({ errors: {}, failure: unnamed })
  })

  it('parses Retry-After given in seconds or as a date', () => {
    expect(parseRetryAfter('120')).toBe(120)
    expect(parseRetryAfter('Wed, 21 Oct 2026 07:28:30 GMT', new Date('2026-10-21T07:28:00Z'))).toBe(30)
    expect(parseRetryAfter(null)).toBeNull()
    expect(parseRetryAfter('soon')).toBeNull()
  })
})
