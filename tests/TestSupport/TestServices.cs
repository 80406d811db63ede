using Infogerance.Data;
using Infogerance.Messaging;
using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Infogerance.TestSupport;

public static class TestServices
{
    /// <summary>
    /// Configures <paramref name="builder"/> like a deployed service built from the real building blocks: its own
    /// database (new unless given) with the test tables of <c>Migrations/</c>, the shared broker, the outbox
    /// dispatcher, and the test events. Connection strings use the same names the AppHost sets.
    /// </summary>
    public static async Task UseTestService(
        this IHostApplicationBuilder builder,
        TestInfrastructure infrastructure,
        string service,
        string? databaseConnectionString = null,
        Action<IBusRegistrationConfigurator>? addConsumers = null,
        bool messaging = true)
    {
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            [$"ConnectionStrings:{service}"] = databaseConnectionString ?? await infrastructure.CreateDatabaseAsync("svc"),
            ["ConnectionStrings:messaging"] = infrastructure.RabbitMq.ConnectionString,
        });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);

        builder.AddServiceDatabase(service, typeof(TestServices).Assembly);
        if (messaging)
        {
            builder.AddMessaging(service, addConsumers);
            builder.Services.Configure<OutboxOptions>(options => options.BatchSize = 50);
        }

        builder.Services.AddSingleton(ItemAdded.Registry);
    }
}
