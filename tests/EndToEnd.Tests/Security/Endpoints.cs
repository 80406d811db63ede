using System.Text;
using Infogerance.DemoData;
using Infogerance.ServiceDefaults;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;

namespace Infogerance.EndToEnd.Tests.Security;

/// <summary>What the sweeps over every mapped endpoint need to know of one: who it admits, and a path to call it by.</summary>
internal static class Endpoints
{
    /// <summary>The roles the endpoint's policies admit; every role when they name none.</summary>
    public static async Task<IReadOnlyList<string>> AllowedRolesAsync(RouteEndpoint endpoint, IAuthorizationPolicyProvider policies)
    {
        var policy = await AuthorizationPolicy.CombineAsync(policies, endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>(), endpoint.Metadata.GetOrderedMetadata<AuthorizationPolicy>())
            ?? await policies.GetFallbackPolicyAsync();
        var roles = policy?.Requirements.OfType<RolesAuthorizationRequirement>().SelectMany(r => r.AllowedRoles).ToList();
        return roles is { Count: > 0 } ? roles : Roles.All;
    }

    /// <summary>The endpoint's route with <paramref name="value"/> for each parameter.</summary>
    public static string Path(RouteEndpoint endpoint, Func<RoutePatternParameterPart, string> value)
    {
        var path = new StringBuilder();
        foreach (var segment in endpoint.RoutePattern.PathSegments)
        {
            path.Append('/');
            foreach (var part in segment.Parts)
            {
                path.Append(part switch
                {
                    RoutePatternLiteralPart literal => literal.Content,
                    RoutePatternParameterPart parameter => value(parameter),
                    _ => "",
                });
            }
        }

        return path.Length == 0 ? "/" : path.ToString();
    }

    public static OrganisationKind KindOf(string role) =>
        Enum.GetValues<OrganisationKind>().First(kind => Roles.Of(kind).Contains(role));

    /// <summary>A demo organisation whose users may hold <paramref name="role"/>.</summary>
    public static Guid HomeOf(string role) => KindOf(role) switch
    {
        OrganisationKind.Client => DemoWorld.Acme,
        OrganisationKind.Provider => DemoWorld.Antares,
        _ => DemoWorld.Platform,
    };

    /// <summary>Another demo organisation of the same kind, which must not see the first one's objects.</summary>
    public static Guid OtherTenantOf(string role) => KindOf(role) switch
    {
        OrganisationKind.Client => DemoWorld.Belvedere,
        OrganisationKind.Provider => DemoWorld.Nordlys,
        _ => DemoWorld.Platform,
    };
}
