import { screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it } from 'vitest'
import { formatDateTime } from '../../format'
import type { UserInfo } from '../../hooks/session'
import i18n from '../../i18n'
import { accountManager, contractManager, detail, providerOrganisation, version } from '../../test/contracts'
import { fakeBackend, json, renderApp, type FakeCall } from '../../test/render'
import { aprilIssued, auditor, mayAfterWaiver, mayDraft, months } from '../../test/statements'

type Routes = Parameters<typeof fakeBackend>[0]

const statements = '/api/invoicing/contracts/c-1/statements'

/** A contract in its run phase with May's draft and April's issued statement, and what the test adds. */
function backend(user: UserInfo, routes: Routes = {}): FakeCall[] {
  return fakeBackend({
    'GET /bff/user': () => json(user),
    'GET /api/identity/organisations/providers': () => json([providerOrganisation]),
    'GET /api/notifications/unread-count': () => json({ count: 0 }),
    'GET /api/contracts/c-1': () => json(detail()),
    'GET /api/contracts/c-1/versions/1': () => json(version()),
    [`GET ${statements}`]: () => json(months),
    [`GET ${statements}/2026-05`]: () => json(mayDraft),
    [`GET ${statements}/2026-04`]: () => json(aprilIssued),
    ...routes,
  })
}

const openMay = async () => screen.findByRole('table', { name: 'Penalty lines of May 2026' })
const row = (lines: HTMLElement, name: string) => within(lines).getByRole('row', { name })
const totals = (month = 'May 2026') => screen.getByRole('table', { name: `Totals of ${month}` })
const amountOf = (table: HTMLElement, label: string) => within(table).getByRole('rowheader', { name: label }).closest('tr')!.querySelector('td')!.textContent
const posts = (calls: FakeCall[]) => calls.filter((call) => call.method === 'POST')

describe('penalty statements', () => {
  it('lists the months and shows last month’s statement: lines, marks, ticket links and totals', async () => {
    backend(contractManager)
    renderApp('/contracts/c-1?tab=penalties')

    const lines = await openMay()
    const list = screen.getByRole('table', { name: 'Monthly statements' })
    const listed = within(list).getAllByRole('row').slice(1).map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent))
    expect(listed).toEqual([
      ['June 2026', 'Draft', '€0.00', '€0.00'],
      ['May 2026', 'Draft', '€876.00', '€996.00'],
      ['April 2026', 'Issued', '€0.00', '€0.00'],
    ])
    expect(within(list).getByRole('button', { name: 'Show the statement of May 2026' })).toHaveAttribute('aria-pressed', 'true')
    expect(screen.getByRole('region', { name: 'Statement of May 2026' })).toBeInTheDocument()
    expect(screen.getByText(/^Draft computed from the facts/)).toBeInTheDocument()

    const free = row(lines, 'ticket 1042 (Resolution)')
    expect(within(free).getByRole('link', { name: 'Ticket 1042' })).toHaveAttribute('href', '/tickets/t-1042')
    expect(within(free).getByText(`P1 Resolution breached on ${formatDateTime(mayDraft.lines[0]!.detail.breachedAt!, 'en')}`)).toBeInTheDocument()
    expect(within(free).getByText('€500.00')).toBeInTheDocument()
    expect(within(free).getByText('Free (franchise)')).toBeInTheDocument()

    const contested = row(lines, 'ticket 1063 (Response)')
    expect(within(contested).getByText(/^Contested by Paul Provider on .*: The client could not be reached\.$/)).toBeInTheDocument()
    expect(within(contested).getByText('Awaiting the client’s answer')).toBeInTheDocument()
    const waived = row(lines, 'ticket 1070 (Resolution)')
    expect(within(waived).getByText('Waived')).toBeInTheDocument()
    expect(within(waived).getByText(/^Waived by Claire Manager on .*: Planned maintenance\.$/)).toBeInTheDocument()
    expect(within(row(lines, 'P2 Resolution success rate')).getByText('P2 Resolution: 90 % met (18 of 20), target 95 %, 5 full points below')).toBeInTheDocument()
    expect(within(row(lines, 'ERP availability')).getByText('ERP: 99.1 % available, below 99.5 %')).toBeInTheDocument()

    const sums = totals()
    expect(amountOf(sums, 'Gross penalties')).toBe('€1,402.40')
    expect(amountOf(sums, 'Franchise (free breaches)')).toBe('-€500.00')
    expect(amountOf(sums, 'Waived lines')).toBe('-€26.40')
    expect(amountOf(sums, 'Beyond the monthly cap')).toBe('€0.00')
    expect(amountOf(sums, 'Total of the month')).toBe('€876.00')
    expect(amountOf(sums, 'Adjustment for March 2026')).toBe('€170.00')
    expect(amountOf(sums, 'Annual cap on the adjustment for March 2026')).toBe('-€50.00')
    expect(amountOf(sums, 'Total due')).toBe('€996.00')
    expect(amountOf(sums, 'Monthly fee')).toBe('€13,200.00')
    expect(amountOf(sums, 'Already applied this contract year')).toBe('€2,400.00')
    expect(screen.queryByText('Below the minimum')).not.toBeInTheDocument()

    const exports = screen.getByRole('group', { name: 'Exports of the statement' })
    expect(within(exports).getByRole('link', { name: 'Export CSV' })).toHaveAttribute('href', `${statements}/2026-05/export?format=csv`)
    expect(within(exports).getByRole('link', { name: 'Export XLSX' })).toHaveAttribute('href', `${statements}/2026-05/export?format=xlsx`)
  })

  it('opens the month in the address; an issued one is frozen, offers no action and explains the minimum', async () => {
    backend(contractManager)
    renderApp('/contracts/c-1?tab=penalties&month=2026-04')

    const lines = await screen.findByRole('table', { name: 'Penalty lines of April 2026' })
    expect(screen.getByText(`Issued on ${formatDateTime(aprilIssued.issuedAt!, 'en')}: this statement is frozen. A change to its figures goes into a later statement as an adjustment.`)).toBeInTheDocument()
    expect(within(lines).queryAllByRole('button')).toEqual([])
    expect(amountOf(totals('April 2026'), 'Total of the month')).toBe('€0.00')
    expect(screen.getByText('Below the minimum')).toBeInTheDocument()
    expect(screen.getByText(/comes to less than the contract’s minimum: nothing is billed for it\.$/)).toBeInTheDocument()

    await userEvent.click(screen.getByRole('button', { name: 'Show the statement of May 2026' }))
    expect(await openMay()).toBeInTheDocument()
  })

  it('offers each side its actions: waive and answer to the client’s contract manager, contest to the provider’s', async () => {
    backend(contractManager)
    const client = renderApp('/contracts/c-1?tab=penalties')
    let lines = await openMay()
    const names = () => within(lines).queryAllByRole('button').map((button) => button.getAttribute('aria-label'))
    expect(names()).toEqual([
      'Waive: ticket 1057 (Resolution)',
      'Answer: ticket 1063 (Response)',
      'Waive: P2 Resolution success rate',
      'Waive: ERP availability',
    ])
    client.unmount()

    backend(accountManager)
    renderApp('/contracts/c-1?tab=penalties')
    lines = await openMay()
    expect(names()).toEqual(['Contest: ticket 1057 (Resolution)', 'Contest: P2 Resolution success rate', 'Contest: ERP availability'])
  })

  it('offers an auditor no action', async () => {
    backend(auditor)
    renderApp('/contracts/c-1?tab=penalties')
    const lines = await openMay()
    expect(within(lines).queryAllByRole('button')).toEqual([])
    expect(within(lines).queryByRole('columnheader', { name: 'Actions' })).not.toBeInTheDocument()
  })

  it('waives a line with its reason and shows the statement recomputed', async () => {
    const waive = `${statements}/2026-05/lines/breach%3At-1057%3Aresolve/waive`
    const calls = backend(contractManager, { [`POST ${waive}`]: () => json(mayAfterWaiver) })
    renderApp('/contracts/c-1?tab=penalties')
    const lines = await openMay()

    await userEvent.click(within(row(lines, 'ticket 1057 (Resolution)')).getByRole('button', { name: 'Waive: ticket 1057 (Resolution)' }))
    const dialog = await screen.findByRole('dialog', { name: 'Waive the line: ticket 1057 (Resolution)' })
    await userEvent.click(within(dialog).getByRole('button', { name: 'Waive' }))
    expect(await within(dialog).findByText('This field is required.')).toBeInTheDocument()
    expect(posts(calls)).toEqual([])

    await userEvent.type(within(dialog).getByRole('textbox', { name: 'Reason' }), ' Outage on our side. ')
    await userEvent.click(within(dialog).getByRole('button', { name: 'Waive' }))

    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument())
    expect(posts(calls).map((call) => [call.url, call.body, call.headers.get('X-CSRF')])).toEqual([[waive, { reason: 'Outage on our side.' }, '1']])
    const waived = row(screen.getByRole('table', { name: 'Penalty lines of May 2026' }), 'ticket 1057 (Resolution)')
    expect(within(waived).getByText('Waived')).toBeInTheDocument()
    expect(within(waived).queryByRole('button')).not.toBeInTheDocument()
    expect(amountOf(totals(), 'Total of the month')).toBe('€744.00')
    expect(amountOf(totals(), 'Total due')).toBe('€864.00')
    // The months' totals change with it: the list is read again.
    await waitFor(() => expect(calls.filter((call) => call.method === 'GET' && call.url === statements)).toHaveLength(2))
  })

  it('answers a contest, upheld or waived, with a reason', async () => {
    const answer = `${statements}/2026-05/lines/breach%3At-1063%3Arespond/answer`
    const calls = backend(contractManager, { [`POST ${answer}`]: () => json(mayDraft) })
    renderApp('/contracts/c-1?tab=penalties')
    const lines = await openMay()

    await userEvent.click(within(lines).getByRole('button', { name: 'Answer: ticket 1063 (Response)' }))
    const dialog = await screen.findByRole('dialog', { name: 'Answer the contest: ticket 1063 (Response)' })
    expect(within(dialog).getByText('The client could not be reached.')).toBeInTheDocument()
    await userEvent.type(within(dialog).getByRole('textbox', { name: 'Reason' }), 'The contact was on call.')
    await userEvent.click(within(dialog).getByRole('button', { name: 'Answer' }))
    expect(await within(dialog).findByText('Choose one option.')).toBeInTheDocument()

    await userEvent.click(within(dialog).getByRole('radio', { name: /^Uphold the line/ }))
    await userEvent.click(within(dialog).getByRole('button', { name: 'Answer' }))
    await waitFor(() => expect(posts(calls)).toHaveLength(1))
    expect(posts(calls)[0]?.body).toEqual({ decision: 'upheld', reason: 'The contact was on call.' })
  })

  it('shows a refusal in the problem’s words: a 409 above the buttons, a 422 under the reason', async () => {
    const contest = `${statements}/2026-05/lines/availability%3AERP/contest`
    let answer = () =>
      json({ title: 'Conflict', status: 409, detail: 'The statement is issued: it no longer changes.', code: 'statement.issued' }, 409)
    backend(accountManager, { [`POST ${contest}`]: () => answer() })
    renderApp('/contracts/c-1?tab=penalties')
    const lines = await openMay()

    await userEvent.click(within(lines).getByRole('button', { name: 'Contest: ERP availability' }))
    const dialog = await screen.findByRole('dialog', { name: 'Contest the line: ERP availability' })
    const reason = within(dialog).getByRole('textbox', { name: 'Reason' })
    await userEvent.type(reason, 'The outage was the client’s network.')
    await userEvent.click(within(dialog).getByRole('button', { name: 'Contest' }))
    expect(await within(dialog).findByText('The statement is issued: it no longer changes.')).toBeInTheDocument()

    answer = () => json({ title: 'Validation failed', status: 422, errors: { reason: ['Give a reason of at most 2,000 characters.'] } }, 422)
    await userEvent.click(within(dialog).getByRole('button', { name: 'Contest' }))
    expect(await within(dialog).findByText('Give a reason of at most 2,000 characters.')).toBeInTheDocument()
    expect(reason).toHaveAttribute('aria-invalid', 'true')
    expect(within(dialog).queryByText('The statement is issued: it no longer changes.')).not.toBeInTheDocument()
  })

  it('speaks French', async () => {
    await i18n.changeLanguage('fr')
    backend(contractManager)
    renderApp('/contracts/c-1?tab=penalties')

    const lines = await screen.findByRole('table', { name: 'Lignes de pénalités de mai 2026' })
    expect(screen.getByRole('tab', { name: 'Pénalités' })).toHaveAttribute('aria-selected', 'true')
    expect(screen.getByRole('region', { name: 'Relevé de mai 2026' })).toBeInTheDocument()
    const free = row(lines, 'ticket 1042 (Résolution)')
    expect(within(free).getByText('Gratuit (franchise)')).toBeInTheDocument()
    expect(within(row(lines, 'ticket 1070 (Résolution)')).getByText('Renoncée')).toBeInTheDocument()
    expect(within(row(lines, 'ticket 1057 (Résolution)')).getByRole('button', { name: 'Renoncer : ticket 1057 (Résolution)' })).toHaveTextContent('Renoncer')
    const sums = screen.getByRole('table', { name: 'Totaux de mai 2026' })
    expect(amountOf(sums, 'Pénalités brutes')?.replace(/\s/g, ' ')).toBe('1 402,40 €')
    expect(amountOf(sums, 'Total dû')?.replace(/\s/g, ' ')).toBe('996,00 €')
    expect(within(screen.getByRole('table', { name: 'Relevés mensuels' })).getByText('Émis')).toBeInTheDocument()
  })
})
