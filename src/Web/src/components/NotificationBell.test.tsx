import { focusManager } from '@tanstack/react-query'
import { screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, describe, expect, it } from 'vitest'
import { accountManager, contractManager, detail, operatorUser, providerOrganisation, version } from '../test/contracts'
import { notificationOf, oneOfEachKind } from '../test/notifications'
import { fakeBackend, json, renderApp, type FakeCall } from '../test/render'

const amendment = oneOfEachKind.find((notification) => notification.kind === 'amendmentProposed')!
const unreadCalls = (calls: FakeCall[]) => calls.filter((call) => call.url === '/api/notifications/unread-count')

describe('notification bell', () => {
  afterEach(() => focusManager.setFocused(undefined))

  it('says how many are unread, lists the latest, and opens the amendment on the terms at its version, marked read', async () => {
    let unread = 3
    const calls = fakeBackend({
      'GET /bff/user': () => json(contractManager),
      'GET /api/notifications/unread-count': () => json({ count: unread }),
      'GET /api/notifications/': () => json({ items: [amendment, { ...oneOfEachKind[0]!, read: true, readAt: '2027-04-01T07:00:00Z' }], nextCursor: 'n-x' }),
      'POST /api/notifications/n-amendment/read': () => {
        unread = 2
        return new Response(null, { status: 204 })
      },
      'GET /api/identity/organisations/providers': () => json([providerOrganisation]),
      'GET /api/contracts/c-1': () =>
        json(detail({ versions: [{ number: 1, status: 'active', origin: 'signature' }, { number: 2, status: 'proposed', origin: 'amendment', proposedSide: 'provider' }] })),
      'GET /api/contracts/c-1/versions/2': () => json(version({ number: 2, status: 'proposed', origin: 'amendment' })),
    })
    renderApp('/')

    const bell = await screen.findByRole('button', { name: 'Notifications, 3 unread' })
    expect(within(bell).getByText('3')).toBeInTheDocument()
    await userEvent.click(bell)
    const menu = await screen.findByRole('menu')
    const items = await within(menu).findAllByRole('menuitem', { name: /INF-2026-01/ })
    expect(items.map((item) => item.querySelector('p')?.textContent)).toEqual([
      'Unread: Amendment (version 2) proposed by Antoine Garnier, to countersign',
      'SLA warning on ticket 1042 (P2): 75% of the time to resolve used',
    ])
    expect(within(menu).getByText('Takes effect on Jul 1, 2027')).toBeInTheDocument()
    // The home page reads the unread ones too; the bell reads the latest, read or not.
    expect(calls.map((call) => call.url)).toContain('/api/notifications/?limit=8')

    await userEvent.click(items[0]!)
    expect(await screen.findByRole('heading', { name: 'Terms of version 2' })).toBeInTheDocument()
    await waitFor(() => expect(calls.filter((call) => call.method === 'POST').map((call) => call.url)).toEqual(['/api/notifications/n-amendment/read']))
    expect(calls.find((call) => call.method === 'POST')?.headers.get('X-CSRF')).toBe('1')
    expect(await screen.findByRole('button', { name: 'Notifications, 2 unread' })).toBeInTheDocument()
  })

  it('leads each notification to its ticket, invoice, evolutions, terms, review, phases or contract', async () => {
    fakeBackend({
      'GET /bff/user': () => json(accountManager),
      'GET /api/notifications/unread-count': () => json({ count: oneOfEachKind.length }),
      'GET /api/notifications/': () => json({ items: oneOfEachKind, nextCursor: null }),
    })
    renderApp('/')

    await userEvent.click(await screen.findByRole('button', { name: `Notifications, ${oneOfEachKind.length} unread` }))
    const items = await within(await screen.findByRole('menu')).findAllByRole('menuitem', { name: /^Unread:/ })
    expect(items.map((item) => item.getAttribute('href'))).toEqual([
      '/tickets/tk-1',
      '/tickets/tk-1',
      '/tickets/tk-2',
      '/tickets/tk-2',
      '/contracts/c-1',
      '/contracts/c-1?tab=evolutions',
      '/contracts/c-1?tab=evolutions',
      '/contracts/c-1?tab=terms&version=2',
      '/contracts/c-1',
      '/invoices/inv-2',
      '/invoices/inv-2',
      '/invoices/inv-3',
      '/invoices/inv-4',
      ...Array<string>(5).fill('/contracts/c-1?tab=reviews&review=rv-1'),
      ...Array<string>(3).fill('/contracts/c-1?tab=phases'),
      '/contracts/c-1',
    ])
  })

  it('marks everything read, and leads to all notifications', async () => {
    let unread = 2
    const calls = fakeBackend({
      'GET /bff/user': () => json(contractManager),
      'GET /api/notifications/unread-count': () => json({ count: unread }),
      'GET /api/notifications/': () => json({ items: [notificationOf({ id: 'n-1', kind: 'ticketResolved', subject: { type: 'ticket', id: 'tk-2', label: '1043' } })] }),
      'POST /api/notifications/read-all': () => {
        unread = 0
        return json({ count: 2 })
      },
    })
    renderApp('/')

    await userEvent.click(await screen.findByRole('button', { name: 'Notifications, 2 unread' }))
    await userEvent.click(await screen.findByRole('menuitem', { name: 'Mark all as read' }))
    expect(await screen.findByRole('button', { name: 'Notifications' })).toBeInTheDocument()
    expect(calls.filter((call) => call.method === 'POST').map((call) => call.url)).toEqual(['/api/notifications/read-all'])

    await userEvent.click(screen.getByRole('button', { name: 'Notifications' }))
    expect(screen.getByRole('menuitem', { name: 'Mark all as read' })).toBeDisabled()
    await userEvent.click(screen.getByRole('menuitem', { name: 'See all notifications' }))
    expect(await screen.findByRole('heading', { name: 'Notifications', level: 1 })).toBeInTheDocument()
  })

  it('reads the count again when the window regains focus', async () => {
    let unread = 0
    const calls = fakeBackend({
      'GET /bff/user': () => json(contractManager),
      'GET /api/notifications/unread-count': () => json({ count: unread }),
    })
    renderApp('/')

    await screen.findByRole('button', { name: 'Notifications' })
    expect(unreadCalls(calls)).toHaveLength(1)
    unread = 1
    focusManager.setFocused(false)
    focusManager.setFocused(true)
    expect(await screen.findByRole('button', { name: 'Notifications, 1 unread' })).toBeInTheDocument()
    expect(unreadCalls(calls)).toHaveLength(2)
  })

  it('says "99+" past 99, in its name as on its badge', async () => {
    fakeBackend({
      'GET /bff/user': () => json(contractManager),
      'GET /api/notifications/unread-count': () => json({ count: 111 }),
    })
    renderApp('/')

    const bell = await screen.findByRole('button', { name: 'Notifications, 99+ unread' })
    expect(within(bell).getByText('99+')).toBeInTheDocument()
  })

  it('speaks French to a French reader', async () => {
    const i18n = (await import('../i18n')).default
    await i18n.changeLanguage('fr')
    fakeBackend({
      'GET /bff/user': () => json(contractManager),
      'GET /api/notifications/unread-count': () => json({ count: 1 }),
      'GET /api/notifications/': () => json({ items: [oneOfEachKind[4]], nextCursor: null }),
    })
    renderApp('/')

    await userEvent.click(await screen.findByRole('button', { name: 'Notifications, 1 non lue' }))
    expect(await within(await screen.findByRole('menu')).findByText('Dernier jour pour donner préavis : 30 juin 2027')).toBeInTheDocument()
    expect(screen.getByRole('menuitem', { name: 'Tout marquer comme lu' })).toBeInTheDocument()
  })

  it('is not shown to an operator, who has no notification center', async () => {
    const calls = fakeBackend({ 'GET /bff/user': () => json(operatorUser) })
    renderApp('/')

    await screen.findByRole('heading', { name: 'Welcome, Olga Operator' })
    expect(screen.queryByRole('button', { name: /^Notifications/ })).not.toBeInTheDocument()
    expect(calls.some((call) => call.url.startsWith('/api/notifications'))).toBe(false)
  })
})
