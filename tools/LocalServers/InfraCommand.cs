namespace Infogerance.LocalServers;

/// <summary>
/// One private PostgreSQL and one RabbitMQ on free ports, announced in an env file, so that every test
/// assembly of a run shares them instead of starting its own.
/// </summary>
internal static class InfraCommand
{
    public const string Usage = "Usage: Infogerance.LocalServers --data DIR --env-file FILE [--fast]";

    public static async Task RunAsync(string[] args, ShutdownSignal shutdown)
    {
        var (dataDirectory, envFile, fast) = Parse(args);
        Directory.CreateDirectory(Path.GetDirectoryName(envFile)!);
        // A file left by an earlier run would announce servers that are gone.
        File.Delete(envFile);

        var ports = Ports.GetFreePorts(2);
        var settings = new InfrastructureOptions(dataDirectory, ports[0], ports[1], fast, null, null);
        await using var infrastructure = await LocalInfrastructure.StartAsync(settings, shutdown.Token);
        await WriteAtOnceAsync(envFile, $"""
            ConnectionStrings__postgres={infrastructure.Postgres.AdminConnectionString}
            ConnectionStrings__messaging={infrastructure.RabbitMq.ConnectionString}

            """);
        Terminal.WriteLine($"Infrastructure ready (settings in {envFile}). Press Ctrl-C to stop.");
        await Task.Delay(Timeout.Infinite, shutdown.Token).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        File.Delete(envFile);
    }

    private static (string DataDirectory, string EnvFile, bool Fast) Parse(string[] args)
    {
        string? dataDirectory = null, envFile = null;
        var fast = false;
        var remaining = new Queue<string>(args);
        while (remaining.TryDequeue(out var argument))
        {
            switch (argument)
            {
                case "--data": dataDirectory = Path.GetFullPath(ValueOf(argument)); break;
                case "--env-file": envFile = Path.GetFullPath(ValueOf(argument)); break;
                case "--fast": fast = true; break;
                default: throw new InfrastructureException($"Unknown argument '{argument}'.\n{Usage}");
            }
        }
        return dataDirectory is not null && envFile is not null
            ? (dataDirectory, envFile, fast)
            : throw new InfrastructureException($"--data DIR and --env-file FILE are needed.\n{Usage}");

        string ValueOf(string option) =>
            remaining.TryDequeue(out var value) && !value.StartsWith("--", StringComparison.Ordinal)
                ? value
                : throw new InfrastructureException($"{option} needs a value.\n{Usage}");
    }

    // A reader polling for the file never sees half of it.
    private static async Task WriteAtOnceAsync(string path, string contents)
    {
        var temporary = $"{path}.{Environment.ProcessId}.tmp";
        await File.WriteAllTextAsync(temporary, contents);
        File.Move(temporary, path, overwrite: true);
    }
}
