using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using ClosedXML.Excel;
using Infogerance.DemoData;
using Infogerance.EndToEnd.Tests.Contracts;
using Infogerance.EndToEnd.Tests.Incidents;
using Infogerance.IntegrationEvents;
using Infogerance.ServiceDefaults;
using Npgsql;

namespace Infogerance.EndToEnd.Tests.Reporting;

/// <summary>
/// The portfolio and the provider's desk over real PostgreSQL and RabbitMQ: contracts signed through Contracts, their
/// month told by events as Incidents raises them, each row compared with the contract's own scorecard, both sides'
/// access, the exports, the desk's tickets at risk, and the replay.
/// </summary>
[Collection(SystemCollection.Name)]
public sealed class PortfolioTests(InfogeranceSystem system)
{
    private static readonly TimeZoneInfo Paris = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");

    [Fact]
    public async Task The_portfolio_sets_each_contract_s_scorecard_side_by_side_for_each_side_and_a_replay_gives_it_again()
    {
        // Last month in Paris, complete: its figures no longer move with the clock.
        var nowParis = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, Paris);
        var month = new DateTime(nowParis.Year, nowParis.Month, 1).AddMonths(-1);
        var text = month.ToString("yyyy-MM", CultureInfo.InvariantCulture);
        ContractTerms Terms(ContractTerms terms) => TicketContracts.AlwaysOpen(terms, new SlaDuration(30, "minutes"), new SlaDuration(4, "hours")) with
        {
            StartDate = DateOnly.FromDateTime(month.AddMonths(-1)),
            Revision = null,
            Penalties = new PenaltyRules { MonthlyFreeBreaches = 1, SuccessRateTargets = [new SuccessRateTarget("P2", SlaClocks.Resolve, 90m, 1m, 10m)] },
        };
        var first = await TicketContracts.SignAsync(system, Terms);
        var second = await TicketContracts.SignAsync(system, Terms);
        var otherClient = await TicketContracts.SignAsync(system, Terms, client: DemoWorld.Belvedere);
        var otherProvider = await TicketContracts.SignAsync(system, Terms, provider: DemoWorld.Nordlys);

        using var manager = await ContractParty.SignInAsync(system, DemoWorld.Acme, Roles.ContractManager, "Marc Dubois", "reporting");
        using var belvedere = await ContractParty.SignInAsync(system, DemoWorld.Belvedere, Roles.ContractManager, "Bruno Caron", "reporting");
        using var account = await ContractParty.SignInAsync(system, DemoWorld.Antares, Roles.AccountManager, "Antoine Garnier", "reporting");
        using var nordlys = await ContractParty.SignInAsync(system, DemoWorld.Nordlys, Roles.AccountManager, "Ingrid Solberg", "reporting");
        using var requester = await ContractParty.SignInAsync(system, DemoWorld.Acme, Roles.Requester, "Rachel Petit", "reporting");

        // The first contract: two P2 tickets, one resolution met and one missed, a breach, a rating; the second: one met.
        var told = new List<IntegrationEvent>();
        told.AddRange(Ticket(DemoWorld.Acme, first, 1, ScorecardTests.At(month, 3, 10), met: true, score: 5));
        told.AddRange(Ticket(DemoWorld.Acme, first, 2, ScorecardTests.At(month, 4, 10), met: false, score: null));
        told.Add(new SlaBreached
        {
            TenantId = DemoWorld.Acme, ContractId = first, TicketId = ((TicketOpened)told[^3]).TicketId, Clock = SlaClocks.Resolve, Priority = "P2",
            DueAt = ScorecardTests.At(month, 4, 14), OccurredAt = ScorecardTests.At(month, 4, 14),
        });
        told.AddRange(Ticket(DemoWorld.Acme, second, 1, ScorecardTests.At(month, 5, 10), met: true, score: 3));
        var belvedereTold = Ticket(DemoWorld.Belvedere, otherClient, 1, ScorecardTests.At(month, 6, 10), met: true, score: null).ToList();
        await ReviewTests.PublishAsync(system, DemoWorld.Acme, told);
        await ReviewTests.PublishAsync(system, DemoWorld.Belvedere, belvedereTold);
        await Eventually.UntilAsync(
            async () => await JournalCountAsync([first, second, otherClient]) == told.Count + belvedereTold.Count, "Reporting received every event");

        // The client's portfolio: its contracts, whatever their provider, and not another client's.
        var path = $"/portfolio?month={text}";
        // A contract's row can show before its version does (they come by different events): the replay below compares whole rows.
        var portfolio = await manager.UntilAsync(path, p => Row(p, first)?.GetProperty("breaches").GetInt32() == 1
            && new[] { first, second, otherProvider }.All(c => Row(p, c)?.GetProperty("contractVersion").ValueKind == JsonValueKind.Number));
        Assert.Equal(text, portfolio.GetProperty("month").GetString());
        Assert.Equal("client", portfolio.GetProperty("side").GetString());
        Assert.NotNull(Row(portfolio, otherProvider));
        Assert.Null(Row(portfolio, otherClient));
        foreach (var contract in new[] { first, second })
        {
            var row = Row(portfolio, contract)!.Value;
            var scorecard = await manager.GetAsync($"/contracts/{contract}/scorecard?month={text}");
            AssertSameFigures(scorecard, row);
            Assert.True(row.TryGetProperty("budget", out _), "the client sees its budget");
        }

        var firstRow = Row(portfolio, first)!.Value;
        Assert.Equal((50.00m, 1, "amber", 5.00m), (firstRow.GetProperty("successRate").GetDecimal(), firstRow.GetProperty("breaches").GetInt32(),
            firstRow.GetProperty("breachesStatus").GetString(), firstRow.GetProperty("satisfactionMean").GetDecimal()));
        Assert.Equal(100.00m, Row(portfolio, second)!.Value.GetProperty("successRate").GetDecimal());
        // Nothing the month before: no trend for the rate, breaches up (and up is not good).
        var trends = firstRow.GetProperty("trends");
        Assert.Equal(JsonValueKind.Null, trends.GetProperty("successRate").GetProperty("direction").ValueKind);
        Assert.Equal(("up", false), (trends.GetProperty("breaches").GetProperty("direction").GetString(), trends.GetProperty("breaches").GetProperty("upIsGood").GetBoolean()));
        // The notice deadline is the one the Contracts service tells.
        using var contracts = await ContractParty.SignInAsync(system, DemoWorld.Acme, Roles.ContractManager, "Marc Dubois");
        var detail = await contracts.GetAsync($"/{first}");
        Assert.Equal(detail.GetProperty("noticeDeadline").GetString(), firstRow.GetProperty("noticeDeadline").GetString());

        // Sorted as asked; bad parameters named.
        var sorted = await manager.GetAsync($"{path}&sort=breaches&order=desc");
        var breaches = sorted.GetProperty("contracts").EnumerateArray().Select(r => r.GetProperty("breaches").GetInt32()).ToList();
        Assert.Equal(breaches.OrderDescending(), breaches);
        var references = portfolio.GetProperty("contracts").EnumerateArray().Select(r => r.GetProperty("reference").GetString()!).ToList();
        Assert.Equal(references.Order(StringComparer.Ordinal), references);
        var refused = await manager.GetAsync("/portfolio?month=2026-13&sort=budget&order=up", HttpStatusCode.UnprocessableEntity);
        Assert.Equal(["month", "order", "sort"], refused.GetProperty("errors").EnumerateObject().Select(e => e.Name).Order());
        var future = nowParis.AddMonths(2).ToString("yyyy-MM", CultureInfo.InvariantCulture);
        Assert.True((await manager.GetAsync($"/portfolio?month={future}", HttpStatusCode.UnprocessableEntity)).GetProperty("errors").TryGetProperty("month", out _));

        // The provider's portfolio: the contracts naming it across its clients, without the client's budget.
        var provider = await account.UntilAsync(path, p => Row(p, otherClient) is not null && Row(p, first) is not null);
        Assert.Equal("provider", provider.GetProperty("side").GetString());
        Assert.Null(Row(provider, otherProvider));
        Assert.All(provider.GetProperty("contracts").EnumerateArray(), row => Assert.False(row.TryGetProperty("budget", out _), "no budget for the provider"));
        Assert.Equal(
            firstRow.GetProperty("successRate").GetDecimal(), Row(provider, first)!.Value.GetProperty("successRate").GetDecimal());
        Assert.Equal(DemoWorld.Belvedere, Row(provider, otherClient)!.Value.GetProperty("clientId").GetGuid());
        var nordlysRows = (await nordlys.GetAsync(path)).GetProperty("contracts").EnumerateArray().ToList();
        Assert.Contains(nordlysRows, r => r.GetProperty("contractId").GetGuid() == otherProvider);
        Assert.DoesNotContain(nordlysRows, r => r.GetProperty("contractId").GetGuid() == first);
        Assert.Null(Row(await belvedere.GetAsync(path), first));
        await requester.GetAsync(path, HttpStatusCode.Forbidden);
        await manager.GetAsync("/desk", HttpStatusCode.Forbidden);

        // The exports open: CSV with its header, XLSX for ClosedXML, a PDF; the provider's without budget columns.
        var csv = Encoding.UTF8.GetString(await ReviewTests.DownloadAsync(manager, $"/portfolio/export?month={text}&format=csv", "fr", "text/csv")).TrimStart('\uFEFF');
        Assert.StartsWith("sheet,contractId,reference,", csv);
        Assert.Contains("plannedToDate", csv.Split('\n')[0]);
        Assert.Contains(Row(portfolio, first)!.Value.GetProperty("reference").GetString()!, csv);
        var providerCsv = Encoding.UTF8.GetString(await ReviewTests.DownloadAsync(account, $"/portfolio/export?month={text}&format=csv", "en", "text/csv"));
        Assert.DoesNotContain("plannedToDate", providerCsv);
        using (var workbook = new XLWorkbook(new MemoryStream(
            await ReviewTests.DownloadAsync(manager, $"/portfolio/export?month={text}&format=xlsx", "en", "application/vnd.openxmlformats"))))
        {
            Assert.Equal("reference", workbook.Worksheet("portfolio").Cell(1, 2).GetString());
        }

        var pdf = await ReviewTests.DownloadAsync(manager, $"/portfolio/export?month={text}&format=pdf", "en", "application/pdf");
        Assert.Equal("%PDF", Encoding.ASCII.GetString(pdf, 0, 4));
        var badFormat = await manager.GetAsync("/portfolio/export?month=2026-13&format=doc", HttpStatusCode.UnprocessableEntity);
        Assert.Equal(["format", "month"], badFormat.GetProperty("errors").EnumerateObject().Select(e => e.Name).Order());

        // The replay rebuilds the same rows.
        var before = string.Join('\n', new[] { first, second, otherProvider }.Select(c => Row(portfolio, c)!.Value.GetRawText()));
        using var operatorParty = await ContractParty.SignInAsync(system, DemoWorld.Platform, Roles.Operator, "Olivia Opérateur", "reporting");
        await operatorParty.PostAsync("/replay");
        var after = await manager.GetAsync(path);
        Assert.Equal(before, string.Join('\n', new[] { first, second, otherProvider }.Select(c => Row(after, c)!.Value.GetRawText())));
    }

    [Fact]
    public async Task The_desk_shows_a_warned_ticket_at_risk_until_it_is_resolved_or_breached()
    {
        var contractId = await TicketContracts.SignAsync(system, terms => TicketContracts.AlwaysOpen(terms, new SlaDuration(30, "minutes"), new SlaDuration(4, "hours")));
        using var agent = await ContractParty.SignInAsync(system, DemoWorld.Antares, Roles.AgentL1, "Léa Fontaine", "reporting");
        using var nordlys = await ContractParty.SignInAsync(system, DemoWorld.Nordlys, Roles.AgentL1, "Ingrid Solberg", "reporting");
        var now = DateTimeOffset.UtcNow;
        var (warned, breached) = (Guid.CreateVersion7(), Guid.CreateVersion7());
        var assignee = Guid.CreateVersion7();
        TicketOpened Opened(Guid ticket, long number, DateTimeOffset at) => new()
        {
            TenantId = DemoWorld.Acme, ContractId = contractId, TicketId = ticket, Number = number, Kind = "incident", Priority = "P1", OpenedAt = at, OccurredAt = at,
        };
        SlaWarningRaised Warning(Guid ticket, long number, int percent, DateTimeOffset at) => new()
        {
            TenantId = DemoWorld.Acme, ContractId = contractId, TicketId = ticket, Clock = SlaClocks.Resolve, Priority = "P1", Percent = percent,
            DueAt = now.AddMinutes(30), Number = number, AssigneeId = assignee, OccurredAt = at,
        };
        await ReviewTests.PublishAsync(system, DemoWorld.Acme,
        [
            Opened(warned, 1, now.AddHours(-3)), Warning(warned, 1, 50, now.AddHours(-1)), Warning(warned, 1, 75, now.AddMinutes(-20)),
            Opened(breached, 2, now.AddHours(-5)), Warning(breached, 2, 75, now.AddHours(-2)),
        ]);

        // The two warnings of the first ticket are applied in either order, each on its own: the desk shows the latest once both are in.
        var desk = await agent.UntilAsync("/desk", d => AtRisk(d, warned) is { } first && first.GetProperty("percent").GetInt32() == 75
            && AtRisk(d, breached) is not null);
        var risk = AtRisk(desk, warned)!.Value;
        Assert.Equal((75, "resolve", "P1", assignee, 1L, contractId), (risk.GetProperty("percent").GetInt32(), risk.GetProperty("clock").GetString(),
            risk.GetProperty("priority").GetString(), risk.GetProperty("assigneeId").GetGuid(), risk.GetProperty("number").GetInt64(),
            risk.GetProperty("contractId").GetGuid()));
        var dues = desk.GetProperty("atRisk").EnumerateArray().Select(r => r.GetProperty("dueAt").GetDateTimeOffset()).ToList();
        Assert.Equal(dues.Order(), dues);
        var acme = desk.GetProperty("clients").EnumerateArray().Single(c => c.GetProperty("clientId").GetGuid() == DemoWorld.Acme);
        Assert.True(acme.GetProperty("open").GetInt32() >= 2);
        Assert.True(acme.GetProperty("byPriority").EnumerateArray().Single(p => p.GetProperty("priority").GetString() == "P1").GetProperty("count").GetInt32() >= 2);
        Assert.True(acme.GetProperty("oldest").GetProperty("ageSeconds").GetInt64() >= 5 * 3600 - 60);
        Assert.Null(AtRisk(await nordlys.GetAsync("/desk"), warned));

        // Resolved, the first leaves the desk; the second's clock breached, it is no longer at risk but late.
        await ReviewTests.PublishAsync(system, DemoWorld.Acme,
        [
            new TicketStatusChanged
            {
                TenantId = DemoWorld.Acme, ContractId = contractId, TicketId = warned, From = "new", To = "resolved", Priority = "P1", OccurredAt = DateTimeOffset.UtcNow,
            },
            new SlaBreached
            {
                TenantId = DemoWorld.Acme, ContractId = contractId, TicketId = breached, Clock = SlaClocks.Resolve, Priority = "P1", DueAt = DateTimeOffset.UtcNow,
                OccurredAt = DateTimeOffset.UtcNow,
            },
        ]);
        await agent.UntilAsync("/desk", d => AtRisk(d, warned) is null && AtRisk(d, breached) is null);
    }

    /// <summary>The portfolio's row has the scorecard's figures: the same SLA rows, statuses, backlog, satisfaction and invoicing.</summary>
    private static void AssertSameFigures(JsonElement scorecard, JsonElement row)
    {
        static string Rates(JsonElement sla) => string.Join(';', sla.EnumerateArray().Select(r =>
            $"{r.GetProperty("priority")}/{r.GetProperty("clock")}:{r.GetProperty("completed")}/{r.GetProperty("met")}/{r.GetProperty("successRate")}/" +
            $"{r.GetProperty("targetPercent")}/{(r.TryGetProperty("status", out var s) ? s.GetString() : "")}"));
        Assert.Equal(Rates(scorecard.GetProperty("sla")), Rates(row.GetProperty("sla")));
        var completed = scorecard.GetProperty("sla").EnumerateArray().Sum(r => r.GetProperty("completed").GetInt32());
        var met = scorecard.GetProperty("sla").EnumerateArray().Sum(r => r.GetProperty("met").GetInt32());
        Assert.Equal(Math.Round(met * 100m / completed, 2, MidpointRounding.AwayFromZero), row.GetProperty("successRate").GetDecimal());
        Assert.Equal(
            (scorecard.GetProperty("breaches").GetInt32(), scorecard.GetProperty("backlog").GetInt32(), scorecard.GetProperty("contractVersion").GetInt32()),
            (row.GetProperty("breaches").GetInt32(), row.GetProperty("backlog").GetInt32(), row.GetProperty("contractVersion").GetInt32()));
        var statuses = scorecard.GetProperty("statuses");
        Assert.Equal(statuses.TryGetProperty("breaches", out var b) ? b.GetString() : null, row.GetProperty("breachesStatus").GetString());
        Assert.Equal(statuses.TryGetProperty("sla", out var s) ? s.GetString() : null, row.GetProperty("slaStatus").GetString());
        Assert.Equal(scorecard.GetProperty("satisfaction").GetProperty("mean").GetRawText(), row.GetProperty("satisfactionMean").GetRawText());
        Assert.Equal(scorecard.GetProperty("satisfaction").GetProperty("answers").GetInt32(), row.GetProperty("satisfactionAnswers").GetInt32());
        Assert.Equal(scorecard.GetProperty("invoicing").GetProperty("invoiced").GetDecimal(), row.GetProperty("invoiced").GetDecimal());
        Assert.Equal(scorecard.GetProperty("budget").GetRawText(), row.GetProperty("budget").GetRawText());
    }

    /// <summary>A P2 ticket opened at <paramref name="at"/>, resolved two hours later with its resolution clock met or not, rated or not.</summary>
    private static IEnumerable<IntegrationEvent> Ticket(Guid tenant, Guid contractId, long number, DateTimeOffset at, bool met, int? score)
    {
        var ticket = Guid.CreateVersion7();
        var resolved = at.AddHours(2);
        yield return new TicketOpened
        {
            TenantId = tenant, ContractId = contractId, TicketId = ticket, Number = number, Kind = "incident", Priority = "P2", OpenedAt = at, OccurredAt = at,
        };
        yield return new TicketStatusChanged
        {
            TenantId = tenant, ContractId = contractId, TicketId = ticket, From = "new", To = "resolved", Priority = "P2", OccurredAt = resolved,
        };
        yield return new SlaClockCompleted
        {
            TenantId = tenant, ContractId = contractId, TicketId = ticket, Clock = SlaClocks.Resolve, Priority = "P2", Met = met, BusinessSecondsUsed = 7_200,
            TargetBusinessSeconds = 14_400, StartedAt = at, DueAt = at.AddHours(4), CompletedAt = resolved, Completion = 1, OccurredAt = resolved,
        };
        if (score is { } given)
        {
            yield return new TicketRated { TenantId = tenant, ContractId = contractId, TicketId = ticket, Score = given, OccurredAt = resolved.AddHours(1) };
        }
    }

    private static JsonElement? Row(JsonElement portfolio, Guid contractId) =>
        portfolio.GetProperty("contracts").EnumerateArray().Where(r => r.GetProperty("contractId").GetGuid() == contractId).Select(r => (JsonElement?)r).FirstOrDefault();

    private static JsonElement? AtRisk(JsonElement desk, Guid ticketId) =>
        desk.GetProperty("atRisk").EnumerateArray().Where(r => r.GetProperty("ticketId").GetGuid() == ticketId).Select(r => (JsonElement?)r).FirstOrDefault();

    private async Task<long> JournalCountAsync(Guid[] contractIds)
    {
        await using var connection = new NpgsqlConnection(system.Databases["reporting"]);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT count(*) FROM event_journal WHERE contract_id = ANY (@contractIds) AND event_type LIKE 'incidents.%'", connection);
        command.Parameters.AddWithValue("contractIds", contractIds);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
