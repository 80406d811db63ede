using System.Globalization;
using System.Net;
using System.Text.Json;
using Infogerance.DemoData;
using Infogerance.EndToEnd.Tests.Contracts;
using Infogerance.EndToEnd.Tests.Incidents;
using Infogerance.IntegrationEvents;
using Infogerance.ServiceDefaults;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Infogerance.EndToEnd.Tests.Reporting;

/// <summary>
/// The monthly scorecard over real PostgreSQL and RabbitMQ: tickets driven through Incidents, outages, evolution requests,
/// invoices and budgets through their services, the figures compared with what the Incidents API answers, both sides'
/// access, facts arriving late, out of order and twice, and the replay of the journal.
/// </summary>
[Collection(SystemCollection.Name)]
public sealed class ScorecardTests(InfogeranceSystem system)
{
    private static readonly TimeZoneInfo Paris = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");

    [Fact]
    public async Task The_scorecard_comes_from_the_services_events_agrees_with_Incidents_and_both_sides_read_it()
    {
        var today = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, Paris);
        var firstDay = new DateOnly(today.Year, today.Month, 1);
        var contractId = await TicketContracts.SignAsync(system, terms => TicketContracts.AlwaysOpen(terms, new SlaDuration(30, "minutes"), new SlaDuration(4, "hours")) with
        {
            StartDate = firstDay,
            Prices = terms.Prices with { MonthlyFee = 10_000m },
            Revision = null,
            Penalties = new PenaltyRules
            {
                MonthlyFreeBreaches = 1,
                SuccessRateTargets = [new SuccessRateTarget("P1", SlaClocks.Respond, 99m, 1m, 10m), new SuccessRateTarget("P2", SlaClocks.Resolve, 90m, 1m, 10m)],
                AvailabilityBands = [new AvailabilityBand(99.5m, 2m)],
            },
        });
        using var requester = await ContractParty.SignInAsync(system, DemoWorld.Acme, Roles.Requester, "Rachel Petit", "incidents");
        using var agent = await ContractParty.SignInAsync(system, DemoWorld.Antares, Roles.AgentL1, "Léa Fontaine", "incidents");
        using var incidents = await ContractParty.SignInAsync(system, DemoWorld.Acme, Roles.ContractManager, "Marc Dubois", "incidents");
        using var manager = await ContractParty.SignInAsync(system, DemoWorld.Acme, Roles.ContractManager, "Marc Dubois", "reporting");
        var path = $"/contracts/{contractId}/scorecard";
        await UntilTermsKnownAsync(manager, path);

        // Four tickets: one met, one whose response breached, one left waiting, one resolved, reopened and resolved again.
        async Task<Guid> Open(string title, string impact, string urgency, string kind = "incident") =>
            (await requester.PostAsync("/tickets", new { contractId, kind, title, impact, urgency }, HttpStatusCode.Created)).GetProperty("id").GetGuid();
        var met = await Open("Messagerie lente", "high", "medium");
        var late = await Open("Réseau coupé", "high", "high");
        var waiting = await Open("Nouveau poste", "low", "low", "request");
        var reopened = await Open("Imprimante hors ligne", "high", "medium");

        // As if the P1 had been opened 40 minutes ago: its 30-minute response breaches at once.
        await using (var connection = new NpgsqlConnection(system.Databases["incidents"]))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand(
                """
                UPDATE tickets SET created_at = created_at - interval '40 minutes' WHERE ticket_id = @late;
                UPDATE ticket_timers SET due_at = now() WHERE ticket_id = @late;
                """,
                connection);
            command.Parameters.AddWithValue("late", late);
            await command.ExecuteNonQueryAsync();
        }

        Assert.Single(await system.Events.WaitForAsync<SlaBreached>(e => e.TicketId == late && e.Clock == SlaClocks.Respond, timeout: TimeSpan.FromSeconds(15)));
        foreach (var ticket in new[] { met, late })
        {
            await agent.PostAsync($"/tickets/{ticket}/assignment", new { toMe = true });
            await agent.PostAsync($"/tickets/{ticket}/status", new { status = "resolved", resolution = "Corrigé." });
        }

        await requester.PostAsync($"/tickets/{met}/satisfaction", new { score = 4 });
        await agent.PostAsync($"/tickets/{reopened}/status", new { status = "resolved", resolution = "Pilote réinstallé." });
        await requester.PostAsync($"/tickets/{reopened}/status", new { status = "inProgress", reason = "Toujours hors ligne." });
        await agent.PostAsync($"/tickets/{reopened}/status", new { status = "resolved", resolution = "Carte réseau changée." });
        await requester.PostAsync($"/tickets/{reopened}/satisfaction", new { score = 5, comment = "Merci." });
        Assert.Equal([1, 2], (await system.Events.WaitForAsync<SlaClockCompleted>(e => e.TicketId == reopened && e.Clock == SlaClocks.Resolve, count: 2))
            .Select(e => e.Completion).Order());

        // An hour of ERP outage, an evolution request proposed, the client's budget, the provider's invoice approved.
        var outageStart = DateTimeOffset.UtcNow.AddMinutes(-30);
        await agent.PostAsync($"/tickets/{late}/outages", new { service = "ERP", startedAt = outageStart.AddMinutes(-30), endedAt = outageStart }, HttpStatusCode.Created);
        using var contracts = await ContractParty.SignInAsync(system, DemoWorld.Acme, Roles.ContractManager, "Marc Dubois");
        using var providerContracts = await ContractParty.SignInAsync(system, DemoWorld.Antares, Roles.AccountManager, "Antoine Garnier");
        var evolution = (await contracts.PostAsync($"/{contractId}/evolutions", new { title = "Supervision", specification = "Sondes sur les serveurs." }, HttpStatusCode.Created))
            .GetProperty("id").GetGuid();
        await providerContracts.PostAsync($"/{contractId}/evolutions/{evolution}/propose", new { solution = "Sondes SNMP", quoteAmount = 4_800m, plan = "3 semaines" });
        await contracts.PostAsync($"/{contractId}/evolutions", new { title = "Sauvegardes", specification = "Externaliser les sauvegardes." }, HttpStatusCode.Created);
        using var budgets = await ContractParty.SignInAsync(system, DemoWorld.Acme, Roles.ContractManager, "Marc Dubois", "invoicing");
        // Invoicing answers a contract's budget once it has the contract and its terms, which come by their own events.
        await budgets.UntilAsync($"/contracts/{contractId}/budgets/{today.Year}", _ => true);
        await budgets.PutAsync($"/contracts/{contractId}/budgets/{today.Year}", new { annual = 120_000m });
        Assert.Single(await system.Events.WaitForAsync<BudgetPlanned>(e => e.ContractId == contractId && e.Year == today.Year && e.Annual == 120_000m));
        using var billing = await ContractParty.SignInAsync(system, DemoWorld.Antares, Roles.AccountManager, "Antoine Garnier", "invoicing");
        var lastDay = firstDay.AddMonths(1).AddDays(-1);
        var invoice = await billing.PostAsync($"/contracts/{contractId}/invoices/form", new
        {
            number = $"F-{contractId:N}"[..12], issueDate = firstDay, kind = "invoice", periodStart = firstDay, periodEnd = lastDay,
            lines = new object[] { new { description = "Redevance mensuelle", quantity = 1m, unitPrice = 10_000m, vatRate = 20m } },
        }, HttpStatusCode.Created);
        var flagged = invoice.GetProperty("discrepancies").EnumerateArray().ToList();
        await budgets.PostAsync($"/invoices/{invoice.GetProperty("id").GetGuid()}/approve", new
        {
            reasons = flagged.ToDictionary(d => d.GetProperty("key").GetString()!, _ => "Accepté pour le mois de démarrage."),
        });

        // Reporting has them all once the last of each kind is in.
        var month = today.ToString("yyyy-MM", CultureInfo.InvariantCulture);
        var scorecard = await manager.UntilAsync($"{path}?month={month}", s =>
            s.GetProperty("opened").GetInt32() == 4 && s.GetProperty("satisfaction").GetProperty("answers").GetInt32() == 2
            && s.GetProperty("availability").GetArrayLength() == 1 && s.GetProperty("invoicing").GetProperty("invoiced").GetDecimal() == 10_000m
            && s.GetProperty("budget").TryGetProperty("plannedYear", out _)
            && s.GetProperty("evolutions").EnumerateArray().Sum(e => e.GetProperty("count").GetInt32()) == 2
            && Rate(s, "P2", SlaClocks.Resolve).GetProperty("completed").GetInt32() == 2);

        // The fixed shape, figure by figure, against what the Incidents API says of the same tickets.
        var expected = await FromIncidentsAsync(incidents, contractId, month);
        Assert.Equal(month, scorecard.GetProperty("month").GetString());
        Assert.Equal(
            (expected.Opened, expected.Resolved, expected.Backlog, expected.Breaches),
            (scorecard.GetProperty("opened").GetInt32(), scorecard.GetProperty("resolved").GetInt32(), scorecard.GetProperty("backlog").GetInt32(),
             scorecard.GetProperty("breaches").GetInt32()));
        Assert.Equal((4, 3, 1, 1), (expected.Opened, expected.Resolved, expected.Backlog, expected.Breaches));
        foreach (var rate in scorecard.GetProperty("sla").EnumerateArray())
        {
            var (completed, metCount) = expected.Clocks.GetValueOrDefault((rate.GetProperty("priority").GetString()!, rate.GetProperty("clock").GetString()!));
            Assert.Equal((completed, metCount), (rate.GetProperty("completed").GetInt32(), rate.GetProperty("met").GetInt32()));
            var successRate = rate.GetProperty("successRate");
            if (completed == 0)
            {
                Assert.Equal(JsonValueKind.Null, successRate.ValueKind);
            }
            else
            {
                Assert.Equal(Math.Round(metCount * 100m / completed, 2, MidpointRounding.AwayFromZero), successRate.GetDecimal());
                Assert.Matches(@"^\d+\.\d\d$", successRate.GetRawText());
            }
        }

        Assert.Equal((1, 0, 0.00m, 99.00m, "red"), RateOf(scorecard, "P1", SlaClocks.Respond));
        Assert.Equal((2, 2, 100.00m, 90.00m, "green"), RateOf(scorecard, "P2", SlaClocks.Resolve));
        Assert.Equal(JsonValueKind.Null, Rate(scorecard, "P3", SlaClocks.Respond).GetProperty("targetPercent").ValueKind);
        var satisfaction = scorecard.GetProperty("satisfaction");
        Assert.Equal((expected.Mean, expected.Answers), (satisfaction.GetProperty("mean").GetDecimal(), satisfaction.GetProperty("answers").GetInt32()));
        Assert.Equal((4.50m, 2), (expected.Mean, expected.Answers));
        Assert.Equal("amber", scorecard.GetProperty("statuses").GetProperty("breaches").GetString()); // one breach, the month's franchise

        // Availability as the Incidents report computes it; the budget and the invoice; the evolution requests.
        var erp = scorecard.GetProperty("availability")[0];
        var report = (await incidents.GetAsync($"/contracts/{contractId}/availability?month={month}"))[0];
        Assert.Equal((report.GetProperty("service").GetString(), report.GetProperty("availabilityPercent").GetDecimal()),
            (erp.GetProperty("service").GetString(), erp.GetProperty("percent").GetDecimal()));
        Assert.Equal(1_800, erp.GetProperty("downSeconds").GetInt64());
        Assert.Equal(120_000m, scorecard.GetProperty("budget").GetProperty("plannedYear").GetDecimal());
        Assert.Equal(1, scorecard.GetProperty("invoicing").GetProperty("invoices").GetInt32());
        Assert.Equal([("specified", 1), ("proposed", 1)], scorecard.GetProperty("evolutions").EnumerateArray()
            .Where(e => e.GetProperty("count").GetInt32() > 0).Select(e => (e.GetProperty("state").GetString(), e.GetProperty("count").GetInt32())));

        // Each figure names its events; the drill-down lists the tickets behind a rate and behind the backlog.
        var sources = scorecard.GetProperty("sources");
        Assert.Contains("incidents.sla-clock-completed.v1", sources.GetProperty("sla").GetProperty("events").EnumerateArray().Select(e => e.GetString()));
        var missedLink = Rate(scorecard, "P1", SlaClocks.Respond).GetProperty("tickets").GetString()!;
        var missed = await manager.GetAsync($"{missedLink}&outcome=missed");
        Assert.Equal([late], missed.GetProperty("items").EnumerateArray().Select(t => t.GetProperty("ticketId").GetGuid()));
        var backlog = await manager.GetAsync(sources.GetProperty("backlog").GetProperty("tickets").GetString()!);
        Assert.Equal([waiting], backlog.GetProperty("items").EnumerateArray().Select(t => t.GetProperty("ticketId").GetGuid()));
        Assert.Equal(2, (await manager.GetAsync($"{path}/tickets?month={month}&figure=resolved&priority=P2")).GetProperty("total").GetInt32());

        // Both sides read it: the client's managers and auditors, the provider's managers and agents (without the
        // client's budget); not a requester, nor another tenant or provider.
        using var auditor = await ContractParty.SignInAsync(system, DemoWorld.Acme, Roles.Auditor, "Aurélien Roux", "reporting");
        using var account = await ContractParty.SignInAsync(system, DemoWorld.Antares, Roles.AccountManager, "Antoine Garnier", "reporting");
        using var deskAgent = await ContractParty.SignInAsync(system, DemoWorld.Antares, Roles.AgentL2, "Karim Benali", "reporting");
        using var requesterReads = await ContractParty.SignInAsync(system, DemoWorld.Acme, Roles.Requester, "Rachel Petit", "reporting");
        using var otherTenant = await ContractParty.SignInAsync(system, DemoWorld.Belvedere, Roles.ContractManager, "Bruno Caron", "reporting");
        using var otherProvider = await ContractParty.SignInAsync(system, DemoWorld.Nordlys, Roles.AccountManager, "Ingrid Solberg", "reporting");
        Assert.Equal(4, (await auditor.GetAsync($"{path}?month={month}")).GetProperty("opened").GetInt32());
        var provider = await account.GetAsync($"{path}?month={month}");
        Assert.Equal(expected.Breaches, provider.GetProperty("breaches").GetInt32());
        Assert.False(provider.TryGetProperty("budget", out _), "the provider never sees the client's budget");
        Assert.Equal(2, (await deskAgent.GetAsync($"{path}/tickets?month={month}&figure=sla&clock=respond&outcome=met")).GetProperty("total").GetInt32());
        await requesterReads.GetAsync(path, HttpStatusCode.Forbidden);
        await otherTenant.GetAsync(path, HttpStatusCode.NotFound);
        await otherProvider.GetAsync(path, HttpStatusCode.NotFound);
        await otherProvider.GetAsync($"{path}/tickets?figure=opened", HttpStatusCode.NotFound);
        await manager.GetAsync($"/contracts/{Guid.NewGuid()}/scorecard", HttpStatusCode.NotFound);

        // Bad input names its parameter.
        Assert.True((await manager.GetAsync($"{path}?month=2026-13", HttpStatusCode.UnprocessableEntity)).GetProperty("errors").TryGetProperty("month", out _));
        var future = today.AddMonths(2).ToString("yyyy-MM", CultureInfo.InvariantCulture);
        Assert.Equal("reporting.month.future",
            (await manager.GetAsync($"{path}?month={future}", HttpStatusCode.UnprocessableEntity)).GetProperty("errorCodes").GetProperty("month")[0].GetProperty("code").GetString());
        var refused = await manager.GetAsync($"{path}/tickets?figure=volumes&priority=P7&outcome=late&limit=0", HttpStatusCode.UnprocessableEntity);
        Assert.Equal(["figure", "limit", "outcome", "priority"], refused.GetProperty("errors").EnumerateObject().Select(e => e.Name).Order());
    }

    [Fact]
    public async Task A_month_counts_each_fact_once_whatever_order_its_events_come_in_and_a_replay_rebuilds_the_same_figures()
    {
        // Last month (in Paris), told by events as Incidents and Invoicing raise them, some late, out of order or twice.
        var nowParis = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, Paris);
        var month = new DateTime(nowParis.Year, nowParis.Month, 1).AddMonths(-1);
        var text = month.ToString("yyyy-MM", CultureInfo.InvariantCulture);
        var contractId = await TicketContracts.SignAsync(system, terms => TicketContracts.AlwaysOpen(terms, new SlaDuration(30, "minutes"), new SlaDuration(4, "hours")) with
        {
            StartDate = DateOnly.FromDateTime(month.AddMonths(-1)),
            Revision = null,
            Penalties = new PenaltyRules { SuccessRateTargets = [new SuccessRateTarget("P2", SlaClocks.Resolve, 90m, 1m, 10m)] },
        });
        using var manager = await ContractParty.SignInAsync(system, DemoWorld.Acme, Roles.ContractManager, "Marc Dubois", "reporting");
        var path = $"/contracts/{contractId}/scorecard?month={text}";
        await UntilTermsKnownAsync(manager, path);

        var told = new Told(contractId);
        var reopened = Guid.CreateVersion7();
        var waiting = Guid.CreateVersion7();
        var rated = Guid.CreateVersion7();
        var outage = Guid.CreateVersion7();
        var nextMonth = At(month.AddMonths(1), 1, 0).AddMinutes(30); // 00:30 on the next month's first day, Paris time
        var completedTwice = told.Completed(rated, SlaClocks.Resolve, "P2", met: true, At(month, 21, 11), completion: 1);
        var ratedTwice = new TicketRated { TenantId = DemoWorld.Acme, ContractId = contractId, TicketId = rated, Score = 5, OccurredAt = At(month, 22, 9) };
        IntegrationEvent[][] batches =
        [
            // The reopened ticket's second completion (in the next month) arrives before its first.
            [
                told.Completed(reopened, SlaClocks.Resolve, "P2", met: false, nextMonth, completion: 2),
                told.Status(reopened, "inProgress", "resolved", nextMonth),
                told.Outage(outage, revision: 2, At(month, 12, 10), At(month, 12, 14)),
            ],
            [
                told.Opened(reopened, 1, "incident", "P2", At(month, 3, 10)),
                told.Status(reopened, "new", "resolved", At(month, 3, 12)),
                told.Completed(reopened, SlaClocks.Respond, "P2", met: true, At(month, 3, 12), completion: 1),
                told.Completed(reopened, SlaClocks.Resolve, "P2", met: true, At(month, 3, 12), completion: 1),
                told.Status(reopened, "resolved", "inProgress", At(month, 5, 9)),
                told.Opened(waiting, 2, "incident", "P1", At(month, 10, 8)),
                new SlaBreached
                {
                    TenantId = DemoWorld.Acme, ContractId = contractId, TicketId = waiting, Clock = SlaClocks.Respond, Priority = "P1", DueAt = At(month, 10, 8).AddMinutes(30),
                    OccurredAt = At(month, 10, 8).AddMinutes(30),
                },
                told.Opened(rated, 3, "request", "P2", At(month, 20, 10)),
                told.Status(rated, "new", "resolved", At(month, 21, 11)),
                completedTwice,
                ratedTwice,
                told.Outage(outage, revision: 1, At(month, 12, 10), null),
                new EvolutionRequestStateChanged
                {
                    TenantId = DemoWorld.Acme, ContractId = contractId, EvolutionRequestId = Guid.CreateVersion7(), Title = "Supervision", From = "none", To = "specified",
                    OccurredAt = At(month, 15, 10),
                },
            ],
        ];
        foreach (var batch in batches)
        {
            await using var unitOfWork = await system.ContractsPublisher.Database.BeginAsync(DemoWorld.Acme, CancellationToken.None);
            foreach (var @event in batch)
            {
                await unitOfWork.AddEventAsync(@event);
            }

            await unitOfWork.CommitAsync();
        }

        // Two events delivered again, as a broker does after a lost acknowledgement.
        var bus = system.ContractsPublisher.Services.GetRequiredService<IBus>();
        await bus.Publish(completedTwice);
        await bus.Publish(ratedTwice);
        var distinct = batches.Sum(batch => batch.Length);
        await Eventually.UntilAsync(async () => await JournalCountAsync(contractId) == distinct, "Reporting received every event");
        await Task.Delay(1000); // long enough for a duplicate that would slip through

        Assert.Equal(distinct, await JournalCountAsync(contractId));
        var scorecard = await manager.GetAsync(path);
        Assert.True(scorecard.GetProperty("complete").GetBoolean());
        // Open at the month's end: the ticket never touched and the one reopened on the 5th.
        Assert.Equal((3, 1, 2, 1), (scorecard.GetProperty("opened").GetInt32(), scorecard.GetProperty("resolved").GetInt32(),
            scorecard.GetProperty("backlog").GetInt32(), scorecard.GetProperty("breaches").GetInt32()));
        // The reopened ticket's resolution clock counts in the next month, at its latest completion; its response here.
        Assert.Equal((1, 1, 100.00m, 90.00m, "green"), RateOf(scorecard, "P2", SlaClocks.Resolve));
        Assert.Equal((1, 1, 100.00m, null, null), RateOf(scorecard, "P2", SlaClocks.Respond));
        var satisfaction = scorecard.GetProperty("satisfaction");
        Assert.Equal((5.00m, 1, 100.00m), (satisfaction.GetProperty("mean").GetDecimal(), satisfaction.GetProperty("answers").GetInt32(),
            satisfaction.GetProperty("answerRate").GetDecimal()));
        Assert.Equal(4 * 3600, scorecard.GetProperty("availability")[0].GetProperty("downSeconds").GetInt64()); // revision 2 stands
        var next = await manager.GetAsync($"/contracts/{contractId}/scorecard?month={month.AddMonths(1).ToString("yyyy-MM", CultureInfo.InvariantCulture)}");
        Assert.Equal((1, 0, 0.00m, 90.00m, "red"), RateOf(next, "P2", SlaClocks.Resolve));
        Assert.Equal(1, next.GetProperty("resolved").GetInt32());

        // The operators' replay rebuilds every read model from the journal: the same figures, the same tickets behind them.
        var drill = $"/contracts/{contractId}/scorecard/tickets?month={text}&figure=sla";
        var before = (await manager.GetAsync(path)).GetRawText();
        var ticketsBefore = (await manager.GetAsync(drill)).GetRawText();
        var rowsBefore = await ReadModelRowsAsync(contractId);
        using var operatorParty = await ContractParty.SignInAsync(system, DemoWorld.Platform, Roles.Operator, "Olivia Opérateur", "reporting");
        await manager.PostAsync("/replay", expected: HttpStatusCode.Forbidden);
        await operatorParty.GetAsync(path, HttpStatusCode.Forbidden);
        var replay = await operatorParty.PostAsync("/replay");
        Assert.True(replay.GetProperty("events").GetInt64() >= distinct);
        Assert.Equal(before, (await manager.GetAsync(path)).GetRawText());
        Assert.Equal(ticketsBefore, (await manager.GetAsync(drill)).GetRawText());
        Assert.Equal(rowsBefore, await ReadModelRowsAsync(contractId));
    }

    private static JsonElement Rate(JsonElement scorecard, string priority, string clock) =>
        scorecard.GetProperty("sla").EnumerateArray().Single(r => r.GetProperty("priority").GetString() == priority && r.GetProperty("clock").GetString() == clock);

    private static (int Completed, int Met, decimal? SuccessRate, decimal? TargetPercent, string? Status) RateOf(JsonElement scorecard, string priority, string clock)
    {
        var rate = Rate(scorecard, priority, clock);
        static decimal? Number(JsonElement value) => value.ValueKind == JsonValueKind.Null ? null : value.GetDecimal();
        return (rate.GetProperty("completed").GetInt32(), rate.GetProperty("met").GetInt32(), Number(rate.GetProperty("successRate")),
            Number(rate.GetProperty("targetPercent")), rate.TryGetProperty("status", out var status) ? status.GetString() : null);
    }

    /// <summary>What the Incidents API says of the contract's tickets in the month (in the contract calendar's zone, Paris).</summary>
    private static async Task<IncidentsMonth> FromIncidentsAsync(ContractParty incidents, Guid contractId, string month)
    {
        bool InMonth(JsonElement instant) =>
            instant.ValueKind == JsonValueKind.String
            && TimeZoneInfo.ConvertTime(instant.GetDateTimeOffset(), Paris).ToString("yyyy-MM", CultureInfo.InvariantCulture) == month;

        var list = await incidents.GetAsync($"/tickets?contractId={contractId}&limit=100");
        var tickets = new List<JsonElement>();
        foreach (var summary in list.GetProperty("items").EnumerateArray())
        {
            tickets.Add(await incidents.GetAsync($"/tickets/{summary.GetProperty("id").GetGuid()}"));
        }

        var clocks = tickets.SelectMany(t => t.GetProperty("clocks").EnumerateArray().Select(c => (Priority: t.GetProperty("priority").GetString()!, Clock: c))).ToList();
        var scores = tickets.Where(t => t.TryGetProperty("satisfaction", out var s) && InMonth(s.GetProperty("ratedAt")))
            .Select(t => t.GetProperty("satisfaction").GetProperty("score").GetInt32()).ToList();
        return new IncidentsMonth(
            tickets.Count(t => InMonth(t.GetProperty("createdAt"))),
            tickets.Count(t => t.TryGetProperty("resolvedAt", out var at) && InMonth(at)),
            tickets.Count(t => t.GetProperty("status").GetString() is not ("resolved" or "closed")),
            clocks.Count(c => c.Clock.GetProperty("breached").GetBoolean() && InMonth(c.Clock.GetProperty("dueAt"))),
            clocks.Where(c => !c.Clock.GetProperty("running").GetBoolean() && c.Clock.TryGetProperty("stoppedAt", out var at) && InMonth(at))
                .GroupBy(c => (c.Priority, c.Clock.GetProperty("clock").GetString()!))
                .ToDictionary(g => g.Key, g => (g.Count(), g.Count(c => !c.Clock.GetProperty("breached").GetBoolean()))),
            scores.Count == 0 ? 0m : Math.Round((decimal)scores.Sum() / scores.Count, 2, MidpointRounding.AwayFromZero),
            scores.Count);
    }

    private sealed record IncidentsMonth(
        int Opened, int Resolved, int Backlog, int Breaches, Dictionary<(string Priority, string Clock), (int Completed, int Met)> Clocks, decimal Mean,
        int Answers);

    /// <summary>The events of one contract's tickets, as the Incidents service raises them (each at the instant it tells of).</summary>
    private sealed class Told(Guid contractId)
    {
        public TicketOpened Opened(Guid ticket, long number, string kind, string priority, DateTimeOffset at) => new()
        {
            TenantId = DemoWorld.Acme, ContractId = contractId, TicketId = ticket, Number = number, Kind = kind, Priority = priority, OpenedAt = at, OccurredAt = at,
        };

        public TicketStatusChanged Status(Guid ticket, string from, string to, DateTimeOffset at) => new()
        {
            TenantId = DemoWorld.Acme, ContractId = contractId, TicketId = ticket, From = from, To = to, Priority = "P2", OccurredAt = at,
        };

        public SlaClockCompleted Completed(Guid ticket, string clock, string priority, bool met, DateTimeOffset at, int completion) => new()
        {
            TenantId = DemoWorld.Acme, ContractId = contractId, TicketId = ticket, Clock = clock, Priority = priority, Met = met, BusinessSecondsUsed = 3_600,
            TargetBusinessSeconds = clock == SlaClocks.Respond ? 1_800 : 14_400, StartedAt = at.AddHours(-2), DueAt = at.AddHours(2), CompletedAt = at,
            Completion = completion, OccurredAt = at,
        };

        public ServiceOutageRecorded Outage(Guid outage, int revision, DateTimeOffset start, DateTimeOffset? end) => new()
        {
            TenantId = DemoWorld.Acme, ContractId = contractId, OutageId = outage, Service = "ERP", StartedAt = start, EndedAt = end, Revision = revision,
            OccurredAt = end ?? start,
        };
    }

    internal static DateTimeOffset At(DateTime month, int day, int hour)
    {
        var local = new DateTime(month.Year, month.Month, day, hour, 0, 0, DateTimeKind.Unspecified);
        return new DateTimeOffset(local, Paris.GetUtcOffset(local));
    }

    private async Task<long> JournalCountAsync(Guid contractId)
    {
        await using var connection = new NpgsqlConnection(system.Databases["reporting"]);
        await connection.OpenAsync();
        // The contract's own lifecycle (its phase at signature) is journaled too; the test counts the events it raised.
        await using var command = new NpgsqlCommand(
            "SELECT count(*) FROM event_journal WHERE contract_id = @contractId AND event_type <> 'contracts.contract-phase-changed.v1'", connection);
        command.Parameters.AddWithValue("contractId", contractId);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>Every read-model row of the contract, as text, in a stable order.</summary>
    private async Task<string> ReadModelRowsAsync(Guid contractId)
    {
        await using var connection = new NpgsqlConnection(system.Databases["reporting"]);
        await connection.OpenAsync();
        var rows = new List<string>();
        foreach (var table in new[]
        {
            "tickets", "ticket_status_changes", "ticket_open_periods", "sla_completions", "sla_breaches", "service_outages", "penalty_statements",
            "invoices", "budget_plans", "evolution_changes",
        })
        {
            await using var command = new NpgsqlCommand($"SELECT t::text FROM {table} t WHERE contract_id = @contractId ORDER BY t::text", connection);
            command.Parameters.AddWithValue("contractId", contractId);
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                rows.Add($"{table}: {reader.GetString(0)}");
            }
        }

        return string.Join('\n', rows);
    }

    /// <summary>
    /// Until Reporting has the contract's terms for the scorecard at <paramref name="path"/>: the contract and its
    /// version come by different events, and the figures with a target need the version.
    /// </summary>
    internal static Task<JsonElement> UntilTermsKnownAsync(ContractParty manager, string path) =>
        manager.UntilAsync(path, scorecard => scorecard.GetProperty("contractVersion").ValueKind == JsonValueKind.Number);
}
