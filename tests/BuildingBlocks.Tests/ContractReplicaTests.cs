using Dapper;
using Infogerance.Messaging;
using Infogerance.ServiceDefaults;
using Infogerance.TestSupport;
using Microsoft.Extensions.Hosting;
using Npgsql;

namespace Infogerance.BuildingBlocks.Tests;

public sealed class ContractReplicaTests(TestInfrastructure infrastructure)
{
    private static readonly string[] Tables = ["contracts", "contract_terms", "inventory_items", "inventory_versions"];

    [Fact]
    public async Task A_new_database_gets_the_replica_after_the_platform_and_before_the_service_under_row_level_security()
    {
        var connectionString = await infrastructure.CreateDatabaseAsync("replica");
        using var host = await StartAsync(connectionString, replica: true);

        await using var owner = new NpgsqlConnection(connectionString);
        Assert.Equal(
            ["platform/0001_platform.sql", "platform/0002_contract_access.sql", "platform/0003_audit_log.sql", "contract-replica/0001_contract_replica.sql",
             "replica/0001_test_tables.sql", "replica/0002_contract_items.sql"],
            await owner.QueryAsync<string>("SELECT scriptname FROM schemaversions ORDER BY schemaversionsid"));
        Assert.Equal(Tables.Select(table => (table, true, 1L)).Order(), (await SecurityAsync(owner)).Order());
    }

    [Fact]
    public async Task A_database_that_already_keeps_the_tables_is_left_as_it_was()
    {
        var connectionString = await infrastructure.CreateDatabaseAsync("replica");
        using (await StartAsync(connectionString, replica: false))
        {
        }

        // The tables as a service created them before the replica was shared: same names, same security, with rows.
        await using var owner = new NpgsqlConnection(connectionString);
        await owner.ExecuteAsync(
            """
            CREATE TABLE contracts (tenant_id uuid NOT NULL, contract_id uuid NOT NULL, reference text NOT NULL,
                                    provider_organisation_id uuid NOT NULL, PRIMARY KEY (tenant_id, contract_id), UNIQUE (contract_id));
            SELECT enable_contract_rls('contracts');
            CREATE TABLE contract_terms (tenant_id uuid NOT NULL, contract_id uuid NOT NULL, version_number integer NOT NULL,
                                         effective_from date NOT NULL, terms jsonb NOT NULL, activated_at timestamptz NOT NULL,
                                         PRIMARY KEY (tenant_id, contract_id, version_number));
            SELECT enable_contract_rls('contract_terms');
            CREATE TABLE inventory_items (tenant_id uuid NOT NULL, contract_id uuid NOT NULL, item_id uuid NOT NULL, type text NOT NULL,
                                          name text NOT NULL, criticality text NOT NULL, PRIMARY KEY (tenant_id, contract_id, item_id));
            SELECT enable_contract_rls('inventory_items');
            CREATE TABLE inventory_versions (tenant_id uuid NOT NULL, contract_id uuid NOT NULL, as_of timestamptz NOT NULL,
                                             PRIMARY KEY (tenant_id, contract_id));
            SELECT enable_contract_rls('inventory_versions');
            INSERT INTO contracts VALUES (gen_random_uuid(), gen_random_uuid(), 'ACME-01', gen_random_uuid());
            """);

        using var host = await StartAsync(connectionString, replica: true);

        Assert.Contains("contract-replica/0001_contract_replica.sql", await owner.QueryAsync<string>("SELECT scriptname FROM schemaversions"));
        Assert.Equal(Tables.Select(table => (table, true, 1L)).Order(), (await SecurityAsync(owner)).Order());
        Assert.Equal("ACME-01", await owner.ExecuteScalarAsync<string>("SELECT reference FROM contracts"));
    }

    [Fact]
    public void The_replica_is_added_before_the_bus_is_configured()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.AddMessaging("replica");

        var error = Assert.Throws<InvalidOperationException>(() => builder.AddContractReplica());
        Assert.Contains("before AddMessaging", error.Message, StringComparison.Ordinal);
    }

    private async Task<IHost> StartAsync(string connectionString, bool replica)
    {
        var builder = Host.CreateApplicationBuilder();
        if (replica)
        {
            builder.AddContractReplica();
        }

        await builder.UseTestService(infrastructure, "replica", connectionString, messaging: false);
        var host = builder.Build();
        await host.Services.RunStartupTasksAsync(CancellationToken.None);
        return host;
    }

    /// <summary>Each replica table present: whether its row-level security is forced, and how many policies it has.</summary>
    private static async Task<IEnumerable<(string Table, bool Forced, long Policies)>> SecurityAsync(NpgsqlConnection owner) =>
        await owner.QueryAsync<(string, bool, long)>(
            """
            SELECT c.relname, c.relforcerowsecurity, (SELECT count(*) FROM pg_policies p WHERE p.tablename = c.relname)
            FROM pg_class c WHERE c.relname = ANY(@tables) AND c.relkind = 'r'
            """,
            new { tables = Tables });
}
