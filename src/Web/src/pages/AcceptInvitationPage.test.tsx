import { screen } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it } from 'vitest'
import { fakeBackend, json, renderApp } from '../test/render'

const invitation = {
  email: 'bob.durand@client.example',
  displayName: 'Bob Durand',
  organisationName: 'Client SA',
  expiresAt: '2026-12-01T10:00:00Z',
}
const anonymous = { 'GET /bff/user': () => json({ status: 401 }, 401) }

async function choosePassword(password: string, confirmation = password) {
  await userEvent.type(await screen.findByLabelText(/^Password/), password)
  await userEvent.type(screen.getByLabelText(/^Confirm password/), confirmation)
  await userEvent.click(screen.getByRole('button', { name: 'Activate my account' }))
}

describe('invitation acceptance', () => {
  it('shows the password rules, accepts, and sends to the log-in page with a message', async () => {
    const calls = fakeBackend({
      ...anonymous,
      'GET /api/identity/invitations/abc': () => json(invitation),
      'POST /api/identity/invitations/abc/accept': () => new Response(null, { status: 204 }),
    })
    renderApp('/invitation/abc')

    expect(await screen.findByText(/you have been invited to join Client SA/)).toBeInTheDocument()
    expect(screen.getByLabelText(/^Password/)).toHaveAccessibleDescription(
      'At least 12 characters, with at least one letter and one digit, and not containing “bob.durand”.',
    )
    await choosePassword('a long passphrase 7')

    expect(await screen.findByRole('heading', { name: 'Sign in' })).toBeInTheDocument()
    expect(screen.getByRole('status')).toHaveTextContent('Your account is ready.')
    const accept = calls.find((call) => call.method === 'POST')
    expect(accept?.body).toEqual({ password: 'a long passphrase 7' })
    expect(accept?.headers.get('X-CSRF')).toBe('1')
  })

  it('shows the server password rules under the password field', async () => {
    fakeBackend({
      ...anonymous,
      'GET /api/identity/invitations/abc': () => json(invitation),
      'POST /api/identity/invitations/abc/accept': () =>
        json({ title: 'Invalid', status: 422, errors: { password: ['The password must contain a digit.'] } }, 422),
    })
    renderApp('/invitation/abc')
    await choosePassword('only letters here')

    expect(await screen.findByText('The password must contain a digit.')).toBeInTheDocument()
    expect(screen.getByLabelText(/^Password/)).toHaveAttribute('aria-invalid', 'true')
    expect(screen.queryByRole('alert')).not.toBeInTheDocument()
  })

  it('asks for the same password twice before calling the server', async () => {
    const calls = fakeBackend({ ...anonymous, 'GET /api/identity/invitations/abc': () => json(invitation) })
    renderApp('/invitation/abc')
    await choosePassword('a long passphrase 7', 'a long passphrase 8')

    expect(await screen.findByText('The two passwords are not the same.')).toBeInTheDocument()
    expect(calls.some((call) => call.method === 'POST')).toBe(false)
  })

  it('explains that an unknown, used or expired link cannot be used', async () => {
    fakeBackend({ ...anonymous, 'GET /api/identity/invitations/old': () => json({ status: 404 }, 404) })
    renderApp('/invitation/old')

    expect(await screen.findByRole('alert')).toHaveTextContent('This invitation cannot be used')
    expect(screen.queryByLabelText(/^Password/)).not.toBeInTheDocument()
  })
})
