extern alias invoicing;

using System.Globalization;
using System.Net;
using System.Text.Json;
using Infogerance.Data;
using Infogerance.DemoData;
using Infogerance.EndToEnd.Tests.Contracts;
using Infogerance.EndToEnd.Tests.Incidents;
using Infogerance.IntegrationEvents;
using Infogerance.ServiceDefaults;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using StatementIssuing = invoicing::Infogerance.Invoicing.StatementIssuing;
using InvoicingSettings = invoicing::Infogerance.Invoicing.InvoicingSettings;

namespace Infogerance.EndToEnd.Tests.Invoicing;

/// <summary>
/// Monthly penalty statements over real PostgreSQL and RabbitMQ: outages recorded and corrected through Incidents, breaches
/// of its tickets, the draft, waivers and contests, the issue that freezes it, the adjustment a late correction makes.
/// </summary>
[Collection(SystemCollection.Name)]
public sealed class StatementsTests(InfogeranceSystem system)
{
    private static readonly TimeZoneInfo Paris = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");

    [Fact]
    public async Task A_month_s_draft_comes_from_the_SLA_record_is_waived_and_contested_then_issued_and_adjusted()
    {
        // The month two months back (in Paris): its facts are recorded after the fact, as a takeover or a late entry would.
        var nowParis = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, Paris);
        var month = new DateTime(nowParis.Year, nowParis.Month, 1).AddMonths(-2);
        var text = month.ToString("yyyy-MM", CultureInfo.InvariantCulture);
        var next = month.AddMonths(1).ToString("yyyy-MM", CultureInfo.InvariantCulture);
        var contractId = await TicketContracts.SignAsync(system, terms => TicketContracts.AlwaysOpen(terms, new SlaDuration(30, "minutes"), new SlaDuration(4, "hours")) with
        {
            StartDate = DateOnly.FromDateTime(month),
            Prices = terms.Prices with { MonthlyFee = 10_000m },
            Revision = null,
            Penalties = new PenaltyRules
            {
                PerBreach = [new BreachPenalty("P1", PenaltyKinds.Fixed, 500m), new BreachPenalty("P2", PenaltyKinds.PercentOfFee, 1m)],
                MonthlyFreeBreaches = 1,
                AvailabilityBands = [new AvailabilityBand(99.5m, 2m), new AvailabilityBand(99m, 5m)],
            },
        });
        using var manager = await ContractParty.SignInAsync(system, DemoWorld.Acme, Roles.ContractManager, "Marc Dubois", "invoicing");
        using var auditor = await ContractParty.SignInAsync(system, DemoWorld.Acme, Roles.Auditor, "Alice Audit", "invoicing");
        using var account = await ContractParty.SignInAsync(system, DemoWorld.Antares, Roles.AccountManager, "Hugo Lemaire", "invoicing");
        using var otherTenant = await ContractParty.SignInAsync(system, DemoWorld.Belvedere, Roles.ContractManager, "Bea Belvedere", "invoicing");
        using var otherProvider = await ContractParty.SignInAsync(system, DemoWorld.Nordlys, Roles.AccountManager, "Ingrid Solberg", "invoicing");
        using var requester = await ContractParty.SignInAsync(system, DemoWorld.Acme, Roles.Requester, "Rachel Petit", "incidents");
        using var agent = await ContractParty.SignInAsync(system, DemoWorld.Antares, Roles.AgentL1, "Léa Fontaine", "incidents");

        // The contract's run began in that month.
        await using (var unitOfWork = await system.ContractsPublisher.Database.BeginAsync(DemoWorld.Acme, CancellationToken.None))
        {
            await unitOfWork.AddEventAsync(new ContractPhaseChanged
            {
                TenantId = DemoWorld.Acme, ContractId = contractId, From = "upgrade", To = "run", OccurredAt = At(month, 1, 9),
            });
            await unitOfWork.CommitAsync();
        }

        // Two incidents through Incidents; an ERP outage of 5 hours on the 10th recorded on the first (99.3 % → the 2 % band).
        var (first, firstNumber) = await OpenAsync(requester, contractId, "ERP indisponible");
        var (second, secondNumber) = await OpenAsync(requester, contractId, "Messagerie lente");
        var outage = (await agent.PostAsync($"/tickets/{first}/outages",
            new { service = "ERP", startedAt = At(month, 10, 10), endedAt = At(month, 10, 15) }, HttpStatusCode.Created)).GetProperty("id").GetGuid();

        // Their breaches in that month: the P1 first (free: the franchise), then two P2 clocks at 1 % of the fee each.
        await using (var unitOfWork = await system.ContractsPublisher.Database.BeginAsync(DemoWorld.Acme, CancellationToken.None))
        {
            foreach (var (ticket, number, priority, clockName, day) in new[]
                     { (first, firstNumber, "P1", "resolve", 3), (second, secondNumber, "P2", "respond", 4), (second, secondNumber, "P2", "resolve", 5) })
            {
                await unitOfWork.AddEventAsync(new SlaBreached
                {
                    TenantId = DemoWorld.Acme, ContractId = contractId, TicketId = ticket, Clock = clockName, Priority = priority, DueAt = At(month, day, 11),
                    Number = number,
                });
            }

            await unitOfWork.CommitAsync();
        }

        var path = $"/contracts/{contractId}/statements";
        var draft = await manager.UntilAsync($"{path}/{text}", s => s.GetProperty("lines").GetArrayLength() == 4);
        Assert.Equal("draft", draft.GetProperty("status").GetString());
        Assert.Equal(10_000m, draft.GetProperty("monthlyFee").GetDecimal());
        Assert.Equal((900m, 500m, 400m), Totals(draft));
        var lines = draft.GetProperty("lines").EnumerateArray().ToList();
        var free = Assert.Single(lines, l => l.GetProperty("detail").GetProperty("free").GetBoolean());
        Assert.Equal(first, free.GetProperty("ticketId").GetGuid());
        Assert.Equal(firstNumber, free.GetProperty("ticketNumber").GetInt64()); // the breach names its ticket's number
        var erp = Assert.Single(lines, l => l.GetProperty("detail").GetProperty("kind").GetString() == "availability");
        Assert.Equal(200m, erp.GetProperty("detail").GetProperty("amount").GetDecimal());
        Assert.Equal("availabilityBands[0]", erp.GetProperty("detail").GetProperty("rule").GetString());
        var secondResolve = $"breach:{second}:resolve";

        // Both sides read it; another tenant and another provider do not see the contract; a malformed month is named.
        await auditor.GetAsync($"{path}/{text}");
        Assert.Contains(text, (await account.GetAsync(path)).EnumerateArray().Select(s => s.GetProperty("month").GetString()));
        await otherTenant.GetAsync(path, HttpStatusCode.NotFound);
        await otherTenant.GetAsync($"{path}/{text}", HttpStatusCode.NotFound);
        await otherProvider.GetAsync($"{path}/{text}", HttpStatusCode.NotFound);
        await otherProvider.PostAsync($"{path}/{text}/lines/{secondResolve}/contest", new { reason = "x" }, HttpStatusCode.NotFound);
        Assert.True((await manager.GetAsync($"{path}/2027-13", HttpStatusCode.UnprocessableEntity)).GetProperty("errors").TryGetProperty("month", out _));

        // The client's contract manager waives a line with a reason; the provider may not, nor may the client contest.
        await account.PostAsync($"{path}/{text}/lines/{secondResolve}/waive", new { reason = "x" }, HttpStatusCode.Forbidden);
        await manager.PostAsync($"{path}/{text}/lines/{secondResolve}/contest", new { reason = "x" }, HttpStatusCode.Forbidden);
        Assert.True((await manager.PostAsync($"{path}/{text}/lines/{secondResolve}/waive", new { reason = " " }, HttpStatusCode.UnprocessableEntity))
            .GetProperty("errors").TryGetProperty("reason", out _));
        await manager.PostAsync($"{path}/{text}/lines/breach:{Guid.NewGuid()}:resolve/waive", new { reason = "x" }, HttpStatusCode.NotFound);
        await manager.PostAsync($"{path}/{text}/lines/breach:{first}:resolve/waive", new { reason = "x" }, HttpStatusCode.Conflict); // free already
        var waived = await manager.PostAsync($"{path}/{text}/lines/{secondResolve}/waive", new { reason = "Relance du client tardive." });
        Assert.Equal((900m, 500m, 300m), Totals(waived));
        Assert.Equal(100m, waived.GetProperty("waivedAmount").GetDecimal());
        await manager.PostAsync($"{path}/{text}/lines/{secondResolve}/waive", new { reason = "encore" }, HttpStatusCode.Conflict);
        var waivedEvent = Assert.Single(await system.Events.WaitForAsync<PenaltyLineWaived>(e => e.ContractId == contractId));
        Assert.Equal((text, secondResolve, 100m, "Relance du client tardive."), (waivedEvent.Month, waivedEvent.LineKey, waivedEvent.Amount, waivedEvent.Reason));

        // The provider's account manager contests the availability line; the client upholds it.
        var erpKey = erp.GetProperty("key").GetString();
        await manager.PostAsync($"{path}/{text}/lines/{erpKey}/answer", new { decision = "upheld", reason = "x" }, HttpStatusCode.Conflict);
        var contested = await account.PostAsync($"{path}/{text}/lines/{erpKey}/contest", new { reason = "Maintenance annoncée." });
        Assert.Equal("contested", Line(contested, erpKey!).GetProperty("decision").GetProperty("status").GetString());
        Assert.True((await manager.PostAsync($"{path}/{text}/lines/{erpKey}/answer", new { decision = "maybe", reason = "x" }, HttpStatusCode.UnprocessableEntity))
            .GetProperty("errors").TryGetProperty("decision", out _));
        var upheld = await manager.PostAsync($"{path}/{text}/lines/{erpKey}/answer", new { decision = "upheld", reason = "Non annoncée à temps." });
        var decision = Line(upheld, erpKey!).GetProperty("decision");
        Assert.Equal(("upheld", "Maintenance annoncée.", "Non annoncée à temps."),
            (decision.GetProperty("status").GetString(), decision.GetProperty("contestReason").GetString(), decision.GetProperty("reason").GetString()));
        Assert.Equal(300m, upheld.GetProperty("total").GetDecimal());

        // Exports.
        using (var csv = await manager.Client.GetAsync($"{path}/{text}/export"))
        {
            Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
            Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
            Assert.Contains("totalDue", await csv.Content.ReadAsStringAsync());
        }

        using (var xlsx = await account.Client.GetAsync($"{path}/{text}/export?format=xlsx"))
        {
            Assert.Equal(HttpStatusCode.OK, xlsx.StatusCode);
            Assert.Equal("PK", System.Text.Encoding.ASCII.GetString((await xlsx.Content.ReadAsByteArrayAsync())[..2]));
        }

        await manager.GetAsync($"{path}/{text}/export?format=pdf", HttpStatusCode.UnprocessableEntity);

        // Issued on the 10th of the next month (5 days after the month's end have passed), by two replicas at once: once.
        var services = system.Services["invoicing"];
        var clock = new FixedClock(At(month.AddMonths(1), 10, 12));
        StatementIssuing Replica() => new(
            services.GetRequiredService<Database>(), clock, Options.Create(new InvoicingSettings()), NullLogger<StatementIssuing>.Instance);
        await Task.WhenAll(Replica().RunOnceAsync(CancellationToken.None), Replica().RunOnceAsync(CancellationToken.None));
        var issuedEvent = Assert.Single(await system.Events.WaitForAsync<PenaltyStatementIssued>(e => e.ContractId == contractId, count: 2, timeout: TimeSpan.FromSeconds(5)));
        Assert.Equal((text, 900m, 500m, 100m, 300m, 300m), (issuedEvent.Month, issuedEvent.GrossAmount, issuedEvent.FreeAmount, issuedEvent.WaivedAmount, issuedEvent.Total, issuedEvent.TotalDue));
        Assert.Equal(4, issuedEvent.Lines.Count);
        var issued = await manager.GetAsync($"{path}/{text}");
        Assert.Equal("issued", issued.GetProperty("status").GetString());
        var conflict = await account.PostAsync($"{path}/{text}/lines/{erpKey}/contest", new { reason = "Encore." }, HttpStatusCode.Conflict);
        Assert.Equal("statement.issued", conflict.GetProperty("code").GetString());

        // A late correction through Incidents: the outage lasted 10 hours (98.6 % → the 5 % band, 500 instead of 200). The issued
        // statement does not change; the next month's draft carries the difference, and its year to date counts the issued month.
        await agent.PutAsync($"/outages/{outage}", new { service = "ERP", startedAt = At(month, 10, 10), endedAt = At(month, 10, 20) });
        var nextDraft = await manager.UntilAsync($"{path}/{next}", s => s.GetProperty("adjustments").GetArrayLength() == 1);
        var adjustment = nextDraft.GetProperty("adjustments")[0];
        Assert.Equal((text, 300m), (adjustment.GetProperty("forMonth").GetString(), adjustment.GetProperty("amount").GetDecimal()));
        Assert.Equal(300m, nextDraft.GetProperty("totalDue").GetDecimal());
        Assert.Equal(300m, nextDraft.GetProperty("yearToDate").GetDecimal());
        Assert.Equal(300m, (await manager.GetAsync($"{path}/{text}")).GetProperty("total").GetDecimal());
        var list = (await manager.GetAsync(path)).EnumerateArray().ToList();
        Assert.Equal(["issued", "draft"], list.Where(s => s.GetProperty("month").GetString() is var m && (m == text || m == next))
            .OrderBy(s => s.GetProperty("month").GetString(), StringComparer.Ordinal).Select(s => s.GetProperty("status").GetString()));
    }

    [Fact]
    public async Task Statements_fall_due_in_the_calendar_s_zone_and_stop_with_the_run()
    {
        // A contract kept in Tokyo's zone (UTC+9, no daylight saving), its run from three months back to the 15th of
        // the month after; its months end at 15:00 UTC the day before the UTC months do.
        var tokyo = TimeZoneInfo.FindSystemTimeZoneById("Asia/Tokyo");
        var nowTokyo = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, tokyo);
        var first = new DateTime(nowTokyo.Year, nowTokyo.Month, 1).AddMonths(-3);
        DateTimeOffset InTokyo(DateTime month, int day, int hour) => new(month.Year, month.Month, day, hour, 0, 0, TimeSpan.FromHours(9));
        string Text(DateTime month) => month.ToString("yyyy-MM", CultureInfo.InvariantCulture);
        var contractId = await TicketContracts.SignAsync(system, terms => TicketContracts.AlwaysOpen(terms, new SlaDuration(30, "minutes"), new SlaDuration(4, "hours")) with
        {
            StartDate = DateOnly.FromDateTime(first),
            Calendar = terms.Calendar with { TimeZone = "Asia/Tokyo", AlwaysOpen = true, Weekly = [], HolidayPacks = [], ClosedDays = [] },
            Revision = null,
            Penalties = new PenaltyRules { PerBreach = [new BreachPenalty("P1", PenaltyKinds.Fixed, 500m)] },
        });
        using var manager = await ContractParty.SignInAsync(system, DemoWorld.Acme, Roles.ContractManager, "Marc Dubois", "invoicing");
        await using (var unitOfWork = await system.ContractsPublisher.Database.BeginAsync(DemoWorld.Acme, CancellationToken.None))
        {
            await unitOfWork.AddEventAsync(new ContractPhaseChanged
            {
                TenantId = DemoWorld.Acme, ContractId = contractId, From = "upgrade", To = "run", OccurredAt = InTokyo(first, 1, 0),
            });
            await unitOfWork.AddEventAsync(new ContractPhaseChanged
            {
                TenantId = DemoWorld.Acme, ContractId = contractId, From = "run", To = "reversibility", OccurredAt = InTokyo(first.AddMonths(1), 15, 12),
            });
            await unitOfWork.CommitAsync();
        }

        // Statements for the two months of the run only, whatever month it is now.
        var path = $"/contracts/{contractId}/statements";
        var months = await manager.UntilAsync(path, list => list.GetArrayLength() == 2 && list[0].GetProperty("month").GetString() == Text(first.AddMonths(1)));
        Assert.Equal([Text(first.AddMonths(1)), Text(first)], months.EnumerateArray().Select(s => s.GetProperty("month").GetString()));
        await manager.GetAsync($"{path}/{Text(first.AddMonths(2))}", HttpStatusCode.NotFound);

        // Five days after the first month's end in Tokyo: not a minute before, then issued.
        var issuedBefore = await IssueAtAsync(InTokyo(first.AddMonths(1), 5, 23).AddMinutes(59));
        Assert.Equal(0, issuedBefore);
        Assert.Equal("draft", (await manager.GetAsync($"{path}/{Text(first)}")).GetProperty("status").GetString());
        Assert.Equal(1, await IssueAtAsync(InTokyo(first.AddMonths(1), 6, 0)));
        Assert.Equal("issued", (await manager.GetAsync($"{path}/{Text(first)}")).GetProperty("status").GetString());

        // The month the run ended is issued when due, and the schedule ends with it. (Passes never run later than last
        // month here: a pass issues every contract's statements due by its clock, the demo's included.)
        Assert.Equal(1, await IssueAtAsync(InTokyo(first.AddMonths(2), 6, 0)));
        Assert.Equal(["issued", "issued"], (await manager.GetAsync(path)).EnumerateArray().Select(s => s.GetProperty("status").GetString()));
        var issued = await system.Events.WaitForAsync<PenaltyStatementIssued>(e => e.ContractId == contractId, count: 3, timeout: TimeSpan.FromSeconds(5));
        Assert.Equal([Text(first), Text(first.AddMonths(1))], issued.Select(e => e.Month).Order(StringComparer.Ordinal));
        await using var read = await system.Services["invoicing"].GetRequiredService<Database>().BeginAsync(DemoWorld.Acme, CancellationToken.None);
        Assert.False(await read.ExecuteScalarAsync<bool>("SELECT EXISTS (SELECT FROM statement_schedule WHERE contract_id = @contractId)", new { contractId }));

        // Only this contract's months are counted: other contracts' statements may be issued by the same passes.
        async Task<int> IssueAtAsync(DateTimeOffset at)
        {
            var before = (await manager.GetAsync(path)).EnumerateArray().Count(s => s.GetProperty("status").GetString() == "issued");
            var services = system.Services["invoicing"];
            await new StatementIssuing(
                services.GetRequiredService<Database>(), new FixedClock(at), Options.Create(new InvoicingSettings()), NullLogger<StatementIssuing>.Instance)
                .RunOnceAsync(CancellationToken.None);
            return (await manager.GetAsync(path)).EnumerateArray().Count(s => s.GetProperty("status").GetString() == "issued") - before;
        }
    }

    [Fact]
    public async Task The_demo_s_last_month_is_computed_from_the_breaches_and_the_outage_Incidents_recorded()
    {
        using var manager = await ContractParty.SignInAsync(system, DemoWorld.Acme, Roles.ContractManager, "Marc Dubois", "invoicing");
        var nowParis = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, Paris);
        var lastMonth = new DateTime(nowParis.Year, nowParis.Month, 1).AddMonths(-1).ToString("yyyy-MM", CultureInfo.InvariantCulture);
        var statement = await manager.UntilAsync($"/contracts/{DemoWorld.AcmeContract}/statements/{lastMonth}", s => s.GetProperty("lines").GetArrayLength() == 4);

        var lines = statement.GetProperty("lines").EnumerateArray().Select(line => line.GetProperty("detail")).ToList();
        var fee = statement.GetProperty("monthlyFee").GetDecimal();
        decimal Percent(decimal percent) => Math.Round(fee * percent / 100m, 2, MidpointRounding.AwayFromZero);
        var free = Assert.Single(lines, d => d.GetProperty("free").GetBoolean());
        Assert.Equal(("breach", "P1", "respond", 150m), (free.GetProperty("kind").GetString(), free.GetProperty("priority").GetString(), free.GetProperty("clock").GetString(), free.GetProperty("amount").GetDecimal()));
        var late = Assert.Single(lines, d => d.GetProperty("kind").GetString() == "breach" && !d.GetProperty("free").GetBoolean());
        Assert.Equal(("P2", "resolve", Percent(1m)), (late.GetProperty("priority").GetString(), late.GetProperty("clock").GetString(), late.GetProperty("amount").GetDecimal()));
        var rate = Assert.Single(lines, d => d.GetProperty("kind").GetString() == "successRate");
        Assert.Equal((50m, Percent(5m)), (rate.GetProperty("ratePercent").GetDecimal(), rate.GetProperty("amount").GetDecimal()));
        var availability = Assert.Single(lines, d => d.GetProperty("kind").GetString() == "availability");
        Assert.Equal(("ERP", Percent(2m)), (availability.GetProperty("service").GetString(), availability.GetProperty("amount").GetDecimal()));
        Assert.InRange(availability.GetProperty("availabilityPercent").GetDecimal(), 99.0m, 99.49m);
        // The browser test may have waived a line already.
        Assert.Equal(150m + Percent(1m) + Percent(5m) + Percent(2m), statement.GetProperty("grossAmount").GetDecimal());
        Assert.Equal(Percent(1m) + Percent(5m) + Percent(2m) - statement.GetProperty("waivedAmount").GetDecimal(), statement.GetProperty("total").GetDecimal());
        Assert.Equal("draft", statement.GetProperty("status").GetString());
    }

    private static DateTimeOffset At(DateTime month, int day, int hour)
    {
        var local = new DateTime(month.Year, month.Month, day, hour, 0, 0, DateTimeKind.Unspecified);
        return new DateTimeOffset(local, Paris.GetUtcOffset(local));
    }

    private static async Task<(Guid Id, long Number)> OpenAsync(ContractParty requester, Guid contractId, string title)
    {
        var ticket = await requester.PostAsync("/tickets", new { contractId, kind = "incident", title, impact = "high", urgency = "high" }, HttpStatusCode.Created);
        return (ticket.GetProperty("id").GetGuid(), ticket.GetProperty("number").GetInt64());
    }

    private static (decimal Gross, decimal Free, decimal Total) Totals(JsonElement statement) =>
        (statement.GetProperty("grossAmount").GetDecimal(), statement.GetProperty("freeAmount").GetDecimal(), statement.GetProperty("total").GetDecimal());

    private static JsonElement Line(JsonElement statement, string key) =>
        statement.GetProperty("lines").EnumerateArray().Single(line => line.GetProperty("key").GetString() == key);

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now.ToUniversalTime();
    }
}
