using Infogerance.Data;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Infogerance.Identity.Tests;

/// <summary>Identity's database of its own, migrated on a real PostgreSQL, for the tests that read and write it directly.</summary>
internal static class IdentityHost
{
    public static async Task<IHost> StartAsync(TestSupport.TestInfrastructure infrastructure, string database, Action<IServiceCollection>? services = null)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:identity"] = await infrastructure.CreateDatabaseAsync(database),
        });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.AddServiceDatabase("identity", typeof(IdentitySettings).Assembly);
        services?.Invoke(builder.Services);
        var host = builder.Build();
        await host.StartAsync();
        return host;
    }
}
