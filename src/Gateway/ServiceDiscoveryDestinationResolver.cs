using System.Net;
using Microsoft.Extensions.Primitives;
using Microsoft.Extensions.ServiceDiscovery;
using Yarp.ReverseProxy.Configuration;
using Yarp.ReverseProxy.ServiceDiscovery;

namespace Infogerance.Gateway;

/// <summary>
/// Turns configured destinations such as <c>http://contracts</c> into the addresses service discovery knows
/// (<c>services__contracts__http__0</c> locally, DNS or Kubernetes elsewhere), and re-resolves on change.
/// </summary>
internal sealed class ServiceDiscoveryDestinationResolver(ServiceEndpointResolver resolver) : IDestinationResolver
{
    public async ValueTask<ResolvedDestinationCollection> ResolveDestinationsAsync(
        IReadOnlyDictionary<string, DestinationConfig> destinations, CancellationToken cancellationToken)
    {
        var resolved = new Dictionary<string, DestinationConfig>();
        var changeTokens = new List<IChangeToken>();
        foreach (var (name, destination) in destinations)
        {
            var configured = new Uri(destination.Address);
            var source = await resolver.GetEndpointsAsync(configured.GetLeftPart(UriPartial.Authority), cancellationToken);
            changeTokens.Add(source.ChangeToken);
            var index = 0;
            foreach (var endpoint in source.Endpoints)
            {
                var address = ToUri(endpoint.EndPoint, configured);
                resolved[$"{name}[{index++}]"] = destination with
                {
                    Address = new UriBuilder(address) { Path = configured.AbsolutePath }.Uri.ToString(),
                    Host = destination.Host ?? configured.Host,
                };
            }
        }

        return new ResolvedDestinationCollection(resolved, new CompositeChangeToken(changeTokens));
    }

    private static Uri ToUri(EndPoint endPoint, Uri configured) => endPoint switch
    {
        UriEndPoint uri => uri.Uri,
        IPEndPoint ip => new UriBuilder(configured.Scheme, ip.Address.ToString(), ip.Port).Uri,
        DnsEndPoint dns => new UriBuilder(configured.Scheme, dns.Host, dns.Port).Uri,
        _ => throw new InvalidOperationException($"Service discovery returned an unsupported endpoint {endPoint}."),
    };
}
