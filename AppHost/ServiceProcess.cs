using System.Diagnostics;
using System.Net;
using System.Text;
using Infogerance.AppHost.Infrastructure;

namespace Infogerance.AppHost;

/// <summary>One service run as `dotnet Infogerance.X.dll`, restarted when it dies unless it keeps dying.</summary>
internal sealed class ServiceProcess(
    ServiceDefinition service, string assemblyPath, int port, IReadOnlyDictionary<string, string> environment,
    ServiceLog log, CancellationToken shutdown)
{
    private const int MaxRestarts = 3;
    private static readonly TimeSpan RestartWindow = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan HealthTimeout = TimeSpan.FromSeconds(120);
    private static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(10);

    // The host running the AppHost runs the services too; `dotnet run` and the SDK say where it is.
    private static readonly string DotnetHost =
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host
        : Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet" ? Environment.ProcessPath!
        : "dotnet";

    private readonly Lock gate = new();
    private readonly TaskCompletionSource gaveUp = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Queue<long> restartTimes = new();
    private Process? current;
    private bool stopping;
    private Task supervision = Task.CompletedTask;

    public string Name => service.Name;

    public ServiceDefinition Definition => service;

    public int Port => port;

    /// <summary>Completes when the service died more often than the restart policy allows.</summary>
    public Task GaveUp => gaveUp.Task;

    public string DeathNotice => $"Service '{Name}' keeps dying; its last log lines:\n{log.LastLines}";

    private bool IsStopping
    {
        get
        {
            lock (gate) return stopping || shutdown.IsCancellationRequested;
        }
    }

    public void Start()
    {
        // The first launch is synchronous so that a host that cannot run at all is reported at once.
        var process = Launch();
        lock (gate) current = process;
        supervision = SuperviseAsync(process);
    }

    public async Task WaitHealthyAsync(HttpClient http, CancellationToken ct)
    {
        var url = $"http://127.0.0.1:{port}/health";
        var elapsed = Stopwatch.StartNew();
        while (elapsed.Elapsed < HealthTimeout)
        {
            if (GaveUp.IsCompleted) throw new InfrastructureException(DeathNotice);
            if (await IsHealthyAsync(http, url, ct)) return;
            await Task.Delay(250, ct);
        }
        throw new InfrastructureException(
            $"Service '{Name}' was not healthy within {HealthTimeout.TotalSeconds:0} s ({url}); its last log lines:\n{log.LastLines}");
    }

    public async Task StopAsync()
    {
        Process? process;
        lock (gate)
        {
            stopping = true;
            process = current;
        }
        if (process is not null)
        {
            await ChildProcess.TerminateAsync(process, StopGrace);
        }
        await supervision;
        process?.Dispose();
    }

    private async Task SuperviseAsync(Process process)
    {
        while (true)
        {
            await process.WaitForExitAsync();
            if (IsStopping) return;

            var now = Environment.TickCount64;
            while (restartTimes.TryPeek(out var time) && now - time > RestartWindow.TotalMilliseconds)
            {
                restartTimes.Dequeue();
            }
            if (restartTimes.Count == MaxRestarts)
            {
                log.Write($"exited with code {process.ExitCode}, after {MaxRestarts} restarts within {RestartWindow.TotalSeconds:0} s");
                gaveUp.SetResult();
                return;
            }
            restartTimes.Enqueue(now);
            log.Write($"exited with code {process.ExitCode}; restarting ({restartTimes.Count}/{MaxRestarts})");

            // The pause also lets a Ctrl-C, which reaches the whole process group, count as a stop rather than a crash.
            await Task.Delay(TimeSpan.FromSeconds(1), shutdown).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            lock (gate)
            {
                if (stopping || shutdown.IsCancellationRequested) return;
                process.Dispose();
                try
                {
                    current = process = Launch();
                }
                catch (InfrastructureException e)
                {
                    current = null;
                    log.Write(e.Message);
                    gaveUp.SetResult();
                    return;
                }
            }
        }
    }

    private Process Launch()
    {
        var startInfo = ChildProcess.CreateStartInfo(DotnetHost, [assemblyPath], environment);
        startInfo.WorkingDirectory = Path.GetDirectoryName(assemblyPath);
        startInfo.Environment["OTEL_RESOURCE_ATTRIBUTES"] = $"service.instance.id={Guid.NewGuid()}";
        // A redirected stdin keeps the services away from the developer's terminal settings.
        startInfo.RedirectStandardInput = true;
        startInfo.RedirectStandardOutput = true;
        startInfo.RedirectStandardError = true;
        startInfo.StandardOutputEncoding = Encoding.UTF8;
        startInfo.StandardErrorEncoding = Encoding.UTF8;

        var process = new Process { StartInfo = startInfo };
        process.OutputDataReceived += (_, e) => Write(e.Data);
        process.ErrorDataReceived += (_, e) => Write(e.Data);
        ChildProcess.Start(process, DotnetHost);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;

        void Write(string? line)
        {
            if (line is not null) log.Write(line);
        }
    }

    private static async Task<bool> IsHealthyAsync(HttpClient http, string url, CancellationToken ct)
    {
        try
        {
            using var response = await http.GetAsync(url, ct);
            return response.StatusCode == HttpStatusCode.OK;
        }
        catch (Exception e) when (e is HttpRequestException || (e is TaskCanceledException && !ct.IsCancellationRequested))
        {
            return false;
        }
    }
}

/// <summary>A service's output on the console, prefixed with its name, the last lines kept to explain a failure.</summary>
internal sealed class ServiceLog(string prefix)
{
    private const int Capacity = 30;
    private readonly Queue<string> lastLines = new(Capacity);

    public string LastLines
    {
        get
        {
            lock (lastLines) return string.Join('\n', lastLines.Select(line => "  " + line));
        }
    }

    public void Write(string line)
    {
        lock (lastLines)
        {
            if (lastLines.Count == Capacity) lastLines.Dequeue();
            lastLines.Enqueue(line);
        }
        Terminal.WriteLine(prefix + line);
    }
}
