using System.Security.Cryptography;
using System.Text;
using Infogerance.ServiceDefaults;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.IdentityModel.JsonWebTokens;

namespace Infogerance.Gateway.Bff;

/// <summary>An access token obtained for a session cookie or an API key, and the organisation it speaks for.</summary>
public sealed record CachedToken(string AccessToken, DateTimeOffset ExpiresAt, string Organisation);

/// <summary>
/// Turns the credentials a caller presents to the gateway — the session cookie of the SPA, or an API key — into
/// the bearer token the services expect. Tokens are cached until shortly before they expire, so Identity is asked
/// about once a minute per active session, and a deactivation or revocation bites within a minute.
/// </summary>
public sealed class Credentials(IdentityClient identity, IMemoryCache cache, TimeProvider time)
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
            return cached;
        }

        return await issue() is { } token ? Store(key, token) : null;
    }

    private CachedToken Store(string key, IssuedToken token)
    {
        var organisation = new JsonWebToken(token.AccessToken).GetPayloadValue<string>(ClaimNames.Organisation);
        var cached = new CachedToken(token.AccessToken, token.ExpiresAt, organisation);
        var keepFor = token.ExpiresAt - time.GetUtcNow() - RenewBefore;
        return keepFor > TimeSpan.Zero ? cache.Set(key, cached, keepFor) : cached;
    }

    // The secrets themselves never sit in memory as keys.
    private static string Key(string kind, string secret) =>
        $"{kind}:{Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(secret)))}";

    private static string CookieName(HttpRequest request) => request.IsHttps ? SecureCookie : PlainCookie;
}
