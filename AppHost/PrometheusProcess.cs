using System.Diagnostics;
using System.Text;
using Infogerance.AppHost.Infrastructure;

namespace Infogerance.AppHost;

/// <summary>Prometheus scraping every service, when it is installed: a convenience the AppHost runs fine without.</summary>
internal sealed class PrometheusProcess(Process process, string url) : IAsyncDisposable
{
    private const int PreferredPort = 9090;
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(15);

    public string Url => url;

    public static async Task<PrometheusProcess?> TryStartAsync(
        string dataDirectory, IEnumerable<ServiceProcess> services, CancellationToken ct)
    {
        if (ChildProcess.FindOnPath("prometheus") is not { } executable) return null;

        Directory.CreateDirectory(dataDirectory);
        var configFile = Path.Combine(dataDirectory, "prometheus.yml");
        await File.WriteAllTextAsync(configFile, Configuration(services), CancellationToken.None);
        var port = Ports.IsFree(PreferredPort) ? PreferredPort : Ports.GetFreePort();
        var log = Path.Combine(dataDirectory, "prometheus.log");

        PrometheusProcess prometheus;
        try
        {
            prometheus = new PrometheusProcess(
                ChildProcess.StartLogged(executable,
                [
                    $"--config.file={configFile}",
                    $"--storage.tsdb.path={Path.Combine(dataDirectory, "data")}",
                    $"--web.listen-address=127.0.0.1:{port}",
                ], log),
                $"http://127.0.0.1:{port}");
        }
        catch (InfrastructureException e)
        {
            Terminal.WriteError($"Warning: {e.Message}; continuing without Prometheus.");
            return null;
        }

        if (await prometheus.BecomesReadyAsync(ct)) return prometheus;
        if (!ct.IsCancellationRequested)
        {
            Terminal.WriteError($"Warning: Prometheus did not start (see {log}); continuing without it.");
        }
        await prometheus.DisposeAsync();
        return null;
    }

    public async ValueTask DisposeAsync()
    {
        await ChildProcess.TerminateAsync(process, TimeSpan.FromSeconds(10));
        process.Dispose();
    }

    private async Task<bool> BecomesReadyAsync(CancellationToken ct)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var elapsed = Stopwatch.StartNew();
        while (elapsed.Elapsed < StartTimeout && !process.HasExited && !ct.IsCancellationRequested)
        {
            try
            {
                using var response = await http.GetAsync($"{url}/-/ready", ct);
                if (response.IsSuccessStatusCode) return true;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                // Not listening yet, or stopping.
            }
            await Task.Delay(250, ct).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
        return false;
    }

    private static string Configuration(IEnumerable<ServiceProcess> services)
    {
        var yaml = new StringBuilder("""
            global:
              scrape_interval: 5s
            scrape_configs:

            """);
        foreach (var service in services)
        {
            yaml.Append($"""
                  - job_name: {service.Name}
                    metrics_path: /metrics
                    static_configs:
                      - targets: ['127.0.0.1:{service.Port}']

                """);
        }
        return yaml.ToString();
    }
}
