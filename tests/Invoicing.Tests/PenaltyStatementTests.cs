using Infogerance.IntegrationEvents;
using Infogerance.Invoicing.Domain;
using static Infogerance.Invoicing.Tests.Statements;

namespace Infogerance.Invoicing.Tests;

/// <summary>Each statement rule on figures worked out by hand.</summary>
public class PenaltyStatementTests
{
    private const string Respond = SlaClocks.Respond;
    private const string Resolve = SlaClocks.Resolve;

    private static BreachPenalty Fixed(string priority, decimal amount, string? clock = null) => new(priority, PenaltyKinds.Fixed, amount, clock);

    private static BreachPenalty OfFee(string priority, decimal percent, string? clock = null) => new(priority, PenaltyKinds.PercentOfFee, percent, clock);

    /// <summary>
    /// The issue's example: the P1 breach (500 €) is the month's one free breach; 100 % of the P2 clocks met; ERP at
    /// 99.1 % is below 99.5 %: 5 % of 13,200 = 660 €. Gross 1,160, free 500, net 660, under the monthly cap
    /// (25 % = 3,300); the annual cap (12 % × 12 × 13,200 = 19,008) is already exceeded by 55,000: all 660 deducted;
    /// 0 is below the 100 € minimum.
    /// </summary>
    [Fact]
    public void The_issue_example_bills_nothing_once_the_annual_cap_is_spent()
    {
        var rules = IssueRules;

        var result = Compute(
            rules,
            breaches: [Breach(1042, "P1", Resolve, DateTimeOffset.Parse("2027-03-02T10:00:00+01:00", System.Globalization.CultureInfo.InvariantCulture))],
            clocks: [new CompletedClock("P2", Resolve, true)],
            availability: [new ServiceAvailability("ERP", 99.1m)],
            yearToDate: 55_000m);

        Assert.Equal(1_160m, result.GrossAmount);
        Assert.Equal(500m, result.FreeAmount);
        Assert.Equal(0m, result.MonthlyCapDeducted);
        Assert.Equal(660m, result.AnnualCapDeducted);
        Assert.True(result.BelowMinimum);
        Assert.Equal(0m, result.Total);

        Assert.Equal(2, result.Lines.Count);
        var breach = result.Lines[0];
        Assert.Equal((PenaltyLineKinds.Breach, 500m, true, "perBreach[0]", 1042L), (breach.Kind, breach.Amount, breach.Free, breach.Rule, breach.Ticket!.Value));
        var band = result.Lines[1];
        Assert.Equal((PenaltyLineKinds.Availability, 660m, false, "availabilityBands[0]", "ERP"), (band.Kind, band.Amount, band.Free, band.Rule, band.Service));
    }

    [Fact]
    public void The_issue_example_with_nothing_applied_yet_bills_the_band()
    {
        var result = Compute(
            IssueRules,
            breaches: [Breach(1042, "P1", Resolve, March(2))],
            clocks: [new CompletedClock("P2", Resolve, true)],
            availability: [new ServiceAvailability("ERP", 99.1m)]);

        Assert.Equal((1_160m, 500m, 0m, 0m, false, 660m), (result.GrossAmount, result.FreeAmount, result.MonthlyCapDeducted, result.AnnualCapDeducted, result.BelowMinimum, result.Total));
    }

    private static PenaltyRules IssueRules => new()
    {
        PerBreach = [Fixed("P1", 500m, Resolve)],
        MonthlyFreeBreaches = 1,
        SuccessRateTargets = [new SuccessRateTarget("P2", Resolve, 95m, 0.5m, 5m)],
        AvailabilityBands = [new AvailabilityBand(99.5m, 5m)],
        MonthlyCapPercent = 25m,
        AnnualCapPercent = 12m,
        MinimumTotal = 100m,
    };

    // 1. Per breach.

    [Fact]
    public void A_breach_no_rule_matches_costs_nothing_and_names_no_rule()
    {
        var result = Compute(new PenaltyRules { PerBreach = [Fixed("P1", 500m, Resolve)] }, breaches: [Breach(1, "P2", Resolve, March(3)), Breach(2, "P1", Respond, March(3))]);

        Assert.Equal(0m, result.Total);
        Assert.All(result.Lines, line => Assert.Equal((0m, (string?)null), (line.Amount, line.Rule)));
    }

    [Fact]
    public void No_rules_at_all_cost_nothing()
    {
        var result = Compute(new PenaltyRules(), breaches: [Breach(1, "P1", Resolve, March(3))], clocks: Clocks("P1", Resolve, 0, 10), availability: [new("ERP", 10m)]);

        Assert.Equal((0m, 0m, 0m), (result.GrossAmount, result.FreeAmount, result.Total));
    }

    [Fact]
    public void The_first_matching_rule_prices_the_breach_and_a_rule_without_clock_matches_both()
    {
        var rules = new PenaltyRules { PerBreach = [Fixed("P1", 100m, Respond), Fixed("P1", 300m), Fixed("P1", 900m, Resolve)] };

        var result = Compute(rules, breaches: [Breach(1, "P1", Respond, March(3)), Breach(2, "P1", Resolve, March(4))]);

        Assert.Equal([(100m, "perBreach[0]"), (300m, "perBreach[1]")], result.Lines.Select(l => (l.Amount, l.Rule)));
        Assert.Equal(400m, result.Total);
    }

    [Theory]
    [InlineData(101, 0.5, 0.51)]      // 0.505: half away from zero, not to even (0.50)
    [InlineData(102.5, 1, 1.03)]      // 1.025
    [InlineData(13_200, 0.125, 16.5)]
    [InlineData(999.99, 3.3333, 33.33)]
    public void A_percentage_of_the_fee_is_rounded_to_the_cent_half_away_from_zero(decimal fee, decimal percent, decimal expected)
    {
        var result = Compute(new PenaltyRules { PerBreach = [OfFee("P2", percent)] }, fee, [Breach(1, "P2", Resolve, March(3))]);

        Assert.Equal(expected, result.Lines.Single().Amount);
    }

    [Fact]
    public void A_fixed_amount_given_beyond_the_cent_is_rounded_to_it()
    {
        var result = Compute(new PenaltyRules { PerBreach = [Fixed("P3", 10.005m)] }, breaches: [Breach(1, "P3", Respond, March(3))]);

        Assert.Equal(10.01m, result.Total);
    }

    [Fact]
    public void Each_breach_is_rounded_before_the_sum()
    {
        // 0.505 € three times: 0.51 each, 1.53 in all (not 1.515 → 1.52).
        var result = Compute(new PenaltyRules { PerBreach = [OfFee("P2", 0.5m)] }, 101m, [Breach(1, "P2", Resolve, March(3)), Breach(2, "P2", Resolve, March(4)), Breach(3, "P2", Resolve, March(5))]);

        Assert.Equal(1.53m, result.Total);
    }

    // 2. Franchise.

    [Fact]
    public void The_franchise_frees_the_first_breaches_in_time_whatever_they_cost_and_gross_keeps_them()
    {
        var rules = new PenaltyRules { PerBreach = [Fixed("P1", 1_000m), Fixed("P4", 10m)], MonthlyFreeBreaches = 2 };

        // Given out of order: the two earliest are the cheap P4 ones, so the expensive P1 breaches are billed.
        var result = Compute(rules, breaches: [Breach(9, "P1", Resolve, March(20)), Breach(3, "P4", Resolve, March(2)), Breach(8, "P1", Resolve, March(15)), Breach(4, "P4", Resolve, March(5))]);

        Assert.Equal([3L, 4L, 8L, 9L], result.Lines.Select(l => l.Ticket!.Value));
        Assert.Equal([true, true, false, false], result.Lines.Select(l => l.Free));
        Assert.Equal((2_020m, 20m, 2_000m), (result.GrossAmount, result.FreeAmount, result.Total));
    }

    [Fact]
    public void Ties_in_the_franchise_go_to_the_lower_ticket_then_respond_before_resolve()
    {
        var rules = new PenaltyRules { PerBreach = [Fixed("P1", 100m, Respond), Fixed("P1", 1_000m, Resolve)], MonthlyFreeBreaches = 2 };
        var at = March(10, 9, 30);

        var result = Compute(rules, breaches: [Breach(7, "P1", Resolve, at), Breach(7, "P1", Respond, at), Breach(5, "P1", Resolve, at.ToOffset(TimeSpan.Zero))]);

        Assert.Equal([(5L, Resolve, true), (7L, Respond, true), (7L, Resolve, false)], result.Lines.Select(l => (l.Ticket!.Value, l.Clock, l.Free)));
        Assert.Equal((2_100m, 1_100m, 1_000m), (result.GrossAmount, result.FreeAmount, result.Total));
    }

    [Fact]
    public void A_franchise_larger_than_the_month_frees_every_breach()
    {
        var result = Compute(new PenaltyRules { PerBreach = [Fixed("P1", 500m)], MonthlyFreeBreaches = 5 }, breaches: [Breach(1, "P1", Resolve, March(3)), Breach(2, "P1", Resolve, March(4))]);

        Assert.Equal((1_000m, 1_000m, 0m), (result.GrossAmount, result.FreeAmount, result.Total));
    }

    // The month in its zone, either side of the daylight-saving changes.

    /// <summary>Paris is at UTC+2 from 28 March 2027: 1 April 00:30 is 31 March 22:30 UTC; 31 March 23:59:59 is 21:59:59 UTC.</summary>
    [Fact]
    public void After_the_spring_change_a_breach_at_00_30_on_the_1st_belongs_to_the_new_month() =>
        AssertEitherSideOfMonthEnd(2027, 3, new(2027, 3, 31, 21, 59, 59, TimeSpan.Zero), "2027-03-31T23:59:59+02:00", new(2027, 3, 31, 22, 30, 0, TimeSpan.Zero), "2027-04-01T00:30:00+02:00");

    /// <summary>Paris is back at UTC+1 from 31 October 2027 03:00: 1 November 00:30 is 31 October 23:30 UTC, 31 October 23:30 is 22:30 UTC.</summary>
    [Fact]
    public void After_the_autumn_change_a_breach_at_00_30_on_the_1st_belongs_to_the_new_month() =>
        AssertEitherSideOfMonthEnd(2027, 10, new(2027, 10, 31, 22, 30, 0, TimeSpan.Zero), "2027-10-31T23:30:00+01:00", new(2027, 10, 31, 23, 30, 0, TimeSpan.Zero), "2027-11-01T00:30:00+01:00");

    /// <summary>Ticket 2 breaches just before the month's end in Paris, ticket 1 just after: each is in its own month, shown at Paris's offset.</summary>
    private static void AssertEitherSideOfMonthEnd(int year, int month, DateTimeOffset before, string beforeInParis, DateTimeOffset after, string afterInParis)
    {
        var rules = new PenaltyRules { PerBreach = [Fixed("P1", 500m)] };
        var breaches = new[] { Breach(1, "P1", Resolve, after), Breach(2, "P1", Resolve, before) };

        var first = Compute(rules, breaches: breaches, month: StatementMonth.Of(year, month, "Europe/Paris"));
        var next = Compute(rules, breaches: breaches, month: StatementMonth.Of(month == 12 ? year + 1 : year, month % 12 + 1, "Europe/Paris"));

        Assert.Equal([(2L, beforeInParis)], first.Lines.Select(l => (l.Ticket!.Value, Iso(l.BreachedAt!.Value))));
        Assert.Equal([(1L, afterInParis)], next.Lines.Select(l => (l.Ticket!.Value, Iso(l.BreachedAt!.Value))));

        static string Iso(DateTimeOffset at) => at.ToString("yyyy-MM-dd'T'HH:mm:sszzz", System.Globalization.CultureInfo.InvariantCulture);
    }

    [Fact]
    public void A_month_runs_from_midnight_to_midnight_in_its_zone()
    {
        var march = StatementMonth.Of(2027, 3, "Europe/Paris");

        Assert.False(march.Contains(new DateTimeOffset(2027, 2, 28, 22, 59, 59, TimeSpan.Zero)));
        Assert.True(march.Contains(new DateTimeOffset(2027, 2, 28, 23, 0, 0, TimeSpan.Zero)));
        Assert.True(march.Contains(new DateTimeOffset(2027, 3, 31, 21, 59, 59, TimeSpan.Zero)));
        Assert.False(march.Contains(new DateTimeOffset(2027, 3, 31, 22, 0, 0, TimeSpan.Zero)));
        // The same instants in UTC's March.
        Assert.False(StatementMonth.Of(2027, 3, "UTC").Contains(new DateTimeOffset(2027, 2, 28, 23, 0, 0, TimeSpan.Zero)));
        Assert.True(StatementMonth.Of(2027, 3, "UTC").Contains(new DateTimeOffset(2027, 3, 31, 22, 0, 0, TimeSpan.Zero)));
    }

    [Fact]
    public void Breaches_outside_the_month_are_not_the_months()
    {
        var result = Compute(new PenaltyRules { PerBreach = [Fixed("P1", 500m)] }, breaches: [Breach(1, "P1", Resolve, new DateTimeOffset(2027, 4, 2, 0, 0, 0, TimeSpan.Zero))]);

        Assert.Empty(result.Lines);
        Assert.Equal(0m, result.GrossAmount);
    }

    // 3. Success rates.

    private static PenaltyRules P2Resolve95 => new() { SuccessRateTargets = [new SuccessRateTarget("P2", Resolve, 95m, 0.5m, 5m)] };

    [Fact]
    public void Only_full_points_below_the_target_count()
    {
        // 92.99 %: 2.01 points below 95, so 2 full points × 0.5 % = 1 % of 13,200 = 132 €.
        var result = Compute(P2Resolve95, clocks: Clocks("P2", Resolve, 9_299, 701));

        var line = Assert.Single(result.Lines);
        Assert.Equal((PenaltyLineKinds.SuccessRate, 2, 92.99m, 132m, "successRateTargets[0]"), (line.Kind, line.Points!.Value, line.RatePercent!.Value, line.Amount, line.Rule));
        Assert.Equal((10_000, 9_299), (line.Completed!.Value, line.Met!.Value));
        Assert.Equal(132m, result.Total);
    }

    [Fact]
    public void Exactly_on_target_credits_nothing_and_less_than_a_point_below_credits_nothing()
    {
        Assert.Empty(Compute(P2Resolve95, clocks: Clocks("P2", Resolve, 95, 5)).Lines);
        Assert.Empty(Compute(P2Resolve95, clocks: Clocks("P2", Resolve, 100, 0)).Lines);

        // 94.01 %: 0.99 point below, no full point.
        var under = Compute(P2Resolve95, clocks: Clocks("P2", Resolve, 9_401, 599));
        Assert.Equal((0, 0m), (under.Lines.Single().Points!.Value, under.Total));

        // 94 % exactly: one full point.
        Assert.Equal(66m, Compute(P2Resolve95, clocks: Clocks("P2", Resolve, 94, 6)).Total);
    }

    [Fact]
    public void A_rate_that_is_not_a_whole_fraction_counts_full_points_exactly()
    {
        // 2 of 3: 66.666… %, 28.33 points below 95 → 28 points × 0.5 = 14 % capped at 5 % = 660 €.
        var result = Compute(P2Resolve95, clocks: Clocks("P2", Resolve, 2, 1));

        Assert.Equal((28, 66.67m, 660m), (result.Lines[0].Points!.Value, result.Lines[0].RatePercent!.Value, result.Total));
    }

    [Fact]
    public void The_credit_stops_at_its_maximum()
    {
        // 80 %: 15 points × 0.5 = 7.5 %, capped at 5 % = 660 €.
        Assert.Equal(660m, Compute(P2Resolve95, clocks: Clocks("P2", Resolve, 80, 20)).Total);
        // 86 %: 9 points × 0.5 = 4.5 % = 594 €.
        Assert.Equal(594m, Compute(P2Resolve95, clocks: Clocks("P2", Resolve, 86, 14)).Total);
    }

    [Fact]
    public void Without_completed_clocks_of_the_target_there_is_no_credit()
    {
        var result = Compute(P2Resolve95, clocks: [.. Clocks("P2", Respond, 0, 10), .. Clocks("P1", Resolve, 0, 10)]);

        Assert.Empty(result.Lines);
    }

    [Fact]
    public void A_reopened_tickets_clock_counts_once_at_its_latest_completion()
    {
        // Ticket 1 missed on the 3rd, reopened, met on the 10th; ticket 2 met: 2 of 2 (not 2 of 3, 66 %).
        var clocks = new[]
        {
            new CompletedClock("P2", Resolve, false, 1, March(3)),
            new CompletedClock("P2", Resolve, true, 1, March(10)),
            new CompletedClock("P2", Resolve, true, 2, March(4)),
        };
        Assert.Empty(Compute(P2Resolve95, clocks: clocks).Lines);

        // The other way round: met first, missed at the latest completion: 1 of 2 = 50 %, 45 points → capped 660 €.
        var missedLast = new[]
        {
            new CompletedClock("P2", Resolve, true, 1, March(10)),
            new CompletedClock("P2", Resolve, false, 1, March(12)),
            new CompletedClock("P2", Resolve, true, 2, March(4)),
        };
        var result = Compute(P2Resolve95, clocks: missedLast);
        Assert.Equal((2, 1, 660m), (result.Lines[0].Completed!.Value, result.Lines[0].Met!.Value, result.Total));
    }

    [Fact]
    public void A_clock_completed_again_next_month_counts_in_next_month_only()
    {
        var clocks = new[]
        {
            new CompletedClock("P2", Resolve, false, 1, March(30)),
            new CompletedClock("P2", Resolve, true, 1, new DateTimeOffset(2027, 4, 2, 9, 0, 0, TimeSpan.FromHours(2))),
            new CompletedClock("P2", Resolve, true, 2, March(4)),
        };

        var march = Compute(P2Resolve95, clocks: clocks);
        var april = Compute(P2Resolve95, clocks: clocks, month: StatementMonth.Of(2027, 4, "Europe/Paris"));

        Assert.Empty(march.Lines); // ticket 2 alone: 1 of 1
        Assert.Empty(april.Lines); // ticket 1, met: 1 of 1
        Assert.Equal((1, 1), PenaltyStatement.CountClocks(StatementMonth.Of(2027, 4, "Europe/Paris"), clocks)[("P2", Resolve)]);
    }

    // 4. Availability.

    private static PenaltyRules Bands => new()
    {
        AvailabilityBands = [new AvailabilityBand(99m, 10m), new AvailabilityBand(99.5m, 5m), new AvailabilityBand(98m, 20m)],
    };

    [Theory]
    [InlineData(100, null)]
    [InlineData(99.5, null)]       // exactly at the threshold: not below it
    [InlineData(99.49, 660)]       // 5 %
    [InlineData(99, 660)]          // at 99: still only below 99.5
    [InlineData(98.99, 1_320)]     // 10 %
    [InlineData(98, 1_320)]
    [InlineData(97.99, 2_640)]     // 20 %, the deepest band only (bands are not cumulative)
    [InlineData(0, 2_640)]
    public void A_service_falls_in_the_deepest_band_whose_threshold_it_is_strictly_below(double percent, int? expected)
    {
        var result = Compute(Bands, availability: [new ServiceAvailability("ERP", (decimal)percent)]);

        Assert.Equal(expected ?? 0, result.Total);
        Assert.Equal(expected is null ? 0 : 1, result.Lines.Count);
    }

    [Fact]
    public void Each_service_has_its_own_band()
    {
        var result = Compute(Bands, fee: 1_000.01m, availability: [new("ERP", 99.2m), new("Mail", 97m), new("Web", 99.9m)]);

        Assert.Equal([("ERP", 50m, "availabilityBands[1]", 99.5m), ("Mail", 200m, "availabilityBands[2]", 98m)], result.Lines.Select(l => (l.Service!, l.Amount, l.Rule!, l.BelowPercent!.Value)));
        Assert.Equal(250m, result.Total);
    }

    // 5–8. Gross, net, caps, minimum.

    [Fact]
    public void The_monthly_cap_applies_after_the_franchise()
    {
        // Fee 1,000, cap 10 % = 100. Three breaches of 80 €, one free: gross 240, net 160, 60 over the cap.
        var rules = new PenaltyRules { PerBreach = [Fixed("P1", 80m)], MonthlyFreeBreaches = 1, MonthlyCapPercent = 10m };

        var result = Compute(rules, 1_000m, [Breach(1, "P1", Resolve, March(2)), Breach(2, "P1", Resolve, March(3)), Breach(3, "P1", Resolve, March(4))]);

        Assert.Equal((240m, 80m, 60m, 0m, 100m), (result.GrossAmount, result.FreeAmount, result.MonthlyCapDeducted, result.AnnualCapDeducted, result.Total));
    }

    [Fact]
    public void The_monthly_cap_is_taken_to_the_cent()
    {
        // 12.5 % of 100.1 = 12.5125 → 12.51.
        var result = WithNet(50m, new PenaltyRules { MonthlyCapPercent = 12.5m }, fee: 100.1m);

        Assert.Equal((37.49m, 12.51m), (result.MonthlyCapDeducted, result.Total));
    }

    [Fact]
    public void Under_the_monthly_cap_nothing_is_deducted_and_exactly_at_it_neither()
    {
        Assert.Equal((0m, 99.99m), Pair(WithNet(99.99m, new PenaltyRules { MonthlyCapPercent = 10m })));
        Assert.Equal((0m, 100m), Pair(WithNet(100m, new PenaltyRules { MonthlyCapPercent = 10m })));
        Assert.Equal((0.01m, 100m), Pair(WithNet(100.01m, new PenaltyRules { MonthlyCapPercent = 10m })));

        static (decimal, decimal) Pair(PenaltyStatementResult r) => (r.MonthlyCapDeducted, r.Total);
    }

    [Fact]
    public void The_annual_cap_partly_used_leaves_what_remains_of_it()
    {
        // 10 % of 12 × 1,000 = 1,200; 1,150 applied: 50 left of a net of 160.
        var result = WithNet(160m, new PenaltyRules { AnnualCapPercent = 10m }, yearToDate: 1_150m);

        Assert.Equal((0m, 110m, 50m), (result.MonthlyCapDeducted, result.AnnualCapDeducted, result.Total));
    }

    [Fact]
    public void The_annual_cap_exhausted_or_overrun_bills_nothing_more()
    {
        Assert.Equal((160m, 0m), Pair(WithNet(160m, new PenaltyRules { AnnualCapPercent = 10m }, yearToDate: 1_200m)));
        Assert.Equal((160m, 0m), Pair(WithNet(160m, new PenaltyRules { AnnualCapPercent = 10m }, yearToDate: 5_000m)));
        Assert.Equal((0m, 160m), Pair(WithNet(160m, new PenaltyRules { AnnualCapPercent = 10m }, yearToDate: 1_040m)));

        static (decimal, decimal) Pair(PenaltyStatementResult r) => (r.AnnualCapDeducted, r.Total);
    }

    [Fact]
    public void The_annual_cap_takes_what_the_monthly_cap_left()
    {
        // Net 500; monthly cap 25 % of 1,000 = 250 (250 deducted); annual cap 1,200 with 1,000 applied: 200 left (50 more deducted).
        var result = WithNet(500m, new PenaltyRules { MonthlyCapPercent = 25m, AnnualCapPercent = 10m }, yearToDate: 1_000m);

        Assert.Equal((250m, 50m, 200m), (result.MonthlyCapDeducted, result.AnnualCapDeducted, result.Total));
    }

    [Fact]
    public void The_minimum_exactly_reached_is_billed_and_a_cent_under_it_is_not()
    {
        var exactly = WithNet(100m, new PenaltyRules { MinimumTotal = 100m });
        var under = WithNet(99.99m, new PenaltyRules { MinimumTotal = 100m });

        Assert.Equal((false, 100m), (exactly.BelowMinimum, exactly.Total));
        Assert.Equal((true, 0m), (under.BelowMinimum, under.Total));
        Assert.Equal(99.99m, under.GrossAmount);
    }

    [Fact]
    public void The_minimum_applies_to_what_the_caps_leave()
    {
        // Net 300, monthly cap 5 % of 1,000 = 50, minimum 60: below it, nothing billed.
        var result = WithNet(300m, new PenaltyRules { MonthlyCapPercent = 5m, MinimumTotal = 60m });

        Assert.Equal((250m, true, 0m), (result.MonthlyCapDeducted, result.BelowMinimum, result.Total));
    }

    [Fact]
    public void Zero_caps_franchise_and_minimum_mean_none()
    {
        var result = WithNet(1_000_000m, new PenaltyRules());

        Assert.Equal((0m, 0m, false, 1_000_000m), (result.MonthlyCapDeducted, result.AnnualCapDeducted, result.BelowMinimum, result.Total));
    }

    [Fact]
    public void Gross_sums_breaches_credits_and_bands_free_breaches_included()
    {
        var rules = new PenaltyRules
        {
            PerBreach = [Fixed("P1", 500m), OfFee("P2", 1m)],
            MonthlyFreeBreaches = 1,
            SuccessRateTargets = [new SuccessRateTarget("P2", Resolve, 95m, 0.5m, 5m)],
            AvailabilityBands = [new AvailabilityBand(99.5m, 5m)],
        };

        var result = Compute(
            rules,
            breaches: [Breach(1, "P1", Resolve, March(1, 8)), Breach(2, "P2", Respond, March(5))],
            clocks: Clocks("P2", Resolve, 90, 10),
            availability: [new("ERP", 99m)]);

        // 500 (free) + 132 + 5 points × 0.5 % = 330 + 660.
        Assert.Equal((1_622m, 500m, 1_122m), (result.GrossAmount, result.FreeAmount, result.Total));
        Assert.Equal([PenaltyLineKinds.Breach, PenaltyLineKinds.Breach, PenaltyLineKinds.SuccessRate, PenaltyLineKinds.Availability], result.Lines.Select(l => l.Kind));
    }
}
