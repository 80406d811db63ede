using Infogerance.Data;
using Infogerance.ServiceDefaults;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Infogerance.TestSupport;

/// <summary>A service built from the real building blocks: its own database, the shared broker, the outbox dispatcher.</summary>
public sealed class TestService : IAsyncDisposable
{
    private readonly IHost _host;
    private bool _started;

    private TestService(IHost host) => _host = host;

    public IServiceProvider Services => _host.Services;
    public Database Database => Services.GetRequiredService<Database>();
    public ServiceDatabase Settings => Services.GetRequiredService<ServiceDatabase>();

    /// <summary>Builds and migrates the service without starting it (no dispatcher, no consumers).</summary>
    public static async Task<TestService> CreateAsync(
        TestInfrastructure infrastructure,
        string service,
        Action<IBusRegistrationConfigurator>? addConsumers = null,
        string? databaseConnectionString = null,
        bool messaging = true)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = Environments.Development });
        await builder.UseTestService(infrastructure, service, databaseConnectionString, addConsumers, messaging);
        var host = builder.Build();
        await host.Services.RunStartupTasksAsync(CancellationToken.None);
        return new TestService(host);
    }

    public static async Task<TestService> StartAsync(
        TestInfrastructure infrastructure,
        string service,
        Action<IBusRegistrationConfigurator>? addConsumers = null,
        string? databaseConnectionString = null)
    {
        var created = await CreateAsync(infrastructure, service, addConsumers, databaseConnectionString);
        await created._host.StartAsync();
        created._started = true;
        return created;
    }

    public async ValueTask DisposeAsync()
    {
        if (_started)
        {
            _started = false;
            await _host.StopAsync();
        }

        _host.Dispose();
    }
}
