using System.Reflection;
using Infogerance.ServiceDefaults;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Infogerance.Data;

public static class Extensions
{
    /// <summary>
    /// The service's database from <c>ConnectionStrings__{name}</c>: migrated at start-up (platform scripts, then
    /// the <c>Migrations/*.sql</c> embedded in <paramref name="migrations"/>), then used through <see cref="Database"/>.
    /// </summary>
    public static IHostApplicationBuilder AddServiceDatabase(this IHostApplicationBuilder builder, string name, Assembly migrations)
    {
        var services = builder.Services;
        // Read lazily: a missing or bad connection string is reported by the start-up task as one clear line.
        services.AddSingleton(sp => ServiceDatabase.FromConnectionString(name, builder.Configuration.GetConnectionString(name)));
        services.AddSingleton(sp => new NpgsqlDataSourceBuilder(sp.GetRequiredService<ServiceDatabase>().AppConnectionString)
            .UseLoggerFactory(sp.GetRequiredService<ILoggerFactory>())
            .Build());
        services.AddSingleton(sp => new DatabaseMigrator(
            sp.GetRequiredService<ServiceDatabase>(), migrations, sp.GetServices<BuildingBlockMigrations>(), sp.GetRequiredService<ILogger<DatabaseMigrator>>()));
        services.AddStartupTaskRunner().AddSingleton<IStartupTask>(sp => sp.GetRequiredService<DatabaseMigrator>());
        services.AddSingleton(EventTypeRegistry.Default);
        services.AddSingleton<OutboxSignal>();
        services.AddSingleton<Database>();
        services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database", tags: [HealthTags.Ready]);
        DapperConventions.Apply();
        return builder;
    }
}
