using Infogerance.LocalServers;
using Xunit;

namespace Infogerance.TestSupport;

/// <summary>
/// One PostgreSQL and one RabbitMQ for the whole test run. The test script starts them once for every test
/// assembly and passes them as <c>ConnectionStrings__postgres</c> and <c>ConnectionStrings__messaging</c>;
/// an assembly run on its own (from an IDE) starts private throwaway ones on free ports, as the AppHost would.
/// Tests isolate themselves with a database each and unique tenant ids.
/// </summary>
public sealed class TestInfrastructure : IAsyncLifetime
{
    private readonly TemporaryDirectory _dataDirectory = new("infogerance-tests-");
    private LocalInfrastructure? _servers;

    public PostgresServer Postgres => _servers!.Postgres;
    public RabbitMqServer RabbitMq => _servers!.RabbitMq;

    public async ValueTask InitializeAsync() =>
        _servers = await LocalInfrastructure.StartAsync(
            new InfrastructureOptions(
                _dataDirectory.Path, Ports.GetFreePort(), Ports.GetFreePort(), Fast: true,
                Environment.GetEnvironmentVariable("ConnectionStrings__postgres"),
                Environment.GetEnvironmentVariable("ConnectionStrings__messaging")),
            CancellationToken.None);

    /// <summary>Creates an empty database and returns its owner connection string.</summary>
    public async Task<string> CreateDatabaseAsync(string prefix)
    {
        var name = $"{prefix}_{Guid.NewGuid():N}"[..Math.Min(prefix.Length + 13, 50)];
        await Postgres.EnsureDatabaseAsync(name, CancellationToken.None);
        return Postgres.ConnectionStringFor(name);
    }

    public async ValueTask DisposeAsync()
    {
        if (_servers is not null)
        {
            await _servers.DisposeAsync();
        }

        _dataDirectory.Dispose();
    }
}
