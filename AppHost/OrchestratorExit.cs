namespace Infogerance.AppHost;

/// <summary>
/// The AppHost returns as soon as it has asked DCP to stop everything; DCP then stops the resources on its own, for
/// some seconds more. Waiting for it keeps `./run.sh` from handing the terminal back while PostgreSQL, RabbitMQ and the
/// services are still stopping (and their ports still taken).
/// </summary>
internal static class OrchestratorExit
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    public static async Task WaitAsync()
    {
        var ours = OurDcpProcesses();
        using var deadline = new CancellationTokenSource(Patience);
        while (ours.Any(pid => Directory.Exists($"/proc/{pid}")) && !deadline.IsCancellationRequested)
        {
            await Task.Delay(200, CancellationToken.None);
        }
    }

    // DCP's API server is started with `--monitor <AppHost pid>` and is the last of its processes to exit.
    private static int[] OurDcpProcesses()
    {
        if (!OperatingSystem.IsLinux()) return [];
        var monitorsUs = $"\0--monitor\0{Environment.ProcessId}\0";
        return [.. Directory.EnumerateDirectories("/proc")
            .Select(Path.GetFileName)
            .Select(name => int.TryParse(name, out var pid) ? pid : 0)
            .Where(pid => pid > 0 && CommandLineOf(pid) is { } commandLine
                && commandLine.Contains("\0start-apiserver\0", StringComparison.Ordinal)
                && commandLine.Contains(monitorsUs, StringComparison.Ordinal))];
    }

    private static string? CommandLineOf(int pid)
    {
        try
        {
            return "\0" + File.ReadAllText($"/proc/{pid}/cmdline");
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }
}
