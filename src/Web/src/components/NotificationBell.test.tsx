import { screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it } from 'vitest'
import type { ContractNotification } from '../hooks/notifications'
import { accountManager, detail, operatorUser, providerOrganisation, version } from '../test/contracts'
import { clientAdmin, fakeBackend, json, renderApp } from '../test/render'

const notice = (id: string, read: boolean, days: number): ContractNotification => ({
  id,
  contractId: 'c-1',
  kind: 'noticeDeadlineApproaching',
  data: { daysBefore: days, noticeDeadline: '2027-06-30', periodEnd: '2027-12-31', reference: 'INF-2026-01' },
  createdAt: '2027-04-01T06:00:00Z',
  read,
})

describe('notification bell', () => {
  it('counts the unread notifications, lists them, and opens the contract of the one clicked', async () => {
    const calls = fakeBackend({
      'GET /bff/user': () => json(clientAdmin),
      'GET /api/contracts/notifications': () => json([notice('n-1', false, 90), notice('n-2', false, 30), notice('n-3', true, 120)]),
      'POST /api/contracts/notifications/n-2/read': () => new Response(null, { status: 204 }),
      'GET /api/identity/organisations/providers': () => json([providerOrganisation]),
      'GET /api/contracts/c-1': () => json(detail()),
      'GET /api/contracts/c-1/versions/1': () => json(version()),
    })
    renderApp('/')

    const bell = await screen.findByRole('button', { name: 'Notifications, 2 unread' })
    expect(within(bell).getByText('2')).toBeInTheDocument()
    await userEvent.click(bell)
    const menu = await screen.findByRole('menu')
    expect((await within(menu).findAllByRole('menuitem')).map((item) => item.querySelector('p')?.textContent)).toEqual([
      'Unread: Notice deadline in 90 days — INF-2026-01',
      'Unread: Notice deadline in 30 days — INF-2026-01',
      'Notice deadline in 120 days — INF-2026-01',
    ])
    expect(within(menu).getAllByText('Last day to give notice: Jun 30, 2027')).toHaveLength(3)

    await userEvent.click(within(menu).getByRole('menuitem', { name: /in 30 days/ }))
    expect(await screen.findByRole('heading', { name: 'INF-2026-01', level: 1 })).toBeInTheDocument()
    await waitFor(() => expect(calls.filter((call) => call.method === 'POST').map((call) => call.url)).toEqual(['/api/contracts/notifications/n-2/read']))
    expect(calls.find((call) => call.method === 'POST')?.headers.get('X-CSRF')).toBe('1')
  })

  it('opens the proposed amendment, and the evolutions, from their notifications', async () => {
    fakeBackend({
      'GET /bff/user': () => json(accountManager),
      'GET /api/contracts/notifications': () =>
        json([
          { id: 'n-a', contractId: 'c-1', kind: 'amendmentProposed', data: { reference: 'INF-2026-01', version: 2, proposedBy: 'Claire Manager' }, createdAt: '2027-04-01T06:00:00Z', read: true },
          { id: 'n-e', contractId: 'c-1', kind: 'evolutionStateChanged', data: { reference: 'INF-2026-01', title: 'Mail migration', state: 'validated' }, createdAt: '2027-04-01T05:00:00Z', read: true },
        ]),
      'GET /api/contracts/c-1': () =>
        json(detail({ versions: [{ number: 1, status: 'active', origin: 'signature' }, { number: 2, status: 'proposed', origin: 'amendment', proposedSide: 'client' }] })),
      'GET /api/contracts/c-1/versions/2': () => json(version({ number: 2, status: 'proposed', origin: 'amendment' })),
    })
    renderApp('/')

    await userEvent.click(await screen.findByRole('button', { name: 'Notifications' }))
    expect(await screen.findByText('Evolution “Mail migration”: Validated — INF-2026-01')).toBeInTheDocument()
    await userEvent.click(await screen.findByRole('menuitem', { name: /Amendment \(version 2\) proposed by Claire Manager/ }))
    expect(await screen.findByRole('heading', { name: 'Terms of version 2' })).toBeInTheDocument()
  })

  it('says in French how many days are left', async () => {
    const i18n = (await import('../i18n')).default
    await i18n.changeLanguage('fr')
    fakeBackend({ 'GET /bff/user': () => json(clientAdmin), 'GET /api/contracts/notifications': () => json([notice('n-1', false, 60)]) })
    renderApp('/')

    await userEvent.click(await screen.findByRole('button', { name: 'Notifications, 1 non lue' }))
    expect(await screen.findByText('Échéance de préavis dans 60 jours — INF-2026-01')).toBeInTheDocument()
  })

  it('is not shown to an operator, who sees no contract', async () => {
    const calls = fakeBackend({ 'GET /bff/user': () => json(operatorUser) })
    renderApp('/')

    await screen.findByRole('heading', { name: 'Welcome, Olga Operator' })
    expect(screen.queryByRole('button', { name: /^Notifications/ })).not.toBeInTheDocument()
    expect(calls.some((call) => call.url.startsWith('/api/contracts'))).toBe(false)
  })
})
