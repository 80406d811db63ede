using Dapper;
using Infogerance.Data;
using Infogerance.TestSupport;
using Npgsql;

namespace Infogerance.BuildingBlocks.Tests;

/// <summary>
/// The platform migrations give every service database the audit log's table, closed until the service chooses
/// how its entries are isolated; a database whose service created the table itself keeps it as it was.
/// </summary>
public sealed class AuditLogTableTests(TestInfrastructure infrastructure)
{
    private static readonly Guid Tenant = Guid.CreateVersion7();

    [Fact]
    public async Task A_new_database_has_the_table_closed_until_its_service_chooses_a_policy()
    {
        await using var db = await TestService.CreateAsync(infrastructure, "audit", messaging: false);
        await using var owner = new NpgsqlConnection(db.Settings.OwnerConnectionString);
        var table = await owner.QuerySingleAsync<(bool Enabled, bool Forced, int Policies)>(
            """
            SELECT c.relrowsecurity, c.relforcerowsecurity, (SELECT count(*)::int FROM pg_policies p WHERE p.tablename = 'audit_log')
            FROM pg_class c WHERE c.relname = 'audit_log'
            """);
        Assert.Equal((true, true, 0), table);
        Assert.True(await owner.ExecuteScalarAsync<bool>("SELECT to_regclass('audit_log_contract') IS NOT NULL"));

        await using var unitOfWork = await db.Database.BeginAsync(Tenant, TestContext.Current.CancellationToken);
        var refused = await Assert.ThrowsAsync<PostgresException>(() =>
            AuditLog.WriteAsync(unitOfWork, Tenant, AuditLog.Actor.System, "item.added", "item", Guid.CreateVersion7(), null, new { Name = "x" }));
        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, refused.SqlState);
    }

    [Fact]
    public async Task A_database_that_already_had_the_table_keeps_its_rows_and_its_policy()
    {
        // The table as a service's first migration created it before the platform did (without contract_id, as
        // Identity's was), with its own policy and an entry.
        var connectionString = await infrastructure.CreateDatabaseAsync("audit");
        var entry = Guid.CreateVersion7();
        await using (var owner = new NpgsqlConnection(connectionString))
        {
            await owner.ExecuteAsync(
                """
                CREATE TABLE audit_log (
                    tenant_id uuid NOT NULL, id uuid NOT NULL, occurred_at timestamptz NOT NULL, actor_id uuid, actor_name text NOT NULL,
                    action text NOT NULL, entity_type text NOT NULL, entity_id uuid NOT NULL, before jsonb, after jsonb,
                    PRIMARY KEY (tenant_id, id));
                INSERT INTO audit_log (tenant_id, id, occurred_at, actor_name, action, entity_type, entity_id)
                VALUES (@Tenant, @entry, now(), 'system', 'item.added', 'item', @entry);
                ALTER TABLE audit_log ENABLE ROW LEVEL SECURITY;
                ALTER TABLE audit_log FORCE ROW LEVEL SECURITY;
                CREATE POLICY earlier ON audit_log USING (tenant_id::text = current_setting('app.tenant_ids', true));
                """,
                new { Tenant, entry });
        }

        await using var db = await TestService.CreateAsync(infrastructure, "audit", databaseConnectionString: connectionString, messaging: false);
        await using (var owner = new NpgsqlConnection(connectionString))
        {
            Assert.Equal(["earlier"], await owner.QueryAsync<string>("SELECT policyname FROM pg_policies WHERE tablename = 'audit_log'"));
            Assert.True(await owner.ExecuteScalarAsync<bool>("SELECT to_regclass('audit_log_contract') IS NOT NULL"));
        }

        await using var unitOfWork = await db.Database.BeginAsync(Tenant, TestContext.Current.CancellationToken);
        var page = await AuditLog.ReadPageAsync(unitOfWork, Tenant, null, 10);
        Assert.Equal(entry, Assert.Single(page.Items).Id);
    }
}
