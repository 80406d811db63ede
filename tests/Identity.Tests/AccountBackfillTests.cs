using Dapper;
using Infogerance.Data;
using Infogerance.IntegrationEvents;
using Infogerance.ServiceDefaults;
using Infogerance.TestSupport;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Infogerance.Identity.Tests;

/// <summary>
/// The accounts that existed before Identity published them reach the other services once, through the
/// migration that added the language and the version, over a real database.
/// </summary>
public sealed class AccountBackfillTests(TestInfrastructure infrastructure)
{
    private const string Script = "identity/0003_account_language_and_version.sql";

    [Fact]
    public async Task Each_account_of_before_is_in_the_outbox_once_as_the_event_the_catalog_reads()
    {
        var cancellation = TestContext.Current.CancellationToken;
        var connectionString = await infrastructure.CreateDatabaseAsync("backfill");
        await StartAsync(connectionString, cancellation);

        // The database as it was before the script: its columns gone, an account written by the former code.
        var organisation = Guid.CreateVersion7();
        var user = Guid.CreateVersion7();
        await AsOwnerAsync(connectionString, cancellation,
            """
            DELETE FROM schemaversions WHERE scriptname = @script;
            ALTER TABLE users DROP COLUMN language, DROP COLUMN version;
            INSERT INTO organisations (id, name, kind, created_at, updated_at) VALUES (@organisation, 'Backfill SA', 'client', now(), now());
            SELECT set_config('app.tenant_ids', @organisation::text, true);
            INSERT INTO users (tenant_id, id, email, display_name, roles, status, created_at, updated_at)
            VALUES (@organisation, @user, 'marie@backfill.example', 'Marie Curie', @roles, 'active', now(), now());
            """,
            new { script = Script, organisation, user, roles = new[] { Roles.TenantAdmin, Roles.Auditor } });

        await StartAsync(connectionString, cancellation);

        await using var connection = new NpgsqlConnection(connectionString);
        var rows = (await connection.QueryAsync<(Guid EventId, Guid TenantId, string EventType, string Payload)>(
            "SELECT event_id, tenant_id, event_type, payload::text FROM outbox_messages")).ToList();
        var row = Assert.Single(rows);
        Assert.Equal("identity.user-account-changed.v1", row.EventType);
        Assert.True(EventTypeRegistry.Default.TryGetType(row.EventType, out var type));
        var published = Assert.IsType<UserAccountChanged>(EventTypeRegistry.Default.Deserialize(row.Payload, type));
        Assert.Equal(row.EventId, published.EventId);
        Assert.Equal(organisation, row.TenantId);
        Assert.Equal(organisation, published.TenantId);
        Assert.Equal(user, published.UserId);
        Assert.Equal("client", published.OrganisationKind);
        Assert.Equal("marie@backfill.example", published.Email);
        Assert.Equal("Marie Curie", published.DisplayName);
        Assert.Equal([Roles.TenantAdmin, Roles.Auditor], published.Roles);
        Assert.Equal("active", published.Status);
        Assert.Equal("fr", published.Language);
        Assert.Equal(1, published.Version);
        Assert.True(DateTimeOffset.UtcNow - published.OccurredAt < TimeSpan.FromMinutes(5));

        // Started again, the script is not: nothing is published twice.
        await StartAsync(connectionString, cancellation);
        Assert.Equal(1, await connection.ExecuteScalarAsync<int>("SELECT count(*) FROM outbox_messages"));
    }

    [Fact]
    public async Task Each_account_is_announced_again_once_as_it_now_is_for_the_services_with_a_new_queue()
    {
        var cancellation = TestContext.Current.CancellationToken;
        var connectionString = await infrastructure.CreateDatabaseAsync("announce");
        await StartAsync(connectionString, cancellation);

        // The database before the script, with an account at version 3 (changed twice since its creation).
        var organisation = Guid.CreateVersion7();
        var user = Guid.CreateVersion7();
        await AsOwnerAsync(connectionString, cancellation,
            """
            DELETE FROM schemaversions WHERE scriptname = 'identity/0007_announce_accounts_again.sql';
            INSERT INTO organisations (id, name, kind, created_at, updated_at) VALUES (@organisation, 'Antares Bis', 'provider', now(), now());
            SELECT set_config('app.tenant_ids', @organisation::text, true);
            INSERT INTO users (tenant_id, id, email, display_name, roles, status, language, created_at, updated_at, version)
            VALUES (@organisation, @user, 'karim@antares-bis.example', 'Karim Benali', @roles, 'deactivated', 'en', now(), now(), 3);
            """,
            new { organisation, user, roles = new[] { Roles.AgentL2 } });

        await StartAsync(connectionString, cancellation);
        await StartAsync(connectionString, cancellation);

        await using var connection = new NpgsqlConnection(connectionString);
        var payload = Assert.Single(await connection.QueryAsync<string>("SELECT payload::text FROM outbox_messages"));
        var published = Assert.IsType<UserAccountChanged>(EventTypeRegistry.Default.Deserialize(payload, typeof(UserAccountChanged)));
        Assert.Equal((organisation, user, "provider", "Karim Benali", "deactivated", "en", 3L),
            (published.TenantId, published.UserId, published.OrganisationKind, published.DisplayName, published.Status, published.Language, published.Version));
        Assert.Equal([Roles.AgentL2], published.Roles);
    }

    /// <summary>Runs <paramref name="sql"/> in one transaction as the database's owner (bound by row-level security all the same).</summary>
    private static async Task AsOwnerAsync(string connectionString, CancellationToken cancellationToken, string sql, object parameters)
    {
        await using var owner = new NpgsqlConnection(connectionString);
        await owner.OpenAsync(cancellationToken);
        await using var transaction = await owner.BeginTransactionAsync(cancellationToken);
        await owner.ExecuteAsync(sql, parameters, transaction);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>Starts Identity's database as a new replica of the service would: it migrates what is left to migrate.</summary>
    private static async Task StartAsync(string connectionString, CancellationToken cancellationToken)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["ConnectionStrings:identity"] = connectionString });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.AddServiceDatabase("identity", typeof(IdentitySettings).Assembly);
        using var host = builder.Build();
        await host.Services.RunStartupTasksAsync(cancellationToken);
    }
}
