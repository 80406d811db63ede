using Infogerance.Data;
using Infogerance.Identity.Data;
using Infogerance.Identity.Domain;
using Infogerance.Identity.Tokens;
using Infogerance.ServiceDefaults;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Infogerance.Identity.Api;

public sealed record LoginRequest(string? Email, string? Password);
public sealed record SessionRequest(string? Session);
public sealed record ApiKeyRequest(string? ApiKey);
public sealed record SessionResponse(string Session, string AccessToken, DateTimeOffset ExpiresAt);
public sealed record TokenResponse(string AccessToken, DateTimeOffset ExpiresAt);

/// <summary>
/// Sign-in for the gateway, which alone calls these routes (they are not proxied): it keeps the session secret
/// in an HttpOnly cookie and exchanges it for short-lived access tokens; it exchanges API keys the same way.
/// </summary>
public static class SessionsApi
{
    public const string Prefix = "/internal";

    // Verifying against a fixed hash when the account does not exist makes both answers take as long.
    private static readonly string DummyHash = new PasswordHasher<UserAccount>().HashPassword(null!, "not a real password 0");

    public static RouteGroupBuilder MapSessionsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup(Prefix).AllowAnonymous();
        api.MapPost("/sessions", LogInAsync);
        api.MapPost("/sessions/token", RefreshAsync);
        api.MapPost("/sessions/end", EndAsync);
        api.MapPost("/api-keys/token", ExchangeApiKeyAsync);
        return api;
    }

    public static async Task<Results<Ok<SessionResponse>, UnauthorizedHttpResult, ProblemHttpResult>> LogInAsync(
        LoginRequest request, Database database, TokenIssuer tokens, IOptions<IdentitySettings> settings, TimeProvider time, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(request.Email) || string.IsNullOrEmpty(request.Password))
        {
            return Problems.Invalid(new Dictionary<string, string[]>()
            {
                [string.IsNullOrWhiteSpace(request.Email) ? "email" : "password"] = ["Required."],
            });
        }

        var hasher = new PasswordHasher<UserAccount>();
        Guid? organisationId;
        await using (var lookup = await database.BeginAsync([], cancellationToken))
        {
            organisationId = await Accounts.FindLoginOrganisationAsync(lookup, request.Email);
        }

        if (organisationId is not { } organisation)
        {
            hasher.VerifyHashedPassword(null!, DummyHash, request.Password);
            return TypedResults.Unauthorized();
        }

        var now = time.GetUtcNow();
        var options = settings.Value;
        await using var unitOfWork = await database.BeginAsync(organisation, cancellationToken);
        var user = await Accounts.FindUserByEmailAsync(unitOfWork, organisation, Accounts.NormaliseEmail(request.Email));
        if (user is null)
        {
            return TypedResults.Unauthorized();
        }

        if (options.Lockout.IsLocked(user.LockedUntil, now))
        {
            return TypedResults.Problem(
                title: "Account locked",
                detail: $"Too many failed log-ins: try again after {user.LockedUntil:O}.",
                statusCode: StatusCodes.Status423Locked,
                extensions: new Dictionary<string, object?> { ["lockedUntil"] = user.LockedUntil });
        }

        // An invited user without a password costs a verification too: timing says nothing about the account.
        var verified = hasher.VerifyHashedPassword(user, user.PasswordHash ?? DummyHash, request.Password);
        if (user.PasswordHash is null)
        {
            verified = PasswordVerificationResult.Failed;
        }
        if (verified == PasswordVerificationResult.Failed)
        {
            var (failures, lockedUntil) = options.Lockout.AfterFailure(user.FailedLogins, now);
            await unitOfWork.ExecuteAsync(
                "UPDATE users SET failed_logins = @failures, locked_until = @lockedUntil WHERE tenant_id = @TenantId AND id = @Id",
                new { failures, lockedUntil, user.TenantId, user.Id });
            if (lockedUntil is not null)
            {
                await AuditLog.WriteAsync(unitOfWork, organisation, AuditLog.Actor.System, "user.locked", "user", user.Id, null, new { lockedUntil });
            }

            await unitOfWork.CommitAsync();
            return TypedResults.Unauthorized();
        }

        if (user.Status != UserAccount.Active)
        {
            return TypedResults.Unauthorized();
        }

        var passwordHash = verified == PasswordVerificationResult.SuccessRehashNeeded
            ? hasher.HashPassword(user, request.Password)
            : user.PasswordHash;
        await unitOfWork.ExecuteAsync(
            """
            UPDATE users SET failed_logins = 0, locked_until = NULL, last_login_at = @now, password_hash = @passwordHash
            WHERE tenant_id = @TenantId AND id = @Id
            """,
            new { now, passwordHash, user.TenantId, user.Id });
        var secret = OpaqueToken.Create(OpaqueToken.Session, organisation);
        var sessionId = Guid.CreateVersion7();
        await unitOfWork.ExecuteAsync(
            """
            INSERT INTO sessions (tenant_id, id, user_id, secret_hash, created_at, last_seen_at, expires_at)
            VALUES (@organisation, @sessionId, @userId, @hash, @now, @now, @expiresAt)
            """,
            new { organisation, sessionId, userId = user.Id, hash = secret.Hash, now, expiresAt = now + options.SessionLifetime });
        var token = await tokens.IssueAsync(await SubjectAsync(unitOfWork, user, sessionId), cancellationToken);
        await unitOfWork.CommitAsync();
        return TypedResults.Ok(new SessionResponse(secret.Value, token.Token, token.ExpiresAt));
    }

    /// <summary>A new access token for a live session of an active user; anything else ends the conversation.</summary>
    public static async Task<Results<Ok<TokenResponse>, UnauthorizedHttpResult>> RefreshAsync(
        SessionRequest request, Database database, TokenIssuer tokens, IOptions<IdentitySettings> settings, TimeProvider time, CancellationToken cancellationToken)
    {
        if (OpaqueToken.Parse(OpaqueToken.Session, request.Session) is not { } secret)
        {
            return TypedResults.Unauthorized();
        }

        var now = time.GetUtcNow();
        await using var unitOfWork = await database.BeginAsync(secret.OrganisationId, cancellationToken);
        var session = await unitOfWork.QuerySingleOrDefaultAsync<(Guid Id, Guid UserId, DateTimeOffset LastSeenAt, DateTimeOffset ExpiresAt)>(
            """
            SELECT id, user_id, last_seen_at, expires_at FROM sessions
            WHERE tenant_id = @OrganisationId AND secret_hash = @Hash AND ended_at IS NULL
            FOR UPDATE
            """,
            new { secret.OrganisationId, secret.Hash });
        if (session.Id == Guid.Empty || !settings.Value.Sessions.IsAlive(session.LastSeenAt, session.ExpiresAt, now))
        {
            return TypedResults.Unauthorized();
        }

        var user = await Accounts.FindUserAsync(unitOfWork, secret.OrganisationId, session.UserId);
        if (user?.Status != UserAccount.Active)
        {
            return TypedResults.Unauthorized();
        }

        await unitOfWork.ExecuteAsync(
            "UPDATE sessions SET last_seen_at = @now WHERE tenant_id = @OrganisationId AND id = @Id",
            new { now, secret.OrganisationId, session.Id });
        var token = await tokens.IssueAsync(await SubjectAsync(unitOfWork, user, session.Id), cancellationToken);
        await unitOfWork.CommitAsync();
        return TypedResults.Ok(new TokenResponse(token.Token, token.ExpiresAt));
    }

    public static async Task<NoContent> EndAsync(SessionRequest request, Database database, CancellationToken cancellationToken)
    {
        if (OpaqueToken.Parse(OpaqueToken.Session, request.Session) is { } secret)
        {
            await using var unitOfWork = await database.BeginAsync(secret.OrganisationId, cancellationToken);
            await unitOfWork.ExecuteAsync(
                "UPDATE sessions SET ended_at = now() WHERE tenant_id = @OrganisationId AND secret_hash = @Hash AND ended_at IS NULL",
                new { secret.OrganisationId, secret.Hash });
            await unitOfWork.CommitAsync();
        }

        return TypedResults.NoContent();
    }

    public static async Task<Results<Ok<TokenResponse>, UnauthorizedHttpResult>> ExchangeApiKeyAsync(
        ApiKeyRequest request, Database database, TokenIssuer tokens, CancellationToken cancellationToken)
    {
        if (OpaqueToken.Parse(OpaqueToken.ApiKey, request.ApiKey) is not { } key)
        {
            return TypedResults.Unauthorized();
        }

        await using var unitOfWork = await database.BeginAsync(key.OrganisationId, cancellationToken);
        var account = await unitOfWork.QuerySingleOrDefaultAsync<(Guid Id, string Name, string[] Roles)>(
            """
            UPDATE service_accounts SET last_used_at = now()
            WHERE tenant_id = @OrganisationId AND secret_hash = @Hash AND revoked_at IS NULL
            RETURNING id, name, roles
            """,
            new { key.OrganisationId, key.Hash });
        var organisation = await Accounts.FindOrganisationAsync(unitOfWork, key.OrganisationId);
        if (account.Id == Guid.Empty || organisation is null)
        {
            return TypedResults.Unauthorized();
        }

        var token = await tokens.IssueAsync(
            new TokenSubject(account.Id, account.Name, null, organisation.Id, organisation.Kind, account.Roles, null, IsServiceAccount: true),
            cancellationToken);
        await unitOfWork.CommitAsync();
        return TypedResults.Ok(new TokenResponse(token.Token, token.ExpiresAt));
    }

    private static async Task<TokenSubject> SubjectAsync(UnitOfWork unitOfWork, UserAccount user, Guid sessionId)
    {
        var organisation = (await Accounts.FindOrganisationAsync(unitOfWork, user.TenantId))!;
        return new TokenSubject(user.Id, user.DisplayName, user.Email, organisation.Id, organisation.Kind, user.Roles, sessionId, IsServiceAccount: false);
    }
}
