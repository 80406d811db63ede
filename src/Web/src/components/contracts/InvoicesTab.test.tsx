import { screen, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it } from 'vitest'
import type { ContractDetail } from '../../hooks/contracts'
import type { UserInfo } from '../../hooks/session'
import i18n from '../../i18n'
import { accountManager, contractManager, detail, providerOrganisation, version } from '../../test/contracts'
import { invoiceList, mayInvoice } from '../../test/invoices'
import { fakeBackend, json, renderApp, type FakeCall } from '../../test/render'

type Routes = Parameters<typeof fakeBackend>[0]

const invoices = '/api/invoicing/contracts/c-1/invoices'

/** A contract in its run phase with three invoices, and what the test adds. */
function backend(user: UserInfo, routes: Routes = {}, contract: ContractDetail = detail()): FakeCall[] {
  return fakeBackend({
    'GET /bff/user': () => json(user),
    'GET /api/identity/organisations/providers': () => json([providerOrganisation]),
    'GET /api/notifications/unread-count': () => json({ count: 0 }),
    'GET /api/contracts/c-1': () => json(contract),
    'GET /api/contracts/c-1/versions/1': () => json(version()),
    [`GET ${invoices}`]: () => json(invoiceList),
    'GET /api/invoicing/invoices/inv-2': () => json(mayInvoice),
    ...routes,
  })
}

const openList = () => screen.findByRole('table', { name: 'Invoices of the contract' })
const cells = (row: HTMLElement) => [...row.querySelectorAll('td')].map((td) => td.textContent)
const posts = (calls: FakeCall[]) => calls.filter((call) => call.method === 'POST')
/** Puts a whole value in a field at once: typing a long form key by key takes seconds on a small machine. */
async function fill(field: HTMLElement, value: string) {
  await userEvent.tripleClick(field)
  await userEvent.paste(value)
}

describe('invoices tab', () => {
  it('lists the contract’s invoices newest first: kind, dates, totals, status, control, the invoice a credit note corrects', async () => {
    backend(contractManager)
    renderApp('/contracts/c-1?tab=invoices')

    const list = await openList()
    expect(screen.getByRole('tab', { name: 'Invoices' })).toHaveAttribute('aria-selected', 'true')
    const rows = within(list).getAllByRole('row').slice(1)
    expect(rows.map(cells)).toEqual([
      ['AV-2026-001Credits F-2026-0052', 'Credit note', 'Jun 12, 2026', 'May 1, 2026 – May 31, 2026', '€330.00', '€396.00', 'Controlled', 'Compliant'],
      ['F-2026-0052', 'Invoice', 'Jun 2, 2026', 'May 1, 2026 – May 31, 2026', '€14,100.00', '€16,920.00', 'Controlled', '3 discrepancies, €1,176.00 at stake'],
      ['F-2026-0041', 'Invoice', 'May 4, 2026', 'Apr 1, 2026 – Apr 30, 2026', '€13,200.00', '€15,840.00', 'Paid', 'Compliant'],
    ])
    expect(within(rows[0]!).getByRole('link', { name: 'AV-2026-001' })).toHaveAttribute('href', '/invoices/inv-3')
    expect(within(rows[0]!).getByRole('link', { name: 'Credits F-2026-0052' })).toHaveAttribute('href', '/invoices/inv-2')
    // The client's people read the invoices; only the provider sends them.
    expect(screen.queryByRole('button', { name: 'Upload an invoice' })).not.toBeInTheDocument()
    expect(screen.queryByRole('button', { name: 'Enter an invoice' })).not.toBeInTheDocument()

    await userEvent.click(within(rows[1]!).getByRole('link', { name: 'F-2026-0052' }))
    expect(await screen.findByRole('heading', { name: 'Invoice F-2026-0052', level: 1 })).toBeInTheDocument()
  })

  it('starts with the signature: none on a draft, an empty list once signed', async () => {
    backend(contractManager, {}, detail({ phase: 'draft' }))
    const draft = renderApp('/contracts/c-1')
    await screen.findByRole('heading', { name: 'INF-2026-01', level: 1 })
    expect(screen.queryByRole('tab', { name: 'Invoices' })).not.toBeInTheDocument()
    draft.unmount()

    backend(accountManager, { [`GET ${invoices}`]: () => json([]) }, detail({ phase: 'signed' }))
    renderApp('/contracts/c-1?tab=invoices')
    expect(await screen.findByText('No invoice yet')).toBeInTheDocument()
    expect(screen.getByRole('button', { name: 'Upload an invoice' })).toBeInTheDocument()
  })

  it('uploads the provider’s file and opens the invoice, controlled', async () => {
    const calls = backend(accountManager, { [`POST ${invoices}`]: () => json(mayInvoice, 201) })
    renderApp('/contracts/c-1?tab=invoices')
    await openList()

    await userEvent.click(screen.getByRole('button', { name: 'Upload an invoice' }))
    const dialog = await screen.findByRole('dialog', { name: 'Upload an invoice' })
    const input = within(dialog).getByLabelText(/^File/)
    expect(input).toHaveAttribute('accept', expect.stringContaining('.pdf,.xml,.csv'))
    await userEvent.click(within(dialog).getByRole('button', { name: 'Upload' }))
    expect(await within(dialog).findByText('Choose a file.')).toBeInTheDocument()
    expect(posts(calls)).toEqual([])

    await userEvent.upload(input, new File(['%PDF-1.7'], 'F-2026-0052.pdf', { type: 'application/pdf' }))
    await userEvent.click(within(dialog).getByRole('button', { name: 'Upload' }))

    expect(await screen.findByRole('heading', { name: 'Invoice F-2026-0052', level: 1 })).toBeInTheDocument()
    const upload = posts(calls)[0]!
    expect(upload.url).toBe(invoices)
    expect(upload.headers.get('X-CSRF')).toBe('1')
    expect(((upload.body as FormData).get('file') as File).name).toBe('F-2026-0052.pdf')
  })

  it('shows a refused file’s problems by place, as an import’s: lines, XML paths, the contract reference', async () => {
    const problem = {
      title: 'Validation failed',
      status: 422,
      errors: {
        'line 4': ['unitPrice: not a number.'],
        '/rsm:CrossIndustryInvoice/rsm:ExchangedDocument/ram:IssueDateTime': ['The issue date is missing.'],
        contractReference: ['The invoice names contract OTHER-01, not INF-2026-01.'],
      },
    }
    backend(accountManager, { [`POST ${invoices}`]: () => json(problem, 422) })
    renderApp('/contracts/c-1?tab=invoices')
    await openList()

    await userEvent.click(screen.getByRole('button', { name: 'Upload an invoice' }))
    const dialog = await screen.findByRole('dialog', { name: 'Upload an invoice' })
    await userEvent.upload(within(dialog).getByLabelText(/^File/), new File(['number;issueDate\n'], 'may.csv', { type: 'text/csv' }))
    await userEvent.click(within(dialog).getByRole('button', { name: 'Upload' }))

    const report = await within(dialog).findByRole('table', { name: 'Problems by line' })
    const rows = within(report).getAllByRole('row').slice(1).map((row) => within(row).getAllByRole('cell').map((cell) => cell.textContent))
    expect(rows).toEqual([
      ['/rsm:CrossIndustryInvoice/rsm:ExchangedDocument/ram:IssueDateTime', 'The issue date is missing.'],
      ['Contract reference', 'The invoice names contract OTHER-01, not INF-2026-01.'],
      ['Line 4', 'unitPrice: not a number.'],
    ])
    expect(within(dialog).getByText(/Nothing was imported/)).toBeInTheDocument()
    expect(screen.getByRole('dialog', { name: 'Upload an invoice' })).toBeInTheDocument()
  })

  it('asks for what is required and adds and removes line rows, each field named by its row', async () => {
    const calls = backend(accountManager)
    renderApp('/contracts/c-1?tab=invoices')
    await openList()

    await userEvent.click(screen.getByRole('button', { name: 'Enter an invoice' }))
    const dialog = await screen.findByRole('dialog', { name: 'Enter an invoice' })
    expect(within(dialog).getByRole('button', { name: 'Remove line 1' })).toBeDisabled()
    await userEvent.click(within(dialog).getByRole('button', { name: 'Add a line' }))
    await userEvent.click(within(dialog).getByRole('button', { name: 'Add a line' }))
    expect(within(dialog).getAllByRole('group', { name: /^line \d$/ })).toHaveLength(3)
    await fill(within(dialog).getByRole('textbox', { name: 'Description — line 3' }), 'Third')
    await userEvent.click(within(dialog).getByRole('button', { name: 'Remove line 2' }))
    expect(within(dialog).getAllByRole('group', { name: /^line \d$/ })).toHaveLength(2)
    // The third row moved up and kept what was typed in it.
    expect(within(dialog).getByRole('textbox', { name: 'Description — line 2' })).toHaveValue('Third')

    await userEvent.click(within(dialog).getByRole('button', { name: 'Save the invoice' }))
    expect(within(dialog).getByRole('textbox', { name: 'Invoice number' })).toHaveAttribute('aria-invalid', 'true')
    expect(within(dialog).getByRole('textbox', { name: 'Description — line 1' })).toHaveAttribute('aria-invalid', 'true')
    expect(within(dialog).getByRole('textbox', { name: 'Unit price — line 2' })).toHaveAttribute('aria-invalid', 'true')
    expect(within(dialog).getByRole('textbox', { name: 'Description — line 2' })).not.toHaveAttribute('aria-invalid', 'true')
    expect(posts(calls)).toEqual([])
  })

  it('enters an invoice in the form and shows a 422 on the fields it names, then opens the invoice', async () => {
    let answer = () =>
      json({ title: 'Validation failed', status: 422, errors: { 'lines[1].quantity': ['Give a quantity greater than zero.'], number: ['Number F-1 is already used.'] } }, 422)
    const calls = backend(accountManager, { [`POST ${invoices}/form`]: () => answer() })
    renderApp('/contracts/c-1?tab=invoices')
    await openList()

    await userEvent.click(screen.getByRole('button', { name: 'Enter an invoice' }))
    const dialog = await screen.findByRole('dialog', { name: 'Enter an invoice' })
    await fill(within(dialog).getByRole('textbox', { name: 'Invoice number' }), 'F-1')
    await userEvent.selectOptions(within(dialog).getByRole('combobox', { name: 'Kind' }), 'Credit note')
    await fill(within(dialog).getByRole('textbox', { name: /^Preceding invoice/ }), 'F-2026-0052')
    await fill(within(dialog).getByLabelText(/^Issue date/), '2026-06-02')
    await fill(within(dialog).getByLabelText(/^Period start(?! —)/), '2026-05-01')
    await fill(within(dialog).getByLabelText(/^Period end(?! —)/), '2026-05-31')
    await fill(within(dialog).getByRole('textbox', { name: 'Description — line 1' }), 'Redevance mai')
    await userEvent.selectOptions(within(dialog).getByRole('combobox', { name: 'Kind — line 1' }), 'Monthly fee')
    await fill(within(dialog).getByRole('textbox', { name: 'Unit price — line 1' }), '13200')
    await userEvent.click(within(dialog).getByRole('button', { name: 'Add a line' }))
    await fill(within(dialog).getByRole('textbox', { name: 'Description — line 2' }), 'Intervention sur site')
    await fill(within(dialog).getByRole('textbox', { name: 'Work unit code — line 2' }), 'UO-1')
    const quantity = within(dialog).getByRole('textbox', { name: 'Quantity — line 2' })
    await fill(quantity, '0')
    await fill(within(dialog).getByRole('textbox', { name: 'Unit price — line 2' }), '450')
    await fill(within(dialog).getByRole('textbox', { name: 'Net amount — line 2' }), '0')
    await fill(within(dialog).getByLabelText('Period end — line 2'), '2026-05-15')
    await userEvent.click(within(dialog).getByRole('button', { name: 'Save the invoice' }))

    expect(await within(dialog).findByText('Give a quantity greater than zero.')).toBeInTheDocument()
    expect(quantity).toHaveAttribute('aria-invalid', 'true')
    expect(within(dialog).getByText('Number F-1 is already used.')).toBeInTheDocument()
    expect(within(dialog).getByRole('textbox', { name: 'Invoice number' })).toHaveAttribute('aria-invalid', 'true')
    // Every error found its field: nothing is left for an alert above the buttons.
    expect(within(dialog).queryByText('Something went wrong')).not.toBeInTheDocument()
    expect(posts(calls)[0]?.body).toEqual({
      number: 'F-1',
      issueDate: '2026-06-02',
      kind: 'creditNote',
      precedingInvoice: 'F-2026-0052',
      periodStart: '2026-05-01',
      periodEnd: '2026-05-31',
      currency: 'EUR',
      lines: [
        { description: 'Redevance mai', kind: 'monthlyFee', quantity: 1, unitPrice: 13200, vatRate: 20 },
        { description: 'Intervention sur site', itemCode: 'UO-1', quantity: 0, unitPrice: 450, netAmount: 0, vatRate: 20, periodEnd: '2026-05-15' },
      ],
    })

    answer = () => json(mayInvoice, 201)
    await fill(quantity, '2')
    await userEvent.click(within(dialog).getByRole('button', { name: 'Save the invoice' }))
    expect(await screen.findByRole('heading', { name: 'Invoice F-2026-0052', level: 1 })).toBeInTheDocument()
    expect(posts(calls)[1]?.body).toMatchObject({ lines: [{}, { quantity: 2 }] })
  })

  it('asks before an invoice being entered is left, and gives it back after a session that ended', async () => {
    let signedIn = true
    const calls = backend(accountManager, {
      'GET /bff/user': () => (signedIn ? json(accountManager) : json({ status: 401 }, 401)),
      'POST /bff/login': () => {
        signedIn = true
        return json(accountManager)
      },
      [`POST ${invoices}/form`]: () => {
        signedIn = false
        return json({ title: 'Unauthorized', status: 401 }, 401)
      },
    })
    renderApp('/contracts/c-1?tab=invoices')
    await openList()

    await userEvent.click(screen.getByRole('button', { name: 'Enter an invoice' }))
    const dialog = await screen.findByRole('dialog', { name: 'Enter an invoice' })
    await fill(within(dialog).getByRole('textbox', { name: 'Invoice number' }), 'F-7')
    await fill(within(dialog).getByRole('textbox', { name: 'Description — line 1' }), 'Redevance juin')
    await fill(within(dialog).getByRole('textbox', { name: 'Unit price — line 1' }), '13200')
    await userEvent.click(screen.getByRole('link', { name: 'Contracts' }))
    expect(await screen.findByRole('dialog', { name: 'Unsaved changes' })).toBeInTheDocument()
    await userEvent.click(screen.getByRole('button', { name: 'Stay' }))

    await fill(within(dialog).getByLabelText(/^Issue date/), '2026-07-01')
    await fill(within(dialog).getByLabelText(/^Period start(?! —)/), '2026-06-01')
    await fill(within(dialog).getByLabelText(/^Period end(?! —)/), '2026-06-30')
    await userEvent.click(within(dialog).getByRole('button', { name: 'Save the invoice' }))
    expect(await screen.findByRole('heading', { name: 'Sign in' })).toBeInTheDocument()
    expect(screen.getByRole('status')).toHaveTextContent('What you were typing is kept')
    await userEvent.type(screen.getByLabelText(/^E-mail/), accountManager.email)
    await userEvent.type(screen.getByLabelText(/^Password/), 'correct horse 1')
    await userEvent.click(screen.getByRole('button', { name: 'Sign in' }))

    const again = await screen.findByRole('dialog', { name: 'Enter an invoice' })
    expect(within(again).getByRole('textbox', { name: 'Invoice number' })).toHaveValue('F-7')
    expect(within(again).getByRole('textbox', { name: 'Description — line 1' })).toHaveValue('Redevance juin')
    expect(within(again).getByRole('textbox', { name: 'Net amount — line 1' })).toHaveValue('')
    expect(within(again).getByLabelText(/^Period end(?! —)/)).toHaveValue('06/30/2026')
    expect(posts(calls).filter((call) => call.url.endsWith('/form'))).toHaveLength(1)
  })

  it('speaks French', async () => {
    await i18n.changeLanguage('fr')
    backend(accountManager)
    renderApp('/contracts/c-1?tab=invoices')

    const list = await screen.findByRole('table', { name: 'Factures du contrat' })
    expect(screen.getByRole('tab', { name: 'Factures' })).toHaveAttribute('aria-selected', 'true')
    const rows = within(list).getAllByRole('row').slice(1)
    expect(within(rows[0]!).getByText('Avoir')).toBeInTheDocument()
    expect(within(rows[0]!).getByRole('link', { name: 'Avoir sur F-2026-0052' })).toBeInTheDocument()
    expect(within(rows[1]!).getByText('Contrôlée')).toBeInTheDocument()
    expect(within(rows[1]!).getByText(/^3 écarts, 1\s176,00\s€ en jeu$/)).toBeInTheDocument()
    expect(within(rows[2]!).getByText('Payée')).toBeInTheDocument()
    expect(screen.getByRole('button', { name: 'Déposer une facture' })).toBeInTheDocument()
    expect(screen.getByRole('button', { name: 'Saisir une facture' })).toBeInTheDocument()
  })
})
