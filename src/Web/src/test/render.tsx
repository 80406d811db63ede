import { MantineProvider } from '@mantine/core'
import { QueryClientProvider } from '@tanstack/react-query'
import { createEvent, render, screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { createMemoryRouter, RouterProvider } from 'react-router'
import { expect, onTestFinished, vi } from 'vitest'
import { AppRoutes } from '../App'
import type { UserInfo } from '../hooks/session'
import i18n from '../i18n'
import { createQueryClient } from '../queryClient'
import { theme } from '../theme'

export const clientAdmin: UserInfo = {
  id: 'u-1',
  email: 'alice@client.example',
  displayName: 'Alice Martin',
  organisation: { id: 'o-1', name: 'Client SA', kind: 'client' },
  roles: ['TenantAdmin'],
  tenants: [{ id: 't-1', name: 'Client SA' }],
}

export interface FakeCall {
  method: string
  url: string
  headers: Headers
  body: unknown
}

type Handler = (call: FakeCall) => Response | Promise<Response>

export function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': status >= 400 ? 'application/problem+json' : 'application/json', ...headers },
  })
}

/**
 * Replaces fetch with routes keyed "METHOD /path" (query string ignored); unknown routes answer 404.
 * Returns the calls made, for assertions on headers and bodies.
 */
export function fakeBackend(routes: Record<string, Handler>): FakeCall[] {
  const calls: FakeCall[] = []
  vi.spyOn(globalThis, 'fetch').mockImplementation(async (input, init) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url
    const method = init?.method ?? 'GET'
    const call: FakeCall = {
      method,
      url,
      headers: new Headers(init?.headers),
      // JSON bodies are parsed; a multipart body (an upload) is kept as the FormData it is.
      body: typeof init?.body === 'string' ? JSON.parse(init.body) : (init?.body ?? undefined),
    }
    calls.push(call)
    const handler = routes[`${method} ${url.split('?')[0]}`]
    return handler ? handler(call) : json({ title: 'Not Found', status: 404 }, 404)
  })
  return calls
}

/** A phone's screen for the rest of the test: narrower than the `sm` breakpoint, where lists become cards. */
export function onAPhone() {
  const wide = window.matchMedia
  window.matchMedia = (query: string) => ({ ...wide(query), matches: query.startsWith('(width <') })
  onTestFinished(() => {
    window.matchMedia = wide
  })
}

/** Renders the whole application at a route, as the browser would after loading that address. */
export function renderApp(route: string) {
  const queryClient = createQueryClient()
  queryClient.setDefaultOptions({ queries: { retry: false } })
  const router = createMemoryRouter([{ path: '*', element: <AppRoutes /> }], { initialEntries: [route] })
  // env="test": no transitions, and menus stay shown although jsdom lays nothing out (Mantine would hide a
  // dropdown whose target has no size).
  const rendered = render(
    <MantineProvider theme={theme} env="test">
      <QueryClientProvider client={queryClient}>
        <RouterProvider router={router} />
      </QueryClientProvider>
    </MantineProvider>,
  )
  // The address, as the browser's bar would show it.
  return { ...rendered, address: () => router.state.location.pathname + router.state.location.search }
}

/**
 * A user as fast as a browser test: each step is dispatched as a browser would, outside act(), so that React renders
 * what it did when it gets to it (a navigation: in a transition, tens of milliseconds later) and the next step may
 * come first. userEvent and fireEvent render every step in act() before the next, and never see that.
 */
export const fastUser = {
  select: (field: HTMLElement, value: string) => field.dispatchEvent(createEvent.change(field, { target: { value } })),
  /** The whole text at once, as a browser test fills a field. */
  fill: (field: HTMLElement, text: string) => field.dispatchEvent(createEvent.input(field, { target: { value: text } })),
  enter: (field: HTMLElement) => field.dispatchEvent(createEvent.keyDown(field, { key: 'Enter' })),
  click: (element: HTMLElement) => element.dispatchEvent(createEvent.click(element)),
}

/**
 * Leaves the page by its main navigation while a form holds changes: the guard asks, and staying keeps the page
 * and what was typed.
 */
export async function expectLeavingAsked() {
  const navigation = screen.getByRole('navigation', { name: i18n.t('layout.navigation') })
  await userEvent.click(within(navigation).getByRole('link', { name: i18n.t('nav.home') }))
  expect(await screen.findByRole('dialog', { name: i18n.t('unsaved.title') })).toBeInTheDocument()
  await userEvent.click(screen.getByRole('button', { name: i18n.t('unsaved.stay') }))
  await waitFor(() => expect(screen.queryByRole('dialog', { name: i18n.t('unsaved.title') })).not.toBeInTheDocument())
}
