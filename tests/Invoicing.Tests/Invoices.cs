using Infogerance.IntegrationEvents;
using Infogerance.Invoicing.Domain;

namespace Infogerance.Invoicing.Tests;

/// <summary>
/// Short ways to write invoices and their contract in tests: ACME-INFOG-01 (Acme ↔ Antares) from 1 January 2026 for
/// three years, 13,200.00 € a month, UO-DEV at 650.00 € and UO-POSTE (counted on workstations) at 45.00 €.
/// </summary>
internal static class Invoices
{
    public static readonly Guid AcmeContract = Guid.Parse("01930000-0000-7000-8000-00000000ac01");
    public static readonly InvoiceParty Antares = new("Antares Services", "552100554", "FR40552100554");
    public static readonly InvoiceParty Acme = new("Acme Industries", "732829320", "FR10732829320");

    public static readonly InvoicePeriod November2026 = Period("2026-11-01", "2026-11-30");

    public static DateOnly Day(string day) => DateOnly.Parse(day, System.Globalization.CultureInfo.InvariantCulture);

    public static InvoicePeriod Period(string start, string end) => new(Day(start), Day(end));

    public static PriceSchedule Schedule(decimal fee, decimal dev = 650m, decimal workstation = 45m) => new()
    {
        MonthlyFee = fee,
        WorkUnits = [new WorkUnitPrice("UO-DEV", "Journée de développement", dev), new WorkUnitPrice("UO-POSTE", "Poste de travail maintenu", workstation)],
    };

    public static ControlContext Context(params DatedPrices[] prices) => new()
    {
        Contract = new ContractLife(AcmeContract, Day("2026-01-01"), Day("2028-12-31")),
        Prices = prices.Length > 0 ? prices : [new DatedPrices(Day("2026-01-01"), Schedule(13_200m))],
        InventoryTypeByWorkUnit = new Dictionary<string, string> { ["UO-POSTE"] = "workstation" },
        InventoryByType = new Dictionary<string, decimal> { ["workstation"] = 120m, ["server"] = 14m },
    };

    /// <summary>A line whose net amount is its quantity × unit price to the cent, at 20 % VAT.</summary>
    public static InvoiceLine Line(
        int position, string description, decimal quantity, decimal unitPrice, decimal vatRate = 20m, InvoicePeriod? period = null,
        string? itemCode = null, string? kind = null, string? evolution = null) =>
        new(position, description, quantity, unitPrice, PenaltyStatement.Cents(quantity * unitPrice), vatRate, Period: period, ItemCode: itemCode, Kind: kind,
            EvolutionReference: evolution);

    public static InvoiceLine Fee(int position = 1, decimal amount = 13_200m, InvoicePeriod? period = null) =>
        Line(position, "Redevance mensuelle forfaitaire", 1, amount, period: period);

    public static InvoiceLine Dev(int position, decimal days, decimal price = 650m, InvoicePeriod? period = null) =>
        Line(position, "UO-DEV Journée de développement", days, price, period: period);

    public static InvoiceLine Penalty(int position, decimal amount, InvoicePeriod? period = null) =>
        Line(position, "Pénalités SLA (relevé émis)", 1, -amount, period: period);

    /// <summary>
    /// An invoice whose totals and VAT breakdown are right for its lines and allowances or charges, unless
    /// <paramref name="totals"/> or <paramref name="vat"/> say otherwise.
    /// </summary>
    public static InvoiceDocument Invoice(
        IEnumerable<InvoiceLine> lines,
        InvoicePeriod? period = null,
        bool noPeriod = false,
        string number = "FA-2026-0042",
        string kind = InvoiceKinds.Invoice,
        string issued = "2026-12-01",
        InvoiceParty? seller = null,
        IReadOnlyList<InvoiceAllowanceCharge>? adjustments = null,
        Func<InvoiceTotals, InvoiceTotals>? totals = null,
        Func<IReadOnlyList<VatBreakdown>, IReadOnlyList<VatBreakdown>>? vat = null)
    {
        InvoiceLine[] all = [.. lines];
        adjustments ??= [];
        var byRate = new SortedDictionary<decimal, decimal>();
        foreach (var line in all)
        {
            byRate[line.VatRate ?? 0m] = byRate.GetValueOrDefault(line.VatRate ?? 0m) + line.NetAmount;
        }

        foreach (var adjustment in adjustments)
        {
            var rate = adjustment.VatRate ?? 0m;
            byRate[rate] = byRate.GetValueOrDefault(rate) + (adjustment.IsCharge ? adjustment.Amount : -adjustment.Amount);
        }

        IReadOnlyList<VatBreakdown> breakdown = [.. byRate.Select(rate => new VatBreakdown(rate.Key, rate.Value, PenaltyStatement.Cents(rate.Value * rate.Key / 100m), "S"))];
        var lineTotal = all.Sum(line => line.NetAmount);
        var allowances = adjustments.Where(a => !a.IsCharge).Sum(a => a.Amount);
        var charges = adjustments.Where(a => a.IsCharge).Sum(a => a.Amount);
        var taxExclusive = lineTotal - allowances + charges;
        var tax = breakdown.Sum(b => b.TaxAmount);
        var stated = new InvoiceTotals(lineTotal, allowances, charges, taxExclusive, tax, taxExclusive + tax, taxExclusive + tax);
        return new InvoiceDocument(
            number, Day(issued), kind, "EUR", seller ?? Antares, Acme, "ACME-INFOG-01", null, noPeriod ? null : period ?? November2026, all, adjustments,
            vat is null ? breakdown : vat(breakdown), totals is null ? stated : totals(stated), Day(issued).AddDays(30));
    }

    /// <summary>
    /// The realistic November 2026 invoice of ACME-INFOG-01: the fee, three days of development, and November's
    /// penalties (500.00 €) credited; 20 % VAT: 14,650.00 € without VAT, 2,930.00 € of VAT, 17,580.00 € due.
    /// </summary>
    public static InvoiceDocument AcmeNovember() =>
        Invoice([Fee(1), Dev(2, 3m), Penalty(3, 500m)]);

    public static ControlContext AcmeNovemberContext() =>
        Context() with { PenaltyStatements = [new IssuedPenaltyStatement("2026-11", 500m)] };

    public static Discrepancy Single(ControlResult result, string code)
    {
        var found = result.Discrepancies.Where(d => d.Code == code).ToArray();
        Assert.True(found.Length == 1, $"one {code} expected, found: {Describe(result)}");
        return found[0];
    }

    public static string Describe(ControlResult result) =>
        result.Discrepancies.Count == 0 ? "none" : string.Join(" | ", result.Discrepancies.Select(d => $"{d.Code} line {d.Line}: {d.Message.English}"));
}
