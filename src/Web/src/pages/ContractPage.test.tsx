import { fireEvent, screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it } from 'vitest'
import type { AuditEntry } from '../hooks/audit'
import type { ChecklistItem } from '../hooks/contractItems'
import type { ContractDetail, ContractTerms } from '../hooks/contracts'
import type { Evolution } from '../hooks/evolutions'
import type { UserInfo } from '../hooks/session'
import i18n from '../i18n'
import { accountManager, agent, contractManager, dateIn, detail, providerOrganisation, requester, terms, version } from '../test/contracts'
import { expectLeavingAsked, fakeBackend, fastUser, json, renderApp, type FakeCall } from '../test/render'

type Routes = Parameters<typeof fakeBackend>[0]

/** The backend of a contract page: the session, the providers' names, the contract, and what the test adds. */
function backend(user: UserInfo, contract: ContractDetail, routes: Routes = {}): FakeCall[] {
  return fakeBackend({
    'GET /bff/user': () => json(user),
    'GET /api/identity/organisations/providers': () => json([providerOrganisation]),
    'GET /api/notifications/unread-count': () => json({ count: 0 }),
    'GET /api/contracts/c-1': () => json(contract),
    'GET /api/contracts/c-1/versions/1': () => json(version()),
    ...routes,
  })
}

const posts = (calls: FakeCall[]) => calls.filter((call) => call.method !== 'GET')

describe('contract header', () => {
  it('shows the parties, the phase, the key dates and the tabs', async () => {
    backend(contractManager, detail({ noticeDeadline: dateIn(30) }))
    renderApp('/contracts/c-1')

    expect(await screen.findByRole('heading', { name: 'INF-2026-01', level: 1 })).toBeInTheDocument()
    expect(screen.getByText('Infogérance du parc')).toBeInTheDocument()
    expect(await screen.findByText('Provider: Provider SAS')).toBeInTheDocument()
    const stepper = screen.getByRole('list', { name: 'Phases of the contract' })
    expect(within(stepper).getAllByRole('listitem')).toHaveLength(7)
    expect(within(stepper).getByText('Run').closest('li')).toHaveAttribute('aria-current', 'step')
    const facts = screen.getByRole('region', { name: 'Key dates and figures' })
    expect(within(facts).getByText('(in 30 days)')).toBeInTheDocument()
    expect(within(facts).getByText('€12,500.50')).toBeInTheDocument()
    expect(screen.getAllByRole('tab').map((tab) => tab.textContent)).toEqual(['Terms', 'Requirements', 'Inventory', 'Phases', 'Dashboard', 'Reviews', 'Evolutions', 'Penalties', 'Invoices', 'Budget', 'Audit'])
    expect(screen.getByRole('link', { name: 'Download dossier' })).toHaveAttribute('href', '/api/contracts/c-1/dossier')
  })

  it('reads a draft as having no terms in force yet, the API omitting the version', async () => {
    const draft = detail({ phase: 'draft', signedAt: null, signedBy: null })
    delete draft.currentVersion
    backend(contractManager, draft)
    renderApp('/contracts/c-1')

    const facts = await screen.findByRole('region', { name: 'Key dates and figures' })
    expect(within(facts).getByText('None yet (not signed)')).toBeInTheDocument()
    expect(within(facts).queryByText(/^Version/)).not.toBeInTheDocument()
  })

  it('shows an upgrade the contract went past as skipped, not done', async () => {
    backend(contractManager, detail({ phase: 'run', skippedPhases: ['upgrade'] }))
    renderApp('/contracts/c-1')

    const stepper = await screen.findByRole('list', { name: 'Phases of the contract' })
    const upgrade = within(stepper).getByText('Upgrade').closest('li')
    expect(upgrade).toHaveAttribute('data-state', 'skipped')
    expect(within(upgrade!).getByText('(skipped)')).toBeInTheDocument()
    expect(within(upgrade!).queryByText('(done)')).not.toBeInTheDocument()
    expect(within(stepper).getByText('Takeover').closest('li')).toHaveAttribute('data-state', 'done')
  })

  it('names its tabs in French', async () => {
    await i18n.changeLanguage('fr')
    backend(contractManager, detail())
    renderApp('/contracts/c-1')

    await screen.findByRole('heading', { name: 'INF-2026-01', level: 1 })
    expect(screen.getAllByRole('tab').map((tab) => tab.textContent)).toEqual(['Conditions', 'Exigences', 'Inventaire', 'Phases', 'Tableau de bord', 'Revues', 'Évolutions', 'Pénalités', 'Factures', 'Budget', 'Journal'])
  })

  it('has no penalties before the run phase', async () => {
    backend(contractManager, detail({ phase: 'takeover' }))
    renderApp('/contracts/c-1')

    await screen.findByRole('heading', { name: 'INF-2026-01', level: 1 })
    expect(screen.queryByRole('tab', { name: 'Penalties' })).not.toBeInTheDocument()
  })

  it('gives a requester neither the audit nor the dossier', async () => {
    backend(requester, detail())
    renderApp('/contracts/c-1')

    await screen.findByRole('heading', { name: 'INF-2026-01', level: 1 })
    expect(screen.queryByRole('tab', { name: 'Audit' })).not.toBeInTheDocument()
    expect(screen.queryByRole('link', { name: 'Download dossier' })).not.toBeInTheDocument()
  })

  it('offers the actions the API allows, and signs after confirmation, listing incomplete terms', async () => {
    const calls = backend(contractManager, detail({ phase: 'draft', currentVersion: null, can: ['sign', 'editTerms'] }), {
      'GET /api/contracts/c-1/versions/1': () => json(version({ status: 'draft' })),
      'POST /api/contracts/c-1/sign': () =>
        json({ title: 'Validation failed', status: 422, errors: { 'terms.calendar.timeZone': ['Unknown time zone.'] } }, 422),
    })
    renderApp('/contracts/c-1')

    const actions = await screen.findByRole('group', { name: 'Actions on the contract' })
    expect(within(actions).getAllByRole('button').map((button) => button.textContent)).toEqual(['Sign the contract'])
    await userEvent.click(within(actions).getByRole('button', { name: 'Sign the contract' }))
    const dialog = await screen.findByRole('dialog', { name: 'Sign the contract?' })
    expect(posts(calls)).toEqual([])
    await userEvent.click(within(dialog).getByRole('button', { name: 'Sign the contract' }))

    expect(await within(dialog).findByText('terms.calendar.timeZone: Unknown time zone.')).toBeInTheDocument()
    expect(posts(calls).map((call) => call.url)).toEqual(['/api/contracts/c-1/sign'])
  })

  it('asks before leaving an amendment or a renewal decision half made', async () => {
    backend(contractManager, detail({ can: ['amend', 'decideRenewal'] }))
    renderApp('/contracts/c-1')
    await userEvent.click(await screen.findByRole('button', { name: 'New amendment' }))
    const amendment = await screen.findByRole('dialog', { name: 'New amendment' })
    await userEvent.type(within(amendment).getByLabelText(/^Reason/), 'New site in Lyon')
    await expectLeavingAsked()
    expect(within(amendment).getByLabelText(/^Reason/)).toHaveValue('New site in Lyon')
    await userEvent.click(within(amendment).getByRole('button', { name: 'Cancel' }))

    await userEvent.click(screen.getByRole('button', { name: 'Decide on renewal' }))
    const decision = await screen.findByRole('dialog', { name: 'Renewal decision' })
    await userEvent.click(within(decision).getByRole('radio', { name: /^Renegotiate/ }))
    await expectLeavingAsked()
    expect(within(decision).getByRole('radio', { name: /^Renegotiate/ })).toBeChecked()
  })

  it('records a renewal decision', async () => {
    const calls = backend(contractManager, detail({ can: ['amend', 'decideRenewal'] }), {
      'POST /api/contracts/c-1/renewal-decisions': () => json({}),
    })
    renderApp('/contracts/c-1')
    await userEvent.click(await screen.findByRole('button', { name: 'Decide on renewal' }))
    const dialog = await screen.findByRole('dialog', { name: 'Renewal decision' })
    await userEvent.click(within(dialog).getByRole('radio', { name: /^Renegotiate/ }))
    await userEvent.click(within(dialog).getByRole('button', { name: 'Record the decision' }))

    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument())
    expect(posts(calls).map((call) => [call.url, call.body])).toEqual([['/api/contracts/c-1/renewal-decisions', { decision: 'renegotiate' }]])
  })

  it('starts reversibility with the chosen handover', async () => {
    const calls = backend(accountManager, detail({ can: ['transition:reversibility'] }), {
      'POST /api/contracts/c-1/transitions': () => json({}),
    })
    renderApp('/contracts/c-1')
    await userEvent.click(await screen.findByRole('button', { name: 'Start reversibility' }))
    const dialog = await screen.findByRole('dialog', { name: 'Start reversibility' })
    await userEvent.click(within(dialog).getByRole('radio', { name: /^To a new provider/ }))
    await userEvent.click(within(dialog).getByRole('button', { name: 'Start reversibility' }))

    await waitFor(() => expect(posts(calls)).toHaveLength(1))
    expect(posts(calls)[0]?.body).toEqual({ to: 'reversibility', handover: 'newProvider' })
  })
})

// The editor is a long form and the audit a page of 50 rows: jsdom takes its time over them.
const slow = { timeout: 30_000 }

describe('terms', slow, () => {
  const draft = detail({ phase: 'draft', currentVersion: null, can: ['sign', 'editTerms'], versions: [{ number: 1, status: 'draft', origin: 'signature' }] })

  it('shows a version read-only in sections to whoever may not edit it', async () => {
    backend(requester, detail())
    renderApp('/contracts/c-1')

    expect(await screen.findByRole('heading', { name: 'Terms of version 1' })).toBeInTheDocument()
    const sla = screen.getByRole('region', { name: 'Service levels (SLA)' })
    const p2 = within(sla).getByRole('cell', { name: 'P2' }).closest('tr')!
    expect(within(p2).getByText('2 business days (to the end of the working day)')).toBeInTheDocument()
    expect(within(screen.getByRole('region', { name: 'Duration and renewal' })).getByText('36 months')).toBeInTheDocument()
    expect(screen.queryByRole('button', { name: 'Save the terms' })).not.toBeInTheDocument()
  })

  it('saves the edited terms whole and shows each 422 error on its field', async () => {
    const calls = backend(contractManager, draft, {
      'GET /api/contracts/c-1/versions/1': () => json(version({ status: 'draft' })),
      'PUT /api/contracts/c-1/versions/1/terms': () =>
        json(
          {
            title: 'Validation failed',
            status: 422,
            errors: {
              'terms.calendar.weekly[1].open': ['Opening must come before closing.'],
              'revision.b': ['a + b must equal 1.'],
              'sla.targets[P2].resolve.value': ['Must be at least 1.'],
              'mystery.field': ['Something else is wrong.'],
            },
          },
          422,
        ),
    })
    renderApp('/contracts/c-1')

    const fee = await screen.findByLabelText(/^Monthly fee/)
    await userEvent.clear(fee)
    await userEvent.paste('13000')
    await userEvent.click(screen.getByText('Save the terms'))

    const open = await screen.findByLabelText('Opens — interval 2')
    await waitFor(() => expect(open).toHaveAttribute('aria-invalid', 'true'))
    expect(open).toHaveAccessibleDescription('Opening must come before closing.')
    expect(screen.getByLabelText('Opens — interval 1')).not.toHaveAttribute('aria-invalid', 'true')
    expect(screen.getByLabelText('Indexed part (b)')).toHaveAccessibleDescription('a + b must equal 1.')
    expect(screen.getByLabelText('Resolution time — priority P2')).toHaveAccessibleDescription('Must be at least 1.')
    expect(screen.getByLabelText('Resolution time — priority P1')).not.toHaveAttribute('aria-invalid', 'true')
    expect(screen.getByText('mystery.field: Something else is wrong.')).toBeInTheDocument()

    const put = calls.find((call) => call.method === 'PUT')!
    expect(put.url).toBe('/api/contracts/c-1/versions/1/terms')
    expect(put.body).toEqual({ ...terms(), prices: { ...terms().prices, monthlyFee: 13000 } })
  })

  it('leaves a new draft’s fee empty and required, and sends it empty for the server to name', async () => {
    const { monthlyFee: _none, ...prices } = terms().prices
    const calls = backend(contractManager, { ...draft, monthlyFee: null }, {
      'GET /api/contracts/c-1/versions/1': () => json(version({ status: 'draft', terms: { ...terms(), prices } })),
      'PUT /api/contracts/c-1/versions/1/terms': () =>
        json({ title: 'Validation failed', status: 422, errors: { 'prices.monthlyFee': ['The monthly fee is required.'] } }, 422),
    })
    renderApp('/contracts/c-1')

    const fee = await screen.findByLabelText(/^Monthly fee/)
    expect(fee).toHaveValue('')
    expect((fee as HTMLInputElement).labels?.[0]?.textContent).toMatch(/\*$/)
    const facts = screen.getByRole('region', { name: 'Key dates and figures' })
    expect(within(facts).getByText('Not set')).toBeInTheDocument()
    await userEvent.click(screen.getByText('Save the terms'))

    await waitFor(() => expect(fee).toHaveAttribute('aria-invalid', 'true'))
    expect(fee).toHaveAccessibleDescription('The monthly fee is required.')
    const put = calls.find((call) => call.method === 'PUT')!
    expect((put.body as { prices: { monthlyFee: unknown } }).prices.monthlyFee).toBeNull()
  })

  it('shows what each work unit is counted on and the invoice tolerance', async () => {
    const counted = terms({
      prices: {
        monthlyFee: 12500.5,
        workUnits: [
          { code: 'UO-1', label: 'Intervention sur site', unitPrice: 450 },
          { code: 'UO-POSTE', label: 'Support d’un poste de travail', unitPrice: 45, countedOn: 'workstation' },
        ],
      },
      invoiceTolerance: { amount: 1, percent: 0.5 },
    })
    backend(requester, detail(), { 'GET /api/contracts/c-1/versions/1': () => json(version({ terms: counted })) })
    renderApp('/contracts/c-1')

    const prices = await screen.findByRole('region', { name: 'Prices and work units' })
    const table = within(prices).getByRole('table', { name: 'Work units' })
    expect(within(table).getByRole('columnheader', { name: 'Counted on' })).toBeInTheDocument()
    expect(within(within(table).getByRole('cell', { name: 'UO-POSTE' }).closest('tr')!).getByRole('cell', { name: 'Workstation' })).toBeInTheDocument()
    expect(within(within(table).getByRole('cell', { name: 'UO-1' }).closest('tr')!).getByRole('cell', { name: 'Not limited' })).toBeInTheDocument()
    expect(within(prices).getByText('€1.00 or 0.5 % of the expected amount')).toBeInTheDocument()
  })

  it('shows them in French, and no tolerance as none', async () => {
    await i18n.changeLanguage('fr')
    const counted = terms({
      prices: { monthlyFee: 12500.5, workUnits: [{ code: 'UO-POSTE', label: 'Support d’un poste de travail', unitPrice: 45, countedOn: 'workstation' }] },
    })
    backend(requester, detail(), { 'GET /api/contracts/c-1/versions/1': () => json(version({ terms: counted })) })
    renderApp('/contracts/c-1')

    const prices = await screen.findByRole('region', { name: 'Prix et unités d’œuvre' })
    expect(within(prices).getByRole('columnheader', { name: 'Décompté sur' })).toBeInTheDocument()
    expect(within(prices).getByRole('cell', { name: 'Poste de travail' })).toBeInTheDocument()
    expect(within(prices).getByText('Aucune : tout écart bloque la facture')).toBeInTheDocument()
  })

  const twoUnits = terms({
    prices: {
      monthlyFee: 12500.5,
      workUnits: [
        { code: 'UO-1', label: 'Intervention sur site', unitPrice: 450 },
        { code: 'UO-POSTE', label: 'Poste de travail', unitPrice: 45, countedOn: 'workstation' },
      ],
    },
  })

  it('edits what a work unit is counted on and the invoice tolerance', async () => {
    const calls = backend(contractManager, draft, {
      'GET /api/contracts/c-1/versions/1': () => json(version({ status: 'draft' })),
      'PUT /api/contracts/c-1/versions/1/terms': () => new Response(null, { status: 204 }),
    })
    renderApp('/contracts/c-1')

    const countedOn = await screen.findByLabelText('Counted on — work unit 1')
    expect(countedOn).toHaveValue('')
    expect(within(countedOn).getByRole('option', { name: 'Not limited' })).toBeInTheDocument()
    await userEvent.selectOptions(countedOn, 'Workstation')
    await userEvent.click(screen.getByLabelText('Tolerance (€)'))
    await userEvent.paste('1.5')
    await userEvent.click(screen.getByLabelText('Tolerance (%)'))
    await userEvent.paste('0.5')
    await userEvent.click(screen.getByText('Save the terms'))

    await waitFor(() => expect(calls.some((call) => call.method === 'PUT')).toBe(true))
    const body = calls.find((call) => call.method === 'PUT')!.body as ContractTerms
    expect(body.prices.workUnits).toEqual([{ code: 'UO-1', label: 'Intervention sur site', unitPrice: 450, countedOn: 'workstation' }])
    expect(body.invoiceTolerance).toEqual({ amount: 1.5, percent: 0.5 })
  })

  it('shows a 422 on what a work unit is counted on and on the tolerance’s fields', async () => {
    backend(contractManager, draft, {
      'GET /api/contracts/c-1/versions/1': () => json(version({ status: 'draft', terms: twoUnits })),
      'PUT /api/contracts/c-1/versions/1/terms': () =>
        json(
          {
            title: 'Validation failed',
            status: 422,
            errors: {
              'prices.workUnits[UO-POSTE].countedOn': ['The type must be one of server, workstation.'],
              'invoiceTolerance.percent': ['The percentage has at most two decimals.'],
            },
          },
          422,
        ),
    })
    renderApp('/contracts/c-1')

    expect(await screen.findByLabelText('Counted on — work unit 2')).toHaveValue('workstation')
    await userEvent.click(screen.getByText('Save the terms'))

    const invalid = screen.getByLabelText('Counted on — work unit 2')
    await waitFor(() => expect(invalid).toHaveAttribute('aria-invalid', 'true'))
    expect(invalid).toHaveAccessibleDescription('The type must be one of server, workstation.')
    expect(screen.getByLabelText('Counted on — work unit 1')).not.toHaveAttribute('aria-invalid', 'true')
    expect(screen.getByLabelText('Tolerance (%)')).toHaveAccessibleDescription('The percentage has at most two decimals.')
  })

  it('sends an emptied tolerance limit as none', async () => {
    const calls = backend(contractManager, draft, {
      'GET /api/contracts/c-1/versions/1': () => json(version({ status: 'draft', terms: terms({ invoiceTolerance: { amount: 1 } }) })),
      'PUT /api/contracts/c-1/versions/1/terms': () => new Response(null, { status: 204 }),
    })
    renderApp('/contracts/c-1')

    const amount = await screen.findByLabelText('Tolerance (€)')
    expect(amount).toHaveValue('1 €')
    await userEvent.clear(amount)
    await userEvent.click(screen.getByText('Save the terms'))

    await waitFor(() => expect(calls.some((call) => call.method === 'PUT')).toBe(true))
    expect((calls.find((call) => call.method === 'PUT')!.body as ContractTerms).invoiceTolerance).toEqual({ amount: null })
  })

  it('adds and removes opening hours', async () => {
    const calls = backend(contractManager, draft, {
      'GET /api/contracts/c-1/versions/1': () => json(version({ status: 'draft' })),
      'PUT /api/contracts/c-1/versions/1/terms': () => new Response(null, { status: 204 }),
    })
    renderApp('/contracts/c-1')

    await userEvent.click(await screen.findByLabelText('Remove interval 1'))
    await userEvent.click(screen.getByText('Add opening hours'))
    await userEvent.selectOptions(screen.getByLabelText('Day — interval 2'), 'Tuesday')
    await userEvent.click(screen.getByText('Save the terms'))

    await waitFor(() => expect(calls.some((call) => call.method === 'PUT')).toBe(true))
    expect((calls.find((call) => call.method === 'PUT')!.body as { calendar: unknown }).calendar).toMatchObject({
      weekly: [
        { day: 'monday', open: '14:00', close: '18:00' },
        { day: 'tuesday', open: '09:00', close: '18:00' },
      ],
    })
  })

  it('lets the other side countersign a proposed amendment', async () => {
    const contract = detail({
      can: [],
      versions: [
        { number: 1, status: 'active', origin: 'signature', effectiveFrom: '2025-01-01' },
        { number: 2, status: 'proposed', origin: 'amendment', effectiveFrom: '2026-07-01', reason: 'New site', proposedBy: 'Claire Manager', proposedSide: 'client', proposedAt: '2026-05-02T08:00:00Z' },
      ],
    })
    const calls = backend(accountManager, contract, {
      'GET /api/contracts/c-1/versions/2': () => json(version({ number: 2, status: 'proposed', origin: 'amendment' })),
      'POST /api/contracts/c-1/versions/2/countersign': () => json({}),
    })
    renderApp('/contracts/c-1?tab=terms&version=2')

    expect(await screen.findByRole('heading', { name: 'Terms of version 2' })).toBeInTheDocument()
    const row = screen.getByRole('button', { name: 'Show version 2' }).closest('tr')!
    expect(within(row).getByText('Proposed')).toBeInTheDocument()
    expect(within(row).getByText(/^Claire Manager, /)).toBeInTheDocument()
    expect(screen.queryByRole('button', { name: 'Propose to the other party' })).not.toBeInTheDocument()
    await userEvent.click(screen.getByRole('button', { name: 'Countersign' }))
    await userEvent.click(within(await screen.findByRole('dialog', { name: 'Countersign version 2?' })).getByRole('button', { name: 'Countersign' }))

    await waitFor(() => expect(posts(calls).map((call) => call.url)).toEqual(['/api/contracts/c-1/versions/2/countersign']))
  })

  it('labels the version an amendment replaced as superseded', async () => {
    const contract = detail({
      versions: [
        { number: 1, status: 'superseded', origin: 'signature', effectiveFrom: '2025-01-01' },
        { number: 2, status: 'active', origin: 'amendment', effectiveFrom: '2026-01-01' },
      ],
      currentVersion: 2,
    })
    backend(requester, contract, { 'GET /api/contracts/c-1/versions/2': () => json(version({ number: 2, status: 'active', origin: 'amendment' })) })
    renderApp('/contracts/c-1?tab=terms')

    const first = (await screen.findByRole('button', { name: 'Show version 1' })).closest('tr')!
    expect(within(first).getByText('Superseded')).toBeInTheDocument()
    const second = screen.getByRole('button', { name: 'Show version 2' }).closest('tr')!
    expect(within(second).getByText('In force')).toBeInTheDocument()
  })

  it('compares two versions field by field, by label with formatted values', async () => {
    const contract = detail({
      versions: [
        { number: 1, status: 'superseded', origin: 'signature' },
        { number: 2, status: 'active', origin: 'amendment' },
      ],
      currentVersion: 2,
    })
    const calls = backend(requester, contract, {
      'GET /api/contracts/c-1/versions/compare': () =>
        json([
          { field: 'prices.monthlyFee', before: '12500.50', after: '13000.00' },
          { field: 'calendar.weekly', before: null, after: 'tuesday 08:00–12:00' },
        ]),
    })
    renderApp('/contracts/c-1?tab=terms&view=compare')

    const table = await screen.findByRole('table', { name: 'Changes from version 1 to version 2' })
    const fee = within(table).getByRole('cell', { name: 'Monthly fee' }).closest('tr')!
    expect(within(fee).getByText('€12,500.50')).toBeInTheDocument()
    expect(within(fee).getByText('€13,000.00')).toBeInTheDocument()
    const added = within(table).getByRole('cell', { name: 'Opening hours' }).closest('tr')!
    expect(within(added).getByText('—')).toBeInTheDocument()
    expect(within(added).getByText('Tuesday 08:00–12:00')).toBeInTheDocument()
    expect(calls.find((call) => call.url.startsWith('/api/contracts/c-1/versions/compare'))?.url).toBe('/api/contracts/c-1/versions/compare?from=1&to=2')
  })
})

describe('terms in the address', () => {
  it('keeps the version chosen when the comparison is asked for at once', async () => {
    const contract = detail({
      versions: [
        { number: 1, status: 'superseded', origin: 'signature' },
        { number: 2, status: 'active', origin: 'amendment' },
      ],
      currentVersion: 2,
    })
    backend(requester, contract, {
      'GET /api/contracts/c-1/versions/2': () => json(version({ number: 2, status: 'active', origin: 'amendment' })),
      'GET /api/contracts/c-1/versions/compare': () => json([]),
    })
    const { address } = renderApp('/contracts/c-1?tab=terms')
    await screen.findByRole('heading', { name: 'Terms of version 2' })

    fastUser.click(screen.getByRole('button', { name: 'Show version 1' }))
    fastUser.click(screen.getByRole('radio', { name: 'Compare versions' }))

    await screen.findByRole('heading', { name: 'Compare two versions' })
    expect(address()).toBe('/contracts/c-1?tab=terms&version=1&view=compare')
  })
})

describe('inventory', () => {
  it('imports a file and reports every refused line, nothing being imported', async () => {
    const calls = backend(contractManager, detail({ can: ['editInventory'] }), {
      'GET /api/contracts/c-1/inventory': () => json([{ id: 'i-1', type: 'server', name: 'SRV-01', quantity: 2, criticality: 'high', location: 'Paris' }]),
      'POST /api/contracts/c-1/inventory/import': () =>
        json(
          {
            title: 'Validation failed',
            status: 422,
            errors: { 'line 12': ['criticality: unknown value "urgent".'], 'line 3': ['quantity: not a whole number.', 'type: required.'] },
          },
          422,
        ),
    })
    renderApp('/contracts/c-1?tab=inventory')

    expect(await screen.findByRole('cell', { name: 'SRV-01' })).toBeInTheDocument()
    expect(screen.getByRole('link', { name: 'Export CSV' })).toHaveAttribute('href', '/api/contracts/c-1/inventory/export?format=csv')
    expect(screen.getByRole('link', { name: 'Export XLSX' })).toHaveAttribute('href', '/api/contracts/c-1/inventory/export?format=xlsx')

    await userEvent.click(screen.getByRole('button', { name: 'Import' }))
    const dialog = await screen.findByRole('dialog', { name: 'Import the inventory' })
    const file = new File(['type,name,quantity,criticality,location\n'], 'inventory.csv', { type: 'text/csv' })
    await userEvent.upload(within(dialog).getByLabelText(/^File/), file)
    await userEvent.click(within(dialog).getByRole('radio', { name: /^Replace/ }))
    await userEvent.click(within(dialog).getByRole('button', { name: 'Import' }))

    const report = await within(dialog).findByRole('table', { name: 'Problems by line' })
    expect(within(dialog).getByText(/Nothing was imported/)).toBeInTheDocument()
    const rows = within(report).getAllByRole('row').slice(1)
    expect(rows.map((row) => within(row).getAllByRole('cell').map((cell) => cell.textContent))).toEqual([
      ['Line 3', 'quantity: not a whole number. type: required.'],
      ['Line 12', 'criticality: unknown value "urgent".'],
    ])
    const upload = calls.find((call) => call.method === 'POST')!
    expect(upload.url).toBe('/api/contracts/c-1/inventory/import?mode=replace')
    expect(upload.headers.has('Content-Type')).toBe(false)
    expect((upload.body as FormData).get('file')).toBeInstanceOf(File)
    expect(((upload.body as FormData).get('file') as File).name).toBe('inventory.csv')
  })

  it('is read-only without editInventory', async () => {
    backend(requester, detail(), { 'GET /api/contracts/c-1/inventory': () => json([]) })
    renderApp('/contracts/c-1?tab=inventory')

    expect(await screen.findByText('Empty inventory')).toBeInTheDocument()
    expect(screen.queryByRole('button', { name: 'Import' })).not.toBeInTheDocument()
    expect(screen.getByRole('link', { name: 'Export CSV' })).toBeInTheDocument()
  })
})

describe('takeover checklist', () => {
  const items: ChecklistItem[] = [
    {
      id: 'ck-1',
      category: 'knowledgeTransfer',
      title: 'Session on the backups',
      clientAcceptedBy: 'Claire Manager',
      clientAcceptedAt: '2026-02-10T09:00:00Z',
      documents: [
        { id: 'd-1', fileName: 'minutes.pdf', contentType: 'application/pdf', size: 1536, sha256: 'ab', uploadedBy: 'Claire Manager', uploadedAt: '2026-02-10T09:00:00Z' },
      ],
    },
    { id: 'ck-2', category: 'deliverable', title: 'Quality assurance plan', documents: [] },
  ]
  const takeover = detail({
    phase: 'takeover',
    closures: [{ phase: 'takeover', side: 'client', acceptedBy: 'Claire Manager', acceptedAt: '2026-02-11T10:00:00Z' }],
  })
  const routes: Routes = {
    'GET /api/contracts/c-1/checklists/takeover': () => json(items),
    'GET /api/contracts/c-1/workstreams': () => json([{ id: 'w-1', name: 'Security', progress: 40 }]),
    'POST /api/contracts/c-1/checklist-items/ck-1/accept': () => json({}),
    'POST /api/contracts/c-1/checklist-items/ck-1/unaccept': () => json({}),
  }

  it('asks before leaving a checklist item or a workstream half written', async () => {
    backend(accountManager, takeover, routes)
    renderApp('/contracts/c-1?tab=phases')
    const item = await screen.findByRole('form', { name: 'New item of the Takeover checklist' })
    await userEvent.type(within(item).getByRole('textbox', { name: /^Item/ }), 'Hand over the runbooks')
    await expectLeavingAsked()
    expect(within(item).getByRole('textbox', { name: /^Item/ })).toHaveValue('Hand over the runbooks')
  })

  it('shows both sides’ acceptance by category, and the provider accepts for its side', async () => {
    const calls = backend(accountManager, takeover, routes)
    renderApp('/contracts/c-1?tab=phases')

    const session = (await screen.findByRole('cell', { name: 'Session on the backups' })).closest('tr')!
    const [client, provider] = within(session).getAllByRole('cell').slice(1, 3)
    expect(client).toHaveTextContent(/Claire Manager, /)
    expect(provider).toHaveTextContent('Not accepted yet')
    expect(within(session).getByRole('link', { name: 'minutes.pdf' })).toHaveAttribute('href', '/api/contracts/c-1/documents/d-1')
    expect(within(session).getByText('(1.5 kB, application/pdf)')).toBeInTheDocument()
    expect(screen.getByRole('table', { name: 'Knowledge transfer' })).toContainElement(session)
    expect(screen.getByRole('table', { name: 'Deliverables' })).toBeInTheDocument()
    expect(screen.getByText(/accepted the closure: Claire Manager/)).toBeInTheDocument()
    expect(screen.getByText('has not accepted the closure yet')).toBeInTheDocument()
    expect(screen.getByText(/^2 items are not yet accepted by both sides/)).toBeInTheDocument()
    expect(screen.getByRole('progressbar', { name: 'Progress of Security' })).toHaveAttribute('aria-valuenow', '40')

    await userEvent.click(within(session).getByRole('button', { name: 'Accept “Session on the backups”' }))
    await waitFor(() => expect(posts(calls).map((call) => call.url)).toEqual(['/api/contracts/c-1/checklist-items/ck-1/accept']))
    expect(posts(calls)[0]?.headers.get('X-CSRF')).toBe('1')
  })

  it('uploads a document to an item as multipart "file"', async () => {
    const calls = backend(accountManager, takeover, {
      ...routes,
      'POST /api/contracts/c-1/checklist-items/ck-2/documents': () =>
        json({ id: 'd-2', fileName: 'paq.pdf', contentType: 'application/pdf', size: 20480, sha256: 'cd', uploadedBy: 'Paul Provider', uploadedAt: '2026-02-12T09:00:00Z' }, 201),
    })
    renderApp('/contracts/c-1?tab=phases')

    const input = await screen.findByLabelText('Add a document to “Quality assurance plan”')
    await userEvent.upload(input, new File(['%PDF-1.7'], 'paq.pdf', { type: 'application/pdf' }))

    await waitFor(() => expect(posts(calls)).toHaveLength(1))
    expect(posts(calls)[0]?.url).toBe('/api/contracts/c-1/checklist-items/ck-2/documents')
    expect(((posts(calls)[0]!.body as FormData).get('file') as File).name).toBe('paq.pdf')
  })

  it('lets the client side withdraw its acceptance', async () => {
    const calls = backend(contractManager, { ...takeover, closures: [] }, routes)
    renderApp('/contracts/c-1?tab=phases')

    const session = (await screen.findByRole('cell', { name: 'Session on the backups' })).closest('tr')!
    await userEvent.click(within(session).getByRole('button', { name: 'Withdraw acceptance of “Session on the backups”' }))
    await waitFor(() => expect(posts(calls).map((call) => call.url)).toEqual(['/api/contracts/c-1/checklist-items/ck-1/unaccept']))
  })

  it('keeps a side’s acceptances once that side has accepted the closure', async () => {
    backend(contractManager, takeover, routes)
    renderApp('/contracts/c-1?tab=phases')

    await screen.findByRole('cell', { name: 'Session on the backups' })
    expect(screen.queryByRole('button', { name: /^(Accept|Withdraw acceptance)/ })).not.toBeInTheDocument()
    expect(screen.getByRole('button', { name: 'Add the item' })).toBeInTheDocument()
  })

  it('gives agents no checklist action', async () => {
    backend(agent, takeover, routes)
    renderApp('/contracts/c-1?tab=phases')

    await screen.findByRole('cell', { name: 'Session on the backups' })
    expect(screen.queryByRole('button', { name: /^Accept/ })).not.toBeInTheDocument()
    expect(screen.queryByRole('button', { name: 'Add the item' })).not.toBeInTheDocument()
  })
})

describe('evolutions', () => {
  const evolution = (id: string, state: Evolution['state'], extra: Partial<Evolution> = {}): Evolution => ({
    id,
    title: `Request ${id}`,
    specification: 'A need.',
    state,
    createdBy: 'Claire Manager',
    createdAt: '2026-03-01T10:00:00Z',
    updatedAt: '2026-03-01T10:00:00Z',
    ...extra,
  })
  const all = [
    evolution('e1', 'specified'),
    evolution('e2', 'proposed', { solution: 'A solution.', quoteAmount: 4200, plan: 'Two weeks.' }),
    evolution('e3', 'validated'),
    evolution('e4', 'inProgress'),
    evolution('e5', 'delivered'),
    evolution('e6', 'accepted'),
    evolution('e7', 'accepted', { amendmentVersion: 3 }),
    evolution('e8', 'rejected', { rejectionReason: 'Too expensive.' }),
  ]
  const actionsOf = (id: string) => {
    const card = screen.getByRole('article', { name: `Request ${id}` })
    return within(card)
      .queryAllByRole('button')
      .map((button) => button.textContent)
  }

  it.each([
    ['a client manager', contractManager, { e1: [], e2: ['Validate', 'Reject'], e3: [], e4: [], e5: ['Accept'], e6: ['Turn into an amendment'], e7: [], e8: [] }],
    ['a provider manager', accountManager, { e1: ['Propose a solution'], e2: [], e3: ['Start'], e4: ['Deliver'], e5: [], e6: [], e7: [], e8: [] }],
    ['an agent', agent, { e1: [], e2: [], e3: [], e4: [], e5: [], e6: [], e7: [], e8: [] }],
  ])('gives %s the actions of each state', async (_, user, expected) => {
    backend(user, detail({ can: user === contractManager ? ['requestEvolution', 'editInventory', 'amend'] : [] }), {
      'GET /api/contracts/c-1/evolutions': () => json(all),
    })
    renderApp('/contracts/c-1?tab=evolutions')

    await screen.findByRole('article', { name: 'Request e1' })
    for (const [id, actions] of Object.entries(expected)) expect([id, actionsOf(id)]).toEqual([id, actions])
    expect(screen.queryByRole('button', { name: 'New request' }) !== null).toBe(user === contractManager)
    expect(screen.getByText('Too expensive.')).toBeInTheDocument()
    expect(screen.getByText('€4,200.00')).toBeInTheDocument()
  })

  it('sends the provider’s proposal', async () => {
    const calls = backend(accountManager, detail(), {
      'GET /api/contracts/c-1/evolutions': () => json(all),
      'POST /api/contracts/c-1/evolutions/e1/propose': () => json(evolution('e1', 'proposed')),
    })
    renderApp('/contracts/c-1?tab=evolutions')
    await userEvent.click(await screen.findByRole('button', { name: 'Propose a solution: Request e1' }))
    const dialog = await screen.findByRole('dialog', { name: 'Propose a solution: Request e1' })
    await userEvent.type(within(dialog).getByLabelText(/^Proposed solution/), 'Upgrade the firewall.')
    await userEvent.type(within(dialog).getByLabelText(/^Quote/), '4200.5')
    await userEvent.type(within(dialog).getByLabelText(/^Plan/), 'Week 12.')
    await userEvent.click(within(dialog).getByRole('button', { name: 'Propose a solution' }))

    await waitFor(() => expect(posts(calls)).toHaveLength(1))
    expect(posts(calls)[0]).toMatchObject({
      url: '/api/contracts/c-1/evolutions/e1/propose',
      body: { solution: 'Upgrade the firewall.', quoteAmount: 4200.5, plan: 'Week 12.' },
    })
  })

  it('asks before leaving a proposal half written', async () => {
    backend(accountManager, detail(), { 'GET /api/contracts/c-1/evolutions': () => json(all) })
    renderApp('/contracts/c-1?tab=evolutions')
    await userEvent.click(await screen.findByRole('button', { name: 'Propose a solution: Request e1' }))
    const dialog = await screen.findByRole('dialog', { name: 'Propose a solution: Request e1' })
    await userEvent.type(within(dialog).getByLabelText(/^Plan/), 'Week 12.')
    await expectLeavingAsked()
    expect(within(dialog).getByLabelText(/^Plan/)).toHaveValue('Week 12.')
  })

  it('rejects with a reason', async () => {
    const calls = backend(contractManager, detail(), {
      'GET /api/contracts/c-1/evolutions': () => json(all),
      'POST /api/contracts/c-1/evolutions/e2/reject': () => json(evolution('e2', 'rejected')),
    })
    renderApp('/contracts/c-1?tab=evolutions')
    await userEvent.click(await screen.findByRole('button', { name: 'Reject: Request e2' }))
    const dialog = await screen.findByRole('dialog', { name: 'Reject “Request e2”' })
    await userEvent.type(within(dialog).getByLabelText(/^Reason for rejection/), 'Too expensive.')
    await userEvent.click(within(dialog).getByRole('button', { name: 'Reject' }))

    await waitFor(() => expect(posts(calls)).toHaveLength(1))
    expect(posts(calls)[0]).toMatchObject({ url: '/api/contracts/c-1/evolutions/e2/reject', body: { reason: 'Too expensive.' } })
  })
})

describe('contract audit', slow, () => {
  const entry = (n: number): AuditEntry => ({
    id: `a-${n}`,
    occurredAt: '2026-03-29T08:00:00Z',
    actor: 'Claire Manager',
    action: n === 51 ? 'contract.phase-changed' : 'version.terms-changed',
    entityType: 'version',
    entityId: 'c-1',
    changes:
      n === 51
        ? [{ field: 'phase', before: 'signed', after: 'takeover' }]
        : [{ field: 'prices.monthlyFee', before: '12000', after: '12500.5' }],
  })

  it('loads older entries before the last one shown, and shows who did what and which fields changed, by label', async () => {
    const calls = backend(contractManager, detail(), {
      'GET /api/contracts/c-1/audit': (call) =>
        json(
          call.url.includes('before=')
            ? { items: [entry(51)], nextCursor: null }
            : { items: Array.from({ length: 50 }, (_, index) => entry(index + 1)), nextCursor: 'cursor-50' },
        ),
    })
    renderApp('/contracts/c-1?tab=audit')

    const rows = await screen.findAllByRole('cell', { name: 'Changed the terms of a version' })
    expect(rows).toHaveLength(50)
    expect(within(rows[0]!.closest('tr')!).getByText('Claire Manager')).toBeInTheDocument()
    expect(screen.queryByText('c-1')).not.toBeInTheDocument()
    await userEvent.click(within(rows[0]!.closest('tr')!).getByRole('button', { name: 'Show' }))
    const changes = screen.getByRole('table', { name: 'Fields changed' })
    expect(within(changes).getAllByRole('row').slice(1).map((row) => row.textContent)).toEqual(['Monthly fee€12,000.00€12,500.50'])

    await userEvent.click(screen.getByText('Load more'))
    const moved = (await screen.findByRole('cell', { name: 'Moved the contract to another phase' })).closest('tr')!
    await userEvent.click(within(moved).getByRole('button', { name: 'Show' }))
    expect(within(screen.getAllByRole('table', { name: 'Fields changed' }).at(-1)!).getAllByRole('row')[1]!.textContent).toBe('PhaseSignedTakeover')
    expect(screen.queryByText('Load more')).not.toBeInTheDocument()
    expect(calls.filter((call) => call.url.startsWith('/api/contracts/c-1/audit')).map((call) => call.url)).toEqual([
      '/api/contracts/c-1/audit?limit=50',
      '/api/contracts/c-1/audit?limit=50&before=cursor-50',
    ])
  })

  it('filters by who, what and when, shows a refused filter on its field, and exports what it filters', async () => {
    const calls = backend(contractManager, detail(), {
      'GET /api/contracts/c-1/audit': (call) =>
        call.url.includes('from=2026-05-02')
          ? json({ title: 'Validation failed', status: 422, errors: { to: ['The last day comes before the first.'] } }, 422)
          : json({ items: [entry(51)], nextCursor: null }),
    })
    renderApp('/contracts/c-1?tab=audit')
    await screen.findByRole('cell', { name: 'Moved the contract to another phase' })

    const form = screen.getByRole('form', { name: 'Filters' })
    await userEvent.type(within(form).getByLabelText('By (name)'), 'Claire')
    await userEvent.selectOptions(within(form).getByLabelText('Action'), 'Moved the contract to another phase')
    await userEvent.click(within(form).getByRole('button', { name: 'Apply' }))
    await waitFor(() =>
      expect(calls.map((call) => call.url)).toContain('/api/contracts/c-1/audit?limit=50&actor=Claire&action=contract.phase-changed'),
    )
    expect(screen.getByRole('link', { name: 'Export CSV' })).toHaveAttribute(
      'href',
      '/api/contracts/c-1/audit/export?actor=Claire&action=contract.phase-changed',
    )

    fireEvent.change(within(form).getByLabelText('From'), { target: { value: '2026-05-02' } })
    fireEvent.change(within(form).getByLabelText('To'), { target: { value: '2026-05-01' } })
    await userEvent.click(within(form).getByRole('button', { name: 'Apply' }))
    expect(await within(form).findByText('The last day comes before the first.')).toBeInTheDocument()
  })
})
