using FsCheck;
using FsCheck.Fluent;
using Infogerance.IntegrationEvents;
using Infogerance.Invoicing.Domain;

namespace Infogerance.Invoicing.Tests;

/// <summary>
/// Properties of the statement over random months: rules of every kind (caps, franchise and minimum often absent),
/// breaches bunched on a few instants so that the franchise's ties are frequent, clocks and services. FsCheck prints
/// the failing case and the seed to replay it.
/// </summary>
public class PropertyTests
{
    private static readonly Config Quick = Config.QuickThrowOnFailure.WithMaxTest(500).WithQuietOnSuccess(true);

    private static readonly StatementMonth March = StatementMonth.Of(2027, 3, "Europe/Paris");
    private static readonly string[] Priorities = ["P1", "P2", "P3", "P4"];
    private static readonly string[] Clocks = [SlaClocks.Respond, SlaClocks.Resolve];

    /// <summary>A month's figures, shown readably when a property fails.</summary>
    public sealed record Case(decimal Fee, PenaltyRules Rules, PenaltyBreach[] Breaches, CompletedClock[] Clocks, ServiceAvailability[] Services, decimal YearToDate)
    {
        public StatementInput Input(IEnumerable<PenaltyBreach>? breaches = null) =>
            new(March, Fee, Rules, [.. breaches ?? Breaches], Clocks, Services, YearToDate);

        public override string ToString() =>
            $"fee {Fee}, ytd {YearToDate}, free {Rules.MonthlyFreeBreaches}, caps {Rules.MonthlyCapPercent}/{Rules.AnnualCapPercent}, min {Rules.MinimumTotal}, "
            + $"rules [{string.Join("; ", Rules.PerBreach)}], breaches [{string.Join("; ", Breaches.Select(b => $"#{b.Ticket} {b.Priority} {b.Clock} {b.BreachedAt:O}"))}], "
            + $"clocks {Clocks.Length}, services [{string.Join("; ", Services)}]";
    }

    private static Gen<decimal> Euros(int maxCents) => Gen.Choose(0, maxCents).Select(c => c / 100m);

    /// <summary>A percentage to the hundredth, zero (none) one time in three.</summary>
    private static Gen<decimal> OptionalPercent(int max) =>
        Gen.Frequency((1, Gen.Constant(0m)), (2, Gen.Choose(1, max * 100).Select(p => p / 100m)));

    private static readonly Gen<BreachPenalty> BreachRules =
        from priority in Gen.Elements(Priorities)
        from clock in Gen.Elements<string?>(null, SlaClocks.Respond, SlaClocks.Resolve)
        from percent in Gen.Elements(true, false)
        from amount in percent ? Gen.Choose(0, 1_000).Select(p => p / 100m) : Euros(200_000)
        select new BreachPenalty(priority, percent ? PenaltyKinds.PercentOfFee : PenaltyKinds.Fixed, amount, clock);

    private static readonly Gen<PenaltyRules> Rules =
        from perBreach in Gen.Choose(0, 5).SelectMany(n => BreachRules.ArrayOf(n))
        from free in Gen.Frequency((1, Gen.Constant(0)), (2, Gen.Choose(1, 6)))
        from targetCount in Gen.Choose(0, 2)
        from targets in (from priority in Gen.Elements(Priorities)
                         from clock in Gen.Elements(Clocks)
                         from target in Gen.Choose(50, 100)
                         from perPoint in Gen.Choose(0, 200).Select(p => p / 100m)
                         from max in Gen.Choose(0, 20)
                         select new SuccessRateTarget(priority, clock, target, perPoint, max)).ArrayOf(targetCount)
        from bandCount in Gen.Choose(0, 3)
        from bands in (from below in Gen.Choose(9_000, 10_000).Select(p => p / 100m)
                       from penalty in Gen.Choose(0, 3_000).Select(p => p / 100m)
                       select new AvailabilityBand(below, penalty)).ArrayOf(bandCount)
        from monthlyCap in OptionalPercent(50)
        from annualCap in OptionalPercent(30)
        from minimum in Gen.Frequency((1, Gen.Constant(0m)), (1, Euros(50_000)))
        select new PenaltyRules
        {
            PerBreach = perBreach,
            MonthlyFreeBreaches = free,
            SuccessRateTargets = targets,
            AvailabilityBands = bands,
            MonthlyCapPercent = monthlyCap,
            AnnualCapPercent = annualCap,
            MinimumTotal = minimum,
        };

    /// <summary>Breaches on a handful of instants of the month (ties are common), tickets 1–8.</summary>
    private static readonly Gen<PenaltyBreach> Breaches =
        from ticket in Gen.Choose(1, 8)
        from priority in Gen.Elements(Priorities)
        from clock in Gen.Elements(Clocks)
        from slot in Gen.Choose(0, 12)
        select new PenaltyBreach(ticket, priority, clock, March.InZone(March.Start.ToDateTimeOffset().AddHours(slot * 59)));

    private static readonly Gen<Case> Cases =
        from fee in Euros(5_000_000)
        from rules in Rules
        from breaches in Gen.Choose(0, 25).SelectMany(n => Breaches.ArrayOf(n))
        from clocks in Gen.Choose(0, 60).SelectMany(n =>
            (from priority in Gen.Elements(Priorities)
             from clock in Gen.Elements(Clocks)
             from met in Gen.Frequency((1, Gen.Constant(false)), (4, Gen.Constant(true)))
             select new CompletedClock(priority, clock, met)).ArrayOf(n))
        from services in Gen.Choose(0, 3).SelectMany(n =>
            Gen.Choose(9_000, 10_000).Select(p => new ServiceAvailability("S", p / 100m)).ArrayOf(n))
        from yearToDate in Gen.Frequency((1, Gen.Constant(0m)), (2, Euros(10_000_000)))
        select new Case(fee, rules, breaches, clocks, services, yearToDate);

    private static void Check(Property property) => FsCheck.Check.One(Quick, property);

    [Fact]
    public void The_total_never_exceeds_either_cap_nor_the_gross_and_the_deductions_add_up()
    {
        Check(Prop.ForAll(Cases.ToArbitrary(), c =>
        {
            var result = PenaltyStatement.Compute(c.Input());
            var rules = c.Rules;

            Assert.True(result.Total >= 0);
            Assert.True(result.Total <= result.GrossAmount);
            Assert.True(result.FreeAmount <= result.GrossAmount);
            if (rules.MonthlyCapPercent > 0)
            {
                Assert.True(result.Total <= PenaltyStatement.PercentOf(c.Fee, rules.MonthlyCapPercent));
            }
            else
            {
                Assert.Equal(0m, result.MonthlyCapDeducted);
            }

            if (rules.AnnualCapPercent > 0)
            {
                Assert.True(result.Total <= Math.Max(0m, PenaltyStatement.PercentOf(12 * c.Fee, rules.AnnualCapPercent) - c.YearToDate));
            }
            else
            {
                Assert.Equal(0m, result.AnnualCapDeducted);
            }

            Assert.True(result.MonthlyCapDeducted >= 0 && result.AnnualCapDeducted >= 0);
            var settled = result.GrossAmount - result.FreeAmount - result.MonthlyCapDeducted - result.AnnualCapDeducted;
            Assert.Equal(result.BelowMinimum ? 0m : settled, result.Total);
            Assert.True(result.BelowMinimum ? settled < rules.MinimumTotal : result.Total >= rules.MinimumTotal);
            Assert.Equal(result.GrossAmount, result.Lines.Sum(l => l.Amount));
            Assert.Equal(result.FreeAmount, result.Lines.Where(l => l.Free).Sum(l => l.Amount));
            Assert.Equal(Math.Min(rules.MonthlyFreeBreaches, c.Breaches.Length), result.Lines.Count(l => l.Free));
            Assert.All(result.Lines, l => Assert.Equal(PenaltyStatement.Cents(l.Amount), l.Amount));
        }));
    }

    /// <summary>
    /// Adding a breach never lowers the total. Precisely: the net rises by exactly the price of the breach that
    /// becomes billed (the new one, or, when it falls within the franchise, the one it pushes out of it, or nothing
    /// when the franchise still covers every breach); the total rises by that same amount unless a cap binds (then by
    /// less, possibly nothing) or the minimum is crossed (then from nothing to the whole).
    /// </summary>
    [Fact]
    public void Adding_a_breach_never_lowers_the_total_and_raises_the_net_by_the_price_of_the_breach_it_bills()
    {
        var cases =
            from c in Cases
            from added in Breaches
            select (Case: c, Added: added);
        Check(Prop.ForAll(cases.ToArbitrary(), x =>
        {
            var (c, added) = x;
            var before = PenaltyStatement.Compute(c.Input());
            var after = PenaltyStatement.Compute(c.Input([.. c.Breaches, added]));

            Assert.True(after.Total >= before.Total, $"{before.Total} then {after.Total}");

            var ordered = PenaltyStatement.OrderedBreaches(March, [.. c.Breaches, added]);
            var free = c.Rules.MonthlyFreeBreaches;
            var position = Array.IndexOf(ordered, added);
            var billed = position >= free ? added : ordered.Length > free ? ordered[free] : null;
            var price = billed is null ? 0m : PenaltyStatement.Price(c.Rules.PerBreach, billed, c.Fee).Amount;
            var netBefore = before.GrossAmount - before.FreeAmount;
            var netAfter = after.GrossAmount - after.FreeAmount;
            Assert.Equal(price, netAfter - netBefore);

            var capped = after.MonthlyCapDeducted + after.AnnualCapDeducted > before.MonthlyCapDeducted + before.AnnualCapDeducted;
            if (!capped && !before.BelowMinimum && !after.BelowMinimum)
            {
                Assert.Equal(price, after.Total - before.Total);
            }
            else if (!before.BelowMinimum)
            {
                Assert.True(after.Total - before.Total <= price);
            }
        }));
    }

    [Fact]
    public void The_order_the_breaches_are_given_in_does_not_matter()
    {
        var cases =
            from c in Cases
            from seed in Gen.Choose(0, int.MaxValue)
            select (Case: c, Seed: seed);
        Check(Prop.ForAll(cases.ToArbitrary(), x =>
        {
            var shuffled = x.Case.Breaches.ToArray();
            new Random(x.Seed).Shuffle(shuffled);
            Assert.Equal(PenaltyStatement.Compute(x.Case.Input()).Total, PenaltyStatement.Compute(x.Case.Input(shuffled)).Total);
            Assert.Equal(
                PenaltyStatement.Compute(x.Case.Input()).Lines.Select(l => (l.Ticket, l.Clock, l.Free)),
                PenaltyStatement.Compute(x.Case.Input(shuffled)).Lines.Select(l => (l.Ticket, l.Clock, l.Free)));
        }));
    }
}
