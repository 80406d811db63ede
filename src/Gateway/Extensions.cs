using Infogerance.Gateway.Bff;
using Infogerance.Gateway.Security;
using Infogerance.ServiceDefaults;
using Microsoft.AspNetCore.Http.HttpResults;
using Yarp.ReverseProxy.ServiceDiscovery;
using Yarp.ReverseProxy.Transforms;

namespace Infogerance.Gateway;

internal static class Extensions
{
    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.Services.Configure<Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerOptions>(RequestTargetLimit.RaiseKestrelLimit);
        builder.Services.AddOptions<SpaSettings>().BindConfiguration("Spa");
        builder.Services.AddOptions<RateLimitSettings>().BindConfiguration("RateLimits");
        builder.Services.AddReverseProxy()
            .LoadFromConfig(builder.Configuration.GetSection("ReverseProxy"))
            // The session cookie is the gateway's business; services get the bearer token instead.
            .AddTransforms(transforms => transforms.AddRequestHeaderRemove("Cookie"));
        builder.Services.AddSingleton<IDestinationResolver, ServiceDiscoveryDestinationResolver>();
        builder.Services.AddMemoryCache();
        builder.AddInternalCalls();
        builder.Services.AddHttpClient<IdentityClient>(http => http.BaseAddress = new Uri(IdentityClient.BaseAddress)).AddInternalKey();
        builder.Services.AddOptions<DossierSettings>().BindConfiguration("Dossier");
        // A part can take longer to build than the standard handler's attempt timeout, and retrying a heavy export that
        // timed out only adds to the load: one attempt, which ContractDossier bounds, body included, by its own timeout.
        // The removal is marked for evaluation; it is the library's own way to leave the default handler out.
#pragma warning disable EXTEXP0001
        builder.Services.AddHttpClient(ContractDossier.ClientName, http => http.Timeout = Timeout.InfiniteTimeSpan).RemoveAllResilienceHandlers();
#pragma warning restore EXTEXP0001
        builder.Services.AddSingleton<Credentials>();
        builder.Services.AddOptions<RevocationSettings>().BindConfiguration("Revocations");
        builder.Services.AddSingleton<RevokedSubjects>();
        builder.Services.AddHostedService<RevocationFeed>();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.AddGatewayRateLimits();
    }

    /// <summary>The gateway's defences in front of everything, then the BFF's endpoints, the dossier it composes and the proxied routes.</summary>
    public static void MapApplicationEndpoints(this WebApplication app)
    {
        app.UseMiddleware<SecurityHeaders>();
        app.UseMiddleware<RequestTargetLimit>();
        app.UseSpaFiles();
        app.UseMiddleware<AntiforgeryHeader>();
        app.UseRateLimiter();
        app.UseApiReferenceGate();
        app.UseMiddleware<DownstreamCredentials>();
        app.UseMiddleware<ProxyErrors>();

        app.MapInternalEndpointsBlock();
        app.MapBffApi();
        app.MapContractDossier();
        app.MapApiReference();
        app.MapReverseProxy();
    }

    /// <summary>
    /// The services' metrics are for the operators' scraper inside the network, and their internal routes (Identity's
    /// sign-in for the gateway, the services' calls to one another) are not for the outside: the proxy routes (Order 1)
    /// yield to these endpoints (Order 0). Health stays reachable.
    /// </summary>
    public static void MapInternalEndpointsBlock(this WebApplication app)
    {
        app.MapMethods($"/api/{{service}}{ServiceDefaults.Extensions.MetricsPath}", [HttpMethods.Get, HttpMethods.Head], Hidden);
        app.Map($"/api/{{service}}{ServiceDefaults.InternalCalls.Prefix}/{{**rest}}", Hidden);
    }

    /// <summary>404, as for a route that does not exist: the outside is not told what is behind it.</summary>
    private static NotFound Hidden() => TypedResults.NotFound();
}
