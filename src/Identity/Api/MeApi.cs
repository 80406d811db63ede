using Infogerance.Data;
using Infogerance.Identity.Data;
using Infogerance.Identity.Domain;
using Infogerance.ServiceDefaults;
using Infogerance.Validation;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Infogerance.Identity.Api;

/// <summary>An organisation as its members and the register show it.</summary>
public sealed record OrganisationSummary(Guid Id, string Name, OrganisationKind Kind);

/// <summary>A tenant whose data the caller may reach.</summary>
public sealed record TenantSummary(Guid Id, string Name);

/// <summary>
/// The signed-in caller: who, of which organisation, with which roles, reaching which tenants; a person's e-mail
/// address and language (<c>fr</c> or <c>en</c>), which a service account has not.
/// </summary>
public sealed record UserInfo(
    Guid Id, string? Email, string DisplayName, string? Language, OrganisationSummary Organisation, IReadOnlyList<string> Roles,
    IReadOnlyList<TenantSummary> Tenants);

/// <summary>The language a person chooses to read the product in: <c>fr</c> or <c>en</c>.</summary>
public sealed record LanguageRequest(string? Language);

/// <summary>Any signed-in caller reads who it is; a person chooses their language.</summary>
public static class MeApi
{
    public static void MapMeApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/me").RequireAuthorization();
        api.MapGet("/", GetAsync);
        api.MapPut("/language", ChangeLanguageAsync).ProducesProblem(409);
    }

    /// <summary>
    /// Who is signed in, and the tenants whose data it may reach: a client's own, or for a provider every client
    /// with an open contract naming it (from this service's replica of the contracts' parties).
    /// </summary>
    public static async Task<Results<Ok<UserInfo>, NotFound>> GetAsync([AsParameters] AdministrationServices services, CancellationToken cancellationToken)
    {
        var user = services.User;
        await using var unitOfWork = await services.Database.ReadAsync(user.OrganisationId, cancellationToken);
        var (found, person) = await Accounts.FindOrganisationAndUserAsync(unitOfWork, user.OrganisationId, user.Id);
        if (found is not { } organisation)
        {
            return TypedResults.NotFound();
        }

        var tenants = organisation.Kind switch
        {
            OrganisationKind.Client => [new TenantSummary(organisation.Id, organisation.Name)],
            OrganisationKind.Provider => await Organisations.ClientsOfProviderAsync(unitOfWork, organisation.Id),
            _ => Array.Empty<TenantSummary>(),
        };
        var account = user.IsServiceAccount ? null : person;
        return TypedResults.Ok(new UserInfo(
            user.Id, account?.Email, user.Name, account?.Language, new OrganisationSummary(organisation.Id, organisation.Name, organisation.Kind),
            user.Roles, tenants));
    }

    /// <summary>
    /// Sets the language the signed-in person reads the product in, and in which notifications and e-mails are
    /// written to them. A service account has none (409).
    /// </summary>
    public static async Task<Results<NoContent, NotFound, ProblemHttpResult>> ChangeLanguageAsync(
        LanguageRequest request, [AsParameters] AdministrationServices services, CancellationToken cancellationToken)
    {
        var user = services.User;
        if (user.IsServiceAccount)
        {
            return Problems.Conflict(IdentityMessages.ServiceAccountLanguage);
        }

        if (AccountRules.CheckLanguage(new FieldErrors(), "language", request.Language) is { IsEmpty: false } errors)
        {
            return Problems.Invalid(errors);
        }

        await using var unitOfWork = await services.Database.BeginAsync(user.OrganisationId, cancellationToken);
        if (await Accounts.FindUserAsync(unitOfWork, user.OrganisationId, user.Id, forUpdate: true) is not { } before)
        {
            return TypedResults.NotFound();
        }

        // Choosing the language one already has changes nothing: no new version for the other services.
        if (before.Language != request.Language)
        {
            var after = await Accounts.SetLanguageAsync(unitOfWork, before, request.Language!);
            await AuditLog.WriteAsync(
                unitOfWork, user.OrganisationId, AuditLog.Actor.Of(user), "user.language-changed", "user", user.Id, before.AuditView, after.AuditView);
            await unitOfWork.CommitAsync();
        }

        return TypedResults.NoContent();
    }
}
