import { describe, expect, it } from 'vitest'
import { navigationFor } from './navigation'
import type { OrganisationKind } from './roles'

const paths = (kind: OrganisationKind, roles: string[]) =>
  navigationFor({ organisation: { kind }, roles }).map((item) => item.path)

describe('navigation per role', () => {
  it('gives a client administrator users, service accounts and the audit log', () => {
    expect(paths('client', ['TenantAdmin'])).toEqual(['/', '/users', '/service-accounts', '/audit'])
  })

  it.each(['ContractManager', 'Requester', 'Auditor'])('gives a client %s only the home page', (role) => {
    expect(paths('client', [role])).toEqual(['/'])
  })

  it('gives a provider account manager the administration of its organisation', () => {
    expect(paths('provider', ['AccountManager', 'AgentL2'])).toEqual(['/', '/users', '/service-accounts', '/audit'])
  })

  it.each(['AgentL1', 'AgentL2'])('gives a provider %s only the home page', (role) => {
    expect(paths('provider', [role])).toEqual(['/'])
  })

  it('gives an operator organisations as well', () => {
    expect(paths('platform', ['Operator'])).toEqual(['/', '/users', '/service-accounts', '/organisations', '/audit'])
  })

  it('does not take a role for another kind of organisation into account', () => {
    expect(paths('provider', ['TenantAdmin', 'Operator'])).toEqual(['/'])
  })
})
