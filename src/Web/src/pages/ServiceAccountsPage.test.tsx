import { screen, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it } from 'vitest'
import type { ServiceAccount } from '../hooks/serviceAccounts'
import { clientAdmin, expectLeavingAsked, fakeBackend, json, renderApp } from '../test/render'

const ticketing: ServiceAccount = {
  id: 'sa-1',
  name: 'Ticketing bridge',
  roles: ['Requester'],
  keyPrefix: 'ifg_3k9',
  createdAt: '2026-02-01T08:00:00Z',
  revokedAt: null,
  lastUsedAt: null,
}

describe('service accounts page', () => {
  it('shows the new API key once, with a warning and a copy button', async () => {
    const calls = fakeBackend({
      'GET /bff/user': () => json(clientAdmin),
      'GET /api/identity/service-accounts': () => json([]),
      'POST /api/identity/service-accounts': () =>
        json({ serviceAccount: ticketing, apiKey: 'ifg_3k9.s3cr3t-value' }, 201),
    })
    renderApp('/service-accounts')
    expect(await screen.findByText('No service account')).toBeInTheDocument()

    await userEvent.click(screen.getByRole('button', { name: 'New service account' }))
    const dialog = await screen.findByRole('dialog', { name: 'New service account' })
    await userEvent.type(within(dialog).getByLabelText(/^Name/), 'Ticketing bridge')
    await userEvent.click(within(dialog).getByLabelText('Requester'))
    await userEvent.click(within(dialog).getByRole('button', { name: 'Create' }))

    expect(await within(dialog).findByLabelText('API key')).toHaveValue('ifg_3k9.s3cr3t-value')
    expect(within(dialog).getByText('Copy this key now')).toBeInTheDocument()
    expect(within(dialog).getByRole('button', { name: 'Copy key' })).toBeInTheDocument()
    expect(calls.find((call) => call.method === 'POST')?.body).toEqual({ name: 'Ticketing bridge', roles: ['Requester'] })
  })

  it('revokes a key after confirmation', async () => {
    const calls = fakeBackend({
      'GET /bff/user': () => json(clientAdmin),
      'GET /api/identity/service-accounts': () => json([ticketing]),
      'POST /api/identity/service-accounts/sa-1/revoke': () => json({ ...ticketing, revokedAt: '2026-03-01T08:00:00Z' }),
    })
    renderApp('/service-accounts')
    await userEvent.click(await screen.findByRole('button', { name: 'Revoke Ticketing bridge' }))
    const dialog = await screen.findByRole('dialog', { name: 'Revoke this key?' })
    await userEvent.click(within(dialog).getByRole('button', { name: 'Revoke' }))

    await screen.findByRole('button', { name: 'Revoke Ticketing bridge' })
    expect(calls.filter((call) => call.method === 'POST').map((call) => call.url)).toEqual([
      '/api/identity/service-accounts/sa-1/revoke',
    ])
  })

  it('asks before leaving a service account half created', async () => {
    fakeBackend({ 'GET /bff/user': () => json(clientAdmin), 'GET /api/identity/service-accounts': () => json([]) })
    renderApp('/service-accounts')
    await userEvent.click(await screen.findByRole('button', { name: 'New service account' }))
    const dialog = await screen.findByRole('dialog', { name: 'New service account' })
    await userEvent.type(within(dialog).getByLabelText(/^Name/), 'Ticketing bridge')
    await expectLeavingAsked()
    expect(within(dialog).getByLabelText(/^Name/)).toHaveValue('Ticketing bridge')
  })
})
