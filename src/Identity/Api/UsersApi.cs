using Infogerance.Data;
using Infogerance.Identity.Data;
using Infogerance.ServiceDefaults;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Infogerance.Identity.Api;

public sealed record UserDto(Guid Id, string Email, string DisplayName, IReadOnlyList<string> Roles, string Status, DateTimeOffset? LastLoginAt, DateTimeOffset CreatedAt)
{
    public static UserDto From(UserAccount user) =>
        new(user.Id, user.Email, user.DisplayName, user.Roles, user.Status, user.LastLoginAt, user.CreatedAt);
}

public sealed record RolesRequest(string[]? Roles);

/// <summary>An organisation's admin manages its own users: nobody else's, whatever the request says.</summary>
public static class UsersApi
{
    public static void MapUsersApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/users").RequireAuthorization(Policies.OrganisationAdmin);
        api.MapGet("/", ListAsync);
        api.MapPost("/invitations", InviteAsync);
        api.MapPut("/{userId:guid}/roles", ChangeRolesAsync);
        api.MapPost("/{userId:guid}/deactivate", DeactivateAsync);
        api.MapPost("/{userId:guid}/reactivate", ReactivateAsync);
    }

    public static async Task<Ok<UserDto[]>> ListAsync(CurrentUser user, Database database, CancellationToken cancellationToken)
    {
        await using var unitOfWork = await database.BeginAsync(user.OrganisationId, cancellationToken);
        return TypedResults.Ok((await Accounts.ListUsersAsync(unitOfWork, user.OrganisationId)).Select(UserDto.From).ToArray());
    }

    public static Task<Results<Created<InvitationResponse>, ProblemHttpResult, NotFound>> InviteAsync(
        InviteRequest request, CurrentUser user, Database database, InvitationMailer mailer, IOptions<IdentitySettings> settings,
        HttpRequest http, CancellationToken cancellationToken) =>
        InviteIntoAsync(user.OrganisationId, request, user, database, mailer, settings, http, cancellationToken);

    /// <summary>Shared with the Operators' invitation of an organisation's first admin.</summary>
    public static async Task<Results<Created<InvitationResponse>, ProblemHttpResult, NotFound>> InviteIntoAsync(
        Guid organisationId, InviteRequest request, CurrentUser user, Database database, InvitationMailer mailer,
        IOptions<IdentitySettings> settings, HttpRequest http, CancellationToken cancellationToken, Guid? alsoAuditIn = null)
    {
        await using var unitOfWork = alsoAuditIn is { } other
            ? await database.BeginAsync([organisationId, other], cancellationToken)
            : await database.BeginAsync(organisationId, cancellationToken);
        if (await Accounts.FindOrganisationAsync(unitOfWork, organisationId) is not { } organisation)
        {
            return TypedResults.NotFound();
        }

        if (Accounts.ValidateInvitation(request, organisation.Kind) is { Count: > 0 } errors)
        {
            return Problems.Invalid(errors);
        }

        var invitation = await Accounts.InviteAsync(unitOfWork, organisation, request, AuditLog.Actor.Of(user), settings.Value.InvitationLifetime);
        if (invitation is null)
        {
            return Problems.Conflict("A user with this e-mail address already exists.");
        }

        if (alsoAuditIn is { } auditedIn)
        {
            await AuditLog.WriteAsync(unitOfWork, auditedIn, AuditLog.Actor.Of(user), "organisation.user-invited", "user", invitation.User.Id,
                null, new { OrganisationId = organisation.Id, invitation.User.Email, invitation.User.Roles });
        }

        await unitOfWork.CommitAsync();
        var response = await mailer.DeliverAsync(invitation, organisation.Name, http, cancellationToken);
        return TypedResults.Created($"/users/{invitation.User.Id}", response);
    }

    public static Task<Results<Ok<UserDto>, NotFound, ProblemHttpResult>> ChangeRolesAsync(
        Guid userId, RolesRequest request, CurrentUser user, Database database, CancellationToken cancellationToken) =>
        ChangeAsync(userId, user, database, "user.roles-changed", cancellationToken, async (unitOfWork, target) =>
        {
            if (Accounts.ValidateRoles(request.Roles, user.OrganisationKind) is { Count: > 0 } errors)
            {
                return Problems.Invalid(errors);
            }

            var roles = request.Roles!.Distinct().ToArray();
            if (target.Id == user.Id && !roles.Contains(Roles.AdministratorOf(user.OrganisationKind)))
            {
                return Problems.Conflict("You cannot remove your own administrator role: ask another administrator.");
            }

            await unitOfWork.ExecuteAsync(
                "UPDATE users SET roles = @roles, updated_at = now() WHERE tenant_id = @TenantId AND id = @Id",
                new { roles, target.TenantId, target.Id });
            return null;
        });

    /// <summary>Takes effect at once: the user's sessions end, so no new access token is issued.</summary>
    public static Task<Results<Ok<UserDto>, NotFound, ProblemHttpResult>> DeactivateAsync(
        Guid userId, CurrentUser user, Database database, CancellationToken cancellationToken) =>
        ChangeAsync(userId, user, database, "user.deactivated", cancellationToken, async (unitOfWork, target) =>
        {
            if (target.Id == user.Id)
            {
                return Problems.Conflict("You cannot deactivate yourself.");
            }

            await unitOfWork.ExecuteAsync(
                """
                UPDATE users SET status = 'deactivated', updated_at = now() WHERE tenant_id = @TenantId AND id = @Id;
                UPDATE sessions SET ended_at = now() WHERE tenant_id = @TenantId AND user_id = @Id AND ended_at IS NULL;
                UPDATE invitations SET expires_at = least(expires_at, now()) WHERE tenant_id = @TenantId AND user_id = @Id AND accepted_at IS NULL;
                """,
                new { target.TenantId, target.Id });
            return null;
        });

    public static Task<Results<Ok<UserDto>, NotFound, ProblemHttpResult>> ReactivateAsync(
        Guid userId, CurrentUser user, Database database, CancellationToken cancellationToken) =>
        ChangeAsync(userId, user, database, "user.reactivated", cancellationToken, async (unitOfWork, target) =>
        {
            if (target.Status != UserAccount.Deactivated)
            {
                return Problems.Conflict("The user is not deactivated.");
            }

            // One who never chose a password goes back to waiting for it.
            await unitOfWork.ExecuteAsync(
                """
                UPDATE users SET status = CASE WHEN password_hash IS NULL THEN 'invited' ELSE 'active' END,
                                 failed_logins = 0, locked_until = NULL, updated_at = now()
                WHERE tenant_id = @TenantId AND id = @Id
                """,
                new { target.TenantId, target.Id });
            return null;
        });

    /// <summary>
    /// Loads a user of the caller's organisation (404 first: nothing about another organisation's users leaks
    /// through validation), applies <paramref name="change"/> (which returns its refusal, or null), audits before
    /// and after, and commits.
    /// </summary>
    private static async Task<Results<Ok<UserDto>, NotFound, ProblemHttpResult>> ChangeAsync(
        Guid userId, CurrentUser user, Database database, string action, CancellationToken cancellationToken,
        Func<UnitOfWork, UserAccount, Task<ProblemHttpResult?>> change)
    {
        await using var unitOfWork = await database.BeginAsync(user.OrganisationId, cancellationToken);
        var administrator = Roles.AdministratorOf(user.OrganisationKind);
        // Changes to users queue behind the organisation's administrators' rows, so that two admins demoting
        // each other at once cannot both succeed and leave the organisation without one.
        await unitOfWork.ExecuteAsync(
            "SELECT 1 FROM users WHERE tenant_id = @OrganisationId AND @administrator = ANY (roles) FOR UPDATE",
            new { user.OrganisationId, administrator });
        if (await Accounts.FindUserAsync(unitOfWork, user.OrganisationId, userId, forUpdate: true) is not { } before)
        {
            return TypedResults.NotFound();
        }

        if (await change(unitOfWork, before) is { } refusal)
        {
            return refusal;
        }

        if (!await unitOfWork.ExecuteScalarAsync<bool>(
                "SELECT EXISTS (SELECT 1 FROM users WHERE tenant_id = @OrganisationId AND status = 'active' AND @administrator = ANY (roles))",
                new { user.OrganisationId, administrator }))
        {
            return Problems.Conflict("This would leave the organisation without an active administrator.");
        }

        var after = (await Accounts.FindUserAsync(unitOfWork, user.OrganisationId, userId))!;
        await AuditLog.WriteAsync(unitOfWork, user.OrganisationId, AuditLog.Actor.Of(user), action, "user", userId, before.AuditView, after.AuditView);
        await unitOfWork.CommitAsync();
        return TypedResults.Ok(UserDto.From(after));
    }
}
