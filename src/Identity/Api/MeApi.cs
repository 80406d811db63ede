using Infogerance.Identity.Data;
using Infogerance.ServiceDefaults;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Infogerance.Identity.Api;

/// <summary>An organisation as its members and the register show it.</summary>
public sealed record OrganisationSummary(Guid Id, string Name, OrganisationKind Kind);

/// <summary>A tenant whose data the caller may reach.</summary>
public sealed record TenantSummary(Guid Id, string Name);

/// <summary>The signed-in caller: who, of which organisation, with which roles, reaching which tenants.</summary>
public sealed record UserInfo(
    Guid Id, string? Email, string DisplayName, OrganisationSummary Organisation, IReadOnlyList<string> Roles, IReadOnlyList<TenantSummary> Tenants);

/// <summary>Any signed-in caller reads who it is.</summary>
public static class MeApi
{
    public static void MapMeApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/me").RequireAuthorization();
        api.MapGet("/", GetAsync);
    }

    /// <summary>
    /// Who is signed in, and the tenants whose data it may reach: a client's own, or for a provider every client
    /// with an open contract naming it (from this service's replica of the contracts' parties).
    /// </summary>
    public static async Task<Results<Ok<UserInfo>, NotFound>> GetAsync([AsParameters] AdministrationServices services, CancellationToken cancellationToken)
    {
        var user = services.User;
        await using var unitOfWork = await services.Database.BeginAsync(user.OrganisationId, cancellationToken);
        if (await Accounts.FindOrganisationAsync(unitOfWork, user.OrganisationId) is not { } organisation)
        {
            return TypedResults.NotFound();
        }

        var tenants = organisation.Kind switch
        {
            OrganisationKind.Client => [new TenantSummary(organisation.Id, organisation.Name)],
            OrganisationKind.Provider => await Organisations.ClientsOfProviderAsync(unitOfWork, organisation.Id),
            _ => Array.Empty<TenantSummary>(),
        };
        var email = user.IsServiceAccount ? null : await Accounts.EmailOfAsync(unitOfWork, user.OrganisationId, user.Id);
        return TypedResults.Ok(new UserInfo(
            user.Id, email, user.Name, new OrganisationSummary(organisation.Id, organisation.Name, organisation.Kind), user.Roles, tenants));
    }
}
