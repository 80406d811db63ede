using Infogerance.Data;
using Infogerance.Identity.Data;
using Infogerance.Identity.Domain;
using Infogerance.Identity.Tokens;
using Infogerance.ServiceDefaults;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;

namespace Infogerance.Identity.Api;

/// <summary>
/// An e-mail address and a password, to open a session, from the caller's network address as the gateway saw it
/// (wrong passwords pause that address on the account; without it they are counted under "unknown").
/// </summary>
public sealed record LoginRequest(string? Email, string? Password, string? Address = null);

/// <summary>A session's secret, as the gateway keeps it in the browser's cookie.</summary>
public sealed record SessionRequest(string? Session);

/// <summary>An e-mailed unlock link's secret, and the address of the device that opened it, as the gateway saw it.</summary>
public sealed record UnlockRequest(string? Link, string? Address);

/// <summary>A service account's API key, to exchange for an access token.</summary>
public sealed record ApiKeyRequest(string? ApiKey);

/// <summary>A new session's secret and its first access token.</summary>
public sealed record SessionResponse(string Session, string AccessToken, DateTimeOffset ExpiresAt);

/// <summary>Access taken away since the instant asked, and the instant the answer was read at.</summary>
public sealed record RevocationsResponse(IReadOnlyList<Revocation> Items, DateTimeOffset AsOf);

/// <summary>A short-lived access token for the services.</summary>
public sealed record TokenResponse(string AccessToken, DateTimeOffset ExpiresAt);

/// <summary>
/// Sign-in for the gateway, which alone calls these routes (they are not proxied, and answer only the internal key): it keeps the session secret
/// in an HttpOnly cookie and exchanges it for short-lived access tokens; it exchanges API keys the same way.
/// </summary>
public static class SessionsApi
{
    // Verifying against a fixed hash when the account does not exist makes both answers take as long.
    private static readonly string DummyHash = new PasswordHasher<UserAccount>().HashPassword(null!, "not a real password 0");

    public static RouteGroupBuilder MapSessionsApi(this IEndpointRouteBuilder app)
    {
        // The gateway proves itself with the system's internal key: reaching Identity's port is not enough.
        var api = app.MapInternalGroup();
        api.MapPost("/sessions", LogInAsync);
        api.MapPost("/sessions/token", RefreshAsync);
        api.MapPost("/sessions/end", EndAsync);
        api.MapPost("/sessions/unlock", UnlockAsync);
        api.MapPost("/api-keys/token", ExchangeApiKeyAsync);
        api.MapGet("/revocations", RevocationsAsync);
        return api;
    }

    /// <summary>
    /// Opens a session for an active user's right password, with its first access token; wrong passwords pause the
    /// address they come from (see <see cref="LockoutPolicy"/>), and any refusal, a pause included, is the same 401.
    /// </summary>
    public static async Task<Results<Ok<SessionResponse>, UnauthorizedHttpResult, ProblemHttpResult>> LogInAsync(
        LoginRequest request, [AsParameters] SignInServices services, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(request.Email) || string.IsNullOrEmpty(request.Password))
        {
            return Problems.Invalid(string.IsNullOrWhiteSpace(request.Email) ? "email" : "password", IdentityMessages.Required);
        }

        var hasher = new PasswordHasher<UserAccount>();
        Guid? organisationId;
        await using (var lookup = await services.Database.BeginAsync([], cancellationToken))
        {
            organisationId = await Accounts.FindLoginOrganisationAsync(lookup, request.Email);
        }

        if (organisationId is not { } organisation)
        {
            hasher.VerifyHashedPassword(null!, DummyHash, request.Password);
            return TypedResults.Unauthorized();
        }

        var now = services.Clock.GetUtcNow();
        var options = services.Settings.Value;
        await using var unitOfWork = await services.Database.BeginAsync(organisation, cancellationToken);
        var user = await Accounts.FindUserByEmailAsync(unitOfWork, organisation, Accounts.NormaliseEmail(request.Email));
        if (user is null)
        {
            return TypedResults.Unauthorized();
        }

        var address = AddressOf(request.Address);
        var (fromAddress, account) = await Sessions.FindSignInRecordsAsync(unitOfWork, user, address);
        if (options.Lockout.Refuses(fromAddress, account, now))
        {
            // Answered as a wrong password, after as long: a pause tells the caller nothing, and costs no more failures.
            hasher.VerifyHashedPassword(null!, DummyHash, request.Password);
            return TypedResults.Unauthorized();
        }

        // An invited user without a password costs a verification too: timing says nothing about the account.
        var verified = hasher.VerifyHashedPassword(user, user.PasswordHash ?? DummyHash, request.Password);
        if (user.PasswordHash is null)
        {
            verified = PasswordVerificationResult.Failed;
        }

        if (verified == PasswordVerificationResult.Failed)
        {
            var (addressAfter, accountAfter) = options.Lockout.AfterFailure(fromAddress.Count, account, now);
            await Sessions.RecordFailedLoginAsync(unitOfWork, user, address, addressAfter, accountAfter, now - options.Lockout.Duration);
            if (addressAfter.PausedUntil is { } addressPausedUntil && addressAfter.PausedUntil != fromAddress.Count.PausedUntil)
            {
                await AuditLog.WriteAsync(unitOfWork, organisation, AuditLog.Actor.System, "user.signIn.paused", "user", user.Id, null,
                    new { address, pausedUntil = addressPausedUntil });
            }

            // The owner is e-mailed a link that lets the device opening it sign in, while the guessing stays paused.
            OpaqueToken? unlock = null;
            if (accountAfter.PausedUntil is { } accountPausedUntil && accountAfter.PausedUntil != account.PausedUntil)
            {
                await AuditLog.WriteAsync(unitOfWork, organisation, AuditLog.Actor.System, "user.signIn.pausedEverywhere", "user", user.Id, null,
                    new { pausedUntil = accountPausedUntil });
                unlock = OpaqueToken.Create(OpaqueToken.Unlock, organisation);
                await Sessions.AddUnlockLinkAsync(unitOfWork, user, unlock, now, accountPausedUntil);
            }

            await unitOfWork.CommitAsync();
            if (unlock is not null)
            {
                services.Unlocks.Enqueue(user, unlock);
            }

            return TypedResults.Unauthorized();
        }

        if (user.Status != UserAccount.Active)
        {
            return TypedResults.Unauthorized();
        }

        var passwordHash = verified == PasswordVerificationResult.SuccessRehashNeeded
            ? hasher.HashPassword(user, request.Password)
            : user.PasswordHash;
        await Sessions.RecordLoginAsync(unitOfWork, user, address, now, passwordHash);
        var secret = OpaqueToken.Create(OpaqueToken.Session, organisation);
        var sessionId = Guid.CreateVersion7();
        await Sessions.StartAsync(unitOfWork, secret, sessionId, user.Id, now, now + options.SessionLifetime);
        var token = await services.Tokens.IssueAsync(await SubjectAsync(unitOfWork, user, sessionId), cancellationToken);
        await unitOfWork.CommitAsync();
        return TypedResults.Ok(new SessionResponse(secret.Value, token.Token, token.ExpiresAt));
    }

    /// <summary>
    /// Lets the device that opened an e-mailed unlock link sign in: the address it comes from becomes one the account is
    /// known from (<see cref="Sessions.UseUnlockLinkAsync"/>). 404 for a link unknown, used or past its pause.
    /// </summary>
    public static async Task<Results<NoContent, NotFound>> UnlockAsync(
        UnlockRequest request, Database database, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (OpaqueToken.Parse(OpaqueToken.Unlock, request.Link) is not { } link)
        {
            return TypedResults.NotFound();
        }

        var address = AddressOf(request.Address);
        await using var unitOfWork = await database.BeginAsync(link.OrganisationId, cancellationToken);
        if (await Sessions.UseUnlockLinkAsync(unitOfWork, link, address, clock.GetUtcNow()) is not { } userId)
        {
            return TypedResults.NotFound();
        }

        await AuditLog.WriteAsync(unitOfWork, link.OrganisationId, AuditLog.Actor.System, "user.signIn.unlockedByLink", "user", userId, null, new { address });
        await unitOfWork.CommitAsync();
        return TypedResults.NoContent();
    }

    /// <summary>The address the gateway saw the caller at, or "unknown" when it could not tell.</summary>
    private static string AddressOf(string? address) => string.IsNullOrWhiteSpace(address) ? "unknown" : address.Trim();

    /// <summary>A new access token for a live session of an active user; anything else ends the conversation.</summary>
    public static async Task<Results<Ok<TokenResponse>, UnauthorizedHttpResult>> RefreshAsync(
        SessionRequest request, [AsParameters] SignInServices services, CancellationToken cancellationToken)
    {
        if (OpaqueToken.Parse(OpaqueToken.Session, request.Session) is not { } secret)
        {
            return TypedResults.Unauthorized();
        }

        var now = services.Clock.GetUtcNow();
        await using var unitOfWork = await services.Database.BeginAsync(secret.OrganisationId, cancellationToken);
        var session = await Sessions.FindOpenAsync(unitOfWork, secret);
        if (session is null || !services.Settings.Value.Sessions.IsAlive(session.LastSeenAt, session.ExpiresAt, now))
        {
            return TypedResults.Unauthorized();
        }

        var user = await Accounts.FindUserAsync(unitOfWork, secret.OrganisationId, session.UserId);
        if (user?.Status != UserAccount.Active)
        {
            return TypedResults.Unauthorized();
        }

        await Sessions.TouchAsync(unitOfWork, secret.OrganisationId, session.Id, now);
        var token = await services.Tokens.IssueAsync(await SubjectAsync(unitOfWork, user, session.Id), cancellationToken);
        await unitOfWork.CommitAsync();
        return TypedResults.Ok(new TokenResponse(token.Token, token.ExpiresAt));
    }

    /// <summary>Ends a session (log-out); an unknown or already ended session is no error.</summary>
    public static async Task<NoContent> EndAsync(SessionRequest request, Database database, CancellationToken cancellationToken)
    {
        if (OpaqueToken.Parse(OpaqueToken.Session, request.Session) is { } secret)
        {
            await using var unitOfWork = await database.BeginAsync(secret.OrganisationId, cancellationToken);
            await Sessions.EndAsync(unitOfWork, secret);
            await unitOfWork.CommitAsync();
        }

        return TypedResults.NoContent();
    }

    /// <summary>An access token for the service account holding an API key that was not revoked.</summary>
    public static async Task<Results<Ok<TokenResponse>, UnauthorizedHttpResult>> ExchangeApiKeyAsync(
        ApiKeyRequest request, Database database, TokenIssuer tokens, CancellationToken cancellationToken)
    {
        if (OpaqueToken.Parse(OpaqueToken.ApiKey, request.ApiKey) is not { } key)
        {
            return TypedResults.Unauthorized();
        }

        await using var unitOfWork = await database.BeginAsync(key.OrganisationId, cancellationToken);
        var account = await Sessions.UseApiKeyAsync(unitOfWork, key);
        var organisation = await Accounts.FindOrganisationAsync(unitOfWork, key.OrganisationId);
        if (account is null || organisation is null)
        {
            return TypedResults.Unauthorized();
        }

        var token = await tokens.IssueAsync(
            new TokenSubject(account.Id, account.Name, null, organisation.Id, organisation.Kind, account.Roles, null, IsServiceAccount: true),
            cancellationToken);
        await unitOfWork.CommitAsync();
        return TypedResults.Ok(new TokenResponse(token.Token, token.ExpiresAt));
    }

    /// <summary>
    /// The users, sessions and service accounts whose access was taken away since <paramref name="since"/> (by default
    /// the last minute), for the gateway to drop the tokens it holds for them; <c>asOf</c> is the instant to ask from next.
    /// </summary>
    public static async Task<Ok<RevocationsResponse>> RevocationsAsync(DateTimeOffset? since, Database database, CancellationToken cancellationToken)
    {
        await using var unitOfWork = await database.ReadAsync([], cancellationToken);
        var (items, asOf) = await Revocations.SinceAsync(unitOfWork, since ?? DateTimeOffset.UtcNow.AddMinutes(-1));
        return TypedResults.Ok(new RevocationsResponse(items, asOf));
    }

    private static async Task<TokenSubject> SubjectAsync(UnitOfWork unitOfWork, UserAccount user, Guid sessionId)
    {
        var organisation = (await Accounts.FindOrganisationAsync(unitOfWork, user.TenantId))!;
        return new TokenSubject(user.Id, user.DisplayName, user.Email, organisation.Id, organisation.Kind, user.Roles, sessionId, IsServiceAccount: false);
    }
}
