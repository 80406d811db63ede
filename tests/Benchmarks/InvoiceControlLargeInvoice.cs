using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Infogerance.IntegrationEvents;
using Infogerance.Invoicing.Domain;

namespace Infogerance.Benchmarks;

/// <summary>
/// The control of one large invoice (pure CPU, no I/O): 2,000 lines over November 2026 — the fee, 1,700 work-unit lines
/// on 40 codes (half named by their item code, half by the start of their description; 10 codes counted on the
/// inventory), 200 evolution lines naming 50 evolution requests in their descriptions, 50 penalty credit lines, 49 other
/// lines at 5.5 % — against a contract with three years of revised prices, 2,000 approved work-unit entries and 5,000
/// invoices already received. A few lines are wrong (prices, volumes, a quote), as in real life. Fixed by a seed.
/// </summary>
[MemoryDiagnoser]
public class InvoiceControlLargeInvoice
{
    private const int CodeCount = 40;
    private const int EvolutionCount = 50;

    private InvoiceDocument _invoice = null!;
    private ControlContext _context = null!;

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(16);
        var contract = Guid.Parse("01930000-0000-7000-8000-00000000ac01");
        var codes = Enumerable.Range(1, CodeCount).Select(i => $"UO-{i:000}").ToArray();
        var prices = Enumerable.Range(0, 3).Select(year => new DatedPrices(
            new DateOnly(2025 + year, 1, 1),
            new PriceSchedule
            {
                MonthlyFee = 13_200m + year * 330m,
                WorkUnits = [.. codes.Select((code, i) => new WorkUnitPrice(code, $"Unité {code}", 100m + i * 10m + year * 2.5m))],
            })).ToArray();
        var evolutions = Enumerable.Range(1, EvolutionCount).Select(i => new ContractEvolution(
            Guid.CreateVersion7(), $"EVO-2026-{i:000}", $"Évolution {i}", i % 10 == 0 ? "proposed" : "inProgress", new DateOnly(2026, 6, 1), 50_000m, random.Next(0, 45_000))).ToArray();

        var month = new InvoicePeriod(new DateOnly(2026, 11, 1), new DateOnly(2026, 11, 30));
        var november = prices[1].Prices;
        var lines = new List<InvoiceLine>(2_000) { Line(1, "Redevance mensuelle forfaitaire", 1, november.AgreedFee(), 20m) };
        for (var i = 0; i < 1_700; i++)
        {
            var unit = november.WorkUnits[random.Next(CodeCount)];
            var price = random.Next(100) == 0 ? unit.UnitPrice + 1m : unit.UnitPrice;
            lines.Add(i % 2 == 0
                ? Line(lines.Count + 1, $"Prestation {unit.Label}", random.Next(1, 4), price, 20m) with { ItemCode = unit.Code }
                : Line(lines.Count + 1, $"{unit.Code} – {unit.Label}", random.Next(1, 4), price, 20m));
        }

        for (var i = 0; i < 200; i++)
        {
            lines.Add(Line(lines.Count + 1, $"Lot {i} de l’évolution {evolutions[i % EvolutionCount].Reference}", 1, random.Next(100, 2_000), 20m));
        }

        for (var i = 0; i < 50; i++)
        {
            lines.Add(Line(lines.Count + 1, $"Pénalités SLA, part {i + 1}", 1, -20m, 20m));
        }

        for (var i = 0; i < 49; i++)
        {
            lines.Add(Line(lines.Count + 1, "Documentation technique imprimée", random.Next(1, 10), 35.5m, 5.5m));
        }

        _invoice = Invoice(lines, month);
        _context = new ControlContext
        {
            Contract = new ContractLife(contract, new DateOnly(2025, 1, 1), new DateOnly(2027, 12, 31)),
            InvoiceId = Guid.CreateVersion7(),
            Prices = prices,
            InventoryTypeByWorkUnit = codes.Take(10).ToDictionary(code => code, code => $"type-{code}"),
            InventoryByType = codes.Take(10).ToDictionary(code => $"type-{code}", _ => 150m),
            ApprovedWorkUnits = [.. Enumerable.Range(0, 2_000).Select(i => new ApprovedWorkUnits($"2026-{1 + i % 12:00}", codes[i % CodeCount], random.Next(1, 20)))],
            Evolutions = evolutions,
            PenaltyStatements = [.. Enumerable.Range(1, 12).Select(m => new IssuedPenaltyStatement($"2026-{m:00}", m == 11 ? 1_000m : random.Next(0, 3_000)))],
            OtherInvoices = [.. Enumerable.Range(1, 5_000).Select(i => new KnownInvoice(
                Guid.CreateVersion7(), $"FA-{2020 + i / 1_000}-{i:00000}", new InvoiceParty("Antares Services", "552100554"), contract,
                new InvoicePeriod(new DateOnly(2026, 1 + i % 12, 1), new DateOnly(2026, 1 + i % 12, 1).AddMonths(1).AddDays(-1)), random.Next(10_000, 200_000), InvoiceKinds.Invoice))],
        };
        var result = Control();
        Console.WriteLine(
            $"// {_invoice.Lines.Count:N0} lines, {result.Discrepancies.Count} discrepancies "
            + $"({string.Join(", ", result.Discrepancies.CountBy(d => d.Code).Select(c => $"{c.Value} {c.Key}"))}), {result.TotalAtStake:N2} € at stake");
    }

    private static InvoiceLine Line(int position, string description, decimal quantity, decimal unitPrice, decimal rate) =>
        new(position, description, quantity, unitPrice, PenaltyStatement.Cents(quantity * unitPrice), rate);

    /// <summary>An invoice whose totals and VAT breakdown are right for its lines.</summary>
    private static InvoiceDocument Invoice(IReadOnlyList<InvoiceLine> lines, InvoicePeriod period)
    {
        VatBreakdown[] vat = [.. lines.GroupBy(line => line.VatRate ?? 0m).OrderBy(group => group.Key).Select(group =>
        {
            var taxBase = group.Sum(line => line.NetAmount);
            return new VatBreakdown(group.Key, taxBase, PenaltyStatement.Cents(taxBase * group.Key / 100m));
        })];
        var net = lines.Sum(line => line.NetAmount);
        var tax = vat.Sum(rate => rate.TaxAmount);
        return new InvoiceDocument(
            "FA-2026-99999", new DateOnly(2026, 12, 1), InvoiceKinds.Invoice, "EUR", new InvoiceParty("Antares Services", "552100554"),
            new InvoiceParty("Acme Industries", "732829320"), "ACME-INFOG-01", null, period, lines, [], vat,
            new InvoiceTotals(net, 0m, 0m, net, tax, net + tax, net + tax));
    }

    [Benchmark(Baseline = true, Description = "control: 2,000 lines")]
    public ControlResult Control() => InvoiceControl.Check(_invoice, _context);

    [Benchmark(Description = "line kinds only: 2,000 lines")]
    public int Recognition()
    {
        var recognition = LineKindContext.Of(_invoice, _context);
        var workUnits = 0;
        foreach (var line in _invoice.Lines)
        {
            if (LineKindRecognition.Recognise(line, recognition) == InvoiceLineKinds.WorkUnit)
            {
                workUnits++;
            }
        }

        return workUnits;
    }

    /// <summary>A short in-process run; BenchmarkDotNet's own arguments pass through.</summary>
    public static int Run(string[] args)
    {
        var summary = BenchmarkRunner.Run<InvoiceControlLargeInvoice>(
            DefaultConfig.Instance
                .AddJob(Job.ShortRun.WithToolchain(InProcessEmitToolchain.Instance))
                .AddDiagnoser(MemoryDiagnoser.Default)
                .WithArtifactsPath(Path.Combine(Path.GetTempPath(), "infogerance-benchmarks")),
            args);
        return summary.HasCriticalValidationErrors || summary.Reports.Any(report => !report.Success) ? 1 : 0;
    }
}
