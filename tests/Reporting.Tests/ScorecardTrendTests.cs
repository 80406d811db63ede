using Infogerance.IntegrationEvents;
using Infogerance.Reporting.Domain;
using static Infogerance.Reporting.Tests.Months;

namespace Infogerance.Reporting.Tests;

/// <summary>A month's point of the trend: the scorecard's own figures, as the caller's side reads them.</summary>
public class ScorecardTrendTests
{
    [Fact]
    public void A_point_takes_the_month_s_figures_from_its_scorecard_and_the_provider_s_has_no_budget()
    {
        var terms = Terms(new PenaltyRules { SuccessRateTargets = [new SuccessRateTarget("P2", SlaClocks.Resolve, 95m, 1m, 10m)] });
        var scorecard = Scorecards.Compute(Input(Month(2026, 3), At("2026-04-10T12:00:00Z"), terms,
            tickets: [Ticket("2026-03-05T10:00:00+01:00", "2026-03-06T10:00:00+01:00", score: 4, ratedAt: "2026-03-06T12:00:00+01:00"),
                      Ticket("2026-03-07T10:00:00+01:00", openAtEnd: true)],
            clocks: [Clock("2026-03-06T10:00:00+01:00", met: true), Clock("2026-03-08T10:00:00+01:00", met: false)],
            statement: new StatementFact(300m, 0m, 0m, 0m, 0m, false, 300m, 0m, 300m, 1),
            budget: new BudgetFact(120_000m, new Dictionary<int, decimal>())));

        var point = ScorecardTrends.Point(scorecard);

        Assert.Equal(("2026-03", true, 2, 1, 1), (point.Month, point.Complete, point.Opened, point.Resolved, point.Backlog));
        var rate = point.Sla.Single(r => r.Priority == "P2" && r.Clock == SlaClocks.Resolve);
        Assert.Equal((2, 50.00m, 95.00m, "red"), (rate.Completed, rate.SuccessRate, rate.TargetPercent, rate.Status));
        Assert.Equal(scorecard.Sla.Count, point.Sla.Count);
        Assert.Equal((4.00m, 1, 300m, 0m, 10_000.00m), (point.SatisfactionMean, point.SatisfactionAnswers, point.PenaltiesDue, point.Invoiced, point.BudgetMonth));

        var provider = ScorecardTrends.Point(Scorecards.ForSide(scorecard, ReviewSides.Provider));
        Assert.Null(provider.BudgetMonth);
    }

    [Fact]
    public void A_month_without_ratings_or_statement_has_null_figures()
    {
        var point = ScorecardTrends.Point(Scorecards.Compute(Input(Month(2026, 3), At("2026-03-10T12:00:00Z"), Terms())));

        Assert.False(point.Complete);
        Assert.Equal((null, 0, null, null), (point.SatisfactionMean, point.SatisfactionAnswers, point.PenaltiesDue, point.BudgetMonth));
        Assert.All(point.Sla, rate => Assert.Null(rate.SuccessRate));
    }
}
