export type OrganisationKind = 'client' | 'provider' | 'platform'

export const rolesByKind: Record<OrganisationKind, readonly string[]> = {
  client: ['TenantAdmin', 'ContractManager', 'Requester', 'Auditor'],
  provider: ['AccountManager', 'AgentL1', 'AgentL2'],
  platform: ['Operator'],
}

/** The role that administers an organisation's users, service accounts and audit log. */
export const adminRoleByKind: Record<OrganisationKind, string> = {
  client: 'TenantAdmin',
  provider: 'AccountManager',
  platform: 'Operator',
}

interface RoleHolder {
  roles: readonly string[]
  organisation: { kind: OrganisationKind }
}

export function isOrganisationAdmin(user: RoleHolder): boolean {
  return user.roles.includes(adminRoleByKind[user.organisation.kind])
}

export function isOperator(user: RoleHolder): boolean {
  return user.organisation.kind === 'platform' && user.roles.includes('Operator')
}
