using System.Collections.Concurrent;
using System.Diagnostics;

namespace Infogerance.TestSupport;

/// <summary>One of our programs run as a real process (<c>dotnet X.dll</c>), its output captured line by line.</summary>
public sealed class ProgramRun : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();
    private readonly ConcurrentQueue<string> _errors = new();

    private ProgramRun(Process process)
    {
        _process = process;
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) _output.Enqueue(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) _errors.Enqueue(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public IReadOnlyCollection<string> Output => _output;
    public IReadOnlyCollection<string> Errors => _errors;
    public bool HasExited => _process.HasExited;
    public int ExitCode => _process.ExitCode;

    /// <summary>
    /// Starts <c>dotnet <paramref name="dll"/></c>. The connection strings of the test run are removed from its
    /// environment unless given in <paramref name="environment"/>, so it behaves as on a fresh machine.
    /// </summary>
    public static ProgramRun Start(string dll, IEnumerable<string> arguments, IDictionary<string, string>? environment = null)
    {
        var startInfo = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(dll)!,
        };
        startInfo.ArgumentList.Add(dll);
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        foreach (var name in startInfo.Environment.Keys.Where(k => k.StartsWith("ConnectionStrings__", StringComparison.Ordinal)).ToList())
        {
            startInfo.Environment.Remove(name);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            startInfo.Environment[name] = value;
        }

        return new ProgramRun(Process.Start(startInfo)!);
    }

    public async Task<bool> WaitForOutputAsync(Func<string, bool> match, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (_output.Any(match))
            {
                return true;
            }

            if (_process.HasExited)
            {
                return _output.Any(match);
            }

            await Task.Delay(200);
        }

        return false;
    }

    public Task<bool> WaitForExitAsync(TimeSpan timeout) => Task.Run(() =>
    {
        if (!_process.WaitForExit(timeout))
        {
            return false;
        }

        // The timed overload does not wait for the redirected output's last lines; this one does.
        _process.WaitForExit();
        return true;
    });

    /// <summary>Asks the program to stop as Ctrl-C or an orchestrator would (SIGTERM).</summary>
    public void Terminate()
    {
        using var kill = Process.Start("kill", ["-TERM", _process.Id.ToString()]);
        kill.WaitForExit();
    }

    public string Transcript() => string.Join('\n', _output.Concat(_errors.Select(e => "stderr: " + e)).TakeLast(80));

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            Terminate();
            if (!await WaitForExitAsync(TimeSpan.FromSeconds(30)))
            {
                _process.Kill(entireProcessTree: true);
            }
        }

        _process.Dispose();
    }
}
