import { screen, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it } from 'vitest'
import { contractManager, detail, requester } from '../test/contracts'
import { clientAdmin, fakeBackend, json, renderApp } from '../test/render'

const csv = () => new File(['number;title\n1;Messagerie\n'], 'historique.csv', { type: 'text/csv' })

describe('ticket history import', () => {
  it('lists what the service refused, line by line, and says nothing was imported', async () => {
    const calls = fakeBackend({
      'GET /bff/user': () => json(contractManager),
      'GET /api/contracts/c-1': () => json(detail()),
      'POST /api/incidents/contracts/c-1/imports': () =>
        json(
          {
            title: 'The file has errors',
            status: 422,
            errors: {
              'line 12': ['The priority is P1, P2, P3 or P4.'],
              'line 3': ['The title is required.', 'The opening date is not a date.'],
              file: ['2 lines refused.'],
            },
          },
          422,
        ),
    })
    renderApp('/contracts/c-1/tickets/import')

    expect(await screen.findByRole('heading', { name: 'Import the ticket history', level: 1 })).toBeInTheDocument()
    expect(await screen.findByText('INF-2026-01 — Infogérance du parc')).toBeInTheDocument()
    await userEvent.click(screen.getByRole('button', { name: 'Import' }))
    expect(screen.getByText('Choose a file.')).toBeInTheDocument()
    expect(calls.some((call) => call.method === 'POST')).toBe(false)

    await userEvent.upload(screen.getByLabelText(/^File/), csv())
    await userEvent.click(screen.getByRole('button', { name: 'Import' }))

    const report = await screen.findByRole('alert')
    expect(report).toHaveTextContent('The file was refused')
    expect(report).toHaveTextContent('Nothing was imported.')
    const rows = within(report)
      .getAllByRole('row')
      .slice(1)
      .map((row) => within(row).getAllByRole('cell').map((cell) => cell.textContent))
    expect(rows).toEqual([
      ['The file', '2 lines refused.'],
      ['Line 3', 'The title is required. The opening date is not a date.'],
      ['Line 12', 'The priority is P1, P2, P3 or P4.'],
    ])
    const sent = calls.find((call) => call.method === 'POST')!
    expect(sent.url).toBe('/api/incidents/contracts/c-1/imports')
    expect((sent.body as FormData).get('file')).toBeInstanceOf(File)
  })

  it('names the tickets of a JSON file by their place in it', async () => {
    fakeBackend({
      'GET /bff/user': () => json(clientAdmin),
      'GET /api/contracts/c-1': () => json(detail()),
      'POST /api/incidents/contracts/c-1/imports': () =>
        json({ status: 422, errors: { 'tickets[1].impact': ['Choose high, medium or low.'], 'tickets[0]': ['Duplicate number.'] } }, 422),
    })
    renderApp('/contracts/c-1/tickets/import')
    await userEvent.upload(await screen.findByLabelText(/^File/), new File(['{"tickets":[]}'], 'h.json', { type: 'application/json' }))
    await userEvent.click(screen.getByRole('button', { name: 'Import' }))

    const report = await screen.findByRole('alert')
    expect(within(report).getByText('Ticket 1')).toBeInTheDocument()
    expect(within(report).getByText('Ticket 2 — impact')).toBeInTheDocument()
  })

  it('says how many tickets were imported and leads to them', async () => {
    fakeBackend({
      'GET /bff/user': () => json(contractManager),
      'GET /api/contracts/c-1': () => json(detail()),
      'POST /api/incidents/contracts/c-1/imports': () =>
        json({ imported: 2, tickets: [{ id: 'tk-1', number: 1, externalReference: 'OLD-1' }, { id: 'tk-2', number: 2, externalReference: 'OLD-2' }] }, 201),
    })
    renderApp('/contracts/c-1/tickets/import')
    await userEvent.upload(await screen.findByLabelText(/^File/), csv())
    await userEvent.click(screen.getByRole('button', { name: 'Import' }))

    expect(await screen.findByText('2 tickets imported.')).toBeInTheDocument()
    expect(screen.getByRole('link', { name: 'See the contract’s tickets' })).toHaveAttribute('href', '/tickets?contract=c-1')
    expect(screen.getByRole('link', { name: '#2' })).toHaveAttribute('href', '/tickets/tk-2')
    expect(screen.getByText('OLD-2')).toBeInTheDocument()
  })

  it('is for client managers only', async () => {
    fakeBackend({ 'GET /bff/user': () => json(requester), 'GET /api/contracts/c-1': () => json(detail()) })
    renderApp('/contracts/c-1/tickets/import')
    expect(await screen.findByRole('heading', { level: 1 })).not.toHaveTextContent('Import the ticket history')
  })
})
