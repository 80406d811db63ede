using System.Globalization;

namespace Infogerance.AppHost;

internal static class Terminal
{
    // Bright cyan, green, yellow, magenta, blue, then cyan: told apart at a glance, and none reads as an error.
    private static readonly int[] Colours = [96, 92, 93, 95, 94, 36];

    private static readonly bool UseColour =
        !Console.IsOutputRedirected && Environment.GetEnvironmentVariable("NO_COLOR") is null;

    public static string Prefix(string name, int index, int width)
    {
        var label = $"[{name}]".PadRight(width + 2);
        return UseColour ? $"\e[{Colours[index % Colours.Length]}m{label}\e[0m " : label + " ";
    }

    // Closing the terminal window sends SIGHUP, then every write fails with EIO: stopping everything matters more
    // than being heard, and an exception here would end the AppHost before it stopped PostgreSQL and RabbitMQ.
    public static void WriteLine(string line = "") => Write(Console.Out, line);

    public static void WriteError(string line) => Write(Console.Error, line);

    public static string Seconds(TimeSpan elapsed) => elapsed.TotalSeconds.ToString("0.0 s", CultureInfo.InvariantCulture);

    private static void Write(TextWriter writer, string line)
    {
        try
        {
            writer.WriteLine(line);
        }
        catch (IOException)
        {
            // The terminal is gone.
        }
    }
}
