using Infogerance.IntegrationEvents;
using Infogerance.ServiceLevels;

namespace Infogerance.Reporting.Domain;

/// <summary>
/// A review period's figures over its months, combined from the months' scorecards (never computed a second way from
/// the facts): counts and amounts add up, rates are recomputed from the added counts by the scorecard's own rules, the
/// backlog and the budget are those of the last month. Times' percentiles and the answer rate do not combine: each
/// month's stand in its scorecard.
/// </summary>
public sealed record PeriodTotals(
    string FirstMonth,
    string LastMonth,
    int Months,
    bool Complete,
    int Opened,
    int Resolved,
    int Backlog,
    int Breaches,
    IReadOnlyList<SlaRate> Sla,
    IReadOnlyList<BreachCount> BreachesByClock,
    Satisfaction Satisfaction,
    IReadOnlyList<ServiceAvailability> Availability,
    PenaltyFigures? Penalties,
    InvoicingFigures Invoicing,
    BudgetFigures? Budget,
    FigureStatuses Statuses);

/// <summary>Combines the months' scorecards of a review period (pure).</summary>
public static class ScorecardTotals
{
    /// <summary>The totals of <paramref name="months"/>, in order (at least one).</summary>
    public static PeriodTotals Of(IReadOnlyList<Scorecard> months)
    {
        ArgumentNullException.ThrowIfNull(months);
        ArgumentOutOfRangeException.ThrowIfZero(months.Count);
        var last = months[^1];

        var sla = last.Sla.Select(rate => (rate.Priority, rate.Clock))
            .Union(months.SelectMany(m => m.Sla.Select(rate => (rate.Priority, rate.Clock))))
            .Select(key =>
            {
                var rates = months.SelectMany(m => m.Sla).Where(r => r.Priority == key.Priority && r.Clock == key.Clock).ToList();
                var completed = rates.Sum(r => r.Completed);
                var met = rates.Sum(r => r.Met);
                var target = last.Sla.FirstOrDefault(r => r.Priority == key.Priority && r.Clock == key.Clock)?.TargetPercent;
                return new SlaRate(key.Priority, key.Clock, completed, met, Scorecards.Percent(met, completed), target, Scorecards.RateStatus(target, met, completed));
            }).ToList();

        var breachesByClock = months.SelectMany(m => m.BreachesByClock)
            .GroupBy(b => (b.Priority, b.Clock))
            .Select(g => new BreachCount(g.Key.Priority, g.Key.Clock, g.Sum(b => b.Count))).ToList();

        var distribution = Enumerable.Range(1, 5)
            .Select(score => new ScoreCount(score, months.Sum(m => m.Satisfaction.Distribution.FirstOrDefault(d => d.Score == score)?.Count ?? 0))).ToList();
        var answers = distribution.Sum(d => d.Count);
        decimal? mean = answers == 0 ? null : Scorecards.Hundredths((decimal)distribution.Sum(d => d.Score * d.Count) / answers);

        // Each service over the whole period: its downtime against every second of the period, months without an outage included.
        var periodSeconds = months.Sum(m => (long)(m.To - m.From).TotalSeconds);
        var availability = months.SelectMany(m => m.Availability)
            .GroupBy(a => a.Service, StringComparer.OrdinalIgnoreCase)
            .Select(g =>
            {
                var down = g.Sum(a => a.DownSeconds);
                return new ServiceAvailability(g.First().Service, down, periodSeconds, Downtime.AvailabilityPercent(down, periodSeconds), null,
                    FigureStatus.Worst(g.Select(a => a.Status)));
            }).ToList();

        var statements = months.Select(m => m.Penalties).OfType<PenaltyFigures>().ToList();
        var penalties = statements.Count == 0 ? null : new PenaltyFigures(
            statements.Sum(p => p.GrossAmount), statements.Sum(p => p.FreeAmount), statements.Sum(p => p.WaivedAmount), statements.Sum(p => p.CapsDeducted),
            statements.Any(p => p.BelowMinimum), statements.Sum(p => p.Total), statements.Sum(p => p.AdjustmentTotal), statements.Sum(p => p.TotalDue),
            statements.Sum(p => p.Lines), FigureStatus.Worst(statements.Select(p => p.Status))!);

        var invoicing = new InvoicingFigures(
            months.Sum(m => m.Invoicing.Invoices), months.Sum(m => m.Invoicing.Invoiced), months.Sum(m => m.Invoicing.WithDiscrepancies),
            months.Sum(m => m.Invoicing.Discrepancies), months.Sum(m => m.Invoicing.AtStake), FigureStatus.Worst(months.Select(m => m.Invoicing.Status)));

        var statuses = new FigureStatuses(
            FigureStatus.Worst(sla.Select(rate => rate.Status)),
            FigureStatus.Worst(months.Select(m => m.Statuses.Breaches)),
            FigureStatus.Worst(months.Select(m => m.Statuses.Availability)),
            penalties?.Status,
            invoicing.Status,
            last.Budget?.Status);

        return new PeriodTotals(
            months[0].Month, last.Month, months.Count, months.All(m => m.Complete),
            months.Sum(m => m.Opened), months.Sum(m => m.Resolved), last.Backlog, months.Sum(m => m.Breaches),
            sla, breachesByClock, new Satisfaction(mean, answers, null, distribution), availability, penalties, invoicing, last.Budget, statuses);
    }

    /// <summary>The totals without the client's budget, as the provider reads them.</summary>
    public static PeriodTotals WithoutBudget(PeriodTotals totals)
    {
        ArgumentNullException.ThrowIfNull(totals);
        return totals with { Budget = null, Statuses = totals.Statuses with { Budget = null } };
    }
}
