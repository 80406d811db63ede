import { screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it } from 'vitest'
import type { UserInfo } from '../hooks/session'
import type { User } from '../hooks/users'
import i18n from '../i18n'
import { accountManager, agent, contractManager, providerOrganisation, requester, summary } from '../test/contracts'
import { pickMonth } from '../test/dates'
import { desk, portfolioOf, portfolioRow } from '../test/portfolio'
import { fakeBackend, fastUser, json, onAPhone, renderApp, type FakeCall } from '../test/render'

const agentUser: User = {
  id: 'u-ag',
  email: 'agnes@provider.example',
  displayName: 'Agnès Agent',
  roles: ['AgentL1'],
  status: 'active',
  lastLoginAt: null,
  createdAt: '2025-01-01T00:00:00Z',
}

function backend(user: UserInfo, rows = [portfolioRow()], deskLoad = desk): FakeCall[] {
  return fakeBackend({
    'GET /bff/user': () => json(user),
    'GET /api/identity/organisations/providers': () => json([providerOrganisation]),
    'GET /api/notifications/unread-count': () => json({ count: 0 }),
    'GET /api/contracts': () => json([summary()]),
    'GET /api/identity/users': () => json([agentUser]),
    'GET /api/reporting/portfolio': () => json(portfolioOf(rows, { side: user.organisation.kind === 'client' ? 'client' : 'provider' })),
    'GET /api/reporting/desk': () => json(deskLoad),
    'GET /api/incidents/contracts/c-1/agents': () => json([{ id: 'u-ag', displayName: 'Agnès Agent', roles: ['AgentL1'] }]),
  })
}

const cells = (row: HTMLElement) => [...row.querySelectorAll('td')].map((cell) => cell.textContent)
const portfolioCalls = (calls: FakeCall[]) => calls.filter((call) => call.url.startsWith('/api/reporting/portfolio')).map((call) => call.url)

describe('portfolio page', () => {
  it('shows a client’s contracts with their figures, statuses and trends, each opening its dashboard', async () => {
    backend(contractManager)
    renderApp('/portfolio?month=2026-03')

    const table = await screen.findByRole('table', { name: 'Contracts of the portfolio' })
    expect(within(screen.getByRole('navigation', { name: 'Main navigation' })).getByRole('link', { name: 'Portfolio' })).toHaveAttribute('href', '/portfolio')
    expect(within(table).getAllByRole('columnheader').map((header) => header.textContent)).toEqual([
      'Contract', 'Provider', 'Phase', 'SLA success', 'Breaches', 'Backlog', 'Satisfaction', 'Penalties due', 'Invoiced', 'Spend vs budget', 'Next notice deadline',
    ])
    const [row] = within(table).getAllByRole('row').slice(1)
    expect(await within(row!).findByText('Provider SAS')).toBeInTheDocument()
    expect(within(row!).getByRole('link', { name: 'INF-2026-01' })).toHaveAttribute('href', '/contracts/c-1?tab=dashboard')
    expect(await within(row!).findByText('Infogérance du parc')).toBeInTheDocument()
    expect(cells(row!).slice(3, 10)).toEqual(['95.50%', '2', '4', '4.2/5 (12 answers)', '€1,250.50', '€10,000.00', '€28,000.00 of €30,000.00'])
    expect(within(row!).getByText('95.50%')).toHaveAttribute('data-status', 'amber')
    expect(within(row!).getByText('95.50%')).toHaveAttribute('title', 'Off target')
    // A success rate going up is good, breaches going down too, a backlog going up is not.
    const arrows = within(row!).getAllByRole('img').map((arrow) => [arrow.getAttribute('aria-label'), arrow.dataset.trend])
    expect(arrows).toEqual([
      ['Up since the previous month', 'green'],
      ['Down since the previous month', 'green'],
      ['Up since the previous month', 'red'],
      ['Unchanged since the previous month', 'gray'],
      ['Unchanged since the previous month', 'gray'],
    ])
    const exports = screen.getByRole('group', { name: 'Export the portfolio' })
    expect(within(exports).getByRole('link', { name: 'Export PDF' })).toHaveAttribute('href', '/api/reporting/portfolio/export?month=2026-03&format=pdf')
  })

  it('shows a card per contract on a phone, each figure labelled with its column', async () => {
    onAPhone()
    backend(contractManager)
    renderApp('/portfolio?month=2026-03')

    const [card] = within(await screen.findByRole('list', { name: 'Contracts of the portfolio' })).getAllByRole('listitem')
    expect(screen.queryByRole('table', { name: 'Contracts of the portfolio' })).not.toBeInTheDocument()
    expect(within(card!).getByRole('link', { name: 'INF-2026-01' })).toHaveAttribute('href', '/contracts/c-1?tab=dashboard')
    expect(await within(card!).findByText('Provider SAS')).toBeInTheDocument()
    const figures = Object.fromEntries(within(card!).getAllByRole('term').map((term) => [term.textContent, term.nextElementSibling!.textContent]))
    expect(figures).toMatchObject({
      'SLA success': '95.50%',
      Breaches: '2',
      Backlog: '4',
      Satisfaction: '4.2/5 (12 answers)',
      'Penalties due': '€1,250.50',
      Invoiced: '€10,000.00',
      'Spend vs budget': '€28,000.00 of €30,000.00',
    })
  })

  it('sorts through the API, and goes to the month chosen', async () => {
    const calls = backend(contractManager)
    renderApp('/portfolio?month=2026-03')
    const table = await screen.findByRole('table', { name: 'Contracts of the portfolio' })

    await userEvent.click(within(table).getByRole('button', { name: 'Breaches' }))
    await waitFor(() => expect(portfolioCalls(calls)).toContain('/api/reporting/portfolio?month=2026-03&sort=breaches'))
    await userEvent.click(within(table).getByRole('button', { name: 'Breaches' }))
    await waitFor(() => expect(portfolioCalls(calls)).toContain('/api/reporting/portfolio?month=2026-03&sort=breaches&order=desc'))
    expect(within(table).getByRole('button', { name: 'Breaches' }).closest('th')).toHaveAttribute('aria-sort', 'descending')

    await pickMonth(screen.getByLabelText('Month'), '2026-02')
    await waitFor(() => expect(portfolioCalls(calls)).toContain('/api/reporting/portfolio?month=2026-02&sort=breaches&order=desc'))
  })

  it('reverses the sort on a double click, the month kept', async () => {
    const calls = backend(contractManager)
    const { address } = renderApp('/portfolio?month=2026-03')
    const table = await screen.findByRole('table', { name: 'Contracts of the portfolio' })

    // The second click comes before the first's sort is shown: it reverses that sort all the same.
    fastUser.click(within(table).getByRole('button', { name: 'Breaches' }))
    fastUser.click(within(table).getByRole('button', { name: 'Breaches' }))

    await waitFor(() => expect(portfolioCalls(calls).at(-1)).toContain('sort=breaches'))
    expect(address()).toBe('/portfolio?month=2026-03&sort=breaches&order=desc')
    expect(portfolioCalls(calls).at(-1)).toBe('/api/reporting/portfolio?month=2026-03&sort=breaches&order=desc')
  })

  it('says so when there is no contract yet', async () => {
    backend(contractManager, [])
    renderApp('/portfolio')
    expect(await screen.findByText('No contract to follow yet')).toBeInTheDocument()
  })

  it('shows the provider its contracts by client, without budget, and its desk load', async () => {
    backend(accountManager)
    renderApp('/portfolio')

    const table = await screen.findByRole('table', { name: 'Contracts of the portfolio' })
    const headers = within(table).getAllByRole('columnheader').map((header) => header.textContent)
    expect(headers).toContain('Client')
    expect(headers).not.toContain('Spend vs budget')
    expect(within(table).getByText('Client SA')).toBeInTheDocument()

    const byClient = await screen.findByRole('table', { name: 'Open tickets by client and priority' })
    expect(within(byClient).getAllByRole('row').slice(1).map(cells)).toEqual([['Client SA', '1', '0', '2', '0', '3', '#118 INF-2026-01, open for 2 d']])
    const atRisk = screen.getByRole('table', { name: 'Tickets at risk of breach' })
    const [risk] = within(atRisk).getAllByRole('row').slice(1)
    expect(within(risk!).getByRole('link', { name: '#131' })).toHaveAttribute('href', '/tickets/tk-1')
    expect(cells(risk!).slice(1, 6)).toEqual(['Client SA', 'P1', 'Time to resolve', '75%', 'in 45 min'])
    expect(await within(risk!).findByText('Agnès Agent')).toBeInTheDocument()
    expect(screen.getByText('3 open tickets')).toBeInTheDocument()
    expect(screen.queryByText(/soonest due are listed/)).not.toBeInTheDocument()
  })

  it('says when more clocks are at risk than the desk lists', async () => {
    backend(agent, [portfolioRow()], { ...desk, moreAtRisk: true })
    renderApp('/portfolio')
    expect(await screen.findByText('Only the 50 soonest due are listed: more tickets are at risk.')).toBeInTheDocument()
  })

  it('names the assignee for an agent from the desk’s agents, as it does not read the users', async () => {
    const calls = backend(agent)
    renderApp('/portfolio')
    const atRisk = await screen.findByRole('table', { name: 'Tickets at risk of breach' })
    expect(await within(within(atRisk).getAllByRole('row')[1]!).findByText('Agnès Agent')).toBeInTheDocument()
    expect(calls.some((call) => call.url.startsWith('/api/identity/users'))).toBe(false)
  })

  it('is refused to requesters, who have no link to it', async () => {
    const calls = backend(requester)
    renderApp('/portfolio')
    expect(await screen.findByRole('heading', { name: 'Access denied' })).toBeInTheDocument()
    expect(within(screen.getByRole('navigation', { name: 'Main navigation' })).queryByRole('link', { name: 'Portfolio' })).not.toBeInTheDocument()
    expect(portfolioCalls(calls)).toEqual([])
  })

  it('speaks French', async () => {
    await i18n.changeLanguage('fr')
    backend(contractManager)
    renderApp('/portfolio?month=2026-03')
    const table = await screen.findByRole('table', { name: 'Contrats du portefeuille' })
    expect(within(table).getByRole('button', { name: 'Dépassements' })).toBeInTheDocument()
    expect(screen.getByText('Vos contrats côte à côte, quel que soit le prestataire — mars 2026.')).toBeInTheDocument()
  })
})
