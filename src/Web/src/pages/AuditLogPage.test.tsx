import { screen, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it } from 'vitest'
import type { AuditEntry } from '../hooks/audit'
import { clientAdmin, fakeBackend, json, renderApp } from '../test/render'

const entry = (id: string, action: string): AuditEntry => ({
  id,
  occurredAt: '2026-03-29T00:30:00Z',
  actorName: 'Alice Martin',
  action,
  entityType: 'User',
  entityId: `user-${id}`,
  before: { roles: ['Requester'] },
  after: { roles: ['Requester', 'Auditor'] },
})

describe('audit log', () => {
  it('pages with the cursor and shows before and after of an entry', async () => {
    const calls = fakeBackend({
      'GET /bff/user': () => json(clientAdmin),
      'GET /api/identity/audit': (call) =>
        call.url.includes('before=')
          ? json({ items: [entry('2', 'UserDeactivated')], nextCursor: null })
          : json({ items: [entry('1', 'RolesChanged')], nextCursor: 'cursor-1' }),
    })
    renderApp('/audit')

    const first = (await screen.findByRole('cell', { name: 'RolesChanged' })).closest('tr')!
    expect(within(first).getByText('Alice Martin')).toBeInTheDocument()
    expect(within(first).getByText(/29 Mar 2026|Mar 29, 2026/)).toBeInTheDocument()

    await userEvent.click(within(first).getByRole('button', { name: 'Show' }))
    expect(screen.getByText('Before')).toBeInTheDocument()
    expect(screen.getByText(/"Auditor"/)).toBeInTheDocument()

    await userEvent.click(screen.getByRole('button', { name: 'Load more' }))
    expect(await screen.findByRole('cell', { name: 'UserDeactivated' })).toBeInTheDocument()
    expect(screen.queryByRole('button', { name: 'Load more' })).not.toBeInTheDocument()
    expect(calls.filter((call) => call.url.startsWith('/api/identity/audit')).map((call) => call.url)).toEqual([
      '/api/identity/audit?limit=50',
      '/api/identity/audit?limit=50&before=cursor-1',
    ])
  })

  it('says when nothing has been recorded', async () => {
    fakeBackend({
      'GET /bff/user': () => json(clientAdmin),
      'GET /api/identity/audit': () => json({ items: [], nextCursor: null }),
    })
    renderApp('/audit')

    expect(await screen.findByText('Nothing recorded yet')).toBeInTheDocument()
  })

  it('shows the problem detail when the log cannot be read', async () => {
    fakeBackend({
      'GET /bff/user': () => json(clientAdmin),
      'GET /api/identity/audit': () => json({ title: 'Error', status: 503, detail: 'The identity service is unavailable.' }, 503),
    })
    renderApp('/audit')

    expect(await screen.findByRole('alert', {}, { timeout: 5000 })).toHaveTextContent('The identity service is unavailable.')
  })
})
