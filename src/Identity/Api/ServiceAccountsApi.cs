using Infogerance.Data;
using Infogerance.Identity.Data;
using Infogerance.Identity.Domain;
using Infogerance.ServiceDefaults;
using Infogerance.Validation;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Infogerance.Identity.Api;

/// <summary>A service account: its roles and the start of its key, never the key itself.</summary>
public sealed record ServiceAccountDto(Guid Id, string Name, string[] Roles, string KeyPrefix, DateTimeOffset CreatedAt, DateTimeOffset? RevokedAt, DateTimeOffset? LastUsedAt);

/// <summary>A new service account's name and roles.</summary>
public sealed record ServiceAccountRequest(string? Name, string[]? Roles);

/// <summary>A new service account with its API key, shown this once.</summary>
public sealed record NewServiceAccount(ServiceAccountDto ServiceAccount, string ApiKey);

/// <summary>API keys for an organisation's machine clients, with some of its roles. The key is shown once.</summary>
public static class ServiceAccountsApi
{
    public static void MapServiceAccountsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/service-accounts").RequireAuthorization(Policies.OrganisationAdmin);
        api.MapGet("/", ListAsync);
        api.MapPost("/", CreateAsync);
        api.MapPost("/{serviceAccountId:guid}/revoke", RevokeAsync);
    }

    /// <summary>The caller's organisation's service accounts, by name.</summary>
    public static async Task<Ok<ServiceAccountDto[]>> ListAsync([AsParameters] AdministrationServices services, CancellationToken cancellationToken)
    {
        var organisationId = services.User.OrganisationId;
        await using var unitOfWork = await services.Database.ReadAsync(organisationId, cancellationToken);
        return TypedResults.Ok(await ServiceAccounts.ListAsync(unitOfWork, organisationId));
    }

    /// <summary>Creates a service account with roles of the caller's organisation, and returns its API key this once.</summary>
    public static async Task<Results<Created<NewServiceAccount>, ProblemHttpResult>> CreateAsync(
        ServiceAccountRequest request, [AsParameters] AdministrationServices services, CancellationToken cancellationToken)
    {
        var user = services.User;
        var errors = AccountRules.CheckName(AccountRules.CheckRoles(new FieldErrors(), "roles", request.Roles, user.OrganisationKind), "name", request.Name);
        if (!errors.IsEmpty)
        {
            return Problems.Invalid(errors);
        }

        var id = Guid.CreateVersion7();
        var key = OpaqueToken.Create(OpaqueToken.ApiKey, user.OrganisationId);
        await using var unitOfWork = await services.Database.BeginAsync(user.OrganisationId, cancellationToken);
        await ServiceAccounts.CreateAsync(unitOfWork, id, request.Name!.Trim(), request.Roles!.Distinct().ToArray(), key);
        var created = (await ServiceAccounts.FindAsync(unitOfWork, user.OrganisationId, id))!;
        await AuditLog.WriteAsync(unitOfWork, user.OrganisationId, AuditLog.Actor.Of(user), "service-account.created", "service-account", id, null, created);
        await unitOfWork.CommitAsync();
        return TypedResults.Created($"/service-accounts/{id}", new NewServiceAccount(created, key.Value));
    }

    /// <summary>Revokes a service account's key for good: the gateway stops accepting it within a couple of seconds.</summary>
    public static async Task<Results<Ok<ServiceAccountDto>, NotFound, ProblemHttpResult>> RevokeAsync(
        Guid serviceAccountId, [AsParameters] AdministrationServices services, CancellationToken cancellationToken)
    {
        var user = services.User;
        await using var unitOfWork = await services.Database.BeginAsync(user.OrganisationId, cancellationToken);
        if (await ServiceAccounts.FindAsync(unitOfWork, user.OrganisationId, serviceAccountId) is not { } before)
        {
            return TypedResults.NotFound();
        }

        if (before.RevokedAt is not null)
        {
            return Problems.Conflict(IdentityMessages.KeyRevoked);
        }

        await ServiceAccounts.RevokeAsync(unitOfWork, user.OrganisationId, serviceAccountId);
        var after = (await ServiceAccounts.FindAsync(unitOfWork, user.OrganisationId, serviceAccountId))!;
        await AuditLog.WriteAsync(unitOfWork, user.OrganisationId, AuditLog.Actor.Of(user), "service-account.revoked", "service-account", serviceAccountId, before, after);
        await unitOfWork.CommitAsync();
        return TypedResults.Ok(after);
    }
}
