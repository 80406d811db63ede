import { screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, describe, expect, it } from 'vitest'
import type { UserInfo } from '../hooks/session'
import { tenantStore } from '../tenant'
import { clientAdmin, fakeBackend, json, renderApp } from '../test/render'

const operator: UserInfo = {
  id: 'u-9',
  email: 'olga@platform.example',
  displayName: 'Olga Operator',
  organisation: { id: 'o-9', name: 'Platform', kind: 'platform' },
  roles: ['Operator'],
  tenants: [],
}

const accountManager: UserInfo = {
  id: 'u-5',
  email: 'paul@provider.example',
  displayName: 'Paul Provider',
  organisation: { id: 'o-5', name: 'Provider SAS', kind: 'provider' },
  roles: ['AccountManager'],
  tenants: [
    { id: 't-1', name: 'Client SA' },
    { id: 't-2', name: 'Other Client' },
  ],
}

const navigationLinks = () =>
  within(screen.getByRole('navigation', { name: /navigation/i }))
    .getAllByRole('link')
    .map((link) => link.textContent)

afterEach(() => tenantStore.set(null))

describe('layout', () => {
  it('shows the navigation of an operator, in English and in French', async () => {
    fakeBackend({ 'GET /bff/user': () => json(operator) })
    renderApp('/')

    expect(await screen.findByRole('heading', { name: 'Welcome, Olga Operator' })).toBeInTheDocument()
    expect(navigationLinks()).toEqual(['Home', 'Users', 'Service accounts', 'Organisations', 'Audit log'])

    await userEvent.click(within(screen.getAllByRole('group', { name: 'Language' })[0]!).getByRole('button', { name: 'FR' }))

    expect(await screen.findByRole('heading', { name: 'Bienvenue, Olga Operator' })).toBeInTheDocument()
    expect(navigationLinks()).toEqual(['Accueil', 'Utilisateurs', 'Comptes de service', 'Organisations', 'Journal d’audit'])
  })

  it('shows a requester who audits the home page, contracts, portfolio, budgets and tickets, with its organisation and roles', async () => {
    fakeBackend({ 'GET /bff/user': () => json({ ...clientAdmin, roles: ['Requester', 'Auditor'] }) })
    renderApp('/')

    expect(await screen.findByText('Auditor (read-only)')).toBeInTheDocument()
    expect(screen.getByText('Requester')).toBeInTheDocument()
    expect(navigationLinks()).toEqual(['Home', 'Contracts', 'Portfolio', 'Budgets', 'Tickets'])
    expect(screen.queryByRole('combobox', { name: 'Client' })).not.toBeInTheDocument()
  })

  it('lets a provider user pick the client its calls are about', async () => {
    const calls = fakeBackend({ 'GET /bff/user': () => json(accountManager), 'GET /api/identity/users': () => json([]) })
    renderApp('/users')
    await screen.findByText('No user yet')
    expect(calls.find((call) => call.url === '/api/identity/users')?.headers.has('X-Tenant-Id')).toBe(false)

    const switcher = screen.getAllByRole('combobox', { name: 'Client' })[0]!
    expect(within(switcher).getAllByRole('option').map((option) => option.textContent)).toEqual([
      'All clients',
      'Client SA',
      'Other Client',
    ])
    await userEvent.selectOptions(switcher, 'Other Client')

    await waitFor(() =>
      expect(calls.filter((call) => call.url === '/api/identity/users').at(-1)?.headers.get('X-Tenant-Id')).toBe('t-2'),
    )
    expect(localStorage.getItem('infogerance.tenant')).toBe('t-2')
  })

  it('lists the clients a provider serves, or says there are none', async () => {
    fakeBackend({ 'GET /bff/user': () => json({ ...accountManager, tenants: [] }) })
    renderApp('/')

    expect(await screen.findByText('No client yet')).toBeInTheDocument()
    expect(screen.getByText('Your organisation does not serve any client under an open contract yet.')).toBeInTheDocument()
  })

  it('signs out from the user menu', async () => {
    const calls = fakeBackend({
      'GET /bff/user': () => json(clientAdmin),
      'POST /bff/logout': () => new Response(null, { status: 204 }),
    })
    renderApp('/')
    await userEvent.click(await screen.findByRole('button', { name: 'Alice Martin' }))
    await userEvent.click(await screen.findByRole('menuitem', { name: 'Sign out' }))

    expect(await screen.findByRole('heading', { name: 'Sign in' })).toBeInTheDocument()
    expect(calls.find((call) => call.url === '/bff/logout')?.headers.get('X-CSRF')).toBe('1')
  })

  it('goes to the log-in page when the session ends during an API call', async () => {
    fakeBackend({ 'GET /bff/user': () => json(clientAdmin), 'GET /api/identity/users': () => json({ status: 401 }, 401) })
    renderApp('/users')

    expect(await screen.findByRole('heading', { name: 'Sign in' })).toBeInTheDocument()
  })
})
