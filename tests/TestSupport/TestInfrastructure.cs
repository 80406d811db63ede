using Infogerance.AppHost.Infrastructure;
using Xunit;

namespace Infogerance.TestSupport;

/// <summary>
/// One PostgreSQL and one RabbitMQ for the whole test run. The test script starts them once for every test
/// assembly and passes them as <c>ConnectionStrings__postgres</c> and <c>ConnectionStrings__messaging</c>;
/// an assembly run on its own (from an IDE) starts private throwaway ones on free ports.
/// Tests isolate themselves with a database each and unique tenant ids.
/// </summary>
public sealed class TestInfrastructure : IAsyncLifetime
{
    private TemporaryDirectory? _dataDirectory;

    public PostgresServer Postgres { get; private set; } = null!;
    public RabbitMqServer RabbitMq { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        var postgres = Environment.GetEnvironmentVariable("ConnectionStrings__postgres");
        var messaging = Environment.GetEnvironmentVariable("ConnectionStrings__messaging");
        if (string.IsNullOrEmpty(postgres) || string.IsNullOrEmpty(messaging))
        {
            _dataDirectory = new TemporaryDirectory("infogerance-tests-");
        }

        var startPostgres = string.IsNullOrEmpty(postgres)
            ? PostgresServer.StartPrivateAsync(Path.Combine(_dataDirectory!.Path, "postgres"), Ports.GetFreePort(), fast: true, CancellationToken.None)
            : Task.FromResult(PostgresServer.UseExisting(postgres));
        var startRabbitMq = string.IsNullOrEmpty(messaging)
            ? RabbitMqServer.StartPrivateAsync(Path.Combine(_dataDirectory!.Path, "rabbitmq"), Ports.GetFreePort(), CancellationToken.None)
            : Task.FromResult(RabbitMqServer.UseExisting(messaging));

        Postgres = await startPostgres;
        RabbitMq = await startRabbitMq;
    }

    /// <summary>Creates an empty database and returns its owner connection string.</summary>
    public async Task<string> CreateDatabaseAsync(string prefix)
    {
        var name = $"{prefix}_{Guid.NewGuid():N}"[..Math.Min(prefix.Length + 13, 50)];
        await Postgres.EnsureDatabaseAsync(name, CancellationToken.None);
        return Postgres.ConnectionStringFor(name);
    }

    public async ValueTask DisposeAsync()
    {
        if (RabbitMq is not null)
        {
            await RabbitMq.DisposeAsync();
        }

        if (Postgres is not null)
        {
            await Postgres.DisposeAsync();
        }

        _dataDirectory?.Dispose();
    }
}
