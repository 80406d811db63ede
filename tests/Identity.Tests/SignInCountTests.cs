using Infogerance.Data;
using Infogerance.Identity.Data;
using Infogerance.Identity.Domain;
using Infogerance.ServiceDefaults;
using Infogerance.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Infogerance.Identity.Tests;

/// <summary>Two sign-ins of one account at once count one after the other, over a real database.</summary>
public sealed class SignInCountTests(TestInfrastructure infrastructure)
{
    [Fact]
    public async Task A_sign_in_waits_while_another_counts_on_the_same_account_then_counts_from_its_number()
    {
        var cancellation = TestContext.Current.CancellationToken;
        using var host = await IdentityHost.StartAsync(infrastructure, "signincount");
        var database = host.Services.GetRequiredService<Database>();
        var organisation = Guid.CreateVersion7();
        UserAccount user;
        await using (var setup = await database.BeginAsync([organisation], cancellation))
        {
            Assert.True(await Organisations.CreateAsync(setup, organisation, "Verrou SA", OrganisationKind.Client));
            user = await Accounts.CreateUserAsync(setup, new NewUser(organisation, Guid.CreateVersion7(), "jeanne@verrou.example", "Jeanne Verrou",
                [Roles.Requester], "active", "fr"));
            await setup.CommitAsync();
        }

        var now = DateTimeOffset.UtcNow;
        await using var first = await database.BeginAsync([organisation], cancellation);
        var (_, counted) = await Sessions.FindSignInRecordsAsync(first, user, "192.0.2.1");
        Assert.Equal(0, counted.Failures);

        // Another address tries meanwhile: it may not read the count the first is about to change.
        await using (var meanwhile = await database.BeginAsync([organisation], cancellation))
        {
            await meanwhile.ExecuteAsync("SET LOCAL lock_timeout = '300ms'");
            var waited = await Assert.ThrowsAsync<PostgresException>(() => Sessions.FindSignInRecordsAsync(meanwhile, user, "198.51.100.7"));
            Assert.Equal(PostgresErrorCodes.LockNotAvailable, waited.SqlState);
        }

        var failure = new FailureCount(1, now, null);
        await Sessions.RecordFailedLoginAsync(first, user, "192.0.2.1", failure, failure, now.AddDays(-1));
        await first.CommitAsync();

        await using var after = await database.BeginAsync([organisation], cancellation);
        var (address, account) = await Sessions.FindSignInRecordsAsync(after, user, "198.51.100.7");
        Assert.Equal(1, account.Failures);
        Assert.Equal(0, address.Count.Failures);
    }
}
