import { screen, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it } from 'vitest'
import type { NotificationPreferences } from '../hooks/notificationPreferences'
import i18n from '../i18n'
import { contractManager, operatorUser } from '../test/contracts'
import { fakeBackend, json, renderApp } from '../test/render'

const preferences = (overrides: Partial<NotificationPreferences> = {}): NotificationPreferences => ({
  delivery: { sla: 'immediate', tickets: 'app', evolutions: 'app', contracts: 'digest', invoices: 'immediate' },
  topics: [
    { topic: 'sla', kinds: ['slaWarning', 'slaBreached'], default: 'immediate' },
    { topic: 'tickets', kinds: ['ticketPendingClient', 'ticketResolved'], default: 'app' },
    { topic: 'evolutions', kinds: ['evolutionRequested', 'evolutionStateChanged'], default: 'app' },
    { topic: 'contracts', kinds: ['noticeDeadlineApproaching', 'amendmentProposed', 'renewalDecided'], default: 'digest' },
    { topic: 'invoices', kinds: ['invoiceControlled', 'invoiceDisputed', 'invoiceApproved', 'invoicePaid'], default: 'immediate' },
  ],
  digestHour: 7,
  timeZone: 'Europe/Paris',
  emailEnabled: true,
  ...overrides,
})

describe('notification preferences page', () => {
  it('shows each group with its delivery and saves the choices made', async () => {
    const calls = fakeBackend({
      'GET /bff/user': () => json(contractManager),
      'GET /api/notifications/preferences': () => json(preferences()),
      'PUT /api/notifications/preferences': (call) =>
        json(preferences({ delivery: { ...preferences().delivery, ...(call.body as { delivery: Record<string, string> }).delivery } as NotificationPreferences['delivery'] })),
    })
    renderApp('/settings/notifications')

    const sla = await screen.findByRole('radiogroup', { name: 'SLA warnings and breaches' })
    expect(within(sla).getByRole('radio', { name: 'By e-mail at once' })).toBeChecked()
    const contracts = screen.getByRole('radiogroup', { name: 'Contract calendar' })
    expect(within(contracts).getByRole('radio', { name: 'In the daily digest (07:00, Europe/Paris)' })).toBeChecked()

    await userEvent.click(within(sla).getByRole('radio', { name: 'In the daily digest (07:00, Europe/Paris)' }))
    await userEvent.click(within(screen.getByRole('radiogroup', { name: 'Tickets awaiting you' })).getByRole('radio', { name: 'By e-mail at once' }))
    await userEvent.click(screen.getByRole('button', { name: 'Save' }))

    expect(await screen.findByRole('status')).toHaveTextContent('Preferences saved.')
    const put = calls.find((call) => call.method === 'PUT')
    expect(put?.body).toEqual({
      delivery: { sla: 'digest', tickets: 'immediate', evolutions: 'app', contracts: 'digest', invoices: 'immediate' },
    })
    expect(put?.headers.get('X-CSRF')).toBe('1')
  })

  it('speaks French, and shows the server naming a wrong choice under its group', async () => {
    await i18n.changeLanguage('fr')
    fakeBackend({
      'GET /bff/user': () => json(contractManager),
      'GET /api/notifications/preferences': () => json(preferences()),
      'PUT /api/notifications/preferences': () =>
        json(
          {
            title: 'Requête invalide',
            status: 422,
            errors: { 'delivery.invoices': ['La réception est l’une de : app, immediate, digest.'] },
          },
          422,
        ),
    })
    renderApp('/settings/notifications')

    expect(await screen.findByRole('heading', { name: 'Préférences de notification' })).toBeInTheDocument()
    const invoices = await screen.findByRole('radiogroup', { name: 'Factures' })
    expect(within(invoices).getByRole('radio', { name: 'Par e-mail immédiatement' })).toBeChecked()
    await userEvent.click(screen.getByRole('button', { name: 'Enregistrer' }))

    expect(await screen.findByText('La réception est l’une de : app, immediate, digest.')).toBeInTheDocument()
    expect(screen.queryByRole('status')).not.toBeInTheDocument()
  })

  it('says when the platform sends no e-mail, and then offers the app only', async () => {
    fakeBackend({
      'GET /bff/user': () => json(contractManager),
      'GET /api/notifications/preferences': () => json(preferences({ emailEnabled: false })),
    })
    renderApp('/settings/notifications')

    expect(await screen.findByText('This platform sends no e-mail: your notifications stay in the app.')).toBeInTheDocument()
    const sla = screen.getByRole('radiogroup', { name: 'SLA warnings and breaches' })
    expect(within(sla).getByRole('radio', { name: 'By e-mail at once' })).toBeDisabled()
    expect(within(sla).getByRole('radio', { name: 'In the app only' })).toBeEnabled()
  })

  it('is reached from the user menu of people who work on contracts only', async () => {
    fakeBackend({
      'GET /bff/user': () => json(contractManager),
      'GET /api/notifications/preferences': () => json(preferences()),
    })
    renderApp('/')
    await userEvent.click(await screen.findByRole('button', { name: 'Claire Manager' }))
    await userEvent.click(await screen.findByRole('menuitem', { name: 'Notification preferences' }))
    expect(await screen.findByRole('heading', { name: 'Notification preferences' })).toBeInTheDocument()
  })

  it('is not offered to an operator, who has no notifications', async () => {
    fakeBackend({ 'GET /bff/user': () => json(operatorUser) })
    renderApp('/')
    await userEvent.click(await screen.findByRole('button', { name: operatorUser.displayName }))
    expect(await screen.findByRole('menuitem', { name: 'Sign out' })).toBeInTheDocument()
    expect(screen.queryByRole('menuitem', { name: 'Notification preferences' })).not.toBeInTheDocument()
  })
})
