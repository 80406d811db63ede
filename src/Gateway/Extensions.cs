using Yarp.ReverseProxy.ServiceDiscovery;

namespace Infogerance.Gateway;

internal static class Extensions
{
    /// <summary>
    /// The services' metrics are for the operators' scraper inside the network, not for the internet: the proxy
    /// routes (Order 1) yield to this endpoint (Order 0). Their health stays reachable, as the run check uses it.
    /// </summary>
    public static void MapInternalEndpointsBlock(this WebApplication app) =>
        app.MapMethods($"/api/{{service}}{ServiceDefaults.Extensions.MetricsPath}", [HttpMethods.Get, HttpMethods.Head], () => TypedResults.NotFound());

    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.Services.AddReverseProxy()
            .LoadFromConfig(builder.Configuration.GetSection("ReverseProxy"));
        builder.Services.AddSingleton<IDestinationResolver, ServiceDiscoveryDestinationResolver>();
    }
}
