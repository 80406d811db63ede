import { useProviders } from './organisations'
import { useUser } from './session'

interface Parties {
  tenantId: string
  providerOrganisationId: string
}

/**
 * The name of the other party of a contract: a provider user reads its clients' names from its session's
 * tenants, a client's people read the providers' names from the identity service's register.
 */
export function useOtherParty(): { nameOf: (contract: Parties) => string | null } {
  const user = useUser()
  const client = user.organisation.kind === 'client'
  const providers = useProviders(client)
  return {
    nameOf: (contract) =>
      client
        ? (providers.data?.find((provider) => provider.id === contract.providerOrganisationId)?.name ?? null)
        : (user.tenants.find((tenant) => tenant.id === contract.tenantId)?.name ?? null),
  }
}
