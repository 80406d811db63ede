using Infogerance.Data;
using Infogerance.Identity.Data;
using Infogerance.Identity.Domain;
using Infogerance.ServiceDefaults;
using Infogerance.Validation;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Infogerance.Identity.Api;

/// <summary>An organisation as Operators see it: its name, its kind and how many users it has.</summary>
public sealed record OrganisationDto(Guid Id, string Name, OrganisationKind Kind, DateTimeOffset CreatedAt, int UserCount);

/// <summary>A new organisation's name and kind, or an organisation's new name.</summary>
public sealed record OrganisationRequest(string? Name, OrganisationKind? Kind);

/// <summary>Operators register client and provider organisations and invite their first admin; they see no business data.</summary>
public static class OrganisationsApi
{
    public static void MapOrganisationsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/organisations").RequireAuthorization(Policies.Operator);
        api.MapGet("/", ListAsync);
        api.MapPost("/", CreateAsync);
        api.MapGet("/{organisationId:guid}", GetAsync);
        api.MapPut("/{organisationId:guid}", RenameAsync);
        api.MapPost("/{organisationId:guid}/invitations", InviteAsync);
    }

    /// <summary>Every organisation of the platform, by name.</summary>
    public static async Task<Ok<OrganisationDto[]>> ListAsync([AsParameters] AdministrationServices services, CancellationToken cancellationToken)
    {
        await using var unitOfWork = await services.Database.ReadAsync(services.User.OrganisationId, cancellationToken);
        return TypedResults.Ok(await Organisations.ListAsync(unitOfWork));
    }

    /// <summary>One organisation.</summary>
    public static async Task<Results<Ok<OrganisationDto>, NotFound>> GetAsync(
        Guid organisationId, [AsParameters] AdministrationServices services, CancellationToken cancellationToken)
    {
        await using var unitOfWork = await services.Database.ReadAsync(services.User.OrganisationId, cancellationToken);
        return await Organisations.FindAsync(unitOfWork, organisationId) is { } organisation ? TypedResults.Ok(organisation) : TypedResults.NotFound();
    }

    /// <summary>Registers a client or provider organisation under a name no other organisation has.</summary>
    public static async Task<Results<Created<OrganisationDto>, ProblemHttpResult>> CreateAsync(
        OrganisationRequest request, [AsParameters] AdministrationServices services, CancellationToken cancellationToken)
    {
        var errors = AccountRules.CheckName(new FieldErrors(), "name", request.Name);
        if (request.Kind is not (OrganisationKind.Client or OrganisationKind.Provider))
        {
            errors.Add("kind", IdentityMessages.OrganisationKindInvalid);
        }

        if (!errors.IsEmpty)
        {
            return Problems.Invalid(errors);
        }

        var id = Guid.CreateVersion7();
        var user = services.User;
        await using var unitOfWork = await services.Database.BeginAsync(user.OrganisationId, cancellationToken);
        if (!await Organisations.CreateAsync(unitOfWork, id, request.Name!.Trim(), request.Kind!.Value))
        {
            return Problems.Conflict(IdentityMessages.OrganisationNameTaken);
        }

        var created = (await Organisations.FindAsync(unitOfWork, id))!;
        await AuditLog.WriteAsync(unitOfWork, user.OrganisationId, AuditLog.Actor.Of(user), "organisation.created", "organisation", id, null, Audited(created));
        await unitOfWork.CommitAsync();
        return TypedResults.Created($"/organisations/{id}", created);
    }

    /// <summary>Renames an organisation, to a name no other organisation has.</summary>
    public static async Task<Results<Ok<OrganisationDto>, NotFound, ProblemHttpResult>> RenameAsync(
        Guid organisationId, OrganisationRequest request, [AsParameters] AdministrationServices services, CancellationToken cancellationToken)
    {
        if (AccountRules.CheckName(new FieldErrors(), "name", request.Name) is { IsEmpty: false } errors)
        {
            return Problems.Invalid(errors);
        }

        var user = services.User;
        await using var unitOfWork = await services.Database.BeginAsync(user.OrganisationId, cancellationToken);
        if (await Organisations.FindAsync(unitOfWork, organisationId) is not { } before)
        {
            return TypedResults.NotFound();
        }

        if (!await Organisations.RenameAsync(unitOfWork, organisationId, request.Name!.Trim()))
        {
            return Problems.Conflict(IdentityMessages.OrganisationNameTaken);
        }

        var after = (await Organisations.FindAsync(unitOfWork, organisationId))!;
        await AuditLog.WriteAsync(unitOfWork, user.OrganisationId, AuditLog.Actor.Of(user), "organisation.renamed", "organisation", organisationId, Audited(before), Audited(after));
        await unitOfWork.CommitAsync();
        return TypedResults.Ok(after);
    }

    /// <summary>
    /// Invites an organisation's first administrator, and nothing more: once it has one, its own admins invite
    /// its users, so an Operator cannot make itself a member of a tenant.
    /// </summary>
    public static async Task<Results<Created<InvitationResponse>, ProblemHttpResult, NotFound>> InviteAsync(
        Guid organisationId, InviteRequest request, [AsParameters] InvitationServices services, CancellationToken cancellationToken)
    {
        await using (var unitOfWork = await services.Database.BeginAsync(organisationId, cancellationToken))
        {
            if (await Accounts.FindOrganisationAsync(unitOfWork, organisationId) is not { } organisation)
            {
                return TypedResults.NotFound();
            }

            var administrator = Roles.AdministratorOf(organisation.Kind);
            if (organisation.Kind != OrganisationKind.Platform && request.Roles is not null && !request.Roles.All(role => role == administrator))
            {
                return Problems.Invalid("roles", IdentityMessages.OperatorInvitesAdministratorOnly(administrator));
            }

            if (organisation.Kind != OrganisationKind.Platform && await Accounts.HasAdministratorAsync(unitOfWork, organisationId, administrator))
            {
                return Problems.Conflict(IdentityMessages.OrganisationHasAdministrator);
            }
        }

        // Operators follow their own actions in the platform's log, written in the same transaction.
        var platform = services.User.OrganisationId;
        return await UsersApi.InviteIntoAsync(organisationId, request, services, cancellationToken, alsoAuditIn: organisationId == platform ? null : platform);
    }

    private static object Audited(OrganisationDto organisation) => new { organisation.Name, organisation.Kind };
}
