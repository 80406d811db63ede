using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Infogerance.DemoData;
using Infogerance.ServiceDefaults;
using Npgsql;
using NpgsqlTypes;

namespace Infogerance.Benchmarks;

/// <summary>
/// The desk's queue and the client's list over many tickets, through a running system's gateway (demo world).
/// Seeds <c>tickets</c> tickets once, straight into the Incidents database (COPY): a tenth on ACME-INFOG-01 (Acme ↔
/// Antares), the rest on 300 other client tenants with a contract each, 30 of them served by Antares and the others
/// by 20 other providers; two years of history, a tenth still open (by SLA due time, some breached, some waiting on
/// the client), the rest resolved or closed; Acme's requester opened 1 % of Acme's. So an Antares agent sees about 190,000 tickets
/// of 31 contracts and Acme about 100,000. Then times, one call at a time, the first page and a deep page (reached by following the cursors)
/// of the desk's queue with its filters and of the client's list. Seeded rows are kept (references BENCH-Q-…) so
/// that a second run measures again without seeding; the tickets carry no clock rows or timers (the lists never
/// read them, and the scheduler leaves them alone).
/// </summary>
public static class TicketQueueLoad
{
    private const int Tenants = 300;
    private const int Providers = 20;
    private const int Repeats = 20;
    private static readonly DateTime NoRank = new(9999, 1, 1, 0, 0, 0, DateTimeKind.Utc);
    private static readonly (string Priority, string Impact, string Urgency, double Share)[] Priorities =
        [("P1", "high", "high", 0.05), ("P2", "high", "medium", 0.15), ("P3", "medium", "medium", 0.5), ("P4", "low", "low", 0.3)];

    public static async Task<int> RunAsync(Uri gateway, string connectionString, int tickets, int deepPages)
    {
        await using (var db = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(connectionString) { CommandTimeout = 0 }.ConnectionString))
        {
            await SeedAsync(db, tickets);
        }

        using var agent = await GatewayLoad.SignInAsync(gateway, "agent1@antares.example");
        using var client = await GatewayLoad.SignInAsync(gateway, "admin@acme.example");
        using var requester = await GatewayLoad.SignInAsync(gateway, "requester@acme.example");
        if (agent is null || client is null || requester is null)
        {
            return 1;
        }

        var acme = DemoWorld.AcmeContract;
        var scenarios = new (string What, HttpClient Caller, string Query)[]
        {
            ("desk queue (urgency, open)", agent, ""),
            ("desk queue, P1 and P2", agent, "priority=P1&priority=P2"),
            ("desk queue, assigned to me", agent, "assignee=me"),
            ("desk queue, breached", agent, "breached=true"),
            ("desk queue, one contract (ACME-INFOG-01)", agent, $"contractId={acme}"),
            ("desk queue, level 2, unassigned", agent, "level=2&assignee=none"),
            ("desk, every status, newest", agent, "sort=newest"),
            ("client list (newest, every status)", client, ""),
            ("client list, open", client, "status=open"),
            ("client list, closed, P1", client, "status=closed&priority=P1"),
            ("client list by urgency", client, "sort=urgency"),
            ("requester's own tickets (newest)", requester, ""),
        };

        Console.WriteLine($"page of 100; first page and page {deepPages} (reached through the cursors), {Repeats} calls each after 5 to warm up");
        var failures = 0;
        foreach (var (what, caller, query) in scenarios)
        {
            var url = $"/api/incidents/tickets?limit=100{(query.Length > 0 ? "&" : "")}{query}";
            var (first, firstCount, _) = await TimeAsync(caller, url, Repeats, Items);
            var deepUrl = url;
            var pages = 1;
            for (var page = 1; page < deepPages; page++)
            {
                var body = await caller.GetFromJsonAsync<JsonElement>(deepUrl);
                if (!body.TryGetProperty("nextCursor", out var next) || next.GetString() is not { } cursor)
                {
                    break;
                }

                deepUrl = $"{url}&cursor={Uri.EscapeDataString(cursor)}";
                pages++;
            }

            var (deep, deepCount, status) = await TimeAsync(caller, deepUrl, Repeats, Items);
            failures += status is >= 200 and < 300 ? 0 : 1;
            Console.WriteLine($"{what,-44} first page p50 {first[Repeats / 2],6:F1} ms max {first[^1],6:F1} ms ({firstCount} rows) | "
                + $"page {pages,3} p50 {deep[Repeats / 2],6:F1} ms max {deep[^1],6:F1} ms ({deepCount} rows)");
        }

        return failures == 0 ? 0 : 1;
    }

    private static int Items(JsonElement page) => page.GetProperty("items").GetArrayLength();

    /// <summary>
    /// Five calls to warm up, then <paramref name="repeats"/> one at a time: their times sorted, the figure
    /// <paramref name="read"/> takes from the last answer (-1 for a failure) and its status.
    /// </summary>
    internal static async Task<(double[] Milliseconds, int Figure, int Status)> TimeAsync(HttpClient caller, string url, int repeats, Func<JsonElement, int> read)
    {
        for (var i = 0; i < 5; i++)
        {
            (await caller.GetAsync(url)).Dispose();
        }

        var times = new double[repeats];
        var figure = 0;
        var status = 0;
        for (var i = 0; i < repeats; i++)
        {
            var started = Stopwatch.GetTimestamp();
            using var response = await caller.GetAsync(url);
            var body = await response.Content.ReadAsStringAsync();
            times[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            status = (int)response.StatusCode;
            figure = response.IsSuccessStatusCode ? read(JsonDocument.Parse(body).RootElement) : -1;
        }

        Array.Sort(times);
        return (times, figure, status);
    }

    private static async Task SeedAsync(NpgsqlDataSource db, int tickets)
    {
        await using var connection = await db.OpenConnectionAsync();
        await using (var count = new NpgsqlCommand(
            "SELECT count(*) FROM tickets WHERE contract_id IN (SELECT contract_id FROM contracts WHERE reference LIKE 'BENCH-Q-%') OR title = 'Bench queue ticket'", connection))
        {
            var existing = (long)(await count.ExecuteScalarAsync())!;
            if (existing >= tickets)
            {
                Console.WriteLine($"{existing} bench tickets already seeded");
                return;
            }
        }

        // Whatever an interrupted seed left goes first.
        await using (var clean = new NpgsqlCommand(
            """
            DELETE FROM tickets WHERE contract_id IN (SELECT contract_id FROM contracts WHERE reference LIKE 'BENCH-Q-%') OR title = 'Bench queue ticket';
            DELETE FROM contract_terms WHERE contract_id IN (SELECT contract_id FROM contracts WHERE reference LIKE 'BENCH-Q-%');
            DELETE FROM contract_parties WHERE contract_id IN (SELECT contract_id FROM contracts WHERE reference LIKE 'BENCH-Q-%');
            DELETE FROM contracts WHERE reference LIKE 'BENCH-Q-%';
            """,
            connection))
        {
            await clean.ExecuteNonQueryAsync();
        }

        var clock = Stopwatch.StartNew();
        var random = new Random(7);
        var providers = Enumerable.Range(0, Providers).Select(_ => Guid.CreateVersion7()).ToArray();
        var contracts = Enumerable.Range(0, Tenants)
            .Select(i => (Tenant: Guid.CreateVersion7(), Contract: Guid.CreateVersion7(), Provider: i % 10 == 0 ? DemoWorld.Antares : providers[i % Providers]))
            .ToArray();
        await using (var batch = new NpgsqlBatch(connection))
        {
            for (var i = 0; i < contracts.Length; i++)
            {
                var (tenant, contract, provider) = contracts[i];
                batch.BatchCommands.Add(Command(
                    "INSERT INTO contracts (tenant_id, contract_id, reference, provider_organisation_id) VALUES ($1, $2, $3, $4)", tenant, contract, $"BENCH-Q-{i:000}", provider));
                batch.BatchCommands.Add(Command(
                    """
                    INSERT INTO contract_terms (tenant_id, contract_id, version_number, effective_from, terms, activated_at)
                    SELECT $1, $2, 1, effective_from, terms, activated_at FROM contract_terms WHERE contract_id = $3 AND version_number = 1
                    """,
                    tenant, contract, DemoWorld.AcmeContract));
                batch.BatchCommands.Add(Command(
                    "INSERT INTO contract_parties (contract_id, tenant_id, provider_organisation_id, is_open, version, updated_at) VALUES ($1, $2, $3, true, 1, now())",
                    contract, tenant, provider));
            }

            await batch.ExecuteNonQueryAsync();
        }

        var now = DateTime.UtcNow;
        var agents = new[] { DemoWorld.LoginOf("agent1@antares.example"), DemoWorld.LoginOf("agent2@antares.example") };
        var acmeRequester = DemoWorld.LoginOf("requester@acme.example");
        await using (var copy = await connection.BeginBinaryImportAsync(
            """
            COPY tickets (tenant_id, contract_id, ticket_id, kind, title, description, impact, urgency, priority, level, status, pending_side,
                          requester_id, requester_name, requester_side, assignee_id, assignee_name, team, contract_version, created_at, updated_at,
                          responded_at, resolved_at, resolution, closed_at, sla_due_at, queue_rank, breached)
            FROM STDIN (FORMAT BINARY)
            """))
        {
            for (var i = 0; i < tickets; i++)
            {
                var onAcme = i % 10 == 0;
                var (tenant, contract, provider) = onAcme ? (DemoWorld.Acme, DemoWorld.AcmeContract, DemoWorld.Antares) : contracts[i % Tenants];
                var created = now.AddSeconds(-random.NextInt64(60, 730L * 86_400));
                var (priority, impact, urgency, _) = Pick(random, Priorities, p => p.Share);
                var x = random.NextDouble();
                var status = x < 0.03 ? "new" : x < 0.06 ? "assigned" : x < 0.09 ? "inProgress" : x < 0.10 ? "pendingClient" : x < 0.20 ? "resolved" : "closed";
                var open = x < 0.10;
                var responded = status == "new" ? (DateTime?)null : created.AddMinutes(random.Next(5, 240));
                var resolved = open ? (DateTime?)null : responded!.Value.AddHours(random.Next(1, 200));
                var due = created.AddHours(priority switch { "P1" => 4, "P2" => 8, "P3" => 24, _ => 72 });
                var breached = open ? due < now && status != "pendingClient" : random.NextDouble() < 0.08;
                // Antares' tickets mostly go to its two demo agents, so that "assigned to me" finds some.
                var agent = agents[random.Next(2)];
                var (assigneeId, assigneeName) = status == "new" ? (null, null)
                    : provider == DemoWorld.Antares && random.Next(3) < 2 ? ((Guid?)agent.UserId, agent.DisplayName)
                    : ((Guid?)Guid.CreateVersion7(), "Technicien");
                await copy.StartRowAsync();
                await copy.WriteAsync(tenant, NpgsqlDbType.Uuid);
                await copy.WriteAsync(contract, NpgsqlDbType.Uuid);
                await copy.WriteAsync(Guid.CreateVersion7(created), NpgsqlDbType.Uuid);
                await copy.WriteAsync(random.Next(4) == 0 ? "request" : "incident", NpgsqlDbType.Text);
                await copy.WriteAsync("Bench queue ticket", NpgsqlDbType.Text);
                await copy.WriteAsync("Seeded by the queue benchmark.", NpgsqlDbType.Text);
                await copy.WriteAsync(impact, NpgsqlDbType.Text);
                await copy.WriteAsync(urgency, NpgsqlDbType.Text);
                await copy.WriteAsync(priority, NpgsqlDbType.Text);
                await copy.WriteAsync((short)(random.Next(10) == 0 ? 2 : 1), NpgsqlDbType.Smallint);
                await copy.WriteAsync(status, NpgsqlDbType.Text);
                await copy.WriteAsync(status == "pendingClient" ? "client" : null, NpgsqlDbType.Text);
                await copy.WriteAsync(onAcme && random.Next(100) == 0 ? acmeRequester.UserId : Guid.CreateVersion7(), NpgsqlDbType.Uuid);
                await copy.WriteAsync(onAcme ? acmeRequester.DisplayName : "Demandeur", NpgsqlDbType.Text);
                await copy.WriteAsync("client", NpgsqlDbType.Text);
                await copy.WriteAsync(assigneeId, NpgsqlDbType.Uuid);
                await copy.WriteAsync(assigneeName, NpgsqlDbType.Text);
                await copy.WriteAsync(assigneeId is null ? null : "N1", NpgsqlDbType.Text);
                await copy.WriteAsync(1, NpgsqlDbType.Integer);
                await copy.WriteAsync(created, NpgsqlDbType.TimestampTz);
                await copy.WriteAsync(resolved ?? responded ?? created, NpgsqlDbType.TimestampTz);
                await copy.WriteAsync(responded, NpgsqlDbType.TimestampTz);
                await copy.WriteAsync(resolved, NpgsqlDbType.TimestampTz);
                await copy.WriteAsync(resolved is null ? null : "Résolu.", NpgsqlDbType.Text);
                await copy.WriteAsync<DateTime?>(status == "closed" ? resolved!.Value.AddDays(5) : null, NpgsqlDbType.TimestampTz);
                await copy.WriteAsync<DateTime?>(open && status != "pendingClient" ? due : null, NpgsqlDbType.TimestampTz);
                await copy.WriteAsync(open && status != "pendingClient" ? due : NoRank, NpgsqlDbType.TimestampTz);
                await copy.WriteAsync(breached, NpgsqlDbType.Boolean);
            }

            await copy.CompleteAsync();
        }

        await using (var analyze = new NpgsqlCommand("ANALYZE tickets", connection))
        {
            await analyze.ExecuteNonQueryAsync();
        }

        Console.WriteLine($"seeded {tickets} tickets on {Tenants} tenants + Acme in {clock.Elapsed.TotalSeconds:F0} s");
    }

    /// <summary>One of <paramref name="choices"/>, each drawn with its share of the whole (the shares add up to 1).</summary>
    internal static T Pick<T>(Random random, IReadOnlyList<T> choices, Func<T, double> share)
    {
        var x = random.NextDouble();
        foreach (var choice in choices)
        {
            x -= share(choice);
            if (x < 0)
            {
                return choice;
            }
        }

        return choices[^1];
    }

    private static NpgsqlBatchCommand Command(string sql, params object[] values)
    {
        var command = new NpgsqlBatchCommand(sql);
        foreach (var value in values)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        }

        return command;
    }
}
