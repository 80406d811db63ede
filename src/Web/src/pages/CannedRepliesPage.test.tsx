import { screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it } from 'vitest'
import { accountManager, agent } from '../test/contracts'
import { fakeBackend, json, renderApp } from '../test/render'

const callBack = { id: 'cr-1', titleEn: 'Call back', titleFr: 'Rappel', textEn: 'We will call you back.', textFr: 'Nous vous rappelons.', createdBy: 'A', createdAt: '2026-12-01T10:00:00Z' }

describe('canned replies', () => {
  it('lets an account manager add a reply in both languages and delete one', async () => {
    let replies = [callBack]
    const calls = fakeBackend({
      'GET /bff/user': () => json(accountManager),
      'GET /api/incidents/canned-replies': () => json(replies),
      'POST /api/incidents/canned-replies': (call) => {
        replies = [...replies, { ...(call.body as typeof callBack), id: 'cr-2', createdBy: 'A', createdAt: '2026-12-01T10:00:00Z' }]
        return json(replies.at(-1), 201)
      },
      'DELETE /api/incidents/canned-replies/cr-1': () => {
        replies = replies.filter((reply) => reply.id !== 'cr-1')
        return new Response(null, { status: 204 })
      },
    })
    renderApp('/canned-replies')

    expect(await screen.findByText('We will call you back.')).toBeInTheDocument()
    await userEvent.click(screen.getByRole('button', { name: 'Add a reply…' }))
    const dialog = await screen.findByRole('dialog', { name: 'Add the reply' })
    await userEvent.type(within(dialog).getByLabelText(/^Title in English/), 'Reset')
    await userEvent.click(within(dialog).getByRole('button', { name: 'Add the reply' }))
    expect(within(dialog).getAllByText('This field is required.').length).toBeGreaterThan(0)
    expect(calls.some((call) => call.method === 'POST')).toBe(false)
    await userEvent.type(within(dialog).getByLabelText(/^Title in French/), 'Réinitialisation')
    await userEvent.type(within(dialog).getByLabelText(/^Text in English/), 'Done.')
    await userEvent.type(within(dialog).getByLabelText(/^Text in French/), 'Fait.')
    await userEvent.click(within(dialog).getByRole('button', { name: 'Add the reply' }))
    expect(await screen.findByText('Done.')).toBeInTheDocument()
    expect(calls.find((call) => call.method === 'POST')?.body).toEqual({ titleEn: 'Reset', titleFr: 'Réinitialisation', textEn: 'Done.', textFr: 'Fait.' })

    await userEvent.click(screen.getByRole('button', { name: 'Delete “Call back”' }))
    await waitFor(() => expect(screen.queryByText('We will call you back.')).not.toBeInTheDocument())
  })

  it('is not an agent’s page', async () => {
    fakeBackend({ 'GET /bff/user': () => json(agent), 'GET /api/incidents/tickets': () => json({ items: [], nextCursor: null }) })
    renderApp('/canned-replies')
    expect(await screen.findByRole('heading', { level: 1 })).not.toHaveTextContent('Canned replies')
  })
})
