using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Infogerance.Gateway.Bff;
using Infogerance.Gateway.Security;
using Infogerance.ServiceDefaults;
using Scalar.AspNetCore;

namespace Infogerance.Gateway;

/// <summary>
/// The API reference for people integrating with the platform: every service's OpenAPI document, fetched through
/// the proxy with the reader's own session, so each service still decides who may read it.
/// </summary>
public static partial class ApiReference
{
    public const string Path = "/api/docs";

    /// <summary>The services behind the gateway: one proxy route each (configuration "ReverseProxy:Routes").</summary>
    private static IEnumerable<string> Services(IConfiguration configuration) =>
        configuration.GetSection("ReverseProxy:Routes").GetChildren().Select(route => route.Key);

    /// <summary>
    /// Before the credentials are exchanged for the proxy: a browser whose session has ended is sent to sign in
    /// again rather than answered with a bare 401.
    /// </summary>
    public static void UseApiReferenceGate(this WebApplication app) =>
        app.UseWhen(context => context.Request.Path.StartsWithSegments(Path), branch => branch
            .UseMiddleware<SignedInOnly>()
            .UseMiddleware<InlineScriptHashes>());

    public static void MapApiReference(this WebApplication app)
    {
        app.MapScalarApiReference(Path, options =>
        {
            options.WithTitle("Infogérance API")
                // Everything the page needs comes from the gateway itself: no fonts or telemetry from elsewhere.
                .DisableDefaultFonts()
                .DisableTelemetry()
                // Each service's own document, through the proxy route that the service's name selects.
                .WithOpenApiRoutePattern($"/api/{{documentName}}{OpenApiDefaults.DocumentPath}");
            foreach (var service in Services(app.Configuration))
            {
                options.AddDocument(service, $"{char.ToUpperInvariant(service[0])}{service[1..]}");
            }
        });
    }

    /// <summary>
    /// The reference is for signed-in people: a session cookie Identity still honours. A browser without one is
    /// sent to the sign-in page; anything else gets 401.
    /// </summary>
    private sealed class SignedInOnly(RequestDelegate next)
    {
        public async Task InvokeAsync(HttpContext context, Credentials credentials)
        {
            if (Credentials.SessionOf(context.Request) is { } session
                && await credentials.ForSessionAsync(session, context.RequestAborted) is not null)
            {
                await next(context);
                return;
            }

            if (context.Request.Headers.Accept.Any(accept => accept?.Contains("text/html", StringComparison.OrdinalIgnoreCase) == true))
            {
                context.Response.Redirect("/login");
                return;
            }

            await Results.Problem(title: "Sign in first", detail: "The API reference is for signed-in users.", statusCode: StatusCodes.Status401Unauthorized)
                .ExecuteAsync(context);
        }
    }

    /// <summary>
    /// Scalar's page starts its bundle from one inline script, which the gateway's policy (scripts from our origin
    /// only) would block. Rather than allow inline scripts, the page's own inline scripts are allowed by their hash:
    /// anything injected into it still is not. Its assets (the paths with an extension) pass untouched.
    /// </summary>
    private sealed class InlineScriptHashes(RequestDelegate next)
    {
        public async Task InvokeAsync(HttpContext context)
        {
            if (System.IO.Path.HasExtension(context.Request.Path.Value))
            {
                await next(context);
                return;
            }

            var body = context.Response.Body;
            using var page = new MemoryStream();
            context.Response.Body = page;
            try
            {
                await next(context);
            }
            finally
            {
                context.Response.Body = body;
            }

            if (context.Response.ContentType?.StartsWith("text/html", StringComparison.OrdinalIgnoreCase) == true)
            {
                var hashes = InlineScript().Matches(Encoding.UTF8.GetString(page.GetBuffer(), 0, (int)page.Length))
                    .Select(script => $"'sha256-{Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(script.Groups["code"].Value)))}'");
                context.Response.Headers.ContentSecurityPolicy = SecurityHeaders.ContentSecurityPolicy
                    .Replace("script-src 'self'", $"script-src 'self' {string.Join(' ', hashes)}", StringComparison.Ordinal);
            }

            page.Position = 0;
            await page.CopyToAsync(body, context.RequestAborted);
        }
    }

    [GeneratedRegex(@"<script(?![^>]*\bsrc=)[^>]*>(?<code>.*?)</script>", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex InlineScript();
}
