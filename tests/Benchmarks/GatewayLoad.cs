using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;

namespace Infogerance.Benchmarks;

/// <summary>
/// The browser's path through a running system (./run.sh or the AppHost): log-in latency (password hashing,
/// session, first token), then authenticated API calls with session cookies, which the gateway turns into
/// bearer tokens (cached, refreshed from Identity about once a minute) before Identity validates them.
/// </summary>
public static class GatewayLoad
{
    private const string Email = "admin@acme.example";
    private const string Password = "Demo-Password-2026";

    public static async Task<int> RunAsync(Uri gateway, int sessions, TimeSpan duration)
    {
        var logins = new List<double>();
        var clients = new List<HttpClient>();
        for (var i = 0; i < sessions; i++)
        {
            var client = new HttpClient(new SocketsHttpHandler { CookieContainer = new CookieContainer(), MaxConnectionsPerServer = 1 }) { BaseAddress = gateway };
            client.DefaultRequestHeaders.Add("X-CSRF", "1");
            var started = Stopwatch.GetTimestamp();
            var login = await client.PostAsJsonAsync("/bff/login", new { email = Email, password = Password });
            logins.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            if (!login.IsSuccessStatusCode)
            {
                Console.Error.WriteLine($"log-in refused: {(int)login.StatusCode} (raise RateLimits__LoginsPerAddressPerMinute for this run)");
                return 1;
            }

            clients.Add(client);
        }

        Print("log-in (sequential)", logins, TimeSpan.Zero);

        // Warm-up, then the measured window.
        await Task.WhenAll(clients.Select(client => client.GetAsync("/api/identity/me")));
        var latencies = new List<double>[sessions];
        var failures = 0;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(clients.Select((client, i) => Task.Run(async () =>
        {
            latencies[i] = [];
            while (clock.Elapsed < duration)
            {
                var started = Stopwatch.GetTimestamp();
                using var response = await client.GetAsync("/api/identity/me");
                latencies[i].Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                if (!response.IsSuccessStatusCode)
                {
                    Interlocked.Increment(ref failures);
                }
            }
        })));

        Print($"GET /api/identity/me, {sessions} sessions", [.. latencies.SelectMany(l => l)], clock.Elapsed);
        Console.WriteLine($"failures: {failures}");
        clients.ForEach(client => client.Dispose());
        return failures == 0 ? 0 : 1;
    }

    private static void Print(string what, List<double> milliseconds, TimeSpan elapsed)
    {
        milliseconds.Sort();
        double Percentile(double p) => milliseconds[Math.Min(milliseconds.Count - 1, (int)(p * milliseconds.Count))];
        var rate = elapsed > TimeSpan.Zero ? $"{milliseconds.Count / elapsed.TotalSeconds:0} req/s, " : "";
        Console.WriteLine($"{what}: {milliseconds.Count} requests, {rate}p50 {Percentile(0.50):0.0} ms, p95 {Percentile(0.95):0.0} ms, p99 {Percentile(0.99):0.0} ms");
    }
}
