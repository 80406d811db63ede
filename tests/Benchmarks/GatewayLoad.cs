using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using Infogerance.DemoData;
using Infogerance.ServiceDefaults;

namespace Infogerance.Benchmarks;

/// <summary>
/// The browser's path through a running system (./run.sh or the AppHost): log-in latency (password hashing,
/// session, first token), then authenticated API calls with session cookies, which the gateway turns into
/// bearer tokens (cached, refreshed from Identity about once a minute) before Identity validates them.
/// </summary>
public static class GatewayLoad
{
    private const string Email = "admin@acme.example";

    public static async Task<int> RunAsync(Uri gateway, int sessions, TimeSpan duration)
    {
        var logins = new List<double>();
        var clients = new List<HttpClient>();
        for (var i = 0; i < sessions; i++)
        {
            var started = Stopwatch.GetTimestamp();
            var client = await SignInAsync(gateway, Email);
            logins.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            if (client is null)
            {
                return 1;
            }

            clients.Add(client);
        }

        Print("log-in (sequential)", logins, TimeSpan.Zero);
        var failures = await MeasureAsync($"GET /api/identity/me, {sessions} sessions", clients, duration, client => client.GetAsync("/api/identity/me"));
        clients.ForEach(client => client.Dispose());
        return failures == 0 ? 0 : 1;
    }

    /// <summary>A browser-like session (cookie, anti-forgery header, one connection) signed in as a demo user; null when refused.</summary>
    public static async Task<HttpClient?> SignInAsync(Uri gateway, string email)
    {
        var client = new HttpClient(new SocketsHttpHandler { CookieContainer = new CookieContainer(), MaxConnectionsPerServer = 1 }) { BaseAddress = gateway };
        client.DefaultRequestHeaders.Add("X-CSRF", "1");
        using var login = await client.PostAsJsonAsync("/bff/login", new { email, password = DemoWorld.Password });
        if (login.IsSuccessStatusCode)
        {
            return client;
        }

        Console.Error.WriteLine($"log-in of {email} refused: {(int)login.StatusCode} (raise RateLimits__LoginsPerAddressPerMinute for this run)");
        client.Dispose();
        return null;
    }

    /// <summary>Five calls per session to warm up, then every session calls in a loop for <paramref name="duration"/>; returns the failures.</summary>
    public static async Task<int> MeasureAsync(string what, List<HttpClient> clients, TimeSpan duration, Func<HttpClient, Task<HttpResponseMessage>> call)
    {
        await WarmUpAsync(clients, call);
        var (latencies, elapsed, failures) = await CallAsync(clients, duration, call);
        Print(what, latencies, elapsed);
        Console.WriteLine($"failures: {failures}");
        return failures;
    }

    /// <summary>Five calls per session, not measured.</summary>
    public static Task WarmUpAsync(List<HttpClient> clients, Func<HttpClient, Task<HttpResponseMessage>> call) =>
        Task.WhenAll(clients.Select(async client =>
        {
            for (var i = 0; i < 5; i++)
            {
                (await call(client)).Dispose();
            }
        }));

    /// <summary>Every session calls in a loop for <paramref name="duration"/>: each call's latency in milliseconds, the time taken, the calls that failed.</summary>
    public static async Task<(List<double> Latencies, TimeSpan Elapsed, int Failures)> CallAsync(
        List<HttpClient> clients, TimeSpan duration, Func<HttpClient, Task<HttpResponseMessage>> call)
    {
        var latencies = new List<double>[clients.Count];
        var failures = 0;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(clients.Select((client, i) => Task.Run(async () =>
        {
            latencies[i] = [];
            while (clock.Elapsed < duration)
            {
                var started = Stopwatch.GetTimestamp();
                using var response = await call(client);
                await response.Content.LoadIntoBufferAsync();
                latencies[i].Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                if (!response.IsSuccessStatusCode && Interlocked.Increment(ref failures) == 1)
                {
                    Console.Error.WriteLine($"first failure: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
                }
            }
        })));
        return ([.. latencies.SelectMany(l => l)], clock.Elapsed, failures);
    }

    public static void Print(string what, List<double> milliseconds, TimeSpan elapsed)
    {
        milliseconds.Sort();
        double Percentile(double p) => milliseconds[Math.Min(milliseconds.Count - 1, (int)(p * milliseconds.Count))];
        var rate = elapsed > TimeSpan.Zero ? $"{milliseconds.Count / elapsed.TotalSeconds:0} req/s, " : "";
        Console.WriteLine($"{what}: {milliseconds.Count} requests, {rate}p50 {Percentile(0.50):0.0} ms, p95 {Percentile(0.95):0.0} ms, p99 {Percentile(0.99):0.0} ms");
    }
}
