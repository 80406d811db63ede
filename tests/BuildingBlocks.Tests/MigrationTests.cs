using Dapper;
using Infogerance.LocalServers;
using Infogerance.Data;
using Infogerance.ServiceDefaults;
using Infogerance.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;

namespace Infogerance.BuildingBlocks.Tests;

public sealed class MigrationTests(TestInfrastructure infrastructure)
{
    [Fact]
    public async Task Replicas_starting_together_apply_each_script_once()
    {
        var connectionString = await infrastructure.CreateDatabaseAsync("migrate");

        // Four replicas of one service start at the same moment on an empty database.
        var replicas = new List<IHost>();
        for (var i = 0; i < 4; i++)
        {
            var builder = Host.CreateApplicationBuilder();
            await builder.UseTestService(infrastructure, "migrate", connectionString, messaging: false);
            replicas.Add(builder.Build());
        }

        await Task.WhenAll(replicas.Select(r => Task.Run(() => r.Services.RunStartupTasksAsync(CancellationToken.None))));

        await using var owner = new NpgsqlConnection(connectionString);
        var journal = (await owner.QueryAsync<string>("SELECT scriptname FROM schemaversions ORDER BY schemaversionsid")).ToList();
        Assert.Equal(["platform/0001_platform.sql", "platform/0002_contract_access.sql", "platform/0003_audit_log.sql", "platform/0004_user_scope.sql",
            "platform/0005_scope_read_once.sql", "platform/0006_contract_scope_hashed.sql", "platform/0007_small_tables_analyzed.sql",
            "migrate/0001_test_tables.sql", "migrate/0002_contract_items.sql"], journal);
        Assert.True(await owner.ExecuteScalarAsync<bool>("SELECT to_regclass('items') IS NOT NULL AND to_regclass('outbox_messages') IS NOT NULL"));

        // Started again later: nothing new to apply, and the application role still works.
        await replicas[0].Services.RunStartupTasksAsync(CancellationToken.None);
        Assert.Equal(journal.Count, await owner.ExecuteScalarAsync<int>("SELECT count(*) FROM schemaversions"));
        await using var unitOfWork = await replicas[0].Services.GetRequiredService<Database>().BeginAsync(Guid.CreateVersion7(), CancellationToken.None);
        Assert.Equal(0, await unitOfWork.ExecuteScalarAsync<long>("SELECT count(*) FROM items"));

        replicas.ForEach(r => r.Dispose());
    }

    [Fact]
    public async Task An_unreachable_database_fails_the_start_with_one_clear_line()
    {
        var builder = Host.CreateApplicationBuilder();
        await builder.UseTestService(
            infrastructure, "migrate", $"Host=127.0.0.1;Port={Ports.GetFreePort()};Username=u;Password=p;Database=migrate;Timeout=3", messaging: false);
        using var host = builder.Build();

        var error = await Assert.ThrowsAsync<StartupFailedException>(() => host.Services.RunStartupTasksAsync(CancellationToken.None));
        Assert.StartsWith("cannot reach the 'migrate' database at 127.0.0.1:", error.Message);
        Assert.Contains("ConnectionStrings__migrate", error.Message);
        Assert.DoesNotContain('\n', error.Message);
    }
}
