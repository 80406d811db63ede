using System.Diagnostics;
using System.Text.Json;
using Infogerance.DemoData;
using Npgsql;
using NpgsqlTypes;

namespace Infogerance.Benchmarks;

/// <summary>
/// The monthly scorecard of one large contract, through a running system's gateway (demo world). Seeds once, straight
/// into the Reporting database's read models (COPY), a contract of Acme served by Antares (BENCH-R-01, Acme's terms)
/// holding <c>tickets</c> tickets over five years up to now: about 17,500 a month, two completed clocks for each
/// resolved one (33,000 a month), 8 % of clocks breached, a third of the resolved rated, the last weeks' tickets still
/// partly open. Then times, one call at a time, the scorecard of the current month, of the past month and of a month
/// three years back, for the client's contract manager and for the provider's account manager (whose rows are reached
/// through the contract scope of row-level security). Seeded rows are kept, so that a second run measures again
/// without seeding.
/// </summary>
public static class ScorecardLoad
{
    public static readonly Guid Contract = Guid.Parse("01960000-0000-7000-8000-0000000bec01");
    private const string Reference = "BENCH-R-01";
    private static readonly (string Priority, double Share, long RespondSeconds, long ResolveSeconds)[] Priorities =
        [("P1", 0.05, 900, 4 * 3600), ("P2", 0.15, 1800, 8 * 3600), ("P3", 0.5, 4 * 3600, 24 * 3600), ("P4", 0.3, 8 * 3600, 72 * 3600)];

    public static async Task<int> RunAsync(Uri gateway, string connectionString, int tickets, int repeats)
    {
        await using (var db = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(connectionString) { CommandTimeout = 0 }.ConnectionString))
        {
            await SeedAsync(db, tickets);
        }

        using var client = await GatewayLoad.SignInAsync(gateway, "manager@acme.example");
        using var provider = await GatewayLoad.SignInAsync(gateway, "manager@antares.example");
        if (client is null || provider is null)
        {
            return 1;
        }

        var paris = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");
        var today = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, paris);
        var months = new (string What, string Query)[]
        {
            ("current month", ""),
            ("past month", $"?month={today.AddMonths(-1):yyyy-MM}"),
            ("three years back", $"?month={today.AddMonths(-36):yyyy-MM}"),
        };

        Console.WriteLine($"GET /api/reporting/contracts/{{id}}/scorecard, {repeats} calls each after 5 to warm up, one at a time");
        var failures = 0;
        foreach (var (side, caller) in new[] { ("client (contract manager)", client), ("provider (account manager)", provider) })
        {
            foreach (var (what, query) in months)
            {
                var url = $"/api/reporting/contracts/{Contract}/scorecard{query}";
                var (times, opened, status) = await TicketQueueLoad.TimeAsync(caller, url, repeats, page => page.GetProperty("opened").GetInt32());
                failures += status == 200 ? 0 : 1;
                Console.WriteLine($"{side,-27} {what,-17} p50 {Percentile(times, 50),6:F1} ms  p99 {Percentile(times, 99),6:F1} ms  max {times[^1],6:F1} ms  "
                    + $"(HTTP {status}, opened {opened})");
            }
        }

        return failures == 0 ? 0 : 1;
    }

    private static double Percentile(double[] sorted, int percent) => sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(sorted.Length * percent / 100.0) - 1)];

    private static async Task SeedAsync(NpgsqlDataSource db, int tickets)
    {
        await using var connection = await db.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        // The owner is under row-level security too (FORCE): scope the seed to Acme.
        await Execute(connection, "SELECT set_config('app.tenant_ids', $1, true)", DemoWorld.Acme.ToString());
        await using (var count = new NpgsqlCommand("SELECT count(*) FROM tickets WHERE contract_id = $1", connection))
        {
            count.Parameters.Add(new NpgsqlParameter { Value = Contract });
            var existing = (long)(await count.ExecuteScalarAsync())!;
            if (existing >= tickets)
            {
                Console.WriteLine($"{existing} bench tickets already seeded on {Reference}");
                return;
            }
        }

        foreach (var table in new[] { "tickets", "ticket_open_periods", "sla_completions", "sla_breaches", "contract_terms", "contracts" })
        {
            await Execute(connection, $"DELETE FROM {table} WHERE contract_id = $1", Contract);
        }

        await Execute(connection, "DELETE FROM contract_parties WHERE contract_id = $1", Contract);
        await Execute(connection, "INSERT INTO contracts (tenant_id, contract_id, reference, provider_organisation_id) VALUES ($1, $2, $3, $4)",
            DemoWorld.Acme, Contract, Reference, DemoWorld.Antares);
        await Execute(connection, "INSERT INTO contract_parties (contract_id, tenant_id, provider_organisation_id, is_open, version, updated_at) VALUES ($1, $2, $3, true, 1, now())",
            Contract, DemoWorld.Acme, DemoWorld.Antares);
        var copied = await Execute(connection,
            """
            INSERT INTO contract_terms (tenant_id, contract_id, version_number, effective_from, terms, activated_at)
            SELECT tenant_id, $1, version_number, (effective_from - interval '5 years')::date, terms, activated_at FROM contract_terms WHERE contract_id = $2
            """,
            Contract, DemoWorld.AcmeContract);
        if (copied == 0)
        {
            throw new InvalidOperationException("ACME-INFOG-01's terms have not reached the Reporting service: is the demo world running?");
        }

        var clock = Stopwatch.StartNew();
        var random = new Random(11);
        var now = DateTime.UtcNow;
        var start = now.AddDays(-5 * 365.25);
        var span = (now - start).Ticks;
        var ticketRows = await connection.BeginBinaryImportAsync(
            "COPY tickets (tenant_id, contract_id, ticket_id, number, kind, opened_at, priority, priority_at, priority_event, status, resolved_at, score, rated_at) FROM STDIN (FORMAT BINARY)");
        var (clocks, breaches, open) = (0, 0, 0);
        var periods = new List<(Guid Ticket, DateTime From, DateTime Until)>(tickets);
        var completions = new List<(Guid Ticket, long Number, string Kind, string Clock, string Priority, bool Met, long Used, long Target, DateTime Started, DateTime Due, DateTime Completed)>(2 * tickets);
        for (var i = 0; i < tickets; i++)
        {
            var opened = start.AddTicks(span / tickets * i + random.NextInt64(span / tickets));
            var (priority, _, respondTarget, resolveTarget) = TicketQueueLoad.Pick(random, Priorities, p => p.Share);
            var kind = random.Next(4) == 0 ? "request" : "incident";
            // Most are resolved within a few days; a few linger for weeks, and one in a thousand is never resolved.
            var takes = TimeSpan.FromSeconds(random.Next(10) == 0 ? random.Next(86_400, 40 * 86_400) : random.Next(600, 4 * 86_400));
            DateTime? resolved = random.Next(1000) == 0 || opened + takes > now ? null : opened + takes;
            var rated = resolved is { } r && random.Next(3) == 0 ? r.AddHours(random.Next(1, 72)) : (DateTime?)null;
            if (rated > now)
            {
                rated = null;
            }

            var ticket = Guid.CreateVersion7(opened);
            var number = i + 1L;
            await ticketRows.StartRowAsync();
            await ticketRows.WriteAsync(DemoWorld.Acme, NpgsqlDbType.Uuid);
            await ticketRows.WriteAsync(Contract, NpgsqlDbType.Uuid);
            await ticketRows.WriteAsync(ticket, NpgsqlDbType.Uuid);
            await ticketRows.WriteAsync(number, NpgsqlDbType.Bigint);
            await ticketRows.WriteAsync(kind, NpgsqlDbType.Text);
            await ticketRows.WriteAsync(opened, NpgsqlDbType.TimestampTz);
            await ticketRows.WriteAsync(priority, NpgsqlDbType.Text);
            await ticketRows.WriteAsync(opened, NpgsqlDbType.TimestampTz);
            await ticketRows.WriteAsync(Guid.CreateVersion7(opened), NpgsqlDbType.Uuid);
            await ticketRows.WriteAsync(resolved is null ? "inProgress" : rated is null ? "resolved" : "closed", NpgsqlDbType.Text);
            await ticketRows.WriteAsync(resolved, NpgsqlDbType.TimestampTz);
            await ticketRows.WriteAsync(rated is null ? null : (short?)(short)random.Next(1, 6), NpgsqlDbType.Smallint);
            await ticketRows.WriteAsync(rated, NpgsqlDbType.TimestampTz);
            periods.Add((ticket, opened, resolved ?? DateTime.MaxValue));
            open += resolved is null ? 1 : 0;

            var responded = opened.AddSeconds(random.Next(60, (int)Math.Min(respondTarget * 3 / 2, takes.TotalSeconds)));
            if (responded <= now)
            {
                completions.Add(Clock(ticket, number, kind, "respond", priority, respondTarget, opened, responded, random));
            }

            if (resolved is { } done)
            {
                completions.Add(Clock(ticket, number, kind, "resolve", priority, resolveTarget, opened, done, random));
            }
        }

        await ticketRows.CompleteAsync();
        await ticketRows.DisposeAsync();

        await using (var copy = await connection.BeginBinaryImportAsync(
            "COPY ticket_open_periods (tenant_id, contract_id, ticket_id, opened_from, open_until) FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var (ticket, from, until) in periods)
            {
                await copy.StartRowAsync();
                await copy.WriteAsync(DemoWorld.Acme, NpgsqlDbType.Uuid);
                await copy.WriteAsync(Contract, NpgsqlDbType.Uuid);
                await copy.WriteAsync(ticket, NpgsqlDbType.Uuid);
                await copy.WriteAsync(from, NpgsqlDbType.TimestampTz);
                // DateTime.MaxValue is written 'infinity': still open, as the read model keeps it.
                await copy.WriteAsync(DateTime.SpecifyKind(until, DateTimeKind.Utc), NpgsqlDbType.TimestampTz);
            }

            await copy.CompleteAsync();
        }

        await using (var copy = await connection.BeginBinaryImportAsync(
            """
            COPY sla_completions (tenant_id, contract_id, ticket_id, number, kind, clock, priority, met, used_seconds, target_seconds, started_at, due_at, completed_at, completion)
            FROM STDIN (FORMAT BINARY)
            """))
        {
            foreach (var c in completions)
            {
                await copy.StartRowAsync();
                await copy.WriteAsync(DemoWorld.Acme, NpgsqlDbType.Uuid);
                await copy.WriteAsync(Contract, NpgsqlDbType.Uuid);
                await copy.WriteAsync(c.Ticket, NpgsqlDbType.Uuid);
                await copy.WriteAsync(c.Number, NpgsqlDbType.Bigint);
                await copy.WriteAsync(c.Kind, NpgsqlDbType.Text);
                await copy.WriteAsync(c.Clock, NpgsqlDbType.Text);
                await copy.WriteAsync(c.Priority, NpgsqlDbType.Text);
                await copy.WriteAsync(c.Met, NpgsqlDbType.Boolean);
                await copy.WriteAsync(c.Used, NpgsqlDbType.Bigint);
                await copy.WriteAsync(c.Target, NpgsqlDbType.Bigint);
                await copy.WriteAsync(c.Started, NpgsqlDbType.TimestampTz);
                await copy.WriteAsync(c.Due, NpgsqlDbType.TimestampTz);
                await copy.WriteAsync(c.Completed, NpgsqlDbType.TimestampTz);
                await copy.WriteAsync(1, NpgsqlDbType.Integer);
            }

            clocks = completions.Count;
            await copy.CompleteAsync();
        }

        await using (var copy = await connection.BeginBinaryImportAsync(
            "COPY sla_breaches (tenant_id, contract_id, ticket_id, number, kind, clock, priority, due_at) FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var c in completions.Where(c => !c.Met))
            {
                await copy.StartRowAsync();
                await copy.WriteAsync(DemoWorld.Acme, NpgsqlDbType.Uuid);
                await copy.WriteAsync(Contract, NpgsqlDbType.Uuid);
                await copy.WriteAsync(c.Ticket, NpgsqlDbType.Uuid);
                await copy.WriteAsync(c.Number, NpgsqlDbType.Bigint);
                await copy.WriteAsync(c.Kind, NpgsqlDbType.Text);
                await copy.WriteAsync(c.Clock, NpgsqlDbType.Text);
                await copy.WriteAsync(c.Priority, NpgsqlDbType.Text);
                await copy.WriteAsync(c.Due, NpgsqlDbType.TimestampTz);
                breaches++;
            }

            await copy.CompleteAsync();
        }

        // As an event applied to the contract would: the service reads its months' counts again.
        await Execute(
            connection,
            """
            INSERT INTO contract_fact_versions (tenant_id, contract_id, version) VALUES ($1, $2, 1)
            ON CONFLICT (tenant_id, contract_id, shard) DO UPDATE SET version = contract_fact_versions.version + 1
            """,
            DemoWorld.Acme, Contract);
        await transaction.CommitAsync();
        foreach (var table in new[] { "tickets", "ticket_open_periods", "sla_completions", "sla_breaches" })
        {
            await Execute(connection, $"ANALYZE {table}");
        }

        Console.WriteLine($"seeded {tickets} tickets ({open} open), {clocks} completed clocks, {breaches} breaches on {Reference} in {clock.Elapsed.TotalSeconds:F0} s");
    }

    private static (Guid, long, string, string, string, bool, long, long, DateTime, DateTime, DateTime) Clock(
        Guid ticket, long number, string kind, string name, string priority, long target, DateTime started, DateTime completed, Random random)
    {
        // Business seconds are not wall seconds; for the read these are just figures, drawn so that 8 % miss their target.
        var met = random.Next(100) >= 8;
        var used = met ? random.NextInt64(target / 10, target) : random.NextInt64(target, 3 * target);
        var due = started.AddSeconds(met ? (completed - started).TotalSeconds + random.Next(60, 3600) : Math.Max(1, (completed - started).TotalSeconds / 2));
        return (ticket, number, kind, name, priority, met, used, target, started, due, completed);
    }

    private static async Task<int> Execute(NpgsqlConnection connection, string sql, params object[] values)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var value in values)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        }

        return await command.ExecuteNonQueryAsync();
    }
}
