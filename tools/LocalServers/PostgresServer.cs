using System.Diagnostics;
using System.Globalization;
using Npgsql;

namespace Infogerance.LocalServers;

/// <summary>
/// A PostgreSQL server for local runs and tests: either a private one started from the installed binaries
/// under a data folder (initialised on first use, kept afterwards), or an existing one given by an admin
/// connection string, which is never stopped.
/// </summary>
public sealed class PostgresServer : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(60);

    private readonly PrivateServer? privateServer;
    private int disposed;

    private PostgresServer(string adminConnectionString, PrivateServer? privateServer)
    {
        AdminConnectionString = adminConnectionString;
        this.privateServer = privateServer;
    }

    public string AdminConnectionString { get; }

    public static PostgresServer UseExisting(string adminConnectionString)
    {
        NpgsqlConnectionStringBuilder settings;
        try
        {
            settings = new NpgsqlConnectionStringBuilder(adminConnectionString);
        }
        catch (ArgumentException e)
        {
            throw Invalid(e.Message);
        }
        return string.IsNullOrEmpty(settings.Host) ? throw Invalid("no Host") : new PostgresServer(adminConnectionString, privateServer: null);

        static InfrastructureException Invalid(string reason) =>
            new($"Invalid PostgreSQL connection string ({reason}): expected Host=…;Port=…;Username=…;Password=…");
    }

    public static Task<PostgresServer> StartPrivateAsync(string dataDirectory, int port, CancellationToken ct) =>
        StartPrivateAsync(dataDirectory, port, fast: false, ct);

    /// <param name="fast">Turns fsync off: for throwaway test data only, as a machine crash can then corrupt it.</param>
    public static async Task<PostgresServer> StartPrivateAsync(string dataDirectory, int port, bool fast, CancellationToken ct)
    {
        var launch = PostgresLaunch.Plan(dataDirectory, port, fast);
        if (!Ports.IsFree(port))
        {
            throw new InfrastructureException($"Port {port} is already in use (PostgreSQL): free it or choose another with --postgres-port");
        }
        var adminConnectionString = await launch.PrepareAsync();
        var process = ChildProcess.StartLogged(launch.FileName, launch.Arguments, launch.Log);

        var server = new PostgresServer(adminConnectionString, new PrivateServer(process, launch));
        try
        {
            await server.WaitUntilReadyAsync(server.privateServer!, ct);
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    public string ConnectionStringFor(string database) =>
        new NpgsqlConnectionStringBuilder(AdminConnectionString) { Database = ValidDatabaseName(database) }.ConnectionString;

    public async Task EnsureDatabaseAsync(string database, CancellationToken ct)
    {
        ValidDatabaseName(database);
        try
        {
            await using var connection = new NpgsqlConnection(
                new NpgsqlConnectionStringBuilder(AdminConnectionString) { Pooling = false }.ConnectionString);
            await connection.OpenAsync(ct);

            await using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = $1", connection)
            {
                Parameters = { new() { Value = database } },
            };
            if (await exists.ExecuteScalarAsync(ct) is not null) return;

            // CREATE DATABASE takes no parameters; the name is a validated identifier.
            await using var create = new NpgsqlCommand($"""CREATE DATABASE "{database}" """, connection);
            await create.ExecuteNonQueryAsync(ct);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.DuplicateDatabase)
        {
            // Another caller created it meanwhile, which is all we wanted.
        }
        catch (NpgsqlException e)
        {
            var server = new NpgsqlConnectionStringBuilder(AdminConnectionString);
            throw new InfrastructureException(
                $"Cannot create database '{database}' on PostgreSQL at {server.Host}:{server.Port}: {e.Message}");
        }
    }

    public async ValueTask DisposeAsync()
    {
        // An existing server is not ours to stop.
        if (privateServer is not { } server || Interlocked.Exchange(ref disposed, 1) == 1) return;

        if (!server.Process.HasExited)
        {
            var (fileName, arguments) = server.Launch.PgCtl(["stop", "-D", server.Launch.PgData, "-m", "fast", "-w", "-t", "30"]);
            await ChildProcess.RunAsync(fileName, arguments, CommandTimeout);
        }
        await ChildProcess.WaitOrKillAsync(server.Process, TimeSpan.FromSeconds(10));
        server.Process.Dispose();
    }

    private async Task WaitUntilReadyAsync(PrivateServer server, CancellationToken ct)
    {
        var probe = new NpgsqlConnectionStringBuilder(AdminConnectionString) { Pooling = false, Timeout = 2 }.ConnectionString;
        var elapsed = Stopwatch.StartNew();
        while (elapsed.Elapsed < StartTimeout)
        {
            if (server.Process.HasExited)
            {
                throw new InfrastructureException(
                    $"PostgreSQL stopped while starting (exit code {server.Process.ExitCode}); last lines of {server.Launch.Log}:\n{ChildProcess.Tail(server.Launch.Log)}");
            }
            if (await AnswersQueriesAsync(probe, ct)) return;
            await Task.Delay(100, ct);
        }
        throw new InfrastructureException(
            $"PostgreSQL did not accept connections within {StartTimeout.TotalSeconds:0} s; last lines of {server.Launch.Log}:\n{ChildProcess.Tail(server.Launch.Log)}");
    }

    public static async Task<bool> AnswersQueriesAsync(string connectionString, CancellationToken ct)
    {
        try
        {
            await using var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync(ct);
            await using var command = new NpgsqlCommand("SELECT 1", connection);
            await command.ExecuteScalarAsync(ct);
            return true;
        }
        catch (NpgsqlException)
        {
            return false;
        }
    }

    private static string ValidDatabaseName(string database) =>
        database.Length is > 0 and <= 63 && database.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '_')
            ? database
            : throw new ArgumentException($"'{database}' is not a database name made of a-z, 0-9 and _.", nameof(database));

    private sealed record PrivateServer(Process Process, PostgresLaunch Launch);
}
