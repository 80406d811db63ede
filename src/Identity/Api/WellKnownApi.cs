using Infogerance.Identity.Tokens;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace Infogerance.Identity.Api;

/// <summary>OpenID discovery and the JWKS: what the stock JwtBearer handler of every service reads.</summary>
public static class WellKnownApi
{
    public const string JwksPath = "/.well-known/jwks.json";

    public static void MapWellKnownApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/.well-known").AllowAnonymous();
        api.MapGet("/openid-configuration", (IOptions<IdentitySettings> settings) =>
        {
            var issuer = settings.Value.Issuer.TrimEnd('/');
            return TypedResults.Ok(new Dictionary<string, object>
            {
                ["issuer"] = settings.Value.Issuer,
                ["jwks_uri"] = issuer + JwksPath,
                ["id_token_signing_alg_values_supported"] = new[] { SecurityAlgorithms.EcdsaSha256 },
                ["claims_supported"] = new[] { "sub", "name", "email", "org", "org_kind", "role", "sid", "sub_kind" },
            });
        });
        api.MapGet("/jwks.json", async (SigningKeyRing keys, CancellationToken cancellationToken) =>
            TypedResults.Ok(new { keys = (await keys.PublishedKeysAsync(cancellationToken)).Select(PublicJwk) }));
    }

    private static Dictionary<string, string> PublicJwk(JsonWebKey key) => new()
    {
        ["kty"] = key.Kty,
        ["crv"] = key.Crv,
        ["x"] = key.X,
        ["y"] = key.Y,
        ["kid"] = key.Kid,
        ["use"] = key.Use,
        ["alg"] = key.Alg,
    };
}
