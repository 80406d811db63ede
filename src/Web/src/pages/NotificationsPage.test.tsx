import { screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it } from 'vitest'
import { contractManager, detail, providerOrganisation, version } from '../test/contracts'
import { notificationOf, oneOfEachKind } from '../test/notifications'
import { fakeBackend, fastUser, json, onAPhone, renderApp, type FakeCall } from '../test/render'

const listCalls = (calls: FakeCall[]) => calls.filter((call) => call.method === 'GET' && call.url.startsWith('/api/notifications/?')).map((call) => call.url)
const rowNames = (table: HTMLElement) => within(table).getAllByRole('row').slice(1).map((row) => within(row).getAllByRole('cell')[0]!.textContent)

describe('notifications page', () => {
  it('lists every notification, newest first, and filters them by reading and kind', async () => {
    const calls = fakeBackend({
      'GET /bff/user': () => json(contractManager),
      'GET /api/notifications/unread-count': () => json({ count: 2 }),
      'GET /api/notifications/': (call) => {
        const query = new URLSearchParams(call.url.split('?')[1])
        const items = oneOfEachKind
          .map((notification, index) => ({ ...notification, read: index % 2 === 1 }))
          .filter((notification) => query.get('unread') !== 'true' || !notification.read)
          .filter((notification) => !query.has('kind') || notification.kind === query.get('kind'))
        return json({ items, nextCursor: null })
      },
    })
    renderApp('/notifications')

    const table = await screen.findByRole('table', { name: 'Your notifications, newest first' })
    expect(within(table).getAllByRole('row')).toHaveLength(oneOfEachKind.length + 1)
    const first = within(table).getAllByRole('row')[1]!
    expect(within(first).getByRole('link', { name: 'SLA warning on ticket 1042 (P2): 75% of the time to resolve used' })).toHaveAttribute('href', '/tickets/tk-1')
    expect(within(first).getByText('INF-2026-01')).toBeInTheDocument()
    expect(within(first).getByText('Unread')).toBeInTheDocument()
    expect(within(within(table).getAllByRole('row')[2]!).getByText('Read')).toBeInTheDocument()

    await userEvent.click(screen.getByRole('checkbox', { name: 'Unread only' }))
    // Every other notification, from the first, is unread.
    await waitFor(() => expect(within(screen.getByRole('table')).getAllByRole('row')).toHaveLength(Math.ceil(oneOfEachKind.length / 2) + 1))
    await userEvent.selectOptions(screen.getByRole('combobox', { name: 'Kind' }), 'Invoices disputed')
    await waitFor(() => expect(rowNames(screen.getByRole('table'))).toEqual(['Invoice F-2026-0052 disputed by Marc Dubois“The penalty credit is missing.”']))
    await userEvent.selectOptions(screen.getByRole('combobox', { name: 'Kind' }), 'Invoices approved')
    expect(await screen.findByText('No notification matches these filters.')).toBeInTheDocument()
    expect(listCalls(calls)).toEqual([
      '/api/notifications/?limit=25',
      '/api/notifications/?unread=true&limit=25',
      '/api/notifications/?unread=true&kind=invoiceDisputed&limit=25',
      '/api/notifications/?unread=true&kind=invoiceApproved&limit=25',
    ])
  })

  it('keeps both filters chosen in quick succession', async () => {
    const calls = fakeBackend({
      'GET /bff/user': () => json(contractManager),
      'GET /api/notifications/unread-count': () => json({ count: 2 }),
      'GET /api/notifications/': () => json({ items: oneOfEachKind, nextCursor: null }),
    })
    const { address } = renderApp('/notifications')
    await screen.findByRole('table', { name: 'Your notifications, newest first' })

    fastUser.click(screen.getByRole('checkbox', { name: 'Unread only' }))
    fastUser.select(screen.getByRole('combobox', { name: 'Kind' }), 'invoiceDisputed')

    await waitFor(() => expect(listCalls(calls).at(-1)).toContain('kind=invoiceDisputed'))
    expect(address()).toBe('/notifications?unread=true&kind=invoiceDisputed')
    expect(listCalls(calls).at(-1)).toBe('/api/notifications/?unread=true&kind=invoiceDisputed&limit=25')
    expect(screen.getByRole('checkbox', { name: 'Unread only' })).toBeChecked()
  })

  it('shows a card per notification on a phone, its link, contract and reading kept', async () => {
    onAPhone()
    fakeBackend({
      'GET /bff/user': () => json(contractManager),
      'GET /api/notifications/unread-count': () => json({ count: 1 }),
      'GET /api/notifications/': () => json({ items: oneOfEachKind.slice(0, 2).map((notification, index) => ({ ...notification, read: index === 1 })), nextCursor: null }),
    })
    renderApp('/notifications')

    const cards = within(await screen.findByRole('list', { name: 'Your notifications, newest first' })).getAllByRole('listitem')
    expect(screen.queryByRole('table')).not.toBeInTheDocument()
    expect(cards).toHaveLength(2)
    expect(within(cards[0]!).getByRole('link', { name: 'SLA warning on ticket 1042 (P2): 75% of the time to resolve used' })).toHaveAttribute('href', '/tickets/tk-1')
    expect(within(cards[0]!).getByText('INF-2026-01')).toBeInTheDocument()
    expect(within(cards[0]!).getByText('Unread')).toBeInTheDocument()
    expect(within(cards[1]!).getByText('Read')).toBeInTheDocument()
  })

  it('takes its filters from the address, and pages with the cursor', async () => {
    const breach = (id: string) => notificationOf({ id, kind: 'slaBreached', subject: { type: 'ticket', id: `tk-${id}`, label: id }, data: { number: id, clock: 'resolve', priority: 'P1' } })
    const calls = fakeBackend({
      'GET /bff/user': () => json(contractManager),
      'GET /api/notifications/unread-count': () => json({ count: 30 }),
      'GET /api/notifications/': (call) =>
        call.url.includes('before=')
          ? json({ items: [breach('3')], nextCursor: null })
          : json({ items: [breach('1'), breach('2')], nextCursor: 'n-2' }),
    })
    renderApp('/notifications?unread=true&kind=slaBreached')

    const table = await screen.findByRole('table', { name: 'Your notifications, newest first' })
    expect(screen.getByRole('checkbox', { name: 'Unread only' })).toBeChecked()
    expect(screen.getByRole('combobox', { name: 'Kind' })).toHaveValue('slaBreached')
    expect(within(table).getAllByRole('link').map((link) => link.textContent)).toEqual([
      'Ticket 1 (P1) breached its SLA: time to resolve exceeded',
      'Ticket 2 (P1) breached its SLA: time to resolve exceeded',
    ])

    await userEvent.click(screen.getByRole('button', { name: 'Load more' }))
    expect(await within(table).findByRole('link', { name: /^Ticket 3 / })).toBeInTheDocument()
    expect(screen.queryByRole('button', { name: 'Load more' })).not.toBeInTheDocument()
    expect(listCalls(calls)).toEqual([
      '/api/notifications/?unread=true&kind=slaBreached&limit=25',
      '/api/notifications/?unread=true&kind=slaBreached&limit=25&before=n-2',
    ])
  })

  it('opens a notification, read from then on, and marks them all read', async () => {
    let unread = 2
    const calls = fakeBackend({
      'GET /bff/user': () => json(contractManager),
      'GET /api/notifications/unread-count': () => json({ count: unread }),
      'GET /api/notifications/': () => json({ items: [oneOfEachKind[4], oneOfEachKind[7]], nextCursor: null }),
      'POST /api/notifications/read-all': () => {
        unread = 0
        return json({ count: 2 })
      },
      'POST /api/notifications/n-notice/read': () => new Response(null, { status: 204 }),
      'GET /api/identity/organisations/providers': () => json([providerOrganisation]),
      'GET /api/contracts/c-1': () => json(detail()),
      'GET /api/contracts/c-1/versions/1': () => json(version()),
    })
    renderApp('/notifications')

    const markAll = await screen.findByRole('button', { name: 'Mark all as read' })
    await waitFor(() => expect(markAll).toBeEnabled())
    await userEvent.click(markAll)
    await waitFor(() => expect(markAll).toBeDisabled())

    await userEvent.click(screen.getByRole('link', { name: 'Last day to give notice: Jun 30, 2027' }))
    expect(await screen.findByRole('heading', { name: 'INF-2026-01', level: 1 })).toBeInTheDocument()
    await waitFor(() =>
      expect(calls.filter((call) => call.method === 'POST').map((call) => call.url)).toEqual([
        '/api/notifications/read-all',
        '/api/notifications/n-notice/read',
      ]),
    )
  })

  it('says when there is nothing to read', async () => {
    fakeBackend({
      'GET /bff/user': () => json(contractManager),
      'GET /api/notifications/unread-count': () => json({ count: 0 }),
      'GET /api/notifications/': () => json({ items: [], nextCursor: null }),
    })
    renderApp('/notifications')

    expect(await screen.findByText('Nothing to read')).toBeInTheDocument()
    expect(screen.getByText('No notification.')).toBeInTheDocument()
    expect(screen.getByRole('button', { name: 'Mark all as read' })).toBeDisabled()
  })
})
