using Infogerance.IntegrationEvents;
using Infogerance.Reporting.Domain;
using static Infogerance.Reporting.Tests.Months;

namespace Infogerance.Reporting.Tests;

/// <summary>Each figure of the scorecard on months built by hand, at their boundaries.</summary>
public class ScorecardTests
{
    private const string Respond = SlaClocks.Respond;
    private const string Resolve = SlaClocks.Resolve;

    private static readonly DateTimeOffset Later = At("2026-06-15T12:00:00Z");

    [Fact]
    public void The_success_rate_is_met_over_completed_by_priority_and_clock_to_the_hundredth_against_the_target()
    {
        var terms = Terms(new PenaltyRules { SuccessRateTargets = [new SuccessRateTarget("P2", Resolve, 95m, 1m, 10m)] });
        var march = Month(2026, 3);
        IEnumerable<ClockFact> clocks =
        [
            Clock("2026-03-03T10:00:00+01:00", met: true), Clock("2026-03-04T10:00:00+01:00", met: true), Clock("2026-03-05T10:00:00+01:00", met: false),
            Clock("2026-03-05T10:00:00+01:00", met: true, clock: Respond),
        ];

        var scorecard = Scorecards.Compute(Input(march, Later, terms, clocks: clocks));

        var resolve = Rate(scorecard, "P2", Resolve);
        Assert.Equal((3, 2, 66.67m, 95.00m, "red"), (resolve.Completed, resolve.Met, resolve.SuccessRate, resolve.TargetPercent, resolve.Status));
        Assert.Equal("66.67", resolve.SuccessRate!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var respond = Rate(scorecard, "P2", Respond);
        Assert.Equal((1, 1, 100.00m, null, null), (respond.Completed, respond.Met, respond.SuccessRate, respond.TargetPercent, respond.Status));
        Assert.Equal("100.00", respond.SuccessRate!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(["P1", "P2", "P3", "P4"], scorecard.Sla.Select(r => r.Priority).Distinct());
        Assert.Equal("red", scorecard.Statuses.Sla);
    }

    [Fact]
    public void A_month_with_no_completed_clock_has_no_rate_and_no_status()
    {
        var terms = Terms(new PenaltyRules { SuccessRateTargets = [new SuccessRateTarget("P1", Resolve, 90m, 1m, 10m)] });

        var scorecard = Scorecards.Compute(Input(Month(2026, 3), Later, terms, clocks: [Clock("2026-04-01T00:00:00+02:00", met: false, priority: "P1")]));

        Assert.All(scorecard.Sla, rate => Assert.Equal((0, 0, null, null), (rate.Completed, rate.Met, rate.SuccessRate, rate.Status)));
        Assert.Equal(90.00m, Rate(scorecard, "P1", Resolve).TargetPercent);
        Assert.All(scorecard.Times, times => Assert.Equal((0, null, null), (times.Completed, times.MeanBusinessSeconds, times.P90BusinessSeconds)));
        Assert.Null(scorecard.Statuses.Sla);
    }

    [Theory]
    [InlineData(19, 20, "green")] // 95.00 % against 95: on target
    [InlineData(189, 200, "amber")] // 94.50 %: half a point below, no credit due
    [InlineData(94, 100, "red")] // 94.00 %: a full point below, a credit is due
    public void Below_the_target_by_less_than_a_full_point_is_amber_and_by_a_point_or_more_red(int met, int completed, string status) =>
        Assert.Equal(status, Scorecards.RateStatus(95m, met, completed));

    [Fact]
    public void A_reopened_ticket_s_clock_counts_once_in_the_month_of_its_latest_completion()
    {
        // Resolved on 30 March, reopened on 2 April and resolved again on 6 April: the read model keeps its latest
        // completion (April's), and its latest resolution is April's too.
        var ticket = Ticket("2026-03-27T09:00:00+01:00", resolvedAt: "2026-04-06T15:00:00+02:00");
        var latest = Clock("2026-04-06T15:00:00+02:00", met: false, ticket: ticket.TicketId);

        var march = Scorecards.Compute(Input(Month(2026, 3), Later, Terms(), tickets: [ticket], clocks: [latest]));
        var april = Scorecards.Compute(Input(Month(2026, 4), Later, Terms(), tickets: [ticket], clocks: [latest]));

        Assert.Equal((1, 0, 0), (march.Opened, march.Resolved, Rate(march, "P2", Resolve).Completed));
        Assert.Equal((0, 1), (april.Opened, april.Resolved));
        Assert.Equal((1, 0, 0.00m), (Rate(april, "P2", Resolve).Completed, Rate(april, "P2", Resolve).Met, Rate(april, "P2", Resolve).SuccessRate));
    }

    [Fact]
    public void A_clock_completed_after_midnight_local_time_on_the_first_is_the_next_month_s()
    {
        // 23:30 UTC on 31 March is 01:30 on 1 April in Paris (summer time since 29 March).
        IEnumerable<ClockFact> clocks = [Clock("2026-03-31T23:30:00Z", met: true), Clock("2026-03-31T21:59:59Z", met: false)];

        var march = Scorecards.Compute(Input(Month(2026, 3), Later, Terms(), clocks: clocks));
        var april = Scorecards.Compute(Input(Month(2026, 4), Later, Terms(), clocks: clocks));

        Assert.Equal((1, 0), (Rate(march, "P2", Resolve).Completed, Rate(march, "P2", Resolve).Met));
        Assert.Equal((1, 1), (Rate(april, "P2", Resolve).Completed, Rate(april, "P2", Resolve).Met));
    }

    [Fact]
    public void Breaches_belong_to_the_month_of_their_due_time_across_daylight_saving_changes()
    {
        // March in Paris runs from 23:00 UTC on 28 February to 22:00 UTC on 31 March (the clocks went forward on the 29th).
        IEnumerable<BreachFact> breaches =
        [
            Breach("2026-02-28T23:00:00Z"), // 00:00 on 1 March, winter time: March's first second
            Breach("2026-03-29T01:30:00Z", "P1"), // during the night of the change: March
            Breach("2026-03-31T21:59:59Z", clock: Respond), // 23:59:59 on 31 March, summer time: March's last second
            Breach("2026-03-31T22:00:00Z"), // 00:00 on 1 April: April
            Breach("2026-10-31T23:30:00Z"), // 00:30 on 1 November, winter time again (the 25th): November
        ];

        var march = Scorecards.Compute(Input(Month(2026, 3), Later, Terms(new PenaltyRules { MonthlyFreeBreaches = 3 }), breaches: breaches));
        var october = Scorecards.Compute(Input(Month(2026, 10), At("2026-12-01T00:00:00Z"), Terms(), breaches: breaches));

        Assert.Equal(3, march.Breaches);
        Assert.Equal(743 * 3600, Month(2026, 3).Seconds);
        Assert.Equal(1, march.BreachesByClock.Single(b => b is { Priority: "P1", Clock: Resolve }).Count);
        Assert.Equal(1, march.BreachesByClock.Single(b => b is { Priority: "P2", Clock: Respond }).Count);
        Assert.Equal("amber", march.Statuses.Breaches); // three breaches, all within the franchise
        Assert.Equal(0, october.Breaches);
        Assert.Equal("green", october.Statuses.Breaches);
    }

    [Fact]
    public void Breaches_beyond_the_franchise_are_red()
    {
        var scorecard = Scorecards.Compute(Input(Month(2026, 3), Later, Terms(new PenaltyRules { MonthlyFreeBreaches = 1 }),
            breaches: [Breach("2026-03-02T10:00:00+01:00"), Breach("2026-03-03T10:00:00+01:00")]));

        Assert.Equal("red", scorecard.Statuses.Breaches);
    }

    [Theory]
    [InlineData(new long[] { 600 }, 600L, 600L)]
    [InlineData(new long[] { 100, 900 }, 500L, 900L)] // the 90th percentile of 2 values is the 2nd
    [InlineData(new long[] { 10, 20, 30, 40, 50, 60, 70, 80, 90, 100 }, 55L, 90L)] // of 10: the 9th
    [InlineData(new long[] { 110, 10, 20, 30, 40, 50, 60, 70, 80, 90, 100 }, 60L, 100L)] // of 11: the 10th (rank ⌈9.9⌉)
    [InlineData(new long[] { 1, 2 }, 2L, 2L)] // a mean of 1.5 s is 2 s (half away from zero)
    public void Business_times_have_a_mean_to_the_second_and_a_nearest_rank_90th_percentile(long[] used, long mean, long p90)
    {
        var clocks = used.Select(seconds => Clock("2026-03-10T10:00:00+01:00", met: true, priority: "P3", clock: Respond, used: seconds));

        var times = Scorecards.Compute(Input(Month(2026, 3), Later, Terms(), clocks: clocks)).Times.Single(t => t is { Priority: "P3", Clock: Respond });

        Assert.Equal((used.Length, mean, p90), (times.Completed, times.MeanBusinessSeconds!.Value, times.P90BusinessSeconds!.Value));
    }

    [Fact]
    public void The_percentile_is_always_one_of_the_values()
    {
        Assert.Null(Scorecards.Percentile([], 90));
        Assert.Equal(7, Scorecards.Percentile([7, 7, 7], 90));
        Assert.Equal(3, Scorecards.Percentile([5, 3, 1], 50));
        Assert.Equal(5, Scorecards.Percentile([5, 3, 1], 100));
    }

    [Fact]
    public void Volumes_count_tickets_opened_resolved_and_open_at_the_month_s_end_by_kind_and_priority_with_the_backlog_s_age()
    {
        var march = Month(2026, 3);
        IEnumerable<TicketFact> tickets =
        [
            Ticket("2026-03-02T09:00:00+01:00", resolvedAt: "2026-03-02T12:00:00+01:00", priority: "P1"),
            Ticket("2026-03-30T09:00:00+02:00", priority: "P3", kind: "request", openAtEnd: true), // 2 days old at the end
            Ticket("2026-02-10T09:00:00+01:00", resolvedAt: "2026-03-12T09:00:00+01:00"), // opened in February
            Ticket("2026-01-15T00:00:00+01:00", openAtEnd: true), // 76 days old at the end
            Ticket("2026-03-31T23:59:59+02:00", openAtEnd: true), // opened in the month's last second
        ];

        var scorecard = Scorecards.Compute(Input(march, Later, Terms(), tickets: tickets));

        Assert.Equal((3, 2, 3), (scorecard.Opened, scorecard.Resolved, scorecard.Backlog));
        Assert.Equal(new Volume("request", "P3", 1, 0, 1), scorecard.Volumes.Single(v => v is { Kind: "request", Priority: "P3" }));
        Assert.Equal(new Volume("incident", "P2", 1, 1, 2), scorecard.Volumes.Single(v => v is { Kind: "incident", Priority: "P2" }));
        Assert.Equal(8, scorecard.Volumes.Count);
        Assert.Equal(march.End.AddSeconds(-1), scorecard.AsOf);
        Assert.True(scorecard.Complete);
        var age = scorecard.BacklogAge;
        Assert.Equal(3, age.Count);
        Assert.Equal((long)(march.End.AddSeconds(-1) - At("2026-01-15T00:00:00+01:00")).TotalSeconds, age.OldestSeconds);
        Assert.Equal([(0, 1), (1, 7), (7, 30), (30, (int?)null)], age.Buckets.Select(b => (b.FromDays, b.ToDays)));
        Assert.Equal([1, 1, 0, 1], age.Buckets.Select(b => b.Count));
    }

    [Fact]
    public void The_current_month_stands_as_of_now_and_its_backlog_is_what_is_open_now()
    {
        var now = At("2026-03-10T12:00:00+01:00");

        var scorecard = Scorecards.Compute(Input(Month(2026, 3), now, Terms(), tickets: [Ticket("2026-03-09T12:00:00+01:00", openAtEnd: true)]));

        Assert.False(scorecard.Complete);
        Assert.Equal(now, scorecard.AsOf);
        Assert.Equal(86_400, scorecard.BacklogAge.MeanSeconds);
    }

    [Fact]
    public void Satisfaction_is_the_month_s_ratings_and_the_share_of_the_month_s_resolved_tickets_rated()
    {
        IEnumerable<TicketFact> tickets =
        [
            Ticket("2026-03-02T09:00:00+01:00", resolvedAt: "2026-03-02T12:00:00+01:00", score: 5, ratedAt: "2026-03-03T09:00:00+01:00"),
            Ticket("2026-03-02T09:00:00+01:00", resolvedAt: "2026-03-04T12:00:00+01:00", score: 2, ratedAt: "2026-03-05T09:00:00+01:00"),
            Ticket("2026-03-02T09:00:00+01:00", resolvedAt: "2026-03-04T12:00:00+01:00"),
            Ticket("2026-02-02T09:00:00+01:00", resolvedAt: "2026-02-27T12:00:00+01:00", score: 4, ratedAt: "2026-03-01T09:00:00+01:00"),
        ];

        var satisfaction = Scorecards.Compute(Input(Month(2026, 3), Later, Terms(), tickets: tickets)).Satisfaction;

        Assert.Equal((3.67m, 3, 66.67m), (satisfaction.Mean, satisfaction.Answers, satisfaction.AnswerRate));
        Assert.Equal([0, 1, 0, 1, 1], satisfaction.Distribution.Select(d => d.Count));
        var none = Scorecards.Compute(Input(Month(2026, 4), Later, Terms())).Satisfaction;
        Assert.Equal((null, 0, null), (none.Mean, none.Answers, none.AnswerRate));
    }

    [Fact]
    public void Availability_is_24x7_over_the_month_in_the_zone_with_the_deepest_band_reached()
    {
        var terms = Terms(new PenaltyRules { AvailabilityBands = [new AvailabilityBand(99.5m, 2m), new AvailabilityBand(99m, 5m)] });
        IEnumerable<OutageFact> outages =
        [
            new(Guid.NewGuid(), "ERP", At("2026-03-10T10:00:00+01:00"), At("2026-03-10T15:00:00+01:00")), // 5 h of 743: 99.32 %
            new(Guid.NewGuid(), " erp ", At("2026-03-10T14:00:00+01:00"), At("2026-03-10T16:00:00+01:00")), // overlaps one hour: 6 h, 99.19 %
            new(Guid.NewGuid(), "Mail", At("2026-02-28T20:00:00+01:00"), At("2026-03-01T01:00:00+01:00")), // one hour in March
        ];

        var scorecard = Scorecards.Compute(Input(Month(2026, 3), Later, terms, outages: outages));

        var erp = scorecard.Availability.Single(a => a.Service == "ERP");
        Assert.Equal((6 * 3600L, 743 * 3600L, 99.19m, 99.5m, "red"), (erp.DownSeconds, erp.PeriodSeconds, erp.Percent, erp.Band!.BelowPercent, erp.Status));
        var mail = scorecard.Availability.Single(a => a.Service == "Mail");
        Assert.Equal((3600L, 99.86m, null, "green"), (mail.DownSeconds, mail.Percent, mail.Band, mail.Status));
        Assert.Equal("red", scorecard.Statuses.Availability);
        Assert.Null(Scorecards.Compute(Input(Month(2026, 3), Later, Terms(), outages: outages)).Statuses.Availability);
    }

    [Fact]
    public void An_outage_still_open_counts_up_to_now()
    {
        var now = At("2026-03-10T12:00:00+01:00");

        var scorecard = Scorecards.Compute(Input(Month(2026, 3), now, Terms(), outages: [new(Guid.NewGuid(), "VPN", At("2026-03-10T11:00:00+01:00"), null)]));

        Assert.Equal(3600, scorecard.Availability.Single().DownSeconds);
    }

    [Fact]
    public void Penalties_are_the_month_s_issued_statement_red_when_it_owes_something()
    {
        var owed = new StatementFact(900m, 500m, 100m, 0m, 0m, false, 300m, 0m, 300m, 4);
        var nothing = owed with { Total = 0m, TotalDue = 0m, BelowMinimum = true };

        Assert.Null(Scorecards.Compute(Input(Month(2026, 3), Later, Terms())).Penalties);
        Assert.Equal("red", Scorecards.Compute(Input(Month(2026, 3), Later, Terms(), statement: owed)).Penalties!.Status);
        Assert.Equal("amber", Scorecards.Compute(Input(Month(2026, 3), Later, Terms(), statement: nothing)).Penalties!.Status);
        Assert.Equal("green", Scorecards.Compute(Input(Month(2026, 3), Later, Terms(), statement: nothing with { GrossAmount = 0m })).Penalties!.Status);
    }

    [Fact]
    public void Invoiced_is_approved_net_of_credit_notes_on_the_billing_month_against_the_budget()
    {
        IEnumerable<InvoiceFact> invoices =
        [
            new(Guid.NewGuid(), "F-1", "invoice", new DateOnly(2026, 1, 1), 10_000m, true, "compliant", 0, 0m),
            new(Guid.NewGuid(), "F-2", "invoice", new DateOnly(2026, 3, 1), 12_000m, true, "discrepancies", 2, 1_500m),
            new(Guid.NewGuid(), "A-1", "creditNote", new DateOnly(2026, 3, 15), 1_500m, true, "compliant", 0, 0m),
            new(Guid.NewGuid(), "F-3", "invoice", new DateOnly(2026, 3, 20), 800m, false, "compliant", 0, 0m), // not approved yet
        ];
        var monthly = new BudgetFact(null, new Dictionary<int, decimal> { [1] = 10_000m, [2] = 10_000m, [3] = 10_000m, [4] = 10_000m });

        var scorecard = Scorecards.Compute(Input(Month(2026, 3), Later, Terms(), invoices: invoices, budget: monthly));

        Assert.Equal(new InvoicingFigures(3, 10_500m, 1, 2, 1_500m, "amber"), scorecard.Invoicing);
        Assert.Equal(new BudgetFigures(2026, 40_000m, 10_000m, 30_000m, 10_500m, 20_500m, "green"), scorecard.Budget);
        var yearly = Scorecards.Compute(Input(Month(2026, 3), Later, Terms(), invoices: invoices, budget: new BudgetFact(60_000m, new Dictionary<int, decimal>())));
        Assert.Equal(new BudgetFigures(2026, 60_000m, 5_000.00m, 15_000.00m, 10_500m, 20_500m, "amber"), yearly.Budget);
        var overrun = Scorecards.Compute(Input(Month(2026, 3), Later, Terms(), invoices: invoices, budget: new BudgetFact(20_000m, new Dictionary<int, decimal>())));
        Assert.Equal("red", overrun.Budget!.Status);
        var unplanned = Scorecards.Compute(Input(Month(2026, 3), Later, Terms(), invoices: invoices));
        Assert.Equal((null, 20_500m, null), (unplanned.Budget!.PlannedYear, unplanned.Budget.InvoicedToDate, unplanned.Statuses.Budget));
    }

    [Fact]
    public void Invoices_with_discrepancies_not_approved_are_red()
    {
        var invoicing = Scorecards.Compute(Input(Month(2026, 3), Later, Terms(),
            invoices: [new(Guid.NewGuid(), "F-9", "invoice", new DateOnly(2026, 3, 1), 12_000m, false, "discrepancies", 1, 200m)])).Invoicing;

        Assert.Equal(("red", 0m), (invoicing.Status, invoicing.Invoiced));
        Assert.Null(Scorecards.Compute(Input(Month(2026, 3), Later, Terms())).Invoicing.Status);
    }

    [Fact]
    public void Evolution_requests_are_counted_by_their_state_at_the_month_s_end_and_by_the_states_entered_in_it()
    {
        var first = Guid.NewGuid();
        var second = Guid.NewGuid();
        IEnumerable<EvolutionFact> evolutions =
        [
            new(first, new StateChange(Guid.NewGuid(), At("2026-02-10T10:00:00Z"), "none", "specified")),
            new(first, new StateChange(Guid.NewGuid(), At("2026-03-10T10:00:00Z"), "specified", "proposed")),
            new(second, new StateChange(Guid.NewGuid(), At("2026-03-11T10:00:00Z"), "none", "specified")),
        ];

        var scorecard = Scorecards.Compute(Input(Month(2026, 3), Later, Terms(), evolutions: evolutions));

        Assert.Equal(new EvolutionCount("specified", 1, 1), scorecard.Evolutions.Single(e => e.State == "specified"));
        Assert.Equal(new EvolutionCount("proposed", 1, 1), scorecard.Evolutions.Single(e => e.State == "proposed"));
        Assert.Equal(Scorecards.EvolutionStateOrder, scorecard.Evolutions.Select(e => e.State));
    }

    [Fact]
    public void Without_terms_the_figures_have_no_status_and_the_priorities_are_P1_to_P4()
    {
        var scorecard = Scorecards.Compute(Input(Month(2026, 3), Later, breaches: [Breach("2026-03-05T10:00:00+01:00", priority: "P5")]));

        Assert.Null(scorecard.ContractVersion);
        Assert.Equal(new FigureStatuses(null, null, null, null, null, null), scorecard.Statuses with { Budget = null });
        Assert.Equal(["P1", "P2", "P3", "P4", "P5"], scorecard.Sla.Select(r => r.Priority).Distinct());
    }
}
