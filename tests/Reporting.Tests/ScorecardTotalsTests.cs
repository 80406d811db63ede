using Infogerance.IntegrationEvents;
using Infogerance.Reporting.Domain;
using static Infogerance.Reporting.Tests.Months;

namespace Infogerance.Reporting.Tests;

/// <summary>A quarter's totals, combined from its months' scorecards by the scorecard's own rules.</summary>
public class ScorecardTotalsTests
{
    private static readonly DateTimeOffset Later = At("2026-06-15T12:00:00Z");

    [Fact]
    public void Counts_add_up_rates_are_recomputed_from_the_added_counts_and_the_backlog_is_the_last_month_s()
    {
        var terms = Terms(new PenaltyRules { MonthlyFreeBreaches = 1, SuccessRateTargets = [new SuccessRateTarget("P2", SlaClocks.Resolve, 95m, 1m, 10m)] });
        var january = Scorecards.Compute(Input(Month(2026, 1), Later, terms,
            tickets: [Ticket("2026-01-05T10:00:00+01:00", "2026-01-06T10:00:00+01:00", score: 5, ratedAt: "2026-01-06T12:00:00+01:00"),
                      Ticket("2026-01-07T10:00:00+01:00", openAtEnd: true)],
            clocks: [Clock("2026-01-06T10:00:00+01:00", met: true), Clock("2026-01-08T10:00:00+01:00", met: true), Clock("2026-01-09T10:00:00+01:00", met: false)],
            breaches: [Breach("2026-01-09T09:00:00+01:00")],
            outages: [new OutageFact(Guid.NewGuid(), "ERP", At("2026-01-10T10:00:00+01:00"), At("2026-01-10T12:00:00+01:00"))],
            statement: new StatementFact(500m, 0m, 0m, 0m, 0m, false, 500m, 0m, 500m, 1)));
        var february = Scorecards.Compute(Input(Month(2026, 2), Later, terms,
            tickets: [Ticket("2026-02-02T10:00:00+01:00", "2026-02-03T10:00:00+01:00", score: 2, ratedAt: "2026-02-03T11:00:00+01:00")],
            clocks: [Clock("2026-02-03T10:00:00+01:00", met: true)],
            breaches: [Breach("2026-02-04T09:00:00+01:00"), Breach("2026-02-05T09:00:00+01:00")],
            outages: [new OutageFact(Guid.NewGuid(), "erp ", At("2026-02-10T10:00:00+01:00"), At("2026-02-10T11:00:00+01:00"))],
            statement: new StatementFact(200m, 100m, 0m, 0m, 0m, false, 100m, 0m, 100m, 2)));
        var march = Scorecards.Compute(Input(Month(2026, 3), Later, terms));

        var totals = ScorecardTotals.Of([january, february, march]);

        Assert.Equal(("2026-01", "2026-03", 3, true), (totals.FirstMonth, totals.LastMonth, totals.Months, totals.Complete));
        Assert.Equal((3, 2, march.Backlog, 3), (totals.Opened, totals.Resolved, totals.Backlog, totals.Breaches));
        var rate = totals.Sla.Single(r => r.Priority == "P2" && r.Clock == SlaClocks.Resolve);
        Assert.Equal((4, 3, 75.00m, 95.00m, "red"), (rate.Completed, rate.Met, rate.SuccessRate, rate.TargetPercent, rate.Status));
        Assert.Equal(3, totals.BreachesByClock.Single(b => b.Priority == "P2" && b.Clock == SlaClocks.Resolve).Count);
        Assert.Equal("red", totals.Statuses.Breaches); // February's two breaches went past its franchise of one
        Assert.Equal((3.50m, 2), (totals.Satisfaction.Mean, totals.Satisfaction.Answers));
        Assert.Null(totals.Satisfaction.AnswerRate);

        // Three hours down over the whole quarter, outages named in any case counted as one service.
        var erp = Assert.Single(totals.Availability);
        var quarterSeconds = (long)(march.To - january.From).TotalSeconds;
        Assert.Equal((10_800L, quarterSeconds), (erp.DownSeconds, erp.PeriodSeconds));
        Assert.Equal(ServiceLevels.Downtime.AvailabilityPercent(10_800, quarterSeconds), erp.Percent);

        Assert.Equal((600m, 100m, 3, "red"), (totals.Penalties!.TotalDue, totals.Penalties.FreeAmount, totals.Penalties.Lines, totals.Penalties.Status));
        Assert.Equal(march.Budget, totals.Budget);
    }

    [Fact]
    public void One_month_s_totals_are_that_month_s_figures()
    {
        var terms = Terms(new PenaltyRules { SuccessRateTargets = [new SuccessRateTarget("P1", SlaClocks.Respond, 99m, 1m, 10m)] });
        var month = Scorecards.Compute(Input(Month(2026, 3), At("2026-03-20T12:00:00Z"), terms,
            tickets: [Ticket("2026-03-05T10:00:00+01:00", priority: "P1", openAtEnd: true)],
            clocks: [Clock("2026-03-05T10:30:00+01:00", met: false, priority: "P1", clock: SlaClocks.Respond)]));

        var totals = ScorecardTotals.Of([month]);

        Assert.False(totals.Complete);
        Assert.Equal((month.Opened, month.Resolved, month.Backlog, month.Breaches), (totals.Opened, totals.Resolved, totals.Backlog, totals.Breaches));
        Assert.Equal(month.Sla.Select(r => (r.Priority, r.Clock, r.Completed, r.Met, r.SuccessRate, r.Status)),
            totals.Sla.Select(r => (r.Priority, r.Clock, r.Completed, r.Met, r.SuccessRate, r.Status)));
        Assert.Equal(month.Statuses with { Availability = totals.Statuses.Availability }, totals.Statuses);
    }
}
