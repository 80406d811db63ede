import { screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it } from 'vitest'
import i18n from '../i18n'
import type { TicketDetail } from '../hooks/tickets'
import { agent, requester } from '../test/contracts'
import { expectLeavingAsked, fakeBackend, json, renderApp } from '../test/render'
import { clock, deskCan, fromNow, ticketOf } from '../test/tickets'

const minutes = (count: number) => count * 60_000
let current: TicketDetail

/** Answers a change with the ticket as it then is, and keeps it for the next reads. */
const then = (ticket: TicketDetail) => () => {
  current = ticket
  return json(ticket)
}

/** The service as the screen sees it: the ticket as it is now, which a change (`then`) replaces. */
function backend(user: typeof agent, ticket: TicketDetail, extra: Parameters<typeof fakeBackend>[0] = {}) {
  current = ticket
  return fakeBackend({
    'GET /bff/user': () => json(user),
    'GET /api/incidents/tickets/tk-1': () => json(current),
    'GET /api/incidents/tickets/tk-1/comments': () => json([]),
    ...extra,
  })
}

describe('ticket detail', () => {
  it('shows the header and both SLA timers: used share, due time with countdown, warnings, pause and breach', async () => {
    const ticket = ticketOf({
      status: 'pendingClient',
      pendingSide: 'client',
      pendingReason: 'Le mot de passe du compte de service',
      assignee: { id: 'u-ag', name: 'Agnès Agent' },
      team: 'Messagerie',
      clocks: [
        clock({ breached: true, percentUsed: 130, dueAt: fromNow(-minutes(35) - 30_000) }),
        clock({ clock: 'resolve', paused: true, percentUsed: 20, dueAt: fromNow(minutes(600)), warnings: [] }),
      ],
    })
    backend(requester, ticket)
    renderApp('/tickets/tk-1')

    expect(await screen.findByRole('heading', { name: '#101 — La messagerie ne répond plus', level: 1 })).toBeInTheDocument()
    const state = screen.getByRole('group', { name: 'Priority, status and level' })
    expect(within(state).getByText('P2')).toBeInTheDocument()
    expect(within(state).getByText('Waiting on the client')).toBeInTheDocument()
    expect(within(state).getByText('L1')).toBeInTheDocument()
    expect(screen.getByText('Le mot de passe du compte de service')).toBeInTheDocument()
    const facts = screen.getByRole('region', { name: 'Ticket details' })
    expect(within(facts).getByRole('link', { name: 'INF-2026-01' })).toHaveAttribute('href', '/contracts/c-1')
    expect(within(facts).getByText('Agnès Agent')).toBeInTheDocument()
    expect(within(facts).getByText('Messagerie')).toBeInTheDocument()
    expect(within(facts).getByText('High × Medium')).toBeInTheDocument()

    const respond = screen.getByRole('region', { name: 'Time to respond' })
    expect(within(respond).getByRole('progressbar', { name: 'Time to respond: share of the target used' })).toHaveAttribute('aria-valuenow', '100')
    expect(within(respond).getByText('130 % of the target used')).toBeInTheDocument()
    expect(within(respond).getByText('Breached')).toBeInTheDocument()
    expect(within(respond).getByText('(overdue by 35 min)')).toBeInTheDocument()
    expect(within(respond).getByText(/^Warnings: 50 % on .* · 75 % on /)).toBeInTheDocument()

    const resolve = screen.getByRole('region', { name: 'Time to resolve' })
    expect(within(resolve).getByRole('progressbar')).toHaveAttribute('aria-valuenow', '20')
    expect(within(resolve).getByText('Paused')).toBeInTheDocument()
    expect(within(resolve).getByText('The clock is paused while the ticket waits on the client.')).toBeInTheDocument()
    expect(within(resolve).queryByText(/^\(in /)).not.toBeInTheDocument()
  })

  it('counts down a running clock', async () => {
    backend(requester, ticketOf())
    renderApp('/tickets/tk-1')
    const respond = await screen.findByRole('region', { name: 'Time to respond' })
    expect(within(respond).getByText('42 % of the target used')).toBeInTheDocument()
    expect(within(respond).getByText('(in 1 h 5 min)')).toBeInTheDocument()
    expect(within(respond).getByText('Running')).toBeInTheDocument()
  })

  it('offers the desk what `can` allows, and resolves with the resolution the dialog asks for', async () => {
    const ticket = ticketOf({ status: 'inProgress', assignee: { id: 'u-ag', name: 'Agnès Agent' }, can: deskCan })
    const resolved = ticketOf({ ...ticket, status: 'resolved', resolution: 'Compte de service réactivé.', can: { ...deskCan, statuses: [], assign: false, escalate: false, changePriority: false } })
    const calls = backend(agent, ticket, { 'POST /api/incidents/tickets/tk-1/status': then(resolved) })
    renderApp('/tickets/tk-1')

    const actions = await screen.findByRole('region', { name: 'Actions on the ticket' })
    expect(within(actions).getAllByRole('button').map((button) => button.textContent)).toEqual([
      'Assign…',
      'Start work',
      'Put on hold…',
      'Resolve',
      'Escalate to level 2',
      'Change the priority',
    ])

    await userEvent.click(within(actions).getByRole('button', { name: 'Resolve' }))
    const dialog = await screen.findByRole('dialog', { name: 'Resolve the ticket' })
    await userEvent.click(within(dialog).getByRole('button', { name: 'Resolve' }))
    expect(within(dialog).getByText('This field is required.')).toBeInTheDocument()
    await userEvent.type(within(dialog).getByLabelText(/^Resolution/), 'Compte de service réactivé.')
    await userEvent.click(within(dialog).getByRole('button', { name: 'Resolve' }))

    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument())
    expect(calls.find((call) => call.method === 'POST')).toMatchObject({
      url: '/api/incidents/tickets/tk-1/status',
      body: { status: 'resolved', resolution: 'Compte de service réactivé.' },
    })
    expect(await screen.findByText('Compte de service réactivé.')).toBeInTheDocument()
  })

  it('puts a ticket on hold with whose side it waits on and why, showing the service’s refusal on its field', async () => {
    const ticket = ticketOf({ status: 'inProgress', can: deskCan })
    let attempts = 0
    const calls = backend(agent, ticket, {
      'POST /api/incidents/tickets/tk-1/status': () =>
        ++attempts === 1 ? json({ status: 422, errors: { reason: ['At most 1000 characters.'] } }, 422) : then({ ...ticket, status: 'pendingClient', pendingSide: 'thirdParty' })(),
    })
    renderApp('/tickets/tk-1')
    await userEvent.click(await screen.findByRole('button', { name: 'Put on hold…' }))
    const dialog = await screen.findByRole('dialog', { name: 'Put the ticket on hold' })
    await userEvent.click(within(dialog).getByLabelText('A third party the client answers for'))
    await userEvent.type(within(dialog).getByLabelText(/^What the ticket waits for/), 'Le fournisseur du lien')
    await userEvent.click(within(dialog).getByRole('button', { name: 'Put on hold' }))
    expect(await within(dialog).findByText('At most 1000 characters.')).toBeInTheDocument()

    await userEvent.click(within(dialog).getByRole('button', { name: 'Put on hold' }))
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument())
    expect(calls.filter((call) => call.method === 'POST').map((call) => call.body)).toEqual([
      { status: 'pendingClient', pendingSide: 'thirdParty', reason: 'Le fournisseur du lien' },
      { status: 'pendingClient', pendingSide: 'thirdParty', reason: 'Le fournisseur du lien' },
    ])
  })

  it('lets an agent take the ticket and write an internal note', async () => {
    const ticket = ticketOf({ can: deskCan })
    const calls = backend(agent, ticket, {
      'POST /api/incidents/tickets/tk-1/assignment': then({ ...ticket, status: 'assigned', assignee: { id: 'u-ag', name: 'Agnès Agent' } }),
      'POST /api/incidents/tickets/tk-1/comments': (call) =>
        json({ id: 'cm-1', author: { id: 'u-ag', name: 'Agnès Agent', side: 'provider' }, createdAt: new Date().toISOString(), ...(call.body as object) }, 201),
    })
    renderApp('/tickets/tk-1')

    await userEvent.click(await screen.findByRole('button', { name: 'Take the ticket' }))
    expect(await screen.findByText('Assigned')).toBeInTheDocument()
    expect(screen.queryByRole('button', { name: 'Take the ticket' })).not.toBeInTheDocument()
    expect(calls.find((call) => call.url.endsWith('/assignment'))?.body).toEqual({ toMe: true })

    await userEvent.click(screen.getByRole('radio', { name: 'Internal' }))
    await userEvent.type(screen.getByLabelText('Internal note'), 'Voir avec l’équipe réseau')
    await userEvent.click(screen.getByRole('button', { name: 'Add the internal note' }))
    await waitFor(() =>
      expect(calls.find((call) => call.url.endsWith('/comments') && call.method === 'POST')?.body).toEqual({
        body: 'Voir avec l’équipe réseau',
        visibility: 'internal',
      }),
    )
  })

  it('keeps a comment typed when the session expired, says so at sign-in and gives it back on the ticket', async () => {
    const ticket = ticketOf({})
    let signedIn = true
    let posts = 0
    const calls = backend(requester, ticket, {
      'GET /bff/user': () => (signedIn ? json(requester) : json({ status: 401 }, 401)),
      'POST /bff/login': () => {
        signedIn = true
        return json(requester)
      },
      'POST /api/incidents/tickets/tk-1/comments': (call) => {
        posts++
        if (posts === 1) {
          signedIn = false
          return json({ title: 'Unauthorized', status: 401 }, 401)
        }
        return json({ id: 'cm-1', author: { id: 'u-rq', name: 'Rémi Requester', side: 'client' }, createdAt: new Date().toISOString(), ...(call.body as object) }, 201)
      },
    })
    renderApp('/tickets/tk-1')

    await userEvent.type(await screen.findByLabelText('Your message'), 'Toujours en panne ce matin')
    await userEvent.click(screen.getByRole('button', { name: 'Send' }))

    expect(await screen.findByRole('heading', { name: 'Sign in' })).toBeInTheDocument()
    expect(screen.getByRole('status')).toHaveTextContent('Your session expired — sign in again. What you were typing is kept and will be back in its form.')
    await userEvent.type(screen.getByLabelText(/^E-mail/), requester.email)
    await userEvent.type(screen.getByLabelText(/^Password/), 'correct horse 1')
    await userEvent.click(screen.getByRole('button', { name: 'Sign in' }))

    expect(await screen.findByLabelText('Your message')).toHaveValue('Toujours en panne ce matin')
    await userEvent.click(screen.getByRole('button', { name: 'Send' }))
    await waitFor(() => expect(calls.filter((call) => call.url.endsWith('/comments') && call.method === 'POST')).toHaveLength(2))
    await waitFor(() => expect(screen.getByLabelText('Your message')).toHaveValue(''))
    expect(sessionStorage.length).toBe(0)
  })

  it('lets an agent insert a canned reply in the language chosen, and edit it before sending', async () => {
    const ticket = ticketOf({ can: deskCan })
    const calls = backend(agent, ticket, {
      'GET /api/incidents/canned-replies': () =>
        json([{ id: 'cr-1', titleEn: 'Call back', titleFr: 'Rappel', textEn: 'We will call you back.', textFr: 'Nous vous rappelons.', createdBy: 'Antoine', createdAt: fromNow(0) }]),
      'POST /api/incidents/tickets/tk-1/comments': (call) =>
        json({ id: 'cm-1', author: { id: 'u-ag', name: 'Agnès Agent', side: 'provider' }, createdAt: new Date().toISOString(), ...(call.body as object) }, 201),
    })
    renderApp('/tickets/tk-1')

    const picker = await screen.findByLabelText('Insert a canned reply')
    await userEvent.selectOptions(picker, 'Call back')
    expect(screen.getByLabelText(/^Your message/)).toHaveValue('We will call you back.')
    await userEvent.selectOptions(screen.getByLabelText('In'), 'Français')
    await userEvent.selectOptions(screen.getByLabelText('Insert a canned reply'), 'Rappel')
    expect(screen.getByLabelText(/^Your message/)).toHaveValue('We will call you back.\n\nNous vous rappelons.')
    await userEvent.type(screen.getByLabelText(/^Your message/), ' Demain.')
    await userEvent.click(screen.getByRole('button', { name: 'Send' }))
    await waitFor(() =>
      expect(calls.find((call) => call.url.endsWith('/comments') && call.method === 'POST')?.body).toEqual({
        body: 'We will call you back.\n\nNous vous rappelons. Demain.',
        visibility: 'public',
      }),
    )
  })

  it('offers no canned reply to the client', async () => {
    const calls = backend(requester, ticketOf())
    renderApp('/tickets/tk-1')
    await screen.findByLabelText(/^Your message/)
    expect(screen.queryByLabelText('Insert a canned reply')).not.toBeInTheDocument()
    expect(calls.some((call) => call.url.includes('canned-replies'))).toBe(false)
  })

  it('assigns the ticket to a colleague picked by name from the contract’s desk, showing the service’s refusal on the picker', async () => {
    const ticket = ticketOf({ can: deskCan })
    const desk = [
      { id: 'u-am', displayName: 'Antoine Garnier', roles: ['AccountManager'] },
      { id: 'u-ag', displayName: 'Agnès Agent', roles: ['AgentL1'] },
      { id: 'u-kb', displayName: 'Karim Benali', roles: ['AgentL2'] },
    ]
    let attempts = 0
    const calls = backend(agent, ticket, {
      'GET /api/incidents/contracts/c-1/agents': () => json(desk),
      'POST /api/incidents/tickets/tk-1/assignment': () =>
        ++attempts === 1
          ? json({ status: 422, errors: { assigneeId: ['Choose an active agent of the desk of the contract’s provider.'] } }, 422)
          : then({ ...ticket, status: 'assigned', assignee: { id: 'u-kb', name: 'Karim Benali' }, team: 'Systèmes' })(),
    })
    renderApp('/tickets/tk-1')

    await userEvent.click(await screen.findByRole('button', { name: 'Assign…' }))
    const dialog = await screen.findByRole('dialog', { name: 'Assign the ticket' })
    await userEvent.click(within(dialog).getByLabelText('Assign it to me'))
    await userEvent.clear(within(dialog).getByLabelText(/^Team/))
    await userEvent.click(within(dialog).getByRole('button', { name: 'Assign' }))
    expect(within(dialog).getByText('Assign the ticket to yourself, to an agent or to a team.')).toBeInTheDocument()
    expect(calls.filter((call) => call.method === 'POST')).toEqual([])

    // The desk by name, the caller among them, each with their roles; typing narrows it.
    const picker = within(dialog).getByRole('combobox', { name: /^Agent/ })
    await userEvent.click(picker)
    const agents = () => within(screen.getByRole('listbox', { name: /^Agent/ })).queryAllByRole('option').map((option) => option.textContent)
    await waitFor(() => expect(agents()).toEqual([
      'Antoine GarnierAccount manager',
      'Agnès Agent (you)Level 1 agent',
      'Karim BenaliLevel 2 agent',
    ]))
    await userEvent.type(picker, 'kar')
    expect(agents()).toEqual(['Karim BenaliLevel 2 agent'])
    await userEvent.click(screen.getByRole('option', { name: /Karim Benali/ }))
    expect(picker).toHaveValue('Karim Benali')
    await userEvent.type(within(dialog).getByLabelText(/^Team/), 'Systèmes')

    await userEvent.click(within(dialog).getByRole('button', { name: 'Assign' }))
    expect(await within(dialog).findByText('Choose an active agent of the desk of the contract’s provider.')).toBeInTheDocument()
    await userEvent.click(within(dialog).getByRole('button', { name: 'Assign' }))
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument())
    expect(calls.filter((call) => call.method === 'POST').map((call) => call.body)).toEqual([
      { assigneeId: 'u-kb', team: 'Systèmes' },
      { assigneeId: 'u-kb', team: 'Systèmes' },
    ])
    const facts = screen.getByRole('region', { name: 'Ticket details' })
    expect(await within(facts).findByText('Karim Benali')).toBeInTheDocument()
  })

  it('offers the desk’s agents in French', async () => {
    await i18n.changeLanguage('fr')
    backend(agent, ticketOf({ can: deskCan }), {
      'GET /api/incidents/contracts/c-1/agents': () => json([{ id: 'u-kb', displayName: 'Karim Benali', roles: ['AgentL2'] }]),
    })
    renderApp('/tickets/tk-1')

    await userEvent.click(await screen.findByRole('button', { name: 'Attribuer…' }))
    const dialog = await screen.findByRole('dialog', { name: 'Attribuer le ticket' })
    await userEvent.click(within(dialog).getByLabelText('Me l’attribuer'))
    const picker = within(dialog).getByRole('combobox', { name: /^Technicien/ })
    expect(within(dialog).getByText('Un technicien ou responsable de compte actif du centre de services du contrat : tapez une partie du nom.')).toBeInTheDocument()
    await userEvent.type(picker, 'zoé')
    expect(await screen.findByText('Aucun technicien du centre de services ne porte ce nom.')).toBeInTheDocument()
    await userEvent.clear(picker)
    expect(screen.getByRole('option', { name: /Karim Benali/ })).toHaveTextContent('Agent de niveau 2')
  })

  it('lets the requester answer on its new ticket in public only, and an auditor only read', async () => {
    const calls = backend(requester, ticketOf(), {
      'GET /api/incidents/tickets/tk-1/comments': () =>
        json([{ id: 'cm-1', author: { id: 'u-ag', name: 'Agnès Agent', side: 'provider' }, visibility: 'public', body: 'Pouvez-vous redémarrer ?', createdAt: new Date().toISOString() }]),
      'POST /api/incidents/tickets/tk-1/comments': () => json({}, 201),
    })
    renderApp('/tickets/tk-1')
    const thread = await screen.findByRole('list', { name: 'Comments' })
    expect(await within(thread).findByText('Pouvez-vous redémarrer ?')).toBeInTheDocument()
    expect(within(thread).getByText('Provider')).toBeInTheDocument()
    expect(screen.queryByRole('radio', { name: 'Internal' })).not.toBeInTheDocument()
    await userEvent.type(screen.getByLabelText('Your message'), 'C’est fait, sans effet.')
    await userEvent.click(screen.getByRole('button', { name: 'Send' }))
    await waitFor(() => expect(calls.find((call) => call.method === 'POST')?.body).toEqual({ body: 'C’est fait, sans effet.', visibility: 'public' }))
  })

  it('gives an auditor no way to write', async () => {
    backend({ ...requester, roles: ['Auditor'] }, ticketOf())
    renderApp('/tickets/tk-1')
    expect(await screen.findByText('No comment yet.')).toBeInTheDocument()
    expect(screen.queryByLabelText('Your message')).not.toBeInTheDocument()
    expect(screen.queryByRole('region', { name: 'Actions on the ticket' })).not.toBeInTheDocument()
  })

  it('asks the requester for a reopen reason and offers no desk action', async () => {
    const ticket = ticketOf({ status: 'resolved', resolution: 'Redémarré.', can: { ...ticketOf().can, statuses: ['inProgress', 'closed'] } })
    const calls = backend(requester, ticket, { 'POST /api/incidents/tickets/tk-1/status': then({ ...ticket, status: 'inProgress' }) })
    renderApp('/tickets/tk-1')
    const actions = await screen.findByRole('region', { name: 'Actions on the ticket' })
    expect(within(actions).getAllByRole('button').map((button) => button.textContent)).toEqual(['Reopen', 'Close the ticket'])
    expect(screen.queryByRole('radio', { name: 'Internal' })).not.toBeInTheDocument()

    await userEvent.click(within(actions).getByRole('button', { name: 'Reopen' }))
    const dialog = await screen.findByRole('dialog', { name: 'Reopen the ticket' })
    await userEvent.type(within(dialog).getByLabelText(/^Why it is reopened/), 'Toujours en panne')
    await userEvent.click(within(dialog).getByRole('button', { name: 'Reopen' }))
    await waitFor(() => expect(calls.find((call) => call.method === 'POST')?.body).toEqual({ status: 'inProgress', reason: 'Toujours en panne' }))
  })

  it('shows the requester the satisfaction survey once resolved, and the rating once given', async () => {
    const ticket = ticketOf({ status: 'resolved', resolution: 'Redémarré.', can: { ...ticketOf().can, statuses: ['inProgress', 'closed'], rate: true } })
    const rated = { ...ticket, can: { ...ticket.can, rate: false }, satisfaction: { score: 4, comment: 'Rapide, merci', ratedAt: new Date().toISOString() } }
    const calls = backend(requester, ticket, { 'POST /api/incidents/tickets/tk-1/satisfaction': then(rated) })
    renderApp('/tickets/tk-1')

    const survey = await screen.findByRole('region', { name: 'How was this resolved?' })
    await userEvent.click(within(survey).getByRole('button', { name: 'Send my rating' }))
    expect(within(survey).getByText('Choose from 1 to 5 stars.')).toBeInTheDocument()
    expect(calls.some((call) => call.method === 'POST')).toBe(false)

    await userEvent.click(within(survey).getByRole('radio', { name: '4 stars' }))
    await userEvent.type(within(survey).getByLabelText('Comment (optional)'), 'Rapide, merci')
    await userEvent.click(within(survey).getByRole('button', { name: 'Send my rating' }))

    const given = await screen.findByRole('region', { name: 'Satisfaction' })
    expect(within(given).getByText('4/5')).toBeInTheDocument()
    expect(within(given).getByText('« Rapide, merci »')).toBeInTheDocument()
    expect(screen.queryByRole('region', { name: 'How was this resolved?' })).not.toBeInTheDocument()
    expect(calls.find((call) => call.method === 'POST')).toMatchObject({
      url: '/api/incidents/tickets/tk-1/satisfaction',
      body: { score: 4, comment: 'Rapide, merci' },
    })
  })

  it('says which files an attachment may be, and how large, before the upload', async () => {
    backend(requester, ticketOf(), { 'GET /api/incidents/tickets/tk-1/attachments': () => json([]) })
    renderApp('/tickets/tk-1')
    await userEvent.click(await screen.findByRole('tab', { name: 'Attachments' }))

    const input = await screen.findByLabelText('File')
    expect(input).toHaveAttribute('accept', '.pdf,.png,.jpg,.jpeg,.txt,.log,.csv,.docx,.xlsx,.odt')
    expect(screen.getByText('A screenshot, a log, a document: .pdf, .png, .jpg, .jpeg, .txt, .log, .csv, .docx, .xlsx, .odt, up to 10 MB.')).toBeInTheDocument()
  })

  it('says when attachments are not offered yet, and shows the history in words', async () => {
    backend(requester, ticketOf(), {
      'GET /api/incidents/tickets/tk-1/history': () =>
        json([
          { id: 'h-1', occurredAt: new Date().toISOString(), actorName: 'Rémi Requester', actorSide: 'client', field: 'status', before: null, after: 'new', note: null, internal: false },
          { id: 'h-2', occurredAt: new Date().toISOString(), actorName: 'Agnès Agent', actorSide: 'provider', field: 'level', before: '1', after: '2', note: 'Besoin du réseau', internal: false },
        ]),
    })
    renderApp('/tickets/tk-1')
    await userEvent.click(await screen.findByRole('tab', { name: 'Attachments' }))
    expect(await screen.findByText('Attachments are not available yet.')).toBeInTheDocument()

    await userEvent.click(screen.getByRole('tab', { name: 'History' }))
    const escalation = (await screen.findByText('Besoin du réseau')).closest('tr')!
    expect(within(escalation).getByText('Level 1')).toBeInTheDocument()
    expect(within(escalation).getByText('Level 2')).toBeInTheDocument()
    expect(within(screen.getByText('Rémi Requester', { selector: 'td' }).closest('tr')!).getByText('New')).toBeInTheDocument()
  })

  it('says when the ticket cannot be seen', async () => {
    fakeBackend({ 'GET /bff/user': () => json(requester) })
    renderApp('/tickets/tk-404')
    expect(await screen.findByRole('heading', { name: 'Ticket not found' })).toBeInTheDocument()
  })

  it('asks before leaving an outage half recorded', async () => {
    const ticket = ticketOf({ can: { ...deskCan, recordOutage: true } })
    backend(agent, ticket, { [`GET /api/incidents/contracts/${ticket.contractId}/outages`]: () => json([]) })
    renderApp('/tickets/tk-1?tab=outages')
    const service = await screen.findByRole('textbox', { name: /^Service/ })
    await userEvent.type(service, 'ERP')
    await expectLeavingAsked()
    expect(service).toHaveValue('ERP')
  })
})
