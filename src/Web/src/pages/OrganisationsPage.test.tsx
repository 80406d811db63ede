import { screen, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it } from 'vitest'
import { operatorUser } from '../test/contracts'
import { expectLeavingAsked, fakeBackend, json, renderApp } from '../test/render'

describe('organisations page', () => {
  it('asks before leaving an organisation half created', async () => {
    fakeBackend({
      'GET /bff/user': () => json(operatorUser),
      'GET /api/identity/organisations': () => json([{ id: 'o-1', name: 'Client SA', kind: 'client', createdAt: '2026-01-10T09:00:00Z', userCount: 3 }]),
    })
    renderApp('/organisations')
    await userEvent.click(await screen.findByRole('button', { name: 'New organisation' }))
    const dialog = await screen.findByRole('dialog', { name: 'New organisation' })
    await userEvent.type(within(dialog).getByLabelText(/^Name/), 'Acme Industrie')
    await expectLeavingAsked()
    expect(within(dialog).getByLabelText(/^Name/)).toHaveValue('Acme Industrie')
  })
})
