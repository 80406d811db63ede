using System.ComponentModel;
using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;

namespace Infogerance.LocalServers;

internal sealed record CommandResult(int ExitCode, string Output)
{
    public bool Succeeded => ExitCode == 0;

    public string LastLine => Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault() ?? "";
}

/// <summary>Starting, stopping and reading the output of the programs the AppHost runs.</summary>
internal static class ChildProcess
{
    private const int SigTerm = 15;

    public static async Task<CommandResult> RunAsync(string fileName, IEnumerable<string> arguments, TimeSpan timeout)
    {
        using var process = new Process { StartInfo = CreateStartInfo(fileName, arguments) };
        process.StartInfo.RedirectStandardOutput = true;
        process.StartInfo.RedirectStandardError = true;
        var output = new StringBuilder();
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        Start(process, fileName);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            lock (output) return new CommandResult(-1, $"{output}{fileName} did not finish within {timeout.TotalSeconds:0} s");
        }
        lock (output) return new CommandResult(process.ExitCode, output.ToString());

        void Append(string? line)
        {
            if (line is null) return;
            lock (output) output.AppendLine(line);
        }
    }

    /// <summary>
    /// Starts a server whose stdout and stderr go straight into a log file: nothing blocks or gets lost when the
    /// AppHost stops reading, and the file is there to quote when the server fails.
    /// </summary>
    public static Process StartLogged(
        string fileName, IEnumerable<string> arguments, string logPath, IReadOnlyDictionary<string, string>? environment = null)
    {
        // The shell opens the log then becomes the server (exec), so the process we hold is the server itself.
        string[] shellArguments = ["-c", """log=$1; shift; exec "$@" </dev/null >"$log" 2>&1""", "sh", logPath, fileName, .. arguments];
        var process = new Process { StartInfo = CreateStartInfo("/bin/sh", shellArguments, environment) };
        Start(process, fileName);
        return process;
    }

    public static Process Start(Process process, string fileName)
    {
        try
        {
            process.Start();
            return process;
        }
        catch (Win32Exception e)
        {
            throw new InfrastructureException($"Cannot run {fileName}: {e.Message}");
        }
    }

    public static ProcessStartInfo CreateStartInfo(
        string fileName, IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment = null)
    {
        var startInfo = new ProcessStartInfo(fileName, arguments) { UseShellExecute = false };
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            startInfo.Environment[name] = value;
        }
        return startInfo;
    }

    /// <summary>Asks with SIGTERM (what .NET's Process.Kill never sends), then kills the whole tree after the grace period.</summary>
    public static async Task TerminateAsync(Process process, TimeSpan grace)
    {
        if (!process.HasExited)
        {
            _ = kill(process.Id, SigTerm);
        }
        await WaitOrKillAsync(process, grace);
    }

    public static async Task WaitOrKillAsync(Process process, TimeSpan grace)
    {
        if (await WaitForExitAsync(process, grace)) return;
        process.Kill(entireProcessTree: true);
        await process.WaitForExitAsync();
    }

    private static async Task<bool> WaitForExitAsync(Process process, TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    public static string? FindOnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(directory => Path.Combine(directory, name))
            .FirstOrDefault(IsProgram);

    /// <summary>File.Exists is true for a dangling link, such as one left in /usr/local/bin by an uninstalled package.</summary>
    public static bool IsProgram(string? path) =>
        File.Exists(path) && (File.ResolveLinkTarget(path, returnFinalTarget: true) is not { } target || target.Exists);

    /// <summary>The last lines of a log file, indented, ready to follow an error message.</summary>
    public static string Tail(string path, int count = 15)
    {
        const int MaxLineLength = 400;
        if (!File.Exists(path)) return $"  ({path} does not exist)";

        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var reader = new StreamReader(stream);
        var lines = new Queue<string>(count);
        while (reader.ReadLine() is { } line)
        {
            if (lines.Count == count) lines.Dequeue();
            lines.Enqueue(line.Length > MaxLineLength ? line[..MaxLineLength] + "…" : line);
        }
        return lines.Count == 0 ? $"  ({path} is empty)" : string.Join('\n', lines.Select(line => "  " + line));
    }

    [DllImport("libc")]
    private static extern int kill(int pid, int signal);
}
