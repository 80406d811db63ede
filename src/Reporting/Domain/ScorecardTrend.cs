using System.Text.Json.Serialization;

namespace Infogerance.Reporting.Domain;

/// <summary>A priority and clock's success rate in one month of a trend, against the target of that month's terms.</summary>
public sealed record TrendRate(
    string Priority,
    string Clock,
    int Completed,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] decimal? SuccessRate,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] decimal? TargetPercent,
    string? Status);

/// <summary>
/// One month of a contract's trend: the few figures charted month by month, each the scorecard's own (null where the
/// scorecard has none: no rating, no statement issued yet, no budget or the provider's side).
/// </summary>
public sealed record TrendMonth(
    string Month,
    bool Complete,
    int Opened,
    int Resolved,
    int Backlog,
    int Breaches,
    IReadOnlyList<TrendRate> Sla,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] decimal? SatisfactionMean,
    int SatisfactionAnswers,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] decimal? PenaltiesDue,
    decimal Invoiced,
    decimal? BudgetMonth);

/// <summary>A contract's months, oldest first, up to <see cref="To"/>.</summary>
public sealed record ScorecardTrend(Guid ContractId, string? Reference, string From, string To, IReadOnlyList<TrendMonth> Months);

/// <summary>The compact series of a contract's months, taken from their scorecards (pure).</summary>
public static class ScorecardTrends
{
    public const int DefaultMonths = 12;
    public const int MaxMonths = 24;

    /// <summary>
    /// The month's point of the trend, read from its scorecard as the caller's side reads it (so the provider's has no
    /// budget): nothing is computed a second way.
    /// </summary>
    public static TrendMonth Point(Scorecard scorecard)
    {
        ArgumentNullException.ThrowIfNull(scorecard);
        return new TrendMonth(
            scorecard.Month, scorecard.Complete, scorecard.Opened, scorecard.Resolved, scorecard.Backlog, scorecard.Breaches,
            [.. scorecard.Sla.Select(rate => new TrendRate(rate.Priority, rate.Clock, rate.Completed, rate.SuccessRate, rate.TargetPercent, rate.Status))],
            scorecard.Satisfaction.Mean, scorecard.Satisfaction.Answers, scorecard.Penalties?.TotalDue, scorecard.Invoicing.Invoiced,
            scorecard.Budget?.PlannedMonth);
    }
}
