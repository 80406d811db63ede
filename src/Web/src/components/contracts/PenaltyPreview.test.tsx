import { MantineProvider } from '@mantine/core'
import { QueryClientProvider } from '@tanstack/react-query'
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import type { ReactNode } from 'react'
import { describe, expect, it } from 'vitest'
import type { ContractTerms, PenaltyRules } from '../../hooks/contracts'
import type { PenaltyPreview, PenaltyPreviewRequest } from '../../hooks/penaltyPreview'
import i18n from '../../i18n'
import { createQueryClient } from '../../queryClient'
import { terms, version } from '../../test/contracts'
import { pickMonth } from '../../test/dates'
import { fakeBackend, json, type FakeCall } from '../../test/render'
import { theme } from '../../theme'
import { TermsEditor } from './TermsEditor'
import { TermsView } from './TermsView'

/** The rules real contracts write (the product's default terms): per priority and clock, franchise, rates, bands, caps, minimum. */
const rules: PenaltyRules = {
  perBreach: [
    { priority: 'P1', kind: 'fixed', amount: 150, clock: 'respond' },
    { priority: 'P1', kind: 'fixed', amount: 500, clock: 'resolve' },
    { priority: 'P2', kind: 'percentOfFee', amount: 1, clock: 'resolve' },
    { priority: 'P3', kind: 'percentOfFee', amount: 0.2, clock: null },
  ],
  monthlyFreeBreaches: 1,
  successRateTargets: [
    { priority: 'P1', clock: 'resolve', targetPercent: 95, creditPercentPerPoint: 0.5, maxCreditPercent: 5 },
    { priority: 'P2', clock: 'resolve', targetPercent: 95, creditPercentPerPoint: 0.5, maxCreditPercent: 5 },
  ],
  availabilityBands: [
    { belowPercent: 99.5, penaltyPercentOfFee: 2 },
    { belowPercent: 99, penaltyPercentOfFee: 5 },
  ],
  monthlyCapPercent: 10,
  annualCapPercent: 8,
  minimumTotal: 50,
}

const editedTerms: ContractTerms = terms({ prices: { monthlyFee: 13200, workUnits: [] }, penalties: rules })

function providers(children: ReactNode) {
  const queryClient = createQueryClient()
  queryClient.setDefaultOptions({ queries: { retry: false }, mutations: { retry: false } })
  return (
    <MantineProvider theme={theme} env="test">
      <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>
    </MantineProvider>
  )
}

const renderEditor = (edited: ContractTerms = editedTerms) => render(providers(<TermsEditor contractId="c-1" version={version({ status: 'draft', terms: edited })} />))

/** What the engine answers for the sample month (figures made up to the rules: only their display matters). */
const statement: PenaltyPreview = {
  grossAmount: 1376,
  freeAmount: 500,
  monthlyCapDeducted: 0,
  annualCapDeducted: 204,
  belowMinimum: false,
  total: 672,
  lines: [
    { kind: 'breach', amount: 500, free: true, rule: 'perBreach[1]', ticket: 1042, priority: 'P1', clock: 'resolve', breachedAt: '2027-03-02T09:00:00Z' },
    { kind: 'breach', amount: 132, free: false, rule: 'perBreach[2]', ticket: 1057, priority: 'P2', clock: 'resolve', breachedAt: '2027-03-09T13:30:00Z' },
    { kind: 'breach', amount: 150, free: false, rule: 'perBreach[0]', ticket: 1063, priority: 'P1', clock: 'respond', breachedAt: '2027-03-16T08:15:00Z' },
    { kind: 'breach', amount: 0, free: false, rule: null, ticket: 1070, priority: 'P4', clock: 'resolve', breachedAt: '2027-03-20T10:00:00Z' },
    { kind: 'successRate', amount: 330, free: false, rule: 'successRateTargets[1]', priority: 'P2', clock: 'resolve', completed: 20, met: 18, ratePercent: 90, targetPercent: 95, points: 5 },
    { kind: 'availability', amount: 264, free: false, rule: 'availabilityBands[0]', service: 'ERP', availabilityPercent: 99.1, belowPercent: 99.5 },
  ],
}

const previews = (calls: FakeCall[]) => calls.filter((call) => call.url === '/api/invoicing/penalties/preview')

/**
 * The field labelled `name` (by aria-label, or by its label's text). The editor is a long form: testing-library's
 * label and role queries walk it whole, seconds each on a loaded machine; these go straight to the element.
 */
function field(name: string, container: ParentNode = document): HTMLElement {
  const labelled = [...container.querySelectorAll<HTMLElement>('[aria-label]')].find((element) => element.getAttribute('aria-label') === name)
  if (labelled) return labelled
  const label = [...container.querySelectorAll('label')].find((element) => element.textContent?.replace(/\s*\*$/, '').trim() === name)
  const input = label?.htmlFor ? document.getElementById(label.htmlFor) : null
  if (!input) throw new Error(`No field labelled “${name}”.`)
  return input
}

function button(name: string, container: ParentNode = document): HTMLElement {
  const found = [...container.querySelectorAll<HTMLElement>('button')].find((element) => (element.getAttribute('aria-label') ?? element.textContent?.trim()) === name)
  if (!found) throw new Error(`No button “${name}”.`)
  return found
}

/** A whole value at once: typing key by key re-renders the whole form each time, which a loaded machine feels. */
async function typeNumber(field: HTMLElement, value: string) {
  fireEvent.change(field, { target: { value } })
  await Promise.resolve()
}

describe('penalty rules in the terms editor', { timeout: 60_000 }, () => {
  it('edits every rule, adds and removes rows, and saves them whole', async () => {
    const calls = fakeBackend({ 'PUT /api/contracts/c-1/versions/1/terms': () => json({}) })
    renderEditor()

    // P3's rule moves onto the resolution clock and becomes a fixed amount in euros.
    fireEvent.change(field('Clock — penalty 4'), { target: { value: 'resolve' } })
    fireEvent.change(field('Kind — penalty 4'), { target: { value: 'fixed' } })
    await typeNumber(field('Amount — penalty 4'), '80')
    fireEvent.click(button('Remove penalty 1'))
    await typeNumber(field('Free breaches per month'), '2')
    fireEvent.click(button('Add a success-rate target'))
    fireEvent.change(field('Priority — target 3'), { target: { value: 'P1' } })
    fireEvent.change(field('Clock — target 3'), { target: { value: 'respond' } })
    await typeNumber(field('Target — target 3'), '98')
    await typeNumber(field('Maximum credit — target 3'), '8')
    await typeNumber(field('Annual cap'), '12')
    await typeNumber(field('Minimum billed'), '100')
    fireEvent.click(button('Save the terms'))

    await waitFor(() => expect(calls.some((call) => call.method === 'PUT')).toBe(true))
    const saved = calls.find((call) => call.method === 'PUT')!.body as ContractTerms
    expect(saved.penalties).toEqual({
      ...rules,
      perBreach: [
        { priority: 'P1', kind: 'fixed', amount: 500, clock: 'resolve' },
        { priority: 'P2', kind: 'percentOfFee', amount: 1, clock: 'resolve' },
        { priority: 'P3', kind: 'fixed', amount: 80, clock: 'resolve' },
      ],
      monthlyFreeBreaches: 2,
      successRateTargets: [...rules.successRateTargets, { priority: 'P1', clock: 'respond', targetPercent: 98, creditPercentPerPoint: 0.5, maxCreditPercent: 8 }],
      annualCapPercent: 12,
      minimumTotal: 100,
    })
  })

  it('shows a percentage of the fee in percent and a fixed amount in euros', () => {
    renderEditor()
    expect(field('Amount — penalty 2')).toHaveValue('500 €')
    expect(field('Amount — penalty 3')).toHaveValue('1 %')
  })

  it('puts a 422 on the fields it names, rows named by position or by priority and clock', async () => {
    fakeBackend({
      'PUT /api/contracts/c-1/versions/1/terms': () =>
        json(
          {
            title: 'The request has invalid fields.',
            status: 422,
            errors: {
              'terms.penalties.perBreach[3].priority': ['Another penalty already applies to P3.'],
              'terms.penalties.perBreach[P1/resolve].amount': ['The amount has at most two decimals (cents).'],
              'terms.penalties.successRateTargets[P2/resolve].maxCreditPercent': ['The maximum credit is at least the credit per point (0.5 %) and at most 100 %.'],
              'terms.penalties.annualCapPercent': ['The percentage is between 0 and 100.'],
              'terms.penalties.minimumTotal': ['The amount cannot be negative.'],
            },
          },
          422,
        ),
    })
    renderEditor()
    await userEvent.click(button('Save the terms'))

    expect(await screen.findByText('Some fields need correcting')).toBeInTheDocument()
    const expectError = (label: string, message: string) => {
      const input = field(label)
      expect(input).toHaveAttribute('aria-invalid', 'true')
      expect(input).toHaveAccessibleDescription(expect.stringContaining(message))
    }
    expectError('Priority — penalty 4', 'Another penalty already applies to P3.')
    expectError('Amount — penalty 2', 'The amount has at most two decimals (cents).')
    expectError('Maximum credit — target 2', 'at least the credit per point (0.5 %)')
    expectError('Annual cap', 'The percentage is between 0 and 100.')
    expectError('Minimum billed', 'The amount cannot be negative.')
    expect(screen.queryByText('Other problems')).not.toBeInTheDocument()
  })

  it('reads terms from before clocks and targets existed', () => {
    const old = terms()
    const { perBreach, monthlyFreeBreaches, availabilityBands, monthlyCapPercent } = old.penalties
    renderEditor({
      ...old,
      penalties: { perBreach: perBreach.map(({ priority, kind, amount }) => ({ priority, kind, amount })), monthlyFreeBreaches, availabilityBands, monthlyCapPercent } as unknown as PenaltyRules,
    })
    expect(field('Clock — penalty 1')).toHaveValue('')
    expect(field('Annual cap')).toHaveValue('0 %')
    expect(button('Add a success-rate target')).toBeInTheDocument()
  })
})

describe('penalty preview in the terms editor', { timeout: 60_000 }, () => {
  it('prices a sample month under the rules being edited, with the issue’s request shape', async () => {
    const calls = fakeBackend({ 'POST /api/invoicing/penalties/preview': () => json(statement) })
    renderEditor()
    const panel = screen.getByRole('region', { name: 'Penalty preview' })

    // The rules as edited, not as saved.
    await typeNumber(field('Free breaches per month'), '2')
    await pickMonth(field('Month', panel), '2027-03')
    await typeNumber(field('Already applied this contract year', panel), '12000')
    await typeNumber(field('Missed — P1 Resolution', panel), '3')
    await userEvent.click(button('Compute the penalties', panel))

    const lines = await within(panel).findByRole('table', { name: 'Penalty lines of 2027-03' })
    const sent = previews(calls)
    expect(sent).toHaveLength(1)
    const body = sent[0]!.body as PenaltyPreviewRequest
    expect(body).toEqual({
      month: '2027-03',
      monthlyFee: 13200,
      rules: { ...rules, monthlyFreeBreaches: 2 },
      // The sample's wall-clock times in the calendar's zone (Paris, winter time), moved into the month chosen.
      breaches: [
        { ticket: 1042, priority: 'P1', clock: 'resolve', breachedAt: '2027-03-02T09:00:00.000Z' },
        { ticket: 1057, priority: 'P2', clock: 'resolve', breachedAt: '2027-03-09T13:30:00.000Z' },
        { ticket: 1063, priority: 'P1', clock: 'respond', breachedAt: '2027-03-16T08:15:00.000Z' },
      ],
      clocks: expect.any(Array),
      availability: [{ service: 'ERP', percent: 99.1 }],
      yearToDate: 12000,
    })
    const count = (priority: string, met: boolean) => body.clocks.filter((clock) => clock.priority === priority && clock.clock === 'resolve' && clock.met === met).length
    expect([count('P1', true), count('P1', false), count('P2', true), count('P2', false), body.clocks.length]).toEqual([9, 3, 18, 2, 32])

    const row = (text: RegExp) => within(lines).getByText(text).closest('tr')!
    const free = row(/^Ticket 1042: P1 Resolution breached on/)
    expect(within(free).getByText('Free (franchise)')).toBeInTheDocument()
    expect(within(free).getByText('€500.00')).toBeInTheDocument()
    expect(within(row(/^Ticket 1057:/)).queryByText('Free (franchise)')).not.toBeInTheDocument()
    expect(within(lines).getByText(/^Ticket 1070: P4 Resolution breached on .* \(no rule prices it\)/)).toBeInTheDocument()
    expect(within(row(/^P2 Resolution: 90 % met \(18 of 20\), target 95 %, 5 full points below/)).getByText('€330.00')).toBeInTheDocument()
    expect(within(row(/^ERP: 99.1 % available, below 99.5 %/)).getByText('€264.00')).toBeInTheDocument()

    const totals = within(panel).getByRole('table', { name: 'Totals' })
    const total = (name: string) => within(totals).getByRole('rowheader', { name }).closest('tr')!.textContent
    expect(total('Gross penalties')).toBe('Gross penalties€1,376.00')
    expect(total('Franchise')).toBe('Franchise-€500.00')
    expect(total('Monthly cap')).toBe('Monthly cap€0.00')
    expect(total('Annual cap')).toBe('Annual cap-€204.00')
    expect(total('Total billed')).toBe('Total billed€672.00')
    expect(within(panel).getByText('The minimum of €50.00 is reached.')).toBeInTheDocument()
    // The preview saves nothing.
    expect(calls.some((call) => call.method === 'PUT')).toBe(false)
  })

  it('sends the sample as edited: breaches added and removed, services, clocks', async () => {
    const calls = fakeBackend({ 'POST /api/invoicing/penalties/preview': () => json({ ...statement, lines: [] }) })
    renderEditor()
    const panel = screen.getByRole('region', { name: 'Penalty preview' })

    await pickMonth(field('Month', panel), '2027-10')
    await userEvent.click(button('Remove breach 2', panel))
    await userEvent.click(button('Add a breach', panel))
    await userEvent.selectOptions(field('Priority — breach 3', panel), 'P3')
    // The night clocks go back in Paris: 01:30 is still summer time.
    fireEvent.change(field('Breached at — breach 3', panel), { target: { value: '2027-10-31T01:30' } })
    await userEvent.click(button('Remove P2 Resolution', panel))
    await userEvent.click(button('Add a service', panel))
    fireEvent.change(field('Service — service 2', panel), { target: { value: 'Messagerie' } })
    await typeNumber(field('Availability — service 2', panel), '98.5')
    await userEvent.click(button('Compute the penalties', panel))

    expect(await within(panel).findByText('No penalty this month.')).toBeInTheDocument()
    const body = previews(calls)[0]!.body as PenaltyPreviewRequest
    expect(body.breaches).toEqual([
      { ticket: 1042, priority: 'P1', clock: 'resolve', breachedAt: '2027-10-02T08:00:00.000Z' },
      { ticket: 1063, priority: 'P1', clock: 'respond', breachedAt: '2027-10-16T07:15:00.000Z' },
      { ticket: 1064, priority: 'P3', clock: 'resolve', breachedAt: '2027-10-30T23:30:00.000Z' },
    ])
    expect(new Set(body.clocks.map((clock) => clock.priority))).toEqual(new Set(['P1']))
    expect(body.availability).toEqual([
      { service: 'ERP', percent: 99.1 },
      { service: 'Messagerie', percent: 98.5 },
    ])
  })

  it('says when the month stays below the minimum', async () => {
    fakeBackend({ 'POST /api/invoicing/penalties/preview': () => json({ ...statement, annualCapDeducted: 0, belowMinimum: true, total: 0, grossAmount: 30, freeAmount: 0, lines: [] }) })
    renderEditor()
    await userEvent.click(button('Compute the penalties'))

    const alert = await screen.findByText('The month comes to less than the minimum of €50.00: nothing is billed.')
    expect(alert).toBeInTheDocument()
    expect(within(screen.getByRole('table', { name: 'Totals' })).getByRole('rowheader', { name: 'Total billed' }).closest('tr')!.textContent).toBe('Total billed€0.00')
  })

  it('refuses a breach without a time before asking the server', async () => {
    const calls = fakeBackend({ 'POST /api/invoicing/penalties/preview': () => json(statement) })
    renderEditor()
    const panel = screen.getByRole('region', { name: 'Penalty preview' })
    fireEvent.change(field('Breached at — breach 1', panel), { target: { value: '' } })
    await userEvent.click(button('Compute the penalties', panel))

    expect(field('Breached at — breach 1', panel)).toHaveAccessibleDescription('Give a date and time.')
    expect(previews(calls)).toHaveLength(0)
  })

  it('lists the fields a 422 names, in the editor’s words', async () => {
    fakeBackend({
      'POST /api/invoicing/penalties/preview': () =>
        json(
          {
            title: 'The request has invalid fields.',
            status: 422,
            errors: {
              'breaches[1].breachedAt': ['The breach falls outside the month.'],
              monthlyFee: ['The amount cannot be negative.'],
              'rules.successRateTargets[0].clock': ['The clock is required.'],
            },
          },
          422,
        ),
    })
    renderEditor()
    const panel = screen.getByRole('region', { name: 'Penalty preview' })
    await userEvent.click(button('Compute the penalties', panel))

    const alert = await within(panel).findByRole('alert')
    expect(within(alert).getByText('The preview cannot be computed')).toBeInTheDocument()
    expect(within(alert).getByText('breachedAt — breach 2: The breach falls outside the month.')).toBeInTheDocument()
    expect(within(alert).getByText('Monthly fee: The amount cannot be negative.')).toBeInTheDocument()
    expect(within(alert).getByText('Penalty rules (successRateTargets[0].clock): The clock is required.')).toBeInTheDocument()
  })

  it('speaks French', async () => {
    await i18n.changeLanguage('fr')
    fakeBackend({ 'POST /api/invoicing/penalties/preview': () => json(statement) })
    renderEditor()
    const panel = screen.getByRole('region', { name: 'Aperçu des pénalités' })
    expect(field('Délai — pénalité 4')).toHaveValue('')
    expect(screen.getByRole('option', { name: 'Les deux délais', selected: true })).toBeInTheDocument()
    await userEvent.click(button('Calculer les pénalités', panel))

    const totals = await within(panel).findByRole('table', { name: 'Totaux' })
    expect(within(totals).getByRole('rowheader', { name: 'Total facturé' }).closest('tr')!.textContent).toMatch(/^Total facturé672,00\s€$/)
    expect(within(panel).getByText(/^P2 Résolution : 90 % respectés \(18 sur 20\), objectif 95 %, 5 points entiers manquants$/)).toBeInTheDocument()
    expect(within(panel).getByText('Gratuit (franchise)')).toBeInTheDocument()
  })
})

describe('penalty rules read-only', () => {
  it('shows every rule, and zero as none', () => {
    render(providers(<TermsView terms={editedTerms} />))
    const perBreach = screen.getByRole('table', { name: 'Penalty per breach' })
    const p3 = within(perBreach).getByText('P3').closest('tr')!
    expect(within(p3).getByText('Both clocks')).toBeInTheDocument()
    expect(within(p3).getByText('0.2 % of the monthly fee')).toBeInTheDocument()
    const targets = screen.getByRole('table', { name: 'Success-rate targets' })
    expect(within(targets).getAllByRole('row')).toHaveLength(3)
    expect(within(targets).getAllByText('0.5 % of the monthly fee')).toHaveLength(2)
    expect(screen.getByText('8 % of twelve monthly fees')).toBeInTheDocument()
    expect(screen.getByText('€50.00')).toBeInTheDocument()

    render(providers(<TermsView terms={terms({ penalties: { ...rules, monthlyFreeBreaches: 0, annualCapPercent: 0, minimumTotal: 0, successRateTargets: [] } })} />))
    expect(screen.getAllByRole('table', { name: 'Success-rate targets' })).toHaveLength(1)
    const facts = screen.getAllByText('Minimum billed').at(-1)!.closest('div')!
    expect(within(facts).getByText('None')).toBeInTheDocument()
  })
})
