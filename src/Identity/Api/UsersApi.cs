using Infogerance.Data;
using Infogerance.Identity.Data;
using Infogerance.Identity.Domain;
using Infogerance.ServiceDefaults;
using Infogerance.Validation;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Infogerance.Identity.Api;

/// <summary>
/// A user as the organisation's admin sees it: never the password. <c>lockedUntil</c> is set while wrong passwords
/// keep the user from signing in (from everywhere, or from an address of theirs), until when.
/// </summary>
public sealed record UserDto(
    Guid Id, string Email, string DisplayName, IReadOnlyList<string> Roles, string Status, string Language, DateTimeOffset? LastLoginAt, DateTimeOffset CreatedAt,
    DateTimeOffset? LockedUntil)
{
    public static UserDto From(UserAccount user, IReadOnlyDictionary<Guid, DateTimeOffset>? pauses = null) =>
        new(user.Id, user.Email, user.DisplayName, user.Roles, user.Status, user.Language, user.LastLoginAt, user.CreatedAt,
            pauses is not null && pauses.TryGetValue(user.Id, out var until) ? until : null);
}

/// <summary>A user's new set of roles, replacing the old one.</summary>
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
        api.MapPost("/{userId:guid}/unlock", UnlockAsync);
    }

    /// <summary>The users of the caller's organisation, by name.</summary>
    public static async Task<Ok<UserDto[]>> ListAsync([AsParameters] AdministrationServices services, CancellationToken cancellationToken)
    {
        var organisationId = services.User.OrganisationId;
        await using var unitOfWork = await services.Database.ReadAsync(organisationId, cancellationToken);
        var pauses = await Sessions.PausesAsync(unitOfWork, organisationId, services.Clock.GetUtcNow());
        return TypedResults.Ok((await Accounts.ListUsersAsync(unitOfWork, organisationId)).Select(user => UserDto.From(user, pauses)).ToArray());
    }

    /// <summary>Invites a person into the caller's organisation with a one-time link, e-mailed or returned to pass on.</summary>
    public static Task<Results<Created<InvitationResponse>, ProblemHttpResult, NotFound>> InviteAsync(
        InviteRequest request, [AsParameters] InvitationServices services, CancellationToken cancellationToken) =>
        InviteIntoAsync(services.User.OrganisationId, request, services, cancellationToken);

    /// <summary>Shared with the Operators' invitation of an organisation's first admin.</summary>
    public static async Task<Results<Created<InvitationResponse>, ProblemHttpResult, NotFound>> InviteIntoAsync(
        Guid organisationId, InviteRequest request, InvitationServices services, CancellationToken cancellationToken, Guid? alsoAuditIn = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(services);
        await using var unitOfWork = alsoAuditIn is { } other
            ? await services.Database.BeginAsync([organisationId, other], cancellationToken)
            : await services.Database.BeginAsync(organisationId, cancellationToken);
        if (await Accounts.FindOrganisationAsync(unitOfWork, organisationId) is not { } organisation)
        {
            return TypedResults.NotFound();
        }

        if (AccountRules.CheckInvitation(request.Email, request.DisplayName, request.Roles, request.Language, organisation.Kind) is { IsEmpty: false } errors)
        {
            return Problems.Invalid(errors);
        }

        var inviter = services.User;
        var language = request.Language
            ?? (await Accounts.FindUserAsync(unitOfWork, inviter.OrganisationId, inviter.Id))?.Language
            ?? Languages.French;
        var actor = AuditLog.Actor.Of(inviter);
        var invitation = await Accounts.InviteAsync(
            unitOfWork, organisation, request with { Language = language }, actor, services.Settings.Value.InvitationLifetime);
        if (invitation is null)
        {
            return Problems.Conflict(IdentityMessages.EmailTaken);
        }

        if (alsoAuditIn is { } auditedIn)
        {
            await AuditLog.WriteAsync(unitOfWork, auditedIn, actor, "organisation.user-invited", "user", invitation.User.Id,
                null, new { OrganisationId = organisation.Id, invitation.User.Email, invitation.User.Roles });
        }

        await unitOfWork.CommitAsync();
        var response = await services.Mailer.DeliverAsync(invitation, organisation.Name, cancellationToken);
        return TypedResults.Created($"/users/{invitation.User.Id}", response);
    }

    /// <summary>Replaces a user's roles; an administrator cannot take away their own administrator role.</summary>
    public static Task<Results<Ok<UserDto>, NotFound, ProblemHttpResult>> ChangeRolesAsync(
        Guid userId, RolesRequest request, [AsParameters] AdministrationServices services, CancellationToken cancellationToken) =>
        ChangeAsync(userId, services, "user.roles-changed", cancellationToken, async (unitOfWork, target) =>
        {
            var user = services.User;
            if (AccountRules.CheckRoles(new FieldErrors(), "roles", request.Roles, user.OrganisationKind) is { IsEmpty: false } errors)
            {
                return Problems.Invalid(errors);
            }

            var roles = request.Roles!.Distinct().ToArray();
            if (target.Id == user.Id && !roles.Contains(Roles.AdministratorOf(user.OrganisationKind)))
            {
                return Problems.Conflict(IdentityMessages.OwnAdministratorRole);
            }

            await Accounts.SetRolesAsync(unitOfWork, target, roles);
            return null;
        });

    /// <summary>Deactivates a user at once: their sessions end, so no new access token is issued.</summary>
    public static Task<Results<Ok<UserDto>, NotFound, ProblemHttpResult>> DeactivateAsync(
        Guid userId, [AsParameters] AdministrationServices services, CancellationToken cancellationToken) =>
        ChangeAsync(userId, services, "user.deactivated", cancellationToken, async (unitOfWork, target) =>
        {
            if (target.Id == services.User.Id)
            {
                return Problems.Conflict(IdentityMessages.DeactivateSelf);
            }

            await Accounts.DeactivateAsync(unitOfWork, target);
            return null;
        });

    /// <summary>Gives a deactivated user their access back (or their pending invitation, if they never chose a password).</summary>
    public static Task<Results<Ok<UserDto>, NotFound, ProblemHttpResult>> ReactivateAsync(
        Guid userId, [AsParameters] AdministrationServices services, CancellationToken cancellationToken) =>
        ChangeAsync(userId, services, "user.reactivated", cancellationToken, async (unitOfWork, target) =>
        {
            if (target.Status != UserAccount.Deactivated)
            {
                return Problems.Conflict(IdentityMessages.NotDeactivated);
            }

            await Accounts.ReactivateAsync(unitOfWork, target);
            return null;
        });

    /// <summary>
    /// Lets a user whom wrong passwords paused sign in again at once, from everywhere. Not an account change other
    /// services see (as log-ins and pauses are not): audited, not published.
    /// </summary>
    public static Task<Results<Ok<UserDto>, NotFound, ProblemHttpResult>> UnlockAsync(
        Guid userId, [AsParameters] AdministrationServices services, CancellationToken cancellationToken) =>
        ChangeAsync(userId, services, "user.unlocked", cancellationToken, async (unitOfWork, target) =>
        {
            if ((await Sessions.PausesAsync(unitOfWork, target.TenantId, services.Clock.GetUtcNow(), target.Id)).Count == 0)
            {
                return Problems.Conflict(IdentityMessages.NotLocked);
            }

            await Sessions.UnlockAsync(unitOfWork, target);
            return null;
        }, async (unitOfWork, user) =>
        {
            var pauses = await Sessions.PausesAsync(unitOfWork, user.TenantId, services.Clock.GetUtcNow(), user.Id);
            return new { LockedUntil = pauses.TryGetValue(user.Id, out var until) ? until : (DateTimeOffset?)null };
        });

    /// <summary>
    /// Loads a user of the caller's organisation (404 first: nothing about another organisation's users leaks
    /// through validation), applies <paramref name="change"/> (which returns its refusal, or null), audits before
    /// and after (the account's <see cref="UserAccount.AuditView"/>, or what <paramref name="audited"/> reads), and commits.
    /// </summary>
    private static async Task<Results<Ok<UserDto>, NotFound, ProblemHttpResult>> ChangeAsync(
        Guid userId, AdministrationServices services, string action, CancellationToken cancellationToken,
        Func<UnitOfWork, UserAccount, Task<ProblemHttpResult?>> change, Func<UnitOfWork, UserAccount, Task<object>>? audited = null)
    {
        audited ??= (_, account) => Task.FromResult(account.AuditView);
        var user = services.User;
        await using var unitOfWork = await services.Database.BeginAsync(user.OrganisationId, cancellationToken);
        var administrator = Roles.AdministratorOf(user.OrganisationKind);
        await Accounts.LockAdministratorsAsync(unitOfWork, user.OrganisationId, administrator);
        if (await Accounts.FindUserAsync(unitOfWork, user.OrganisationId, userId, forUpdate: true) is not { } before)
        {
            return TypedResults.NotFound();
        }

        var auditedBefore = await audited(unitOfWork, before);
        if (await change(unitOfWork, before) is { } refusal)
        {
            return refusal;
        }

        if (!await Accounts.HasActiveAdministratorAsync(unitOfWork, user.OrganisationId, administrator))
        {
            return Problems.Conflict(IdentityMessages.LastAdministrator);
        }

        var after = (await Accounts.FindUserAsync(unitOfWork, user.OrganisationId, userId))!;
        await AuditLog.WriteAsync(unitOfWork, user.OrganisationId, AuditLog.Actor.Of(user), action, "user", userId, auditedBefore, await audited(unitOfWork, after));
        var pauses = await Sessions.PausesAsync(unitOfWork, user.OrganisationId, services.Clock.GetUtcNow(), userId);
        await unitOfWork.CommitAsync();
        return TypedResults.Ok(UserDto.From(after, pauses));
    }
}
