import { screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it } from 'vitest'
import { formatDateTime } from '../../format'
import type { UserInfo } from '../../hooks/session'
import { accountManager, contractManager, contractPageRoutes } from '../../test/contracts'
import { expectLeavingAsked, fakeBackend, json, renderApp, type FakeCall } from '../../test/render'
import { closedReview, openReview, reviews } from '../../test/reporting'
import { auditor } from '../../test/statements'

type Routes = Parameters<typeof fakeBackend>[0]

const path = '/api/reporting/contracts/c-1'

/** A contract with an open review of May 2026 (awaiting the client's approval) and a closed one of Q1. */
function backend(user: UserInfo, routes: Routes = {}): FakeCall[] {
  return fakeBackend({
    ...contractPageRoutes(user),
    [`GET ${path}/reviews`]: () => json(reviews),
    [`GET ${path}/reviews/r-2`]: () => json(openReview),
    [`GET ${path}/reviews/r-1`]: () => json(closedReview),
    ...routes,
  })
}

const cells = (row: HTMLElement) => [...row.querySelectorAll('th, td')].map((cell) => cell.textContent)
const sent = (calls: FakeCall[], method: string) => calls.filter((call) => call.method === method)
const openWorkspace = () => screen.findByRole('heading', { name: 'Review 2 — 2026-05' })
async function fill(field: HTMLElement, value: string) {
  await userEvent.clear(field)
  if (value !== '') await userEvent.type(field, value)
}

describe('contract reviews', () => {
  it('lists the reviews, latest first, with the plan still to do, and opens one', async () => {
    backend(auditor)
    renderApp('/contracts/c-1?tab=reviews')

    const list = await screen.findByRole('table', { name: 'Reviews of the contract' })
    const rows = within(list).getAllByRole('row').slice(1)
    expect(cells(rows[0]!).slice(0, 6)).toEqual(['2', '2026-05Comité de mai', 'Jun 10, 2026', 'Openawaiting the client', '2', '1'])
    expect(cells(rows[1]!).slice(0, 6)).toEqual(['1', '2026-Q1', '—', 'Closed', '0', '0'])
    expect(screen.queryByRole('button', { name: 'Prepare a review' })).not.toBeInTheDocument()

    await userEvent.click(within(list).getByRole('button', { name: 'Open the review of 2026-05' }))
    expect(await openWorkspace()).toBeInTheDocument()
    // An auditor reads the review and writes nothing in it.
    expect(screen.queryByRole('button', { name: 'Approve for my side' })).not.toBeInTheDocument()
    expect(screen.queryByRole('button', { name: 'Raise an action' })).not.toBeInTheDocument()
  })

  it('opens the review a notification links to: approvals, frozen figures, comments, points and the plan', async () => {
    backend(contractManager)
    renderApp('/contracts/c-1?tab=reviews&review=r-2')

    await openWorkspace()
    const approvals = screen.getByRole('region', { name: 'Approval of the minutes' })
    expect(approvals).toHaveTextContent(`ProviderApproved by Paul Provider on ${formatDateTime('2026-06-11T09:00:00Z', 'en')}`)
    expect(approvals).toHaveTextContent('ClientAwaiting approval')

    const figures = screen.getByRole('region', { name: 'Figures of the period' })
    expect(within(figures).getByRole('group', { name: 'Opened' })).toHaveTextContent('12')
    expect(within(figures).getByRole('table', { name: 'Service levels of the period' })).toBeInTheDocument()
    expect(within(figures).queryByRole('button', { name: /^Tickets behind/ })).not.toBeInTheDocument()

    const comments = screen.getByRole('table', { name: 'Comments' })
    expect(cells(within(comments).getByRole('row', { name: /^Overall/ }))).toEqual(['Overall', '—Comment', `A good month overall.Paul Provider, ${formatDateTime('2026-06-03T09:00:00Z', 'en')}`])
    expect(within(comments).getByRole('rowheader', { name: 'Budget' })).toBeInTheDocument()

    expect(screen.getByRole('region', { name: 'Decisions' })).toHaveTextContent('Weekly P1 review.')
    expect(screen.getByRole('region', { name: 'Improvement axes' })).toHaveTextContent('Technology to adoptMonitoring of the ERP.')

    const plan = screen.getByRole('table', { name: 'Action plan' })
    const [carried, raised] = within(plan).getAllByRole('row').slice(1)
    expect(cells(carried!).slice(0, 5)).toEqual(['Former le niveau 1Carried over: In progress, due May 31, 2026', 'Provider', 'Paul Provider', 'May 31, 2026Overdue', 'In progress'])
    expect(cells(raised!).slice(0, 5)).toEqual(['Réduire le stock P2', 'Provider', 'Paul Provider', 'Jul 15, 2026', 'Open'])

    const exports = screen.getByRole('group', { name: 'Exports of the review’s pack' })
    expect(within(exports).getByRole('link', { name: 'Export PDF' })).toHaveAttribute('href', `${path}/reviews/r-2/export?format=pdf`)
  })

  it('asks before leaving a review half prepared', async () => {
    backend(contractManager)
    renderApp('/contracts/c-1?tab=reviews')
    await userEvent.click(await screen.findByRole('button', { name: 'Prepare a review' }))
    const dialog = await screen.findByRole('dialog', { name: 'Prepare a review' })
    await userEvent.type(within(dialog).getByRole('textbox', { name: 'Title' }), 'Comité de juin')
    await expectLeavingAsked()
    expect(within(dialog).getByRole('textbox', { name: 'Title' })).toHaveValue('Comité de juin')
  })

  it('prepares a review: a period checked here, the server’s errors next to their field, then the review opened', async () => {
    let answer = 0
    const calls = backend(contractManager, {
      [`POST ${path}/reviews`]: () =>
        ++answer === 1
          ? json({ title: 'Invalid', status: 422, errors: { meetingOn: ['A day as yyyy-MM-dd.'] } }, 422)
          : answer === 2
            ? json({ title: 'Conflict', status: 409, detail: 'Another review of the contract is still open.', code: 'reporting.review.stillOpen' }, 409)
            : json(openReview, 201),
    })
    renderApp('/contracts/c-1?tab=reviews')

    await userEvent.click(await screen.findByRole('button', { name: 'Prepare a review' }))
    const dialog = await screen.findByRole('dialog', { name: 'Prepare a review' })
    const period = within(dialog).getByRole('textbox', { name: 'Period' })
    await fill(period, '2026-13')
    await userEvent.click(within(dialog).getByRole('button', { name: 'Prepare' }))
    expect(await within(dialog).findByText('A month as yyyy-MM or a quarter as yyyy-Qn.')).toBeInTheDocument()
    expect(sent(calls, 'POST')).toHaveLength(0)

    await fill(period, '2026-Q2')
    await userEvent.type(within(dialog).getByRole('textbox', { name: 'Title' }), 'Comité T2')
    await userEvent.click(within(dialog).getByRole('button', { name: 'Prepare' }))
    expect(await within(dialog).findByText('A day as yyyy-MM-dd.')).toBeInTheDocument()
    expect(sent(calls, 'POST')[0]!.body).toEqual({ period: '2026-Q2', meetingOn: null, title: 'Comité T2' })

    await userEvent.click(within(dialog).getByRole('button', { name: 'Prepare' }))
    expect(await within(dialog).findByText('Another review of the contract is still open.')).toBeInTheDocument()

    await userEvent.click(within(dialog).getByRole('button', { name: 'Prepare' }))
    expect(await openWorkspace()).toBeInTheDocument()
  })

  it('writes the caller’s side’s comment with the version read, and explains a conflict', async () => {
    let answer = 0
    const calls = backend(contractManager, {
      [`PUT ${path}/reviews/r-2/comments/sla`]: () =>
        ++answer === 1
          ? json({ title: 'Conflict', status: 409, detail: 'Someone changed this since you read it: read it again, then make your change.', code: 'reporting.review.stale' }, 409)
          : new Response(null, { status: 204 }),
    })
    renderApp('/contracts/c-1?tab=reviews&review=r-2')
    await openWorkspace()

    const comments = screen.getByRole('table', { name: 'Comments' })
    // The client's manager writes the client's column only.
    expect(within(within(comments).getByRole('row', { name: /^Overall/ })).getAllByRole('button')).toHaveLength(1)
    await userEvent.click(within(comments).getByRole('button', { name: 'Comment on Service levels' }))
    const text = within(comments).getByRole('textbox', { name: 'Comment on Service levels' })
    expect(text).toHaveValue('P1 response must improve.')
    await fill(text, 'P1 response must improve by July.')
    await userEvent.click(within(comments).getByRole('button', { name: 'Save' }))

    expect(await screen.findByText('Someone changed this since you read it: read it again, then make your change.')).toBeInTheDocument()
    expect(screen.getByText(/your text is kept here/)).toBeInTheDocument()
    expect(sent(calls, 'PUT')[0]).toMatchObject({ url: `${path}/reviews/r-2/comments/sla`, body: { text: 'P1 response must improve by July.', version: 2 } })
    // The review is read again after the refusal, to show what was changed.
    await waitFor(() => expect(calls.filter((call) => call.url === `${path}/reviews/r-2`).length).toBeGreaterThan(1))

    await userEvent.click(within(comments).getByRole('button', { name: 'Save' }))
    await waitFor(() => expect(within(comments).queryByRole('textbox')).not.toBeInTheDocument())
  })

  it('raises an action, changes one with a note, records a decision and approves for the caller’s side', async () => {
    const calls = backend(contractManager, {
      [`POST ${path}/reviews/r-2/actions`]: () => json({}, 201),
      [`PUT ${path}/actions/a-0`]: () => json({}),
      [`POST ${path}/reviews/r-2/decisions`]: () => json({}, 201),
      [`POST ${path}/reviews/r-2/approve`]: () => json(openReview),
    })
    renderApp('/contracts/c-1?tab=reviews&review=r-2')
    await openWorkspace()

    await userEvent.click(screen.getByRole('button', { name: 'Raise an action' }))
    let dialog = await screen.findByRole('dialog', { name: 'Raise an action' })
    await userEvent.click(within(dialog).getByRole('button', { name: 'Raise an action' }))
    expect(within(dialog).getAllByText('This field is required.')).toHaveLength(3)
    await userEvent.type(within(dialog).getByRole('textbox', { name: 'Action' }), 'Automate the ERP restarts')
    await userEvent.selectOptions(within(dialog).getByRole('combobox', { name: 'Side responsible' }), 'provider')
    await userEvent.type(within(dialog).getByRole('textbox', { name: 'Owner' }), 'Paul Provider')
    await userEvent.type(within(dialog).getByLabelText(/^Due on/), '2026-07-31')
    await userEvent.click(within(dialog).getByRole('button', { name: 'Raise an action' }))
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument())
    expect(sent(calls, 'POST')[0]!.body).toEqual({ title: 'Automate the ERP restarts', side: 'provider', owner: 'Paul Provider', dueOn: '2026-07-31', status: 'open', note: null })

    await userEvent.click(screen.getByRole('button', { name: 'Change the action Former le niveau 1' }))
    dialog = await screen.findByRole('dialog', { name: 'Change the action' })
    expect(within(dialog).getByText(/Open → In progress · Sessions planned\./)).toBeInTheDocument()
    await userEvent.selectOptions(within(dialog).getByRole('combobox', { name: 'Status' }), 'done')
    await userEvent.type(within(dialog).getByRole('textbox', { name: 'Follow-up note' }), 'Trained.')
    await userEvent.click(within(dialog).getByRole('button', { name: 'Save' }))
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument())
    expect(sent(calls, 'PUT')[0]!.body).toEqual({ title: 'Former le niveau 1', side: 'provider', owner: 'Paul Provider', dueOn: '2026-05-31', status: 'done', note: 'Trained.', version: 3 })

    const decisions = screen.getByRole('region', { name: 'Decisions' })
    await userEvent.type(within(decisions).getByRole('textbox', { name: 'New decision' }), 'Monthly capacity review.')
    await userEvent.click(within(decisions).getByRole('button', { name: 'Record the decision' }))
    await waitFor(() => expect(sent(calls, 'POST')).toHaveLength(2))
    expect(sent(calls, 'POST')[1]!.body).toEqual({ text: 'Monthly capacity review.' })

    // Approving waits for the changes to be read back, so that it names the version they made.
    const approve = screen.getByRole('button', { name: 'Approve for my side' })
    await waitFor(() => expect(approve).toBeEnabled())
    await userEvent.click(approve)
    await waitFor(() => expect(sent(calls, 'POST')).toHaveLength(3))
    expect(sent(calls, 'POST')[2]).toMatchObject({ url: `${path}/reviews/r-2/approve`, body: { version: 7 } })
  })

  it('shows a closed review read-only, and the provider neither the budget nor its comment', async () => {
    backend(accountManager)
    renderApp('/contracts/c-1?tab=reviews&review=r-1')
    expect(await screen.findByRole('heading', { name: 'Review 1 — 2026-Q1' })).toBeInTheDocument()
    expect(screen.getByRole('status')).toHaveTextContent(/^Closed on .*: both sides approved the minutes/)
    expect(screen.queryByRole('button', { name: 'Approve for my side' })).not.toBeInTheDocument()
    expect(screen.queryByRole('button', { name: /^Comment on/ })).not.toBeInTheDocument()
    expect(screen.queryByRole('textbox')).not.toBeInTheDocument()
    expect(within(screen.getByRole('table', { name: 'Comments' })).queryByRole('rowheader', { name: 'Budget' })).not.toBeInTheDocument()
    expect(screen.getByRole('link', { name: 'Export PDF' })).toHaveAttribute('href', `${path}/reviews/r-1/export?format=pdf`)
  })
})
