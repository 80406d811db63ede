using Infogerance.AppHost.Infrastructure;

namespace Infogerance.AppHost;

/// <summary>
/// `infra`: one private PostgreSQL and one RabbitMQ on free ports, announced in an env file, so that every test
/// assembly of a run shares them instead of starting its own.
/// </summary>
internal static class InfraCommand
{
    public static async Task RunAsync(CommandLine options, ShutdownSignal shutdown)
    {
        var envFile = options.EnvFile!;
        Directory.CreateDirectory(Path.GetDirectoryName(envFile)!);
        // A file left by an earlier run would announce servers that are gone.
        File.Delete(envFile);

        var ports = Ports.GetFreePorts(2);
        var settings = new InfrastructureOptions(options.DataDirectory!, ports[0], ports[1], options.Fast, null, null);
        await using var infrastructure = await LocalInfrastructure.StartAsync(settings, shutdown.Token);
        await WriteAtOnceAsync(envFile, $"""
            ConnectionStrings__postgres={infrastructure.Postgres.AdminConnectionString}
            ConnectionStrings__messaging={infrastructure.RabbitMq.ConnectionString}

            """);
        Terminal.WriteLine($"Infrastructure ready (settings in {envFile}). Press Ctrl-C to stop.");
        await Task.Delay(Timeout.Infinite, shutdown.Token).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        File.Delete(envFile);
    }

    // A reader polling for the file never sees half of it.
    private static async Task WriteAtOnceAsync(string path, string contents)
    {
        var temporary = $"{path}.{Environment.ProcessId}.tmp";
        await File.WriteAllTextAsync(temporary, contents);
        File.Move(temporary, path, overwrite: true);
    }
}
