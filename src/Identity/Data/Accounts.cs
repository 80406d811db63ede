using Infogerance.Data;
using Infogerance.Identity.Domain;
using Infogerance.IntegrationEvents;
using Infogerance.ServiceDefaults;

namespace Infogerance.Identity.Data;

public sealed record Organisation(Guid Id, string Name, OrganisationKind Kind, DateTimeOffset CreatedAt);

/// <param name="Language">The language the person reads the product in, and is written to in: <c>fr</c> or <c>en</c>.</param>
/// <param name="Version">Grows with every change of the account that other services see (not with log-ins).</param>
public sealed record UserAccount(
    Guid TenantId, Guid Id, string Email, string DisplayName, string[] Roles, string Status, string Language,
    string? PasswordHash, int FailedLogins, DateTimeOffset? LockedUntil, DateTimeOffset? LastLoginAt, DateTimeOffset CreatedAt, long Version)
{
    public const string Invited = "invited";
    public const string Active = "active";
    public const string Deactivated = "deactivated";

    /// <summary>What the audit log keeps of a user: never the password hash.</summary>
    public object AuditView => new { Email, DisplayName, Roles, Status, Language };
}

/// <summary>
/// Whom to invite: their e-mail address, the name shown to others, their roles and, if the inviter chooses it,
/// their language (<c>fr</c> or <c>en</c>; the inviter's own otherwise).
/// </summary>
public sealed record InviteRequest(string? Email, string? DisplayName, string[]? Roles, string? Language = null);

/// <summary>A user as it is first written: invited, or (the demo's) already active with a password.</summary>
public sealed record NewUser(Guid TenantId, Guid Id, string Email, string DisplayName, string[] Roles, string Status, string Language, string? PasswordHash = null);

/// <summary>An invited user and the one-time link's secret.</summary>
public sealed record NewInvitation(UserAccount User, OpaqueToken Token);

public sealed record PendingInvitation(Guid Id, Guid UserId, string Email, string DisplayName, string OrganisationName, DateTimeOffset ExpiresAt);

/// <summary>Queries and commands over organisations, users and invitations.</summary>
public static class Accounts
{
    private const string UserColumns =
        "tenant_id, id, email, display_name, roles, status, language, password_hash, failed_logins, locked_until, last_login_at, created_at, version";

    private const string OrganisationById = "SELECT id, name, kind, created_at FROM organisations WHERE id = @organisationId";

    private const string UserById = $"SELECT {UserColumns} FROM users WHERE tenant_id = @organisationId AND id = @id";

    public static Task<Organisation?> FindOrganisationAsync(UnitOfWork unitOfWork, Guid organisationId) =>
        unitOfWork.QuerySingleOrDefaultAsync<Organisation>(OrganisationById, new { organisationId });

    public static Task<UserAccount?> FindUserAsync(UnitOfWork unitOfWork, Guid organisationId, Guid id, bool forUpdate = false) =>
        unitOfWork.QuerySingleOrDefaultAsync<UserAccount>($"{UserById} {(forUpdate ? "FOR UPDATE" : "")}", new { organisationId, id });

    /// <summary>An organisation and one of its users, in one round trip (what every page's "who am I" reads).</summary>
    public static async Task<(Organisation? Organisation, UserAccount? User)> FindOrganisationAndUserAsync(UnitOfWork unitOfWork, Guid organisationId, Guid id)
    {
        using var results = await unitOfWork.QueryMultipleAsync($"{OrganisationById}; {UserById};", new { organisationId, id });
        return (await results.ReadSingleOrDefaultAsync<Organisation>(), await results.ReadSingleOrDefaultAsync<UserAccount>());
    }

    public static Task<UserAccount?> FindUserByEmailAsync(UnitOfWork unitOfWork, Guid organisationId, string email) =>
        unitOfWork.QuerySingleOrDefaultAsync<UserAccount>(
            $"SELECT {UserColumns} FROM users WHERE tenant_id = @organisationId AND email = @email FOR UPDATE",
            new { organisationId, email });

    public static async Task<IReadOnlyList<UserAccount>> ListUsersAsync(UnitOfWork unitOfWork, Guid organisationId) =>
        [.. await unitOfWork.QueryAsync<UserAccount>(
            $"SELECT {UserColumns} FROM users WHERE tenant_id = @organisationId ORDER BY display_name, email", new { organisationId })];

    /// <summary>The organisation that owns an e-mail address, read before any tenant scope is known (log-in).</summary>
    public static Task<Guid?> FindLoginOrganisationAsync(UnitOfWork unitOfWork, string email) =>
        unitOfWork.QuerySingleOrDefaultAsync<Guid?>(
            "SELECT login_organisation(@email)", new { email = NormaliseEmail(email) });

    public static string NormaliseEmail(string email) => email.Trim().ToLowerInvariant();

    /// <summary>
    /// Adds an invited user and its one-time link; inviting again someone of this organisation who has not yet
    /// accepted replaces their link (the old one stops working), name, roles and language. Null when the address is
    /// already one of this organisation's active or deactivated users. An address that signs in to another organisation
    /// is invited all the same (the inviter must not learn of another organisation's people): the invitation is held,
    /// with no sign-in of its own, and its acceptance is refused while the address signs in elsewhere (see
    /// <see cref="ClaimSignInAsync"/>). The caller has checked <paramref name="request"/> and chosen its language.
    /// </summary>
    public static async Task<NewInvitation?> InviteAsync(
        UnitOfWork unitOfWork, Organisation organisation, InviteRequest request, AuditLog.Actor actor, TimeSpan lifetime)
    {
        var email = NormaliseEmail(request.Email!);
        var displayName = request.DisplayName!.Trim();
        var roles = request.Roles!.Distinct().ToArray();
        var language = request.Language!;
        var userId = Guid.CreateVersion7();
        var added = await unitOfWork.ExecuteAsync(
            """
            INSERT INTO login_directory (email, tenant_id, user_id) VALUES (@email, @tenant, @userId)
            ON CONFLICT DO NOTHING
            """,
            new { email, tenant = organisation.Id, userId }) == 1;

        UserAccount? before = added ? null : await FindUserByEmailAsync(unitOfWork, organisation.Id, email);
        UserAccount user;
        if (before is null)
        {
            user = await CreateUserAsync(unitOfWork, new NewUser(organisation.Id, userId, email, displayName, roles, UserAccount.Invited, language));
        }
        else
        {
            if (before.Status != UserAccount.Invited)
            {
                return null;
            }

            user = await ChangeUserAsync(unitOfWork, before, "display_name = @displayName, roles = @roles, language = @language",
                new { displayName, roles, language });
            await unitOfWork.ExecuteAsync(
                "UPDATE invitations SET expires_at = least(expires_at, now()) WHERE tenant_id = @TenantId AND user_id = @Id AND accepted_at IS NULL",
                new { user.TenantId, user.Id });
        }

        var token = OpaqueToken.Create(OpaqueToken.Invitation, organisation.Id);
        await unitOfWork.ExecuteAsync(
            """
            INSERT INTO invitations (tenant_id, id, user_id, secret_hash, created_at, expires_at)
            VALUES (@tenant, @id, @userId, @hash, now(), now() + @lifetime)
            """,
            new { tenant = organisation.Id, id = Guid.CreateVersion7(), userId = user.Id, hash = token.Hash, lifetime });
        await AuditLog.WriteAsync(unitOfWork, organisation.Id, actor, before is null ? "user.invited" : "user.invited-again", "user", user.Id,
            before?.AuditView, user.AuditView);
        return new NewInvitation(user, token);
    }

    /// <summary>Adds a user and publishes the account (its address in the login directory, or held: see <see cref="InviteAsync"/>).</summary>
    public static async Task<UserAccount> CreateUserAsync(UnitOfWork unitOfWork, NewUser user)
    {
        var created = (await unitOfWork.QuerySingleOrDefaultAsync<UserAccount>(
            $"""
            INSERT INTO users (tenant_id, id, email, display_name, roles, status, language, password_hash, created_at, updated_at, version)
            VALUES (@TenantId, @Id, @Email, @DisplayName, @Roles, @Status, @Language, @PasswordHash, now(), now(), 1)
            RETURNING {UserColumns}
            """,
            user))!;
        await AnnounceAsync(unitOfWork, created);
        return created;
    }

    /// <summary>
    /// Changes to users queue behind the organisation's administrators' rows, so that two admins demoting each
    /// other at once cannot both succeed and leave the organisation without one.
    /// </summary>
    public static Task LockAdministratorsAsync(UnitOfWork unitOfWork, Guid organisationId, string administrator) =>
        unitOfWork.ExecuteAsync(
            "SELECT 1 FROM users WHERE tenant_id = @organisationId AND @administrator = ANY (roles) FOR UPDATE",
            new { organisationId, administrator });

    public static Task<bool> HasActiveAdministratorAsync(UnitOfWork unitOfWork, Guid organisationId, string administrator) =>
        unitOfWork.ExecuteScalarAsync<bool>(
            "SELECT EXISTS (SELECT 1 FROM users WHERE tenant_id = @organisationId AND status = 'active' AND @administrator = ANY (roles))",
            new { organisationId, administrator });

    /// <summary>An administrator who has not been deactivated: active, or invited and yet to choose a password.</summary>
    public static Task<bool> HasAdministratorAsync(UnitOfWork unitOfWork, Guid organisationId, string administrator) =>
        unitOfWork.ExecuteScalarAsync<bool>(
            "SELECT EXISTS (SELECT 1 FROM users WHERE tenant_id = @organisationId AND status <> 'deactivated' AND @administrator = ANY (roles))",
            new { organisationId, administrator });

    /// <summary>The tokens the user holds carry their former roles: the gateway is told to stop using them.</summary>
    public static async Task<UserAccount> SetRolesAsync(UnitOfWork unitOfWork, UserAccount user, string[] roles)
    {
        var changed = await ChangeUserAsync(unitOfWork, user, "roles = @roles", new { roles });
        await Revocations.RecordAsync(unitOfWork, user.Id);
        return changed;
    }

    public static Task<UserAccount> SetLanguageAsync(UnitOfWork unitOfWork, UserAccount user, string language) =>
        ChangeUserAsync(unitOfWork, user, "language = @language", new { language });

    /// <summary>Takes effect at once: the user's sessions and pending invitations end with the account.</summary>
    public static async Task<UserAccount> DeactivateAsync(UnitOfWork unitOfWork, UserAccount user)
    {
        var deactivated = await ChangeUserAsync(unitOfWork, user, "status = 'deactivated'");
        await unitOfWork.ExecuteAsync(
            """
            UPDATE sessions SET ended_at = now() WHERE tenant_id = @TenantId AND user_id = @Id AND ended_at IS NULL;
            UPDATE invitations SET expires_at = least(expires_at, now()) WHERE tenant_id = @TenantId AND user_id = @Id AND accepted_at IS NULL;
            """,
            new { user.TenantId, user.Id });
        await Revocations.RecordAsync(unitOfWork, user.Id);
        return deactivated;
    }

    /// <summary>One who never chose a password goes back to waiting for it.</summary>
    public static Task<UserAccount> ReactivateAsync(UnitOfWork unitOfWork, UserAccount user) =>
        ChangeUserAsync(unitOfWork, user,
            "status = CASE WHEN password_hash IS NULL THEN 'invited' ELSE 'active' END, failed_logins = 0, locked_until = NULL");

    /// <summary>An invitation whose link still works, for its user still waiting to choose a password.</summary>
    public static Task<PendingInvitation?> FindPendingInvitationAsync(UnitOfWork unitOfWork, OpaqueToken secret, bool forUpdate) =>
        unitOfWork.QuerySingleOrDefaultAsync<PendingInvitation>(
            $"""
            SELECT i.id, i.user_id, u.email, u.display_name, o.name AS organisation_name, i.expires_at
            FROM invitations i
            JOIN users u ON u.tenant_id = i.tenant_id AND u.id = i.user_id
            JOIN organisations o ON o.id = i.tenant_id
            WHERE i.tenant_id = @OrganisationId AND i.secret_hash = @Hash
              AND i.accepted_at IS NULL AND i.expires_at > now() AND u.status = 'invited'
            {(forUpdate ? "FOR UPDATE OF i" : "")}
            """,
            new { secret.OrganisationId, secret.Hash });

    /// <summary>
    /// Makes the user's address sign in to its organisation: true when it does now (it always did, or it was held and
    /// is free), false when it signs in to another organisation. One address signs in to one organisation.
    /// </summary>
    public static async Task<bool> ClaimSignInAsync(UnitOfWork unitOfWork, UserAccount user) =>
        await unitOfWork.ExecuteAsync(
            "INSERT INTO login_directory (email, tenant_id, user_id) VALUES (@Email, @TenantId, @Id) ON CONFLICT DO NOTHING",
            new { user.Email, user.TenantId, user.Id }) == 1
        // The directory's row-level security shows this organisation's addresses alone.
        || await unitOfWork.ExecuteScalarAsync<bool>(
            "SELECT EXISTS (SELECT 1 FROM login_directory WHERE email = @Email AND user_id = @Id)", new { user.Email, user.Id });

    /// <summary>The invited user's chosen password makes the account active and uses up the link.</summary>
    public static async Task<UserAccount> AcceptInvitationAsync(UnitOfWork unitOfWork, UserAccount user, Guid invitationId, string passwordHash)
    {
        var accepted = await ChangeUserAsync(unitOfWork, user, "password_hash = @passwordHash, status = 'active'", new { passwordHash });
        await unitOfWork.ExecuteAsync(
            "UPDATE invitations SET accepted_at = now() WHERE tenant_id = @TenantId AND id = @invitationId",
            new { user.TenantId, invitationId });
        return accepted;
    }

    /// <summary>
    /// Every change of an account that other services see comes through here (and its creation through
    /// <see cref="CreateUserAsync"/>): <paramref name="assignments"/> (an UPDATE's SET list over
    /// <paramref name="values"/>) is applied to the user's row, its version grows, and the account as it now is
    /// goes to the outbox in the same transaction. Log-ins and lockouts are not such changes (see Sessions).
    /// </summary>
    private static async Task<UserAccount> ChangeUserAsync(UnitOfWork unitOfWork, UserAccount user, string assignments, object? values = null)
    {
        var parameters = new CombinedParameters(values, new { user.TenantId, user.Id });
        var changed = (await unitOfWork.QuerySingleOrDefaultAsync<UserAccount>(
            $"""
            UPDATE users SET {assignments}, version = version + 1, updated_at = now()
            WHERE tenant_id = @TenantId AND id = @Id
            RETURNING {UserColumns}
            """,
            parameters))!;
        await AnnounceAsync(unitOfWork, changed);
        return changed;
    }

    /// <summary>Publishes the whole account, for the services that address people (notifications).</summary>
    private static async Task AnnounceAsync(UnitOfWork unitOfWork, UserAccount user)
    {
        var organisationKind = await unitOfWork.ExecuteScalarAsync<string>("SELECT kind FROM organisations WHERE id = @TenantId", new { user.TenantId });
        await unitOfWork.AddEventAsync(new UserAccountChanged
        {
            TenantId = user.TenantId,
            UserId = user.Id,
            OrganisationKind = organisationKind!,
            Email = user.Email,
            DisplayName = user.DisplayName,
            Roles = user.Roles,
            Status = user.Status,
            Language = user.Language,
            Version = user.Version,
        });
    }
}
