using Infogerance.Data;
using Infogerance.Identity.Tokens;
using Infogerance.ServiceDefaults;
using Infogerance.TestSupport;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Infogerance.Identity.Tests;

/// <summary>Keys rotate on schedule, each published before it signs and kept after, over a real database.</summary>
public sealed class SigningKeyRotationTests(TestInfrastructure infrastructure)
{
    private static readonly TimeSpan Interval = TimeSpan.FromDays(30);
    private static readonly TimeSpan Lead = TimeSpan.FromHours(1);

    [Fact]
    public async Task A_new_key_is_published_before_it_signs_and_the_old_one_still_validates_after()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 10, 25, 0, 30, 0, TimeSpan.Zero)); // a DST night in Europe
        using var host = await StartAsync(time);
        var keys = host.Services.GetRequiredService<SigningKeyRing>();
        var issuer = host.Services.GetRequiredService<TokenIssuer>();
        var subject = new TokenSubject(Guid.NewGuid(), "Alice", null, Guid.NewGuid(), OrganisationKind.Client, [Roles.TenantAdmin], null, false);

        var first = await issuer.IssueAsync(subject, CancellationToken.None);
        var firstKid = new JsonWebToken(first.Token).Kid;
        Assert.Single(await keys.PublishedKeysAsync(CancellationToken.None));

        // Not yet due: nothing changes.
        time.Advance(Interval - Lead - TimeSpan.FromMinutes(1));
        await keys.RotateIfDueAsync(CancellationToken.None);
        Assert.Single(await keys.PublishedKeysAsync(CancellationToken.None));

        // Due: the next key is published an hour ahead, while the current one keeps signing.
        time.Advance(TimeSpan.FromMinutes(2));
        await keys.RotateIfDueAsync(CancellationToken.None);
        await keys.RotateIfDueAsync(CancellationToken.None); // idempotent
        var published = await keys.PublishedKeysAsync(CancellationToken.None);
        Assert.Equal(2, published.Count);
        Assert.Equal(firstKid, new JsonWebToken((await issuer.IssueAsync(subject, CancellationToken.None)).Token).Kid);

        // Once active, the new key signs; a token of the old key still validates against the published set.
        time.Advance(Lead);
        keys.Invalidate();
        var second = await issuer.IssueAsync(subject, CancellationToken.None);
        var secondKid = new JsonWebToken(second.Token).Kid;
        Assert.NotEqual(firstKid, secondKid);
        Assert.Contains(await keys.PublishedKeysAsync(CancellationToken.None), key => key.Kid == firstKid);

        var validation = new TokenValidationParameters
        {
            ValidIssuer = "http://identity",
            ValidAudience = AuthenticationExtensions.Audience,
            IssuerSigningKeys = await keys.PublishedKeysAsync(CancellationToken.None),
            ValidateLifetime = false,
        };
        Assert.True((await new JsonWebTokenHandler().ValidateTokenAsync(first.Token, validation)).IsValid);
        Assert.True((await new JsonWebTokenHandler().ValidateTokenAsync(second.Token, validation)).IsValid);

        // A day after the old key's last possible use, it is no longer published.
        time.Advance(Interval + TimeSpan.FromDays(1));
        keys.Invalidate();
        await keys.RotateIfDueAsync(CancellationToken.None);
        Assert.DoesNotContain(await keys.PublishedKeysAsync(CancellationToken.None), key => key.Kid == firstKid);
    }

    private Task<IHost> StartAsync(FakeTimeProvider time) =>
        IdentityHost.StartAsync(infrastructure, "keys", services =>
        {
            services.AddSingleton<TimeProvider>(time);
            services.AddSingleton(Options.Create(new IdentitySettings()));
            services.AddSingleton<SigningKeyRing>();
            services.AddSingleton<IStartupTask>(sp => sp.GetRequiredService<SigningKeyRing>());
            services.AddSingleton<TokenIssuer>();
        });
}
