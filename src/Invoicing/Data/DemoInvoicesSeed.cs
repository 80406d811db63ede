using System.Globalization;
using Infogerance.Data;
using Infogerance.DemoData;
using Infogerance.Invoicing.Domain;
using Infogerance.Messaging;
using Microsoft.Extensions.Options;
using NodaTime;

namespace Infogerance.Invoicing.Data;

/// <summary>
/// The demo's invoice: Antares' invoice of last month on ACME-INFOG-01, entered by its account manager, billing the
/// monthly fee in force and three development work units at the price before the latest revision — the discrepancy a
/// client finds in the invoice control and disputes. It goes through the same receipt and control as any invoice, once
/// the contract's terms and revised prices have arrived from the Contracts service's events (so in the background).
/// </summary>
public sealed class DemoInvoicesSeed(Database database, TimeProvider clock, IOptions<InvoicingSettings> settings, ILogger<DemoInvoicesSeed> logger)
    : BackgroundDemoSeed(clock, logger)
{
    private const string DevelopmentUnit = "UO-DEV";

    protected override bool Enabled => settings.Value.SeedDemoData;

    protected override string What => "Demo invoice";

    public override async Task<bool> TrySeedAsync(CancellationToken cancellationToken)
    {
        await using var unitOfWork = await database.BeginAsync(DemoWorld.Acme, cancellationToken);
        var contractId = DemoWorld.AcmeContract;
        if (await ContractReplica.ContractAsync(unitOfWork, contractId) is not { } contract)
        {
            return false;
        }

        await unitOfWork.ExecuteAsync("SELECT pg_advisory_xact_lock(hashtextextended(@key, 0))", new { key = $"invoices:{contractId}" });
        if (await unitOfWork.ExecuteScalarAsync<bool>("SELECT EXISTS (SELECT FROM invoices WHERE contract_id = @contractId)", new { contractId }))
        {
            return true;
        }

        var now = Instants.NowToTheSecond(Clock);
        var terms = await InvoiceFacts.TermsInForceAsync(unitOfWork, contractId, DateOnly.FromDateTime(now.UtcDateTime));
        var revised = await unitOfWork.ExecuteScalarAsync<bool>(
            "SELECT EXISTS (SELECT FROM prices_in_force WHERE contract_id = @contractId AND work_units <> '[]'::jsonb)", new { contractId });
        if (terms is null || !revised)
        {
            return false;
        }

        var zone = StatementMonth.ZoneOf(terms.Calendar.TimeZone) ?? DateTimeZone.Utc;
        var today = Instant.FromDateTimeOffset(now).InZone(zone).Date.ToDateOnly();
        var first = new DateOnly(today.Year, today.Month, 1).AddMonths(-1);
        var last = first.AddMonths(1).AddDays(-1);
        var prices = new PriceBook(await InvoiceFacts.PricesAsync(unitOfWork, contractId)).On(first);
        var original = terms.Prices.WorkUnits.FirstOrDefault(unit => unit.Code == DevelopmentUnit)?.UnitPrice;
        var inForce = prices.WorkUnits.FirstOrDefault(unit => unit.Code == DevelopmentUnit)?.UnitPrice;
        if (original is not { } billedPrice || inForce is not { } expected)
        {
            return true;
        }

        // Before any revision the original price is the right one: the provider then anticipates next year's.
        if (billedPrice == expected)
        {
            billedPrice = PenaltyStatement.Cents(expected * 1.05m);
        }

        var month = first.ToString("MMMM yyyy", CultureInfo.GetCultureInfo("fr-FR"));
        var form = new InvoiceForm(
            $"AS-{first:yyyyMM}-0142", new DateOnly(today.Year, today.Month, 1), InvoiceKinds.Invoice, null, first, last, "EUR",
            [
                new InvoiceFormLine($"Redevance mensuelle forfaitaire {month}", InvoiceLineKinds.MonthlyFee, null, null, 1m, prices.MonthlyFee, null, 20m, first, last),
                new InvoiceFormLine("Développements applicatifs (unités d’œuvre)", InvoiceLineKinds.WorkUnit, DevelopmentUnit, null, 3m, billedPrice, null, 20m, first, last),
            ]);
        var (invoice, errors) = InvoiceForms.Read(
            form, new InvoiceParty("Antares Services"), new InvoiceParty("Acme Industries"),
            contract.Reference);
        if (invoice is null)
        {
            Logger.LogWarning("The demo invoice is refused by its own form's checks: {Errors}", string.Join(", ", errors.Fields));
            return true;
        }

        var accountManager = DemoWorld.LoginOf("manager@antares.example");
        await Invoices.ReceiveAsync(
            unitOfWork, contract, invoice, InvoiceSources.Form, null, new AuditLog.Actor(accountManager.UserId, accountManager.DisplayName), now);
        await unitOfWork.CommitAsync();
        Logger.LogInformation("Demo invoice loaded on {Contract}", contract.Reference);
        return true;
    }
}
