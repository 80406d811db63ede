using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using Infogerance.TestSupport;
using Npgsql;

namespace Infogerance.Benchmarks;

/// <summary>
/// Crashes under load, against a running AppHost (demo world, rate limits lifted). A few client sessions of Acme open
/// tickets on ACME-INFOG-01 and comment them, the desk's sessions take and resolve them, without pause; then the
/// Incidents service's process, RabbitMQ and PostgreSQL are each killed with SIGKILL, one at a time, each followed by
/// a phase of the same load. Every change the system acknowledged (2xx) is recorded; at the end the databases are
/// read: each acknowledged change stored once, every event of those tickets published, and consumed once by each
/// service that consumes it. Per phase: the answers by status, the outage (first and last failure after the kill), and
/// whether and when the AppHost started the killed process again.
/// </summary>
public static class Faults
{
    private const string ClientUser = "admin@acme.example";
    private const string DeskUser = "agent1@antares.example";
    private const string StatusChangedEvent = "incidents.ticket-status-changed.v1";

    /// <summary>
    /// The Incidents events each consuming service takes in: a service that took in none of a type would leave no inbox
    /// row to count, so each is looked for by name.
    /// </summary>
    private static readonly Dictionary<string, string[]> TakenIn = new()
    {
        ["reporting"] =
        [
            "incidents.ticket-opened.v1", StatusChangedEvent, "incidents.sla-warning-raised.v1", "incidents.sla-breached.v1",
            "incidents.sla-clock-completed.v1", "incidents.ticket-rated.v1", "incidents.service-outage-recorded.v1",
        ],
        ["invoicing"] = ["incidents.sla-breached.v1", "incidents.sla-clock-completed.v1", "incidents.service-outage-recorded.v1"],
        ["notifications"] = ["incidents.sla-warning-raised.v1", "incidents.sla-breached.v1", StatusChangedEvent],
    };

    /// <summary>What to kill: how to find the process from the AppHost's data folder (another AppHost may run beside it).</summary>
    private sealed record Fault(string Name, Func<string, string> Pattern);

    private static readonly Fault[] Kills =
    [
        new("Incidents service", _ => $"^{Path.Combine(Repository.Root, "src", "Incidents", "bin")}/.*Infogerance\\.Incidents( |$)"),
        new("RabbitMQ", data => $"beam\\.smp.*{Path.Combine(data, "rabbitmq")}"),
        new("PostgreSQL", data => $"-D {Path.Combine(data, "postgres", "pgdata")}"),
    ];

    /// <summary>Each answer of a phase, by what it was.</summary>
    private sealed class Phase(string name)
    {
        public string Name { get; } = name;
        public Stopwatch Clock { get; } = Stopwatch.StartNew();
        public ConcurrentBag<(string Operation, int Status, double At)> Answers { get; } = [];
        public string? Restart { get; set; }
    }

    private sealed class Acknowledged
    {
        public ConcurrentBag<Guid> Tickets { get; } = [];
        public ConcurrentBag<Guid> Comments { get; } = [];
        public ConcurrentBag<(Guid Ticket, string Status)> StatusChanges { get; } = [];
    }

    public static async Task<int> RunAsync(Uri gateway, string dataDirectory, int sessions, TimeSpan phaseLength)
    {
        var data = Path.GetFullPath(dataDirectory);
        var server = PostgresOf(data);
        var marker = $"faults-{DateTime.UtcNow:HHmmss}";
        var clients = await TicketsLoad.SignInAsync(gateway, ClientUser, sessions);
        var desk = await TicketsLoad.SignInAsync(gateway, DeskUser, sessions);
        if (clients is null || desk is null)
        {
            return 1;
        }

        var contracts = await clients[0].GetFromJsonAsync<JsonElement>("/api/incidents/contracts");
        var contractId = contracts.EnumerateArray().Single(c => c.GetProperty("reference").GetString() == "ACME-INFOG-01").GetProperty("id").GetGuid();
        var acknowledged = new Acknowledged();
        var phase = new Phase("no fault");
        var phases = new List<Phase> { phase };
        using var stop = new CancellationTokenSource();
        var load = Enumerable.Range(0, sessions)
            .Select(i => Task.Run(() => WorkAsync(clients[i], desk[i], contractId, marker, acknowledged, () => phase, stop.Token)))
            .ToArray();

        await Task.Delay(phaseLength);
        foreach (var fault in Kills)
        {
            var pattern = fault.Pattern(data);
            var victims = await PidsAsync(pattern);
            if (victims.Count != 1)
            {
                Console.Error.WriteLine($"{fault.Name}: expected one process matching '{pattern}', found {victims.Count}; skipped");
                continue;
            }

            phase.Clock.Stop();
            phase = new Phase($"kill -9 {fault.Name} (pid {victims[0]})");
            phases.Add(phase);
            Process.GetProcessById(victims[0]).Kill();
            phase.Restart = await RestartedAsync(pattern, victims[0], phase.Clock, phaseLength);
            await Task.Delay(phaseLength - phase.Clock.Elapsed is { Ticks: > 0 } rest ? rest : TimeSpan.Zero);
        }

        await stop.CancelAsync();
        await Task.WhenAll(load);
        phase.Clock.Stop();
        foreach (var p in phases)
        {
            Print(p);
        }

        clients.Concat(desk).ToList().ForEach(client => client.Dispose());
        return await VerifyAsync(server, marker, acknowledged) ? 0 : 1;
    }

    /// <summary>Opens a ticket, comments it, takes it, resolves it; again until stopped. A failed step ends that ticket's round.</summary>
    private static async Task WorkAsync(
        HttpClient client, HttpClient desk, Guid contractId, string marker, Acknowledged acknowledged, Func<Phase> phase, CancellationToken stop)
    {
        var n = 0;
        while (!stop.IsCancellationRequested)
        {
            n++;
            var ticket = await CallAsync(phase, "open", () => client.PostAsJsonAsync("/api/incidents/tickets", new
            {
                contractId, kind = "incident", title = $"{marker} poste {n} : la messagerie ne se synchronise plus",
                description = "Depuis ce matin, Outlook affiche « Déconnecté ».", impact = "medium", urgency = "medium",
            }));
            if (ticket is not { } opened)
            {
                continue;
            }

            var id = opened.GetProperty("id").GetGuid();
            acknowledged.Tickets.Add(id);
            if (await CallAsync(phase, "comment", () => client.PostAsJsonAsync($"/api/incidents/tickets/{id}/comments", new
                {
                    body = "Toujours le même symptôme après redémarrage.", visibility = "public",
                })) is { } comment)
            {
                acknowledged.Comments.Add(comment.GetProperty("id").GetGuid());
            }

            if (await CallAsync(phase, "status", () => desk.PostAsJsonAsync($"/api/incidents/tickets/{id}/status", new { status = "inProgress" })) is null)
            {
                continue;
            }

            acknowledged.StatusChanges.Add((id, "inProgress"));
            if (await CallAsync(phase, "status", () => desk.PostAsJsonAsync(
                    $"/api/incidents/tickets/{id}/status", new { status = "resolved", resolution = "Profil Outlook recréé." })) is not null)
            {
                acknowledged.StatusChanges.Add((id, "resolved"));
            }
        }
    }

    /// <summary>
    /// The JSON body of a 2xx, or null. Every answer is counted in the phase it came in (a request in flight at a kill
    /// belongs to the fault's phase), a connection that failed as status 0.
    /// </summary>
    private static async Task<JsonElement?> CallAsync(Func<Phase> phase, string operation, Func<Task<HttpResponseMessage>> call)
    {
        try
        {
            using var response = await call();
            var body = await response.Content.ReadAsStringAsync();
            var now = phase();
            now.Answers.Add((operation, (int)response.StatusCode, now.Clock.Elapsed.TotalSeconds));
            if (!response.IsSuccessStatusCode)
            {
                if ((int)response.StatusCode < 500)
                {
                    Console.Error.WriteLine($"{operation}: {(int)response.StatusCode} {body}");
                }

                await Task.Delay(50);
                return null;
            }

            return body.Length == 0 ? default(JsonElement) : JsonDocument.Parse(body).RootElement.Clone();
        }
        catch (HttpRequestException)
        {
            var now = phase();
            now.Answers.Add((operation, 0, now.Clock.Elapsed.TotalSeconds));
            await Task.Delay(50);
            return null;
        }
    }

    private static void Print(Phase phase)
    {
        var answers = phase.Answers.ToList();
        var byStatus = string.Join(", ", answers.GroupBy(a => a.Status).OrderBy(g => g.Key).Select(g => $"{(g.Key == 0 ? "no answer" : g.Key)}: {g.Count()}"));
        var failures = answers.Where(a => a.Status is 0 or >= 500).OrderBy(a => a.At).ToList();
        var outage = "no failure";
        if (failures.Count > 0)
        {
            var first = failures[0].At;
            var last = failures[^1].At;
            var recovered = answers.Where(a => a.Status is >= 200 and < 300 && a.At > last).Select(a => a.At).DefaultIfEmpty(double.NaN).Min();
            outage = string.Create(CultureInfo.InvariantCulture,
                $"first failure +{first:0.0} s, last failure +{last:0.0} s, first success after it +{recovered:0.0} s");
        }

        var successes = answers.Count(a => a.Status is >= 200 and < 300);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{phase.Name}: {answers.Count} requests in {phase.Clock.Elapsed.TotalSeconds:0} s, {successes} succeeded ({byStatus}); {outage}"));
        if (phase.Restart is not null)
        {
            Console.WriteLine($"    the process: {phase.Restart}");
        }

        foreach (var operation in answers.GroupBy(a => a.Operation).OrderBy(g => g.Key))
        {
            Console.WriteLine($"    {operation.Key}: " + string.Join(", ", operation.GroupBy(a => a.Status).OrderBy(g => g.Key).Select(g => $"{g.Key}: {g.Count()}")));
        }
    }

    /// <summary>Waits for a process matching <paramref name="pattern"/> other than the one killed, for up to the phase's length.</summary>
    private static async Task<string> RestartedAsync(string pattern, int killed, Stopwatch clock, TimeSpan limit)
    {
        while (clock.Elapsed < limit)
        {
            if ((await PidsAsync(pattern)).FirstOrDefault(pid => pid != killed) is var pid and > 0)
            {
                return string.Create(CultureInfo.InvariantCulture, $"started again as pid {pid} {clock.Elapsed.TotalSeconds:0.0} s after the kill");
            }

            await Task.Delay(100);
        }

        return $"not started again within {limit.TotalSeconds:0} s";
    }

    private static async Task<List<int>> PidsAsync(string pattern)
    {
        using var pgrep = Process.Start(new ProcessStartInfo("pgrep", ["-f", "--", pattern]) { RedirectStandardOutput = true })!;
        var output = await pgrep.StandardOutput.ReadToEndAsync();
        await pgrep.WaitForExitAsync();
        return [.. output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(int.Parse).Where(pid => pid != Environment.ProcessId)];
    }

    /// <summary>The AppHost's PostgreSQL as its superuser: the port from the server's pid file, the password from the data folder.</summary>
    private static NpgsqlConnectionStringBuilder PostgresOf(string data)
    {
        var port = File.ReadLines(Path.Combine(data, "postgres", "pgdata", "postmaster.pid")).ElementAt(3);
        return new NpgsqlConnectionStringBuilder
        {
            Host = "127.0.0.1", Port = int.Parse(port, CultureInfo.InvariantCulture), Username = "infogerance",
            Password = File.ReadAllText(Path.Combine(data, "postgres", "postgres-password")).Trim(),
        };
    }

    /// <summary>
    /// Once the outboxes have drained: each acknowledged change stored exactly once, the tickets' every event published
    /// and consumed exactly once by each consumer that takes its type (the inboxes), and the read models complete.
    /// </summary>
    private static async Task<bool> VerifyAsync(NpgsqlConnectionStringBuilder server, string marker, Acknowledged acknowledged)
    {
        await using var incidents = await OpenAsync(server, "incidents");
        var stored = (await incidents.QueryAsync<Guid>("SELECT ticket_id FROM tickets WHERE title LIKE @marker", new { marker = marker + " %" })).ToHashSet();
        var ids = stored.ToArray();

        // Published: the outbox empties within seconds of recovery; a minute is the limit.
        var drained = Stopwatch.StartNew();
        long unsent;
        while ((unsent = await incidents.ExecuteScalarAsync<long>(
                   "SELECT count(*) FROM outbox_messages WHERE sent_at IS NULL AND (payload->>'ticketId')::uuid = ANY(@ids)", new { ids })) > 0
               && drained.Elapsed < TimeSpan.FromMinutes(1))
        {
            await Task.Delay(500);
        }

        var events = (await incidents.QueryAsync<(Guid EventId, string EventType, bool Dead)>(
            "SELECT event_id, event_type, dead_at IS NOT NULL FROM outbox_messages WHERE (payload->>'ticketId')::uuid = ANY(@ids)", new { ids })).ToList();
        var comments = (await incidents.QueryAsync<Guid>("SELECT comment_id FROM ticket_comments WHERE ticket_id = ANY(@ids)", new { ids })).ToList();
        // The opening's entry (new) is in the history too: the changes are counted against what was acknowledged.
        var changes = (await incidents.QueryAsync<(Guid Ticket, string After)>(
            "SELECT ticket_id, after FROM ticket_history WHERE ticket_id = ANY(@ids) AND field = 'status'", new { ids })).ToList();

        var ok = true;
        void Check(bool holds, string what)
        {
            Console.WriteLine($"{(holds ? "ok  " : "FAIL")} {what}");
            ok &= holds;
        }

        var ticketsLost = acknowledged.Tickets.Count(id => !stored.Contains(id));
        Check(ticketsLost == 0 && acknowledged.Tickets.Distinct().Count() == acknowledged.Tickets.Count,
            $"tickets: {acknowledged.Tickets.Count} acknowledged, {ticketsLost} of them missing; {stored.Count} stored ({stored.Count - acknowledged.Tickets.Count} stored whose answer was lost)");
        var commentCounts = comments.CountBy(id => id).ToDictionary();
        var commentsWrong = acknowledged.Comments.Count(id => commentCounts.GetValueOrDefault(id) != 1);
        Check(commentsWrong == 0, $"comments: {acknowledged.Comments.Count} acknowledged, {commentsWrong} of them not stored exactly once; {comments.Count} stored");
        var changeCounts = changes.CountBy(change => change).ToDictionary();
        var changesWrong = acknowledged.StatusChanges.Count(change => changeCounts.GetValueOrDefault((change.Ticket, change.Status)) != 1);
        Check(changesWrong == 0,
            $"status changes: {acknowledged.StatusChanges.Count} acknowledged, {changesWrong} of them not in the history exactly once; {changes.Count} in the history");
        Check(unsent == 0 && !events.Any(e => e.Dead),
            $"events of these tickets: {events.Count} in the Incidents outbox, {unsent} unsent after {drained.Elapsed.TotalSeconds:0} s, {events.Count(e => e.Dead)} set aside");

        var eventIds = events.Select(e => e.EventId).ToArray();
        var typeOf = events.ToDictionary(e => e.EventId, e => e.EventType);
        foreach (var (database, types) in TakenIn)
        {
            await using var consumer = await OpenAsync(server, database);
            // The inbox's key (event, consumer) makes "at most once"; "at least once" is each consumer having every event of its types.
            var raised = types.Where(type => events.Any(e => e.EventType == type)).ToList();
            var received = Stopwatch.StartNew();
            List<(Guid MessageId, string Consumer)> inbox;
            bool complete;
            do
            {
                inbox = [.. await consumer.QueryAsync<(Guid, string)>(
                    "SELECT message_id, consumer FROM inbox_messages WHERE message_id = ANY(@eventIds)", new { eventIds })];
                complete = inbox.GroupBy(row => (row.Consumer, Type: typeOf[row.MessageId]))
                    .All(group => group.Count() == events.Count(e => e.EventType == group.Key.Type))
                    && raised.All(type => inbox.Any(row => typeOf[row.MessageId] == type));
                if (!complete)
                {
                    await Task.Delay(500);
                }
            }
            while (!complete && received.Elapsed < TimeSpan.FromSeconds(30));

            foreach (var group in inbox.GroupBy(row => (row.Consumer, Type: typeOf[row.MessageId])).OrderBy(g => g.Key.Consumer))
            {
                var expected = events.Count(e => e.EventType == group.Key.Type);
                Check(group.Count() == expected, $"{database}: {group.Key.Consumer} consumed {group.Count()} of the {expected} {group.Key.Type} events");
            }

            foreach (var type in raised.Where(type => !inbox.Any(row => typeOf[row.MessageId] == type)))
            {
                Check(false, $"{database}: no consumer took in any of the {events.Count(e => e.EventType == type)} {type} events");
            }
        }

        await using var reporting = await OpenAsync(server, "reporting");
        var reported = await reporting.ExecuteScalarAsync<long>("SELECT count(*) FROM tickets WHERE ticket_id = ANY(@ids) AND number IS NOT NULL", new { ids });
        var reportedChanges = await reporting.ExecuteScalarAsync<long>("SELECT count(*) FROM ticket_status_changes WHERE ticket_id = ANY(@ids)", new { ids });
        var statusEvents = events.Count(e => e.EventType == StatusChangedEvent);
        Check(reported == stored.Count, $"reporting read model: {reported} of the {stored.Count} tickets opened");
        Check(reportedChanges == statusEvents, $"reporting read model: {reportedChanges} of the {statusEvents} status changes");
        return ok;
    }

    private static async Task<NpgsqlConnection> OpenAsync(NpgsqlConnectionStringBuilder server, string database)
    {
        var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(server.ConnectionString) { Database = database }.ConnectionString);
        await connection.OpenAsync();
        return connection;
    }
}
