import { screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it } from 'vitest'
import type { ContractBudget } from '../../hooks/budgets'
import type { ContractDetail } from '../../hooks/contracts'
import type { UserInfo } from '../../hooks/session'
import i18n from '../../i18n'
import { budget2025, budget2026, unplanned } from '../../test/budgets'
import { accountManager, contractManager, detail, providerOrganisation, requester, version } from '../../test/contracts'
import { fakeBackend, json, renderApp, type FakeCall } from '../../test/render'
import { auditor } from '../../test/statements'

type Routes = Parameters<typeof fakeBackend>[0]

const budgets = '/api/invoicing/contracts/c-1/budgets'

/** A contract in its run phase whose 2026 budget is overrun and 2025 one within its plan, and what the test adds. */
function backend(user: UserInfo, routes: Routes = {}, contract: ContractDetail = detail()): FakeCall[] {
  return fakeBackend({
    'GET /bff/user': () => json(user),
    'GET /api/identity/organisations/providers': () => json([providerOrganisation]),
    'GET /api/notifications/unread-count': () => json({ count: 0 }),
    'GET /api/contracts/c-1': () => json(contract),
    'GET /api/contracts/c-1/versions/1': () => json(version()),
    [`GET ${budgets}/2026`]: () => json(budget2026),
    [`GET ${budgets}/2025`]: () => json(budget2025),
    ...routes,
  })
}

const openTotals = () => screen.findByRole('region', { name: 'Budget totals' })
/** The figures of the totals, by their label. */
const figures = (totals: HTMLElement) =>
  Object.fromEntries([...totals.querySelectorAll('dt')].map((term) => [term.textContent, term.nextElementSibling?.textContent]))
const cells = (row: HTMLElement) => [...row.querySelectorAll('th, td')].map((cell) => cell.textContent)
const puts = (calls: FakeCall[]) => calls.filter((call) => call.method === 'PUT')
async function fill(field: HTMLElement, value: string) {
  await userEvent.tripleClick(field)
  await userEvent.paste(value)
}

describe('budget tab', () => {
  it('shows the year’s totals, the overrun alert, the chart and the months', async () => {
    backend(contractManager)
    renderApp('/contracts/c-1?tab=budget&year=2026')

    const totals = await openTotals()
    expect(screen.getByRole('tab', { name: 'Budget' })).toHaveAttribute('aria-selected', 'true')
    expect(screen.getByRole('combobox', { name: 'Year' })).toHaveValue('2026')
    expect(figures(totals)).toEqual({ Planned: '€144,000.00', Invoiced: '€66,000.00', Committed: '€92,400.00', Remaining: '-€14,400.00' })
    expect(screen.getByRole('alert')).toHaveTextContent('Invoiced + committed exceed the plan by €14,400.00.')
    expect(await screen.findByRole('img', { name: 'Chart of the budget 2026: planned, invoiced and committed by month' })).toBeInTheDocument()

    const months = screen.getByRole('table', { name: 'Budget 2026 by month' })
    const rows = within(months).getAllByRole('row').slice(1).map(cells)
    expect(rows).toHaveLength(13)
    expect(rows[0]).toEqual(['January', '€12,000.00', '€13,200.00', '€0.00'])
    expect(rows[5]).toEqual(['June', '€12,000.00', '€0.00', '€13,200.00'])
    expect(rows[11]).toEqual(['December', '€12,000.00', '€0.00', '€13,200.00'])
    expect(rows[12]).toEqual(['Year', '€144,000.00', '€66,000.00', '€92,400.00'])
  })

  it('opens on the current year and goes to the year chosen; no alert within the plan, none without one', async () => {
    const current = new Date().getFullYear()
    const calls = backend(contractManager, { [`GET ${budgets}/${current}`]: () => json(unplanned('c-1', 'INF-2026-01', current)) })
    renderApp('/contracts/c-1?tab=budget')

    const totals = await openTotals()
    expect(screen.getByRole('combobox', { name: 'Year' })).toHaveValue(String(current))
    expect(figures(totals)).toMatchObject({ Planned: 'Not planned', Invoiced: '€1,000.00', Remaining: 'Not planned' })
    expect(screen.queryByRole('alert')).not.toBeInTheDocument()

    await userEvent.selectOptions(screen.getByRole('combobox', { name: 'Year' }), '2025')
    expect(await screen.findByRole('table', { name: 'Budget 2025 by month' })).toBeInTheDocument()
    expect(figures(screen.getByRole('region', { name: 'Budget totals' }))).toEqual({
      Planned: '€200,000.00',
      Invoiced: '€150,000.00',
      Committed: '€0.00',
      Remaining: '€50,000.00',
    })
    expect(screen.queryByRole('alert')).not.toBeInTheDocument()
    // A plan for the whole year has no month's figure.
    expect(cells(within(screen.getByRole('table', { name: 'Budget 2025 by month' })).getAllByRole('row')[1]!)).toEqual([
      'January',
      '—',
      '€12,500.00',
      '€0.00',
    ])
    expect(calls.filter((call) => call.method === 'GET' && call.url.startsWith(budgets)).map((call) => call.url)).toEqual([
      `${budgets}/${current}`,
      `${budgets}/2025`,
    ])
  })

  it('plans the year as one amount, a 422 under its field, then shows the budget recomputed', async () => {
    const months = budget2026.budget.months.map((month) => ({ month: month.month, invoiced: month.invoiced, committed: month.committed }))
    const recomputed: ContractBudget = { ...budget2026, budget: { ...budget2026.budget, months, planned: 160000, remaining: 1600, overrun: false } }
    let answer = () => json({ title: 'Validation failed', status: 422, errors: { annual: ['An amount in euros, zero or more, to the cent.'] } }, 422)
    const calls = backend(contractManager, { [`PUT ${budgets}/2026`]: () => answer() })
    renderApp('/contracts/c-1?tab=budget&year=2026')
    await openTotals()

    await userEvent.click(screen.getByRole('button', { name: 'Plan the budget' }))
    const dialog = await screen.findByRole('dialog', { name: 'Plan the budget 2026' })
    // The plan in force was entered by month: the form starts from it.
    expect(within(dialog).getByRole('radio', { name: 'An amount per month' })).toBeChecked()
    expect(within(dialog).getByRole('textbox', { name: 'March' })).toHaveValue('12000 €')
    await userEvent.click(within(dialog).getByRole('radio', { name: 'The year’s amount' }))
    const annual = within(dialog).getByRole('textbox', { name: 'Amount for 2026' })
    await userEvent.click(within(dialog).getByRole('button', { name: 'Save the plan' }))
    expect(annual).toHaveAttribute('aria-invalid', 'true')
    expect(puts(calls)).toEqual([])

    await fill(annual, '160000')
    await userEvent.click(within(dialog).getByRole('button', { name: 'Save the plan' }))
    expect(await within(dialog).findByText('An amount in euros, zero or more, to the cent.')).toBeInTheDocument()
    expect(annual).toHaveAttribute('aria-invalid', 'true')
    expect(within(dialog).queryByText('Something went wrong')).not.toBeInTheDocument()
    expect(puts(calls)[0]?.body).toEqual({ annual: 160000 })
    expect(puts(calls)[0]?.headers.get('X-CSRF')).toBe('1')

    answer = () => json(recomputed)
    await userEvent.click(within(dialog).getByRole('button', { name: 'Save the plan' }))
    await waitFor(() => expect(screen.queryByRole('dialog', { name: 'Plan the budget 2026' })).not.toBeInTheDocument())
    expect(figures(screen.getByRole('region', { name: 'Budget totals' }))).toMatchObject({ Planned: '€160,000.00', Remaining: '€1,600.00' })
    expect(screen.queryByRole('alert')).not.toBeInTheDocument()
  })

  it('plans month by month, the months left empty unsent, a 422 under the month it names', async () => {
    const calls = backend(contractManager, {
      [`PUT ${budgets}/2025`]: () => json({ title: 'Validation failed', status: 422, errors: { 'monthly.3': ['An amount in euros, zero or more, to the cent.'] } }, 422),
    })
    renderApp('/contracts/c-1?tab=budget&year=2025')
    await openTotals()

    await userEvent.click(screen.getByRole('button', { name: 'Plan the budget' }))
    const dialog = await screen.findByRole('dialog', { name: 'Plan the budget 2025' })
    expect(within(dialog).getByRole('radio', { name: 'The year’s amount' })).toBeChecked()
    expect(within(dialog).getByRole('textbox', { name: 'Amount for 2025' })).toHaveValue('200000 €')
    await userEvent.click(within(dialog).getByRole('radio', { name: 'An amount per month' }))
    expect(within(dialog).getAllByRole('textbox')).toHaveLength(12)
    await userEvent.click(within(dialog).getByRole('button', { name: 'Save the plan' }))
    expect(await within(dialog).findByText('Give the amount of at least one month.')).toBeInTheDocument()
    expect(puts(calls)).toEqual([])

    await fill(within(dialog).getByRole('textbox', { name: 'January' }), '10000')
    await fill(within(dialog).getByRole('textbox', { name: 'March' }), '12500.5')
    await userEvent.click(within(dialog).getByRole('button', { name: 'Save the plan' }))

    expect(await within(dialog).findByText('An amount in euros, zero or more, to the cent.')).toBeInTheDocument()
    expect(within(dialog).getByRole('textbox', { name: 'March' })).toHaveAttribute('aria-invalid', 'true')
    expect(within(dialog).getByRole('textbox', { name: 'January' })).not.toHaveAttribute('aria-invalid', 'true')
    expect(within(dialog).queryByText('Something went wrong')).not.toBeInTheDocument()
    expect(puts(calls)[0]?.url).toBe(`${budgets}/2025`)
    expect(puts(calls)[0]?.body).toEqual({ monthly: { '1': 10000, '3': 12500.5 } })
  })

  it('is the client’s: the provider and requesters see no tab, auditors read without planning, none before the signature', async () => {
    const provider = backend(accountManager)
    const first = renderApp('/contracts/c-1?tab=budget&year=2026')
    expect(await screen.findByRole('tab', { name: 'Invoices' })).toBeInTheDocument()
    expect(screen.queryByRole('tab', { name: 'Budget' })).not.toBeInTheDocument()
    expect(screen.getByRole('tab', { name: 'Terms' })).toHaveAttribute('aria-selected', 'true')
    expect(provider.some((call) => call.url.startsWith(budgets))).toBe(false)
    first.unmount()

    backend(requester)
    const second = renderApp('/contracts/c-1?tab=budget&year=2026')
    expect(await screen.findByRole('tab', { name: 'Invoices' })).toBeInTheDocument()
    expect(screen.queryByRole('tab', { name: 'Budget' })).not.toBeInTheDocument()
    second.unmount()

    backend(contractManager, {}, detail({ phase: 'draft' }))
    const draft = renderApp('/contracts/c-1?tab=budget&year=2026')
    await screen.findByRole('heading', { name: 'INF-2026-01', level: 1 })
    expect(screen.queryByRole('tab', { name: 'Budget' })).not.toBeInTheDocument()
    draft.unmount()

    backend(auditor, {}, detail({ phase: 'signed' }))
    renderApp('/contracts/c-1?tab=budget&year=2026')
    await openTotals()
    expect(screen.getByRole('alert')).toBeInTheDocument()
    expect(screen.getByRole('table', { name: 'Budget 2026 by month' })).toBeInTheDocument()
    expect(screen.queryByRole('button', { name: 'Plan the budget' })).not.toBeInTheDocument()
  })

  it('speaks French', async () => {
    await i18n.changeLanguage('fr')
    backend(contractManager)
    renderApp('/contracts/c-1?tab=budget&year=2026')

    const totals = await screen.findByRole('region', { name: 'Totaux du budget' })
    expect(screen.getByRole('tab', { name: 'Budget' })).toHaveAttribute('aria-selected', 'true')
    expect(screen.getByRole('combobox', { name: 'Année' })).toHaveValue('2026')
    expect(Object.keys(figures(totals))).toEqual(['Prévu', 'Facturé', 'Engagé', 'Reste'])
    expect(screen.getByRole('alert')).toHaveTextContent(/^Dépassement du budgetFacturé \+ engagé dépassent le prévu de 14\s400,00\s€\.$/)
    const months = screen.getByRole('table', { name: 'Budget 2026 par mois' })
    expect(within(months).getAllByRole('row')[1]).toHaveTextContent(/^janvier12\s000,00\s€13\s200,00\s€0,00\s€$/)

    await userEvent.click(screen.getByRole('button', { name: 'Prévoir le budget' }))
    const dialog = await screen.findByRole('dialog', { name: 'Prévoir le budget 2026' })
    expect(within(dialog).getByRole('radio', { name: 'Le montant de l’année' })).toBeInTheDocument()
    expect(within(dialog).getByRole('textbox', { name: 'février' })).toBeInTheDocument()
    expect(within(dialog).getByRole('button', { name: 'Enregistrer la prévision' })).toBeInTheDocument()
  })
})
