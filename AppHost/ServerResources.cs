using Aspire.Hosting.ApplicationModel;
using Infogerance.LocalServers;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;

namespace Infogerance.AppHost;

/// <summary>
/// PostgreSQL and RabbitMQ: the servers given by <c>ConnectionStrings__postgres</c> / <c>ConnectionStrings__messaging</c>
/// when set, otherwise private ones run from the installed binaries as executable resources (there is no container
/// runtime to run Aspire's own integrations), their data kept under the data folder.
/// </summary>
/// <param name="Private">The executable resource to wait for, when the server is ours.</param>
internal sealed record Server(IResourceBuilder<IResourceWithConnectionString> ConnectionString, IResourceBuilder<IResource>? Private);

internal static class ServerResources
{
    public static async Task<Server> AddPostgresAsync(
        this IDistributedApplicationBuilder builder, string name, string dataDirectory, int port, IReadOnlyList<string> databases)
    {
        if (builder.Configuration.GetConnectionString(name) is { } existing)
        {
            // Created now, as nothing of ours starts or watches that server.
            var server = PostgresServer.UseExisting(existing);
            foreach (var database in databases)
            {
                await server.EnsureDatabaseAsync(database, CancellationToken.None);
            }
            return new Server(builder.AddConnectionString(name), Private: null);
        }

        var launch = PostgresLaunch.Plan(dataDirectory, port, fast: false);
        EnsurePortFree(port, "PostgreSQL", "--postgres-port");
        // Checked now: a data folder out of the postgres user's reach is then one clear line, not a resource failing to start.
        await launch.EnsureReachableAsync();
        // Prepared once, the first time the resource starts: initdb then runs alongside the dashboard's start.
        var prepared = new Lazy<Task<string>>(launch.PrepareAsync);
        var resource = new PostgresResource(name, launch.FileName, dataDirectory, new Prepared(prepared));
        var healthCheck = $"{name}-ready";
        builder.Services.AddHealthChecks().Add(new HealthCheckRegistration(
            healthCheck, _ => new PostgresHealthCheck(prepared, databases), failureStatus: null, tags: null));
        builder.Eventing.Subscribe<BeforeResourceStartedEvent>(resource, (_, _) => prepared.Value);

        var postgres = builder.AddResource(resource)
            .WithArgs([.. launch.Arguments])
            .WithHealthCheck(healthCheck);
        return new Server(postgres, postgres);
    }

    public static Server AddRabbitMq(this IDistributedApplicationBuilder builder, string name, string dataDirectory, int port)
    {
        if (builder.Configuration.GetConnectionString(name) is { } existing)
        {
            RabbitMqServer.UseExisting(existing);
            return new Server(builder.AddConnectionString(name), Private: null);
        }

        var launch = RabbitMqLaunch.Plan(dataDirectory, port);
        EnsurePortFree(port, "RabbitMQ", "--rabbitmq-port");
        var resource = new RabbitMqResource(name, launch.FileName, dataDirectory, launch.ConnectionString);
        var healthCheck = $"{name}-ready";
        builder.Services.AddHealthChecks().AddAsyncCheck(healthCheck, async ct =>
            await RabbitMqServer.AnswersAmqpAsync(port, ct) ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy($"no AMQP answer on port {port}"));
        builder.Eventing.Subscribe<BeforeResourceStartedEvent>(resource, (_, ct) => launch.PrepareAsync(ct));

        var rabbitMq = builder.AddResource(resource)
            // In this mode the script replaces itself with the Erlang VM, so that stopping the resource stops the broker
            // rather than leave it running behind a killed script.
            .WithEnvironment("RUNNING_UNDER_SYSTEMD", "true")
            .WithHealthCheck(healthCheck);
        foreach (var (variable, value) in launch.Environment)
        {
            rabbitMq.WithEnvironment(variable, value);
        }
        return new Server(rabbitMq, rabbitMq);
    }

    /// <summary>The connection string of one database on the server: the server's own, with another database name.</summary>
    public static ReferenceExpression Database(this Server server, string database) =>
        ReferenceExpression.Create($"{new DatabaseConnectionString(server.ConnectionString.Resource, database)}");

    public static void EnsurePortFree(int port, string user, string option)
    {
        if (!Ports.IsFree(port))
        {
            throw new InfrastructureException($"Port {port} is already in use ({user}): free it or choose another with {option}");
        }
    }

    private sealed class PostgresResource(string name, string command, string workingDirectory, Prepared connectionString)
        : ExecutableResource(name, command, workingDirectory), IResourceWithConnectionString
    {
        public ReferenceExpression ConnectionStringExpression => ReferenceExpression.Create($"{connectionString}");
    }

    private sealed class RabbitMqResource(string name, string command, string workingDirectory, string connectionString)
        : ExecutableResource(name, command, workingDirectory), IResourceWithConnectionString
    {
        public ReferenceExpression ConnectionStringExpression => ReferenceExpression.Create($"{connectionString}");
    }

    /// <summary>The admin connection string, known once the data folder is prepared (its password is made by initdb's run).</summary>
    private sealed class Prepared(Lazy<Task<string>> prepared) : IValueProvider, IManifestExpressionProvider
    {
        public string ValueExpression => "{postgres.connectionString}";

        public async ValueTask<string?> GetValueAsync(CancellationToken cancellationToken = default) => await prepared.Value;
    }

    private sealed class DatabaseConnectionString(IResourceWithConnectionString server, string database)
        : IValueProvider, IManifestExpressionProvider, IValueWithReferences
    {
        public string ValueExpression => $"{{{server.Name}.connectionString}};Database={database}";

        public IEnumerable<object> References => [server];

        public async ValueTask<string?> GetValueAsync(CancellationToken cancellationToken = default) =>
            await server.GetConnectionStringAsync(cancellationToken) is { } connectionString
                ? new NpgsqlConnectionStringBuilder(connectionString) { Database = database }.ConnectionString
                : null;
    }

    /// <summary>Ready means ready for the services: the server answers and each service's database exists.</summary>
    private sealed class PostgresHealthCheck(Lazy<Task<string>> prepared, IReadOnlyList<string> databases) : IHealthCheck
    {
        private int databasesCreated;

        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            var connectionString = await prepared.Value;
            var probe = new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false, Timeout = 2 }.ConnectionString;
            if (!await PostgresServer.AnswersQueriesAsync(probe, cancellationToken))
            {
                return HealthCheckResult.Unhealthy("PostgreSQL does not answer queries");
            }
            if (Volatile.Read(ref databasesCreated) == 0)
            {
                var server = PostgresServer.UseExisting(connectionString);
                foreach (var database in databases)
                {
                    await server.EnsureDatabaseAsync(database, cancellationToken);
                }
                Volatile.Write(ref databasesCreated, 1);
            }
            return HealthCheckResult.Healthy();
        }
    }
}
