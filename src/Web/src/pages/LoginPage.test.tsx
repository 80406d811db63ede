import { screen } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it } from 'vitest'
import { drafts } from '../drafts'
import { clientAdmin, fakeBackend, json, renderApp } from '../test/render'

const notSignedIn = { 'GET /bff/user': () => json({ status: 401 }, 401) }

async function signIn(email = 'alice@client.example', password = 'correct horse 1') {
  await userEvent.type(screen.getByLabelText(/^E-mail/), email)
  await userEvent.type(screen.getByLabelText(/^Password/), password)
  await userEvent.click(screen.getByRole('button', { name: 'Sign in' }))
}

describe('log-in page', () => {
  it('says the session expired, without promising a draft when nothing was being typed', async () => {
    fakeBackend(notSignedIn)
    drafts.keepAll('u-1')
    renderApp('/login?returnTo=%2Fusers')
    expect(await screen.findByRole('heading', { name: 'Sign in' })).toBeInTheDocument()
    expect(screen.getByRole('status')).toHaveTextContent(/^Your session expired — sign in again\.$/)
  })

  it('sends an anonymous visitor to log in, then back to the page asked for', async () => {
    let signedIn = false
    const calls = fakeBackend({
      'GET /bff/user': () => (signedIn ? json(clientAdmin) : json({ status: 401 }, 401)),
      'POST /bff/login': () => {
        signedIn = true
        return json(clientAdmin)
      },
      'GET /api/identity/users': () => json([]),
    })
    renderApp('/users')

    expect(await screen.findByRole('heading', { name: 'Sign in' })).toBeInTheDocument()
    await signIn()

    expect(await screen.findByRole('heading', { name: 'Users' })).toBeInTheDocument()
    const login = calls.find((call) => call.url === '/bff/login')
    expect(login?.body).toEqual({ email: 'alice@client.example', password: 'correct horse 1' })
    expect(login?.headers.get('X-CSRF')).toBe('1')
  })

  it('says only that the e-mail or password is incorrect on 401', async () => {
    fakeBackend({
      ...notSignedIn,
      'POST /bff/login': () => json({ title: 'Unauthorized', status: 401, detail: 'No such user' }, 401),
    })
    renderApp('/login')
    await screen.findByRole('heading', { name: 'Sign in' })
    await signIn()

    expect(await screen.findByRole('alert')).toHaveTextContent('E-mail or password incorrect.')
    expect(screen.queryByText('No such user')).not.toBeInTheDocument()
  })

  it('tells how long to wait after too many attempts', async () => {
    fakeBackend({
      ...notSignedIn,
      'POST /bff/login': () => new Response(null, { status: 429, headers: { 'Retry-After': '42' } }),
    })
    renderApp('/login')
    await screen.findByRole('heading', { name: 'Sign in' })
    await signIn()

    expect(await screen.findByRole('alert')).toHaveTextContent('Too many attempts. Please try again in 42 s.')
  })

  it('shows validation errors under their fields', async () => {
    fakeBackend({
      ...notSignedIn,
      'POST /bff/login': () => json({ title: 'Invalid', status: 400, errors: { email: ['Not an e-mail address.'] } }, 400),
    })
    renderApp('/login')
    await screen.findByRole('heading', { name: 'Sign in' })
    await signIn('not-an-email')

    expect(await screen.findByText('Not an e-mail address.')).toBeInTheDocument()
    expect(screen.getByLabelText(/^E-mail/)).toHaveAttribute('aria-invalid', 'true')
  })

  it('can be used in French before logging in', async () => {
    fakeBackend(notSignedIn)
    renderApp('/login')
    await screen.findByRole('heading', { name: 'Sign in' })

    await userEvent.click(screen.getByRole('button', { name: 'FR' }))

    expect(await screen.findByRole('heading', { name: 'Connexion' })).toBeInTheDocument()
    expect(screen.getByLabelText(/^Adresse e-mail/)).toBeInTheDocument()
    expect(screen.getByLabelText(/^Mot de passe/)).toBeInTheDocument()
    expect(screen.getByRole('button', { name: 'Se connecter' })).toBeInTheDocument()
    expect(document.documentElement.lang).toBe('fr')
    expect(localStorage.getItem('infogerance.language')).toBe('fr')
  })
})
