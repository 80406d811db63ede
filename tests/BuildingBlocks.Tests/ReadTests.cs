using Dapper;
using Infogerance.Data;
using Infogerance.IntegrationEvents;
using Infogerance.ServiceDefaults;
using Infogerance.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Infogerance.BuildingBlocks.Tests;

/// <summary>
/// A read sends its scope with each of its commands, in their round trip and with no transaction of its own: it sees
/// what a unit of work over the same scope sees, writes nothing, and leaves nothing on its pooled connection.
/// </summary>
public sealed class ReadTests(TestInfrastructure infrastructure)
{
    private static readonly Guid TenantA = Guid.CreateVersion7();
    private static readonly Guid TenantB = Guid.CreateVersion7();

    [Fact]
    public async Task A_read_sees_its_tenant_in_every_command_and_no_other()
    {
        await using var db = await TestService.CreateAsync(infrastructure, "reads", messaging: false);
        await SeedAsync(db, TenantA, "a1", "a2");
        await SeedAsync(db, TenantB, "b1");

        await using var read = await db.Database.ReadAsync(TenantA, TestContext.Current.CancellationToken);
        Assert.Equal(["a1", "a2"], await read.QueryAsync<string>("SELECT name FROM items ORDER BY name"));
        Assert.Equal([TenantA], read.TenantIds);
        Assert.Equal(2, await read.ExecuteScalarAsync<long>("SELECT count(*) FROM items"));
        Assert.Null(await read.QuerySingleOrDefaultAsync<string>("SELECT name FROM items WHERE tenant_id = @TenantB", new { TenantB }));
        Assert.Equal("a1", await read.QuerySingleOrDefaultAsync<string>("SELECT name FROM items WHERE name = @name", new { name = "a1" }));
        using (var results = await read.QueryMultipleAsync("SELECT count(*) FROM items; SELECT min(name) FROM items"))
        {
            Assert.Equal(2, await results.ReadSingleAsync<long>());
            Assert.Equal("a1", await results.ReadSingleAsync<string>());
        }

        // A query's own parameter named as the scope's are named elsewhere does not change the scope.
        Assert.Equal(2, await read.ExecuteScalarAsync<long>(
            "SELECT count(*) FROM items WHERE @tenants::text IS NOT NULL AND @user::text IS NOT NULL", new { tenants = TenantB.ToString(), user = "x" }));

        await using var none = await db.Database.ReadAsync(new CurrentUser(
            Guid.CreateVersion7(), "Admin", TenantA, OrganisationKind.Client, [Roles.TenantAdmin], false, TenantB), CancellationToken.None);
        Assert.Equal(0, await none.ExecuteScalarAsync<long>("SELECT count(*) FROM items"));
    }

    [Fact]
    public async Task A_read_writes_nothing_and_says_so()
    {
        await using var db = await TestService.CreateAsync(infrastructure, "reads", messaging: false);
        await SeedAsync(db, TenantA, "a1");

        await using (var read = await db.Database.ReadAsync(TenantA, TestContext.Current.CancellationToken))
        {
            // Each command of a read commits on its own: a write there would escape the request's all-or-nothing.
            var refused = await Assert.ThrowsAsync<PostgresException>(() => read.QueryAsync<Guid>(
                "INSERT INTO items (tenant_id, id, name) VALUES (@TenantA, @id, 'planted') RETURNING id", new { TenantA, id = Guid.CreateVersion7() }));
            Assert.Equal(PostgresErrorCodes.ReadOnlySqlTransaction, refused.SqlState);
            await Assert.ThrowsAsync<InvalidOperationException>(() => read.ExecuteAsync("UPDATE items SET name = 'changed'"));
            await Assert.ThrowsAsync<InvalidOperationException>(() => read.AddEventAsync(new ContractPartiesChanged
            {
                TenantId = TenantA, ContractId = Guid.CreateVersion7(), ProviderOrganisationId = Guid.CreateVersion7(), IsOpen = true, Version = 1,
            }));
            await Assert.ThrowsAsync<InvalidOperationException>(read.CommitAsync);

            // The connection is still good for the read's next command.
            Assert.Equal(["a1"], await read.QueryAsync<string>("SELECT name FROM items"));
        }

        await using var owner = new NpgsqlConnection(db.Settings.OwnerConnectionString);
        Assert.Equal(["a1"], await owner.QueryAsync<string>("SELECT name FROM items"));
        Assert.Equal(0, await owner.ExecuteScalarAsync<long>("SELECT count(*) FROM outbox_messages"));
    }

    [Fact]
    public async Task A_read_leaves_neither_its_scope_nor_read_only_on_its_connection()
    {
        await using var db = await TestService.CreateAsync(infrastructure, "reads", messaging: false);
        await SeedAsync(db, TenantA, "a1");

        // One connection in the pool: the next user gets the very connection the read used.
        await using var oneConnection = new NpgsqlDataSourceBuilder(db.Settings.AppConnectionString) { ConnectionStringBuilder = { MaxPoolSize = 1 } }.Build();
        var database = new Database(oneConnection, db.Services.GetRequiredService<EventTypeRegistry>(), db.Services.GetRequiredService<OutboxSignal>());
        int readBackend;
        await using (var read = await database.ReadAsync(TenantA, CancellationToken.None))
        {
            readBackend = await read.ExecuteScalarAsync<int>("SELECT pg_backend_pid()");
        }

        await using (var connection = await oneConnection.OpenConnectionAsync(CancellationToken.None))
        {
            var after = await connection.QuerySingleAsync<(int Backend, string? Tenants, string ReadOnly, long Visible)>(
                "SELECT pg_backend_pid(), current_setting('app.tenant_ids', true), current_setting('transaction_read_only'), (SELECT count(*) FROM items)");
            Assert.Equal((readBackend, "", "off", 0L), (after.Backend, after.Tenants ?? "", after.ReadOnly, after.Visible));
        }

        // And a unit of work on it writes as ever.
        await SeedAsync(database, TenantA, "a2");
        await using var again = await database.ReadAsync(TenantA, CancellationToken.None);
        Assert.Equal(["a1", "a2"], await again.QueryAsync<string>("SELECT name FROM items ORDER BY name"));
    }

    private static Task SeedAsync(TestService db, Guid tenant, params string[] names) => SeedAsync(db.Database, tenant, names);

    private static async Task SeedAsync(Database database, Guid tenant, params string[] names)
    {
        await using var unitOfWork = await database.BeginAsync(tenant, CancellationToken.None);
        foreach (var name in names)
        {
            await unitOfWork.ExecuteAsync("INSERT INTO items (tenant_id, id, name) VALUES (@tenant, @id, @name)", new { tenant, id = Guid.CreateVersion7(), name });
        }

        await unitOfWork.CommitAsync();
    }
}
