import { screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it } from 'vitest'
import type { UserInfo } from '../../hooks/session'
import { accountManager, contractManager, contractPageRoutes, requester } from '../../test/contracts'
import { fakeBackend, json, renderApp, type FakeCall } from '../../test/render'
import { june, trend } from '../../test/reporting'
import { auditor } from '../../test/statements'

type Routes = Parameters<typeof fakeBackend>[0]

const reporting = '/api/reporting/contracts/c-1/scorecard'

/** A contract in its run phase with June 2026's scorecard and its twelve months, and what the test adds. */
function backend(user: UserInfo, routes: Routes = {}): FakeCall[] {
  return fakeBackend({
    ...contractPageRoutes(user),
    [`GET ${reporting}`]: () => json(june),
    [`GET ${reporting}/trend`]: () => json(trend),
    ...routes,
  })
}

const keyFigure = (name: string) => within(screen.getByRole('region', { name: 'Key figures' })).getByRole('group', { name })
const cells = (row: HTMLElement) => [...row.querySelectorAll('th, td')].map((cell) => cell.textContent)

describe('contract dashboard', () => {
  it('shows the month in the address: key figures with their status, the SLA table, the details and the exports', async () => {
    const calls = backend(contractManager)
    renderApp('/contracts/c-1?tab=dashboard&month=2026-06')

    expect(await screen.findByRole('heading', { name: 'Scorecard of June 2026' })).toBeInTheDocument()
    expect(calls.some((call) => call.url === `${reporting}?month=2026-06`)).toBe(true)
    expect(calls.some((call) => call.url === `${reporting}/trend?to=2026-06&months=12`)).toBe(true)
    expect(screen.getByText(/^Month in progress, as of/)).toBeInTheDocument()

    expect(keyFigure('Opened')).toHaveTextContent('12')
    expect(keyFigure('Breaches')).toHaveTextContent('2Off target')
    expect(keyFigure('Service levels')).toHaveTextContent('8 of 9 metPenalty due')
    expect(keyFigure('Availability')).toHaveTextContent('99.86%On target')
    expect(keyFigure('Penalties')).toHaveTextContent('Not issued yet')
    expect(keyFigure('Budget')).toHaveTextContent('€79,200.00On target')

    const sla = screen.getByRole('table', { name: 'Service levels by priority and clock' })
    expect(cells(within(sla).getAllByRole('row')[1]!)).toEqual(['P1', 'Response', '2', '1', '50.00%', '99.00%', 'Penalty due', '25 min', '40 min', '1', 'Tickets'])
    expect(cells(within(sla).getAllByRole('row')[3]!).slice(0, 7)).toEqual(['P2', 'Response', '0', '0', '—', '—', ''])

    expect(screen.getByRole('region', { name: 'Budget' })).toHaveTextContent('Plan for 2026€160,000.00')
    expect(screen.getByRole('region', { name: 'Penalties' })).toHaveTextContent('not issued yet')
    const volumes = screen.getByRole('table', { name: 'Volumes' })
    expect(within(volumes).getAllByRole('row')).toHaveLength(3)

    const exports = screen.getByRole('group', { name: 'Exports of the scorecard' })
    for (const format of ['csv', 'xlsx', 'pdf'])
      expect(within(exports).getByRole('link', { name: `Export ${format.toUpperCase()}` })).toHaveAttribute('href', `${reporting}/export?month=2026-06&format=${format}`)

    const charts = await screen.findByRole('region', { name: 'Last twelve months' })
    expect(within(charts).getByRole('img', { name: 'P1 Response: success rate against target' })).toBeInTheDocument()
    expect(within(charts).getByRole('img', { name: 'P2 Resolution: success rate against target' })).toBeInTheDocument()
    expect(within(charts).getByRole('img', { name: 'Backlog at each month’s end' })).toBeInTheDocument()
    expect(within(charts).getByRole('img', { name: 'Invoiced and penalties due' })).toBeInTheDocument()
  })

  it('lists the tickets behind a figure, each a link to the ticket', async () => {
    const calls = backend(contractManager, {
      [`GET ${reporting}/tickets`]: () =>
        json({
          contractId: 'c-1',
          month: '2026-06',
          figure: 'sla',
          total: 2,
          offset: 0,
          items: [
            { ticketId: 't-7', number: 7, kind: 'incident', priority: 'P1', clock: 'respond', met: true },
            { ticketId: 't-9', number: 9, kind: 'incident', priority: 'P1', clock: 'respond', met: false },
          ],
        }),
    })
    renderApp('/contracts/c-1?tab=dashboard&month=2026-06')

    const sla = await screen.findByRole('table', { name: 'Service levels by priority and clock' })
    await userEvent.click(within(sla).getByRole('button', { name: 'Tickets behind: P1 Response' }))
    const dialog = await screen.findByRole('dialog', { name: 'Tickets behind: Service levels · P1 · Response' })
    expect(await within(dialog).findByRole('link', { name: 'Ticket 9' })).toHaveAttribute('href', '/tickets/t-9')
    expect(within(dialog).getByText('Response missed')).toBeInTheDocument()
    expect(within(dialog).getByText('Response met')).toBeInTheDocument()
    const asked = calls.find((call) => call.url.startsWith(`${reporting}/tickets`))!
    expect(new URL(asked.url, 'http://x').searchParams.toString()).toBe('month=2026-06&limit=200&figure=sla&priority=P1&clock=respond')
  })

  it('changes the month through the address, and falls back to the current month for one not begun', async () => {
    const calls = backend(auditor)
    renderApp('/contracts/c-1?tab=dashboard&month=2999-01')
    await screen.findByRole('heading', { name: /^Scorecard of/ })
    const today = new Date()
    const current = `${today.getFullYear()}-${String(today.getMonth() + 1).padStart(2, '0')}`
    expect(calls.some((call) => call.url === `${reporting}?month=${current}`)).toBe(true)

    await userEvent.selectOptions(screen.getByRole('combobox', { name: 'Month' }), '2026-06')
    await waitFor(() => expect(calls.some((call) => call.url === `${reporting}?month=2026-06`)).toBe(true))
  })

  it('shows the provider no budget, and the requesters no dashboard', async () => {
    backend(accountManager, { [`GET ${reporting}`]: () => json({ ...june, budget: null, statuses: { ...june.statuses, budget: null } }) })
    const provider = renderApp('/contracts/c-1?tab=dashboard&month=2026-06')
    await screen.findByRole('heading', { name: 'Scorecard of June 2026' })
    expect(within(screen.getByRole('region', { name: 'Key figures' })).queryByRole('group', { name: 'Budget' })).not.toBeInTheDocument()
    expect(screen.queryByRole('region', { name: 'Budget' })).not.toBeInTheDocument()
    provider.unmount()

    backend(requester)
    renderApp('/contracts/c-1?tab=dashboard')
    expect(await screen.findByRole('tab', { name: 'Terms' })).toHaveAttribute('aria-selected', 'true')
    expect(screen.queryByRole('tab', { name: 'Dashboard' })).not.toBeInTheDocument()
    expect(screen.queryByRole('tab', { name: 'Reviews' })).not.toBeInTheDocument()
  })
})
