using FsCheck;
using FsCheck.Fluent;
using Infogerance.Invoicing.Domain;
using static Infogerance.Invoicing.Tests.Invoices;

namespace Infogerance.Invoicing.Tests;

/// <summary>
/// Properties of the invoice control over random invoices of ACME-INFOG-01: compliant ones (a month's fee, development
/// days, workstations within the inventory, other lines at 5.5 % or 20 % VAT, the month's penalties credited in one or
/// two lines), and the same with one thing made wrong. FsCheck prints the failing case and the seed to replay it.
/// </summary>
public class InvoiceControlPropertyTests
{
    private static readonly Config Quick = Config.QuickThrowOnFailure.WithMaxTest(300).WithQuietOnSuccess(true);

    /// <summary>An invoice and its context, shown readably when a property fails.</summary>
    public sealed record Case(InvoiceDocument Invoice, ControlContext Context)
    {
        public override string ToString() =>
            $"{Invoice.Period} [{string.Join("; ", Invoice.Lines.Select(l => $"{l.Position} {l.Description} {l.Quantity} × {l.UnitPrice} = {l.NetAmount} @{l.VatRate}"))}] "
            + $"totals {Invoice.Totals}, penalties [{string.Join("; ", Context.PenaltyStatements)}], tolerance {Context.Tolerance}";
    }

    private static Gen<decimal> Cents(int min, int max) => Gen.Choose(min, max).Select(c => c / 100m);

    private static readonly Gen<InvoiceLine> Development =
        Gen.Choose(1, 40).Select(halfDays => Dev(0, halfDays / 2m));

    private static readonly Gen<InvoiceLine> Others =
        from price in Cents(1, 500_000)
        from quantity in Gen.Choose(1, 12)
        from rate in Gen.Elements(5.5m, 20m)
        from description in Gen.Elements("Frais de déplacement", "Documentation technique imprimée", "Licences", "Prestations diverses")
        select Line(0, description, quantity, price, vatRate: rate);

    private static readonly Gen<Case> Compliant =
        from month in Gen.Choose(0, 35)
        from dev in Gen.Choose(0, 6).SelectMany(n => Development.ArrayOf(n))
        from workstations in Gen.Choose(0, 8).SelectMany(n => Gen.Choose(1, 15).ArrayOf(n))
        from others in Gen.Choose(0, 4).SelectMany(n => Others.ArrayOf(n))
        from penalties in Gen.Frequency((1, Gen.Constant(0m)), (3, Cents(1, 300_000)))
        from split in Gen.Elements(false, true)
        select Build(month, dev, workstations, others, penalties, split);

    private static Case Build(int month, InvoiceLine[] dev, int[] workstations, InvoiceLine[] others, decimal penalties, bool split)
    {
        var start = new DateOnly(2026, 1, 1).AddMonths(month);
        var period = new InvoicePeriod(start, BillingCalendar.LastOfMonth(start));
        var lines = new List<InvoiceLine> { Fee() };
        lines.AddRange(dev);
        lines.AddRange(workstations.Select(count => Line(0, "UO-POSTE Maintien en condition opérationnelle", count, 45m)));
        lines.AddRange(others);
        if (penalties > 0)
        {
            var first = split ? PenaltyStatement.Cents(penalties / 3m) : penalties;
            lines.Add(Penalty(0, first));
            if (split)
            {
                lines.Add(Penalty(0, penalties - first));
            }
        }

        var invoice = Invoice(lines.Select((line, index) => line with { Position = index + 1 }), period);
        var context = Context() with { PenaltyStatements = [new IssuedPenaltyStatement(BillingCalendar.MonthOf(start), penalties)] };
        return new Case(invoice, context);
    }

    /// <summary>One thing made wrong: a net, a unit price, the fee, the penalties, a total, or the volume.</summary>
    private static readonly Gen<Case> Wrong =
        from c in Compliant
        from mutation in Gen.Choose(0, 5)
        from cents in Gen.Choose(1, 50_000).Select(n => n / 100m)
        from tolerance in Gen.Elements(ControlTolerance.None, new ControlTolerance(Amount: 1m), new ControlTolerance(Percent: 0.5m), new ControlTolerance(5m, 1m))
        select new Case(Mutate(c.Invoice, mutation, cents), c.Context with { Tolerance = tolerance });

    private static InvoiceDocument Mutate(InvoiceDocument invoice, int mutation, decimal cents)
    {
        var lines = invoice.Lines.ToList();
        switch (mutation)
        {
            case 0:
                lines[^1] = lines[^1] with { NetAmount = lines[^1].NetAmount + cents };
                break;
            case 1:
                lines.Add(Dev(lines.Count + 1, 2m, 650m + cents));
                break;
            case 2:
                lines[0] = Fee(1, 13_200m - cents);
                break;
            case 3:
                lines.Add(Penalty(lines.Count + 1, cents));
                break;
            case 4:
                return invoice with { Totals = invoice.Totals with { Payable = invoice.Totals.Payable + cents } };
            default:
                lines.Add(Line(lines.Count + 1, "UO-POSTE Maintien en condition opérationnelle", 121m, 45m));
                break;
        }

        return Invoice(lines, invoice.Period);
    }

    private static InvoiceDocument Shuffled(InvoiceDocument invoice, int seed)
    {
        var lines = invoice.Lines.ToArray();
        new Random(seed).Shuffle(lines);
        return invoice with { Lines = lines };
    }

    private static void Check(Property property) => FsCheck.Check.One(Quick, property);

    [Fact]
    public void A_compliant_invoice_stays_compliant_when_its_lines_are_reordered()
    {
        var cases = from c in Compliant from seed in Gen.Choose(0, int.MaxValue) select (Case: c, Seed: seed);
        Check(Prop.ForAll(cases.ToArbitrary(), x =>
        {
            var (c, seed) = x;
            var result = InvoiceControl.Check(c.Invoice, c.Context);
            Assert.True(result.Compliant, Describe(result));
            Assert.Empty(result.Discrepancies);

            var shuffled = Shuffled(c.Invoice, seed);
            var reordered = InvoiceControl.Check(shuffled, c.Context);
            Assert.True(reordered.Compliant, Describe(reordered));
            Assert.Equal(shuffled.Lines.Select(line => LineKindRecognition.Recognise(line, LineKindContext.Of(shuffled, c.Context))), reordered.LineKinds);
        }));
    }

    [Fact]
    public void The_discrepancies_do_not_depend_on_the_order_of_the_lines()
    {
        var cases = from c in Wrong from seed in Gen.Choose(0, int.MaxValue) select (Case: c, Seed: seed);
        Check(Prop.ForAll(cases.ToArbitrary(), x =>
        {
            var (c, seed) = x;
            var result = InvoiceControl.Check(c.Invoice, c.Context);
            var reordered = InvoiceControl.Check(Shuffled(c.Invoice, seed), c.Context);

            Assert.Equal(Describe(result), Describe(reordered));
            Assert.Equal(result.TotalAtStake, reordered.TotalAtStake);
        }));
    }

    [Fact]
    public void Something_made_wrong_is_found_and_the_total_at_stake_sums_the_blocking_amounts()
    {
        Check(Prop.ForAll(Wrong.ToArbitrary(), c =>
        {
            var result = InvoiceControl.Check(c.Invoice, c.Context);

            Assert.NotEmpty(result.Discrepancies);
            Assert.Equal(result.Discrepancies.Where(d => d.Blocking).Sum(d => d.AmountAtStake), result.TotalAtStake);
            Assert.Equal(result.Discrepancies.All(d => !d.Blocking), result.Compliant);
            Assert.All(result.Discrepancies, d =>
            {
                Assert.True(d.AmountAtStake > 0 || d.Code == DiscrepancyCodes.Period, $"{d.Code}: {d.AmountAtStake}");
                Assert.Equal(PenaltyStatement.Cents(d.AmountAtStake), d.AmountAtStake);
                Assert.True(d.Blocking || d.Code is DiscrepancyCodes.Arithmetic or DiscrepancyCodes.FixedFee or DiscrepancyCodes.UnitPrice, d.Code);
            });
        }));
    }

    [Fact]
    public void A_wider_tolerance_finds_the_same_discrepancies_and_never_blocks_more()
    {
        var cases =
            from c in Wrong
            from amount in Cents(0, 100_000)
            from percent in Cents(0, 500)
            select (Case: c, Amount: amount, Percent: percent);
        Check(Prop.ForAll(cases.ToArbitrary(), x =>
        {
            var narrow = InvoiceControl.Check(x.Case.Invoice, x.Case.Context with { Tolerance = new ControlTolerance(x.Amount, x.Percent) });
            var wide = InvoiceControl.Check(x.Case.Invoice, x.Case.Context with { Tolerance = new ControlTolerance(x.Amount * 2, x.Percent * 2) });

            Assert.Equal(narrow.Discrepancies.Select(d => (d.Code, d.Line, d.AmountAtStake)), wide.Discrepancies.Select(d => (d.Code, d.Line, d.AmountAtStake)));
            Assert.All(narrow.Discrepancies.Zip(wide.Discrepancies), pair => Assert.True(pair.First.Blocking || !pair.Second.Blocking));
            Assert.True(wide.TotalAtStake <= narrow.TotalAtStake);
        }));
    }

    private static readonly Gen<InvoicePeriod> Periods =
        from start in Gen.Choose(0, 1_000)
        from length in Gen.Choose(0, 120)
        select new InvoicePeriod(new DateOnly(2026, 1, 1).AddDays(start), new DateOnly(2026, 1, 1).AddDays(start + length));

    private static readonly PriceBook OneFee = new(Context().Prices);

    [Fact]
    public void The_prorated_fee_adds_up_across_a_month_end_and_is_the_whole_fee_for_whole_months()
    {
        Check(Prop.ForAll(Periods.ToArbitrary(), period =>
        {
            var fee = BillingCalendar.ProratedMonthlyFee(period, OneFee);
            var months = BillingCalendar.MonthsOf(period).ToArray();

            // Month by month, each to the cent: the parts add up exactly.
            Assert.Equal(fee, months.Sum(month => BillingCalendar.ProratedMonthlyFee(month, OneFee)));
            Assert.True(fee <= 13_200m * months.Length);
            Assert.True(fee > 0);
            Assert.Equal(BillingCalendar.Days(period), months.Sum(BillingCalendar.Days));

            var whole = new InvoicePeriod(BillingCalendar.FirstOfMonth(period.Start), BillingCalendar.LastOfMonth(period.End));
            Assert.Equal(13_200m * months.Length, BillingCalendar.ProratedMonthlyFee(whole, OneFee));
        }));
    }

    [Fact]
    public void Splitting_a_month_in_two_changes_its_prorated_fee_by_a_cent_at_most()
    {
        var cases =
            from period in Periods
            let month = BillingCalendar.MonthsOf(period).First()
            from cut in Gen.Choose(0, BillingCalendar.Days(month) - 1)
            select (Month: month, Cut: month.Start.AddDays(cut));
        Check(Prop.ForAll(cases.ToArbitrary(), x =>
        {
            var whole = BillingCalendar.ProratedMonthlyFee(x.Month, OneFee);
            var first = BillingCalendar.ProratedMonthlyFee(new InvoicePeriod(x.Month.Start, x.Cut), OneFee);
            var second = x.Cut < x.Month.End ? BillingCalendar.ProratedMonthlyFee(new InvoicePeriod(x.Cut.AddDays(1), x.Month.End), OneFee) : 0m;

            Assert.True(Math.Abs(first + second - whole) <= 0.01m, $"{first} + {second} vs {whole}");
        }));
    }
}
