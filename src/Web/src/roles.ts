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

/** Which side of a contract a user stands on: the client's (the tenant) or the provider's. */
export type Side = 'client' | 'provider'

export function sideOf(user: RoleHolder): Side | null {
  return user.organisation.kind === 'platform' ? null : user.organisation.kind
}

const hasRoleOfKind = (user: RoleHolder, kind: OrganisationKind, roles: readonly string[]) =>
  user.organisation.kind === kind && user.roles.some((role) => roles.includes(role))

/** Client managers write the contract: requirements, inventory, terms, signature, validations. */
export function isClientManager(user: RoleHolder): boolean {
  return hasRoleOfKind(user, 'client', ['TenantAdmin', 'ContractManager'])
}

/** Provider managers answer for the provider: proposals, quotes, countersignatures, their side of checklists. */
export function isProviderManager(user: RoleHolder): boolean {
  return hasRoleOfKind(user, 'provider', ['AccountManager'])
}

export function isContractManager(user: RoleHolder): boolean {
  return isClientManager(user) || isProviderManager(user)
}

/** Every role of a client or a provider reads the contracts it is party to; operators see no business data. */
export function canReadContracts(user: RoleHolder): boolean {
  return hasRoleOfKind(user, 'client', rolesByKind.client) || hasRoleOfKind(user, 'provider', rolesByKind.provider)
}

/** A contract's audit trail and its whole dossier: client managers, auditors and provider managers. */
export function canAuditContracts(user: RoleHolder): boolean {
  return isContractManager(user) || hasRoleOfKind(user, 'client', ['Auditor'])
}

/** Tickets are read by every role of a client (requesters see their own) and by the provider's desk. */
export function canUseTickets(user: RoleHolder): boolean {
  return canReadContracts(user)
}

/** Auditors read tickets; every other client role and the whole desk open them. */
export function canOpenTickets(user: RoleHolder): boolean {
  return hasRoleOfKind(user, 'client', ['TenantAdmin', 'ContractManager', 'Requester']) || hasRoleOfKind(user, 'provider', rolesByKind.provider)
}

/** The provider's support desk works the queue across all the clients it serves. */
export function isDesk(user: RoleHolder): boolean {
  return hasRoleOfKind(user, 'provider', rolesByKind.provider)
}

/** Both sides steer a contract (its dashboard and reviews): the client's managers and auditors, the whole provider side. */
export function canSteerContracts(user: RoleHolder): boolean {
  return hasRoleOfKind(user, 'client', ['TenantAdmin', 'ContractManager', 'Auditor']) || hasRoleOfKind(user, 'provider', rolesByKind.provider)
}
