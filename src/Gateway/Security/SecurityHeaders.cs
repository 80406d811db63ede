using Infogerance.ServiceDefaults;
using Infogerance.Validation;

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

        if (context.Request.Path.StartsWithSegments("/api") || context.Request.Path.StartsWithSegments("/bff"))
        {
            // What the API answers is a tenant's data or a session's: no cache on the way, or the browser's, keeps it.
            context.Response.OnStarting(() =>
            {
                if (!context.Response.Headers.ContainsKey("Cache-Control"))
                {
                    context.Response.Headers.CacheControl = "no-store";
                }

                return Task.CompletedTask;
            });
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
            // A 400 naming the header as its field, as for any value that cannot be read, with its own code.
            var missing = GatewayMessages.AntiforgeryMissing(Header);
            var refusal = TypedResults.Problem(Problems.ValidationProblem(FieldErrors.Of(Header, GatewayMessages.AntiforgeryHeaderRequired), StatusCodes.Status400BadRequest));
            refusal.ProblemDetails.Title = GatewayMessages.AntiforgeryMissingTitle.Text;
            refusal.ProblemDetails.Detail = missing.Text;
            refusal.ProblemDetails.Extensions[Problems.CodeKey] = missing.Code;
            refusal.ProblemDetails.Extensions[Problems.ParametersKey] = missing.Parameters;
            return refusal.ExecuteAsync(context);
        }

        return next(context);
    }
}
