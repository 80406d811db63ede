using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Dapper;
using Infogerance.IntegrationEvents;
using Infogerance.LocalServers;
using Infogerance.TestSupport;
using Npgsql;

namespace Infogerance.Benchmarks;

/// <summary>
/// Events taken into the Reporting service's read models, run as the built program (one replica) over a PostgreSQL and
/// a RabbitMQ of the harness's own. Events are published as Incidents does (outbox → broker), a ticket's life at a time
/// on <c>contracts</c> contracts of one tenant: opened, assigned, in progress, resolved (its two clocks completed, one
/// in ten breached first), a third rated, one in ten reopened and resolved again — about eight events a ticket, the
/// mix Incidents publishes. Two runs: <c>burst</c> events as fast as four writers commit them (events per second into
/// the read models, from the first commit to the last inbox row), then paced at <c>perSecond</c> for <c>seconds</c>
/// (each event's lag from its commit to its inbox row, which its read model rows share the transaction of).
/// </summary>
public static class ReportingIntake
{
    private const int Contracts = 10;

    public static async Task<int> RunAsync(int burst, int perSecond, int seconds)
    {
        // Servers of its own, whatever the environment names.
        Environment.SetEnvironmentVariable("ConnectionStrings__postgres", null);
        Environment.SetEnvironmentVariable("ConnectionStrings__messaging", null);
        await using var infrastructure = new TestInfrastructure();
        await infrastructure.InitializeAsync();
        var database = await infrastructure.CreateDatabaseAsync("bench_reporting");
        var url = $"http://127.0.0.1:{Ports.GetFreePort()}";
        await using var service = ProgramRun.Start(Repository.ServiceDll("Reporting"), [], new Dictionary<string, string>
        {
            ["ConnectionStrings__reporting"] = database,
            ["ConnectionStrings__messaging"] = infrastructure.RabbitMq.ConnectionString,
            ["ASPNETCORE_URLS"] = url,
            ["services__identity__http__0"] = "http://127.0.0.1:9",
            ["Logging__LogLevel__Default"] = "Warning",
        });
        await using var publisher = await TestService.StartAsync(infrastructure, "bench-reporting-publisher");
        await NotificationMail.UntilHealthyAsync(url, service, "Reporting");

        var tenant = Guid.CreateVersion7();
        var contracts = Enumerable.Range(0, Contracts).Select(_ => Guid.CreateVersion7()).ToArray();
        await using var owner = new NpgsqlConnection(database);
        await owner.OpenAsync();
        var committedAt = new ConcurrentDictionary<Guid, long>();
        var number = 0L;

        async Task<int> TicketAsync(Random random)
        {
            var events = Life(tenant, contracts[random.Next(Contracts)], Interlocked.Increment(ref number), random);
            foreach (var @event in events)
            {
                await using var unitOfWork = await publisher.Database.BeginAsync(tenant, CancellationToken.None);
                await unitOfWork.AddEventAsync(@event);
                await unitOfWork.CommitAsync();
                committedAt[@event.EventId] = Stopwatch.GetTimestamp();
            }

            return events.Count;
        }

        // Warm-up: JIT, connection pools, the queues.
        var warm = 0;
        for (var i = 0; i < 20; i++)
        {
            warm += await TicketAsync(new Random(i));
        }

        if (!await UntilInboxAsync(owner, warm, TimeSpan.FromSeconds(60)))
        {
            Console.Error.WriteLine("Warm-up: the events did not reach the read models within a minute:\n" + service.Transcript());
            return 1;
        }

        // Burst: four writers, each a ticket's life at a time.
        var startedAt = await owner.ExecuteScalarAsync<DateTime>("SELECT clock_timestamp()");
        var started = Stopwatch.GetTimestamp();
        var counts = await Task.WhenAll(Enumerable.Range(0, 4).Select(w => Task.Run(async () =>
        {
            var random = new Random(100 + w);
            var sent = 0;
            while (sent < burst / 4)
            {
                sent += await TicketAsync(random);
            }

            return sent;
        })));
        var committed = Stopwatch.GetElapsedTime(started).TotalSeconds;
        var burstEvents = counts.Sum();
        var burstTickets = Interlocked.Read(ref number) - 20;
        if (!await UntilInboxAsync(owner, warm + burstEvents, TimeSpan.FromMinutes(10)))
        {
            Console.Error.WriteLine("Burst: the events did not reach the read models within ten minutes.");
            return 1;
        }

        var last = await owner.ExecuteScalarAsync<DateTime>("SELECT max(received_at) FROM inbox_messages WHERE consumer LIKE 'reporting-%'");
        var taken = (last - startedAt).TotalSeconds;
        // The owner is under row-level security too (FORCE): the counts are the tenant's.
        await owner.ExecuteAsync("SELECT set_config('app.tenant_ids', @tenant, false)", new { tenant = tenant.ToString() });
        var rows = await owner.QuerySingleAsync<(long Journal, long Tickets, long Clocks)>(
            "SELECT (SELECT count(*) FROM event_journal), (SELECT count(*) FROM tickets), (SELECT count(*) FROM sla_completions)");
        Console.WriteLine($"burst: {burstEvents} events ({burstTickets} tickets' lives on {Contracts} contracts) committed in {committed:F1} s ({burstEvents / committed:F0} events/s)");
        Console.WriteLine($"  into the read models: {burstEvents / taken:F0} events/s ({burstEvents} in {taken:F1} s from the first commit); journal {rows.Journal}, tickets {rows.Tickets}, clocks {rows.Clocks}");

        // Paced: one ticket's life after another, at perSecond events per second.
        var before = warm + burstEvents;
        var pacedIds = new List<Guid>();
        var clock = Stopwatch.StartNew();
        var pacedRandom = new Random(7);
        var offered = 0;
        while (offered < perSecond * seconds)
        {
            foreach (var @event in Life(tenant, contracts[pacedRandom.Next(Contracts)], Interlocked.Increment(ref number), pacedRandom))
            {
                var due = TimeSpan.FromSeconds((double)offered / perSecond);
                if (due > clock.Elapsed)
                {
                    await Task.Delay(due - clock.Elapsed);
                }

                await using var unitOfWork = await publisher.Database.BeginAsync(tenant, CancellationToken.None);
                await unitOfWork.AddEventAsync(@event);
                await unitOfWork.CommitAsync();
                committedAt[@event.EventId] = Stopwatch.GetTimestamp();
                pacedIds.Add(@event.EventId);
                offered++;
            }
        }

        if (!await UntilInboxAsync(owner, before + offered, TimeSpan.FromMinutes(2)))
        {
            Console.Error.WriteLine("Paced: the events did not reach the read models within two minutes.");
            return 1;
        }

        // The inbox row's instant is the database's clock; the commit's is ours: both on this machine, both read as
        // UTC, the offset between them measured once.
        var offset = await owner.ExecuteScalarAsync<DateTime>("SELECT clock_timestamp()") - DateTime.UtcNow;
        var received = (await owner.QueryAsync<(Guid MessageId, DateTime ReceivedAt)>(
            "SELECT message_id, received_at FROM inbox_messages WHERE message_id = ANY (@ids)", new { ids = pacedIds.ToArray() })).ToList();
        var nowTicks = Stopwatch.GetTimestamp();
        var nowUtc = DateTime.UtcNow + offset;
        var lags = received
            .Select(r => (r.ReceivedAt - (nowUtc - Stopwatch.GetElapsedTime(committedAt[r.MessageId], nowTicks))).TotalMilliseconds)
            .Order().ToArray();
        Console.WriteLine($"paced: {perSecond} events/s for {seconds} s ({offered} events)");
        Console.WriteLine($"  commit → in the read models: p50 {lags[lags.Length / 2]:F0} ms, p99 {lags[Math.Min(lags.Length - 1, lags.Length * 99 / 100)]:F0} ms, max {lags[^1]:F0} ms");
        return 0;
    }

    /// <summary>The events of one ticket's life, in the order Incidents publishes them.</summary>
    private static List<IntegrationEvent> Life(Guid tenant, Guid contract, long number, Random random)
    {
        var ticket = Guid.CreateVersion7();
        var priority = $"P{random.Next(1, 5)}";
        var opened = DateTimeOffset.UtcNow.AddMinutes(-random.Next(60, 60 * 24 * 20));
        var at = opened;
        var events = new List<IntegrationEvent>
        {
            new TicketOpened { TenantId = tenant, ContractId = contract, TicketId = ticket, Number = number, Kind = random.Next(4) == 0 ? "request" : "incident", Priority = priority, OpenedAt = opened, OccurredAt = opened },
        };

        TicketStatusChanged Move(string from, string to)
        {
            at = at.AddMinutes(random.Next(1, 120));
            return new TicketStatusChanged { TenantId = tenant, ContractId = contract, TicketId = ticket, From = from, To = to, Priority = priority, Number = number, OccurredAt = at };
        }

        SlaClockCompleted Completed(string name, int completion)
        {
            var met = random.Next(10) > 0;
            return new SlaClockCompleted
            {
                TenantId = tenant, ContractId = contract, TicketId = ticket, Clock = name, Priority = priority, Met = met,
                BusinessSecondsUsed = random.Next(60, 30_000), TargetBusinessSeconds = 14_400, StartedAt = opened, DueAt = opened.AddHours(4),
                CompletedAt = at, Completion = completion, OccurredAt = at,
            };
        }

        events.Add(Move("new", "assigned"));
        events.Add(Move("assigned", "inProgress"));
        events.Add(Completed("respond", 1));
        if (random.Next(10) == 0)
        {
            events.Add(new SlaBreached { TenantId = tenant, ContractId = contract, TicketId = ticket, Clock = "resolve", Priority = priority, DueAt = opened.AddHours(4), Number = number, OccurredAt = opened.AddHours(4) });
        }

        events.Add(Move("inProgress", "resolved"));
        events.Add(Completed("resolve", 1));
        if (random.Next(10) == 0)
        {
            events.Add(Move("resolved", "inProgress"));
            events.Add(Move("inProgress", "resolved"));
            events.Add(Completed("resolve", 2));
        }

        if (random.Next(3) == 0)
        {
            events.Add(new TicketRated { TenantId = tenant, ContractId = contract, TicketId = ticket, Score = random.Next(1, 6), OccurredAt = at.AddHours(2) });
        }

        events.Add(Move("resolved", "closed"));
        return events;
    }

    private static async Task<bool> UntilInboxAsync(NpgsqlConnection owner, long count, TimeSpan timeout)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
        while (await owner.ExecuteScalarAsync<long>("SELECT count(*) FROM inbox_messages WHERE consumer LIKE 'reporting-%'") < count)
        {
            if (Stopwatch.GetTimestamp() > deadline)
            {
                return false;
            }

            await Task.Delay(100);
        }

        return true;
    }
}
