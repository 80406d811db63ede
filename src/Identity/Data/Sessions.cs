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
    private sealed record SignInRow(
        int FailedLogins, DateTimeOffset? LastFailedLoginAt, DateTimeOffset? LockedUntil,
        int? Failures, DateTimeOffset? LastFailureAt, DateTimeOffset? PausedUntil, DateTimeOffset? LastSuccessAt);

    /// <summary>
    /// The account's failures from every address, and this address's record on it (new when it never tried). The account's
    /// row is locked until the sign-in commits: two tries at once would otherwise each count from the same number, the
    /// later write undoing the earlier's pause (and the fiftieth try could start the pause, and its e-mail, twice).
    /// </summary>
    public static async Task<(AddressRecord Address, FailureCount Account)> FindSignInRecordsAsync(UnitOfWork unitOfWork, UserAccount user, string address)
    {
        var row = (await unitOfWork.QuerySingleOrDefaultAsync<SignInRow>(
            """
            SELECT u.failed_logins, u.last_failed_login_at, u.locked_until,
                   a.failures, a.last_failure_at, a.paused_until, a.last_success_at
            FROM users u
            LEFT JOIN sign_in_addresses a ON a.tenant_id = u.tenant_id AND a.user_id = u.id AND a.address = @address
            WHERE u.tenant_id = @TenantId AND u.id = @Id
            FOR UPDATE OF u
            """,
            new { address, user.TenantId, user.Id }))!;
        return (new AddressRecord(new FailureCount(row.Failures ?? 0, row.LastFailureAt, row.PausedUntil), row.LastSuccessAt),
            new FailureCount(row.FailedLogins, row.LastFailedLoginAt, row.LockedUntil));
    }

    /// <summary>
    /// Counts a wrong password from <paramref name="address"/>. Addresses that never signed in and whose failures are
    /// forgotten are dropped on the way, so that guessing from many addresses leaves no lasting rows.
    /// </summary>
    public static Task RecordFailedLoginAsync(
        UnitOfWork unitOfWork, UserAccount user, string address, FailureCount fromAddress, FailureCount account, DateTimeOffset forgetBefore) =>
        unitOfWork.ExecuteAsync(
            """
            UPDATE users SET failed_logins = @AccountFailures, last_failed_login_at = @AccountLastFailureAt, locked_until = @AccountPausedUntil
            WHERE tenant_id = @TenantId AND id = @Id;

            DELETE FROM sign_in_addresses
            WHERE tenant_id = @TenantId AND user_id = @Id AND address <> @address AND last_success_at IS NULL
              AND last_failure_at < @forgetBefore AND (paused_until IS NULL OR paused_until < @forgetBefore);

            INSERT INTO sign_in_addresses (tenant_id, user_id, address, failures, last_failure_at, paused_until)
            VALUES (@TenantId, @Id, @address, @Failures, @LastFailureAt, @PausedUntil)
            ON CONFLICT (tenant_id, user_id, address) DO UPDATE
            SET failures = excluded.failures, last_failure_at = excluded.last_failure_at, paused_until = excluded.paused_until
            """,
            new
            {
                user.TenantId, user.Id, address, forgetBefore, fromAddress.Failures, fromAddress.LastFailureAt, fromAddress.PausedUntil,
                AccountFailures = account.Failures, AccountLastFailureAt = account.LastFailureAt, AccountPausedUntil = account.PausedUntil,
            });

    /// <summary>
    /// The latest pause still running after <paramref name="now"/> on each of the organisation's users (or on one):
    /// the account-wide one or any of its addresses'. A user without one is not in the answer.
    /// </summary>
    public static async Task<IReadOnlyDictionary<Guid, DateTimeOffset>> PausesAsync(
        UnitOfWork unitOfWork, Guid organisationId, DateTimeOffset now, Guid? userId = null) =>
        (await unitOfWork.QueryAsync<(Guid UserId, DateTimeOffset Until)>(
            """
            SELECT u.id, greatest(u.locked_until, max(a.paused_until)) AS until
            FROM users u
            LEFT JOIN sign_in_addresses a ON a.tenant_id = u.tenant_id AND a.user_id = u.id
            WHERE u.tenant_id = @organisationId AND (@userId::uuid IS NULL OR u.id = @userId)
            GROUP BY u.id, u.locked_until
            HAVING greatest(u.locked_until, max(a.paused_until)) > @now
            """,
            new { organisationId, userId, now })).ToDictionary(row => row.UserId, row => row.Until);

    /// <summary>An administrator's unlock: the account's and every address's count start again, and no pause remains.</summary>
    public static Task UnlockAsync(UnitOfWork unitOfWork, UserAccount user) =>
        unitOfWork.ExecuteAsync(
            """
            UPDATE users SET failed_logins = 0, last_failed_login_at = NULL, locked_until = NULL WHERE tenant_id = @TenantId AND id = @Id;
            UPDATE sign_in_addresses SET failures = 0, last_failure_at = NULL, paused_until = NULL WHERE tenant_id = @TenantId AND user_id = @Id;
            """,
            new { user.TenantId, user.Id });

    /// <summary>
    /// Keeps the hash of <paramref name="link"/>, which unlocks <paramref name="user"/> once until <paramref name="expiresAt"/>;
    /// the user's links of pauses over by <paramref name="now"/> go.
    /// </summary>
    public static Task AddUnlockLinkAsync(UnitOfWork unitOfWork, UserAccount user, OpaqueToken link, DateTimeOffset now, DateTimeOffset expiresAt) =>
        unitOfWork.ExecuteAsync(
            """
            DELETE FROM unlock_links WHERE tenant_id = @TenantId AND user_id = @Id AND expires_at <= @now;
            INSERT INTO unlock_links (tenant_id, token_hash, user_id, expires_at) VALUES (@TenantId, @Hash, @Id, @expiresAt);
            """,
            new { user.TenantId, link.Hash, user.Id, now, expiresAt });

    /// <summary>
    /// Uses an unlock link, once and while its account's pause runs (an administrator's unlock ends it early):
    /// <paramref name="address"/> becomes one the account is known from, as after a sign-in from there, and its own pause
    /// ends. The account it unlocked, or null for a link unknown, used, or whose pause is over.
    /// </summary>
    public static Task<Guid?> UseUnlockLinkAsync(UnitOfWork unitOfWork, OpaqueToken link, string address, DateTimeOffset now) =>
        unitOfWork.ExecuteScalarAsync<Guid?>(
            """
            WITH link AS (
                UPDATE unlock_links l SET used_at = @now
                FROM users u
                WHERE l.tenant_id = @OrganisationId AND l.token_hash = @Hash AND l.used_at IS NULL AND l.expires_at > @now
                  AND u.tenant_id = l.tenant_id AND u.id = l.user_id AND u.locked_until > @now
                RETURNING l.tenant_id, l.user_id
            )
            INSERT INTO sign_in_addresses (tenant_id, user_id, address, last_success_at)
            SELECT tenant_id, user_id, @address, @now FROM link
            ON CONFLICT (tenant_id, user_id, address) DO UPDATE
            SET failures = 0, last_failure_at = NULL, paused_until = NULL, last_success_at = @now
            RETURNING user_id
            """,
            new { link.OrganisationId, link.Hash, address, now });

    /// <summary>
    /// A successful sign-in makes <paramref name="address"/> one the account is known from, its own count starting again.
    /// The account's count and pause are left to run their course: they say that someone guesses from elsewhere, which
    /// the owner signing in from a known device does not disprove (lifting them gave the guessing fifty more tries).
    /// </summary>
    public static Task RecordLoginAsync(UnitOfWork unitOfWork, UserAccount user, string address, DateTimeOffset now, string? passwordHash) =>
        unitOfWork.ExecuteAsync(
            """
            UPDATE users SET last_login_at = @now, password_hash = @passwordHash WHERE tenant_id = @TenantId AND id = @Id;

            INSERT INTO sign_in_addresses (tenant_id, user_id, address, last_success_at)
            VALUES (@TenantId, @Id, @address, @now)
            ON CONFLICT (tenant_id, user_id, address) DO UPDATE
            SET failures = 0, last_failure_at = NULL, paused_until = NULL, last_success_at = @now
            """,
            new { now, passwordHash, address, user.TenantId, user.Id });

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

    /// <summary>Ends the session, and tells every gateway to drop the token it holds for it.</summary>
    public static async Task EndAsync(UnitOfWork unitOfWork, OpaqueToken secret)
    {
        var ended = await unitOfWork.QuerySingleOrDefaultAsync<Guid?>(
            "UPDATE sessions SET ended_at = now() WHERE tenant_id = @OrganisationId AND secret_hash = @Hash AND ended_at IS NULL RETURNING id",
            new { secret.OrganisationId, secret.Hash });
        if (ended is { } session)
        {
            await Revocations.RecordAsync(unitOfWork, session);
        }
    }

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
