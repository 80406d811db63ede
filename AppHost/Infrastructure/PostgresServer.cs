using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using Npgsql;

namespace Infogerance.AppHost.Infrastructure;

/// <summary>
/// A PostgreSQL server for local runs and tests: either a private one started from the installed binaries
/// under a data folder (initialised on first use, kept afterwards), or an existing one given by an admin
/// connection string, which is never stopped.
/// </summary>
public sealed class PostgresServer : IAsyncDisposable
{
    private const string SuperUser = "infogerance";
    // initdb, postgres and pg_ctl refuse to run as root.
    private const string ServiceUser = "postgres";
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
        var data = new DataLayout(Path.GetFullPath(dataDirectory));
        var binaries = PostgresBinaries.Find();
        if (!Ports.IsFree(port))
        {
            throw new InfrastructureException($"Port {port} is already in use (PostgreSQL): free it or choose another with --postgres-port");
        }

        var runAs = Environment.IsPrivilegedProcess ? ServiceUser : null;
        Directory.CreateDirectory(data.Sockets);
        if (runAs is not null)
        {
            await EnsureServiceUserCanReachAsync(data.Root);
        }
        var password = data.IsInitialised ? ReadPassword(data) : await InitialiseAsync(data, binaries, runAs);
        if (runAs is not null)
        {
            await GiveToServiceUserAsync(data.Sockets);
        }

        List<string> arguments =
        [
            "-D", data.PgData, "-p", port.ToString(CultureInfo.InvariantCulture), "-k", data.Sockets,
            "-c", "listen_addresses=127.0.0.1", "-c", "max_connections=300",
        ];
        if (fast)
        {
            arguments.AddRange(["-c", "fsync=off"]);
        }
        var (fileName, allArguments) = AsUser(runAs, binaries.Postgres, arguments);
        var process = ChildProcess.StartLogged(fileName, allArguments, data.Log);

        var server = new PostgresServer(
            $"Host=127.0.0.1;Port={port};Username={SuperUser};Password={password};Database=postgres",
            new PrivateServer(process, binaries, data, runAs));
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
            var (fileName, arguments) = AsUser(
                server.RunAs, server.Binaries.PgCtl, ["stop", "-D", server.Data.PgData, "-m", "fast", "-w", "-t", "30"]);
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
                    $"PostgreSQL stopped while starting (exit code {server.Process.ExitCode}); last lines of {server.Data.Log}:\n{ChildProcess.Tail(server.Data.Log)}");
            }
            if (await AnswersQueriesAsync(probe, ct)) return;
            await Task.Delay(100, ct);
        }
        throw new InfrastructureException(
            $"PostgreSQL did not accept connections within {StartTimeout.TotalSeconds:0} s; last lines of {server.Data.Log}:\n{ChildProcess.Tail(server.Data.Log)}");
    }

    private static async Task<bool> AnswersQueriesAsync(string connectionString, CancellationToken ct)
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

    private static async Task<string> InitialiseAsync(DataLayout data, PostgresBinaries binaries, string? runAs)
    {
        // A pgdata without PG_VERSION is what an interrupted initdb leaves; initdb wants the folder empty.
        if (Directory.Exists(data.PgData))
        {
            Directory.Delete(data.PgData, recursive: true);
        }
        Directory.CreateDirectory(data.PgData);

        var password = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
        File.Delete(data.PasswordFile);
        var privateFile = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            privateFile.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }
        await using (var writer = new StreamWriter(data.PasswordFile, privateFile))
        {
            await writer.WriteAsync(password);
        }
        if (runAs is not null)
        {
            // initdb, run as the service user, creates its files in pgdata and reads the password file.
            await GiveToServiceUserAsync(data.PgData, data.PasswordFile);
        }

        var result = await RunInitDbAsync("--locale=C.UTF-8");
        if (!result.Succeeded && result.Output.Contains("locale", StringComparison.OrdinalIgnoreCase))
        {
            // Systems without the C.UTF-8 locale: the C locale sorts the same way (by code point) and has no dependency.
            result = await RunInitDbAsync("--no-locale");
        }
        await File.WriteAllTextAsync(data.InitDbLog, result.Output);
        if (!result.Succeeded)
        {
            throw new InfrastructureException($"initdb failed: {result.LastLine} (full output in {data.InitDbLog})");
        }
        return password;

        Task<CommandResult> RunInitDbAsync(string locale)
        {
            var (fileName, arguments) = AsUser(runAs, binaries.InitDb,
            [
                "-D", data.PgData, "-U", SuperUser, "--auth-host=scram-sha-256", "--auth-local=trust",
                $"--pwfile={data.PasswordFile}", "-E", "UTF8", locale,
            ]);
            return ChildProcess.RunAsync(fileName, arguments, CommandTimeout);
        }
    }

    private static string ReadPassword(DataLayout data) =>
        File.Exists(data.PasswordFile)
            ? File.ReadAllText(data.PasswordFile).Trim()
            : throw new InfrastructureException(
                $"{data.PgData} exists but its password file {data.PasswordFile} is missing: delete {data.Root} to start afresh");

    private static async Task EnsureServiceUserCanReachAsync(string directory)
    {
        var result = await ChildProcess.RunAsync("runuser", ["-u", ServiceUser, "--", "test", "-x", directory], CommandTimeout);
        if (!result.Succeeded)
        {
            var detail = result.LastLine is "" ? "a parent folder is not traversable" : result.LastLine;
            throw new InfrastructureException(
                $"As root, PostgreSQL runs as the '{ServiceUser}' user, which cannot reach {directory} ({detail}): choose a data folder outside private folders such as /root");
        }
    }

    private static async Task GiveToServiceUserAsync(params string[] paths)
    {
        var result = await ChildProcess.RunAsync("chown", ["-R", $"{ServiceUser}:", .. paths], CommandTimeout);
        if (!result.Succeeded)
        {
            throw new InfrastructureException($"Cannot give the PostgreSQL data to the '{ServiceUser}' user: {result.LastLine}");
        }
    }

    private static (string FileName, string[] Arguments) AsUser(string? user, string fileName, IEnumerable<string> arguments) =>
        user is null ? (fileName, [.. arguments]) : ("runuser", ["-u", user, "--", fileName, .. arguments]);

    private static string ValidDatabaseName(string database) =>
        database.Length is > 0 and <= 63 && database.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '_')
            ? database
            : throw new ArgumentException($"'{database}' is not a database name made of a-z, 0-9 and _.", nameof(database));

    private sealed record PrivateServer(Process Process, PostgresBinaries Binaries, DataLayout Data, string? RunAs);

    private sealed record DataLayout(string Root)
    {
        public string PgData => Path.Combine(Root, "pgdata");
        public string Sockets => Path.Combine(Root, "sockets");
        public string PasswordFile => Path.Combine(Root, "postgres-password");
        public string Log => Path.Combine(Root, "postgres.log");
        public string InitDbLog => Path.Combine(Root, "initdb.log");
        public bool IsInitialised => File.Exists(Path.Combine(PgData, "PG_VERSION"));
    }

    private sealed record PostgresBinaries(string Directory)
    {
        // Debian installs each major version side by side.
        private const string DebianRoot = "/usr/lib/postgresql";

        public string InitDb => Path.Combine(Directory, "initdb");
        public string Postgres => Path.Combine(Directory, "postgres");
        public string PgCtl => Path.Combine(Directory, "pg_ctl");

        public static PostgresBinaries Find()
        {
            var installed = System.IO.Directory.Exists(DebianRoot) ? System.IO.Directory.GetDirectories(DebianRoot) : [];
            var directory = installed
                .Select(folder => (Folder: folder, Version: decimal.TryParse(Path.GetFileName(folder), CultureInfo.InvariantCulture, out var version) ? version : -1))
                .Where(candidate => candidate.Version >= 0)
                .OrderByDescending(candidate => candidate.Version)
                .Select(candidate => Path.Combine(candidate.Folder, "bin"))
                .Append(Path.GetDirectoryName(ChildProcess.FindOnPath("initdb")))
                .FirstOrDefault(folder => folder is not null && new PostgresBinaries(folder).AreComplete);
            return directory is not null
                ? new PostgresBinaries(directory)
                : throw new InfrastructureException(
                    "PostgreSQL server binaries not found (initdb, postgres): install them with `apt-get install postgresql`");
        }

        private bool AreComplete => ChildProcess.IsProgram(InitDb) && ChildProcess.IsProgram(Postgres) && ChildProcess.IsProgram(PgCtl);
    }
}
