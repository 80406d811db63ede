using Infogerance.Identity.Tokens;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace Infogerance.Identity.Api;

/// <summary>The public keys that verify access tokens, as JWKS publishes them.</summary>
public sealed record JsonWebKeySet(IReadOnlyList<Dictionary<string, string>> Keys);

/// <summary>OpenID discovery and the JWKS: what the stock JwtBearer handler of every service reads.</summary>
public static class WellKnownApi
{
    public const string JwksPath = "/.well-known/jwks.json";

    public static void MapWellKnownApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/.well-known").AllowAnonymous();
        api.MapGet("/openid-configuration", GetDiscoveryDocument);
        api.MapGet("/jwks.json", GetKeysAsync);
    }

    /// <summary>The OpenID discovery document: the issuer, where its keys are and what its tokens claim.</summary>
    public static Ok<Dictionary<string, object>> GetDiscoveryDocument(IOptions<IdentitySettings> settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var issuer = settings.Value.Issuer.TrimEnd('/');
        return TypedResults.Ok(new Dictionary<string, object>
        {
            ["issuer"] = settings.Value.Issuer,
            ["jwks_uri"] = issuer + JwksPath,
            ["id_token_signing_alg_values_supported"] = new[] { SecurityAlgorithms.EcdsaSha256 },
            ["claims_supported"] = new[] { "sub", "name", "email", "org", "org_kind", "role", "sid", "sub_kind" },
        });
    }

    /// <summary>The published public signing keys: the active one, the next one and those whose tokens may still be valid.</summary>
    public static async Task<Ok<JsonWebKeySet>> GetKeysAsync(SigningKeyRing keys, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(keys);
        return TypedResults.Ok(new JsonWebKeySet([.. (await keys.PublishedKeysAsync(cancellationToken)).Select(PublicJwk)]));
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
