using Infogerance.Data;
using Infogerance.ServiceDefaults;

namespace Infogerance.Reporting.Data;

/// <summary>A contract the caller's portfolio lists, as the replica and the read models know it.</summary>
public sealed record PortfolioEntry(Guid TenantId, Guid ContractId, string Reference, Guid ProviderOrganisationId, string? Phase, bool IsOpen);

/// <summary>Reads the contracts of a portfolio: the client's tenant's, or those naming the provider across its clients.</summary>
public static class PortfolioStore
{
    /// <summary>
    /// The contracts the caller steers: for a client's user every contract of its tenant known here, for a provider's user
    /// every contract naming its organisation (row-level security admits only the open ones). Asked of the query too, not
    /// left to row-level security alone.
    /// </summary>
    public static async Task<IReadOnlyList<PortfolioEntry>> ContractsAsync(UnitOfWork unitOfWork, CurrentUser user)
    {
        ArgumentNullException.ThrowIfNull(unitOfWork);
        ArgumentNullException.ThrowIfNull(user);
        var provider = user.OrganisationKind == OrganisationKind.Provider;
        return [.. await unitOfWork.QueryAsync<PortfolioEntry>(
            """
            SELECT c.tenant_id, c.contract_id, c.reference, c.provider_organisation_id, p.phase, coalesce(cp.is_open, true) AS is_open
            FROM contracts c
            LEFT JOIN contract_phases p ON p.tenant_id = c.tenant_id AND p.contract_id = c.contract_id
            LEFT JOIN contract_parties cp ON cp.contract_id = c.contract_id
            WHERE CASE WHEN @provider THEN c.provider_organisation_id = @organisation ELSE c.tenant_id = ANY (@tenants) END
            """,
            new { provider, organisation = user.OrganisationId, tenants = unitOfWork.TenantIds.ToArray() })];
    }
}
