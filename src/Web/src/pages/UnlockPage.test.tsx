import { screen } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it } from 'vitest'
import i18n from '../i18n'
import { fakeBackend, json, renderApp } from '../test/render'

const anonymous = { 'GET /bff/user': () => json({ status: 401 }, 401) }

describe('unlock link', () => {
  it('uses the link only on a click, then says on the sign-in page that this device can sign in', async () => {
    const calls = fakeBackend({ ...anonymous, 'POST /bff/unlock': () => new Response(null, { status: 204 }) })
    renderApp('/unlock/unl_abc')

    await screen.findByRole('heading', { name: 'Sign in from this device' })
    expect(calls.some((call) => call.method === 'POST')).toBe(false)
    await userEvent.click(screen.getByRole('button', { name: 'Let this device sign in' }))

    expect(await screen.findByRole('heading', { name: 'Sign in' })).toBeInTheDocument()
    expect(screen.getByRole('status')).toHaveTextContent('This device can sign in now')
    const unlock = calls.find((call) => call.method === 'POST')
    expect(unlock?.body).toEqual({ link: 'unl_abc' })
    expect(unlock?.headers.get('X-CSRF')).toBe('1')
  })

  it('says when the link is unknown, used or past its pause, and offers no second try', async () => {
    fakeBackend({
      ...anonymous,
      'POST /bff/unlock': () => json({ title: 'Link not usable', status: 404, detail: 'This link is unknown.' }, 404),
    })
    renderApp('/unlock/unl_used')

    await userEvent.click(await screen.findByRole('button', { name: 'Let this device sign in' }))

    expect(await screen.findByRole('alert')).toHaveTextContent('This link cannot be used')
    expect(screen.queryByRole('button', { name: 'Let this device sign in' })).not.toBeInTheDocument()
    expect(screen.getByRole('link', { name: 'Go to the sign-in page' })).toHaveAttribute('href', '/login')
  })

  it('is in French for a French reader', async () => {
    await i18n.changeLanguage('fr')
    fakeBackend(anonymous)
    renderApp('/unlock/unl_abc')

    expect(await screen.findByRole('heading', { name: 'Se connecter depuis cet appareil' })).toBeInTheDocument()
    expect(screen.getByRole('button', { name: 'Autoriser cet appareil' })).toBeInTheDocument()
  })
})
