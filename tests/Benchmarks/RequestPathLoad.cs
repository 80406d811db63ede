using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Yarp.ReverseProxy.Configuration;

namespace Infogerance.Benchmarks;

/// <summary>
/// The signed-in request path of a running system against its ceiling, measured in the same run: a hello-world backend
/// behind YARP (started in this process, proxied as the gateway proxies) gives the most this machine answers; each
/// endpoint is then loaded through the real gateway with the same number of connections and printed as a ratio to that
/// ceiling, with p50/p99 and the CPU time per request of each process on the path (gateway, the service, PostgreSQL,
/// this load generator), read from /proc before and after.
/// </summary>
public static class RequestPathLoad
{
    private const string ClientUser = "admin@acme.example";
    private const string DeskUser = "agent1@antares.example";

    private const string LoadGenerator = "load generator";

    private sealed record Outcome(double Throughput, double P50, double P99, int Failures);

    /// <param name="only">Measures only the endpoints whose line contains it (the ceiling is always measured), to profile one.</param>
    public static async Task<int> RunAsync(Uri gateway, int postgresPort, int connections, TimeSpan duration, string? only = null)
    {
        await using var ceiling = await CeilingAsync();
        var helloClients = Enumerable.Range(0, connections).Select(_ => new HttpClient { BaseAddress = ceiling.Urls.Select(u => new Uri(u)).First() }).ToList();
        var top = await MeasureAsync("hello-world behind YARP (ceiling)", helloClients, duration, client => client.GetAsync("/hello"), null, [], postgresPort, null);
        helloClients.ForEach(c => c.Dispose());

        var clients = await TicketsLoad.SignInAsync(gateway, ClientUser, connections);
        var desk = await TicketsLoad.SignInAsync(gateway, DeskUser, connections);
        if (clients is null || desk is null)
        {
            return 1;
        }

        var contracts = await clients[0].GetFromJsonAsync<JsonElement>("/api/incidents/contracts");
        var contractId = contracts.EnumerateArray().Single(c => c.GetProperty("reference").GetString() == "ACME-INFOG-01").GetProperty("id").GetGuid();
        var opened = 0;
        var open = TicketsLoad.Opening(contractId, () => Interlocked.Increment(ref opened));
        var failures = 0;
        // An opening's event is then applied by Reporting, Invoicing and Notifications on the same cores: they count too.
        foreach (var (what, services, sessions, call) in new (string, string[], List<HttpClient>, Func<HttpClient, Task<HttpResponseMessage>>)[]
        {
            ("GET /api/identity/me", ["Infogerance.Identity"], clients, c => c.GetAsync("/api/identity/me")),
            ("GET /api/contracts/ (the client's contracts)", ["Infogerance.Contracts"], clients, c => c.GetAsync("/api/contracts/")),
            ("GET /api/incidents/tickets (the client's list)", ["Infogerance.Incidents"], clients, c => c.GetAsync("/api/incidents/tickets")),
            ("GET /api/incidents/tickets?limit=50 (the desk's queue)", ["Infogerance.Incidents"], desk, c => c.GetAsync("/api/incidents/tickets?limit=50")),
            // The services built since: the bell and the desk's day are read by every open page once a minute.
            ("GET /api/notifications/unread-count (the bell)", ["Infogerance.Notifications"], clients, c => c.GetAsync("/api/notifications/unread-count")),
            ("GET /api/invoicing/contracts/{id}/invoices (a contract's invoices)", ["Infogerance.Invoicing"], clients,
                c => c.GetAsync($"/api/invoicing/contracts/{contractId}/invoices")),
            ("GET /api/reporting/desk (the desk's day)", ["Infogerance.Reporting"], desk, c => c.GetAsync("/api/reporting/desk")),
            ("POST /api/incidents/tickets (opening a ticket)",
                ["Infogerance.Incidents", "Infogerance.Reporting", "Infogerance.Invoicing", "Infogerance.Notifications"], clients, open),
        }.Where(line => only is null || line.Item1.Contains(only, StringComparison.OrdinalIgnoreCase)))
        {
            failures += (await MeasureAsync(what, sessions, duration, call, "Infogerance.Gateway", services, postgresPort, top.Throughput)).Failures;
        }

        clients.Concat(desk).ToList().ForEach(client => client.Dispose());
        return failures == 0 ? 0 : 1;
    }

    /// <summary>A hello-world backend and a YARP proxy in front of it, both on loopback.</summary>
    private static async Task<WebApplication> CeilingAsync()
    {
        var backend = WebApplication.CreateSlimBuilder();
        backend.Logging.ClearProviders();
        backend.WebHost.UseUrls("http://127.0.0.1:0");
        var hello = backend.Build();
        hello.MapGet("/hello", () => "hello");
        await hello.StartAsync();
        var backendUrl = hello.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();

        var proxy = WebApplication.CreateSlimBuilder();
        proxy.Logging.ClearProviders();
        proxy.WebHost.UseUrls("http://127.0.0.1:0");
        proxy.Services.AddReverseProxy().LoadFromMemory(
            [new RouteConfig { RouteId = "hello", ClusterId = "hello", Match = new RouteMatch { Path = "/hello" } }],
            [new ClusterConfig { ClusterId = "hello", Destinations = new Dictionary<string, DestinationConfig> { ["hello"] = new() { Address = backendUrl } } }]);
        var app = proxy.Build();
        app.MapReverseProxy();
        await app.StartAsync();
        return app;
    }

    private static async Task<Outcome> MeasureAsync(
        string what, List<HttpClient> clients, TimeSpan duration, Func<HttpClient, Task<HttpResponseMessage>> call, string? gatewayProcess,
        string[] services, int postgresPort, double? ceiling)
    {
        // Each process is counted with the processes it started, those that end meanwhile included (PostgreSQL's
        // backends, a pool's new connections).
        var postgres = PostgresServer(postgresPort);
        var processes = new Dictionary<string, IReadOnlyList<int>>
        {
            [LoadGenerator] = [Environment.ProcessId],
            ["postgres"] = postgres,
        };
        if (gatewayProcess is not null)
        {
            processes["rabbitmq"] = BrokerNode(postgres);
            processes["gateway"] = ProcessesNamed(gatewayProcess);
            // Not on the request path, but on the same cores: the Aspire dashboard of the local system, storing the
            // traces, logs and metrics every request exports.
            processes["dashboard"] = ProcessesNamed("Aspire.Dashboard");
        }

        foreach (var service in services)
        {
            processes[service] = ProcessesNamed(service);
        }

        // What each spends idle (pollers, heartbeats, the broker's own work) is not the requests'.
        var idle = await IdleRatesAsync(processes);
        await GatewayLoad.WarmUpAsync(clients, call);
        var before = processes.ToDictionary(p => p.Key, p => TreeCpuSeconds(p.Value));
        var clock = Stopwatch.StartNew();
        var (latencies, elapsed, failures) = await GatewayLoad.CallAsync(clients, duration, call);
        var all = latencies.Order().ToList();
        double Percentile(double p) => all[Math.Min(all.Count - 1, (int)(p * all.Count))];
        var outcome = new Outcome(all.Count / elapsed.TotalSeconds, Percentile(0.50), Percentile(0.99), failures);
        var ratio = ceiling is { } top ? $" = {outcome.Throughput / top:0.000} of the ceiling" : "";
        Console.WriteLine(
            $"{what}, {clients.Count} connections: {all.Count} requests, {outcome.Throughput:0} req/s{ratio}, p50 {outcome.P50:0.0} ms, p99 {outcome.P99:0.0} ms, failures {failures}");

        // What the requests left to do (events still to publish and consume) is theirs too: the system's CPU is read once
        // its processes are back to idle. The load generator's ends with the load.
        var generated = TreeCpuSeconds(processes[LoadGenerator]);
        var system = processes.Where(p => p.Key != LoadGenerator).ToDictionary();
        var settled = await SettleAsync(system, system.Keys.Sum(name => idle[name]));
        var span = clock.Elapsed.TotalSeconds;
        var spent = processes.ToDictionary(p => p.Key, p => Math.Max(0, (p.Key == LoadGenerator ? generated : TreeCpuSeconds(p.Value))
            - before[p.Key] - idle[p.Key] * span) * 1000 / Math.Max(1, all.Count));
        var cpu = spent.Select(p => $"{p.Key} {p.Value:0.000} ms");
        Console.WriteLine($"    CPU per request: {string.Join(", ", cpu)}; all of them {spent.Values.Sum():0.000} ms (settled {settled.TotalSeconds:0.0} s after the load)");
        return outcome;
    }

    /// <summary>
    /// CPU seconds per second each group of the system's processes spends with no load: the least of three half-seconds,
    /// so that what the last line left (a compilation, a collection, a vacuum) is not taken for it. The load generator's
    /// time, read over the load alone, is all the load's.
    /// </summary>
    private static async Task<Dictionary<string, double>> IdleRatesAsync(Dictionary<string, IReadOnlyList<int>> processes)
    {
        var rates = processes.Keys.ToDictionary(name => name, _ => double.MaxValue);
        for (var sample = 0; sample < 3; sample++)
        {
            var first = processes.ToDictionary(p => p.Key, p => TreeCpuSeconds(p.Value));
            var clock = Stopwatch.StartNew();
            await Task.Delay(TimeSpan.FromMilliseconds(500));
            foreach (var (name, roots) in processes)
            {
                rates[name] = Math.Min(rates[name], Math.Max(0, TreeCpuSeconds(roots) - first[name]) / clock.Elapsed.TotalSeconds);
            }
        }

        rates[LoadGenerator] = 0;
        return rates;
    }

    /// <summary>
    /// Waits until the processes are back to their idle rate (within 5% of a core over half a second), at most a minute:
    /// how long the work the load queued took to finish after it.
    /// </summary>
    private static async Task<TimeSpan> SettleAsync(Dictionary<string, IReadOnlyList<int>> processes, double idleRate)
    {
        var clock = Stopwatch.StartNew();
        var interval = TimeSpan.FromMilliseconds(500);
        var last = processes.Values.Sum(TreeCpuSeconds);
        while (clock.Elapsed < TimeSpan.FromMinutes(1))
        {
            await Task.Delay(interval);
            var now = processes.Values.Sum(TreeCpuSeconds);
            if (now - last < (idleRate + 0.05) * interval.TotalSeconds)
            {
                return clock.Elapsed - interval;
            }

            last = now;
        }

        return clock.Elapsed;
    }

    /// <summary>
    /// User and system CPU seconds used so far by the processes, the children they reaped (PostgreSQL's ended backends)
    /// and the children still running (from /proc).
    /// </summary>
    private static double TreeCpuSeconds(IReadOnlyList<int> roots)
    {
        var children = AllProcesses().Select(pid => (pid, parent: ParentOf(pid))).Where(p => roots.Contains(p.parent)).Select(p => p.pid).ToList();
        return roots.Sum(pid => CpuSeconds(pid, withReapedChildren: true)) + children.Sum(pid => CpuSeconds(pid, withReapedChildren: false));
    }

    private static double CpuSeconds(int pid, bool withReapedChildren)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            // utime, stime, then cutime and cstime (fields 14 to 17 of proc(5)).
            return fields.Skip(11).Take(withReapedChildren ? 4 : 2).Sum(field => double.Parse(field, System.Globalization.CultureInfo.InvariantCulture)) / 100;
        }
        catch (IOException)
        {
            return 0; // Ended: its time is now its parent's.
        }
    }

    private static string CommandLine(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/cmdline").Replace('\0', ' ');
        }
        catch (IOException)
        {
            return "";
        }
        catch (UnauthorizedAccessException)
        {
            return "";
        }
    }

    private static IEnumerable<int> AllProcesses() =>
        Directory.EnumerateDirectories("/proc").Select(Path.GetFileName).Where(n => n!.All(char.IsAsciiDigit)).Select(n => int.Parse(n!, System.Globalization.CultureInfo.InvariantCulture));

    private static List<int> ProcessesNamed(string executable) =>
        [.. AllProcesses().Where(pid => CommandLine(pid).Split(' ')[0].EndsWith(executable, StringComparison.Ordinal))];

    /// <summary>The PostgreSQL server listening on the port and every process it started (its connections' backends included).</summary>
    /// <summary>The PostgreSQL server listening on the port.</summary>
    private static List<int> PostgresServer(int port)
    {
        var server = AllProcesses().FirstOrDefault(pid => CommandLine(pid) is var line && line.Contains("postgres", StringComparison.Ordinal)
            && line.Contains($"-p {port} ", StringComparison.Ordinal));
        return server == 0 ? [] : [server];
    }

    /// <summary>
    /// The RabbitMQ node of the same local system as the PostgreSQL server: the local system keeps both in one data folder
    /// (<c>postgres/pgdata</c> and <c>rabbitmq/home</c>).
    /// </summary>
    private static List<int> BrokerNode(IReadOnlyList<int> postgres)
    {
        var dataDirectory = postgres.Count == 0 ? null : Regex.Match(CommandLine(postgres[0]), @" -D (\S+)/postgres/pgdata ") is { Success: true } m ? m.Groups[1].Value : null;
        var node = dataDirectory is null ? 0 : AllProcesses().FirstOrDefault(pid =>
            CommandLine(pid).Contains($" -home {dataDirectory}/rabbitmq/home ", StringComparison.Ordinal));
        return node == 0 ? [] : [node];
    }

    private static int ParentOf(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return int.Parse(stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (IOException)
        {
            return -1;
        }
    }
}
