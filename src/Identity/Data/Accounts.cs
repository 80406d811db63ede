using Infogerance.Data;
using Infogerance.Identity.Domain;
using Infogerance.ServiceDefaults;

namespace Infogerance.Identity.Data;

public sealed record Organisation(Guid Id, string Name, OrganisationKind Kind, DateTimeOffset CreatedAt);

public sealed record UserAccount(
    Guid TenantId, Guid Id, string Email, string DisplayName, string[] Roles, string Status,
    string? PasswordHash, int FailedLogins, DateTimeOffset? LockedUntil, DateTimeOffset? LastLoginAt, DateTimeOffset CreatedAt)
{
    public const string Invited = "invited";
    public const string Active = "active";
    public const string Deactivated = "deactivated";

    /// <summary>What the audit log keeps of a user: never the password hash.</summary>
    public object AuditView => new { Email, DisplayName, Roles, Status };
}

/// <summary>Whom to invite: their e-mail address, the name shown to others and their roles.</summary>
public sealed record InviteRequest(string? Email, string? DisplayName, string[]? Roles);

/// <summary>An invited user and the one-time link's secret.</summary>
public sealed record NewInvitation(UserAccount User, OpaqueToken Token);

public sealed record PendingInvitation(Guid Id, Guid UserId, string Email, string DisplayName, string OrganisationName, DateTimeOffset ExpiresAt);

/// <summary>Queries and commands over organisations, users and invitations.</summary>
public static class Accounts
{
    private const string UserColumns =
        "tenant_id, id, email, display_name, roles, status, password_hash, failed_logins, locked_until, last_login_at, created_at";

    public static Task<Organisation?> FindOrganisationAsync(UnitOfWork unitOfWork, Guid id) =>
        unitOfWork.QuerySingleOrDefaultAsync<Organisation>(
            "SELECT id, name, kind, created_at FROM organisations WHERE id = @id", new { id });

    public static Task<UserAccount?> FindUserAsync(UnitOfWork unitOfWork, Guid organisationId, Guid id, bool forUpdate = false) =>
        unitOfWork.QuerySingleOrDefaultAsync<UserAccount>(
            $"SELECT {UserColumns} FROM users WHERE tenant_id = @organisationId AND id = @id {(forUpdate ? "FOR UPDATE" : "")}",
            new { organisationId, id });

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
    /// accepted replaces their link (the old one stops working). Null when the e-mail address is taken otherwise.
    /// </summary>
    public static async Task<NewInvitation?> InviteAsync(
        UnitOfWork unitOfWork, Organisation organisation, InviteRequest request, AuditLog.Actor actor, TimeSpan lifetime)
    {
        var email = NormaliseEmail(request.Email!);
        var displayName = request.DisplayName!.Trim();
        var roles = request.Roles!.Distinct().ToArray();
        var userId = Guid.CreateVersion7();
        var added = await unitOfWork.ExecuteAsync(
            """
            INSERT INTO login_directory (email, tenant_id, user_id) VALUES (@email, @tenant, @userId)
            ON CONFLICT DO NOTHING
            """,
            new { email, tenant = organisation.Id, userId }) == 1;

        UserAccount? before = null;
        if (added)
        {
            await unitOfWork.ExecuteAsync(
                """
                INSERT INTO users (tenant_id, id, email, display_name, roles, status, created_at, updated_at)
                VALUES (@tenant, @userId, @email, @displayName, @roles, 'invited', now(), now())
                """,
                new { tenant = organisation.Id, userId, email, displayName, roles });
        }
        else
        {
            before = await FindUserByEmailAsync(unitOfWork, organisation.Id, email);
            if (before?.Status != UserAccount.Invited)
            {
                return null;
            }

            userId = before.Id;
            await unitOfWork.ExecuteAsync(
                """
                UPDATE users SET display_name = @displayName, roles = @roles, updated_at = now() WHERE tenant_id = @tenant AND id = @userId;
                UPDATE invitations SET expires_at = least(expires_at, now()) WHERE tenant_id = @tenant AND user_id = @userId AND accepted_at IS NULL;
                """,
                new { tenant = organisation.Id, userId, displayName, roles });
        }

        var token = OpaqueToken.Create(OpaqueToken.Invitation, organisation.Id);
        await unitOfWork.ExecuteAsync(
            """
            INSERT INTO invitations (tenant_id, id, user_id, secret_hash, created_at, expires_at)
            VALUES (@tenant, @id, @userId, @hash, now(), now() + @lifetime)
            """,
            new { tenant = organisation.Id, id = Guid.CreateVersion7(), userId, hash = token.Hash, lifetime });
        var user = (await FindUserAsync(unitOfWork, organisation.Id, userId))!;
        await AuditLog.WriteAsync(unitOfWork, organisation.Id, actor, before is null ? "user.invited" : "user.invited-again", "user", userId,
            before?.AuditView, user.AuditView);
        return new NewInvitation(user, token);
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

    public static Task<string?> EmailOfAsync(UnitOfWork unitOfWork, Guid organisationId, Guid id) =>
        unitOfWork.ExecuteScalarAsync<string>(
            "SELECT email FROM users WHERE tenant_id = @organisationId AND id = @id", new { organisationId, id });

    public static Task SetRolesAsync(UnitOfWork unitOfWork, UserAccount user, string[] roles) =>
        unitOfWork.ExecuteAsync(
            "UPDATE users SET roles = @roles, updated_at = now() WHERE tenant_id = @TenantId AND id = @Id",
            new { roles, user.TenantId, user.Id });

    /// <summary>Takes effect at once: the user's sessions and pending invitations end with the account.</summary>
    public static Task DeactivateAsync(UnitOfWork unitOfWork, UserAccount user) =>
        unitOfWork.ExecuteAsync(
            """
            UPDATE users SET status = 'deactivated', updated_at = now() WHERE tenant_id = @TenantId AND id = @Id;
            UPDATE sessions SET ended_at = now() WHERE tenant_id = @TenantId AND user_id = @Id AND ended_at IS NULL;
            UPDATE invitations SET expires_at = least(expires_at, now()) WHERE tenant_id = @TenantId AND user_id = @Id AND accepted_at IS NULL;
            """,
            new { user.TenantId, user.Id });

    /// <summary>One who never chose a password goes back to waiting for it.</summary>
    public static Task ReactivateAsync(UnitOfWork unitOfWork, UserAccount user) =>
        unitOfWork.ExecuteAsync(
            """
            UPDATE users SET status = CASE WHEN password_hash IS NULL THEN 'invited' ELSE 'active' END,
                             failed_logins = 0, locked_until = NULL, updated_at = now()
            WHERE tenant_id = @TenantId AND id = @Id
            """,
            new { user.TenantId, user.Id });

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

    /// <summary>The invited user's chosen password makes the account active and uses up the link.</summary>
    public static Task AcceptInvitationAsync(UnitOfWork unitOfWork, UserAccount user, Guid invitationId, string passwordHash) =>
        unitOfWork.ExecuteAsync(
            """
            UPDATE users SET password_hash = @passwordHash, status = 'active', updated_at = now() WHERE tenant_id = @TenantId AND id = @Id;
            UPDATE invitations SET accepted_at = now() WHERE tenant_id = @TenantId AND id = @invitationId;
            """,
            new { passwordHash, user.TenantId, user.Id, invitationId });
}
