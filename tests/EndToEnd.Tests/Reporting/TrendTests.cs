using System.Globalization;
using System.Net;
using System.Text.Json;
using Infogerance.DemoData;
using Infogerance.EndToEnd.Tests.Contracts;
using Infogerance.EndToEnd.Tests.Incidents;
using Infogerance.IntegrationEvents;
using Infogerance.ServiceDefaults;

namespace Infogerance.EndToEnd.Tests.Reporting;

/// <summary>
/// The months of a contract's scorecard in a row, over real PostgreSQL and RabbitMQ: each month's point is that month's
/// scorecard, both sides read it (the provider without the client's budget), bad input names its parameter.
/// </summary>
[Collection(SystemCollection.Name)]
public sealed class TrendTests(InfogeranceSystem system)
{
    private static readonly TimeZoneInfo Paris = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");

    [Fact]
    public async Task The_trend_holds_each_month_s_scorecard_figures_for_both_sides()
    {
        var today = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, Paris);
        var firstDay = new DateOnly(today.Year, today.Month, 1);
        var contractId = await TicketContracts.SignAsync(system, terms => TicketContracts.AlwaysOpen(terms, new SlaDuration(30, "minutes"), new SlaDuration(4, "hours")) with
        {
            StartDate = firstDay,
            Revision = null,
            Penalties = new PenaltyRules { SuccessRateTargets = [new SuccessRateTarget("P2", SlaClocks.Resolve, 90m, 1m, 10m)] },
        });
        using var requester = await ContractParty.SignInAsync(system, DemoWorld.Acme, Roles.Requester, "Rachel Petit", "incidents");
        using var manager = await ContractParty.SignInAsync(system, DemoWorld.Acme, Roles.ContractManager, "Marc Dubois", "reporting");
        using var budgets = await ContractParty.SignInAsync(system, DemoWorld.Acme, Roles.ContractManager, "Marc Dubois", "invoicing");
        var month = today.ToString("yyyy-MM", CultureInfo.InvariantCulture);
        var path = $"/contracts/{contractId}/scorecard";
        await ScorecardTests.UntilTermsKnownAsync(manager, path);

        await requester.PostAsync("/tickets", new { contractId, kind = "incident", title = "Messagerie lente", impact = "high", urgency = "medium" }, HttpStatusCode.Created);
        // Invoicing answers a contract's budget once it has the contract and its terms, which come by their own events.
        await budgets.UntilAsync($"/contracts/{contractId}/budgets/{today.Year}", _ => true);
        await budgets.PutAsync($"/contracts/{contractId}/budgets/{today.Year}", new { annual = 120_000m });
        var scorecard = await manager.UntilAsync($"{path}?month={month}", s =>
            s.GetProperty("opened").GetInt32() == 1 && s.TryGetProperty("budget", out var budget) && budget.TryGetProperty("plannedYear", out _));

        // By default the twelve months up to the current one, oldest first; the months before the contract are empty.
        var trend = await manager.GetAsync($"{path}/trend");
        var months = trend.GetProperty("months").EnumerateArray().ToList();
        Assert.Equal(12, months.Count);
        Assert.Equal(month, trend.GetProperty("to").GetString());
        Assert.Equal(today.AddMonths(-11).ToString("yyyy-MM", CultureInfo.InvariantCulture), trend.GetProperty("from").GetString());
        Assert.All(months[..^1], m => Assert.Equal(0, m.GetProperty("opened").GetInt32()));
        var current = months[^1];
        Assert.Equal(month, current.GetProperty("month").GetString());
        Assert.False(current.GetProperty("complete").GetBoolean());
        Assert.Equal(
            (scorecard.GetProperty("opened").GetInt32(), scorecard.GetProperty("backlog").GetInt32(), scorecard.GetProperty("budget").GetProperty("plannedMonth").GetDecimal()),
            (current.GetProperty("opened").GetInt32(), current.GetProperty("backlog").GetInt32(), current.GetProperty("budgetMonth").GetDecimal()));
        var rate = current.GetProperty("sla").EnumerateArray().Single(r => r.GetProperty("priority").GetString() == "P2" && r.GetProperty("clock").GetString() == "resolve");
        Assert.Equal(90.00m, rate.GetProperty("targetPercent").GetDecimal());
        Assert.Equal(JsonValueKind.Null, rate.GetProperty("successRate").ValueKind);
        Assert.Equal(JsonValueKind.Null, current.GetProperty("penaltiesDue").ValueKind);

        var three = await manager.GetAsync($"{path}/trend?to={month}&months=3");
        Assert.Equal(3, three.GetProperty("months").GetArrayLength());

        // Both sides read it, the provider without the client's budget; not a requester, nor another tenant.
        using var account = await ContractParty.SignInAsync(system, DemoWorld.Antares, Roles.AccountManager, "Antoine Garnier", "reporting");
        using var requesterReads = await ContractParty.SignInAsync(system, DemoWorld.Acme, Roles.Requester, "Rachel Petit", "reporting");
        using var otherTenant = await ContractParty.SignInAsync(system, DemoWorld.Belvedere, Roles.ContractManager, "Bruno Caron", "reporting");
        var provider = (await account.GetAsync($"{path}/trend?months=1")).GetProperty("months")[0];
        Assert.Equal(1, provider.GetProperty("opened").GetInt32());
        Assert.False(provider.TryGetProperty("budgetMonth", out var hidden) && hidden.ValueKind != JsonValueKind.Null, "the provider never sees the client's budget");
        await requesterReads.GetAsync($"{path}/trend", HttpStatusCode.Forbidden);
        await otherTenant.GetAsync($"{path}/trend", HttpStatusCode.NotFound);

        // Bad input names its parameters, all at once; a month not begun is refused.
        var refused = await manager.GetAsync($"{path}/trend?to=2026-13&months=25", HttpStatusCode.UnprocessableEntity);
        Assert.Equal(["months", "to"], refused.GetProperty("errors").EnumerateObject().Select(e => e.Name).Order());
        var future = today.AddMonths(2).ToString("yyyy-MM", CultureInfo.InvariantCulture);
        Assert.Equal("reporting.month.future",
            (await manager.GetAsync($"{path}/trend?to={future}", HttpStatusCode.UnprocessableEntity)).GetProperty("errorCodes").GetProperty("to")[0].GetProperty("code").GetString());
    }
}
