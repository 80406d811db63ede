using Infogerance.Data;
using Infogerance.Identity.Data;
using Infogerance.Identity.Domain;
using Infogerance.ServiceDefaults;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Infogerance.Identity.Api;

public sealed record ServiceAccountDto(Guid Id, string Name, string[] Roles, string KeyPrefix, DateTimeOffset CreatedAt, DateTimeOffset? RevokedAt, DateTimeOffset? LastUsedAt);
public sealed record ServiceAccountRequest(string? Name, string[]? Roles);
public sealed record NewServiceAccount(ServiceAccountDto ServiceAccount, string ApiKey);

/// <summary>API keys for an organisation's machine clients, with some of its roles. The key is shown once.</summary>
public static class ServiceAccountsApi
{
    private const string Select = "SELECT id, name, roles, key_prefix, created_at, revoked_at, last_used_at FROM service_accounts";

    public static void MapServiceAccountsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/service-accounts").RequireAuthorization(Policies.OrganisationAdmin);
        api.MapGet("/", ListAsync);
        api.MapPost("/", CreateAsync);
        api.MapPost("/{serviceAccountId:guid}/revoke", RevokeAsync);
    }

    public static async Task<Ok<ServiceAccountDto[]>> ListAsync(CurrentUser user, Database database, CancellationToken cancellationToken)
    {
        await using var unitOfWork = await database.BeginAsync(user.OrganisationId, cancellationToken);
        return TypedResults.Ok((await unitOfWork.QueryAsync<ServiceAccountDto>(
            $"{Select} WHERE tenant_id = @OrganisationId ORDER BY name", new { user.OrganisationId })).ToArray());
    }

    public static async Task<Results<Created<NewServiceAccount>, ProblemHttpResult>> CreateAsync(
        ServiceAccountRequest request, CurrentUser user, Database database, CancellationToken cancellationToken)
    {
        var errors = Accounts.CheckName(Accounts.ValidateRoles(request.Roles, user.OrganisationKind), "name", request.Name);
        if (errors.Count > 0)
        {
            return Problems.Invalid(errors);
        }

        var id = Guid.CreateVersion7();
        var key = OpaqueToken.Create(OpaqueToken.ApiKey, user.OrganisationId);
        await using var unitOfWork = await database.BeginAsync(user.OrganisationId, cancellationToken);
        await unitOfWork.ExecuteAsync(
            """
            INSERT INTO service_accounts (tenant_id, id, name, roles, secret_hash, key_prefix, created_at)
            VALUES (@OrganisationId, @id, @name, @roles, @hash, @prefix, now())
            """,
            new { user.OrganisationId, id, name = request.Name!.Trim(), roles = request.Roles!.Distinct().ToArray(), hash = key.Hash, prefix = key.Prefix });
        var created = (await FindAsync(unitOfWork, user.OrganisationId, id))!;
        await AuditLog.WriteAsync(unitOfWork, user.OrganisationId, AuditLog.Actor.Of(user), "service-account.created", "service-account", id, null, created);
        await unitOfWork.CommitAsync();
        return TypedResults.Created($"/service-accounts/{id}", new NewServiceAccount(created, key.Value));
    }

    public static async Task<Results<Ok<ServiceAccountDto>, NotFound, ProblemHttpResult>> RevokeAsync(
        Guid serviceAccountId, CurrentUser user, Database database, CancellationToken cancellationToken)
    {
        await using var unitOfWork = await database.BeginAsync(user.OrganisationId, cancellationToken);
        if (await FindAsync(unitOfWork, user.OrganisationId, serviceAccountId) is not { } before)
        {
            return TypedResults.NotFound();
        }

        if (before.RevokedAt is not null)
        {
            return Problems.Conflict("This key is already revoked.");
        }

        await unitOfWork.ExecuteAsync(
            "UPDATE service_accounts SET revoked_at = now() WHERE tenant_id = @OrganisationId AND id = @serviceAccountId",
            new { user.OrganisationId, serviceAccountId });
        var after = (await FindAsync(unitOfWork, user.OrganisationId, serviceAccountId))!;
        await AuditLog.WriteAsync(unitOfWork, user.OrganisationId, AuditLog.Actor.Of(user), "service-account.revoked", "service-account", serviceAccountId, before, after);
        await unitOfWork.CommitAsync();
        return TypedResults.Ok(after);
    }

    private static Task<ServiceAccountDto?> FindAsync(UnitOfWork unitOfWork, Guid organisationId, Guid id) =>
        unitOfWork.QuerySingleOrDefaultAsync<ServiceAccountDto>(
            $"{Select} WHERE tenant_id = @organisationId AND id = @id FOR UPDATE", new { organisationId, id });
}
