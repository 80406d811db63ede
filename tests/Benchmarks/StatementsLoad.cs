using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;

namespace Infogerance.Benchmarks;

/// <summary>
/// Penalty statements through a running system's gateway (demo world, rate limits lifted): Acme's contract manager
/// lists ACME-INFOG-01's statements (every month of its run: the issued ones as stored, the open ones computed from
/// the facts with the adjustments of every issued month), reads last month's and the current month's draft, with the
/// given number of sessions.
/// </summary>
public static class StatementsLoad
{
    private const string Manager = "manager@acme.example";

    public static async Task<int> RunAsync(Uri gateway, int sessions, TimeSpan duration)
    {
        var managers = new List<HttpClient>();
        for (var i = 0; i < sessions; i++)
        {
            if (await GatewayLoad.SignInAsync(gateway, Manager) is not { } client)
            {
                return 1;
            }

            managers.Add(client);
        }

        var contracts = await managers[0].GetFromJsonAsync<JsonElement>("/api/incidents/contracts");
        var contractId = contracts.EnumerateArray().Single(c => c.GetProperty("reference").GetString() == "ACME-INFOG-01").GetProperty("id").GetGuid();
        var list = await managers[0].GetFromJsonAsync<JsonElement>($"/api/invoicing/contracts/{contractId}/statements");
        var months = list.EnumerateArray().Select(month => month.GetProperty("status").GetString()).ToList();
        Console.WriteLine($"ACME-INFOG-01: {months.Count} months, {months.Count(status => status == "issued")} issued");
        var lastMonth = DateTime.UtcNow.AddMonths(-1).ToString("yyyy-MM", CultureInfo.InvariantCulture);
        var thisMonth = DateTime.UtcNow.ToString("yyyy-MM", CultureInfo.InvariantCulture);

        var failures = await GatewayLoad.MeasureAsync($"GET …/statements (list), {sessions} manager sessions", managers, duration,
            client => client.GetAsync($"/api/invoicing/contracts/{contractId}/statements"));
        failures += await GatewayLoad.MeasureAsync($"GET …/statements/{lastMonth}, {sessions} manager sessions", managers, duration,
            client => client.GetAsync($"/api/invoicing/contracts/{contractId}/statements/{lastMonth}"));
        failures += await GatewayLoad.MeasureAsync($"GET …/statements/{thisMonth} (the current draft), {sessions} manager sessions", managers, duration,
            client => client.GetAsync($"/api/invoicing/contracts/{contractId}/statements/{thisMonth}"));
        managers.ForEach(client => client.Dispose());
        return failures == 0 ? 0 : 1;
    }
}
