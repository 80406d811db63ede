import { MantineProvider } from '@mantine/core'
import { QueryClientProvider } from '@tanstack/react-query'
import { fireEvent, render, screen, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it } from 'vitest'
import type { ContractTerms } from '../../hooks/contracts'
import type { SlaPreviewRequest } from '../../hooks/slaPreview'
import i18n from '../../i18n'
import { createQueryClient } from '../../queryClient'
import { terms, version } from '../../test/contracts'
import { fakeBackend, json, type FakeCall } from '../../test/render'
import { theme } from '../../theme'
import { TermsEditor } from './TermsEditor'

/** The reference calendar of the SLA preview's documentation, and P1 answered in 4 hours, resolved in 2 business days. */
const editedTerms: ContractTerms = terms({
  calendar: {
    timeZone: 'Europe/Paris',
    alwaysOpen: false,
    weekly: [
      { day: 'monday', open: '10:30', close: '19:00' },
      { day: 'friday', open: '08:30', close: '12:00' },
      { day: 'friday', open: '13:00', close: '19:00' },
    ],
    holidayPacks: ['FR'],
    closedDays: ['2034-06-12'],
  },
  sla: {
    targets: [
      { priority: 'P1', respond: { value: 4, unit: 'hours', endOfWorkingDay: false }, resolve: { value: 2, unit: 'businessDays', endOfWorkingDay: true } },
      { priority: 'P2', respond: { value: 8, unit: 'hours', endOfWorkingDay: false }, resolve: { value: 5, unit: 'businessDays', endOfWorkingDay: false } },
    ],
    warningThresholds: [50, 75],
  },
})

function renderEditor() {
  const queryClient = createQueryClient()
  queryClient.setDefaultOptions({ queries: { retry: false }, mutations: { retry: false } })
  return render(
    <MantineProvider theme={theme} env="test">
      <QueryClientProvider client={queryClient}>
        <TermsEditor contractId="c-1" version={version({ status: 'draft', terms: editedTerms })} />
      </QueryClientProvider>
    </MantineProvider>,
  )
}

/** What the engine answers for the example's start (the resolution's figures are made up: only their display matters). */
function answer(call: FakeCall) {
  const body = call.body as SlaPreviewRequest
  return body.target.unit === 'hours'
    ? json({
        dueAt: '2034-06-09T15:54:34+02:00',
        targetBusinessSeconds: 14_400,
        pausedBusinessSeconds: 0,
        warnings: [
          { percent: 50, at: '2034-06-09T13:54:34+02:00' },
          { percent: 75, at: '2034-06-09T14:54:34+02:00' },
        ],
        elapsedBusinessSeconds: 0,
        breached: false,
      })
    : json({ dueAt: '2034-06-16T19:00:00+02:00', targetBusinessSeconds: 61_000, pausedBusinessSeconds: 0, warnings: [], elapsedBusinessSeconds: 0, breached: false })
}

const previews = (calls: FakeCall[]) => calls.filter((call) => call.url === '/api/incidents/sla/preview')

describe('SLA preview in the terms editor', { timeout: 30_000 }, () => {
  it('computes both clocks of a priority on the calendar being edited, from a start in the calendar’s zone', async () => {
    const calls = fakeBackend({ 'POST /api/incidents/sla/preview': answer })
    renderEditor()
    const panel = screen.getByRole('region', { name: 'SLA preview' })

    await userEvent.type(screen.getByLabelText('Warning thresholds'), ', 90')
    fireEvent.change(within(panel).getByLabelText('Ticket opened at (Europe/Paris)'), { target: { value: '2034-06-09T08:46:12' } })
    await userEvent.click(within(panel).getByRole('button', { name: 'Compute the due times' }))

    const results = await within(panel).findByRole('table', { name: 'Due times of priority P1' })
    const respond = within(results).getByRole('rowheader', { name: 'Response' }).closest('tr')!
    expect(within(respond).getByText('4 hours')).toBeInTheDocument()
    expect(within(respond).getByText(/Jun 9, 2034.*15:54:34/)).toBeInTheDocument()
    expect(within(respond).getByText(/^50 %: .*13:54:34/)).toBeInTheDocument()
    expect(within(respond).getByText(/^75 %: .*14:54:34/)).toBeInTheDocument()
    const resolve = within(results).getByRole('rowheader', { name: 'Resolution' }).closest('tr')!
    expect(within(resolve).getByText('2 business days (to the end of the working day)')).toBeInTheDocument()
    expect(within(resolve).getByText(/Jun 16, 2034.*19:00:00/)).toBeInTheDocument()

    const sent = previews(calls)
    expect(sent).toHaveLength(2)
    expect(sent.every((call) => call.method === 'POST' && call.headers.get('X-CSRF') === '1')).toBe(true)
    expect(sent.map((call) => call.body)).toEqual([
      { calendar: editedTerms.calendar, target: editedTerms.sla.targets[0]!.respond, startedAt: '2034-06-09T06:46:12.000Z', warningThresholds: [50, 75, 90] },
      { calendar: editedTerms.calendar, target: editedTerms.sla.targets[0]!.resolve, startedAt: '2034-06-09T06:46:12.000Z', warningThresholds: [50, 75, 90] },
    ])
    // The preview saves nothing.
    expect(calls.some((call) => call.method === 'PUT')).toBe(false)
  })

  it('uses the targets and the calendar as they are edited, for the priority chosen', async () => {
    const calls = fakeBackend({ 'POST /api/incidents/sla/preview': answer })
    renderEditor()
    const panel = screen.getByRole('region', { name: 'SLA preview' })

    await userEvent.click(screen.getByLabelText('Always open (24×7)'))
    await userEvent.selectOptions(within(panel).getByLabelText('Priority'), 'P2')
    await userEvent.click(within(panel).getByRole('button', { name: 'Compute the due times' }))

    expect(await within(panel).findByRole('table', { name: 'Due times of priority P2' })).toBeInTheDocument()
    const bodies = previews(calls).map((call) => call.body as SlaPreviewRequest)
    expect(bodies.map((body) => body.target)).toEqual([editedTerms.sla.targets[1]!.respond, editedTerms.sla.targets[1]!.resolve])
    expect(bodies.every((body) => body.calendar.alwaysOpen)).toBe(true)
  })

  it('names each field a 422 points at in the editor’s words, each target’s under its clock', async () => {
    fakeBackend({
      'POST /api/incidents/sla/preview': (call) =>
        json(
          {
            title: 'The request has invalid fields.',
            status: 422,
            errors: {
              'calendar.weekly[1].close': ['The closing time must be after the opening time.'],
              'calendar.timeZone': ['The time zone must be an IANA zone such as Europe/Paris.'],
              'target.value': [(call.body as SlaPreviewRequest).target.unit === 'hours' ? 'The target must be greater than zero.' : 'The target is at most 260 businessDays.'],
            },
          },
          422,
        ),
    })
    renderEditor()
    const panel = screen.getByRole('region', { name: 'SLA preview' })

    await userEvent.click(within(panel).getByRole('button', { name: 'Compute the due times' }))

    const alert = await within(panel).findByRole('alert')
    expect(within(alert).getByText('The preview cannot be computed')).toBeInTheDocument()
    expect(within(alert).getByText('Closes — interval 2: The closing time must be after the opening time.')).toBeInTheDocument()
    expect(within(alert).getByText('Time zone: The time zone must be an IANA zone such as Europe/Paris.')).toBeInTheDocument()
    expect(within(alert).getByText('Response time: The target must be greater than zero.')).toBeInTheDocument()
    expect(within(alert).getByText('Resolution time: The target is at most 260 businessDays.')).toBeInTheDocument()
    expect(within(alert).getAllByRole('listitem')).toHaveLength(4)
  })

  it('speaks French', async () => {
    await i18n.changeLanguage('fr')
    fakeBackend({ 'POST /api/incidents/sla/preview': answer })
    renderEditor()

    const panel = screen.getByRole('region', { name: 'Aperçu des SLA' })
    fireEvent.change(within(panel).getByLabelText('Ticket ouvert le (Europe/Paris)'), { target: { value: '2034-06-09T08:46:12' } })
    await userEvent.click(within(panel).getByRole('button', { name: 'Calculer les échéances' }))

    const results = await within(panel).findByRole('table', { name: 'Échéances de la priorité P1' })
    expect(within(results).getByText(/^50 % : .*13:54:34/)).toBeInTheDocument()
  })
})
