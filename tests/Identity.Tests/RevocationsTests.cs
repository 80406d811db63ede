using Infogerance.Data;
using Infogerance.Identity.Data;
using Infogerance.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Infogerance.Identity.Tests;

/// <summary>The feed of lost access the gateway polls, read without a transaction, over a real database.</summary>
public sealed class RevocationsTests(TestInfrastructure infrastructure)
{
    [Fact]
    public async Task The_feed_gives_the_revocations_since_an_instant_and_the_instant_it_read_them_at()
    {
        using var host = await IdentityHost.StartAsync(infrastructure, "revocations");
        var database = host.Services.GetRequiredService<Database>();
        var since = DateTimeOffset.UtcNow.AddMinutes(-1);
        var subject = Guid.NewGuid();
        await using (var unitOfWork = await database.BeginAsync([], CancellationToken.None))
        {
            await Revocations.RecordAsync(unitOfWork, subject);
            await unitOfWork.CommitAsync();
        }

        await using var read = await database.ReadAsync([], CancellationToken.None);
        var (items, asOf) = await Revocations.SinceAsync(read, since);
        var revocation = Assert.Single(items);
        Assert.Equal(subject, revocation.Subject);
        Assert.InRange(revocation.RevokedAt, since, asOf);

        // The next poll asks from the instant of this one: the revocation is not given again.
        var (next, nextAsOf) = await Revocations.SinceAsync(read, asOf.AddMilliseconds(1));
        Assert.Empty(next);
        Assert.True(nextAsOf >= asOf);
    }
}
