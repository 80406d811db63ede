using System.Net.Sockets;
using System.Reflection;
using DbUp;
using DbUp.Engine;
using Infogerance.ServiceDefaults;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Infogerance.Data;

/// <summary>
/// Applies the platform migrations (this assembly), those of the building blocks the service uses
/// (<see cref="BuildingBlockMigrations"/>), then the service's own (<c>Migrations/*.sql</c> embedded in its assembly), in
/// name order, once each. Safe when several replicas start together: they queue on an
/// advisory lock, and the later ones find nothing left to do.
/// </summary>
public sealed class DatabaseMigrator(
    ServiceDatabase database, Assembly serviceMigrations, IEnumerable<BuildingBlockMigrations> blockMigrations, ILogger<DatabaseMigrator> logger) : IStartupTask
{
    // Any fixed number works; it only has to be the same for every replica of every service.
    private const long MigrationLockKey = 0x1AF0_6E2A_4E43_0001;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        try
        {
            // Unpooled: closing it must end the session, and with it the advisory lock. A pooled connection would
            // keep the lock while idle in the pool and block the next migrator forever.
            var lockConnection = new NpgsqlConnectionStringBuilder(database.OwnerConnectionString) { Pooling = false, CommandTimeout = 0 };
            await using var connection = new NpgsqlConnection(lockConnection.ConnectionString);
            await connection.OpenAsync(cancellationToken);
            await using (var lockCommand = new NpgsqlCommand("SELECT pg_advisory_lock(@key)", connection))
            {
                lockCommand.Parameters.AddWithValue("key", MigrationLockKey);
                await lockCommand.ExecuteNonQueryAsync(cancellationToken);
            }

            // The session lock is released when the connection closes, also if the upgrade throws.
            Upgrade();
        }
        catch (NpgsqlException ex) when (ex.InnerException is SocketException or TimeoutException || ex.SqlState is "28P01" or "3D000" or "28000")
        {
            var target = new NpgsqlConnectionStringBuilder(database.OwnerConnectionString);
            throw new StartupFailedException(
                $"cannot reach the '{database.Name}' database at {target.Host}:{target.Port} ({ex.Message.TrimEnd('.')}): check ConnectionStrings__{database.Name} and that PostgreSQL is running.",
                ex);
        }
    }

    private void Upgrade()
    {
        var result = DeployChanges.To
            .PostgresqlDatabase(database.OwnerConnectionString)
            .WithScripts(Scripts())
            .WithVariables(new Dictionary<string, string>
            {
                ["AppRole"] = database.AppRole,
                ["AppPassword"] = database.AppPassword,
                ["Database"] = database.DatabaseName,
            })
            .WithTransactionPerScript()
            .LogTo(new DbUpLogger(logger))
            .Build()
            .PerformUpgrade();

        if (!result.Successful)
        {
            throw new StartupFailedException(
                $"migration {result.ErrorScript?.Name ?? "?"} of the '{database.Name}' database failed: {result.Error.Message}", result.Error);
        }
    }

    private List<SqlScript> Scripts()
    {
        var platform = EmbeddedScripts(typeof(DatabaseMigrator).Assembly, "platform").ToList();
        var roleScript = platform.Single(script => script.Name.EndsWith("_application_role.sql", StringComparison.Ordinal));
        platform.Remove(roleScript);

        return
        [
            .. platform.Select(s => new SqlScript(s.Name, s.Contents, new SqlScriptOptions { RunGroupOrder = 0 })),
            .. blockMigrations.SelectMany(block => EmbeddedScripts(block.Assembly, block.Name, block.ResourcePrefix))
                .Select(s => new SqlScript(s.Name, s.Contents, new SqlScriptOptions { RunGroupOrder = 1 })),
            .. EmbeddedScripts(serviceMigrations, database.Name)
                .Select(s => new SqlScript(s.Name, s.Contents, new SqlScriptOptions { RunGroupOrder = 2 })),
            // Last and every time, so grants cover the tables the migrations above just created.
            new SqlScript(roleScript.Name, roleScript.Contents, new SqlScriptOptions { ScriptType = DbUp.Support.ScriptType.RunAlways, RunGroupOrder = 3 }),
        ];
    }

    private static IEnumerable<(string Name, string Contents)> EmbeddedScripts(Assembly assembly, string prefix, string? resourcePrefix = null)
    {
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.Contains(".Migrations.", StringComparison.Ordinal) && n.EndsWith(".sql", StringComparison.Ordinal)
            && (resourcePrefix is null || n.StartsWith(resourcePrefix, StringComparison.Ordinal))))
        {
            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var reader = new StreamReader(stream);
            var fileName = resource[(resource.LastIndexOf(".Migrations.", StringComparison.Ordinal) + ".Migrations.".Length)..];
            yield return ($"{prefix}/{fileName}", reader.ReadToEnd());
        }
    }

    private sealed class DbUpLogger(ILogger logger) : DbUp.Engine.Output.IUpgradeLog
    {
        public void LogTrace(string format, params object[] args) => logger.LogTrace(format, args);
        public void LogDebug(string format, params object[] args) => logger.LogDebug(format, args);
        public void LogInformation(string format, params object[] args) => logger.LogInformation(format, args);
        public void LogWarning(string format, params object[] args) => logger.LogWarning(format, args);
        public void LogError(string format, params object[] args) => logger.LogError(format, args);
        public void LogError(Exception ex, string format, params object[] args) => logger.LogError(ex, format, args);
    }
}
