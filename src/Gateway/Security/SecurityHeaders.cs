namespace Infogerance.Gateway.Security;

/// <summary>The browser-side defences of every response: what may load, framing, sniffing, referrers, HTTPS.</summary>
public sealed class SecurityHeaders(RequestDelegate next)
{
    // Mantine sets inline styles, hence 'unsafe-inline' for styles only; scripts come from our origin alone.
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; " +
        "connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    public Task InvokeAsync(HttpContext context)
    {
        var headers = context.Response.Headers;
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        // Invitation links carry their secret in the path: never send it on as a referrer.
        headers["Referrer-Policy"] = "no-referrer";
        headers["Cross-Origin-Opener-Policy"] = "same-origin";
        headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=()";
        if (context.Request.IsHttps)
        {
            headers.StrictTransportSecurity = "max-age=31536000; includeSubDomains";
        }

        return next(context);
    }
}

/// <summary>
/// Cross-site request forgery defence: a state-changing request that rides on the ambient cookie must carry
/// <c>X-CSRF: 1</c>, which a cross-site form cannot add and a cross-site script cannot send without CORS,
/// which the gateway never grants. Callers with their own bearer token or API key carry no ambient credential.
/// </summary>
public sealed class AntiforgeryHeader(RequestDelegate next)
{
    public const string Header = "X-CSRF";

    public Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        var guarded = request.Path.StartsWithSegments("/api") || request.Path.StartsWithSegments("/bff");
        var safe = HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || HttpMethods.IsOptions(request.Method);
        // Only the API serves machine clients; /bff always acts on the cookie.
        var ownCredentials = request.Path.StartsWithSegments("/api")
            && (request.Headers.Authorization.Count > 0 || request.Headers.ContainsKey(Bff.Credentials.ApiKeyHeader));
        if (guarded && !safe && !ownCredentials && request.Headers[Header] != "1")
        {
            return Results.Problem(
                    title: "Missing anti-forgery header",
                    detail: $"State-changing requests must send the header {Header}: 1.",
                    statusCode: StatusCodes.Status400BadRequest,
                    extensions: new Dictionary<string, object?> { ["errors"] = new Dictionary<string, string[]> { [Header] = ["Required, with the value 1."] } })
                .ExecuteAsync(context);
        }

        return next(context);
    }
}
