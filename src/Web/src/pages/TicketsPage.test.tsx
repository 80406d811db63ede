import { screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it } from 'vitest'
import { agent, requester } from '../test/contracts'
import { fakeBackend, fastUser, json, onAPhone, renderApp, type FakeCall } from '../test/render'
import { fromNow, summaryOf, ticketContracts, ticketOf } from '../test/tickets'

const minutes = (count: number) => count * 60_000
const listCalls = (calls: FakeCall[]) => calls.filter((call) => call.method === 'GET' && call.url.startsWith('/api/incidents/tickets?'))
const paramsOf = (call: FakeCall) => new URLSearchParams(call.url.split('?')[1])

async function openForm() {
  await userEvent.click(await screen.findByRole('button', { name: 'New ticket' }))
  return screen.findByRole('dialog', { name: 'New ticket' })
}

describe('ticket creation form', () => {
  const backend = (extra: Parameters<typeof fakeBackend>[0] = {}) =>
    fakeBackend({
      'GET /bff/user': () => json(requester),
      'GET /api/incidents/contracts': () => json(ticketContracts),
      'GET /api/incidents/tickets': () => json({ items: [], nextCursor: null }),
      ...extra,
    })

  it('shows the priority the ITIL matrix gives as impact and urgency change', async () => {
    backend()
    renderApp('/tickets')
    const dialog = await openForm()
    const computed = within(dialog).getByTestId('computed-priority')
    expect(computed).toHaveTextContent('P3')

    // The whole matrix is ticketRules.test.ts's; here, that the form follows both fields as they change.
    await userEvent.selectOptions(within(dialog).getByLabelText(/^Impact/), 'High')
    expect(computed).toHaveTextContent('P2')
    await userEvent.selectOptions(within(dialog).getByLabelText(/^Urgency/), 'High')
    expect(computed).toHaveTextContent('P1')
    await userEvent.selectOptions(within(dialog).getByLabelText(/^Impact/), 'Low')
    expect(computed).toHaveTextContent('P3')
  })

  it('requires a reason for another priority than the matrix’s, and sends both', async () => {
    const created = ticketOf({ id: 'tk-9', number: 109, title: 'Imprimante du 3e', priority: 'P1', priorityReason: 'Salon client demain' })
    const calls = backend({
      'POST /api/incidents/tickets': () => json(created, 201),
      'GET /api/incidents/tickets/tk-9': () => json(created),
      'GET /api/incidents/tickets/tk-9/comments': () => json([]),
    })
    renderApp('/tickets')
    const dialog = await openForm()

    await userEvent.selectOptions(await within(dialog).findByLabelText(/^Contract/), 'INF-2026-02')
    await userEvent.click(within(dialog).getByLabelText('Service request'))
    await userEvent.type(within(dialog).getByLabelText(/^Title/), 'Imprimante du 3e')
    await userEvent.click(within(dialog).getByLabelText('Set another priority'))
    await userEvent.selectOptions(within(dialog).getByLabelText(/^Priority/), 'P1 — Critical')
    expect(within(dialog).getByText('The ticket will be opened as P1 instead of P3.')).toBeInTheDocument()

    await userEvent.click(within(dialog).getByRole('button', { name: 'Open the ticket' }))
    expect(within(dialog).getByText('Say why the priority differs from what impact and urgency give.')).toBeInTheDocument()
    expect(calls.some((call) => call.method === 'POST')).toBe(false)

    await userEvent.type(within(dialog).getByLabelText(/^Why another priority/), 'Salon client demain')
    await userEvent.click(within(dialog).getByRole('button', { name: 'Open the ticket' }))

    expect(await screen.findByRole('heading', { name: '#109 — Imprimante du 3e', level: 1 })).toBeInTheDocument()
    expect(calls.find((call) => call.method === 'POST')?.body).toEqual({
      contractId: 'c-2',
      kind: 'request',
      title: 'Imprimante du 3e',
      description: '',
      impact: 'medium',
      urgency: 'medium',
      priority: 'P1',
      priorityReason: 'Salon client demain',
    })
  })

  it('sends no priority when it follows the matrix', async () => {
    const created = ticketOf({ id: 'tk-9' })
    const calls = backend({
      'POST /api/incidents/tickets': () => json(created, 201),
      'GET /api/incidents/tickets/tk-9': () => json(created),
      'GET /api/incidents/tickets/tk-9/comments': () => json([]),
    })
    renderApp('/tickets')
    const dialog = await openForm()
    await userEvent.selectOptions(await within(dialog).findByLabelText(/^Contract/), 'INF-2026-01')
    await userEvent.type(within(dialog).getByLabelText(/^Title/), 'Messagerie')
    await userEvent.type(within(dialog).getByLabelText(/^Description/), 'Outlook déconnecté')
    await userEvent.selectOptions(within(dialog).getByLabelText(/^Impact/), 'High')
    await userEvent.click(within(dialog).getByRole('button', { name: 'Open the ticket' }))

    await screen.findByRole('heading', { level: 1, name: /#101/ })
    expect(calls.find((call) => call.method === 'POST')?.body).toEqual({
      contractId: 'c-1',
      kind: 'incident',
      title: 'Messagerie',
      description: 'Outlook déconnecté',
      impact: 'high',
      urgency: 'medium',
    })
  })

  it('shows the service’s 422 messages under their fields', async () => {
    backend({
      'POST /api/incidents/tickets': () =>
        json(
          {
            title: 'One or more validation errors occurred.',
            status: 422,
            errors: {
              contractId: ['The contract is not signed yet: tickets open once its terms are in force.'],
              title: ['At most 200 characters.'],
              priorityReason: ['Say why the priority differs from what impact and urgency give.'],
            },
          },
          422,
        ),
    })
    renderApp('/tickets')
    const dialog = await openForm()
    await userEvent.selectOptions(await within(dialog).findByLabelText(/^Contract/), 'INF-2026-01')
    await userEvent.type(within(dialog).getByLabelText(/^Title/), 'Messagerie')
    await userEvent.click(within(dialog).getByLabelText('Set another priority'))
    await userEvent.click(within(dialog).getByRole('button', { name: 'Open the ticket' }))

    expect(await within(dialog).findByText('The contract is not signed yet: tickets open once its terms are in force.')).toBeInTheDocument()
    expect(within(dialog).getByLabelText(/^Contract/)).toHaveAttribute('aria-invalid', 'true')
    expect(within(dialog).getByText('At most 200 characters.')).toBeInTheDocument()
    expect(within(dialog).getByLabelText(/^Title/)).toHaveAttribute('aria-invalid', 'true')
    expect(within(dialog).getByText('Say why the priority differs from what impact and urgency give.')).toBeInTheDocument()
    expect(within(dialog).queryByRole('alert')).not.toBeInTheDocument()
  })
})

describe('tickets list', () => {
  it('shows a client its tickets, newest first, with a new ticket button and filters', async () => {
    const calls = fakeBackend({
      'GET /bff/user': () => json(requester),
      'GET /api/incidents/contracts': () => json(ticketContracts),
      'GET /api/incidents/tickets': () =>
        json({
          items: [
            summaryOf(),
            summaryOf({ id: 'tk-2', number: 99, title: 'Nouveau poste', kind: 'request', priority: 'P4', status: 'pendingClient', pendingSide: 'client', slaDueAt: null }),
          ],
          nextCursor: null,
        }),
    })
    renderApp('/tickets')

    expect(await screen.findByRole('heading', { name: 'Tickets', level: 1 })).toBeInTheDocument()
    const row = (await screen.findByRole('link', { name: 'La messagerie ne répond plus' })).closest('tr')!
    expect(within(row).getByText('P2')).toBeInTheDocument()
    expect(within(row).getByText('New')).toBeInTheDocument()
    expect(within(row).getByText('in 2 h 10 min')).toBeInTheDocument()
    const waiting = screen.getByRole('link', { name: 'Nouveau poste' }).closest('tr')!
    expect(within(waiting).getByText('Waiting on the client')).toBeInTheDocument()
    expect(within(waiting).getByText('Paused')).toBeInTheDocument()
    expect(screen.getByRole('link', { name: 'Ticket 99' })).toHaveAttribute('href', '/tickets/tk-2')
    expect(screen.getByRole('button', { name: 'New ticket' })).toBeInTheDocument()
    expect(screen.queryByLabelText('Assignee')).not.toBeInTheDocument()
    expect(paramsOf(listCalls(calls)[0]!).get('status')).toBeNull()

    await userEvent.selectOptions(screen.getByLabelText('Priority'), 'P1')
    await waitFor(() => expect(paramsOf(listCalls(calls).at(-1)!).get('priority')).toBe('P1'))
    await userEvent.selectOptions(screen.getByLabelText('Status'), 'Resolved')
    await waitFor(() => expect(paramsOf(listCalls(calls).at(-1)!).get('status')).toBe('resolved'))
    await userEvent.selectOptions(screen.getByLabelText('Contract'), 'INF-2026-02')
    await waitFor(() => expect(paramsOf(listCalls(calls).at(-1)!).get('contractId')).toBe('c-2'))
  })

  it('gives the desk its queue by SLA urgency, with a countdown, the breaches, and more on demand', async () => {
    const first = [
      summaryOf({ id: 'tk-late', number: 7, title: 'Serveur ERP arrêté', priority: 'P1', slaDueAt: fromNow(-minutes(35) - 30_000), breached: true, assigneeName: 'Agnès Agent', team: 'Systèmes' }),
      summaryOf({ id: 'tk-soon', number: 8, title: 'VPN lent', level: 2, slaDueAt: fromNow(minutes(130) + 30_000) }),
    ]
    const second = [summaryOf({ id: 'tk-later', number: 9, title: 'Licence à renouveler', priority: 'P4', slaDueAt: fromNow(minutes(3 * 1440 + 120) + 30_000) })]
    const calls = fakeBackend({
      'GET /bff/user': () => json(agent),
      'GET /api/incidents/contracts': () => json(ticketContracts),
      'GET /api/incidents/tickets': (call) =>
        paramsOf(call).get('cursor') === 'page-2' ? json({ items: second, nextCursor: null }) : json({ items: first, nextCursor: 'page-2' }),
    })
    renderApp('/tickets')

    expect(await screen.findByRole('heading', { name: 'Desk queue', level: 1 })).toBeInTheDocument()
    await screen.findByRole('link', { name: 'Serveur ERP arrêté' })
    const titles = () => screen.getAllByRole('row').slice(1).map((row) => within(row).getAllByRole('link')[1]!.textContent)
    expect(titles()).toEqual(['Serveur ERP arrêté', 'VPN lent'])
    const late = screen.getByRole('link', { name: 'Serveur ERP arrêté' }).closest('tr')!
    expect(within(late).getByText('Breached')).toBeInTheDocument()
    expect(within(late).getByText('overdue by 35 min')).toBeInTheDocument()
    expect(within(late).getByText('Agnès Agent')).toBeInTheDocument()
    expect(within(late).getByText('Systèmes')).toBeInTheDocument()
    expect(within(late).getByText('Client SA')).toBeInTheDocument()
    const soon = screen.getByRole('link', { name: 'VPN lent' }).closest('tr')!
    expect(within(soon).getByText('in 2 h 10 min')).toBeInTheDocument()
    expect(within(soon).getByText('L2')).toBeInTheDocument()
    expect(within(soon).getByText('Not assigned')).toBeInTheDocument()
    expect(paramsOf(listCalls(calls)[0]!).get('status')).toBe('open')

    await userEvent.click(screen.getByRole('button', { name: 'Load more' }))
    await screen.findByRole('link', { name: 'Licence à renouveler' })
    expect(titles()).toEqual(['Serveur ERP arrêté', 'VPN lent', 'Licence à renouveler'])
    expect(within(screen.getByRole('link', { name: 'Licence à renouveler' }).closest('tr')!).getByText('in 3 d 2 h')).toBeInTheDocument()
    expect(paramsOf(listCalls(calls).at(-1)!).get('cursor')).toBe('page-2')
    expect(screen.queryByRole('button', { name: 'Load more' })).not.toBeInTheDocument()

    await userEvent.selectOptions(screen.getByLabelText('Assignee'), 'Not assigned')
    await waitFor(() => expect(paramsOf(listCalls(calls).at(-1)!).get('assignee')).toBe('none'))
    await userEvent.click(screen.getByLabelText('Breached only'))
    await waitFor(() => expect(paramsOf(listCalls(calls).at(-1)!).get('breached')).toBe('true'))
    await userEvent.selectOptions(screen.getByLabelText('Status'), 'All')
    await waitFor(() => expect(paramsOf(listCalls(calls).at(-1)!).getAll('status')).toEqual(['new', 'assigned', 'inProgress', 'pendingClient', 'resolved', 'closed']))
    await userEvent.selectOptions(screen.getByLabelText('Level'), 'Level 2')
    await waitFor(() => expect(paramsOf(listCalls(calls).at(-1)!).get('level')).toBe('2'))
    expect(paramsOf(listCalls(calls).at(-1)!).get('cursor')).toBeNull()
  })

  it('searches and sorts through the API, the view kept in the address', async () => {
    const calls = fakeBackend({
      'GET /bff/user': () => json(requester),
      'GET /api/incidents/contracts': () => json(ticketContracts),
      'GET /api/incidents/tickets': () => json({ items: [summaryOf()], nextCursor: null }),
    })
    renderApp('/tickets?q=messagerie&sort=title&order=desc')

    await screen.findByRole('link', { name: 'La messagerie ne répond plus' })
    expect(screen.getByLabelText('Search')).toHaveValue('messagerie')
    expect(paramsOf(listCalls(calls)[0]!).get('q')).toBe('messagerie')
    expect(screen.getByRole('columnheader', { name: 'Title' })).toHaveAttribute('aria-sort', 'descending')

    await userEvent.click(screen.getByRole('button', { name: 'Priority' }))
    await waitFor(() => expect(paramsOf(listCalls(calls).at(-1)!).get('sort')).toBe('priority'))
    expect(paramsOf(listCalls(calls).at(-1)!).get('order')).toBe('asc')
    expect(screen.getByRole('columnheader', { name: 'Priority' })).toHaveAttribute('aria-sort', 'ascending')
    await userEvent.click(screen.getByRole('button', { name: 'Priority' }))
    await waitFor(() => expect(paramsOf(listCalls(calls).at(-1)!).get('order')).toBe('desc'))

    await userEvent.clear(screen.getByLabelText('Search'))
    await userEvent.type(screen.getByLabelText('Search'), '#42{Enter}')
    await waitFor(() => expect(paramsOf(listCalls(calls).at(-1)!).get('q')).toBe('#42'))
    await userEvent.click(screen.getByRole('button', { name: 'Clear the search' }))
    await waitFor(() => expect(paramsOf(listCalls(calls).at(-1)!).get('q')).toBeNull())
    expect(paramsOf(listCalls(calls).at(-1)!).get('sort')).toBe('priority')
  })

  // A browser test once saw the contract back on "All": each change started from the address still on screen, which
  // React Router had not rendered the previous change into yet.
  it('keeps every filter chosen in quick succession, before the list follows the first', async () => {
    const calls = fakeBackend({
      'GET /bff/user': () => json(agent),
      'GET /api/incidents/contracts': () => json(ticketContracts),
      'GET /api/incidents/tickets': () => json({ items: [summaryOf()], nextCursor: null }),
    })
    const { address } = renderApp('/tickets')
    await screen.findByRole('link', { name: 'La messagerie ne répond plus' })
    await screen.findByRole('option', { name: /^INF-2026-02/ })

    fastUser.select(screen.getByLabelText('Contract'), 'c-2')
    fastUser.select(screen.getByLabelText('Assignee'), 'me')
    fastUser.fill(screen.getByLabelText('Search'), 'vpn')

    await waitFor(() => expect(paramsOf(listCalls(calls).at(-1)!).get('q')).toBe('vpn'))
    expect(address()).toBe('/tickets?contract=c-2&assignee=me&q=vpn')
    expect(paramsOf(listCalls(calls).at(-1)!).get('contractId')).toBe('c-2')
    expect(paramsOf(listCalls(calls).at(-1)!).get('assignee')).toBe('me')
    expect(screen.getByLabelText('Contract')).toHaveValue('c-2')
    expect(screen.getByLabelText('Assignee')).toHaveValue('me')
  })

  it('keeps a filter chosen while the search box waits to send its text', async () => {
    const calls = fakeBackend({
      'GET /bff/user': () => json(agent),
      'GET /api/incidents/contracts': () => json(ticketContracts),
      'GET /api/incidents/tickets': () => json({ items: [summaryOf()], nextCursor: null }),
    })
    const { address } = renderApp('/tickets?priority=P1')
    await screen.findByRole('link', { name: 'La messagerie ne répond plus' })
    await screen.findByRole('option', { name: /^INF-2026-02/ })

    // The text is sent when typing pauses (or on Enter), by then the contract's change is asked for, not yet shown.
    fastUser.fill(screen.getByLabelText('Search'), 'vpn')
    fastUser.select(screen.getByLabelText('Contract'), 'c-2')
    fastUser.enter(screen.getByLabelText('Search'))

    await waitFor(() => expect(paramsOf(listCalls(calls).at(-1)!).get('q')).toBe('vpn'))
    expect(address()).toBe('/tickets?contract=c-2&priority=P1&q=vpn')
    expect(paramsOf(listCalls(calls).at(-1)!).get('contractId')).toBe('c-2')
    expect(screen.getByLabelText('Contract')).toHaveValue('c-2')
    expect(screen.getByLabelText('Search')).toHaveValue('vpn')
  })

  it('changes the view a link opened, not the one shown before it', async () => {
    fakeBackend({
      'GET /bff/user': () => json(requester),
      'GET /api/incidents/contracts': () => json(ticketContracts),
      'GET /api/incidents/tickets': () => json({ items: [summaryOf()], nextCursor: null }),
    })
    const { address } = renderApp('/tickets?priority=P1')
    await screen.findByRole('link', { name: 'La messagerie ne répond plus' })
    await userEvent.selectOptions(screen.getByLabelText('Kind'), 'Incident')
    await waitFor(() => expect(address()).toBe('/tickets?priority=P1&kind=incident'))

    await userEvent.click(within(screen.getByRole('navigation', { name: 'Main navigation' })).getByRole('link', { name: 'Tickets' }))
    await waitFor(() => expect(address()).toBe('/tickets'))
    await userEvent.selectOptions(screen.getByLabelText('Status'), 'Resolved')
    await waitFor(() => expect(screen.getByLabelText('Status')).toHaveValue('resolved'))
    expect(address()).toBe('/tickets?status=resolved')
  })

  it('shows a contract of the address the caller cannot see as unknown, with a way to clear it', async () => {
    const calls = fakeBackend({
      'GET /bff/user': () => json(requester),
      'GET /api/incidents/contracts': () => json(ticketContracts),
      'GET /api/incidents/tickets': () => json({ items: [], nextCursor: null }),
    })
    renderApp('/tickets?contract=c-foreign')

    expect(await screen.findByText(/another organisation’s, closed or deleted/)).toBeInTheDocument()
    const select = screen.getByLabelText('Contract')
    expect(select).toHaveValue('c-foreign')
    expect(within(select).getByRole('option', { selected: true })).toHaveTextContent('Unknown contract')
    expect(paramsOf(listCalls(calls)[0]!).get('contractId')).toBe('c-foreign')

    await userEvent.click(screen.getByRole('button', { name: 'Show every contract' }))
    await waitFor(() => expect(paramsOf(listCalls(calls).at(-1)!).get('contractId')).toBeNull())
    expect(screen.queryByText('Unknown contract')).not.toBeInTheDocument()
    expect(screen.getByLabelText('Contract')).toHaveValue('')
  })

  it('takes several tickets of the queue at once, and says which were refused and why', async () => {
    const queue = [
      summaryOf({ id: 'tk-a', number: 7, title: 'Serveur ERP arrêté' }),
      summaryOf({ id: 'tk-b', number: 8, title: 'VPN lent' }),
      summaryOf({ id: 'tk-c', number: 9, title: 'Licence à renouveler' }),
    ]
    const calls = fakeBackend({
      'GET /bff/user': () => json(agent),
      'GET /api/incidents/contracts': () => json(ticketContracts),
      'GET /api/incidents/tickets': () => json({ items: queue, nextCursor: null }),
      'POST /api/incidents/tickets/tk-a/assignment': () => json(ticketOf({ id: 'tk-a' })),
      'POST /api/incidents/tickets/tk-b/assignment': () => json({ status: 409, title: 'Conflict', detail: 'The ticket is closed.' }, 409),
    })
    renderApp('/tickets')

    await screen.findByRole('link', { name: 'VPN lent' })
    expect(screen.queryByRole('group', { name: 'Action on the selected tickets' })).not.toBeInTheDocument()
    await userEvent.click(screen.getByLabelText('Select ticket 7'))
    await userEvent.click(screen.getByLabelText('Select ticket 8'))
    const bar = screen.getByRole('group', { name: 'Action on the selected tickets' })
    expect(within(bar).getByText('2 tickets selected')).toBeInTheDocument()
    await userEvent.click(within(bar).getByRole('button', { name: 'Take them' }))

    expect(await screen.findByText('1 of 2 done.')).toBeInTheDocument()
    expect(screen.getByText('#8 VPN lent: refused. The ticket is closed.')).toBeInTheDocument()
    const posts = calls.filter((call) => call.method === 'POST')
    expect(posts.map((call) => call.url)).toEqual(['/api/incidents/tickets/tk-a/assignment', '/api/incidents/tickets/tk-b/assignment'])
    expect(posts[0]!.body).toEqual({ toMe: true })
    expect(screen.getByLabelText('Select ticket 7')).not.toBeChecked()

    await userEvent.click(screen.getByLabelText('Select every ticket shown'))
    expect(within(screen.getByRole('group', { name: 'Action on the selected tickets' })).getByText('3 tickets selected')).toBeInTheDocument()
  })

  it('shows the desk a card per ticket on a phone, priority, status and SLA included, the filters folded', async () => {
    onAPhone()
    const queue = [
      summaryOf({ id: 'tk-a', number: 7, title: 'Serveur ERP arrêté', priority: 'P1', slaDueAt: fromNow(-minutes(35) - 30_000), breached: true }),
      summaryOf({ id: 'tk-b', number: 8, title: 'VPN lent', status: 'inProgress', slaDueAt: fromNow(minutes(130) + 30_000) }),
    ]
    const calls = fakeBackend({
      'GET /bff/user': () => json(agent),
      'GET /api/incidents/contracts': () => json(ticketContracts),
      'GET /api/incidents/tickets': () => json({ items: queue, nextCursor: null }),
    })
    renderApp('/tickets?priority=P1')

    const cards = within(await screen.findByRole('list', { name: 'The desk’s queue, earliest SLA due first' })).getAllByRole('listitem')
    expect(screen.queryByRole('table')).not.toBeInTheDocument()
    expect(within(cards[0]!).getByRole('link', { name: '#7 Serveur ERP arrêté' })).toHaveAttribute('href', '/tickets/tk-a')
    expect(within(cards[0]!).getByText('P1')).toBeInTheDocument()
    expect(within(cards[0]!).getByText('Breached')).toBeInTheDocument()
    expect(within(cards[0]!).getByText('overdue by 35 min')).toBeInTheDocument()
    expect(within(cards[1]!).getByText('In progress')).toBeInTheDocument()
    expect(within(cards[1]!).getByText('in 2 h 10 min')).toBeInTheDocument()

    // The filters in use are counted on the button that unfolds them; the search stays out.
    const filters = screen.getByRole('button', { name: 'Filters (1)' })
    expect(filters).toHaveAttribute('aria-expanded', 'false')
    expect(screen.getByLabelText('Search')).toBeInTheDocument()
    await userEvent.click(filters)
    expect(filters).toHaveAttribute('aria-expanded', 'true')

    await userEvent.click(within(cards[1]!).getByLabelText('Select ticket 8'))
    expect(within(screen.getByRole('group', { name: 'Action on the selected tickets' })).getByText('1 ticket selected')).toBeInTheDocument()
    await userEvent.click(screen.getByLabelText('Select every ticket shown'))
    expect(within(screen.getByRole('group', { name: 'Action on the selected tickets' })).getByText('2 tickets selected')).toBeInTheDocument()

    // The table's headers sort it; above the cards, a choice does.
    expect(screen.getByRole('combobox', { name: 'Sort by' })).toHaveValue('urgency')
    await userEvent.selectOptions(screen.getByRole('combobox', { name: 'Sort by' }), 'Priority')
    await waitFor(() => expect(paramsOf(listCalls(calls).at(-1)!).get('sort')).toBe('priority'))
    const order = paramsOf(listCalls(calls).at(-1)!).get('order')
    await userEvent.click(screen.getByRole('button', { name: order === 'asc' ? 'Ascending order: reverse it' : 'Descending order: reverse it' }))
    await waitFor(() => expect(paramsOf(listCalls(calls).at(-1)!).get('order')).toBe(order === 'asc' ? 'desc' : 'asc'))
  })

  it('saves the view on screen under a name, applies a saved view and deletes it', async () => {
    let views = [{ id: 'v-1', list: 'tickets', name: 'Mes P1', query: 'priority=P1&sort=title', createdAt: fromNow(0) }]
    const calls = fakeBackend({
      'GET /bff/user': () => json(requester),
      'GET /api/incidents/contracts': () => json(ticketContracts),
      'GET /api/incidents/tickets': () => json({ items: [summaryOf()], nextCursor: null }),
      'GET /api/incidents/saved-views': () => json(views),
      'POST /api/incidents/saved-views': (call) => {
        const body = call.body as { name: string; query: string }
        views = [...views, { id: 'v-2', list: 'tickets', name: body.name, query: body.query, createdAt: fromNow(0) }]
        return json(views.at(-1), 201)
      },
      'DELETE /api/incidents/saved-views/v-1': () => {
        views = views.filter((view) => view.id !== 'v-1')
        return new Response(null, { status: 204 })
      },
    })
    renderApp('/tickets?q=vpn')

    await screen.findByRole('link', { name: 'La messagerie ne répond plus' })
    await userEvent.click(screen.getByRole('button', { name: 'Save this view…' }))
    const dialog = await screen.findByRole('dialog', { name: 'Save this view' })
    await userEvent.type(within(dialog).getByLabelText(/^Name of the view/), 'VPN')
    await userEvent.click(within(dialog).getByRole('button', { name: 'Save' }))
    await waitFor(() => expect(calls.find((call) => call.method === 'POST')?.body).toEqual({ list: 'tickets', name: 'VPN', query: 'q=vpn' }))
    expect(await screen.findByRole('button', { name: 'Delete “VPN”' })).toBeInTheDocument()

    await userEvent.selectOptions(screen.getByLabelText('Saved views'), 'Mes P1')
    await waitFor(() => expect(paramsOf(listCalls(calls).at(-1)!).get('priority')).toBe('P1'))
    expect(paramsOf(listCalls(calls).at(-1)!).get('sort')).toBe('title')
    expect(paramsOf(listCalls(calls).at(-1)!).get('q')).toBeNull()
    await userEvent.click(screen.getByRole('button', { name: 'Delete “Mes P1”' }))
    await waitFor(() => expect(screen.queryByRole('option', { name: 'Mes P1' })).not.toBeInTheDocument())
  })

  it('says when the queue is empty', async () => {
    fakeBackend({
      'GET /bff/user': () => json(agent),
      'GET /api/incidents/contracts': () => json([]),
      'GET /api/incidents/tickets': () => json({ items: [], nextCursor: null }),
    })
    renderApp('/tickets')
    expect(await screen.findByText('Nothing waits in the queue with these filters.')).toBeInTheDocument()
  })
})
