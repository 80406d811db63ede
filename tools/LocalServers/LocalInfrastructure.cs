using System.Diagnostics;

namespace Infogerance.LocalServers;

/// <param name="ExistingPostgres">An admin connection string to use instead of starting a private server.</param>
/// <param name="ExistingRabbitMq">An AMQP URI to use instead of starting a private broker.</param>
public sealed record InfrastructureOptions(
    string DataDirectory, int PostgresPort, int RabbitMqPort, bool Fast, string? ExistingPostgres, string? ExistingRabbitMq);

/// <summary>PostgreSQL and RabbitMQ, started side by side as RabbitMQ alone takes about ten seconds.</summary>
public sealed class LocalInfrastructure(PostgresServer postgres, RabbitMqServer rabbitMq) : IAsyncDisposable
{
    public PostgresServer Postgres => postgres;

    public RabbitMqServer RabbitMq => rabbitMq;

    public static async Task<LocalInfrastructure> StartAsync(InfrastructureOptions options, CancellationToken ct)
    {
        // The first failure cancels the other start rather than waiting ten seconds for it.
        using var failure = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var postgres = StartOneAsync(failure, token => StartPostgresAsync(options, token));
        var rabbitMq = StartOneAsync(failure, token => StartRabbitMqAsync(options, token));
        try
        {
            await Task.WhenAll(postgres, rabbitMq);
        }
        catch
        {
            await DisposeIfStartedAsync(postgres);
            await DisposeIfStartedAsync(rabbitMq);
            throw;
        }
        return new LocalInfrastructure(postgres.Result, rabbitMq.Result);
    }

    public async ValueTask DisposeAsync() =>
        await Task.WhenAll(rabbitMq.DisposeAsync().AsTask(), postgres.DisposeAsync().AsTask());

    private static async Task<PostgresServer> StartPostgresAsync(InfrastructureOptions options, CancellationToken ct)
    {
        if (options.ExistingPostgres is { } connectionString)
        {
            var existing = PostgresServer.UseExisting(connectionString);
            Terminal.WriteLine("PostgreSQL: the server given by ConnectionStrings__postgres");
            return existing;
        }
        var elapsed = Stopwatch.StartNew();
        var server = await PostgresServer.StartPrivateAsync(
            Path.Combine(options.DataDirectory, "postgres"), options.PostgresPort, options.Fast, ct);
        Terminal.WriteLine($"PostgreSQL ready on 127.0.0.1:{options.PostgresPort} ({Terminal.Seconds(elapsed.Elapsed)})");
        return server;
    }

    private static async Task<RabbitMqServer> StartRabbitMqAsync(InfrastructureOptions options, CancellationToken ct)
    {
        if (options.ExistingRabbitMq is { } uri)
        {
            var existing = RabbitMqServer.UseExisting(uri);
            Terminal.WriteLine("RabbitMQ: the broker given by ConnectionStrings__messaging");
            return existing;
        }
        var elapsed = Stopwatch.StartNew();
        var server = await RabbitMqServer.StartPrivateAsync(Path.Combine(options.DataDirectory, "rabbitmq"), options.RabbitMqPort, ct);
        Terminal.WriteLine($"RabbitMQ ready on 127.0.0.1:{options.RabbitMqPort} ({Terminal.Seconds(elapsed.Elapsed)})");
        return server;
    }

    private static async Task<T> StartOneAsync<T>(CancellationTokenSource failure, Func<CancellationToken, Task<T>> start)
    {
        try
        {
            return await start(failure.Token);
        }
        catch
        {
            await failure.CancelAsync();
            throw;
        }
    }

    private static async Task DisposeIfStartedAsync<T>(Task<T> start) where T : IAsyncDisposable
    {
        if (start.IsCompletedSuccessfully)
        {
            await start.Result.DisposeAsync();
        }
    }
}
