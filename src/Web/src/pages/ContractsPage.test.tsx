import { screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it } from 'vitest'
import { accountManager, agent, contractManager, dateIn, detail, providerOrganisation, requester, summary, version } from '../test/contracts'
import { clientAdmin, fakeBackend, fastUser, json, onAPhone, renderApp, type FakeCall } from '../test/render'

const contracts = [
  summary(),
  summary({ id: 'c-2', reference: 'INF-2026-02', title: 'Poste de travail', phase: 'draft', monthlyFee: 800, noticeDeadline: dateIn(45), currentVersion: null }),
]

const providers = () => json([providerOrganisation, { id: 'org-q', name: 'Other Provider' }])

const rowOf = async (reference: string) => (await screen.findByRole('link', { name: reference })).closest('tr')!

describe('contracts list', () => {
  it('shows each contract with its provider, phase, fee and notice deadline, the near one highlighted', async () => {
    fakeBackend({ 'GET /bff/user': () => json(clientAdmin), 'GET /api/contracts': () => json(contracts), 'GET /api/identity/organisations/providers': providers })
    renderApp('/contracts')

    const first = await rowOf('INF-2026-01')
    expect(within(first).getByText('Infogérance du parc')).toBeInTheDocument()
    expect(await within(first).findByText('Provider SAS')).toBeInTheDocument()
    expect(within(first).getByText('Run')).toBeInTheDocument()
    expect(within(first).getByText('€12,500.50')).toBeInTheDocument()
    expect(within(first).queryByText(/in \d+ days/)).not.toBeInTheDocument()

    const second = await rowOf('INF-2026-02')
    expect(within(second).getByText('Draft')).toBeInTheDocument()
    expect(within(second).getByText('(in 45 days)')).toBeInTheDocument()
    expect(screen.getByRole('link', { name: 'INF-2026-02' })).toHaveAttribute('href', '/contracts/c-2')
  })

  it('shows a card per contract on a phone, with its link, phase, provider, fee and notice deadline', async () => {
    onAPhone()
    fakeBackend({ 'GET /bff/user': () => json(clientAdmin), 'GET /api/contracts': () => json(contracts), 'GET /api/identity/organisations/providers': providers })
    renderApp('/contracts')

    const cards = within(await screen.findByRole('list', { name: 'Contracts you are party to' })).getAllByRole('listitem')
    expect(screen.queryByRole('table')).not.toBeInTheDocument()
    expect(within(cards[0]!).getByRole('link', { name: 'INF-2026-01' })).toHaveAttribute('href', '/contracts/c-1')
    expect(within(cards[0]!).getByText('Infogérance du parc')).toBeInTheDocument()
    expect(within(cards[0]!).getByText('Run')).toBeInTheDocument()
    expect(await within(cards[0]!).findByText('Provider SAS')).toBeInTheDocument()
    expect(within(cards[0]!).getByText('€12,500.50')).toBeInTheDocument()
    expect(within(cards[1]!).getByText('(in 45 days)')).toBeInTheDocument()
  })

  it('searches and sorts through the API, the view kept in the address', async () => {
    const calls = fakeBackend({
      'GET /bff/user': () => json(clientAdmin),
      'GET /api/contracts': (call: FakeCall) => json(call.url.includes('q=nothing') ? [] : contracts),
      'GET /api/identity/organisations/providers': providers,
    })
    const lastList = () => calls.filter((call) => call.method === 'GET' && call.url.startsWith('/api/contracts')).at(-1)!.url
    renderApp('/contracts?sort=monthlyFee&order=desc')

    await rowOf('INF-2026-01')
    expect(lastList()).toBe('/api/contracts?sort=monthlyFee&order=desc')
    expect(screen.getByRole('columnheader', { name: 'Monthly fee' })).toHaveAttribute('aria-sort', 'descending')
    await userEvent.click(screen.getByRole('button', { name: 'Phase' }))
    await waitFor(() => expect(lastList()).toBe('/api/contracts?sort=phase&order=asc'))
    await userEvent.type(screen.getByLabelText('Search'), 'nothing{Enter}')
    await waitFor(() => expect(lastList()).toBe('/api/contracts?q=nothing&sort=phase&order=asc'))
    expect(await screen.findByText('No contract holds “nothing” in its reference or title.')).toBeInTheDocument()
  })

  it('keeps the search and every sort asked in quick succession, each from the one before', async () => {
    const calls = fakeBackend({
      'GET /bff/user': () => json(clientAdmin),
      'GET /api/contracts': () => json(contracts),
      'GET /api/identity/organisations/providers': providers,
    })
    const lastList = () => calls.filter((call) => call.method === 'GET' && call.url.startsWith('/api/contracts')).at(-1)!.url
    const { address } = renderApp('/contracts')
    await rowOf('INF-2026-01')

    // A double click on a column reverses it; the search box sends its text on Enter, meanwhile.
    fastUser.fill(screen.getByLabelText('Search'), 'parc')
    fastUser.click(screen.getByRole('button', { name: 'Phase' }))
    fastUser.click(screen.getByRole('button', { name: 'Phase' }))
    fastUser.enter(screen.getByLabelText('Search'))

    await waitFor(() => expect(lastList()).toContain('q=parc'))
    expect(address()).toBe('/contracts?q=parc&sort=phase&order=desc')
    expect(lastList()).toBe('/api/contracts?q=parc&sort=phase&order=desc')
  })

  it.each([
    ['a client administrator', clientAdmin, true],
    ['a contract manager', contractManager, true],
    ['a requester', requester, false],
    ['a provider account manager', accountManager, false],
  ])('offers a new contract to %s only if a client manager', async (_, user, offered) => {
    fakeBackend({ 'GET /bff/user': () => json(user), 'GET /api/contracts': () => json(contracts), 'GET /api/identity/organisations/providers': providers })
    renderApp('/contracts')

    await rowOf('INF-2026-01')
    expect(screen.queryByRole('button', { name: 'New contract' }) !== null).toBe(offered)
  })

  it('shows a provider user the client’s name from its session, without asking the identity service', async () => {
    const calls = fakeBackend({ 'GET /bff/user': () => json(agent), 'GET /api/contracts': () => json(contracts) })
    renderApp('/contracts')

    const row = await rowOf('INF-2026-01')
    expect(screen.getByRole('columnheader', { name: 'Client' })).toBeInTheDocument()
    expect(within(row).getByText('Client SA')).toBeInTheDocument()
    expect(calls.some((call) => call.url.includes('/providers'))).toBe(false)
  })

  it('names the provider for every client user, from the identity service\'s register', async () => {
    const calls = fakeBackend({
      'GET /bff/user': () => json(requester),
      'GET /api/contracts': () => json(contracts),
      'GET /api/identity/organisations/providers': providers,
    })
    renderApp('/contracts')

    const row = await rowOf('INF-2026-01')
    expect(screen.getAllByRole('columnheader').map((header) => header.textContent)).toEqual([
      'Reference',
      'Title',
      'Provider',
      'Phase',
      'Monthly fee',
      'Notice deadline',
    ])
    expect(await within(row!).findByText('Provider SAS')).toBeInTheDocument()
    expect(calls.some((call) => call.url.includes('/providers'))).toBe(true)
  })

  it('says when there is no contract yet', async () => {
    fakeBackend({ 'GET /bff/user': () => json(requester), 'GET /api/contracts': () => json([]), 'GET /api/identity/organisations/providers': providers })
    renderApp('/contracts')

    expect(await screen.findByText('No contract yet')).toBeInTheDocument()
  })

  it('shows the problem when the list cannot be read, with a retry', async () => {
    fakeBackend({
      'GET /bff/user': () => json(requester),
      'GET /api/contracts': () => json({ title: 'Unavailable', status: 503, detail: 'The contracts service is unavailable.' }, 503),
    })
    renderApp('/contracts')

    expect(await screen.findByRole('alert', {}, { timeout: 5000 })).toHaveTextContent('The contracts service is unavailable.')
    expect(screen.getByRole('button', { name: 'Try again' })).toBeInTheDocument()
  })

  it('creates a draft with the chosen provider and opens it', async () => {
    const created = detail({ id: 'c-new', reference: 'INF-2026-03', title: 'Réseau', phase: 'draft', currentVersion: null, can: ['sign', 'editTerms'] })
    const calls = fakeBackend({
      'GET /bff/user': () => json(contractManager),
      'GET /api/contracts': () => json([]),
      'GET /api/identity/organisations/providers': providers,
      'POST /api/contracts': () => json(created, 201),
      'GET /api/contracts/c-new': () => json(created),
      'GET /api/contracts/c-new/versions/1': () => json(version({ status: 'draft' })),
    })
    renderApp('/contracts')
    await userEvent.click(await screen.findByRole('button', { name: 'New contract' }))
    const dialog = await screen.findByRole('dialog', { name: 'New contract' })

    await userEvent.click(within(dialog).getByRole('button', { name: 'Create the draft' }))
    expect(within(dialog).getAllByText('This field is required.')).toHaveLength(3)
    expect(calls.some((call) => call.method === 'POST')).toBe(false)

    await userEvent.type(within(dialog).getByLabelText(/^Reference/), 'INF-2026-03')
    await userEvent.type(within(dialog).getByLabelText(/^Title/), 'Réseau')
    await userEvent.selectOptions(await within(dialog).findByLabelText(/^Provider/), 'Provider SAS')
    await userEvent.click(within(dialog).getByRole('button', { name: 'Create the draft' }))

    expect(await screen.findByRole('heading', { name: 'INF-2026-03', level: 1 })).toBeInTheDocument()
    expect(await screen.findByRole('button', { name: 'Save the terms' })).toBeInTheDocument()
    const post = calls.find((call) => call.method === 'POST')
    expect(post?.url).toBe('/api/contracts')
    expect(post?.body).toEqual({ reference: 'INF-2026-03', title: 'Réseau', providerOrganisationId: 'org-p' })
    expect(post?.headers.get('X-CSRF')).toBe('1')
  })

  it('shows the server’s objection under the reference', async () => {
    fakeBackend({
      'GET /bff/user': () => json(contractManager),
      'GET /api/contracts': () => json([]),
      'GET /api/identity/organisations/providers': providers,
      'POST /api/contracts': () => json({ title: 'Validation failed', status: 422, errors: { reference: ['This reference is already used.'] } }, 422),
    })
    renderApp('/contracts')
    await userEvent.click(await screen.findByRole('button', { name: 'New contract' }))
    const dialog = await screen.findByRole('dialog', { name: 'New contract' })
    await userEvent.type(within(dialog).getByLabelText(/^Reference/), 'INF-2026-01')
    await userEvent.type(within(dialog).getByLabelText(/^Title/), 'Doublon')
    await userEvent.selectOptions(await within(dialog).findByLabelText(/^Provider/), 'Other Provider')
    await userEvent.click(within(dialog).getByRole('button', { name: 'Create the draft' }))

    expect(await within(dialog).findByText('This reference is already used.')).toBeInTheDocument()
    expect(within(dialog).getByLabelText(/^Reference/)).toHaveAttribute('aria-invalid', 'true')
  })
})
