import { isClientManager } from '../roles'
import { useProviders } from './organisations'
import { useUser } from './session'

interface Parties {
  tenantId: string
  providerOrganisationId: string
}

/**
 * The name of the other party of a contract: a provider user reads its clients' names from its session's
 * tenants, a client manager reads the providers' names from the identity service, which answers only client
 * managers. `available` is false for the client's other roles: the screens then leave the name out.
 */
export function useOtherParty(): { available: boolean; nameOf: (contract: Parties) => string | null } {
  const user = useUser()
  const client = user.organisation.kind === 'client'
  const manager = isClientManager(user)
  const providers = useProviders(manager)
  return {
    available: !client || manager,
    nameOf: (contract) =>
      client
        ? (providers.data?.find((provider) => provider.id === contract.providerOrganisationId)?.name ?? null)
        : (user.tenants.find((tenant) => tenant.id === contract.tenantId)?.name ?? null),
  }
}
