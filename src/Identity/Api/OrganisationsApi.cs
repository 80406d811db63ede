using Infogerance.Data;
using Infogerance.Identity.Data;
using Infogerance.ServiceDefaults;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Infogerance.Identity.Api;

public sealed record OrganisationDto(Guid Id, string Name, OrganisationKind Kind, DateTimeOffset CreatedAt, int UserCount);
public sealed record OrganisationRequest(string? Name, OrganisationKind? Kind);

/// <summary>Operators register client and provider organisations and invite their first admin; they see no business data.</summary>
public static class OrganisationsApi
{
    private const string Select =
        """
        SELECT o.id, o.name, o.kind, o.created_at,
               (SELECT count(*)::int FROM login_directory d WHERE d.tenant_id = o.id) AS user_count
        FROM organisations o
        """;

    public static void MapOrganisationsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/organisations").RequireAuthorization(Policies.Operator);
        api.MapGet("/", ListAsync);
        api.MapPost("/", CreateAsync);
        api.MapGet("/{organisationId:guid}", GetAsync);
        api.MapPut("/{organisationId:guid}", RenameAsync);
        api.MapPost("/{organisationId:guid}/invitations", InviteAsync);
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

        var renamed = await unitOfWork.ExecuteAsync(
            """
            UPDATE organisations SET name = @name, updated_at = now()
            WHERE id = @organisationId AND NOT EXISTS (SELECT 1 FROM organisations WHERE lower(name) = lower(@name) AND id <> @organisationId)
            """,
            new { organisationId, name = request.Name!.Trim() });
        if (renamed == 0)
        {
            return Problems.Conflict("An organisation with this name already exists.");
        }

        var after = (await FindAsync(unitOfWork, organisationId))!;
        await AuditLog.WriteAsync(unitOfWork, user.OrganisationId, AuditLog.Actor.Of(user), "organisation.renamed", "organisation", organisationId, Audited(before), Audited(after));
        await unitOfWork.CommitAsync();
        return TypedResults.Ok(after);
    }

    public static Task<Results<Created<InvitationResponse>, ProblemHttpResult, NotFound>> InviteAsync(
        Guid organisationId, InviteRequest request, CurrentUser user, Database database, InvitationMailer mailer,
        IOptions<IdentitySettings> settings, HttpRequest http, CancellationToken cancellationToken) =>
        UsersApi.InviteIntoAsync(organisationId, request, user, database, mailer, settings, http, cancellationToken);

    private static Task<OrganisationDto?> FindAsync(UnitOfWork unitOfWork, Guid id) =>
        unitOfWork.QuerySingleOrDefaultAsync<OrganisationDto>($"{Select} WHERE o.id = @id", new { id });

    private static object Audited(OrganisationDto organisation) => new { organisation.Name, organisation.Kind };

    private static Dictionary<string, string[]> ValidateName(string? name) =>
        string.IsNullOrWhiteSpace(name) || name.Trim().Length > 200
            ? new() { ["name"] = ["A name of 1 to 200 characters is required."] }
            : [];
}
