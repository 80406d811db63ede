using Infogerance.Data;
using Infogerance.Identity.Domain;

namespace Infogerance.Identity.Data;

/// <summary>A session as its refresh reads it.</summary>
public sealed record LiveSession(Guid Id, Guid UserId, DateTimeOffset LastSeenAt, DateTimeOffset ExpiresAt);

/// <summary>A service account as the exchange of its API key reads it.</summary>
public sealed record KeyHolder(Guid Id, string Name, string[] Roles);

/// <summary>
/// Queries and commands of sign-in: failed and successful log-ins, sessions, API keys in use. They write only a
/// user's sign-in bookkeeping, which is no change of the account other services see: no new version, no event
/// (every other write of a user goes through <see cref="Accounts"/>).
/// </summary>
public static class Sessions
{
    public static Task RecordFailedLoginAsync(UnitOfWork unitOfWork, UserAccount user, int failures, DateTimeOffset? lockedUntil) =>
        unitOfWork.ExecuteAsync(
            "UPDATE users SET failed_logins = @failures, locked_until = @lockedUntil WHERE tenant_id = @TenantId AND id = @Id",
            new { failures, lockedUntil, user.TenantId, user.Id });

    public static Task RecordLoginAsync(UnitOfWork unitOfWork, UserAccount user, DateTimeOffset now, string? passwordHash) =>
        unitOfWork.ExecuteAsync(
            """
            UPDATE users SET failed_logins = 0, locked_until = NULL, last_login_at = @now, password_hash = @passwordHash
            WHERE tenant_id = @TenantId AND id = @Id
            """,
            new { now, passwordHash, user.TenantId, user.Id });

    public static Task StartAsync(UnitOfWork unitOfWork, OpaqueToken secret, Guid sessionId, Guid userId, DateTimeOffset now, DateTimeOffset expiresAt) =>
        unitOfWork.ExecuteAsync(
            """
            INSERT INTO sessions (tenant_id, id, user_id, secret_hash, created_at, last_seen_at, expires_at)
            VALUES (@OrganisationId, @sessionId, @userId, @Hash, @now, @now, @expiresAt)
            """,
            new { secret.OrganisationId, sessionId, userId, secret.Hash, now, expiresAt });

    /// <summary>The session of <paramref name="secret"/> if it was not ended, locked for its refresh.</summary>
    public static Task<LiveSession?> FindOpenAsync(UnitOfWork unitOfWork, OpaqueToken secret) =>
        unitOfWork.QuerySingleOrDefaultAsync<LiveSession>(
            """
            SELECT id, user_id, last_seen_at, expires_at FROM sessions
            WHERE tenant_id = @OrganisationId AND secret_hash = @Hash AND ended_at IS NULL
            FOR UPDATE
            """,
            new { secret.OrganisationId, secret.Hash });

    public static Task TouchAsync(UnitOfWork unitOfWork, Guid organisationId, Guid sessionId, DateTimeOffset now) =>
        unitOfWork.ExecuteAsync(
            "UPDATE sessions SET last_seen_at = @now WHERE tenant_id = @organisationId AND id = @sessionId",
            new { now, organisationId, sessionId });

    public static Task EndAsync(UnitOfWork unitOfWork, OpaqueToken secret) =>
        unitOfWork.ExecuteAsync(
            "UPDATE sessions SET ended_at = now() WHERE tenant_id = @OrganisationId AND secret_hash = @Hash AND ended_at IS NULL",
            new { secret.OrganisationId, secret.Hash });

    /// <summary>The service account holding a key that was not revoked, its use recorded; null for any other key.</summary>
    public static Task<KeyHolder?> UseApiKeyAsync(UnitOfWork unitOfWork, OpaqueToken key) =>
        unitOfWork.QuerySingleOrDefaultAsync<KeyHolder>(
            """
            UPDATE service_accounts SET last_used_at = now()
            WHERE tenant_id = @OrganisationId AND secret_hash = @Hash AND revoked_at IS NULL
            RETURNING id, name, roles
            """,
            new { key.OrganisationId, key.Hash });
}
