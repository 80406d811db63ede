using System.Globalization;
using Infogerance.LocalServers;

namespace Infogerance.AppHost;

/// <param name="TraceSampling">The share of requests whose traces are recorded (0 to 1); null records them all.</param>
internal sealed record CommandLine(
    string? DataDirectory, int GatewayPort, int PostgresPort, int RabbitMqPort, int MailPort, int SmtpPort, double? TraceSampling)
{
    public const string Usage =
        "Usage: Infogerance.AppHost [run] [--data DIR] [--port N] [--postgres-port N] [--rabbitmq-port N] [--mail-port N] [--smtp-port N] [--trace-sampling RATIO]";

    // Fixed defaults keep the URL a developer bookmarks the same from one run to the next.
    private static readonly CommandLine Defaults = new(null, 8080, 5433, 5673, 8025, 2525, null);

    public static CommandLine Parse(string[] args)
    {
        var remaining = new Queue<string>(args);
        if (remaining.TryPeek(out var first) && first == "run")
        {
            remaining.Dequeue();
        }

        var options = Defaults;
        while (remaining.TryDequeue(out var argument))
        {
            options = argument switch
            {
                "--data" => options with { DataDirectory = Path.GetFullPath(ValueOf(argument, remaining)) },
                "--port" => options with { GatewayPort = PortOf(argument, remaining) },
                "--postgres-port" => options with { PostgresPort = PortOf(argument, remaining) },
                "--rabbitmq-port" => options with { RabbitMqPort = PortOf(argument, remaining) },
                "--mail-port" => options with { MailPort = PortOf(argument, remaining) },
                "--smtp-port" => options with { SmtpPort = PortOf(argument, remaining) },
                "--trace-sampling" => options with { TraceSampling = RatioOf(argument, remaining) },
                _ => throw new InfrastructureException($"Unknown argument '{argument}'.\n{Usage}"),
            };
        }
        return options;
    }

    private static string ValueOf(string option, Queue<string> remaining) =>
        remaining.TryDequeue(out var value) && !value.StartsWith("--", StringComparison.Ordinal)
            ? value
            : throw new InfrastructureException($"{option} needs a value.\n{Usage}");

    private static double RatioOf(string option, Queue<string> remaining)
    {
        var value = ValueOf(option, remaining);
        return double.TryParse(value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var ratio) && ratio is >= 0 and <= 1
            ? ratio
            : throw new InfrastructureException($"{option} needs a share of requests between 0 and 1 (0.1 for one in ten), not '{value}'.");
    }

    private static int PortOf(string option, Queue<string> remaining)
    {
        var value = ValueOf(option, remaining);
        return int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port is > 0 and < 65536
            ? port
            : throw new InfrastructureException($"{option} needs a port number between 1 and 65535, not '{value}'.");
    }
}
