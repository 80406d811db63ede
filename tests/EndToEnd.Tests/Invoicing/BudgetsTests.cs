using System.Globalization;
using System.Net;
using System.Text.Json;
using Infogerance.DemoData;
using Infogerance.EndToEnd.Tests.Contracts;
using Infogerance.EndToEnd.Tests.Incidents;
using Infogerance.ServiceDefaults;

namespace Infogerance.EndToEnd.Tests.Invoicing;

/// <summary>
/// A contract's budget year over real PostgreSQL and RabbitMQ: the client plans it, the provider's invoice approved
/// moves its fee from committed to invoiced, the alert follows the plan; the client's alone.
/// </summary>
[Collection(SystemCollection.Name)]
public sealed class BudgetsTests(InfogeranceSystem system)
{
    [Fact]
    public async Task An_approved_invoice_moves_its_month_from_committed_to_invoiced_and_the_plan_sets_the_alert()
    {
        var today = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris")).DateTime;
        var year = today.Year;
        var contractId = await TicketContracts.SignAsync(system, terms => terms with
        {
            StartDate = new DateOnly(year, 1, 1),
            Prices = terms.Prices with { MonthlyFee = 10_000m },
            Revision = null,
            Calendar = terms.Calendar with { TimeZone = "Europe/Paris" },
        });
        using var manager = await ContractParty.SignInAsync(system, DemoWorld.Acme, Roles.ContractManager, "Marc Dubois", "invoicing");
        using var auditor = await ContractParty.SignInAsync(system, DemoWorld.Acme, Roles.Auditor, "Alice Audit", "invoicing");
        using var requester = await ContractParty.SignInAsync(system, DemoWorld.Acme, Roles.Requester, "Rachel Petit", "invoicing");
        using var account = await ContractParty.SignInAsync(system, DemoWorld.Antares, Roles.AccountManager, "Hugo Lemaire", "invoicing");
        using var otherTenant = await ContractParty.SignInAsync(system, DemoWorld.Belvedere, Roles.ContractManager, "Bea Belvedere", "invoicing");
        var path = $"/contracts/{contractId}/budgets/{year}";

        // Before any invoice: every month from this one on is committed at the fee; nothing planned yet.
        var before = (await manager.UntilAsync(path, _ => true)).GetProperty("budget");
        var monthsToCome = 12 - today.Month + 1;
        Assert.Equal(monthsToCome * 10_000m, before.GetProperty("committed").GetDecimal());
        Assert.Equal(0m, before.GetProperty("invoiced").GetDecimal());
        Assert.False(before.TryGetProperty("planned", out var planned) && planned.ValueKind != JsonValueKind.Null, "nothing planned yet");
        Assert.False(before.GetProperty("overrun").GetBoolean());

        // The provider bills this month's fee; the client approves it.
        var first = new DateOnly(year, today.Month, 1);
        var invoice = await account.PostAsync($"/contracts/{contractId}/invoices/form", new
        {
            number = $"BUD-{Guid.NewGuid():N}"[..16], issueDate = DateOnly.FromDateTime(today), kind = "invoice",
            periodStart = first, periodEnd = first.AddMonths(1).AddDays(-1),
            lines = new[] { new { description = "Redevance mensuelle forfaitaire", kind = "monthlyFee", quantity = 1m, unitPrice = 10_000m, vatRate = 20m } },
        }, HttpStatusCode.Created);
        Assert.Equal("compliant", invoice.GetProperty("result").GetString());
        await manager.PostAsync($"/invoices/{invoice.GetProperty("id").GetGuid()}/approve", new { reasons = new Dictionary<string, string>() });

        var after = (await manager.GetAsync(path)).GetProperty("budget");
        Assert.Equal(10_000m, after.GetProperty("invoiced").GetDecimal());
        Assert.Equal((monthsToCome - 1) * 10_000m, after.GetProperty("committed").GetDecimal());
        Assert.Equal(10_000m, after.GetProperty("months")[today.Month - 1].GetProperty("invoiced").GetDecimal());

        // A plan one cent short of invoiced + committed raises the alert; the exact amount does not.
        var spent = after.GetProperty("invoiced").GetDecimal() + after.GetProperty("committed").GetDecimal();
        var short1 = (await manager.PutAsync(path, new { annual = spent - 0.01m })).GetProperty("budget");
        Assert.True(short1.GetProperty("overrun").GetBoolean());
        Assert.Equal(-0.01m, short1.GetProperty("remaining").GetDecimal());
        var monthly = Enumerable.Range(1, 12).ToDictionary(m => m.ToString(CultureInfo.InvariantCulture), m => m == 12 ? spent : 0m);
        var exact = (await manager.PutAsync(path, new { monthly })).GetProperty("budget");
        Assert.False(exact.GetProperty("overrun").GetBoolean());
        Assert.Equal(spent, exact.GetProperty("planned").GetDecimal());
        Assert.Equal(spent, exact.GetProperty("months")[11].GetProperty("planned").GetDecimal());

        // The tenant's view lists it with the same figures.
        var portfolio = await auditor.GetAsync($"/budgets/{year}");
        var row = portfolio.EnumerateArray().Single(b => b.GetProperty("contractId").GetGuid() == contractId);
        Assert.Equal(spent, row.GetProperty("budget").GetProperty("planned").GetDecimal());

        // Bad input names its field; only the client's managers plan; the provider and other tenants see nothing.
        var invalid = await manager.PutAsync(path, new { annual = -1m, monthly = new Dictionary<string, decimal> { ["13"] = 5m, ["2"] = 0.001m } }, HttpStatusCode.UnprocessableEntity);
        var errors = invalid.GetProperty("errors");
        Assert.True(errors.TryGetProperty("annual", out _) && errors.TryGetProperty("monthly.13", out _) && errors.TryGetProperty("monthly.2", out _), errors.ToString());
        await manager.GetAsync($"/contracts/{contractId}/budgets/1999", HttpStatusCode.UnprocessableEntity);
        await auditor.PutAsync(path, new { annual = 1m }, HttpStatusCode.Forbidden);
        await requester.GetAsync(path, HttpStatusCode.Forbidden);
        await account.GetAsync(path, HttpStatusCode.Forbidden);
        await otherTenant.GetAsync(path, HttpStatusCode.NotFound);
        Assert.DoesNotContain((await otherTenant.GetAsync($"/budgets/{year}")).EnumerateArray(), b => b.GetProperty("contractId").GetGuid() == contractId);
    }
}
