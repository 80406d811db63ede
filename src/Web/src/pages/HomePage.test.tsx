import { screen, within } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import type { UserInfo } from '../hooks/session'
import { agent, contractManager, providerOrganisation, requester, summary } from '../test/contracts'
import { notificationOf } from '../test/notifications'
import { desk, portfolioOf, portfolioRow } from '../test/portfolio'
import { fakeBackend, json, renderApp, type FakeCall } from '../test/render'
import { summaryOf } from '../test/tickets'

const unread = [
  notificationOf({ id: 'n-amendment', kind: 'amendmentProposed', subject: { type: 'version', label: '2' }, data: { version: 2, side: 'provider' } }),
  notificationOf({ id: 'n-scorecard', kind: 'monthlyScorecard', data: { month: '2026-02' } }),
]

function backend(user: UserInfo): FakeCall[] {
  return fakeBackend({
    'GET /bff/user': () => json(user),
    'GET /api/identity/organisations/providers': () => json([providerOrganisation]),
    'GET /api/notifications/unread-count': () => json({ count: 2 }),
    'GET /api/notifications/': () => json({ items: unread }),
    'GET /api/contracts': () => json([summary()]),
    'GET /api/reporting/portfolio': () => json(portfolioOf([portfolioRow()])),
    'GET /api/reporting/desk': () => json(desk),
    'GET /api/incidents/tickets': (call) =>
      json({ items: call.url.includes('status=resolved') ? [summaryOf({ id: 'tk-7', number: 107, title: 'Imprimante', status: 'resolved' })] : [summaryOf()] }),
  })
}

describe('home page', () => {
  it('shows the desk its open tickets and those at risk of breach, besides its organisation', async () => {
    const calls = backend(agent)
    renderApp('/')

    const today = await screen.findByRole('region', { name: 'Your desk today' })
    expect(await within(today).findByText('3 open tickets')).toBeInTheDocument()
    expect(within(today).getByRole('link', { name: '#131' })).toHaveAttribute('href', '/tickets/tk-1')
    expect(screen.getByRole('region', { name: 'Your organisation' })).toBeInTheDocument()
    expect(calls.some((call) => call.url.startsWith('/api/reporting/portfolio'))).toBe(false)
  })

  it('shows a client manager what awaits a decision and the portfolio’s worst rates first', async () => {
    const calls = backend(contractManager)
    renderApp('/')

    const awaiting = await screen.findByRole('region', { name: 'Awaiting your decision' })
    const items = await within(awaiting).findAllByRole('listitem')
    // The monthly scorecard is news, not a decision: it stays in the bell.
    expect(items).toHaveLength(1)
    expect(within(items[0]!).getByRole('link')).toHaveAttribute('href', '/contracts/c-1?tab=terms&version=2')

    const compact = screen.getByRole('region', { name: 'Portfolio at a glance' })
    expect(await within(compact).findByRole('link', { name: 'INF-2026-01' })).toHaveAttribute('href', '/contracts/c-1?tab=dashboard')
    expect(within(compact).getByRole('link', { name: 'The whole portfolio' })).toHaveAttribute('href', '/portfolio')
    expect(calls.map((call) => call.url)).toContain('/api/reporting/portfolio?sort=successRate')
    expect(calls.some((call) => call.url.startsWith('/api/reporting/desk'))).toBe(false)
  })

  it('shows a requester its open tickets and the resolved ones to rate', async () => {
    backend(requester)
    renderApp('/')

    const open = await screen.findByRole('region', { name: 'Your open tickets' })
    expect(await within(open).findByRole('link', { name: '#101 La messagerie ne répond plus' })).toHaveAttribute('href', '/tickets/tk-1')
    const toRate = screen.getByRole('region', { name: 'Resolved tickets you may rate' })
    expect(await within(toRate).findByRole('link', { name: '#107 Imprimante' })).toHaveAttribute('href', '/tickets/tk-7')
    expect(screen.queryByRole('region', { name: 'Awaiting your decision' })).not.toBeInTheDocument()
  })
})
