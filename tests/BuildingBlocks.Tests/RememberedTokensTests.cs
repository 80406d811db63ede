using System.Security.Claims;
using System.Security.Cryptography;
using Infogerance.ServiceDefaults;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Infogerance.BuildingBlocks.Tests;

public sealed class RememberedTokensTests
{
    private readonly ECDsaSecurityKey _key = new(ECDsa.Create(ECCurve.NamedCurves.nistP256)) { KeyId = "k1" };

    [Fact]
    public async Task A_token_checked_once_is_accepted_again_as_a_copy_of_its_identity()
    {
        var handler = new RememberedTokens(TimeProvider.System);
        var token = Issue(_key, TimeSpan.FromMinutes(1));

        var first = await handler.ValidateTokenAsync(token, Parameters(_key));
        first.ClaimsIdentity.AddClaim(new Claim("added", "by a request"));
        var second = await handler.ValidateTokenAsync(token, Parameters(_key));

        Assert.True(first.IsValid);
        Assert.True(second.IsValid);
        Assert.NotSame(first.ClaimsIdentity, second.ClaimsIdentity);
        Assert.Equal("someone", second.ClaimsIdentity.FindFirst("sub")?.Value);
        Assert.Null(second.ClaimsIdentity.FindFirst("added"));
        Assert.Equal(first.SecurityToken.Id, second.SecurityToken.Id);
    }

    [Fact]
    public async Task A_remembered_token_is_refused_once_it_has_expired()
    {
        var handler = new RememberedTokens(TimeProvider.System);
        var token = Issue(_key, TimeSpan.FromSeconds(1));
        Assert.True((await handler.ValidateTokenAsync(token, Parameters(_key))).IsValid);

        await Task.Delay(TimeSpan.FromSeconds(1.5), TestContext.Current.CancellationToken);

        var late = await handler.ValidateTokenAsync(token, Parameters(_key));
        Assert.False(late.IsValid);
        Assert.IsType<SecurityTokenExpiredException>(late.Exception);
    }

    [Fact]
    public async Task A_refused_token_is_not_remembered_and_another_text_is_checked_anew()
    {
        var handler = new RememberedTokens(TimeProvider.System);
        var stranger = new ECDsaSecurityKey(ECDsa.Create(ECCurve.NamedCurves.nistP256)) { KeyId = "k1" };
        var forged = Issue(stranger, TimeSpan.FromMinutes(1));

        Assert.False((await handler.ValidateTokenAsync(forged, Parameters(_key))).IsValid);
        Assert.False((await handler.ValidateTokenAsync(forged, Parameters(_key))).IsValid);

        var token = Issue(_key, TimeSpan.FromMinutes(1));
        Assert.True((await handler.ValidateTokenAsync(token, Parameters(_key))).IsValid);
        var parts = token.Split('.');
        var otherSignature = $"{parts[0]}.{parts[1]}.{forged.Split('.')[2]}";
        Assert.False((await handler.ValidateTokenAsync(otherSignature, Parameters(_key))).IsValid);
    }

    private static string Issue(SecurityKey key, TimeSpan lifetime)
    {
        var now = DateTime.UtcNow;
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = "http://identity", Audience = AuthenticationExtensions.Audience,
            Claims = new Dictionary<string, object> { ["sub"] = "someone" },
            IssuedAt = now.AddMinutes(-1), NotBefore = now.AddMinutes(-1), Expires = now + lifetime,
            SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.EcdsaSha256),
        });
    }

    private static TokenValidationParameters Parameters(SecurityKey key) => new()
    {
        ValidIssuer = "http://identity", ValidAudience = AuthenticationExtensions.Audience, IssuerSigningKey = key, ClockSkew = TimeSpan.Zero,
    };
}
