using System.Security.Claims;
using Infogerance.ServiceDefaults;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace Infogerance.Identity.Tokens;

public sealed record AccessToken(string Token, DateTimeOffset ExpiresAt);

/// <summary>Who a token is for; the claims every service reads through <see cref="CurrentUser"/>.</summary>
public sealed record TokenSubject(
    Guid Id, string Name, string? Email, Guid OrganisationId, OrganisationKind OrganisationKind, IReadOnlyList<string> Roles, Guid? SessionId, bool IsServiceAccount);

public sealed class TokenIssuer(SigningKeyRing keys, IOptions<IdentitySettings> settings, TimeProvider time)
{
    private static readonly JsonWebTokenHandler Handler = new();

    public async Task<AccessToken> IssueAsync(TokenSubject subject, CancellationToken cancellationToken, TimeSpan? lifetime = null)
    {
        var now = time.GetUtcNow();
        var expires = now + (lifetime ?? settings.Value.AccessTokenLifetime);
        List<Claim> claims =
        [
            new(ClaimNames.Subject, subject.Id.ToString()),
            new(ClaimNames.Name, subject.Name),
            new(ClaimNames.Organisation, subject.OrganisationId.ToString()),
            new(ClaimNames.OrganisationKind, subject.OrganisationKind.ToString().ToLowerInvariant()),
            new(ClaimNames.SubjectKind, subject.IsServiceAccount ? "service" : "user"),
            .. subject.Roles.Select(role => new Claim(ClaimNames.Role, role)),
        ];
        if (subject.Email is not null)
        {
            claims.Add(new Claim(ClaimNames.Email, subject.Email));
        }

        if (subject.SessionId is { } session)
        {
            claims.Add(new Claim(ClaimNames.Session, session.ToString()));
        }

        var token = Handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = settings.Value.Issuer,
            Audience = AuthenticationExtensions.Audience,
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = expires.UtcDateTime,
            Subject = new ClaimsIdentity(claims),
            SigningCredentials = await keys.SigningCredentialsAsync(cancellationToken),
        });
        return new AccessToken(token, expires);
    }
}

/// <summary>
/// Lets the Identity service validate its own tokens with the stock JwtBearer handler, reading the keys from the
/// ring instead of fetching its own discovery document over HTTP.
/// </summary>
public sealed class KeyRingConfigurationManager(SigningKeyRing keys, string issuer) : IConfigurationManager<OpenIdConnectConfiguration>
{
    public async Task<OpenIdConnectConfiguration> GetConfigurationAsync(CancellationToken cancel)
    {
        var configuration = new OpenIdConnectConfiguration { Issuer = issuer };
        foreach (var key in await keys.PublishedKeysAsync(cancel))
        {
            configuration.SigningKeys.Add(key);
        }

        return configuration;
    }

    public void RequestRefresh() => keys.RequestReload();
}
