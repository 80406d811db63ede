import { screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it } from 'vitest'
import type { User } from '../hooks/users'
import { clientAdmin, expectLeavingAsked, fakeBackend, json, renderApp } from '../test/render'

const bob: User = {
  id: 'u-2',
  email: 'bob@client.example',
  displayName: 'Bob Durand',
  roles: ['Requester'],
  status: 'active',
  lastLoginAt: null,
  createdAt: '2026-01-10T09:00:00Z',
}

async function fillInvitation() {
  const dialog = await screen.findByRole('dialog', { name: 'Invite a user' })
  await userEvent.type(within(dialog).getByLabelText(/^E-mail/), 'carol@client.example')
  await userEvent.type(within(dialog).getByLabelText(/^Name/), 'Carol Petit')
  await userEvent.click(within(dialog).getByLabelText('Contract manager'))
  await userEvent.click(within(dialog).getByRole('button', { name: 'Send invitation' }))
  return dialog
}

describe('users page', () => {
  it('lists the organisation users with their roles and status', async () => {
    fakeBackend({ 'GET /bff/user': () => json(clientAdmin), 'GET /api/identity/users': () => json([bob]) })
    renderApp('/users')

    const row = (await screen.findByRole('cell', { name: 'Bob Durand' })).closest('tr')!
    expect(within(row).getByText('Requester')).toBeInTheDocument()
    expect(within(row).getByText('Active')).toBeInTheDocument()
    expect(within(row).getByText('Never')).toBeInTheDocument()
  })

  it('shows the invitation link to hand over when no e-mail could be sent', async () => {
    const calls = fakeBackend({
      'GET /bff/user': () => json(clientAdmin),
      'GET /api/identity/users': () => json([bob]),
      'POST /api/identity/users/invitations': () =>
        json(
          {
            user: { ...bob, id: 'u-3', email: 'carol@client.example', displayName: 'Carol Petit', status: 'invited' },
            invitationUrl: 'http://localhost:8080/invitation/tok3n',
            emailed: false,
          },
          201,
        ),
    })
    renderApp('/users')
    await userEvent.click(await screen.findByRole('button', { name: 'Invite a user' }))
    const dialog = await fillInvitation()

    expect(await within(dialog).findByLabelText('Invitation link')).toHaveValue('http://localhost:8080/invitation/tok3n')
    expect(within(dialog).getByRole('button', { name: 'Copy link' })).toBeInTheDocument()
    expect(within(dialog).getByText(/no mail server is configured/)).toBeInTheDocument()
    const invitation = calls.find((call) => call.method === 'POST')
    expect(invitation?.body).toEqual({ email: 'carol@client.example', displayName: 'Carol Petit', roles: ['ContractManager'] })
    expect(invitation?.headers.get('X-CSRF')).toBe('1')
  })

  it('says when the e-mail address is already taken', async () => {
    fakeBackend({
      'GET /bff/user': () => json(clientAdmin),
      'GET /api/identity/users': () => json([]),
      'POST /api/identity/users/invitations': () => json({ title: 'Conflict', status: 409 }, 409),
    })
    renderApp('/users')
    expect(await screen.findByText('No user yet')).toBeInTheDocument()
    await userEvent.click(screen.getByRole('button', { name: 'Invite a user' }))
    const dialog = await fillInvitation()

    expect(await within(dialog).findByText('A user with this e-mail address already exists.')).toBeInTheDocument()
  })

  it('asks for confirmation before deactivating a user', async () => {
    const calls = fakeBackend({
      'GET /bff/user': () => json(clientAdmin),
      'GET /api/identity/users': () => json([bob]),
      'POST /api/identity/users/u-2/deactivate': () => json({ ...bob, status: 'deactivated' }),
    })
    renderApp('/users')
    await userEvent.click(await screen.findByRole('button', { name: 'Deactivate Bob Durand' }))

    const dialog = await screen.findByRole('dialog', { name: 'Deactivate this user?' })
    expect(calls.some((call) => call.method === 'POST')).toBe(false)
    await userEvent.click(within(dialog).getByRole('button', { name: 'Deactivate' }))

    await screen.findByRole('button', { name: 'Deactivate Bob Durand' })
    expect(calls.filter((call) => call.method === 'POST').map((call) => call.url)).toEqual([
      '/api/identity/users/u-2/deactivate',
    ])
  })

  it('shows a user paused by wrong passwords as locked, until when, and unlocks them', async () => {
    let locked = true
    const calls = fakeBackend({
      'GET /bff/user': () => json(clientAdmin),
      'GET /api/identity/users': () => json([{ ...bob, lockedUntil: locked ? '2026-05-04T10:35:00Z' : null }]),
      'POST /api/identity/users/u-2/unlock': () => {
        locked = false
        return json({ ...bob, lockedUntil: null })
      },
    })
    renderApp('/users')

    const row = (await screen.findByRole('cell', { name: 'Bob Durand' })).closest('tr')!
    expect(within(row).getByText(/^Locked until May 4, 2026/)).toBeInTheDocument()
    expect(within(row).queryByText('Active')).not.toBeInTheDocument()
    await userEvent.click(within(row).getByRole('button', { name: 'Unlock Bob Durand' }))

    await waitFor(() => expect(screen.queryByRole('button', { name: 'Unlock Bob Durand' })).not.toBeInTheDocument())
    expect(within(screen.getByRole('cell', { name: 'Bob Durand' }).closest('tr')!).getByText('Active')).toBeInTheDocument()
    expect(calls.filter((call) => call.method === 'POST').map((call) => call.url)).toEqual(['/api/identity/users/u-2/unlock'])
  })

  it('is refused to a user who does not administer the organisation', async () => {
    fakeBackend({ 'GET /bff/user': () => json({ ...clientAdmin, roles: ['Requester'] }) })
    renderApp('/users')

    expect(await screen.findByRole('heading', { name: 'Access denied' })).toBeInTheDocument()
  })

  it('asks before leaving an invitation or a change of roles half done', async () => {
    fakeBackend({ 'GET /bff/user': () => json(clientAdmin), 'GET /api/identity/users': () => json([bob]) })
    renderApp('/users')
    await screen.findByRole('cell', { name: 'Bob Durand' })

    await userEvent.click(screen.getByRole('button', { name: 'Invite a user' }))
    const invitation = await screen.findByRole('dialog', { name: 'Invite a user' })
    await userEvent.type(within(invitation).getByLabelText(/^E-mail/), 'carol@client.example')
    await expectLeavingAsked()
    expect(within(invitation).getByLabelText(/^E-mail/)).toHaveValue('carol@client.example')
    await userEvent.click(within(invitation).getByRole('button', { name: 'Cancel' }))

    const row = screen.getByRole('cell', { name: 'Bob Durand' }).closest('tr')!
    await userEvent.click(within(row).getByRole('button', { name: /roles/i }))
    const roles = await screen.findByRole('dialog', { name: /Bob Durand/ })
    await userEvent.click(within(roles).getByLabelText('Contract manager'))
    await expectLeavingAsked()
    expect(within(roles).getByLabelText('Contract manager')).toBeChecked()
  })
})
