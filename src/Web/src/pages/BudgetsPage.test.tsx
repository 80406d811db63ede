import { screen, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it } from 'vitest'
import type { UserInfo } from '../hooks/session'
import i18n from '../i18n'
import { budget2026, unplanned } from '../test/budgets'
import { accountManager, contractManager, detail, providerOrganisation, requester, version } from '../test/contracts'
import { fakeBackend, json, renderApp, type FakeCall } from '../test/render'
import { auditor } from '../test/statements'

const portfolio = [budget2026, unplanned('c-2', 'BELV-TMA-2026', 2026)]

function backend(user: UserInfo): FakeCall[] {
  return fakeBackend({
    'GET /bff/user': () => json(user),
    'GET /api/identity/organisations/providers': () => json([providerOrganisation]),
    'GET /api/notifications/unread-count': () => json({ count: 0 }),
    'GET /api/invoicing/budgets/2026': () => json(portfolio),
    'GET /api/invoicing/budgets/2025': () => json([]),
    'GET /api/contracts/c-1': () => json(detail()),
    'GET /api/contracts/c-1/versions/1': () => json(version()),
    'GET /api/invoicing/contracts/c-1/budgets/2026': () => json(budget2026),
  })
}

const cells = (row: HTMLElement) => [...row.querySelectorAll('td')].map((cell) => cell.textContent)

describe('budgets page', () => {
  it('lists the year’s budget of every contract, the overrun flagged, each opening its contract’s budget tab', async () => {
    backend(contractManager)
    renderApp('/budgets?year=2026')

    const list = await screen.findByRole('table', { name: 'Budgets 2026 of the contracts' })
    expect(screen.getByRole('heading', { name: 'Budgets', level: 1 })).toBeInTheDocument()
    expect(within(screen.getByRole('navigation', { name: 'Main navigation' })).getByRole('link', { name: 'Budgets' })).toHaveAttribute('href', '/budgets')
    const rows = within(list).getAllByRole('row').slice(1)
    expect(rows.map(cells)).toEqual([
      ['INF-2026-01', '€144,000.00', '€66,000.00', '€92,400.00', '-€14,400.00', 'Overrun'],
      ['BELV-TMA-2026', 'Not planned', '€1,000.00', '€0.00', 'Not planned', ''],
    ])
    const link = within(rows[0]!).getByRole('link', { name: 'INF-2026-01' })
    expect(link).toHaveAttribute('href', '/contracts/c-1?tab=budget&year=2026')

    await userEvent.click(link)
    expect(await screen.findByRole('region', { name: 'Budget totals' })).toBeInTheDocument()
    expect(screen.getByRole('tab', { name: 'Budget' })).toHaveAttribute('aria-selected', 'true')
  })

  it('goes to the year chosen, its budgets read by an auditor too', async () => {
    const calls = backend(auditor)
    renderApp('/budgets?year=2026')
    await screen.findByRole('table', { name: 'Budgets 2026 of the contracts' })

    await userEvent.selectOptions(screen.getByRole('combobox', { name: 'Year' }), '2025')
    expect(await screen.findByText('No contract yet')).toBeInTheDocument()
    expect(calls.map((call) => call.url)).toContain('/api/invoicing/budgets/2025')
  })

  it('is refused to the provider and to requesters, who have no link to it', async () => {
    backend(accountManager)
    const provider = renderApp('/budgets')
    expect(await screen.findByRole('heading', { name: 'Access denied' })).toBeInTheDocument()
    expect(within(screen.getByRole('navigation', { name: 'Main navigation' })).queryByRole('link', { name: 'Budgets' })).not.toBeInTheDocument()
    provider.unmount()

    const calls = backend(requester)
    renderApp('/budgets')
    expect(await screen.findByRole('heading', { name: 'Access denied' })).toBeInTheDocument()
    expect(calls.some((call) => call.url.startsWith('/api/invoicing/budgets'))).toBe(false)
  })

  it('speaks French', async () => {
    await i18n.changeLanguage('fr')
    backend(contractManager)
    renderApp('/budgets?year=2026')

    const list = await screen.findByRole('table', { name: 'Budgets 2026 des contrats' })
    expect(within(list).getAllByRole('columnheader').map((header) => header.textContent)).toEqual(['Référence', 'Prévu', 'Facturé', 'Engagé', 'Reste', 'Alerte'])
    const rows = within(list).getAllByRole('row').slice(1)
    expect(within(rows[0]!).getByText('Dépassement')).toBeInTheDocument()
    expect(within(rows[1]!).getAllByText('Non prévu')).toHaveLength(2)
    expect(screen.getByRole('combobox', { name: 'Année' })).toHaveValue('2026')
  })
})
