using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Infogerance.DemoData;
using Infogerance.EndToEnd.Tests.Contracts;
using Infogerance.IntegrationEvents;
using Infogerance.ServiceDefaults;
using Npgsql;

namespace Infogerance.EndToEnd.Tests.Incidents;

/// <summary>Tickets through the Incidents API over real PostgreSQL and RabbitMQ, with their events and SLA clocks.</summary>
[Collection(SystemCollection.Name)]
public sealed class TicketLifecycleTests(InfogeranceSystem system)
{
    [Fact]
    public async Task A_ticket_lives_from_opening_to_rating_with_both_sides_and_its_events()
    {
        var contractId = await TicketContracts.SignAsync(system,
            terms => TicketContracts.AlwaysOpen(terms, new SlaDuration(30, "minutes"), new SlaDuration(4, "hours")));
        using var requester = await ContractParty.SignInAsync(system, DemoWorld.Acme, Roles.Requester, "Rachel Petit", "incidents");
        using var colleague = await ContractParty.SignInAsync(system, DemoWorld.Acme, Roles.Requester, "Paul Colin", "incidents");
        using var manager = await ContractParty.SignInAsync(system, DemoWorld.Acme, Roles.ContractManager, "Marc Dubois", "incidents");
        using var auditor = await ContractParty.SignInAsync(system, DemoWorld.Acme, Roles.Auditor, "Alice Audit", "incidents");
        using var agent = await ContractParty.SignInAsync(system, DemoWorld.Antares, Roles.AgentL1, "Léa Fontaine", "incidents");
        using var outsider = await ContractParty.SignInAsync(system, DemoWorld.Nordlys, Roles.AgentL1, "Ingrid Solberg", "incidents");

        // Refused input names its fields and writes nothing.
        var refused = await requester.PostAsync("/tickets", new { contractId, kind = "bug", impact = "huge", urgency = "low" }, HttpStatusCode.UnprocessableEntity);
        Assert.Equal(["impact", "kind", "title"], refused.GetProperty("errors").EnumerateObject().Select(e => e.Name).Order());
        var overridden = await requester.PostAsync("/tickets",
            new { contractId, kind = "incident", title = "x", impact = "low", urgency = "low", priority = "P1" }, HttpStatusCode.UnprocessableEntity);
        Assert.True(overridden.GetProperty("errors").TryGetProperty("priorityReason", out _));
        await requester.PostAsync("/tickets", new { contractId = Guid.NewGuid(), kind = "incident", title = "x", impact = "low", urgency = "low" },
            HttpStatusCode.UnprocessableEntity);
        await auditor.PostAsync("/tickets", new { contractId, kind = "incident", title = "x", impact = "low", urgency = "low" }, HttpStatusCode.Forbidden);

        // The contract's inventory reaches the Incidents service with its events: a ticket names one of its items, never another.
        using var contracts = await ContractParty.SignInAsync(system, DemoWorld.Acme, Roles.ContractManager, "Marc Dubois");
        var item = (await contracts.PostAsync($"/{contractId}/inventory",
            new { type = "server", name = "EXCH-01", quantity = 1, criticality = "critical" }, HttpStatusCode.Created)).GetProperty("id").GetGuid();
        await system.Events.WaitForAsync<ContractInventoryChanged>(e => e.ContractId == contractId && e.Items.Any(i => i.ItemId == item));
        var unknownItem = await requester.PostAsync("/tickets",
            new { contractId, kind = "incident", title = "x", impact = "low", urgency = "low", inventoryItemId = Guid.NewGuid() }, HttpStatusCode.UnprocessableEntity);
        Assert.True(unknownItem.GetProperty("errors").TryGetProperty("inventoryItemId", out _));

        // The client opens a P2 (high impact, medium urgency) on that server: both clocks start, due 30 minutes and 4 hours later.
        // The inventory event was seen by the recorder; the Incidents service may take a moment more.
        var (_, openedBody) = await Eventually.UntilAsync(
            async () =>
            {
                using var response = await requester.Client.PostAsJsonAsync("/tickets", new
                {
                    contractId, kind = "incident", title = "La messagerie ne répond plus", description = "Depuis 8 h, Outlook reste déconnecté.",
                    impact = "high", urgency = "medium", inventoryItemId = item,
                }, ContractParty.Json);
                return (response.StatusCode, Body: await response.Content.ReadAsStringAsync());
            },
            answer => answer.StatusCode == HttpStatusCode.Created,
            answer => $"the ticket on the server was refused: {(int)answer.StatusCode} {answer.Body}");
        var opened = JsonDocument.Parse(openedBody).RootElement;

        Assert.Equal("EXCH-01", opened.GetProperty("inventoryItem").GetProperty("name").GetString());
        var id = opened.GetProperty("id").GetGuid();
        var createdAt = opened.GetProperty("createdAt").GetDateTimeOffset();
        Assert.Equal("P2", opened.GetProperty("priority").GetString());
        Assert.Equal("new", opened.GetProperty("status").GetString());
        var respond = Clock(opened, "respond");
        Assert.Equal(createdAt.AddMinutes(30), respond.GetProperty("dueAt").GetDateTimeOffset());
        Assert.Equal([50, 75], respond.GetProperty("warnings").EnumerateArray().Select(w => w.GetProperty("percent").GetInt32()));
        Assert.Equal(createdAt.AddHours(4), Clock(opened, "resolve").GetProperty("dueAt").GetDateTimeOffset());
        var openedEvent = Assert.Single(await system.Events.WaitForAsync<TicketOpened>(e => e.TicketId == id));
        Assert.Equal(contractId, openedEvent.ContractId);
        Assert.Equal("P2", openedEvent.Priority);

        // Who sees it: the requester, the company's manager and auditor, the contract's desk; not a colleague requester, not another provider.
        await colleague.GetAsync($"/tickets/{id}", HttpStatusCode.NotFound);
        Assert.DoesNotContain(id, Ids(await colleague.GetAsync("/tickets")));
        Assert.Contains(id, Ids(await manager.GetAsync("/tickets")));
        await auditor.GetAsync($"/tickets/{id}");
        await outsider.GetAsync($"/tickets/{id}", HttpStatusCode.NotFound);
        Assert.DoesNotContain(id, Ids(await outsider.GetAsync("/tickets")));
        await outsider.PostAsync($"/tickets/{id}/assignment", new { toMe = true }, HttpStatusCode.NotFound);
        Assert.Contains(id, Ids(await agent.GetAsync($"/tickets?contractId={contractId}&priority=P2")));
        Assert.DoesNotContain(id, Ids(await agent.GetAsync($"/tickets?contractId={contractId}&priority=P4")));

        // The desk takes it: its first status change is the response, met well within 30 minutes.
        await requester.PostAsync($"/tickets/{id}/assignment", new { toMe = true }, HttpStatusCode.Forbidden);
        var assigned = await agent.PostAsync($"/tickets/{id}/assignment", new { toMe = true, team = "N1 Messagerie" });
        Assert.Equal("assigned", assigned.GetProperty("status").GetString());
        Assert.Equal("Léa Fontaine", assigned.GetProperty("assignee").GetProperty("name").GetString());
        Assert.False(Clock(assigned, "respond").GetProperty("running").GetBoolean());
        var responded = Assert.Single(await system.Events.WaitForAsync<SlaClockCompleted>(e => e.TicketId == id && e.Clock == "respond"));
        Assert.True(responded.Met);
        Assert.Equal(1800, responded.TargetBusinessSeconds);

        // Internal comments stay on the desk's side; a wait on the client pauses the resolution clock, its answer resumes it.
        await agent.PostAsync($"/tickets/{id}/comments", new { body = "Le connecteur Exchange est en cause.", visibility = "internal" }, HttpStatusCode.Created);
        await requester.PostAsync($"/tickets/{id}/comments", new { body = "x", visibility = "internal" }, HttpStatusCode.UnprocessableEntity);
        await agent.PostAsync($"/tickets/{id}/status", new { status = "pendingClient" }, HttpStatusCode.UnprocessableEntity);
        var pending = await agent.PostAsync($"/tickets/{id}/status", new { status = "pendingClient", pendingSide = "client", reason = "Quel poste est touché ?" });
        Assert.True(Clock(pending, "resolve").GetProperty("paused").GetBoolean());
        Assert.Equal("client", pending.GetProperty("pendingSide").GetString());
        await requester.PostAsync($"/tickets/{id}/comments", new { body = "Le poste PC-0042, au 3e étage." }, HttpStatusCode.Created);
        var resumed = await requester.GetAsync($"/tickets/{id}");
        Assert.Equal("inProgress", resumed.GetProperty("status").GetString());
        Assert.False(Clock(resumed, "resolve").GetProperty("paused").GetBoolean());
        Assert.Equal(["public"], (await requester.GetAsync($"/tickets/{id}/comments")).EnumerateArray().Select(c => c.GetProperty("visibility").GetString()));
        Assert.Equal(
            ["Le connecteur Exchange est en cause.", "Le poste PC-0042, au 3e étage."],
            (await agent.GetAsync($"/tickets/{id}/comments")).EnumerateArray().Select(c => c.GetProperty("body").GetString()));

        // Times are kept to the second: what is written within one second still comes back in the order it was written.
        string[] quick = ["1. Redémarrage du service", "2. Purge de la file", "3. Test d'envoi", "4. Contrôle des journaux", "5. Retour à la normale"];
        foreach (var body in quick)
        {
            await agent.PostAsync($"/tickets/{id}/comments", new { body, visibility = "internal" }, HttpStatusCode.Created);
        }

        Assert.Equal(quick, (await agent.GetAsync($"/tickets/{id}/comments")).EnumerateArray().Skip(2).Select(c => c.GetProperty("body").GetString()));

        // Level 2 and a priority raised through the matrix: the goal is re-read, the time spent kept.
        var escalated = await agent.PostAsync($"/tickets/{id}/escalation", new { reason = "Correctif serveur requis." });
        Assert.Equal(2, escalated.GetProperty("level").GetInt32());
        await agent.PostAsync($"/tickets/{id}/escalation", new { reason = "Encore" }, HttpStatusCode.Conflict);
        await agent.PostAsync($"/tickets/{id}/priority", new { priority = "P4" }, HttpStatusCode.UnprocessableEntity);
        var raised = await agent.PostAsync($"/tickets/{id}/priority", new { urgency = "high" });
        Assert.Equal("P1", raised.GetProperty("priority").GetString());

        // Resolution stops the clock (met); the requester rates once; a reopen continues the clock, a second resolution completes it again.
        await requester.PostAsync($"/tickets/{id}/status", new { status = "resolved", resolution = "x" }, HttpStatusCode.Forbidden);
        await agent.PostAsync($"/tickets/{id}/status", new { status = "resolved" }, HttpStatusCode.UnprocessableEntity);
        var resolved = await agent.PostAsync($"/tickets/{id}/status", new { status = "resolved", resolution = "Connecteur redémarré, cache reconstruit." });
        Assert.Contains("closed", Strings(await requester.GetAsync($"/tickets/{id}"), "statuses"));
        Assert.False(Clock(resolved, "resolve").GetProperty("running").GetBoolean());
        var completed = Assert.Single(await system.Events.WaitForAsync<SlaClockCompleted>(e => e.TicketId == id && e.Clock == "resolve"));
        Assert.True(completed.Met);
        Assert.Equal("P1", completed.Priority);
        await agent.PostAsync($"/tickets/{id}/satisfaction", new { score = 5 }, HttpStatusCode.Forbidden);
        await requester.PostAsync($"/tickets/{id}/satisfaction", new { score = 6 }, HttpStatusCode.UnprocessableEntity);
        var rated = await requester.PostAsync($"/tickets/{id}/satisfaction", new { score = 4, comment = "Rapide et clair." });
        Assert.Equal(4, rated.GetProperty("satisfaction").GetProperty("score").GetInt32());
        await requester.PostAsync($"/tickets/{id}/satisfaction", new { score = 5 }, HttpStatusCode.Conflict);
        Assert.Equal(4, Assert.Single(await system.Events.WaitForAsync<TicketRated>(e => e.TicketId == id)).Score);

        await requester.PostAsync($"/tickets/{id}/status", new { status = "inProgress" }, HttpStatusCode.UnprocessableEntity);
        var reopened = await requester.PostAsync($"/tickets/{id}/status", new { status = "inProgress", reason = "Le problème est revenu." });
        Assert.Equal(1, reopened.GetProperty("reopenCount").GetInt32());
        Assert.True(Clock(reopened, "resolve").GetProperty("running").GetBoolean());
        await agent.PostAsync($"/tickets/{id}/status", new { status = "resolved", resolution = "Mise à jour du connecteur." });
        var second = await system.Events.WaitForAsync<SlaClockCompleted>(e => e.TicketId == id && e.Clock == "resolve", count: 2);
        Assert.Equal([1, 2], second.Select(e => e.Completion).Order());
        var closed = await requester.PostAsync($"/tickets/{id}/status", new { status = "closed" });
        Assert.Equal("closed", closed.GetProperty("status").GetString());
        await agent.PostAsync($"/tickets/{id}/comments", new { body = "Trop tard" }, HttpStatusCode.Conflict);

        var statuses = (await system.Events.WaitForAsync<TicketStatusChanged>(e => e.TicketId == id, count: 7)).Select(e => e.To).ToList();
        Assert.Equal(["assigned", "pendingClient", "inProgress", "resolved", "inProgress", "resolved", "closed"], statuses);

        // The history has every field change with who made it; the desk's internal entries are not shown to the client.
        var history = (await agent.GetAsync($"/tickets/{id}/history")).EnumerateArray().ToList();
        foreach (var field in new[] { "status", "assignee", "team", "pendingSide", "level", "urgency", "priority", "satisfaction", "comment" })
        {
            Assert.Contains(history, entry => entry.GetProperty("field").GetString() == field);
        }

        Assert.Contains(history, entry => entry.GetProperty("field").GetString() == "level" && entry.GetProperty("actorName").GetString() == "Léa Fontaine");
        Assert.True(history.Count > (await requester.GetAsync($"/tickets/{id}/history")).GetArrayLength());

        // The first entry is the opening, by its requester; a priority set against the matrix says why there.
        var opening = history.Single(entry => entry.GetProperty("field").GetString() == "status" && !entry.TryGetProperty("before", out _));
        Assert.Equal(("new", "Rachel Petit", false),
            (opening.GetProperty("after").GetString(), opening.GetProperty("actorName").GetString(), opening.TryGetProperty("note", out _)));
        var overruled = (await requester.PostAsync("/tickets", new
        {
            contractId, kind = "incident", title = "Salle serveur à l'arrêt", impact = "low", urgency = "low", priority = "P1",
            priorityReason = "Toute la production en dépend",
        }, HttpStatusCode.Created)).GetProperty("id").GetGuid();
        var raisedHistory = (await requester.GetAsync($"/tickets/{overruled}/history")).EnumerateArray().ToList();
        Assert.Equal(("status", "new", "P1: Toute la production en dépend"), (raisedHistory.Single().GetProperty("field").GetString(),
            raisedHistory.Single().GetProperty("after").GetString(), raisedHistory.Single().GetProperty("note").GetString()));
    }

    [Fact]
    public async Task Warnings_and_the_breach_are_raised_on_time_with_nobody_touching_the_ticket()
    {
        var contractId = await TicketContracts.SignAsync(system,
            terms => TicketContracts.AlwaysOpen(terms, new SlaDuration(1, "minutes"), new SlaDuration(1, "hours")));
        using var requester = await ContractParty.SignInAsync(system, DemoWorld.Acme, Roles.Requester, "Rachel Petit", "incidents");
        // The service measures how late it raises breaches (an OpenTelemetry histogram).
        var lags = new ConcurrentQueue<(double Seconds, object? Clock)>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, meters) =>
        {
            if (instrument is { Meter.Name: "Infogerance.Incidents", Name: "incidents.sla.breach_detection_lag" })
            {
                meters.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<double>((_, seconds, tags, _) =>
        {
            object? clock = null;
            foreach (var tag in tags)
            {
                clock = tag.Key == "clock" ? tag.Value : clock;
            }

            lags.Enqueue((seconds, clock));
        });
        listener.Start();

        var opened = await requester.PostAsync("/tickets",
            new { contractId, kind = "incident", title = "Plus de réseau", impact = "high", urgency = "high" }, HttpStatusCode.Created);
        var id = opened.GetProperty("id").GetGuid();
        var due = Clock(opened, "respond").GetProperty("dueAt").GetDateTimeOffset();

        var timeout = TimeSpan.FromSeconds(90);
        var warnings = await system.Events.WaitForAsync<SlaWarningRaised>(e => e.TicketId == id && e.Clock == "respond", count: 2, timeout);
        var breach = Assert.Single(await system.Events.WaitForAsync<SlaBreached>(e => e.TicketId == id && e.Clock == "respond", timeout: timeout));
        Assert.Equal([50, 75], warnings.Select(w => w.Percent).Order());
        Assert.Equal(due, breach.DueAt);
        // Raised by the scheduler within a few seconds of the instants they mark (the scheduler looks every second).
        foreach (var warning in warnings)
        {
            var at = due.AddSeconds(-60 + 60 * warning.Percent / 100);
            Assert.InRange((warning.OccurredAt - at).TotalSeconds, 0, 5);
        }

        Assert.InRange((breach.OccurredAt - due).TotalSeconds, 0, 5);
        Assert.Contains(lags, lag => Equals(lag.Clock, "respond") && lag.Seconds is >= 0 and <= 5);
        var breached = await requester.GetAsync($"/tickets/{id}");
        Assert.True(breached.GetProperty("breached").GetBoolean());
        Assert.True(Clock(breached, "respond").GetProperty("breached").GetBoolean());
        Assert.Empty(await system.Events.WaitForAsync<SlaBreached>(e => e.TicketId == id && e.Clock == "resolve", timeout: TimeSpan.Zero));
    }

    [Fact]
    public async Task A_ticket_the_scheduler_cannot_process_does_not_hold_back_the_others_and_is_retried()
    {
        var contractId = await TicketContracts.SignAsync(system,
            terms => TicketContracts.AlwaysOpen(terms, new SlaDuration(30, "minutes"), new SlaDuration(4, "hours")));
        using var requester = await ContractParty.SignInAsync(system, DemoWorld.Acme, Roles.Requester, "Rachel Petit", "incidents");
        async Task<Guid> Open(string title) =>
            (await requester.PostAsync("/tickets", new { contractId, kind = "incident", title, impact = "high", urgency = "high" }, HttpStatusCode.Created))
            .GetProperty("id").GetGuid();
        var broken = await Open("Imprimante hors ligne");
        var sound = await Open("VPN refusé");

        // As if both had been opened two hours ago and their timers were due now; one names a contract version whose
        // response targets are sound but whose resolution targets are in a unit nobody knows, so its response clock
        // can be computed and its resolution clock cannot.
        await using var connection = new NpgsqlConnection(system.Databases["incidents"]);
        await connection.OpenAsync();
        async Task ExecuteAsync(string sql)
        {
            await using var command = new NpgsqlCommand(sql, connection);
            command.Parameters.AddWithValue("broken", broken);
            command.Parameters.AddWithValue("ids", new[] { broken, sound });
            command.Parameters.AddWithValue("contractId", contractId);
            await command.ExecuteNonQueryAsync();
        }

        await ExecuteAsync(
            """
            INSERT INTO contract_terms (tenant_id, contract_id, version_number, effective_from, terms, activated_at)
            SELECT tenant_id, contract_id, 99, effective_from,
                   jsonb_set(terms, '{sla,targets}',
                             (SELECT jsonb_agg(jsonb_set(target, '{resolve,unit}', '"fortnights"')) FROM jsonb_array_elements(terms->'sla'->'targets') target)),
                   activated_at
            FROM contract_terms WHERE contract_id = @contractId AND version_number = 1;
            UPDATE tickets SET created_at = created_at - interval '2 hours',
                               contract_version = CASE WHEN ticket_id = @broken THEN 99 ELSE contract_version END
            WHERE ticket_id = ANY(@ids);
            UPDATE ticket_timers SET due_at = now() WHERE ticket_id = ANY(@ids);
            """);
        var started = DateTimeOffset.UtcNow;

        // The sound ticket's response is breached and its resolution half spent at once; the other waits a minute for its retry.
        var breach = Assert.Single(await system.Events.WaitForAsync<SlaBreached>(e => e.TicketId == sound, timeout: TimeSpan.FromSeconds(15)));
        Assert.Equal("respond", breach.Clock);
        Assert.Contains(await system.Events.WaitForAsync<SlaWarningRaised>(e => e.TicketId == sound && e.Clock == "resolve"), w => w.Percent == 50);
        // The failing ticket leaves no trace: not even the breach of its computable response clock.
        Assert.Empty(await system.Events.WaitForAsync<SlaBreached>(e => e.TicketId == broken, timeout: TimeSpan.FromSeconds(2)));
        await using (var retry = new NpgsqlCommand(
            "SELECT t.due_at, (SELECT count(*) FROM sla_clocks c WHERE c.ticket_id = t.ticket_id AND c.breached_at IS NOT NULL) FROM ticket_timers t WHERE t.ticket_id = @broken",
            connection))
        {
            retry.Parameters.AddWithValue("broken", broken);
            await using var reader = await retry.ExecuteReaderAsync();
            Assert.True(await reader.ReadAsync());
            Assert.InRange((reader.GetDateTime(0) - started.UtcDateTime).TotalSeconds, 50, 75);
            Assert.Equal(0, reader.GetInt64(1));
        }

        // Once it names sound terms again, the retry catches up: the breach alone, its warnings being stale news.
        await ExecuteAsync(
            """
            UPDATE tickets SET contract_version = 1 WHERE ticket_id = @broken;
            UPDATE ticket_timers SET due_at = now() WHERE ticket_id = @broken;
            """);
        var caughtUp = Assert.Single(await system.Events.WaitForAsync<SlaBreached>(e => e.TicketId == broken, timeout: TimeSpan.FromSeconds(15)));
        Assert.Equal("respond", caughtUp.Clock);
        Assert.Empty(await system.Events.WaitForAsync<SlaWarningRaised>(e => e.TicketId == broken && e.Clock == "respond", timeout: TimeSpan.Zero));
    }

    private static JsonElement Clock(JsonElement ticket, string clock) =>
        ticket.GetProperty("clocks").EnumerateArray().Single(c => c.GetProperty("clock").GetString() == clock);

    private static IEnumerable<Guid> Ids(JsonElement page) => page.GetProperty("items").EnumerateArray().Select(t => t.GetProperty("id").GetGuid());

    private static IEnumerable<string?> Strings(JsonElement ticket, string action) =>
        ticket.GetProperty("can").GetProperty(action).EnumerateArray().Select(s => s.GetString());
}
