using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Infogerance.Benchmarks;

/// <summary>
/// Tickets through a running system's gateway (demo world, rate limits lifted): client users of Acme open tickets on
/// ACME-INFOG-01 concurrently, then the desk (an Antares agent) reads its queue and the client reads its list, each
/// for the same duration with the same number of sessions. Each POST opens a ticket for real: insert, history, event
/// in the outbox, both SLA clocks computed and stored, the ticket's timer set, its detail read back.
/// </summary>
public static class TicketsLoad
{
    private const string ClientUser = "admin@acme.example";
    private const string DeskUser = "agent1@antares.example";
    private static readonly string[] Levels = ["high", "medium", "low"];

    public static async Task<int> RunAsync(Uri gateway, int sessions, TimeSpan duration)
    {
        var clients = await SignInAsync(gateway, ClientUser, sessions);
        var desk = await SignInAsync(gateway, DeskUser, sessions);
        if (clients is null || desk is null)
        {
            return 1;
        }

        var contracts = await clients[0].GetFromJsonAsync<JsonElement>("/api/incidents/contracts");
        var contractId = contracts.EnumerateArray().Single(c => c.GetProperty("reference").GetString() == "ACME-INFOG-01").GetProperty("id").GetGuid();
        var opened = 0;
        var open = Opening(contractId, () => Interlocked.Increment(ref opened));

        var failures = await GatewayLoad.MeasureAsync($"POST /api/incidents/tickets, {sessions} client sessions", clients, duration, open);
        failures += await GatewayLoad.MeasureAsync($"GET /api/incidents/tickets, desk queue (urgency, 50 a page), {sessions} agent sessions", desk, duration,
            client => client.GetAsync("/api/incidents/tickets"));
        failures += await GatewayLoad.MeasureAsync($"GET /api/incidents/tickets, client list (newest, 50 a page), {sessions} client sessions", clients, duration,
            client => client.GetAsync("/api/incidents/tickets"));
        Console.WriteLine($"tickets opened (warm-up included): {opened}");
        clients.Concat(desk).ToList().ForEach(client => client.Dispose());
        return failures == 0 ? 0 : 1;
    }

    /// <summary>
    /// Opens a ticket on the contract, the next number each call (varied kind, impact and urgency). The body goes with its
    /// length, as the SPA's does (<c>PostAsJsonAsync</c> would send it in chunks, which no browser does).
    /// </summary>
    public static Func<HttpClient, Task<HttpResponseMessage>> Opening(Guid contractId, Func<int> next) => client =>
    {
        var n = next();
        var body = JsonSerializer.Serialize(new
        {
            contractId, kind = n % 4 == 0 ? "request" : "incident", title = $"Poste {n} : la messagerie ne se synchronise plus",
            description = "Depuis ce matin, Outlook affiche « Déconnecté » et les nouveaux messages n’arrivent plus. Redémarrage sans effet.",
            impact = Levels[n % 3], urgency = Levels[n / 3 % 3],
        }, JsonSerializerOptions.Web);
        return client.PostAsync("/api/incidents/tickets", new StringContent(body, Encoding.UTF8, "application/json"));
    };

    /// <summary>Sessions of one demo user; null when a log-in is refused.</summary>
    public static async Task<List<HttpClient>?> SignInAsync(Uri gateway, string email, int sessions)
    {
        var clients = new List<HttpClient>();
        for (var i = 0; i < sessions; i++)
        {
            if (await GatewayLoad.SignInAsync(gateway, email) is not { } client)
            {
                return null;
            }

            clients.Add(client);
        }

        return clients;
    }
}
