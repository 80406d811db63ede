using System.Globalization;
using System.Security.Cryptography;

namespace Infogerance.LocalServers;

/// <summary>
/// How to run a private PostgreSQL from the installed binaries over a data folder: the command line, and the
/// folder's preparation (initialised on first use, kept afterwards). Whoever runs the command (the test servers
/// here, the AppHost as an Aspire resource) stops it.
/// </summary>
public sealed class PostgresLaunch
{
    private const string SuperUser = "infogerance";
    // initdb, postgres and pg_ctl refuse to run as root.
    private const string ServiceUser = "postgres";
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(60);

    private readonly PostgresBinaries binaries;
    private readonly string? runAs;
    private readonly string root;

    private PostgresLaunch(string root, int port, bool fast, PostgresBinaries binaries, string? runAs)
    {
        this.root = root;
        this.binaries = binaries;
        this.runAs = runAs;
        Port = port;
        List<string> arguments =
        [
            "-D", PgData, "-p", port.ToString(CultureInfo.InvariantCulture), "-k", Sockets,
            "-c", "listen_addresses=127.0.0.1", "-c", "max_connections=300",
        ];
        if (fast)
        {
            arguments.AddRange(["-c", "fsync=off"]);
        }
        // setpriv, unlike runuser, replaces itself with the server: whoever stops the process stops PostgreSQL.
        (FileName, Arguments) = runAs is null
            ? (binaries.Postgres, arguments)
            : ("setpriv", ["--reuid", runAs, "--regid", runAs, "--init-groups", "--", binaries.Postgres, .. arguments]);
    }

    public int Port { get; }
    public string FileName { get; }
    public IReadOnlyList<string> Arguments { get; }
    public string Log => Path.Combine(root, "postgres.log");
    public string PgData => Path.Combine(root, "pgdata");

    private string Sockets => Path.Combine(root, "sockets");
    private string PasswordFile => Path.Combine(root, "postgres-password");
    private string InitDbLog => Path.Combine(root, "initdb.log");
    private bool IsInitialised => File.Exists(Path.Combine(PgData, "PG_VERSION"));

    /// <summary>Finds the binaries; touches nothing yet.</summary>
    /// <param name="fast">Turns fsync off: for throwaway test data only, as a machine crash can then corrupt it.</param>
    public static PostgresLaunch Plan(string dataDirectory, int port, bool fast) =>
        new(Path.GetFullPath(dataDirectory), port, fast, PostgresBinaries.Find(), Environment.IsPrivilegedProcess ? ServiceUser : null);

    /// <summary>Fails, saying why, when the service user PostgreSQL runs as (as root) cannot reach the data folder.</summary>
    public async Task EnsureReachableAsync()
    {
        Directory.CreateDirectory(Sockets);
        if (runAs is not null)
        {
            await EnsureServiceUserCanReachAsync(root);
        }
    }

    /// <summary>Makes the data folder ready to run the server on (initdb the first time) and returns the admin connection string.</summary>
    public async Task<string> PrepareAsync()
    {
        await EnsureReachableAsync();
        var password = IsInitialised ? ReadPassword() : await InitialiseAsync();
        if (runAs is not null)
        {
            await GiveToServiceUserAsync(Sockets);
        }
        return $"Host=127.0.0.1;Port={Port.ToString(CultureInfo.InvariantCulture)};Username={SuperUser};Password={password};Database=postgres";
    }

    public (string FileName, string[] Arguments) PgCtl(IEnumerable<string> arguments) => AsUser(binaries.PgCtl, arguments);

    private async Task<string> InitialiseAsync()
    {
        // A pgdata without PG_VERSION is what an interrupted initdb leaves; initdb wants the folder empty.
        if (Directory.Exists(PgData))
        {
            Directory.Delete(PgData, recursive: true);
        }
        Directory.CreateDirectory(PgData);

        var password = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
        File.Delete(PasswordFile);
        var privateFile = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            privateFile.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }
        await using (var writer = new StreamWriter(PasswordFile, privateFile))
        {
            await writer.WriteAsync(password);
        }
        if (runAs is not null)
        {
            // initdb, run as the service user, creates its files in pgdata and reads the password file.
            await GiveToServiceUserAsync(PgData, PasswordFile);
        }

        var result = await RunInitDbAsync("--locale=C.UTF-8");
        if (!result.Succeeded && result.Output.Contains("locale", StringComparison.OrdinalIgnoreCase))
        {
            // Systems without the C.UTF-8 locale: the C locale sorts the same way (by code point) and has no dependency.
            result = await RunInitDbAsync("--no-locale");
        }
        await File.WriteAllTextAsync(InitDbLog, result.Output);
        if (!result.Succeeded)
        {
            throw new InfrastructureException($"initdb failed: {result.LastLine} (full output in {InitDbLog})");
        }
        return password;

        Task<CommandResult> RunInitDbAsync(string locale)
        {
            var (fileName, arguments) = AsUser(binaries.InitDb,
            [
                "-D", PgData, "-U", SuperUser, "--auth-host=scram-sha-256", "--auth-local=trust",
                $"--pwfile={PasswordFile}", "-E", "UTF8", locale,
            ]);
            return ChildProcess.RunAsync(fileName, arguments, CommandTimeout);
        }
    }

    private string ReadPassword() =>
        File.Exists(PasswordFile)
            ? File.ReadAllText(PasswordFile).Trim()
            : throw new InfrastructureException(
                $"{PgData} exists but its password file {PasswordFile} is missing: delete {root} to start afresh");

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

    private (string FileName, string[] Arguments) AsUser(string fileName, IEnumerable<string> arguments) =>
        runAs is null ? (fileName, [.. arguments]) : ("runuser", ["-u", runAs, "--", fileName, .. arguments]);

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
