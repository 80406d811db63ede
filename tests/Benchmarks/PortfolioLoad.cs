using System.Net.Http.Json;
using System.Text.Json;
using Infogerance.DemoData;
using Npgsql;

namespace Infogerance.Benchmarks;

/// <summary>
/// The client's portfolio through a running system's gateway (demo world, rate limits lifted). Seeds once, straight into
/// the Reporting database, <c>contracts</c> contracts of Acme with Antares (references BENCH-P-…, the demo contract's
/// terms: Paris calendar, P1–P4) with a year of facts each as the read models keep them: 60 tickets a month
/// (5 % P1, 15 % P2, 50 % P3, 30 % P4), those of the last 30 days nine in ten resolved, older ones all but 0.5 %, both clocks of
/// a resolved ticket completed (92 % met), a breach for each missed clock, a third rated; an invoice a month, the budget of each year, last month's
/// penalty statement; the SLA warnings a desk is sent: every missed clock warned at 75 % before it ran out, a fifth of
/// the met resolutions, and a third of the open tickets' resolution clocks. Then Acme's administrator reads the current month's
/// portfolio and last month's, one call at a time and with the given number of sessions, then with a share of the
/// contracts changed before each call; and one of Antares' agents reads the desk. Seeded rows are kept so that a second
/// run measures again without seeding.
/// </summary>
public static class PortfolioLoad
{
    private const int TicketsPerMonth = 60;
    private const int Months = 12;

    public static async Task<int> RunAsync(Uri gateway, string connectionString, int contracts, int sessions, TimeSpan duration)
    {
        await using (var db = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(connectionString) { CommandTimeout = 0 }.ConnectionString))
        {
            await SeedAsync(db, contracts);
        }

        var clients = new List<HttpClient>();
        for (var i = 0; i < sessions; i++)
        {
            if (await GatewayLoad.SignInAsync(gateway, "admin@acme.example") is not { } client)
            {
                return 1;
            }

            clients.Add(client);
        }

        var portfolio = await clients[0].GetFromJsonAsync<JsonElement>("/api/reporting/portfolio");
        Console.WriteLine($"portfolio of {portfolio.GetProperty("contracts").GetArrayLength()} contracts, month {portfolio.GetProperty("month").GetString()}");
        var lastMonth = DateTime.UtcNow.AddMonths(-1).ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);
        var failures = await GatewayLoad.MeasureAsync("GET /portfolio (current month), 1 session", [clients[0]], duration,
            client => client.GetAsync("/api/reporting/portfolio"));
        failures += await GatewayLoad.MeasureAsync($"GET /portfolio?month={lastMonth}, 1 session", [clients[0]], duration,
            client => client.GetAsync($"/api/reporting/portfolio?month={lastMonth}"));
        failures += await GatewayLoad.MeasureAsync("GET /portfolio?sort=successRate&order=desc, 1 session", [clients[0]], duration,
            client => client.GetAsync("/api/reporting/portfolio?sort=successRate&order=desc"));
        if (sessions > 1)
        {
            failures += await GatewayLoad.MeasureAsync($"GET /portfolio (current month), {sessions} sessions", clients, duration,
                client => client.GetAsync("/api/reporting/portfolio"));
        }

        // The service reads a month's counts again only for the contracts whose facts changed since it last read them:
        // here a share of the contracts (or all of them) is marked changed before each call, as events would.
        await using (var db = NpgsqlDataSource.Create(connectionString))
        {
            foreach (var share in new[] { 0.1, 1.0 })
            {
                failures += await GatewayLoad.MeasureAsync($"GET /portfolio (current month), {share:P0} of the contracts changed before each call", [clients[0]], duration,
                    async client =>
                    {
                        await ChangeAsync(db, share);
                        return await client.GetAsync("/api/reporting/portfolio");
                    });
            }
        }

        // The provider's desk: its open tickets counted, each client's oldest, the clocks at risk among a year of warnings.
        if (await GatewayLoad.SignInAsync(gateway, "agent1@antares.example") is not { } agent)
        {
            return 1;
        }

        var desk = await agent.GetFromJsonAsync<JsonElement>("/api/reporting/desk");
        Console.WriteLine(
            $"desk: {desk.GetProperty("open").GetInt32()} tickets open, " +
            $"{desk.GetProperty("atRisk").GetArrayLength()} clocks at risk listed, more: {desk.GetProperty("moreAtRisk").GetBoolean()}");
        failures += await GatewayLoad.MeasureAsync("GET /desk (Antares' agent), 1 session", [agent], duration, client => client.GetAsync("/api/reporting/desk"));
        agent.Dispose();

        clients.ForEach(client => client.Dispose());
        return failures == 0 ? 0 : 1;
    }

    /// <summary>Moves the fact version of a share of the benchmark's contracts, as an event applied to each would.</summary>
    private static async Task ChangeAsync(NpgsqlDataSource db, double share)
    {
        await using var command = db.CreateCommand(
            """
            INSERT INTO contract_fact_versions (tenant_id, contract_id, version)
            SELECT tenant_id, contract_id, 1 FROM contracts WHERE reference LIKE 'BENCH-P-%' AND random() < @share
            ON CONFLICT (tenant_id, contract_id, shard) DO UPDATE SET version = contract_fact_versions.version + 1
            """);
        command.Parameters.AddWithValue("share", share);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task SeedAsync(NpgsqlDataSource db, int contracts)
    {
        await using var connection = await db.OpenConnectionAsync();
        await using (var count = new NpgsqlCommand("SELECT count(*) FROM contracts WHERE reference LIKE 'BENCH-P-%'", connection))
        {
            var seeded = (long)(await count.ExecuteScalarAsync())!;
            if (seeded >= contracts)
            {
                Console.WriteLine($"{seeded} contracts already seeded");
                return;
            }
        }

        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        await using var command = new NpgsqlCommand(Seed, connection);
        command.Parameters.AddWithValue("acme", DemoWorld.Acme);
        command.Parameters.AddWithValue("antares", DemoWorld.Antares);
        command.Parameters.AddWithValue("demo", DemoWorld.AcmeContract);
        command.Parameters.AddWithValue("contracts", contracts);
        command.Parameters.AddWithValue("perMonth", TicketsPerMonth);
        command.Parameters.AddWithValue("months", Months);
        await command.ExecuteNonQueryAsync();
        Console.WriteLine($"seeded {contracts} contracts in {System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalSeconds:F1} s");
    }

    // Set-based, on the server: the facts of every contract from generate_series, random but reproducible (setseed).
    private const string Seed =
        """
        SELECT setseed(0.42);
        CREATE TEMP TABLE bench_contracts AS
        SELECT gen_random_uuid() AS contract_id, 'BENCH-P-' || lpad(n::text, 4, '0') AS reference FROM generate_series(1, @contracts) AS n;
        INSERT INTO contracts (tenant_id, contract_id, reference, provider_organisation_id)
        SELECT @acme, contract_id, reference, @antares FROM bench_contracts;
        INSERT INTO contract_parties (contract_id, tenant_id, provider_organisation_id, is_open, version, updated_at)
        SELECT contract_id, @acme, @antares, true, 1, now() FROM bench_contracts;
        INSERT INTO contract_terms (tenant_id, contract_id, version_number, effective_from, terms, activated_at)
        SELECT @acme, b.contract_id, 1, t.effective_from, t.terms, now()
        FROM bench_contracts b CROSS JOIN (SELECT effective_from, terms FROM contract_terms WHERE contract_id = @demo AND version_number = 1) AS t;
        INSERT INTO contract_phases (tenant_id, contract_id, phase, changed_at, event_id)
        SELECT @acme, contract_id, 'run', now(), gen_random_uuid() FROM bench_contracts;

        CREATE TEMP TABLE bench_tickets AS
        SELECT contract_id, ticket_id, number, kind, priority, opened_at,
               -- The month's tickets mostly resolved, older ones almost all: a contract's backlog is a few dozen tickets.
               CASE WHEN opened_at > now() - interval '30 days' THEN r2 < 0.9 AND opened_at < now() - interval '1 day' ELSE r2 < 0.995 END AS resolved,
               r3 < 0.92 AS respond_met, r4 < 0.92 AS resolve_met, r5 < 0.33 AS rated
        FROM (
            SELECT b.contract_id, gen_random_uuid() AS ticket_id, row_number() OVER () + 1000000 AS number,
                   CASE WHEN random() < 0.7 THEN 'incident' ELSE 'request' END AS kind,
                   CASE WHEN r < 0.05 THEN 'P1' WHEN r < 0.20 THEN 'P2' WHEN r < 0.70 THEN 'P3' ELSE 'P4' END AS priority,
                   now() - random() * (@months * interval '30 days') AS opened_at, random() AS r2, random() AS r3, random() AS r4, random() AS r5
            FROM bench_contracts b
            CROSS JOIN generate_series(1, @perMonth * @months) AS n
            -- b and n in the subquery make it run per ticket (an uncorrelated one runs once).
            CROSS JOIN LATERAL (SELECT random() + 0 * n + 0 * length(b.reference) AS r) AS x
        ) AS t;

        INSERT INTO tickets (tenant_id, contract_id, ticket_id, number, kind, opened_at, priority, priority_at, priority_event, status, resolved_at, score, rated_at)
        SELECT @acme, contract_id, ticket_id, number, kind, opened_at, priority, opened_at, gen_random_uuid(),
               CASE WHEN resolved THEN 'resolved' ELSE 'inProgress' END,
               CASE WHEN resolved THEN opened_at + interval '6 hours' END,
               CASE WHEN resolved AND rated THEN 3 + (random() * 2)::int END,
               CASE WHEN resolved AND rated THEN opened_at + interval '8 hours' END
        FROM bench_tickets;
        INSERT INTO ticket_open_periods (tenant_id, contract_id, ticket_id, opened_from, open_until)
        SELECT @acme, contract_id, ticket_id, opened_at, CASE WHEN resolved THEN opened_at + interval '6 hours' ELSE 'infinity' END FROM bench_tickets;
        INSERT INTO sla_completions (tenant_id, contract_id, ticket_id, number, kind, clock, priority, met, used_seconds, target_seconds, started_at, due_at,
                                     completed_at, completion)
        SELECT @acme, contract_id, ticket_id, number, kind, 'respond', priority, respond_met, CASE WHEN respond_met THEN 900 ELSE 2400 END, 1800,
               opened_at, opened_at + interval '30 minutes', opened_at + CASE WHEN respond_met THEN interval '15 minutes' ELSE interval '40 minutes' END, 1
        FROM bench_tickets
        UNION ALL
        SELECT @acme, contract_id, ticket_id, number, kind, 'resolve', priority, resolve_met, CASE WHEN resolve_met THEN 10800 ELSE 21600 END, 14400,
               opened_at, opened_at + interval '4 hours', opened_at + interval '6 hours', 1
        FROM bench_tickets WHERE resolved;
        INSERT INTO sla_breaches (tenant_id, contract_id, ticket_id, number, kind, clock, priority, due_at)
        SELECT @acme, contract_id, ticket_id, number, kind, 'respond', priority, opened_at + interval '30 minutes' FROM bench_tickets WHERE NOT respond_met
        UNION ALL
        SELECT @acme, contract_id, ticket_id, number, kind, 'resolve', priority, opened_at + interval '4 hours' FROM bench_tickets WHERE resolved AND NOT resolve_met;

        INSERT INTO invoices (tenant_id, contract_id, invoice_id, number, kind, issue_date, period_start, total_without_vat, total_with_vat, received_at,
                              result, approved_at)
        SELECT @acme, b.contract_id, gen_random_uuid(), b.reference || '-' || m, 'invoice', (date_trunc('month', now()) - m * interval '1 month')::date,
               (date_trunc('month', now()) - m * interval '1 month')::date, 10000, 12000, now(), 'compliant', now()
        FROM bench_contracts b CROSS JOIN generate_series(0, @months - 1) AS m;
        INSERT INTO budget_plans (tenant_id, contract_id, year, annual, monthly, planned_at, event_id)
        SELECT @acme, contract_id, y, 120000, '{}'::jsonb, now(), gen_random_uuid()
        FROM bench_contracts CROSS JOIN (VALUES (extract(year FROM now())::int), (extract(year FROM now() - interval '3 months')::int)) AS years (y)
        ON CONFLICT DO NOTHING;
        INSERT INTO penalty_statements (tenant_id, contract_id, month, issued_at, monthly_fee, gross_amount, free_amount, waived_amount, monthly_cap_deducted,
                                        annual_cap_deducted, below_minimum, total, adjustment_total, total_due, lines)
        SELECT @acme, contract_id, to_char(now() - interval '1 month', 'YYYY-MM'), now(), 10000, 300, 0, 0, 0, 0, false, 300, 0, 300, '[]'::jsonb
        FROM bench_contracts;
        -- At risk still: the open tickets' resolutions (the missed responses breached, the resolved tickets' clocks completed).
        INSERT INTO sla_warnings (tenant_id, contract_id, ticket_id, clock, priority, percent, due_at, number, raised_at, event_id, at_risk)
        SELECT @acme, contract_id, ticket_id, 'respond', priority, 75, opened_at + interval '30 minutes', number, opened_at + interval '22 minutes',
               gen_random_uuid(), false
        FROM bench_tickets WHERE NOT respond_met
        UNION ALL
        SELECT @acme, contract_id, ticket_id, 'resolve', priority, 75, opened_at + interval '4 hours', number, opened_at + interval '3 hours',
               gen_random_uuid(), NOT resolved
        FROM bench_tickets WHERE resolved AND (NOT resolve_met OR random() < 0.2) OR NOT resolved AND random() < 0.33;
        INSERT INTO contract_fact_versions (tenant_id, contract_id, version) SELECT @acme, contract_id, 1 FROM bench_contracts;
        ANALYZE;
        """;
}
