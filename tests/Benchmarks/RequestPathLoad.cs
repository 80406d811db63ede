using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Yarp.ReverseProxy.Configuration;
using Yarp.ReverseProxy.Transforms;

namespace Infogerance.Benchmarks;

/// <summary>
/// The signed-in request path of a running system against its ceiling, measured in the same run: a hello-world backend
/// behind YARP, proxied as the gateway proxies (its route, path and cookie transforms), gives the most this machine
/// answers through a proxy. It is measured twice: proxy and backend in this process, and each in a process of its own,
/// laid out as the gateway and a service are. Each endpoint is then loaded through the real gateway with the same number
/// of connections and printed as a ratio to both, with p50/p99 and the CPU time per request of each process on the path
/// (gateway, the service, PostgreSQL, this load generator), read from /proc before and after.
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
        // Both ceilings share the cores with the system, idle meanwhile; the load generator's own work counts in each.
        double inProcess, apart;
        await using (var backend = await HelloBackendAsync())
        await using (var proxy = await HelloProxyAsync(UrlOf(backend)))
        {
            inProcess = (await MeasureCeilingAsync("hello-world behind YARP, in this process (ceiling)", UrlOf(proxy), connections, duration, [], postgresPort)).Throughput;
        }

        using (var backend = CeilingPart.Start("backend"))
        using (var proxy = CeilingPart.Start("proxy", backend.Url))
        {
            apart = (await MeasureCeilingAsync("hello-world behind YARP, each in a process of its own (ceiling)", proxy.Url, connections, duration,
                [("proxy", proxy.Id), ("backend", backend.Id)], postgresPort)).Throughput;
        }

        var ceilings = new Ceilings(inProcess, apart);

        var clients = await TicketsLoad.SignInAsync(gateway, ClientUser, connections);
        var desk = await TicketsLoad.SignInAsync(gateway, DeskUser, connections);
        if (clients is null || desk is null)
        {
            return 1;
        }

        // The lists answer 50 tickets, some 22 kB, where the ceiling answers five bytes: the same hello-world answering the
        // client's page as it is gives what moving those bytes through the proxy costs on these cores.
        var page = await clients[0].GetByteArrayAsync("/api/incidents/tickets");
        await using (var backend = await HelloBackendAsync(page))
        await using (var proxy = await HelloProxyAsync(UrlOf(backend)))
        {
            var sized = await MeasureCeilingAsync($"hello-world answering the client's page ({page.Length / 1000.0:0.0} kB) behind YARP, in this process",
                UrlOf(proxy), connections, duration, [], postgresPort, PagePath);
            Console.WriteLine($"    = {sized.Throughput / ceilings.InProcess:0.000} of the ceiling in one process");
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
            failures += (await MeasureAsync(what, sessions, duration, call, "Infogerance.Gateway", services, [], postgresPort, ceilings)).Failures;
        }

        clients.Concat(desk).ToList().ForEach(client => client.Dispose());
        return failures == 0 ? 0 : 1;
    }

    /// <summary>The throughput of the two ceilings: proxy and backend in this process, and each in a process of its own.</summary>
    private sealed record Ceilings(double InProcess, double Apart);

    /// <summary>The route the ceiling's proxy serves, and the backend's path it leads to once its prefix is removed.</summary>
    private const string HelloPrefix = "/api/hello";

    private const string HelloPath = "/me";

    private const string PagePath = "/page";

    private static async Task<Outcome> MeasureCeilingAsync(
        string what, Uri proxy, int connections, TimeSpan duration, (string Name, int Id)[] parts, int postgresPort, string path = HelloPath)
    {
        var clients = Enumerable.Range(0, connections).Select(_ => new HttpClient { BaseAddress = proxy }).ToList();
        var outcome = await MeasureAsync(what, clients, duration, client => client.GetAsync(HelloPrefix + path), null, [], parts, postgresPort, null);
        clients.ForEach(c => c.Dispose());
        return outcome;
    }

    /// <summary>The ceiling's hello-world backend, on loopback; answering <paramref name="page"/> as JSON too when given.</summary>
    private static async Task<WebApplication> HelloBackendAsync(byte[]? page = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var hello = builder.Build();
        hello.MapGet(HelloPath, () => "hello");
        if (page is not null)
        {
            hello.MapGet(PagePath, () => Results.Bytes(page, "application/json"));
        }

        await hello.StartAsync();
        return hello;
    }

    /// <summary>The ceiling's proxy, on loopback: YARP with the gateway's kind of route and its transforms.</summary>
    private static async Task<WebApplication> HelloProxyAsync(Uri backend)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Services.AddReverseProxy().LoadFromMemory(
                [new RouteConfig { RouteId = "hello", ClusterId = "hello", Match = new RouteMatch { Path = HelloPrefix + "/{**rest}" } }
                    .WithTransformPathRemovePrefix(HelloPrefix)],
                [new ClusterConfig { ClusterId = "hello", Destinations = new Dictionary<string, DestinationConfig> { ["hello"] = new() { Address = backend.ToString() } } }])
            .AddTransforms(transforms => transforms.AddRequestHeaderRemove("Cookie"));
        var proxy = builder.Build();
        proxy.MapReverseProxy();
        await proxy.StartAsync();
        return proxy;
    }

    /// <summary>
    /// A part of the ceiling run as a process of its own (<c>ceiling-part backend</c> or <c>ceiling-part proxy &lt;backend url&gt;</c>):
    /// prints its address, then serves until its standard input closes, which it does when the harness ends, however it ends.
    /// </summary>
    public static async Task<int> RunCeilingPartAsync(string part, Uri? backend)
    {
        await using var app = part == "proxy" && backend is not null ? await HelloProxyAsync(backend) : await HelloBackendAsync();
        Console.WriteLine(UrlOf(app));
        while (await Console.In.ReadLineAsync() is not null)
        {
        }

        return 0;
    }

    private static Uri UrlOf(WebApplication app) =>
        new(app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First());

    private static async Task<Outcome> MeasureAsync(
        string what, List<HttpClient> clients, TimeSpan duration, Func<HttpClient, Task<HttpResponseMessage>> call, string? gatewayProcess,
        string[] services, (string Name, int Id)[] parts, int postgresPort, Ceilings? ceilings)
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

        foreach (var (name, id) in parts)
        {
            processes[name] = [id];
        }

        // What each spends idle (pollers, heartbeats, the broker's own work) is not the requests'.
        var idle = await IdleRatesAsync(processes);
        await GatewayLoad.WarmUpAsync(clients, call);
        var before = processes.ToDictionary(p => p.Key, p => CpuSecondsOf(p.Key, p.Value));
        var clock = Stopwatch.StartNew();
        var (latencies, elapsed, failures) = await GatewayLoad.CallAsync(clients, duration, call);
        var all = latencies.Order().ToList();
        double Percentile(double p) => all[Math.Min(all.Count - 1, (int)(p * all.Count))];
        var outcome = new Outcome(all.Count / elapsed.TotalSeconds, Percentile(0.50), Percentile(0.99), failures);
        var ratio = ceilings is { } top
            ? $" = {outcome.Throughput / top.InProcess:0.000} of the ceiling in one process, {outcome.Throughput / top.Apart:0.000} of the ceiling apart"
            : "";
        Console.WriteLine(
            $"{what}, {clients.Count} connections: {all.Count} requests, {outcome.Throughput:0} req/s{ratio}, p50 {outcome.P50:0.0} ms, p99 {outcome.P99:0.0} ms, failures {failures}");

        // What the requests left to do (events still to publish and consume) is theirs too: the system's CPU is read once
        // its processes are back to idle. The load generator's ends with the load.
        var generated = CpuSecondsOf(LoadGenerator, processes[LoadGenerator]);
        var system = processes.Where(p => p.Key != LoadGenerator).ToDictionary();
        var settled = await SettleAsync(system, system.Keys.Sum(name => idle[name]));
        var span = clock.Elapsed.TotalSeconds;
        var spent = processes.ToDictionary(p => p.Key, p => Math.Max(0, (p.Key == LoadGenerator ? generated : TreeCpuSeconds(p.Value))
            - before[p.Key] - idle[p.Key] * span) * 1000 / Math.Max(1, all.Count));
        var cpu = spent.Select(p => $"{p.Key} {p.Value:0.000} ms");
        Console.WriteLine($"    CPU per request: {string.Join(", ", cpu)}; all of them {spent.Values.Sum():0.000} ms (settled {settled.TotalSeconds:0.0} s after the load)");
        return outcome;
    }

    /// <summary>The load generator's own time: the ceiling's parts it started count apart.</summary>
    private static double CpuSecondsOf(string name, IReadOnlyList<int> roots) =>
        name == LoadGenerator ? CpuSeconds(Environment.ProcessId, withReapedChildren: false) : TreeCpuSeconds(roots);

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

/// <summary>A part of the ceiling started as a process of its own, ended with the harness.</summary>
internal sealed class CeilingPart : IDisposable
{
    private readonly Process process;

    private CeilingPart(Process process, Uri url) => (this.process, Url) = (process, url);

    public Uri Url { get; }

    public int Id => process.Id;

    public static CeilingPart Start(string part, Uri? backend = null)
    {
        // Run as this harness is run: by the dotnet host with this assembly, or by its own executable.
        var host = Environment.ProcessPath!;
        var start = new ProcessStartInfo(host) { RedirectStandardInput = true, RedirectStandardOutput = true, UseShellExecute = false };
        if (Path.GetFileNameWithoutExtension(host) == "dotnet")
        {
            start.ArgumentList.Add(typeof(CeilingPart).Assembly.Location);
        }

        start.ArgumentList.Add("ceiling-part");
        start.ArgumentList.Add(part);
        if (backend is not null)
        {
            start.ArgumentList.Add(backend.ToString());
        }

        var process = Process.Start(start)!;
        var url = process.StandardOutput.ReadLine() ?? throw new InvalidOperationException($"The ceiling's {part} did not start.");
        return new CeilingPart(process, new Uri(url));
    }

    public void Dispose()
    {
        process.StandardInput.Close();
        if (!process.WaitForExit(TimeSpan.FromSeconds(10)))
        {
            process.Kill();
        }

        process.Dispose();
    }
}
