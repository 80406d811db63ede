import { describe, expect, it } from 'vitest'
import { navigationFor } from './navigation'
import type { OrganisationKind } from './roles'

const paths = (kind: OrganisationKind, roles: string[]) =>
  navigationFor({ organisation: { kind }, roles }).map((item) => item.path)

describe('navigation per role', () => {
  it('gives a client administrator contracts, budgets, users, service accounts and the audit log', () => {
    expect(paths('client', ['TenantAdmin'])).toEqual(['/', '/contracts', '/portfolio', '/budgets', '/tickets', '/users', '/service-accounts', '/audit'])
  })

  it.each(['ContractManager', 'Auditor'])('gives a client %s the home page, contracts, portfolio, budgets and tickets', (role) => {
    expect(paths('client', [role])).toEqual(['/', '/contracts', '/portfolio', '/budgets', '/tickets'])
  })

  it('gives a client requester the home page, contracts and tickets, not the portfolio nor the budgets', () => {
    expect(paths('client', ['Requester'])).toEqual(['/', '/contracts', '/tickets'])
  })

  it('gives a provider account manager contracts and the administration of its organisation', () => {
    expect(paths('provider', ['AccountManager', 'AgentL2'])).toEqual(['/', '/contracts', '/portfolio', '/tickets', '/users', '/service-accounts', '/audit'])
  })

  it.each(['AgentL1', 'AgentL2'])('gives a provider %s the home page, contracts, portfolio and tickets', (role) => {
    expect(paths('provider', [role])).toEqual(['/', '/contracts', '/portfolio', '/tickets'])
  })

  it('gives nothing but the home page to a user without a role', () => {
    expect(paths('client', [])).toEqual(['/'])
  })

  it('gives an operator organisations but no contracts', () => {
    expect(paths('platform', ['Operator'])).toEqual(['/', '/users', '/service-accounts', '/organisations', '/audit'])
  })

  it('does not take a role for another kind of organisation into account', () => {
    expect(paths('provider', ['TenantAdmin', 'Operator'])).toEqual(['/'])
  })
})
