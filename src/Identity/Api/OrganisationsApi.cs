using Infogerance.Data;
using Infogerance.Identity.Data;
using Infogerance.ServiceDefaults;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Infogerance.Identity.Api;

public sealed record OrganisationDto(Guid Id, string Name, OrganisationKind Kind, DateTimeOffset CreatedAt, int UserCount);
public sealed record OrganisationRequest(string? Name, OrganisationKind? Kind);
public sealed record ProviderDto(Guid Id, string Name);

/// <summary>Operators register client and provider organisations and invite their first admin; they see no business data.</summary>
public static class OrganisationsApi
{
    private const string Select =
        """
        SELECT o.id, o.name, o.kind, o.created_at,
               coalesce(c.user_count, 0) AS user_count
        FROM organisations o LEFT JOIN organisation_user_counts() c ON c.tenant_id = o.id
        """;

    public static void MapOrganisationsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/organisations").RequireAuthorization(Policies.Operator);
        api.MapGet("/", ListAsync);
        api.MapPost("/", CreateAsync);
        api.MapGet("/{organisationId:guid}", GetAsync);
        api.MapPut("/{organisationId:guid}", RenameAsync);
        api.MapPost("/{organisationId:guid}/invitations", InviteAsync);
        app.MapGet("/organisations/providers", ListProvidersAsync).RequireAuthorization(Policies.ClientUsers);
    }

    /// <summary>The providers a client may name in a contract, and whose names its people read: names only, as the register shows them.</summary>
    public static async Task<Ok<ProviderDto[]>> ListProvidersAsync(CurrentUser user, Database database, CancellationToken cancellationToken)
    {
        await using var unitOfWork = await database.BeginAsync(user.OrganisationId, cancellationToken);
        return TypedResults.Ok((await unitOfWork.QueryAsync<ProviderDto>(
            "SELECT id, name FROM organisations WHERE kind = 'provider' ORDER BY name")).ToArray());
    }

    public static async Task<Ok<OrganisationDto[]>> ListAsync(CurrentUser user, Database database, CancellationToken cancellationToken)
    {
        await using var unitOfWork = await database.BeginAsync(user.OrganisationId, cancellationToken);
        return TypedResults.Ok((await unitOfWork.QueryAsync<OrganisationDto>($"{Select} ORDER BY o.name")).ToArray());
    }

    public static async Task<Results<Ok<OrganisationDto>, NotFound>> GetAsync(Guid organisationId, CurrentUser user, Database database, CancellationToken cancellationToken)
    {
        await using var unitOfWork = await database.BeginAsync(user.OrganisationId, cancellationToken);
        return await FindAsync(unitOfWork, organisationId) is { } organisation ? TypedResults.Ok(organisation) : TypedResults.NotFound();
    }

    public static async Task<Results<Created<OrganisationDto>, ProblemHttpResult>> CreateAsync(
        OrganisationRequest request, CurrentUser user, Database database, CancellationToken cancellationToken)
    {
        var errors = ValidateName(request.Name);
        if (request.Kind is not (OrganisationKind.Client or OrganisationKind.Provider))
        {
            errors["kind"] = ["Choose \"client\" or \"provider\"."];
        }

        if (errors.Count > 0)
        {
            return Problems.Invalid(errors);
        }

        var id = Guid.CreateVersion7();
        await using var unitOfWork = await database.BeginAsync(user.OrganisationId, cancellationToken);
        var inserted = await unitOfWork.ExecuteAsync(
            """
            INSERT INTO organisations (id, name, kind, created_at, updated_at) VALUES (@id, @name, @kind, now(), now())
            ON CONFLICT DO NOTHING
            """,
            new { id, name = request.Name!.Trim(), kind = request.Kind.ToString()!.ToLowerInvariant() });
        if (inserted == 0)
        {
            return Problems.Conflict("An organisation with this name already exists.");
        }

        var created = (await FindAsync(unitOfWork, id))!;
        await AuditLog.WriteAsync(unitOfWork, user.OrganisationId, AuditLog.Actor.Of(user), "organisation.created", "organisation", id, null, Audited(created));
        await unitOfWork.CommitAsync();
        return TypedResults.Created($"/organisations/{id}", created);
    }

    public static async Task<Results<Ok<OrganisationDto>, NotFound, ProblemHttpResult>> RenameAsync(
        Guid organisationId, OrganisationRequest request, CurrentUser user, Database database, CancellationToken cancellationToken)
    {
        if (ValidateName(request.Name) is { Count: > 0 } errors)
        {
            return Problems.Invalid(errors);
        }

        await using var unitOfWork = await database.BeginAsync(user.OrganisationId, cancellationToken);
        if (await FindAsync(unitOfWork, organisationId) is not { } before)
        {
            return TypedResults.NotFound();
        }

        try
        {
            await unitOfWork.ExecuteAsync(
                "UPDATE organisations SET name = @name, updated_at = now() WHERE id = @organisationId",
                new { organisationId, name = request.Name!.Trim() });
        }
        catch (PostgresException exception) when (exception.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            return Problems.Conflict("An organisation with this name already exists.");
        }

        var after = (await FindAsync(unitOfWork, organisationId))!;
        await AuditLog.WriteAsync(unitOfWork, user.OrganisationId, AuditLog.Actor.Of(user), "organisation.renamed", "organisation", organisationId, Audited(before), Audited(after));
        await unitOfWork.CommitAsync();
        return TypedResults.Ok(after);
    }

    /// <summary>
    /// An organisation's first administrator, and nothing more: once it has one, its own admins invite its users,
    /// so an Operator cannot make itself a member of a tenant.
    /// </summary>
    public static async Task<Results<Created<InvitationResponse>, ProblemHttpResult, NotFound>> InviteAsync(
        Guid organisationId, InviteRequest request, CurrentUser user, Database database, InvitationMailer mailer,
        IOptions<IdentitySettings> settings, HttpRequest http, CancellationToken cancellationToken)
    {
        await using (var unitOfWork = await database.BeginAsync(organisationId, cancellationToken))
        {
            if (await Accounts.FindOrganisationAsync(unitOfWork, organisationId) is not { } organisation)
            {
                return TypedResults.NotFound();
            }

            var administrator = Roles.AdministratorOf(organisation.Kind);
            if (organisation.Kind != OrganisationKind.Platform && request.Roles is not null && !request.Roles.All(role => role == administrator))
            {
                return Problems.Invalid(new Dictionary<string, string[]>() { ["roles"] = [$"An Operator invites the organisation's administrator ({administrator}) only."] });
            }

            if (organisation.Kind != OrganisationKind.Platform && await unitOfWork.ExecuteScalarAsync<bool>(
                    "SELECT EXISTS (SELECT 1 FROM users WHERE tenant_id = @organisationId AND status <> 'deactivated' AND @administrator = ANY (roles))",
                    new { organisationId, administrator }))
            {
                return Problems.Conflict("This organisation already has an administrator, who invites its users.");
            }
        }

        // Operators follow their own actions in the platform's log, written in the same transaction.
        return await UsersApi.InviteIntoAsync(organisationId, request, user, database, mailer, settings, http, cancellationToken, alsoAuditIn: organisationId == user.OrganisationId ? null : user.OrganisationId);
    }

    private static Task<OrganisationDto?> FindAsync(UnitOfWork unitOfWork, Guid id) =>
        unitOfWork.QuerySingleOrDefaultAsync<OrganisationDto>($"{Select} WHERE o.id = @id", new { id });

    private static object Audited(OrganisationDto organisation) => new { organisation.Name, organisation.Kind };

    private static Dictionary<string, string[]> ValidateName(string? name) => Accounts.CheckName([], "name", name);
}
