using Infogerance.Identity.Data;
using Infogerance.ServiceDefaults;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Infogerance.Identity.Api;

/// <summary>A provider as a client's people see it in the register: its name only.</summary>
public sealed record ProviderDto(Guid Id, string Name);

/// <summary>The register of providers, for the client users who name them in contracts.</summary>
public static class ProvidersApi
{
    public static void MapProvidersApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/organisations/providers").RequireAuthorization(Policies.ClientUsers);
        api.MapGet("/", ListAsync);
    }

    /// <summary>The providers a client may name in a contract, and whose names its people read: names only, as the register shows them.</summary>
    public static async Task<Ok<ProviderDto[]>> ListAsync([AsParameters] AdministrationServices services, CancellationToken cancellationToken)
    {
        await using var unitOfWork = await services.Database.ReadAsync(services.User.OrganisationId, cancellationToken);
        return TypedResults.Ok(await Organisations.ListProvidersAsync(unitOfWork));
    }
}
