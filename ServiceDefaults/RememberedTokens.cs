using System.Security.Claims;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Infogerance.ServiceDefaults;

/// <summary>
/// The stock token handler, remembering each access token it accepted until that token expires. The gateway sends the
/// same token with every request of a session for up to a minute, and checking its ECDSA signature again was a sixth of
/// a service's CPU per request. A token is taken from memory only as the exact text that was checked, never past its
/// own expiry, and as a copy of the identity read from it, so that nothing one request adds to it reaches the next.
/// </summary>
public sealed class RememberedTokens(TimeProvider clock) : JsonWebTokenHandler
{
    private sealed record Accepted(ClaimsIdentity Identity, JsonWebToken Token, DateTimeOffset ValidTo, string? Issuer);

    // A token is a few hundred bytes: 20,000 of them, a minute's worth of sessions, hold a few megabytes.
    private readonly MemoryCache _accepted = new(new MemoryCacheOptions { SizeLimit = 20_000 });

    public override async Task<TokenValidationResult> ValidateTokenAsync(string token, TokenValidationParameters validationParameters)
    {
        ArgumentNullException.ThrowIfNull(validationParameters);
        if (token is not null && _accepted.TryGetValue(token, out Accepted? accepted) && accepted!.ValidTo > clock.GetUtcNow())
        {
            return new TokenValidationResult
            {
                IsValid = true, ClaimsIdentity = accepted.Identity.Clone(), SecurityToken = accepted.Token, Issuer = accepted.Issuer,
                TokenType = accepted.Token.Typ,
            };
        }

        var result = await base.ValidateTokenAsync(token, validationParameters);
        if (result.IsValid && result.SecurityToken is JsonWebToken checkedToken && result.ClaimsIdentity is { } identity && token is not null)
        {
            // Never later than the token's own end, whatever clock skew the check allowed.
            var validTo = new DateTimeOffset(checkedToken.ValidTo, TimeSpan.Zero);
            _accepted.Set(token, new Accepted(identity.Clone(), checkedToken, validTo, result.Issuer),
                new MemoryCacheEntryOptions { AbsoluteExpiration = validTo, Size = 1 });
        }

        return result;
    }
}
