using System.Net.Mail;
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

public sealed record InviteRequest(string? Email, string? DisplayName, string[]? Roles);

public sealed record NewInvitation(UserAccount User, OpaqueToken Token);

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

    public static Dictionary<string, string[]> ValidateRoles(string[]? roles, OrganisationKind kind)
    {
        var errors = new Dictionary<string, string[]>();
        if (roles is null || roles.Length == 0)
        {
            errors["roles"] = ["At least one role is required."];
        }
        else if (roles.Except(Roles.Of(kind)).ToList() is { Count: > 0 } unknown)
        {
            errors["roles"] = [$"Not a role of a {kind.ToString().ToLowerInvariant()} organisation: {string.Join(", ", unknown)}."];
        }

        return errors;
    }

    public static Dictionary<string, string[]> ValidateInvitation(InviteRequest request, OrganisationKind kind)
    {
        var errors = ValidateRoles(request.Roles, kind);
        if (string.IsNullOrWhiteSpace(request.Email) || !IsEmail(request.Email.Trim()))
        {
            errors["email"] = ["A valid e-mail address is required."];
        }

        CheckName(errors, "displayName", request.DisplayName);
        return errors;
    }

    /// <summary>Every name we keep (people, organisations, service accounts): present, and at most 200 characters.</summary>
    public static Dictionary<string, string[]> CheckName(Dictionary<string, string[]> errors, string field, string? name)
    {
        if (string.IsNullOrWhiteSpace(name) || name.Trim().Length > 200)
        {
            errors[field] = ["A name of 1 to 200 characters is required."];
        }

        return errors;
    }

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

    private static bool IsEmail(string value) =>
        value.Length <= 254 && MailAddress.TryCreate(value, out var address) && address.Address == value;
}
