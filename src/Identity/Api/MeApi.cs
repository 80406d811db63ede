using Infogerance.Data;
using Infogerance.Identity.Data;
using Infogerance.ServiceDefaults;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Infogerance.Identity.Api;

public sealed record OrganisationSummary(Guid Id, string Name, OrganisationKind Kind);
public sealed record TenantSummary(Guid Id, string Name);
public sealed record UserInfo(
    Guid Id, string? Email, string DisplayName, OrganisationSummary Organisation, IReadOnlyList<string> Roles, IReadOnlyList<TenantSummary> Tenants);

public static class MeApi
{
    public static void MapMeApi(this IEndpointRouteBuilder app) => app.MapGet("/me", GetAsync);

    /// <summary>
    /// Who is signed in, and the tenants whose data it may reach: a client's own, or for a provider every client
    /// with an open contract naming it (from this service's replica of the contracts' parties).
    /// </summary>
    public static async Task<Results<Ok<UserInfo>, NotFound>> GetAsync(CurrentUser user, Database database, CancellationToken cancellationToken)
    {
        await using var unitOfWork = await database.BeginAsync(user.OrganisationId, cancellationToken);
        var organisation = await Accounts.FindOrganisationAsync(unitOfWork, user.OrganisationId);
        if (organisation is null)
        {
            return TypedResults.NotFound();
        }

        var tenants = organisation.Kind switch
        {
            OrganisationKind.Client => [new TenantSummary(organisation.Id, organisation.Name)],
            OrganisationKind.Provider => [.. await unitOfWork.QueryAsync<TenantSummary>(
                """
                SELECT o.id, o.name FROM organisations o
                WHERE o.kind = 'client' AND EXISTS (
                    SELECT 1 FROM contract_parties p
                    WHERE p.tenant_id = o.id AND p.provider_organisation_id = @Id AND p.is_open)
                ORDER BY o.name
                """,
                new { organisation.Id })],
            _ => Array.Empty<TenantSummary>(),
        };
        var email = user.IsServiceAccount
            ? null
            : await unitOfWork.ExecuteScalarAsync<string>(
                "SELECT email FROM users WHERE tenant_id = @OrganisationId AND id = @Id", new { user.OrganisationId, user.Id });
        return TypedResults.Ok(new UserInfo(
            user.Id, email, user.Name, new OrganisationSummary(organisation.Id, organisation.Name, organisation.Kind), user.Roles, tenants));
    }
}
