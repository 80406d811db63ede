using System.Diagnostics;
using System.Text.Json;
using Infogerance.Data;
using Infogerance.IntegrationEvents;
using Npgsql;
using NpgsqlTypes;

namespace Infogerance.Benchmarks;

/// <summary>
/// Breach-detection lag of a running Incidents service (one or several replicas) over many open tickets. Seeds
/// <c>tickets</c> open tickets straight into its database (COPY: tickets, their two clock rows, their timer) on 100
/// always-open (24×7) contracts, as the service itself would have left them at seed time S (every warning and breach
/// due by S already raised), so that from T0 = S + 10 s a stream of <c>perSecond</c> warnings and breaches falls due
/// for <c>seconds</c>; the other tickets' next timers lie beyond the window (hours to days away). Then it watches the
/// outbox and notes when each SlaWarningRaised / SlaBreached row becomes visible (committed), polling every 20 ms,
/// and prints the lag from the instant it was due: to its pass's "now" (occurred_at), to its commit, to its
/// publication (sent_at). Each run first deletes the previous run's tickets and contracts (references BENCH-SLA-…).
/// </summary>
public static class SlaBreachLag
{
    private const int Contracts = 100;
    private const string WarningType = "incidents.sla-warning-raised.v1";
    private const string BreachType = "incidents.sla-breached.v1";
    private static readonly int[] Thresholds = [50, 75];

    // 24×7 targets (respond, resolve) in seconds, and each priority's share of the tickets.
    private static readonly (string Priority, string Impact, string Urgency, long Respond, long Resolve, double Share)[] Priorities =
    [
        ("P1", "high", "high", 15 * 60, 4 * 3600, 0.05),
        ("P2", "high", "medium", 30 * 60, 8 * 3600, 0.15),
        ("P3", "medium", "medium", 2 * 3600, 24 * 3600, 0.50),
        ("P4", "low", "low", 4 * 3600, 72 * 3600, 0.30),
    ];

    private sealed record Ticket(Guid TenantId, Guid ContractId, Guid TicketId, int Priority, long CreatedAt, long? RespondedAt);

    private sealed record ClockRow(long DueAt, long Target, int[] Raised, long? BreachedAt, long? CompletedAt, long? NextTimer);

    public static async Task<int> RunAsync(string connectionString, int tickets, int perSecond, int seconds)
    {
        await using var db = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(connectionString) { CommandTimeout = 0 }.ConnectionString);
        await CleanAsync(db);
        var startSequence = await Scalar<long>(db, "SELECT coalesce(max(sequence), 0) FROM outbox_messages");

        var generatedAt = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var s = generatedAt + 60 + tickets / 5_000;
        var t0 = s + 10;
        var windowEnd = t0 + seconds;
        var random = new Random(5);
        var contracts = Enumerable.Range(0, Contracts).Select(_ => (Tenant: Guid.CreateVersion7(), Contract: Guid.CreateVersion7())).ToArray();
        var streamCount = Math.Min(tickets, perSecond * seconds);
        var seeded = new List<Ticket>(tickets);
        for (var i = 0; i < tickets; i++)
        {
            var (tenant, contract) = contracts[i % Contracts];
            var priority = PickPriority(random);
            var (_, _, _, respond, resolve, _) = Priorities[priority];
            if (i < streamCount)
            {
                // Due in the window: one of the six instants of the two clocks falls at f.
                var f = t0 + (long)i * seconds / streamCount;
                var kind = random.Next(6);
                var target = kind < 3 ? respond : resolve;
                var created = f - (kind % 3 == 2 ? target + 1 : target * Thresholds[kind % 3] / 100);
                seeded.Add(new Ticket(tenant, contract, Guid.CreateVersion7(DateTimeOffset.FromUnixTimeSeconds(created)), priority, created,
                    kind < 3 ? null : created + respond * 3 / 10));
            }
            else
            {
                // Opened in the last ten days, mostly answered; its next timer (if any) after the window.
                while (true)
                {
                    var created = s - random.NextInt64(60, 10 * 86_400);
                    long? responded = random.NextDouble() < 0.9 && created + respond * 3 / 10 <= s ? created + respond * 3 / 10 : null;
                    var ticket = new Ticket(tenant, contract, Guid.CreateVersion7(DateTimeOffset.FromUnixTimeSeconds(created)), priority, created, responded);
                    if (NextTimer(ticket, s) is not { } next || next > windowEnd + 60)
                    {
                        seeded.Add(ticket);
                        break;
                    }
                }
            }
        }

        var seeding = Stopwatch.StartNew();
        await SeedAsync(db, contracts, seeded, s);
        var seededAt = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        Console.WriteLine($"seeded {tickets} open tickets ({streamCount} with a warning or breach due from T0 at {perSecond}/s for {seconds} s, the others later) "
            + $"in {seeding.Elapsed.TotalSeconds:F1} s; S - end of seeding = {s - seededAt} s");
        if (seededAt > s)
        {
            Console.Error.WriteLine("Seeding ended after S: timers due before the end of seeding would show a lag that is the seeding's. Use fewer tickets.");
            return 1;
        }

        var byId = seeded.ToDictionary(t => t.TicketId);
        var seen = new Dictionary<long, (Guid Ticket, string? Clock, int? Percent, DateTimeOffset OccurredAt, DateTimeOffset CommittedAt)>();
        var streamSeen = 0;
        var maxBacklog = 0L;
        var nextBacklogSample = 0L;
        var deadline = windowEnd + 120;
        // Every outbox row up to `from` has been seen; the rows above it seen so far wait for the gaps below them to fill.
        // A gap is a transaction still open, or a sequence value never committed: given up after 30 s.
        var from = startSequence;
        var above = new SortedSet<long>();
        while (DateTimeOffset.UtcNow.ToUnixTimeSeconds() < deadline && streamSeen < streamCount)
        {
            await Task.Delay(20);
            var visible = await Query(db, "SELECT sequence FROM outbox_messages WHERE sequence > @from", r => r.GetInt64(0), ("from", from));
            var committedAt = DateTimeOffset.UtcNow;
            var fresh = visible.Where(sequence => !seen.ContainsKey(sequence)).ToArray();
            if (fresh.Length > 0)
            {
                var rows = await Query(db,
                    $"""
                    SELECT sequence, (payload->>'ticketId')::uuid, payload->>'clock', (payload->>'percent')::int, occurred_at
                    FROM outbox_messages WHERE sequence = ANY(@fresh) AND event_type IN ('{WarningType}', '{BreachType}')
                    """,
                    r => (Sequence: r.GetInt64(0), Ticket: r.GetGuid(1), Clock: r.GetString(2), Percent: r.IsDBNull(3) ? (int?)null : r.GetInt32(3),
                        OccurredAt: r.GetFieldValue<DateTimeOffset>(4)),
                    ("fresh", fresh));
                foreach (var row in rows.Where(row => byId.ContainsKey(row.Ticket)))
                {
                    seen[row.Sequence] = (row.Ticket, row.Clock, row.Percent, row.OccurredAt, committedAt);
                    streamSeen += DueInstant(byId[row.Ticket], row.Clock, row.Percent) is var due && due >= t0 && due < windowEnd ? 1 : 0;
                }

                foreach (var sequence in fresh)
                {
                    seen.TryAdd(sequence, (Guid.Empty, null, null, committedAt, committedAt));
                    above.Add(sequence);
                }
            }

            while (above.Count > 0 && (above.Min == from + 1 || (committedAt - seen[above.Min].CommittedAt).TotalSeconds > 30))
            {
                from = above.Min;
                above.Remove(from);
            }

            if (Environment.TickCount64 >= nextBacklogSample)
            {
                nextBacklogSample = Environment.TickCount64 + 1_000;
                maxBacklog = Math.Max(maxBacklog, await Scalar<long>(db, "SELECT count(*) FROM ticket_timers WHERE due_at <= now()"));
            }
        }

        var events = seen.Where(e => e.Value.Clock is not null)
            .Select(e => (Sequence: e.Key, e.Value.Percent, e.Value.OccurredAt, e.Value.CommittedAt, DueAt: DueInstant(byId[e.Value.Ticket], e.Value.Clock!, e.Value.Percent)))
            .ToList();
        var sent = (await Query(db, "SELECT sequence, sent_at FROM outbox_messages WHERE sequence = ANY(@ids) AND sent_at IS NOT NULL",
            r => (r.GetInt64(0), r.GetFieldValue<DateTimeOffset>(1)), ("ids", events.Select(e => e.Sequence).ToArray())))
            .ToDictionary(r => r.Item1, r => r.Item2);
        var stream = events.Where(e => e.DueAt >= t0 && e.DueAt < windowEnd).ToList();
        static double Lag(long dueAt, DateTimeOffset at) => (at - DateTimeOffset.FromUnixTimeSeconds(dueAt)).TotalSeconds;
        var toPass = stream.Select(e => Lag(e.DueAt, e.OccurredAt)).Order().ToArray();
        var toCommit = stream.Select(e => Lag(e.DueAt, e.CommittedAt)).Order().ToArray();
        var toSent = stream.Where(e => sent.ContainsKey(e.Sequence)).Select(e => Lag(e.DueAt, sent[e.Sequence])).Order().ToArray();
        var lastCommit = stream.Count > 0 ? stream.Max(e => e.CommittedAt) : DateTimeOffset.UtcNow;
        var twice = await Scalar<long>(db,
            $"""
            SELECT count(*) FROM (
                SELECT FROM outbox_messages WHERE sequence > @start AND event_type IN ('{WarningType}', '{BreachType}')
                GROUP BY payload->>'ticketId', payload->>'clock', event_type, payload->>'percent' HAVING count(*) > 1) twice
            """,
            ("start", startSequence));

        Console.WriteLine($"events of the seeded tickets: {events.Count} ({events.Count(e => e.Percent is null)} breaches), due in the window: {stream.Count} of {streamCount}");
        Console.WriteLine($"window {seconds} s from T0; last commit at T0 + {(lastCommit - DateTimeOffset.FromUnixTimeSeconds(t0)).TotalSeconds:F1} s: "
            + $"{stream.Count / Math.Max(1, (lastCommit - DateTimeOffset.FromUnixTimeSeconds(t0)).TotalSeconds):F0} tickets/s; due timers waiting, max: {maxBacklog}");
        Print("lag due → pass's now (occurred_at)", toPass);
        Print("lag due → committed (seen in the outbox)", toCommit);
        Print("lag due → published (sent_at)", toSent);
        Console.WriteLine($"clocks with an event raised twice: {twice}");
        return stream.Count == streamCount && twice == 0 ? 0 : 1;
    }

    private static void Print(string what, double[] sorted)
    {
        double P(int percent) => sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, sorted.Length * percent / 100)];
        Console.WriteLine($"{what}: p50 {P(50):F2} s, p99 {P(99):F2} s, max {(sorted.Length == 0 ? double.NaN : sorted[^1]):F2} s ({sorted.Length} events)");
    }

    private static int PickPriority(Random random)
    {
        var x = random.NextDouble();
        for (var i = 0; i < Priorities.Length - 1; i++)
        {
            x -= Priorities[i].Share;
            if (x < 0)
            {
                return i;
            }
        }

        return Priorities.Length - 1;
    }

    /// <summary>When the warning (percent) or the breach (no percent) of this clock was due: on a 24×7 calendar, seconds from the start.</summary>
    private static long DueInstant(Ticket ticket, string clock, int? percent)
    {
        var target = clock == "respond" ? Priorities[ticket.Priority].Respond : Priorities[ticket.Priority].Resolve;
        return percent is { } p ? ticket.CreatedAt + target * p / 100 : ticket.CreatedAt + target + 1;
    }

    /// <summary>A running clock as the service leaves it after a pass at <paramref name="now"/> (see TicketClocks.Evaluate).</summary>
    private static ClockRow Running(long start, long target, long now)
    {
        var due = start + target;
        if (due + 1 <= now)
        {
            return new ClockRow(due, target, Thresholds, due, null, null);
        }

        var warnings = Thresholds.Select(p => (Percent: p, At: start + target * p / 100)).ToArray();
        var pending = warnings.Where(w => w.At > now).Select(w => w.At).Append(due + 1).Min();
        return new ClockRow(due, target, [.. warnings.Where(w => w.At <= now).Select(w => w.Percent)], null, null, pending);
    }

    private static (ClockRow Respond, ClockRow Resolve) ClocksOf(Ticket ticket, long now)
    {
        var (_, _, _, respond, resolve, _) = Priorities[ticket.Priority];
        var respondClock = ticket.RespondedAt is { } at
            ? new ClockRow(ticket.CreatedAt + respond, respond, [], null, at, null)
            : Running(ticket.CreatedAt, respond, now);
        return (respondClock, Running(ticket.CreatedAt, resolve, now));
    }

    private static long? NextTimer(Ticket ticket, long now)
    {
        var (respond, resolve) = ClocksOf(ticket, now);
        return new[] { respond.NextTimer, resolve.NextTimer }.Where(t => t is not null).Min();
    }

    private static async Task SeedAsync(NpgsqlDataSource db, (Guid Tenant, Guid Contract)[] contracts, List<Ticket> tickets, long s)
    {
        var terms = JsonSerializer.Serialize(Terms(), EventTypeRegistry.SerializerOptions);
        await using var connection = await db.OpenConnectionAsync();
        await using (var batch = new NpgsqlBatch(connection))
        {
            for (var i = 0; i < contracts.Length; i++)
            {
                var (tenant, contract) = contracts[i];
                var provider = Guid.CreateVersion7();
                batch.BatchCommands.Add(Command(
                    "INSERT INTO contracts (tenant_id, contract_id, reference, provider_organisation_id) VALUES ($1, $2, $3, $4)",
                    tenant, contract, $"BENCH-SLA-{i:000}", provider));
                batch.BatchCommands.Add(Command(
                    "INSERT INTO contract_terms (tenant_id, contract_id, version_number, effective_from, terms, activated_at) VALUES ($1, $2, 1, DATE '2026-01-01', $3::jsonb, now())",
                    tenant, contract, terms));
                batch.BatchCommands.Add(Command(
                    "INSERT INTO contract_parties (contract_id, tenant_id, provider_organisation_id, is_open, version, updated_at) VALUES ($1, $2, $3, true, 1, now())",
                    contract, tenant, provider));
            }

            await batch.ExecuteNonQueryAsync();
        }

        static DateTime At(long seconds) => DateTime.UnixEpoch.AddSeconds(seconds);
        static object Db(long? seconds) => seconds is { } x ? At(x) : DBNull.Value;
        var clocks = tickets.Select(t => (Ticket: t, Clocks: ClocksOf(t, s))).ToList();
        await using (var copy = await connection.BeginBinaryImportAsync(
            """
            COPY tickets (tenant_id, contract_id, ticket_id, kind, title, description, impact, urgency, priority, level, status,
                          requester_name, requester_side, contract_version, created_at, updated_at, responded_at, sla_due_at, queue_rank, breached)
            FROM STDIN (FORMAT BINARY)
            """))
        {
            foreach (var (t, (respond, resolve)) in clocks)
            {
                var (priority, impact, urgency, _, _, _) = Priorities[t.Priority];
                var due = t.RespondedAt is null ? Math.Min(respond.DueAt, resolve.DueAt) : resolve.DueAt;
                await copy.StartRowAsync();
                await copy.WriteAsync(t.TenantId, NpgsqlDbType.Uuid);
                await copy.WriteAsync(t.ContractId, NpgsqlDbType.Uuid);
                await copy.WriteAsync(t.TicketId, NpgsqlDbType.Uuid);
                await copy.WriteAsync("incident", NpgsqlDbType.Text);
                await copy.WriteAsync("Bench ticket", NpgsqlDbType.Text);
                await copy.WriteAsync("Opened by the breach-lag benchmark.", NpgsqlDbType.Text);
                await copy.WriteAsync(impact, NpgsqlDbType.Text);
                await copy.WriteAsync(urgency, NpgsqlDbType.Text);
                await copy.WriteAsync(priority, NpgsqlDbType.Text);
                await copy.WriteAsync((short)1, NpgsqlDbType.Smallint);
                await copy.WriteAsync(t.RespondedAt is null ? "new" : "inProgress", NpgsqlDbType.Text);
                await copy.WriteAsync("Bench requester", NpgsqlDbType.Text);
                await copy.WriteAsync("client", NpgsqlDbType.Text);
                await copy.WriteAsync(1, NpgsqlDbType.Integer);
                await copy.WriteAsync(At(t.CreatedAt), NpgsqlDbType.TimestampTz);
                await copy.WriteAsync(At(t.RespondedAt ?? t.CreatedAt), NpgsqlDbType.TimestampTz);
                await copy.WriteAsync(Db(t.RespondedAt), NpgsqlDbType.TimestampTz);
                await copy.WriteAsync(At(due), NpgsqlDbType.TimestampTz);
                await copy.WriteAsync(At(due), NpgsqlDbType.TimestampTz);
                await copy.WriteAsync(respond.BreachedAt is not null || resolve.BreachedAt is not null, NpgsqlDbType.Boolean);
            }

            await copy.CompleteAsync();
        }

        await using (var copy = await connection.BeginBinaryImportAsync(
            """
            COPY sla_clocks (tenant_id, contract_id, ticket_id, clock, due_at, target_seconds, warnings_raised, breached_at, completed_at, met, used_seconds, completions)
            FROM STDIN (FORMAT BINARY)
            """))
        {
            foreach (var (t, (respond, resolve)) in clocks)
            {
                foreach (var (name, clock) in new[] { ("respond", respond), ("resolve", resolve) })
                {
                    await copy.StartRowAsync();
                    await copy.WriteAsync(t.TenantId, NpgsqlDbType.Uuid);
                    await copy.WriteAsync(t.ContractId, NpgsqlDbType.Uuid);
                    await copy.WriteAsync(t.TicketId, NpgsqlDbType.Uuid);
                    await copy.WriteAsync(name, NpgsqlDbType.Text);
                    await copy.WriteAsync(At(clock.DueAt), NpgsqlDbType.TimestampTz);
                    await copy.WriteAsync(clock.Target, NpgsqlDbType.Bigint);
                    await copy.WriteAsync(clock.Raised, NpgsqlDbType.Array | NpgsqlDbType.Integer);
                    await copy.WriteAsync(Db(clock.BreachedAt), NpgsqlDbType.TimestampTz);
                    await copy.WriteAsync(Db(clock.CompletedAt), NpgsqlDbType.TimestampTz);
                    await copy.WriteAsync(clock.CompletedAt is null ? DBNull.Value : (object)true, NpgsqlDbType.Boolean);
                    await copy.WriteAsync(clock.CompletedAt is { } c ? c - t.CreatedAt : (object)DBNull.Value, NpgsqlDbType.Bigint);
                    await copy.WriteAsync(clock.CompletedAt is null ? 0 : 1, NpgsqlDbType.Integer);
                }
            }

            await copy.CompleteAsync();
        }

        // Last: a timer makes its ticket the scheduler's work.
        await using (var copy = await connection.BeginBinaryImportAsync("COPY ticket_timers (ticket_id, tenant_id, due_at) FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var (t, (respond, resolve)) in clocks)
            {
                if (new[] { respond.NextTimer, resolve.NextTimer }.Where(n => n is not null).Min() is { } next)
                {
                    await copy.WriteRowAsync(default, t.TicketId, t.TenantId, At(next));
                }
            }

            await copy.CompleteAsync();
        }

        await using var analyze = new NpgsqlCommand("ANALYZE tickets; ANALYZE sla_clocks; ANALYZE ticket_timers", connection);
        await analyze.ExecuteNonQueryAsync();
    }

    private static async Task CleanAsync(NpgsqlDataSource db)
    {
        await using var command = db.CreateCommand(
            """
            DELETE FROM ticket_timers WHERE tenant_id IN (SELECT tenant_id FROM contracts WHERE reference LIKE 'BENCH-SLA-%');
            DELETE FROM sla_clocks WHERE contract_id IN (SELECT contract_id FROM contracts WHERE reference LIKE 'BENCH-SLA-%');
            DELETE FROM ticket_pauses WHERE contract_id IN (SELECT contract_id FROM contracts WHERE reference LIKE 'BENCH-SLA-%');
            DELETE FROM ticket_history WHERE contract_id IN (SELECT contract_id FROM contracts WHERE reference LIKE 'BENCH-SLA-%');
            DELETE FROM tickets WHERE contract_id IN (SELECT contract_id FROM contracts WHERE reference LIKE 'BENCH-SLA-%');
            DELETE FROM contract_terms WHERE contract_id IN (SELECT contract_id FROM contracts WHERE reference LIKE 'BENCH-SLA-%');
            DELETE FROM contract_parties WHERE contract_id IN (SELECT contract_id FROM contracts WHERE reference LIKE 'BENCH-SLA-%');
            DELETE FROM contracts WHERE reference LIKE 'BENCH-SLA-%';
            """);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>Always open, the targets above for every priority, warnings at 50 and 75 %.</summary>
    private static ContractTerms Terms() => new()
    {
        StartDate = new DateOnly(2026, 1, 1),
        InitialTermMonths = 36,
        RenewalPeriodMonths = 12,
        NoticeMonths = 3,
        Prices = new PriceSchedule { MonthlyFee = 10_000 },
        Calendar = new ServiceCalendar { TimeZone = "Europe/Paris", AlwaysOpen = true },
        Sla = new SlaPolicy
        {
            Targets = [.. Priorities.Select(p => new SlaTarget(p.Priority, new SlaDuration((int)(p.Respond / 60), "minutes"), new SlaDuration((int)(p.Resolve / 3600), "hours")))],
            WarningThresholds = Thresholds,
        },
        Penalties = new PenaltyRules(),
    };

    private static NpgsqlBatchCommand Command(string sql, params object[] values)
    {
        var command = new NpgsqlBatchCommand(sql);
        foreach (var value in values)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        }

        return command;
    }

    private static async Task<T> Scalar<T>(NpgsqlDataSource db, string sql, params (string Name, object Value)[] parameters)
    {
        await using var command = db.CreateCommand(sql);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return (T)(await command.ExecuteScalarAsync())!;
    }

    private static async Task<List<T>> Query<T>(NpgsqlDataSource db, string sql, Func<NpgsqlDataReader, T> read, params (string Name, object Value)[] parameters)
    {
        await using var command = db.CreateCommand(sql);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        var rows = new List<T>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            rows.Add(read(reader));
        }

        return rows;
    }
}
