using System.Security.Cryptography;
using System.Text;
using Infogerance.ServiceDefaults;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.IdentityModel.JsonWebTokens;

namespace Infogerance.Gateway.Bff;

/// <summary>
/// An access token obtained for a session cookie or an API key, the organisation it speaks for, and whom it was issued
/// to when (for <see cref="RevokedSubjects"/>).
/// </summary>
public sealed record CachedToken(string AccessToken, DateTimeOffset ExpiresAt, string Organisation, Guid? Subject, Guid? Session, DateTimeOffset IssuedAt)
{
    public static CachedToken Of(string accessToken, DateTimeOffset expiresAt)
    {
        var jwt = new JsonWebToken(accessToken);
        return new CachedToken(accessToken, expiresAt, jwt.GetPayloadValue<string>(ClaimNames.Organisation),
            GuidClaim(jwt, ClaimNames.Subject), GuidClaim(jwt, ClaimNames.Session),
            jwt.IssuedAt == DateTime.MinValue ? DateTimeOffset.MinValue : new DateTimeOffset(DateTime.SpecifyKind(jwt.IssuedAt, DateTimeKind.Utc)));
    }

    private static Guid? GuidClaim(JsonWebToken jwt, string name) =>
        jwt.TryGetPayloadValue<string>(name, out var value) && Guid.TryParse(value, out var id) ? id : null;
}

/// <summary>
/// Turns the credentials a caller presents to the gateway — the session cookie of the SPA, or an API key — into
/// the bearer token the services expect. Tokens are cached until shortly before they expire, so Identity is asked
/// about once a minute per active session; a token whose user, session or service account lost its access is dropped
/// as soon as the gateway hears of it (<see cref="RevokedSubjects"/>, within a couple of seconds).
/// </summary>
public sealed class Credentials(IdentityClient identity, IMemoryCache cache, TimeProvider time, RevokedSubjects revoked)
{
    public const string ApiKeyHeader = "X-Api-Key";
    private const string SecureCookie = "__Host-ifg-session";
    private const string PlainCookie = "ifg-session";
    private static readonly TimeSpan RenewBefore = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Over HTTPS only the <c>__Host-</c> cookie counts: it cannot have been planted by a network attacker or a
    /// sibling domain (session fixation), unlike a plain cookie of the same site.
    /// </summary>
    public static string? SessionOf(HttpRequest request) => request.Cookies[CookieName(request)];

    public static void SetSession(HttpResponse response, string session) =>
        response.Cookies.Append(CookieName(response.HttpContext.Request), session, new CookieOptions
        {
            HttpOnly = true,
            Secure = response.HttpContext.Request.IsHttps,
            SameSite = SameSiteMode.Strict,
            Path = "/",
            IsEssential = true,
        });

    public static void ClearSession(HttpResponse response) =>
        response.Cookies.Delete(CookieName(response.HttpContext.Request), new CookieOptions
        {
            HttpOnly = true,
            Secure = response.HttpContext.Request.IsHttps,
            SameSite = SameSiteMode.Strict,
            Path = "/",
        });

    public void Remember(string session, IssuedToken token) => Store(Key("session", session), token);

    public void Forget(string session) => cache.Remove(Key("session", session));

    /// <summary>A token for the session, or null when Identity says the session is over.</summary>
    public Task<CachedToken?> ForSessionAsync(string session, CancellationToken cancellationToken) =>
        GetAsync(Key("session", session), () => identity.RefreshAsync(session, cancellationToken));

    public Task<CachedToken?> ForApiKeyAsync(string apiKey, CancellationToken cancellationToken) =>
        GetAsync(Key("api-key", apiKey), () => identity.ExchangeApiKeyAsync(apiKey, cancellationToken));

    private async Task<CachedToken?> GetAsync(string key, Func<Task<IssuedToken?>> issue)
    {
        if (cache.TryGetValue<CachedToken>(key, out var cached) && cached is not null)
        {
            if (!revoked.Revokes(cached.Subject, cached.Session, cached.IssuedAt))
            {
                return cached;
            }

            cache.Remove(key);
        }

        return await issue() is { } token ? Store(key, token) : null;
    }

    private CachedToken Store(string key, IssuedToken token)
    {
        var cached = CachedToken.Of(token.AccessToken, token.ExpiresAt);
        var keepFor = token.ExpiresAt - time.GetUtcNow() - RenewBefore;
        return keepFor > TimeSpan.Zero ? cache.Set(key, cached, keepFor) : cached;
    }

    // The secrets themselves never sit in memory as keys.
    private static string Key(string kind, string secret) =>
        $"{kind}:{Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(secret)))}";

    private static string CookieName(HttpRequest request) => request.IsHttps ? SecureCookie : PlainCookie;
}
