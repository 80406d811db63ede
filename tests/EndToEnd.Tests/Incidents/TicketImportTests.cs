extern alias incidents;

using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Infogerance.Data;
using Infogerance.DemoData;
using Infogerance.EndToEnd.Tests.Contracts;
using Infogerance.IntegrationEvents;
using Infogerance.ServiceDefaults;
using Microsoft.Extensions.DependencyInjection;
using TicketRow = incidents::Infogerance.Incidents.Data.TicketRow;
using TicketSla = incidents::Infogerance.Incidents.Data.TicketSla;
using TicketStore = incidents::Infogerance.Incidents.Data.TicketStore;

namespace Infogerance.EndToEnd.Tests.Incidents;

/// <summary>The takeover import of the outgoing provider's ticket history over real PostgreSQL and RabbitMQ.</summary>
[Collection(SystemCollection.Name)]
public sealed class TicketImportTests(InfogeranceSystem system, ITestOutputHelper output)
{
    private const string Header = "reference;at;status;kind;title;description;impact;urgency;priority;level;requester;by;pendingSide;reason;resolution;assignee;team";

    [Fact]
    public async Task A_history_becomes_tickets_with_clocks_as_of_their_times_and_a_bad_file_imports_nothing()
    {
        // 24×7, respond within 30 minutes, resolve within 4 hours: the arithmetic below is plain time.
        var contractId = await TicketContracts.SignAsync(system,
            terms => TicketContracts.AlwaysOpen(terms, new SlaDuration(30, "minutes"), new SlaDuration(4, "hours")));
        using var manager = await ContractParty.SignInAsync(system, DemoWorld.Acme, Roles.ContractManager, "Marc Dubois", "incidents");
        using var admin = await ContractParty.SignInAsync(system, DemoWorld.Acme, Roles.TenantAdmin, "Anne Admin", "incidents");
        using var requester = await ContractParty.SignInAsync(system, DemoWorld.Acme, Roles.Requester, "Rachel Petit", "incidents");
        using var agent = await ContractParty.SignInAsync(system, DemoWorld.Antares, Roles.AgentL1, "Léa Fontaine", "incidents");
        using var outsider = await ContractParty.SignInAsync(system, DemoWorld.Belvedere, Roles.ContractManager, "Bruno Belvédère", "incidents");
        var path = $"/contracts/{contractId}/imports";
        var prefix = $"TKO-{Guid.NewGuid():N}"[..12];

        var now = DateTimeOffset.UtcNow;
        var day = new DateTimeOffset(now.Year, now.Month, now.Day, 8, 0, 0, TimeSpan.Zero).AddDays(-10);
        string At(TimeSpan after) => (day + after).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        string Ago(int minutes) => now.AddMinutes(-minutes).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        var file = $"""
            {Header}
            {prefix}-LATE;{At(TimeSpan.Zero)};new;incident;Serveur de fichiers arrêté;Plus d'accès à S:;high;high;;1;Rachel Petit;;;;;;
            {prefix}-LATE;{At(TimeSpan.FromMinutes(10))};assigned;;;;;;;;;Léa Fontaine;;;;Léa Fontaine;N1
            {prefix}-LATE;{At(TimeSpan.FromHours(5))};resolved;;;;;;;;;Léa Fontaine;;;Disque remplacé;;
            {prefix}-LATE;{At(TimeSpan.FromHours(30))};closed;;;;;;;;;Rachel Petit;;;;;
            {prefix}-PAUSED;{At(TimeSpan.Zero)};new;request;Nouveau poste;;;;P3;;Paul Colin;;;;;;
            {prefix}-PAUSED;{At(TimeSpan.FromMinutes(50))};inProgress;;;;;;;;;;;;;;
            {prefix}-PAUSED;{At(TimeSpan.FromHours(1))};pendingClient;;;;;;;;;;client;Quel bureau ?;;;
            {prefix}-PAUSED;{At(TimeSpan.FromHours(4))};inProgress;;;;;;;;;;;;;;
            {prefix}-PAUSED;{At(TimeSpan.FromHours(6))};resolved;;;;;;;;;;;;Poste livré;;
            {prefix}-STALE;{At(TimeSpan.FromDays(8))};new;incident;Imprimante;;low;low;;;Paul Colin;;;;;;
            {prefix}-OPEN;{Ago(60)};new;incident;VPN lent;;medium;medium;;2;Rachel Petit;;;;;;
            {prefix}-OPEN;{Ago(50)};assigned;;;;;;;;;;;;;;N2 Réseau
            """;

        // Who may import: the company's contract managers, not its requesters nor the provider; another company sees no contract.
        await requester.UploadAsync(path, "history.csv", Encoding.UTF8.GetBytes(file), HttpStatusCode.Forbidden);
        await agent.UploadAsync(path, "history.csv", Encoding.UTF8.GetBytes(file), HttpStatusCode.Forbidden);
        await outsider.UploadAsync(path, "history.csv", Encoding.UTF8.GetBytes(file), HttpStatusCode.NotFound);
        await manager.UploadAsync($"/contracts/{Guid.NewGuid()}/imports", "history.csv", Encoding.UTF8.GetBytes(file), HttpStatusCode.NotFound);
        await manager.PostAsync(path, new { }, HttpStatusCode.UnprocessableEntity);

        // A bad file: each bad line reported, nothing imported.
        var bad = file
            .Replace($"{prefix}-LATE;{At(TimeSpan.FromHours(5))};resolved;;;;;;;;;Léa Fontaine;;;Disque remplacé;;",
                $"{prefix}-LATE;{At(TimeSpan.FromHours(5))};resolved;;;;;;;;;Léa Fontaine;;;;;", StringComparison.Ordinal)
            .Replace($"{prefix}-STALE;{At(TimeSpan.FromDays(8))};new;incident", $"{prefix}-STALE;{At(TimeSpan.FromDays(8))};new;panne", StringComparison.Ordinal)
            + $"\n{prefix}-FUTURE;{now.AddDays(2):yyyy-MM-dd'T'HH:mm:ss'Z'};new;incident;Plus tard;;low;low;;;Paul Colin;;;;;;\n";
        var refused = await manager.UploadAsync(path, "history.csv", Encoding.UTF8.GetBytes(bad), HttpStatusCode.UnprocessableEntity);
        var errors = refused.GetProperty("errors");
        Assert.Equal(["line 4", "line 11", "line 14"], errors.EnumerateObject().Select(e => e.Name));
        Assert.Contains("resolution: Describe the resolution.", Messages(errors, "line 4"));
        Assert.Contains(Messages(errors, "line 11"), m => m.StartsWith("kind: \"panne\" is not known", StringComparison.Ordinal));
        Assert.Contains(Messages(errors, "line 14"), m => m.StartsWith("at: In the future", StringComparison.Ordinal));
        Assert.Empty(Items(await manager.GetAsync($"/tickets?contractId={contractId}")));

        // The good file: 201 with each ticket's id, number and reference.
        var imported = await manager.UploadAsync(path, "history.csv", Encoding.UTF8.GetBytes(file), HttpStatusCode.Created);
        Assert.Equal(4, imported.GetProperty("imported").GetInt32());
        var ids = imported.GetProperty("tickets").EnumerateArray()
            .ToDictionary(t => t.GetProperty("externalReference").GetString()![(prefix.Length + 1)..], t => t.GetProperty("id").GetGuid());
        Assert.Equal(["LATE", "OPEN", "PAUSED", "STALE"], ids.Keys.Order());
        var numbers = imported.GetProperty("tickets").EnumerateArray().Select(t => t.GetProperty("number").GetInt64()).ToList();
        Assert.Equal(numbers.Order(), numbers);

        var listed = Items(await manager.GetAsync($"/tickets?contractId={contractId}")).ToDictionary(t => t.GetProperty("id").GetGuid());
        Assert.Equal(ids.Values.Order(), listed.Keys.Order());
        Assert.Equal("closed", listed[ids["LATE"]].GetProperty("status").GetString());
        // Resolved ten days ago: its five quiet days are over, so it was closed at their end, as the scheduler would have.
        Assert.Equal("closed", listed[ids["PAUSED"]].GetProperty("status").GetString());
        Assert.Equal("new", listed[ids["STALE"]].GetProperty("status").GetString());
        Assert.Equal("assigned", listed[ids["OPEN"]].GetProperty("status").GetString());
        Assert.Contains(ids["OPEN"], Items(await agent.GetAsync($"/tickets?contractId={contractId}")).Select(t => t.GetProperty("id").GetGuid()));

        // Resolved 5 hours after opening against 4: the resolution clock breached; the response (10 minutes) met.
        var late = await manager.GetAsync($"/tickets/{ids["LATE"]}");
        Assert.Equal(("import", $"{prefix}-LATE", "P1"), (late.GetProperty("source").GetString(), late.GetProperty("externalReference").GetString(), late.GetProperty("priority").GetString()));
        Assert.Equal(day, late.GetProperty("createdAt").GetDateTimeOffset());
        Assert.Equal(day.AddMinutes(10), late.GetProperty("respondedAt").GetDateTimeOffset());
        Assert.True(late.GetProperty("breached").GetBoolean());
        var resolve = ClockState(late, "resolve");
        Assert.Equal((false, day.AddHours(4)), (resolve.Running, resolve.DueAt));
        Assert.True(Clock(late, "resolve").GetProperty("breached").GetBoolean());
        Assert.False(Clock(late, "respond").GetProperty("breached").GetBoolean());
        Assert.Equal("Léa Fontaine", late.GetProperty("assignee").GetProperty("name").GetString());

        // Waiting on the client 3 of its 6 hours: 3 hours used of 4, met; responded (50 minutes against 30) late.
        var paused = await manager.GetAsync($"/tickets/{ids["PAUSED"]}");
        var pausedResolve = Clock(paused, "resolve");
        Assert.False(pausedResolve.GetProperty("breached").GetBoolean());
        Assert.Equal(3 * 3600, pausedResolve.GetProperty("elapsedBusinessSeconds").GetInt64());
        Assert.Equal(day.AddHours(7), pausedResolve.GetProperty("dueAt").GetDateTimeOffset());
        Assert.True(Clock(paused, "respond").GetProperty("breached").GetBoolean());
        Assert.Equal(("P3", "medium", "medium"), (paused.GetProperty("priority").GetString(), paused.GetProperty("impact").GetString(), paused.GetProperty("urgency").GetString()));

        // Opened two days ago and never touched: both clocks ran out before the takeover; still open, they keep running.
        var stale = await manager.GetAsync($"/tickets/{ids["STALE"]}");
        Assert.True(stale.GetProperty("breached").GetBoolean());
        Assert.True(Clock(stale, "resolve").GetProperty("running").GetBoolean());

        // Opened an hour ago and taken 10 minutes later: due in 3 hours, nothing breached; the scheduler takes it from here.
        var open = await manager.GetAsync($"/tickets/{ids["OPEN"]}");
        Assert.False(open.GetProperty("breached").GetBoolean());
        Assert.Equal((2, "N2 Réseau"), (open.GetProperty("level").GetInt32(), open.GetProperty("team").GetString()));
        Assert.InRange((Clock(open, "resolve").GetProperty("dueAt").GetDateTimeOffset() - now).TotalMinutes, 175, 181);

        // The clocks written in bulk are what the service's own SyncAsync stores.
        await AssertClocksAsSyncAsyncStoresThemAsync([.. ids.Values]);

        // The history, with the names the file gives and "import" where it gives none.
        var history = (await manager.GetAsync($"/tickets/{ids["PAUSED"]}/history")).EnumerateArray()
            .Select(h => (Field: h.GetProperty("field").GetString(), After: h.GetProperty("after").GetString(), Actor: h.GetProperty("actorName").GetString()))
            .ToList();
        Assert.Equal(
            [("status", "new", "Paul Colin"), ("status", "inProgress", "import"), ("status", "pendingClient", "import"), ("pendingSide", "client", "import"),
             ("status", "inProgress", "import"), ("status", "resolved", "import"), ("status", "closed", "system")],
            history);
        var lateHistory = (await manager.GetAsync($"/tickets/{ids["LATE"]}/history")).EnumerateArray().ToList();
        Assert.Contains(lateHistory, h => h.GetProperty("field").GetString() == "status" && h.GetProperty("after").GetString() == "closed"
            && h.GetProperty("actorName").GetString() == "Rachel Petit" && h.GetProperty("occurredAt").GetDateTimeOffset() == day.AddHours(30));

        // The past raises nothing now: no breach, warning or completion announced for the imported tickets.
        var importedIds = ids.Values.ToHashSet();
        await Task.Delay(TimeSpan.FromSeconds(3));
        Assert.Empty(await system.Events.WaitForAsync<SlaBreached>(e => importedIds.Contains(e.TicketId), timeout: TimeSpan.Zero));
        Assert.Empty(await system.Events.WaitForAsync<SlaWarningRaised>(e => importedIds.Contains(e.TicketId), timeout: TimeSpan.Zero));
        Assert.Empty(await system.Events.WaitForAsync<SlaClockCompleted>(e => importedIds.Contains(e.TicketId), timeout: TimeSpan.Zero));

        // The same references again, even as JSON by a tenant admin: refused, naming each, and nothing doubled.
        var again = $$"""
            {"tickets": [
              {"reference": "{{prefix}}-NEW", "kind": "incident", "title": "Nouveau", "priority": "P4", "requester": "Paul Colin", "openedAt": "{{At(TimeSpan.FromHours(1))}}"},
              {"reference": "{{prefix}}-LATE", "kind": "incident", "title": "Serveur", "priority": "P1", "requester": "Rachel Petit", "openedAt": "{{At(TimeSpan.Zero)}}"}
            ]}
            """;
        var duplicate = await admin.UploadAsync(path, "history.json", Encoding.UTF8.GetBytes(again), HttpStatusCode.UnprocessableEntity);
        Assert.Equal(["tickets[1].reference"], duplicate.GetProperty("errors").EnumerateObject().Select(e => e.Name));
        Assert.Contains($"already imported into this contract (ticket {late.GetProperty("number").GetInt64()})",
            Messages(duplicate.GetProperty("errors"), "tickets[1].reference").Single(), StringComparison.Ordinal);
        Assert.Equal(4, Items(await manager.GetAsync($"/tickets?contractId={contractId}")).Count);

        // A JSON file of new references goes in.
        var json = again.Replace($"{prefix}-LATE", $"{prefix}-JSON", StringComparison.Ordinal);
        var second = await admin.UploadAsync(path, "export", Encoding.UTF8.GetBytes(json), HttpStatusCode.Created);
        Assert.Equal(2, second.GetProperty("imported").GetInt32());
        Assert.Equal(6, Items(await manager.GetAsync($"/tickets?contractId={contractId}")).Count);
    }

    [Fact]
    public async Task Five_thousand_tickets_import_in_seconds()
    {
        var contractId = await TicketContracts.SignAsync(system,
            terms => TicketContracts.AlwaysOpen(terms, new SlaDuration(1, "hours"), new SlaDuration(8, "hours")));
        using var manager = await ContractParty.SignInAsync(system, DemoWorld.Acme, Roles.ContractManager, "Marc Dubois", "incidents");
        var start = new DateTimeOffset(DateTime.UtcNow.Date, TimeSpan.Zero).AddDays(-60);
        string At(DateTimeOffset at) => at.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        var csv = new StringBuilder(Header).Append('\n');
        const int count = 5000;
        for (var i = 0; i < count; i++)
        {
            var opened = start.AddMinutes(i * 11);
            var reference = $"BULK-{i:D5}";
            csv.Append(CultureInfo.InvariantCulture, $"{reference};{At(opened)};new;incident;Incident {i};Détail {i};{(i % 3 == 0 ? "high" : "low")};medium;;1;Demandeur {i % 50};;;;;;\n");
            csv.Append(CultureInfo.InvariantCulture, $"{reference};{At(opened.AddMinutes(5 + i % 90))};assigned;;;;;;;;;Agent {i % 7};;;;Agent {i % 7};N1\n");
            if (i % 4 == 0)
            {
                csv.Append(CultureInfo.InvariantCulture, $"{reference};{At(opened.AddHours(2))};pendingClient;;;;;;;;;;client;Précisions;;;\n");
                csv.Append(CultureInfo.InvariantCulture, $"{reference};{At(opened.AddHours(3))};inProgress;;;;;;;;;;;;;;\n");
            }

            if (i % 10 != 9)
            {
                csv.Append(CultureInfo.InvariantCulture, $"{reference};{At(opened.AddHours(4 + i % 9))};resolved;;;;;;;;;;;;Corrigé;;\n");
            }
        }

        var bytes = Encoding.UTF8.GetBytes(csv.ToString());
        var watch = Stopwatch.StartNew();
        var result = await manager.UploadAsync($"/contracts/{contractId}/imports", "bulk.csv", bytes, HttpStatusCode.Created);
        watch.Stop();
        output.WriteLine($"{count} tickets ({bytes.Length / 1024} KB, {csv.ToString().Count(c => c == '\n') - 1} lines) imported in {watch.ElapsedMilliseconds} ms");

        Assert.Equal(count, result.GetProperty("imported").GetInt32());
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(30), $"{count} tickets took {watch.Elapsed}");
        var breached = await manager.GetAsync($"/tickets?contractId={contractId}&breached=true&status=closed&limit=1");
        Assert.NotEmpty(Items(breached));
    }

    /// <summary>
    /// The import computes clocks for all tickets at once rather than through TicketSla.SyncAsync ticket by ticket: check
    /// that SyncAsync run again (as the scheduler does at a timer) changes nothing, and that SyncAsync from scratch stores
    /// the same clocks. In a transaction rolled back.
    /// </summary>
    private async Task AssertClocksAsSyncAsyncStoresThemAsync(Guid[] ids)
    {
        var services = system.Services["incidents"];
        var sla = services.GetRequiredService<TicketSla>();
        await using var unitOfWork = await services.GetRequiredService<Database>().BeginAsync(DemoWorld.Acme, CancellationToken.None);
        var imported = await SnapshotAsync(unitOfWork, ids);
        var now = DateTimeOffset.UtcNow;
        now = now.AddTicks(-(now.Ticks % TimeSpan.TicksPerSecond));
        async Task SyncAllAsync()
        {
            foreach (var ticket in await unitOfWork.QueryAsync<TicketRow>($"{TicketStore.SelectTicket} WHERE t.ticket_id = ANY(@ids)", new { ids }))
            {
                await sla.SyncAsync(unitOfWork, ticket, now, raiseEvents: false);
            }
        }

        await SyncAllAsync();
        Assert.Equal(imported, await SnapshotAsync(unitOfWork, ids));

        await unitOfWork.ExecuteAsync(
            """
            DELETE FROM sla_clocks WHERE ticket_id = ANY(@ids);
            DELETE FROM ticket_timers WHERE ticket_id = ANY(@ids);
            UPDATE tickets SET sla_due_at = NULL, queue_rank = 'infinity', breached = false WHERE ticket_id = ANY(@ids);
            """,
            new { ids });
        await SyncAllAsync();
        Assert.Equal(imported.Where(row => !row.StartsWith("timer", StringComparison.Ordinal)),
            (await SnapshotAsync(unitOfWork, ids)).Where(row => !row.StartsWith("timer", StringComparison.Ordinal)));
    }

    private static async Task<List<string>> SnapshotAsync(UnitOfWork unitOfWork, Guid[] ids) =>
        [.. await unitOfWork.QueryAsync<string>(
            """
            SELECT concat_ws('|', 'clock', ticket_id, clock, due_at, target_seconds, warnings_raised::text, breached_at, completed_at, met, used_seconds, completions)
            FROM sla_clocks WHERE ticket_id = ANY(@ids)
            UNION ALL
            SELECT concat_ws('|', 'ticket', ticket_id, sla_due_at, queue_rank, breached) FROM tickets WHERE ticket_id = ANY(@ids)
            UNION ALL
            SELECT concat_ws('|', 'timer', ticket_id, due_at) FROM ticket_timers WHERE ticket_id = ANY(@ids)
            ORDER BY 1
            """,
            new { ids })];

    private static JsonElement Clock(JsonElement ticket, string clock) =>
        ticket.GetProperty("clocks").EnumerateArray().Single(c => c.GetProperty("clock").GetString() == clock);

    private static (bool Running, DateTimeOffset DueAt) ClockState(JsonElement ticket, string clock)
    {
        var element = Clock(ticket, clock);
        return (element.GetProperty("running").GetBoolean(), element.GetProperty("dueAt").GetDateTimeOffset());
    }

    private static List<JsonElement> Items(JsonElement page) => [.. page.GetProperty("items").EnumerateArray()];

    private static string[] Messages(JsonElement errors, string key) =>
        errors.TryGetProperty(key, out var messages) ? [.. messages.EnumerateArray().Select(m => m.GetString()!)] : [];
}
