using System.Text.Json;
using System.Text.Json.Nodes;
using Dapper;
using Infogerance.Data;
using Infogerance.IntegrationEvents;
using Infogerance.Messaging;
using Infogerance.ServiceDefaults;
using Infogerance.TestSupport;
using Microsoft.Extensions.DependencyInjection;
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
            ["platform/0001_platform.sql", "platform/0002_contract_access.sql", "platform/0003_audit_log.sql", "platform/0004_user_scope.sql", "platform/0005_scope_read_once.sql",
             "platform/0006_contract_scope_hashed.sql", "platform/0007_small_tables_analyzed.sql",
             "contract-replica/0001_contract_replica.sql",
             "contract-replica/0002_inventory_quantity.sql", "contract-replica/0003_small_tables_analyzed.sql",
             "replica/0001_test_tables.sql", "replica/0002_contract_items.sql"],
            await owner.QueryAsync<string>("SELECT scriptname FROM schemaversions ORDER BY schemaversionsid"));
        Assert.Equal(Tables.Select(table => (table, true, 1L)).Order(), (await SecurityAsync(owner)).Order());
        // Kept to a handful of rows, they are analyzed once a tenth of them changed: the plans joining them know their size.
        Assert.Equal(["contract_parties", "contract_terms", "contracts", "inventory_versions"], await owner.QueryAsync<string>(
            "SELECT relname::text FROM pg_class WHERE 'autovacuum_analyze_threshold=0' = ANY (reloptions) ORDER BY relname COLLATE \"C\""));
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
        Assert.Contains("contract-replica/0002_inventory_quantity.sql", await owner.QueryAsync<string>("SELECT scriptname FROM schemaversions"));
    }

    [Fact]
    public async Task Inventory_quantities_and_the_terms_invoice_control_reads_travel_into_the_replica()
    {
        var connectionString = await infrastructure.CreateDatabaseAsync("replica");
        using var host = await StartAsync(connectionString, replica: true);
        var (tenant, contract) = (Guid.CreateVersion7(), Guid.CreateVersion7());
        var (workstations, router) = (Guid.CreateVersion7(), Guid.CreateVersion7());
        var terms = Terms with
        {
            Prices = new PriceSchedule
            {
                MonthlyFee = 13_200m,
                WorkUnits = [new("UO-DEV", "Journée de développement", 650m), new("UO-POSTE", "Support d’un poste de travail", 45m, CountedOn: "workstation")],
            },
            InvoiceTolerance = new InvoiceTolerance(1.00m, 0.5m),
        };

        await using (var unitOfWork = await host.Services.GetRequiredService<Database>().BeginAsync(tenant, CancellationToken.None))
        {
            await ContractReplica.ApplyAsync(unitOfWork, new ContractInventoryChanged
            {
                TenantId = tenant,
                ContractId = contract,
                Items = [new(workstations, "workstation", "Postes de travail", "medium", 420), new(router, "network", "Routeur du siège", "high")],
            });
            await ContractReplica.ApplyAsync(unitOfWork, new ContractVersionActivated
            {
                TenantId = tenant, ContractId = contract, ProviderOrganisationId = Guid.CreateVersion7(), VersionNumber = 1,
                EffectiveFrom = terms.StartDate, Terms = terms,
            });
            await unitOfWork.CommitAsync();
        }

        await using var owner = new NpgsqlConnection(connectionString);
        Assert.Equal(
            [("workstation", 420), ("network", 1)],
            await owner.QueryAsync<(string, int)>("SELECT type, quantity FROM inventory_items ORDER BY quantity DESC"));
        var stored = JsonSerializer.Deserialize<ContractTerms>(
            await owner.ExecuteScalarAsync<string>("SELECT terms::text FROM contract_terms") ?? "", EventTypeRegistry.SerializerOptions)!;
        Assert.Equal([null, "workstation"], stored.Prices.WorkUnits.Select(unit => unit.CountedOn));
        Assert.Equal(new InvoiceTolerance(1.00m, 0.5m), stored.InvoiceTolerance);
    }

    [Fact]
    public async Task A_contract_and_its_rows_are_read_together_or_neither_when_the_contract_is_not_seen()
    {
        var connectionString = await infrastructure.CreateDatabaseAsync("replica");
        using var host = await StartAsync(connectionString, replica: true);
        var (tenant, other, contractId) = (Guid.CreateVersion7(), Guid.CreateVersion7(), Guid.CreateVersion7());
        await using (var owner = new NpgsqlConnection(connectionString))
        {
            await owner.ExecuteAsync(
                """
                SELECT set_config('app.tenant_ids', @tenant::text, false);
                INSERT INTO contracts VALUES (@tenant, @contractId, 'ACME-01', gen_random_uuid());
                INSERT INTO contract_terms VALUES (@tenant, @contractId, 1, '2026-01-01', '{}', now()), (@tenant, @contractId, 2, '2027-01-01', '{}', now());
                """,
                new { tenant, contractId });
        }

        const string Versions = "SELECT version_number FROM contract_terms WHERE contract_id = @contractId ORDER BY version_number";
        var database = host.Services.GetRequiredService<Database>();
        await using (var read = await database.ReadAsync(tenant, CancellationToken.None))
        {
            var (contract, versions) = await ContractReplica.ContractAndRowsAsync<int>(read, contractId, Versions);
            Assert.Equal(new ContractSummary(tenant, contractId, "ACME-01", contract!.ProviderOrganisationId), contract);
            Assert.Equal([1, 2], versions);
        }

        await using (var read = await database.ReadAsync(other, CancellationToken.None))
        {
            var (contract, versions) = await ContractReplica.ContractAndRowsAsync<int>(read, contractId, Versions);
            Assert.Null(contract);
            Assert.Empty(versions);
        }

        // Rows the caller sees under a contract it does not (terms replicated before the contract's row): none are given,
        // and in a transaction, which a cancelled command would have aborted, the next statement still runs.
        var unsigned = Guid.CreateVersion7();
        await using (var owner = new NpgsqlConnection(connectionString))
        {
            await owner.ExecuteAsync(
                """
                SELECT set_config('app.tenant_ids', @tenant::text, false);
                INSERT INTO contract_terms VALUES (@tenant, @unsigned, 1, '2026-01-01', '{}', now());
                """,
                new { tenant, unsigned });
        }

        await using (var work = await database.BeginAsync(tenant, CancellationToken.None))
        {
            var (contract, versions) = await ContractReplica.ContractAndRowsAsync<int>(work, unsigned, Versions);
            Assert.Null(contract);
            Assert.Empty(versions);
            Assert.Equal([1], await work.QueryAsync<int>("SELECT version_number FROM contract_terms WHERE contract_id = @unsigned", new { unsigned }));
        }
    }

    [Fact]
    public void Events_and_terms_written_before_quantities_and_tolerances_still_read()
    {
        var item = JsonSerializer.Deserialize<InventoryItemSummary>(
            """{"itemId":"0193a1c2-0000-7000-8000-000000000001","type":"server","name":"SRV-01","criticality":"high"}""",
            EventTypeRegistry.SerializerOptions)!;
        Assert.Equal(1, item.Quantity);

        var written = JsonSerializer.SerializeToNode(Terms, EventTypeRegistry.SerializerOptions)!.AsObject();
        Assert.True(written.Remove("invoiceTolerance"));
        Assert.Null(written.Deserialize<ContractTerms>(EventTypeRegistry.SerializerOptions)!.InvoiceTolerance);
        var unit = JsonSerializer.Deserialize<WorkUnitPrice>("""{"code":"UO-DEV","label":"Développement","unitPrice":650}""", EventTypeRegistry.SerializerOptions)!;
        Assert.Equal(new WorkUnitPrice("UO-DEV", "Développement", 650m), unit);
        Assert.Null(unit.CountedOn);
    }

    [Fact]
    public void Terms_without_a_fee_read_as_a_draft_s_and_compute_with_none()
    {
        var written = JsonSerializer.SerializeToNode(Terms, EventTypeRegistry.SerializerOptions)!.AsObject();
        Assert.True(written["prices"]!.AsObject().Remove("monthlyFee"));
        var read = written.Deserialize<ContractTerms>(EventTypeRegistry.SerializerOptions)!;
        Assert.Null(read.Prices.MonthlyFee);
        Assert.Equal(0m, read.Prices.AgreedFee());
        Assert.Equal(13_200m, Terms.Prices.AgreedFee());
    }

    /// <summary>Terms as any version carries them; the tests set what they look at.</summary>
    private static readonly ContractTerms Terms = new()
    {
        StartDate = new DateOnly(2026, 1, 1),
        InitialTermMonths = 36,
        RenewalPeriodMonths = 12,
        NoticeMonths = 3,
        Prices = new PriceSchedule { MonthlyFee = 13_200m },
        Calendar = new ServiceCalendar { TimeZone = "Europe/Paris", AlwaysOpen = true },
        Sla = new SlaPolicy { Targets = [] },
        Penalties = new PenaltyRules(),
    };

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
