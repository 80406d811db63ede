using Infogerance.IntegrationEvents;

namespace Infogerance.Reporting.Domain;

/// <summary>The tickets of one kind and priority opened, resolved or rated in the month: how many were opened and resolved in it, and how many of those resolved carry a rating.</summary>
public sealed record TicketTally(string Kind, string Priority, int Opened, int Resolved, int ResolvedRated);

/// <summary>The ratings given in the month with one score.</summary>
public sealed record RatingTally(int Score, int Count);

/// <summary>
/// The tickets of one kind and priority open at the period's <see cref="ScorecardPeriod.AsOf"/> whose age falls in one
/// of <see cref="Scorecards.AgeBuckets"/> (by its index): how many, their ages added up and the oldest, in seconds.
/// </summary>
public sealed record BacklogTally(string Kind, string Priority, int Bucket, int Count, long AgeSum, long OldestAge);

/// <summary>
/// The clocks of one priority completed in the month: how many, how many met, the business seconds they used added up
/// and their 90th percentile (null when not counted).
/// </summary>
public sealed record ClockTally(string Priority, string Clock, int Completed, int Met, long UsedSum, long? UsedP90);

/// <summary>A ticket open at some instant, as the backlog counts it: its kind, its priority, when it was first opened.</summary>
public sealed record OpenTicket(string Kind, string Priority, DateTimeOffset OpenedAt);

/// <summary>The breaches of one priority and clock in the month.</summary>
public sealed record BreachTally(string Priority, string Clock, int Count);

/// <summary>
/// What a scorecard is computed from once the month's many facts are counted: the tickets, ratings, backlog, clocks and
/// breaches as tallies (the database counts them for the API, <see cref="Of"/> counts hand-built facts by the same
/// rules), and the month's few other facts as they are.
/// </summary>
public sealed record ScorecardTallies(
    ScorecardPeriod Period,
    int? VersionNumber,
    ContractTerms? Terms,
    IReadOnlyList<TicketTally> Tickets,
    IReadOnlyList<RatingTally> Ratings,
    IReadOnlyList<BacklogTally> Backlog,
    IReadOnlyList<ClockTally> Clocks,
    IReadOnlyList<BreachTally> Breaches,
    IReadOnlyList<OutageFact> Outages,
    StatementFact? Statement,
    IReadOnlyList<InvoiceFact> Invoices,
    BudgetFact? Budget,
    IReadOnlyList<EvolutionFact> Evolutions)
{
    /// <summary>The facts of a month counted by the scorecard's rules (see <see cref="Scorecards.Compute(ScorecardTallies)"/>).</summary>
    public static ScorecardTallies Of(ScorecardInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var month = input.Period.Month;
        var asOf = input.Period.AsOf;
        var tickets = input.Tickets
            .Where(t => month.Contains(t.OpenedAt) || t.ResolvedAt is { } resolved && month.Contains(resolved) || t.RatedAt is { } rated && month.Contains(rated))
            .GroupBy(t => (t.Kind, t.Priority))
            .Select(g =>
            {
                var resolved = g.Where(t => t.ResolvedAt is { } at && month.Contains(at)).ToList();
                return new TicketTally(g.Key.Kind, g.Key.Priority, g.Count(t => month.Contains(t.OpenedAt)), resolved.Count, resolved.Count(t => t.Score is not null));
            });
        var ratings = Scorecards.Rated(input).GroupBy(t => t.Score!.Value).Select(g => new RatingTally(g.Key, g.Count()));
        var backlog = BacklogOf(Scorecards.Backlog(input).Select(t => new OpenTicket(t.Kind, t.Priority, t.OpenedAt)), asOf);
        var clocks = Scorecards.Completed(input)
            .GroupBy(c => (c.Priority, c.Clock))
            .Select(g => new ClockTally(
                g.Key.Priority, g.Key.Clock, g.Count(), g.Count(c => c.Met), g.Sum(c => c.BusinessSecondsUsed),
                Scorecards.Percentile(g.Select(c => c.BusinessSecondsUsed), 90)));
        var breaches = Scorecards.Breached(input).GroupBy(b => (b.Priority, b.Clock)).Select(g => new BreachTally(g.Key.Priority, g.Key.Clock, g.Count()));
        return new ScorecardTallies(
            input.Period, input.VersionNumber, input.Terms, [.. tickets], [.. ratings], backlog, [.. clocks], [.. breaches],
            input.Outages, input.Statement, input.Invoices, input.Budget, input.Evolutions);
    }

    /// <summary>The tickets open at <paramref name="asOf"/> counted by kind, priority and age bucket (their ages at that instant).</summary>
    public static IReadOnlyList<BacklogTally> BacklogOf(IEnumerable<OpenTicket> open, DateTimeOffset asOf) =>
        [.. open.Select(t => (t.Kind, t.Priority, Age: Scorecards.Age(t.OpenedAt, asOf)))
            .GroupBy(t => (t.Kind, t.Priority, Bucket: Scorecards.AgeBucketOf(t.Age)))
            .Select(g => new BacklogTally(g.Key.Kind, g.Key.Priority, g.Key.Bucket, g.Count(), g.Sum(t => t.Age), g.Max(t => t.Age)))];
}
