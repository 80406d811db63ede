import { screen, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it } from 'vitest'
import { actionSentence, actionsOf, auditActions } from '../auditText'
import type { AuditEntry } from '../hooks/audit'
import i18n from '../i18n'
import { clientAdmin, fakeBackend, json, renderApp } from '../test/render'

const entry = (id: string, action: string): AuditEntry => ({
  id,
  occurredAt: '2026-03-29T00:30:00Z',
  actor: 'Alice Martin',
  action,
  entityType: 'user',
  entityId: `user-${id}`,
  changes: [{ field: 'roles', before: '["Requester"]', after: '["Requester", "Auditor"]' }],
})

describe('audit log', () => {
  it('has a sentence for every action code in both languages', () => {
    expect(auditActions.length).toBeGreaterThan(40)
    for (const code of auditActions) {
      expect(actionSentence(code, i18n.getFixedT('fr')), code).not.toContain(code)
      expect(actionSentence(code, i18n.getFixedT('en')), code).not.toContain(code)
    }
    expect(actionsOf('administration')).toContain('user.unlocked')
    expect(actionsOf('contract')).toContain('contract.phase-changed')
    expect(actionsOf('contract')).not.toContain('user.unlocked')
    expect(actionSentence('user.teleported', i18n.getFixedT('en'))).toBe('Other action (user.teleported)')
  })

  it('pages with the cursor and shows before and after of an entry', async () => {
    const calls = fakeBackend({
      'GET /bff/user': () => json(clientAdmin),
      'GET /api/identity/audit': (call) =>
        call.url.includes('before=')
          ? json({ items: [entry('2', 'user.deactivated')], nextCursor: null })
          : json({ items: [entry('1', 'user.roles-changed')], nextCursor: 'cursor-1' }),
    })
    renderApp('/audit')

    const first = (await screen.findByRole('cell', { name: 'Changed a user’s roles' })).closest('tr')!
    expect(within(first).getByText('Alice Martin')).toBeInTheDocument()
    expect(within(first).getByText(/29 Mar 2026|Mar 29, 2026/)).toBeInTheDocument()

    await userEvent.click(within(first).getByRole('button', { name: 'Show' }))
    expect(screen.getByText('Before')).toBeInTheDocument()
    expect(within(first).getByText('User')).toBeInTheDocument()
    expect(screen.queryByText('user-1')).not.toBeInTheDocument()
    expect(screen.getByText('Requester, Auditor (read-only)')).toBeInTheDocument()

    await userEvent.click(screen.getByRole('button', { name: 'Load more' }))
    expect(await screen.findByRole('cell', { name: 'Deactivated a user' })).toBeInTheDocument()
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
