using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Infogerance.ServiceDefaults;

/// <summary>
/// The "Internal" configuration section: the key the services present to one another on their <c>/internal</c> routes.
/// Set by the AppHost (one key for the whole system, generated at each start) and by the end-to-end system; without
/// it, a service's internal routes answer 404 and its calls to others carry nothing.
/// </summary>
public sealed class InternalCallSettings
{
    /// <summary>Shorter keys are refused, as if none were set.</summary>
    public const int MinimumKeyLength = 32;

    public string? Key { get; set; }

    public bool IsConfigured => Key is { Length: >= MinimumKeyLength };
}

/// <summary>
/// Service-to-service routes: under <c>/internal</c>, never proxied by the gateway, and not trusted on the network's
/// word alone: the caller presents the system's internal key (<see cref="KeyHeader"/>), compared in constant time.
/// </summary>
public static class InternalCalls
{
    public const string Prefix = "/internal";
    public const string KeyHeader = "X-Internal-Key";

    /// <summary>Binds <see cref="InternalCallSettings"/> from the "Internal" section.</summary>
    public static TBuilder AddInternalCalls<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<InternalCallSettings>().BindConfiguration("Internal");
        return builder;
    }

    /// <summary>
    /// A group under <c>/internal</c> that no user's token opens: its endpoints answer only a caller presenting the
    /// internal key (401 otherwise, 404 while the service has none), and stay out of the OpenAPI document.
    /// </summary>
    public static RouteGroupBuilder MapInternalGroup(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        return app.MapGroup(Prefix)
            .AllowAnonymous()
            .ExcludeFromDescription()
            .AddEndpointFilter(async (context, next) =>
            {
                var settings = context.HttpContext.RequestServices.GetRequiredService<IOptions<InternalCallSettings>>().Value;
                if (!settings.IsConfigured)
                {
                    return TypedResults.NotFound();
                }

                return KeyMatches(settings.Key, context.HttpContext.Request.Headers[KeyHeader])
                    ? await next(context)
                    : TypedResults.Unauthorized();
            });
    }

    /// <summary>
    /// Whether <paramref name="presented"/> is <paramref name="expected"/>, in a time that depends on neither (both are
    /// hashed first, so that not even their lengths leak).
    /// </summary>
    public static bool KeyMatches(string? expected, string? presented)
    {
        if (string.IsNullOrEmpty(expected) || string.IsNullOrEmpty(presented))
        {
            return false;
        }

        return CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(expected)), SHA256.HashData(Encoding.UTF8.GetBytes(presented)));
    }

    /// <summary>Adds the internal key to every request of the client built by <paramref name="http"/>.</summary>
    public static IHttpClientBuilder AddInternalKey(this IHttpClientBuilder http)
    {
        ArgumentNullException.ThrowIfNull(http);
        return http.AddHttpMessageHandler(services => new InternalKeyHandler(services.GetRequiredService<IOptions<InternalCallSettings>>().Value));
    }

    private sealed class InternalKeyHandler(InternalCallSettings settings) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (settings.IsConfigured)
            {
                request.Headers.Remove(KeyHeader);
                request.Headers.Add(KeyHeader, settings.Key);
            }

            return base.SendAsync(request, cancellationToken);
        }
    }
}
