using Infogerance.Data;
using Infogerance.Messaging;
using Infogerance.Reporting.Data;
using Infogerance.ServiceDefaults;
using Infogerance.TestSupport;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Infogerance.Reporting.Tests;

/// <summary>The Reporting service's database on the test PostgreSQL, migrated as the service migrates it at start-up.</summary>
internal static class ReportingHost
{
    public static async Task<(IHost Host, string ConnectionString)> StartAsync(TestInfrastructure infrastructure, string name, CancellationToken cancellation)
    {
        var connectionString = await infrastructure.CreateDatabaseAsync(name);
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["ConnectionStrings:reporting"] = connectionString });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.AddServiceDatabase("reporting", typeof(ScorecardStore).Assembly);
        builder.Services.AddSingleton(new BuildingBlockMigrations(
            "contract-replica", typeof(ContractReplica).Assembly, "Infogerance.Messaging.ContractReplica.Migrations."));
        var host = builder.Build();
        await host.Services.RunStartupTasksAsync(cancellation);
        return (host, connectionString);
    }
}
