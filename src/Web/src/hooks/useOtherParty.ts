import { useUser } from './session'
import { useProviders } from './organisations'

/**
 * The name of the other party of a contract: a provider user reads its clients' names from its session's
 * tenants, a client user reads the providers' names from the identity service. Null while unknown.
 */
export function useOtherParty(): (contract: { tenantId: string; providerOrganisationId: string }) => string | null {
  const user = useUser()
  const client = user.organisation.kind === 'client'
  const providers = useProviders(client)
  return (contract) => {
    if (client) return providers.data?.find((provider) => provider.id === contract.providerOrganisationId)?.name ?? null
    return user.tenants.find((tenant) => tenant.id === contract.tenantId)?.name ?? null
  }
}
