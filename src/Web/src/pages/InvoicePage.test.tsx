import { screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it } from 'vitest'
import { calendarDay, formatDateTime } from '../format'
import type { Invoice } from '../hooks/invoices'
import type { UserInfo } from '../hooks/session'
import i18n from '../i18n'
import { accountManager, contractManager } from '../test/contracts'
import { approvedInvoice, disputedInvoice, duplicateDiscrepancy, mayInvoice } from '../test/invoices'
import { fakeBackend, json, renderApp, type FakeCall } from '../test/render'
import { auditor } from '../test/statements'

type Routes = Parameters<typeof fakeBackend>[0]

const path = '/api/invoicing/invoices/inv-2'

/** The backend of the invoice page: the session, May's invoice in the state the test gives, and what the test adds. */
function backend(user: UserInfo, invoice: Invoice | (() => Invoice) = mayInvoice, routes: Routes = {}): FakeCall[] {
  return fakeBackend({
    'GET /bff/user': () => json(user),
    'GET /api/notifications/unread-count': () => json({ count: 0 }),
    [`GET ${path}`]: () => json(typeof invoice === 'function' ? invoice() : invoice),
    ...routes,
  })
}

const status = (name: string) => screen.findByRole('status', { name })
const open = () => screen.findByRole('heading', { name: 'Invoice F-2026-0052', level: 1 })
const lines = () => screen.getByRole('table', { name: 'Lines of F-2026-0052' })
const actions = () => screen.queryByRole('group', { name: 'Actions on the invoice' })
const actionNames = () => within(actions() ?? document.createElement('div')).queryAllByRole('button').map((button) => button.textContent)
const posts = (calls: FakeCall[]) => calls.filter((call) => call.method === 'POST')
const amountOf = (table: HTMLElement, label: string) => within(table).getByRole('rowheader', { name: label }).closest('tr')!.querySelector('td')!.textContent

describe('invoice page', () => {
  it('shows the invoice as controlled: each discrepancy on its line, the whole invoice’s above the lines, totals, VAT, history', async () => {
    backend(contractManager)
    renderApp('/invoices/inv-2')

    await open()
    expect(screen.getByRole('status', { name: 'Status: Controlled' })).toHaveTextContent('Controlled')
    expect(screen.getAllByText('3 discrepancies, €1,176.00 at stake')[0]).toBeInTheDocument()
    expect(screen.getByRole('link', { name: 'Back to the contract’s invoices' })).toHaveAttribute('href', '/contracts/c-1?tab=invoices')
    expect(screen.getByRole('link', { name: 'Download the original' })).toHaveAttribute('href', `${path}/original`)
    expect(screen.getByText('F-2026-0052.pdf, 47 kB')).toBeInTheDocument()

    const facts = screen.getByRole('region', { name: 'Invoice details' })
    expect(within(facts).getByText('Provider SAS')).toBeInTheDocument()
    expect(within(facts).getByText('VAT number: FR12552100554')).toBeInTheDocument()
    expect(within(facts).getByText('Client SA')).toBeInTheDocument()
    expect(within(facts).getByText('May 1, 2026 – May 31, 2026')).toBeInTheDocument()
    expect(within(facts).getByText('Factur-X PDF')).toBeInTheDocument()
    expect(within(facts).getByRole('link', { name: 'Credit note AV-2026-001 (Controlled)' })).toHaveAttribute('href', '/invoices/inv-3')

    // The penalties not credited are about the whole invoice: above its lines.
    const whole = screen.getByRole('table', { name: 'Discrepancies on the whole invoice' })
    const credit = within(whole).getByRole('row', { name: 'Penalty credit' })
    expect(within(credit).getByText('The penalties of 2026-04 (1,076.00 €, issued statement) are not credited.')).toBeInTheDocument()
    expect(within(credit).getByText('Expected: €1,076.00')).toBeInTheDocument()
    expect(within(credit).getByText('Billed: €0.00')).toBeInTheDocument()
    expect(within(credit).getByText('At stake: €1,076.00')).toBeInTheDocument()
    expect(within(credit).getByText('Blocking')).toBeInTheDocument()

    // Each line's discrepancies come right after it.
    const rows = within(lines()).getAllByRole('row').slice(1)
    expect(rows.map((row) => row.getAttribute('aria-label'))).toEqual([
      'Line 1: Redevance mensuelle mai 2026',
      'Arithmetic — line 1',
      'Line 2: Intervention sur site',
      'Unit price — line 2',
    ])
    expect([...rows[2]!.querySelectorAll('td')].map((td) => td.textContent)).toEqual(['2', 'Intervention sur siteUO-1', 'Work unit', '2', '€500.00', '€1,000.00', '20 %'])
    const price = within(lines()).getByRole('row', { name: 'Unit price — line 2' })
    expect(within(price).getByText('Expected: €450.00')).toBeInTheDocument()
    expect(within(price).getByText('Billed: €500.00')).toBeInTheDocument()
    expect(within(price).getByText('At stake: €100.00')).toBeInTheDocument()
    expect(within(price).getByText(/^Line 2: the unit price of UO-1/)).toBeInTheDocument()
    expect(within(within(lines()).getByRole('row', { name: 'Arithmetic — line 1' })).getByText('Tolerated')).toBeInTheDocument()

    const totals = screen.getByRole('table', { name: 'Totals of F-2026-0052' })
    expect(amountOf(totals, 'Total excl. VAT')).toBe('€14,200.01')
    expect(amountOf(totals, 'VAT')).toBe('€2,840.00')
    expect(amountOf(totals, 'Amount due')).toBe('€17,040.01')
    const vat = screen.getByRole('table', { name: 'VAT breakdown of F-2026-0052' })
    expect([...within(vat).getAllByRole('row')[1]!.querySelectorAll('td')].map((td) => td.textContent)).toEqual(['20 %', '€14,200.01', '€2,840.00'])
    const history = screen.getByRole('table', { name: 'History of F-2026-0052' })
    expect(within(history).getAllByRole('row')).toHaveLength(3)
    expect(within(history).getByText('Paul Provider')).toBeInTheDocument()
  })

  it('offers the client’s contract manager approval and dispute, the provider and an auditor nothing', async () => {
    backend(contractManager)
    const client = renderApp('/invoices/inv-2')
    await open()
    expect(actionNames()).toEqual(['Approve', 'Dispute'])
    client.unmount()

    backend(accountManager)
    const provider = renderApp('/invoices/inv-2')
    await open()
    expect(actions()).not.toBeInTheDocument()
    expect(screen.queryByRole('button', { name: 'Upload a credit note or corrected invoice' })).not.toBeInTheDocument()
    provider.unmount()

    backend(auditor)
    const audit = renderApp('/invoices/inv-2')
    await open()
    expect(actions()).not.toBeInTheDocument()
    audit.unmount()

    backend(contractManager, approvedInvoice)
    renderApp('/invoices/inv-2')
    await open()
    expect(actionNames()).toEqual(['Mark as paid'])
  })

  it('shows a disputed invoice’s message to both sides, and lets the provider answer it with a credit note', async () => {
    const creditNote: Invoice = {
      ...mayInvoice,
      id: 'inv-3',
      number: 'AV-2026-001',
      kind: 'creditNote',
      discrepancies: [],
      result: 'compliant',
      totalAtStake: 0,
      precedingInvoice: { id: 'inv-2', number: 'F-2026-0052' },
      corrections: [],
    }
    const calls = backend(accountManager, disputedInvoice, {
      'POST /api/invoicing/contracts/c-1/invoices': () => json(creditNote, 201),
      'GET /api/invoicing/invoices/inv-3': () => json(creditNote),
    })
    renderApp('/invoices/inv-2')
    await open()

    expect(await status('Status: Disputed')).toBeInTheDocument()
    const dispute = screen.getByRole('region', { name: 'The client’s dispute' })
    expect(within(dispute).getByText('April’s penalties are missing.')).toBeInTheDocument()
    expect(within(dispute).getByText(`Disputed by Claire Manager on ${formatDateTime('2026-06-03T09:00:00Z', 'en')}`)).toBeInTheDocument()
    expect(screen.getByText(/^The client disputed this invoice\. Answer it with a credit note or a corrected invoice that names F-2026-0052/)).toBeInTheDocument()
    expect(actions()).not.toBeInTheDocument()

    await userEvent.click(screen.getByRole('button', { name: 'Upload a credit note or corrected invoice' }))
    const dialog = await screen.findByRole('dialog', { name: 'Upload a credit note or corrected invoice' })
    await userEvent.upload(within(dialog).getByLabelText(/^File/), new File(['<Invoice/>'], 'AV-2026-001.xml', { type: 'application/xml' }))
    await userEvent.click(within(dialog).getByRole('button', { name: 'Upload' }))
    expect(await screen.findByRole('heading', { name: 'Credit note AV-2026-001', level: 1 })).toBeInTheDocument()
    expect(posts(calls).map((call) => call.url)).toEqual(['/api/invoicing/contracts/c-1/invoices'])
    expect(within(screen.getByRole('region', { name: 'Invoice details' })).getByRole('link', { name: 'F-2026-0052' })).toHaveAttribute('href', '/invoices/inv-2')
  })

  it('approves with a reason for each blocking discrepancy, none for a tolerated one', async () => {
    let current = mayInvoice
    let answer = () => json({ title: 'Validation failed', status: 422, errors: { 'reasons.unitPrice:2:1': ['Give a reason for this discrepancy.'] } }, 422)
    const calls = backend(contractManager, () => current, { [`POST ${path}/approve`]: () => answer() })
    renderApp('/invoices/inv-2')
    await open()

    await userEvent.click(screen.getByRole('button', { name: 'Approve' }))
    const dialog = await screen.findByRole('dialog', { name: 'Approve F-2026-0052' })
    expect(within(dialog).getAllByRole('textbox')).toHaveLength(2)
    const credit = within(dialog).getByRole('textbox', { name: 'Reason — Penalty credit' })
    const price = within(dialog).getByRole('textbox', { name: 'Reason — Unit price — line 2' })
    expect(within(dialog).queryByRole('textbox', { name: /Arithmetic/ })).not.toBeInTheDocument()

    await userEvent.click(within(dialog).getByRole('button', { name: 'Approve' }))
    expect(credit).toHaveAttribute('aria-invalid', 'true')
    expect(price).toHaveAttribute('aria-invalid', 'true')
    expect(posts(calls)).toEqual([])

    await userEvent.type(credit, 'Credited on the June invoice.')
    await userEvent.type(price, ' ')
    await userEvent.click(within(dialog).getByRole('button', { name: 'Approve' }))
    expect(credit).not.toHaveAttribute('aria-invalid', 'true')
    expect(price).toHaveAttribute('aria-invalid', 'true')
    expect(posts(calls)).toEqual([])

    await userEvent.type(price, 'Urgent intervention, price agreed.')
    await userEvent.click(within(dialog).getByRole('button', { name: 'Approve' }))
    expect(await within(dialog).findByText('Give a reason for this discrepancy.')).toBeInTheDocument()
    expect(posts(calls)[0]?.body).toEqual({
      reasons: { 'unitPrice:2:1': 'Urgent intervention, price agreed.', 'penaltyCredit:invoice:1': 'Credited on the June invoice.' },
    })

    answer = () => {
      current = approvedInvoice
      return json(approvedInvoice)
    }
    await userEvent.click(within(dialog).getByRole('button', { name: 'Approve' }))
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument())
    expect(await status('Status: Approved')).toBeInTheDocument()
    expect(screen.getAllByText(/^Accepted by Claire Manager on .*: Agreed\.$/)).toHaveLength(2)
  })

  it('disputes with the message the provider reads', async () => {
    let current: Invoice = mayInvoice
    const calls = backend(contractManager, () => current, {
      [`POST ${path}/dispute`]: () => {
        current = disputedInvoice
        return new Response(null, { status: 200 })
      },
    })
    renderApp('/invoices/inv-2')
    await open()

    await userEvent.click(screen.getByRole('button', { name: 'Dispute' }))
    const dialog = await screen.findByRole('dialog', { name: 'Dispute F-2026-0052' })
    await userEvent.click(within(dialog).getByRole('button', { name: 'Dispute' }))
    expect(await within(dialog).findByText('This field is required.')).toBeInTheDocument()
    await userEvent.type(within(dialog).getByRole('textbox', { name: 'Message' }), ' April’s penalties are missing. ')
    await userEvent.click(within(dialog).getByRole('button', { name: 'Dispute' }))

    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument())
    expect(posts(calls).map((call) => [call.url, call.body, call.headers.get('X-CSRF')])).toEqual([[`${path}/dispute`, { message: 'April’s penalties are missing.' }, '1']])
    // The call answers nothing: the invoice is read again.
    expect(await status('Status: Disputed')).toBeInTheDocument()
    expect(screen.getByRole('region', { name: 'The client’s dispute' })).toBeInTheDocument()
    expect(actions()).not.toBeInTheDocument()
  })

  it('records the payment of an approved invoice: today by default, never in the future, the API’s refusal under the date', async () => {
    const calls = backend(contractManager, approvedInvoice, {
      [`POST ${path}/paid`]: () => json({ title: 'Validation failed', status: 422, errors: { paidOn: ['The payment cannot be before the approval, on 2026-06-03.'] } }, 422),
    })
    renderApp('/invoices/inv-2')
    await open()

    await userEvent.click(screen.getByRole('button', { name: 'Mark as paid' }))
    const dialog = await screen.findByRole('dialog', { name: 'Record the payment of F-2026-0052' })
    const paidOn = within(dialog).getByLabelText(/^Payment date/)
    // Shown as an English screen in an American browser writes a day; sent as the API writes it.
    const [year, month, day] = calendarDay().split('-')
    expect(paidOn).toHaveValue(`${month}/${day}/${year}`)

    const tomorrow = new Date()
    tomorrow.setDate(tomorrow.getDate() + 1)
    await userEvent.clear(paidOn)
    await userEvent.type(paidOn, calendarDay(tomorrow))
    await userEvent.click(within(dialog).getByRole('button', { name: 'Mark as paid' }))
    expect(await within(dialog).findByText('The date cannot be in the future.')).toBeInTheDocument()
    expect(posts(calls)).toEqual([])

    await userEvent.clear(paidOn)
    await userEvent.type(paidOn, '2026-06-01')
    await userEvent.click(within(dialog).getByRole('button', { name: 'Mark as paid' }))
    expect(await within(dialog).findByText('The payment cannot be before the approval, on 2026-06-03.')).toBeInTheDocument()
    expect(paidOn).toHaveAttribute('aria-invalid', 'true')
    expect(posts(calls)[0]?.body).toEqual({ paidOn: '2026-06-01' })
  })

  it('clears a duplicate that is none, with a reason, on the discrepancy’s row', async () => {
    let current: Invoice = { ...mayInvoice, discrepancies: [...mayInvoice.discrepancies, duplicateDiscrepancy] }
    const calls = backend(contractManager, () => current, {
      [`POST ${path}/duplicates/inv-0/clear`]: () => {
        current = mayInvoice
        return json(mayInvoice)
      },
    })
    renderApp('/invoices/inv-2')
    await open()

    const row = within(screen.getByRole('table', { name: 'Discrepancies on the whole invoice' })).getByRole('row', { name: 'Duplicate' })
    expect(within(row).getByRole('link', { name: 'The invoice it repeats' })).toHaveAttribute('href', '/invoices/inv-0')
    await userEvent.click(within(row).getByRole('button', { name: 'Not a duplicate: Duplicate' }))
    const dialog = await screen.findByRole('dialog', { name: 'Not a duplicate: Duplicate' })
    await userEvent.type(within(dialog).getByRole('textbox', { name: 'Reason' }), 'F-2026-0049 billed April.')
    await userEvent.click(within(dialog).getByRole('button', { name: 'Not a duplicate' }))

    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument())
    expect(posts(calls)[0]?.body).toEqual({ reason: 'F-2026-0049 billed April.' })
    expect(screen.queryByRole('row', { name: 'Duplicate' })).not.toBeInTheDocument()
  })

  it('speaks French: the dispute as a browser test does it', async () => {
    await i18n.changeLanguage('fr')
    let current: Invoice = mayInvoice
    backend(contractManager, () => current, {
      [`POST ${path}/dispute`]: () => {
        current = disputedInvoice
        return json(disputedInvoice)
      },
    })
    renderApp('/invoices/inv-2')

    expect(await screen.findByRole('heading', { name: 'Facture F-2026-0052', level: 1 })).toBeInTheDocument()
    expect(screen.getByRole('status', { name: 'Statut : Contrôlée' })).toBeInTheDocument()
    const whole = screen.getByRole('table', { name: 'Écarts sur l’ensemble de la facture' })
    expect(within(whole).getByRole('row', { name: /^Crédit de pénalités/ })).toBeInTheDocument()
    expect(within(whole).getByText('Bloquant')).toBeInTheDocument()
    const frenchLines = screen.getByRole('table', { name: 'Lignes de F-2026-0052' })
    const price = within(frenchLines).getByRole('row', { name: 'Prix unitaire — ligne 2' })
    expect(within(price).getByText(/^Attendu : 450,00\s€$/)).toBeInTheDocument()
    expect(within(price).getByText(/^En jeu : 100,00\s€$/)).toBeInTheDocument()
    expect(within(frenchLines).getByRole('row', { name: 'Ligne 2 : Intervention sur site' })).toBeInTheDocument()
    expect(within(within(frenchLines).getByRole('row', { name: 'Calcul — ligne 1' })).getByText('Toléré')).toBeInTheDocument()

    await userEvent.click(within(screen.getByRole('group', { name: 'Actions sur la facture' })).getByRole('button', { name: 'Contester' }))
    const dialog = await screen.findByRole('dialog', { name: 'Contester F-2026-0052' })
    await userEvent.type(within(dialog).getByRole('textbox', { name: 'Message' }), 'Les pénalités d’avril manquent.')
    await userEvent.click(within(dialog).getByRole('button', { name: 'Contester' }))
    expect(await status('Statut : Contestée')).toHaveTextContent('Contestée')
    expect(screen.getByRole('region', { name: 'La contestation du client' })).toBeInTheDocument()
  })
})
