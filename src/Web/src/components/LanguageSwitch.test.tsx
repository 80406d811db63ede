import { screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it } from 'vitest'
import { clientAdmin, fakeBackend, json, renderApp, type FakeCall } from '../test/render'

const languageCalls = (calls: FakeCall[]) => calls.filter((call) => call.url === '/api/identity/me/language')

async function signIn() {
  await userEvent.type(screen.getByLabelText(/^E-mail/), 'alice@client.example')
  await userEvent.type(screen.getByLabelText(/^Password/), 'correct horse 1')
  await userEvent.click(screen.getByRole('button', { name: 'Sign in' }))
}

describe('language of the account', () => {
  it('is saved when a signed-in person switches, with the anti-forgery header', async () => {
    const calls = fakeBackend({
      'GET /bff/user': () => json({ ...clientAdmin, language: 'en' }),
      'PUT /api/identity/me/language': () => new Response(null, { status: 204 }),
    })
    renderApp('/')
    expect(await screen.findByRole('heading', { name: 'Welcome, Alice Martin' })).toBeInTheDocument()

    const switcher = within(screen.getAllByRole('group', { name: 'Language' })[0]!)
    await userEvent.click(switcher.getByRole('button', { name: 'FR' }))
    expect(await screen.findByRole('heading', { name: 'Bienvenue, Alice Martin' })).toBeInTheDocument()
    await userEvent.click(within(screen.getAllByRole('group', { name: 'Langue' })[0]!).getByRole('button', { name: 'EN' }))

    await waitFor(() => expect(languageCalls(calls)).toHaveLength(2))
    const [french, english] = languageCalls(calls)
    expect(french).toMatchObject({ method: 'PUT', body: { language: 'fr' } })
    expect(french!.headers.get('X-CSRF')).toBe('1')
    expect(english).toMatchObject({ method: 'PUT', body: { language: 'en' } })
    expect(localStorage.getItem('infogerance.language')).toBe('en')
  })

  it('is not saved from the log-in page, where nobody is signed in yet', async () => {
    const calls = fakeBackend({ 'GET /bff/user': () => json({ status: 401 }, 401) })
    renderApp('/login')
    await screen.findByRole('heading', { name: 'Sign in' })

    await userEvent.click(screen.getByRole('button', { name: 'FR' }))

    expect(await screen.findByRole('heading', { name: 'Connexion' })).toBeInTheDocument()
    expect(languageCalls(calls)).toHaveLength(0)
  })

  it('is the interface language on sign-in when this browser has no choice of its own', async () => {
    localStorage.clear()
    fakeBackend({
      'GET /bff/user': () => json({ status: 401 }, 401),
      'POST /bff/login': () => json({ ...clientAdmin, language: 'fr' }),
    })
    renderApp('/login')
    await screen.findByRole('heading', { name: 'Sign in' })
    await signIn()

    expect(await screen.findByRole('heading', { name: 'Bienvenue, Alice Martin' })).toBeInTheDocument()
    expect(document.documentElement.lang).toBe('fr')
  })

  it('gives way to the choice this browser already made', async () => {
    localStorage.setItem('infogerance.language', 'en')
    fakeBackend({
      'GET /bff/user': () => json({ status: 401 }, 401),
      'POST /bff/login': () => json({ ...clientAdmin, language: 'fr' }),
    })
    renderApp('/login')
    await screen.findByRole('heading', { name: 'Sign in' })
    await signIn()

    expect(await screen.findByRole('heading', { name: 'Welcome, Alice Martin' })).toBeInTheDocument()
  })

  it('is the interface language when a session is found and this browser has no choice', async () => {
    localStorage.clear()
    fakeBackend({ 'GET /bff/user': () => json({ ...clientAdmin, language: 'fr' }) })
    renderApp('/')

    expect(await screen.findByRole('heading', { name: 'Bienvenue, Alice Martin' })).toBeInTheDocument()
  })
})
