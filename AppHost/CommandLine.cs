using System.Globalization;
using Infogerance.AppHost.Infrastructure;

namespace Infogerance.AppHost;

internal sealed record CommandLine(
    string Command, string? DataDirectory, int GatewayPort, int PostgresPort, int RabbitMqPort, string? EnvFile, bool Fast)
{
    public const string Usage = """
        Usage: Infogerance.AppHost [run] [--data DIR] [--port N] [--postgres-port N] [--rabbitmq-port N]
               Infogerance.AppHost infra --data DIR --env-file FILE [--fast]
        """;

    // Fixed defaults keep the URL a developer bookmarks the same from one run to the next.
    private static readonly CommandLine Defaults = new("run", null, 8080, 5433, 5673, null, false);

    public static CommandLine Parse(string[] args)
    {
        var remaining = new Queue<string>(args);
        var options = remaining.TryPeek(out var first) && first is "run" or "infra"
            ? Defaults with { Command = remaining.Dequeue() }
            : Defaults;

        while (remaining.TryDequeue(out var argument))
        {
            options = argument switch
            {
                "--data" => options with { DataDirectory = Path.GetFullPath(ValueOf(argument, remaining)) },
                "--port" => options with { GatewayPort = PortOf(argument, remaining) },
                "--postgres-port" => options with { PostgresPort = PortOf(argument, remaining) },
                "--rabbitmq-port" => options with { RabbitMqPort = PortOf(argument, remaining) },
                "--env-file" => options with { EnvFile = Path.GetFullPath(ValueOf(argument, remaining)) },
                "--fast" => options with { Fast = true },
                _ => throw new InfrastructureException($"Unknown argument '{argument}'.\n{Usage}"),
            };
        }

        if (options.Command == "infra" && (options.DataDirectory is null || options.EnvFile is null))
        {
            throw new InfrastructureException($"infra needs --data DIR and --env-file FILE.\n{Usage}");
        }
        return options;
    }

    private static string ValueOf(string option, Queue<string> remaining) =>
        remaining.TryDequeue(out var value) && !value.StartsWith("--", StringComparison.Ordinal)
            ? value
            : throw new InfrastructureException($"{option} needs a value.\n{Usage}");

    private static int PortOf(string option, Queue<string> remaining)
    {
        var value = ValueOf(option, remaining);
        return int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port is > 0 and < 65536
            ? port
            : throw new InfrastructureException($"{option} needs a port number between 1 and 65535, not '{value}'.");
    }
}
