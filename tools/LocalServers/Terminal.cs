using System.Globalization;

namespace Infogerance.LocalServers;

internal static class Terminal
{
    // Closing the terminal window sends SIGHUP, then every write fails with EIO: stopping everything matters more
    // than being heard, and an exception here would end the program before it stopped PostgreSQL and RabbitMQ.
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
