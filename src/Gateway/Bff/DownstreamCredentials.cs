using Infogerance.Gateway.Security;

namespace Infogerance.Gateway.Bff;

/// <summary>
/// Before a request is proxied to a service: a caller with its own bearer token goes through as it is; an API key
/// or the SPA's session cookie is exchanged for a bearer token. Cookies never travel past the gateway.
/// </summary>
public sealed class DownstreamCredentials(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context, Credentials credentials, TenantRateLimiter tenantLimits, RevokedSubjects revoked)
    {
        var request = context.Request;
        if (!request.Path.StartsWithSegments("/api"))
        {
            await next(context);
            return;
        }

        if (request.Headers.Authorization.Count > 0)
        {
            // The services check the token's signature and expiry; whether its holder lost their access since is known here.
            if (BearerOf(request) is { } bearer && revoked.Revokes(bearer.Subject, bearer.Session, bearer.IssuedAt))
            {
                await GatewayMessages.Problem(StatusCodes.Status401Unauthorized, GatewayMessages.SessionEndedTitle, GatewayMessages.SessionEnded)
                    .ExecuteAsync(context);
                return;
            }

            await next(context);
            return;
        }

        CachedToken? token = null;
        if (request.Headers[Credentials.ApiKeyHeader].FirstOrDefault() is { } apiKey)
        {
            token = await credentials.ForApiKeyAsync(apiKey, context.RequestAborted);
            if (token is null)
            {
                await GatewayMessages.Problem(StatusCodes.Status401Unauthorized, GatewayMessages.ApiKeyInvalidTitle, GatewayMessages.ApiKeyInvalid)
                    .ExecuteAsync(context);
                return;
            }

            request.Headers.Remove(Credentials.ApiKeyHeader);
        }
        else if (Credentials.SessionOf(request) is { } session)
        {
            token = await credentials.ForSessionAsync(session, context.RequestAborted);
            if (token is null)
            {
                Credentials.ClearSession(context.Response);
                await GatewayMessages.Problem(StatusCodes.Status401Unauthorized, GatewayMessages.SessionEndedTitle, GatewayMessages.SessionEnded)
                    .ExecuteAsync(context);
                return;
            }
        }

        if (token is not null)
        {
            using var lease = tenantLimits.Acquire(token.Organisation);
            if (!lease.IsAcquired)
            {
                await RateLimits.RejectAsync(context, lease);
                return;
            }

            request.Headers.Authorization = $"Bearer {token.AccessToken}";
        }

        await next(context);
    }

    private static CachedToken? BearerOf(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        try
        {
            return CachedToken.Of(header["Bearer ".Length..].Trim(), DateTimeOffset.MaxValue);
        }
        catch (Exception exception) when (exception is ArgumentException or FormatException or System.Text.Json.JsonException)
        {
            return null; // Not a token at all: the service refuses it.
        }
    }
}
