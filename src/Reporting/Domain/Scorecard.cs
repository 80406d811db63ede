using System.Text.Json.Serialization;
using Infogerance.IntegrationEvents;
using Infogerance.ServiceLevels;

namespace Infogerance.Reporting.Domain;

/// <summary>How a figure stands against the contract's targets.</summary>
public static class FigureStatus
{
    /// <summary>On target.</summary>
    public const string Green = "green";

    /// <summary>Off target, but nothing is owed for it yet (within the franchise, less than a full point below).</summary>
    public const string Amber = "amber";

    /// <summary>Off target and a penalty (or an overrun) follows.</summary>
    public const string Red = "red";

    /// <summary>The worst of several statuses; null when none has one.</summary>
    public static string? Worst(IEnumerable<string?> statuses)
    {
        ArgumentNullException.ThrowIfNull(statuses);
        var all = statuses.OfType<string>().ToList();
        return all.Contains(Red) ? Red : all.Contains(Amber) ? Amber : all.Count > 0 ? Green : null;
    }
}

/// <summary>
/// Met ÷ completed over the clocks of one priority completed in the month, in percent to the hundredth (null when none
/// completed), against the contract's success-rate target for that priority and clock (null when it sets none).
/// </summary>
public sealed record SlaRate(
    string Priority,
    string Clock,
    int Completed,
    int Met,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] decimal? SuccessRate,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] decimal? TargetPercent,
    string? Status)
{
    /// <summary>Where the API lists the clocks behind the rate.</summary>
    public string? Tickets { get; init; }
}

/// <summary>Business time used by the clocks of one priority completed in the month, in seconds; null when none completed.</summary>
public sealed record ClockTimes(string Priority, string Clock, int Completed, long? MeanBusinessSeconds, long? P90BusinessSeconds);

/// <summary>The breaches of one priority and clock in the month.</summary>
public sealed record BreachCount(string Priority, string Clock, int Count);

/// <summary>Tickets of one kind and priority: opened and resolved in the month, open at its end.</summary>
public sealed record Volume(string Kind, string Priority, int Opened, int Resolved, int Backlog);

/// <summary>Backlog tickets whose age (since their opening) is at least <see cref="FromDays"/> and under <see cref="ToDays"/> (no upper bound when null).</summary>
public sealed record AgeBucket(int FromDays, int? ToDays, int Count);

/// <summary>The age of the tickets open at the end of the month (now for the current month), in seconds.</summary>
public sealed record BacklogAge(int Count, long? MeanSeconds, long? OldestSeconds, IReadOnlyList<AgeBucket> Buckets);

/// <summary>The tickets rated with one score in the month.</summary>
public sealed record ScoreCount(int Score, int Count);

/// <summary>
/// The ratings given in the month: their mean (to the hundredth, null when none) and number, their distribution; the
/// answer rate is the share of the tickets resolved in the month that were rated (null when none was resolved).
/// </summary>
public sealed record Satisfaction(
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] decimal? Mean,
    int Answers,
    decimal? AnswerRate,
    IReadOnlyList<ScoreCount> Distribution);

/// <summary>A service's availability over the month, 24×7 in the calendar's zone, and the deepest penalty band it falls in.</summary>
public sealed record ServiceAvailability(string Service, long DownSeconds, long PeriodSeconds, decimal Percent, AvailabilityBand? Band, string? Status);

/// <summary>The month's issued penalty statement, as Invoicing issued it.</summary>
public sealed record PenaltyFigures(
    decimal GrossAmount, decimal FreeAmount, decimal WaivedAmount, decimal CapsDeducted, bool BelowMinimum, decimal Total, decimal AdjustmentTotal,
    decimal TotalDue, int Lines, string Status);

/// <summary>
/// The invoices and credit notes of the month (by the first day of their billing period, else their issue date): how
/// many, what was approved net of credit notes (without VAT), and the discrepancies their controls found.
/// </summary>
public sealed record InvoicingFigures(int Invoices, decimal Invoiced, int WithDiscrepancies, int Discrepancies, decimal AtStake, string? Status);

/// <summary>
/// The client's budget of the month's calendar year against what was invoiced: the year's plan, the month's and the plan
/// to the month's end (the months entered, else a twelfth of the year's amount per month), invoiced in the month and
/// since the year's start.
/// </summary>
public sealed record BudgetFigures(
    int Year, decimal? PlannedYear, decimal? PlannedMonth, decimal? PlannedToDate, decimal InvoicedMonth, decimal InvoicedToDate, string? Status);

/// <summary>Evolution requests in one state at the end of the month, and how many entered it during the month.</summary>
public sealed record EvolutionCount(string State, int Count, int Entered);

/// <summary>The green / amber / red status of each figure that has a target; null where the contract sets none.</summary>
public sealed record FigureStatuses(string? Sla, string? Breaches, string? Availability, string? Penalties, string? Invoicing, string? Budget);

/// <summary>The events (by their wire names) a figure is computed from, and where the API lists the tickets behind it.</summary>
public sealed record FigureSource(IReadOnlyList<string> Events, string? Tickets);

/// <summary>A contract's month: every figure of the scorecard (see <see cref="Scorecards.Compute(ScorecardInput)"/>).</summary>
public sealed record Scorecard(
    string Month,
    string TimeZone,
    DateTimeOffset From,
    DateTimeOffset To,
    DateTimeOffset AsOf,
    bool Complete,
    int? ContractVersion,
    int Opened,
    int Resolved,
    int Backlog,
    int Breaches,
    IReadOnlyList<SlaRate> Sla,
    Satisfaction Satisfaction,
    IReadOnlyList<ClockTimes> Times,
    IReadOnlyList<BreachCount> BreachesByClock,
    IReadOnlyList<Volume> Volumes,
    BacklogAge BacklogAge,
    IReadOnlyList<ServiceAvailability> Availability,
    PenaltyFigures? Penalties,
    InvoicingFigures Invoicing,
    BudgetFigures? Budget,
    IReadOnlyList<EvolutionCount> Evolutions,
    FigureStatuses Statuses)
{
    public Guid? ContractId { get; init; }

    public string? Reference { get; init; }

    /// <summary>Each figure's events and drill-down, by the figure's name.</summary>
    public IReadOnlyDictionary<string, FigureSource>? Sources { get; init; }
}

/// <summary>The figures of a contract's month, from the facts kept of the other services' events (pure).</summary>
public static class Scorecards
{
    public static readonly IReadOnlyList<string> Kinds = ["incident", "request"];
    public static readonly IReadOnlyList<string> Priorities = ["P1", "P2", "P3", "P4"];
    public static readonly IReadOnlyList<string> EvolutionStateOrder =
    [
        EvolutionStates.Specified, EvolutionStates.Proposed, EvolutionStates.Validated, EvolutionStates.Rejected, EvolutionStates.InProgress,
        EvolutionStates.Delivered, EvolutionStates.Accepted,
    ];

    /// <summary>How Invoicing names a credit note and a control that found discrepancies.</summary>
    public const string CreditNote = "creditNote";
    public const string DiscrepanciesFound = "discrepancies";

    /// <summary>The backlog's age buckets, in days: under 1, 1 to 7, 7 to 30, 30 and more.</summary>
    public static readonly IReadOnlyList<(int From, int? To)> AgeBuckets = [(0, 1), (1, 7), (7, 30), (30, null)];

    /// <summary>
    /// <list type="bullet">
    /// <item>Opened: tickets opened in the month. Resolved: tickets whose latest resolution is in the month and that are
    /// still resolved or closed (a reopened ticket counts once, at its latest resolution). Backlog: tickets open at the
    /// month's end (now for the current month).</item>
    /// <item>SLA: over the clocks whose latest completion is in the month, met ÷ completed by priority and clock.</item>
    /// <item>Breaches: the clocks whose due time (the breach) is in the month.</item>
    /// <item>Satisfaction: the ratings given in the month; the answer rate over the tickets resolved in the month.</item>
    /// </list>
    /// Instants belong to the month of their local date in the calendar's zone.
    /// </summary>
    public static Scorecard Compute(ScorecardInput input) => Compute(ScorecardTallies.Of(input));

    /// <summary>The figures of a month from its facts counted (see <see cref="Compute(ScorecardInput)"/> for the rules).</summary>
    public static Scorecard Compute(ScorecardTallies tallies)
    {
        ArgumentNullException.ThrowIfNull(tallies);
        var period = tallies.Period;
        var month = period.Month;
        var terms = tallies.Terms;
        var priorities = PrioritiesOf(terms, tallies.Tickets.Select(t => t.Priority).Concat(tallies.Backlog.Select(b => b.Priority))
            .Concat(tallies.Clocks.Select(c => c.Priority)).Concat(tallies.Breaches.Select(b => b.Priority)));
        ClockTally? ClockOf(string priority, string clock) => tallies.Clocks.FirstOrDefault(c => c.Priority == priority && c.Clock == clock);

        var sla = priorities.SelectMany(priority => SlaClocks.All.Select(clock =>
            ClockOf(priority, clock) is { } tally ? Rate(terms, priority, clock, tally.Completed, tally.Met) : Rate(terms, priority, clock, 0, 0))).ToList();
        var times = priorities.SelectMany(priority => SlaClocks.All.Select(clock => ClockOf(priority, clock) is { } tally
            ? new ClockTimes(priority, clock, tally.Completed, Mean(tally.UsedSum, tally.Completed), tally.UsedP90)
            : new ClockTimes(priority, clock, 0, null, null))).ToList();
        var breachesByClock = priorities.SelectMany(priority => SlaClocks.All.Select(clock =>
            new BreachCount(priority, clock, tallies.Breaches.Where(b => b.Priority == priority && b.Clock == clock).Sum(b => b.Count)))).ToList();
        var breaches = tallies.Breaches.Sum(b => b.Count);
        var kinds = Kinds.Union(tallies.Tickets.Select(t => t.Kind).Concat(tallies.Backlog.Select(b => b.Kind))).ToList();
        var volumes = kinds.SelectMany(kind => priorities.Select(priority =>
        {
            var tickets = tallies.Tickets.Where(t => t.Kind == kind && t.Priority == priority).ToList();
            return new Volume(kind, priority, tickets.Sum(t => t.Opened), tickets.Sum(t => t.Resolved),
                tallies.Backlog.Where(b => b.Kind == kind && b.Priority == priority).Sum(b => b.Count));
        })).ToList();
        var availability = Availability(tallies);
        var penalties = Penalties(tallies.Statement);
        var invoicing = Invoicing(month, tallies.Invoices);
        var budget = Budget(month, tallies.Budget, tallies.Invoices);
        var statuses = new FigureStatuses(
            FigureStatus.Worst(sla.Select(rate => rate.Status)),
            BreachStatus(terms, breaches),
            terms is { Penalties.AvailabilityBands.Count: > 0 } ? FigureStatus.Worst(availability.Select(a => a.Status).Append(FigureStatus.Green)) : null,
            penalties?.Status,
            invoicing.Status,
            budget?.Status);

        return new Scorecard(
            month.Text, month.Zone.Id, month.Start, month.End, month.InZone(period.AsOf), period.Complete, tallies.VersionNumber,
            tallies.Tickets.Sum(t => t.Opened), tallies.Tickets.Sum(t => t.Resolved), tallies.Backlog.Sum(b => b.Count), breaches,
            sla, Satisfaction(tallies), times, breachesByClock, volumes, Age(tallies.Backlog), availability, penalties,
            invoicing, budget, Evolutions(month, period.AsOf, tallies.Evolutions), statuses);
    }

    /// <summary>The scorecard as <paramref name="side"/> reads it: the budget is the client's own, the provider never sees it (as in Invoicing).</summary>
    public static Scorecard ForSide(Scorecard scorecard, string side)
    {
        ArgumentNullException.ThrowIfNull(scorecard);
        return side == Infogerance.Data.Sides.Provider ? scorecard with { Budget = null, Statuses = scorecard.Statuses with { Budget = null } } : scorecard;
    }

    /// <summary>The tickets opened in the month.</summary>
    public static IEnumerable<TicketFact> Opened(ScorecardInput input) => input.Tickets.Where(t => input.Period.Month.Contains(t.OpenedAt));

    /// <summary>The tickets resolved or closed now whose latest resolution is in the month.</summary>
    public static IEnumerable<TicketFact> Resolved(ScorecardInput input) =>
        input.Tickets.Where(t => t.ResolvedAt is { } at && input.Period.Month.Contains(at));

    /// <summary>The tickets open at the month's end (now for the current month).</summary>
    public static IEnumerable<TicketFact> Backlog(ScorecardInput input) => input.Tickets.Where(t => t.OpenAtEnd);

    /// <summary>The tickets rated in the month.</summary>
    public static IEnumerable<TicketFact> Rated(ScorecardInput input) =>
        input.Tickets.Where(t => t is { Score: not null, RatedAt: { } at } && input.Period.Month.Contains(at));

    /// <summary>The clocks whose latest completion is in the month.</summary>
    public static IEnumerable<ClockFact> Completed(ScorecardInput input) => input.Clocks.Where(c => input.Period.Month.Contains(c.CompletedAt));

    /// <summary>The clocks that breached (passed their due time) in the month.</summary>
    public static IEnumerable<BreachFact> Breached(ScorecardInput input) => input.Breaches.Where(b => input.Period.Month.Contains(b.DueAt));

    /// <summary><paramref name="part"/> ÷ <paramref name="whole"/> in percent, to the hundredth (half away from zero); null for nothing.</summary>
    public static decimal? Percent(int part, int whole) => whole == 0 ? null : Hundredths(part * 100m / whole);

    /// <summary>To the hundredth, half away from zero, always written with two decimals (95.50, 100.00).</summary>
    public static decimal Hundredths(decimal value) => decimal.Round(value, 2, MidpointRounding.AwayFromZero) + 0.00m;

    /// <summary>
    /// The nearest-rank percentile of <paramref name="values"/>: the smallest value such that at least
    /// <paramref name="percent"/> % of the values are at or below it (on 10 values the 90th is the 9th smallest, on 11
    /// the 10th, on 1 the value itself); null for none. It is always one of the values, never an interpolation.
    /// </summary>
    public static long? Percentile(IEnumerable<long> values, int percent)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(percent);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(percent, 100);
        var sorted = values.Order().ToList();
        if (sorted.Count == 0)
        {
            return null;
        }

        var rank = (percent * sorted.Count + 99) / 100;
        return sorted[rank - 1];
    }

    /// <summary>The mean to the whole second, half away from zero; null for none.</summary>
    public static long? Mean(IReadOnlyCollection<long> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        return Mean(values.Sum(v => (decimal)v), values.Count);
    }

    /// <summary>The mean of <paramref name="count"/> values adding up to <paramref name="sum"/>, to the whole second, half away from zero; null for none.</summary>
    public static long? Mean(decimal sum, int count) => count == 0 ? null : (long)decimal.Round(sum / count, 0, MidpointRounding.AwayFromZero);

    /// <summary>The contract's priorities in the order its SLA lists them (P1 to P4 while its terms are not known), then any other the facts name.</summary>
    private static List<string> PrioritiesOf(ContractTerms? terms, IEnumerable<string> named)
    {
        var listed = terms?.Sla.Targets.Select(t => t.Priority).ToList() is { Count: > 0 } targets ? targets : [.. Priorities];
        return [.. listed.Union(named.Order(StringComparer.Ordinal))];
    }

    private static SlaRate Rate(ContractTerms? terms, string priority, string clock, int completed, int met)
    {
        var target = terms?.Penalties.SuccessRateTargets.FirstOrDefault(t => t.Priority == priority && t.Clock == clock)?.TargetPercent;
        return new SlaRate(priority, clock, completed, met, Percent(met, completed), target is { } percent ? Hundredths(percent) : null,
            RateStatus(target, met, completed));
    }

    /// <summary>
    /// Green at or above the target; amber below it by less than a full point (no success-rate credit is due); red a
    /// full point or more below (a credit is due). Computed on the exact rate, as the penalty statement counts its points.
    /// </summary>
    public static string? RateStatus(decimal? target, int met, int completed)
    {
        if (target is not { } percent || completed == 0)
        {
            return null;
        }

        var below = (percent * completed - met * 100m) / completed;
        return below <= 0 ? FigureStatus.Green : below < 1 ? FigureStatus.Amber : FigureStatus.Red;
    }

    /// <summary>Green without breach; amber while the month's breaches stay within the contract's franchise; red beyond.</summary>
    public static string? BreachStatus(ContractTerms? terms, int breaches) =>
        terms is null ? null
        : breaches == 0 ? FigureStatus.Green
        : breaches <= terms.Penalties.MonthlyFreeBreaches ? FigureStatus.Amber
        : FigureStatus.Red;

    private static Satisfaction Satisfaction(ScorecardTallies tallies)
    {
        var answers = tallies.Ratings.Sum(r => r.Count);
        decimal? mean = answers == 0 ? null : Hundredths((decimal)tallies.Ratings.Sum(r => r.Score * r.Count) / answers);
        return new Satisfaction(
            mean, answers, Percent(tallies.Tickets.Sum(t => t.ResolvedRated), tallies.Tickets.Sum(t => t.Resolved)),
            [.. Enumerable.Range(1, 5).Select(score => new ScoreCount(score, tallies.Ratings.Where(r => r.Score == score).Sum(r => r.Count)))]);
    }

    /// <summary>A ticket's age at <paramref name="asOf"/>, in whole seconds since its opening (never negative).</summary>
    public static long Age(DateTimeOffset openedAt, DateTimeOffset asOf) => Math.Max(0, (long)(asOf - openedAt).TotalSeconds);

    /// <summary>The index of the <see cref="AgeBuckets"/> an age in seconds falls in.</summary>
    public static int AgeBucketOf(long ageSeconds) =>
        AgeBuckets.Select((bucket, index) => (bucket, index)).Last(b => ageSeconds >= b.bucket.From * 86_400L).index;

    private static BacklogAge Age(IReadOnlyList<BacklogTally> backlog)
    {
        var count = backlog.Sum(b => b.Count);
        var buckets = AgeBuckets.Select((bucket, index) => new AgeBucket(bucket.From, bucket.To, backlog.Where(b => b.Bucket == index).Sum(b => b.Count))).ToList();
        return new BacklogAge(count, Mean(backlog.Sum(b => (decimal)b.AgeSum), count), count == 0 ? null : backlog.Max(b => b.OldestAge), buckets);
    }

    /// <summary>
    /// Each service down some of the month, by name (trimmed, ignoring case; shown as its earliest outage wrote it): the
    /// whole month 24×7, overlapping outages counted once, an open outage up to now, the percentage cut to the hundredth,
    /// as the Incidents service's availability report and the penalty statement reckon it. Red in a penalty band.
    /// </summary>
    private static List<ServiceAvailability> Availability(ScorecardTallies input)
    {
        var month = input.Period.Month;
        var bands = input.Terms?.Penalties.AvailabilityBands ?? [];
        var outages = input.Outages.OrderBy(o => o.StartedAt).ThenBy(o => o.OutageId).Select(o => (o.Service, o.StartedAt, o.EndedAt));
        return [.. Downtime.ByService(outages, month.Start, month.End, input.Period.Now).Select(service =>
        {
            var band = bands.Where(b => service.AvailabilityPercent < b.BelowPercent).OrderBy(b => b.BelowPercent).FirstOrDefault();
            var status = bands.Count == 0 ? null : band is null ? FigureStatus.Green : FigureStatus.Red;
            return new ServiceAvailability(service.Service, service.DownSeconds, month.Seconds, service.AvailabilityPercent, band, status);
        })];
    }

    /// <summary>Red when the month owes something, amber when it had penalties that came to nothing (franchise, waivers, minimum), else green.</summary>
    private static PenaltyFigures? Penalties(StatementFact? statement) =>
        statement is null ? null : new PenaltyFigures(
            statement.GrossAmount, statement.FreeAmount, statement.WaivedAmount, statement.MonthlyCapDeducted + statement.AnnualCapDeducted,
            statement.BelowMinimum, statement.Total, statement.AdjustmentTotal, statement.TotalDue, statement.Lines,
            statement.Total > 0 ? FigureStatus.Red : statement.GrossAmount > 0 ? FigureStatus.Amber : FigureStatus.Green);

    /// <summary>Green when every invoice of the month is compliant; amber when those with discrepancies were approved (accepted); red otherwise.</summary>
    private static InvoicingFigures Invoicing(CalendarMonth month, IReadOnlyList<InvoiceFact> invoices)
    {
        var ofMonth = invoices.Where(i => i.BillingDay is { } day && InMonth(month, day)).ToList();
        var flagged = ofMonth.Where(i => i.Result == DiscrepanciesFound).ToList();
        var status = ofMonth.Count == 0 ? null
            : flagged.Count == 0 ? FigureStatus.Green
            : flagged.All(i => i.Approved) ? FigureStatus.Amber
            : FigureStatus.Red;
        return new InvoicingFigures(ofMonth.Count, Invoiced(ofMonth), flagged.Count, flagged.Sum(i => i.DiscrepancyCount), flagged.Sum(i => i.TotalAtStake), status);
    }

    /// <summary>
    /// Green while invoiced since the year's start stays within the plan to the month's end; amber past it but within the
    /// year's plan (spending ahead of plan); red past the year's plan. No status without a plan.
    /// </summary>
    private static BudgetFigures? Budget(CalendarMonth month, BudgetFact? budget, IReadOnlyList<InvoiceFact> invoices)
    {
        var m = month.Month.Month;
        var invoicedMonth = Invoiced(invoices.Where(i => i.BillingDay is { } day && InMonth(month, day)));
        var invoicedToDate = Invoiced(invoices.Where(i => i.BillingDay is { } day && day.Year == month.Month.Year && day.Month <= m));
        if (budget is null || (budget.Annual is null && budget.Monthly.Count == 0))
        {
            return new BudgetFigures(month.Month.Year, null, null, null, invoicedMonth, invoicedToDate, null);
        }

        var byMonth = budget.Monthly.Count > 0;
        var plannedYear = byMonth ? budget.Monthly.Values.Sum() : budget.Annual!.Value;
        decimal? plannedMonth = byMonth ? (budget.Monthly.TryGetValue(m, out var amount) ? amount : null) : Hundredths(plannedYear / 12);
        var plannedToDate = byMonth
            ? budget.Monthly.Where(entry => entry.Key <= m).Sum(entry => entry.Value)
            : Hundredths(plannedYear * m / 12);
        var status = invoicedToDate <= plannedToDate ? FigureStatus.Green : invoicedToDate <= plannedYear ? FigureStatus.Amber : FigureStatus.Red;
        return new BudgetFigures(month.Month.Year, plannedYear, plannedMonth, plannedToDate, invoicedMonth, invoicedToDate, status);
    }

    /// <summary>The approved (or paid) invoices net of the approved credit notes, without VAT.</summary>
    private static decimal Invoiced(IEnumerable<InvoiceFact> invoices) =>
        invoices.Where(i => i.Approved && i.TotalWithoutVat is not null).Sum(i => i.Kind == CreditNote ? -i.TotalWithoutVat!.Value : i.TotalWithoutVat!.Value);

    private static List<EvolutionCount> Evolutions(CalendarMonth month, DateTimeOffset asOf, IReadOnlyList<EvolutionFact> evolutions)
    {
        var states = evolutions.GroupBy(e => e.EvolutionId)
            .Select(e => TicketLife.StateAt(e.Select(f => f.Change), "none", asOf))
            .OfType<string>()
            .ToList();
        var entered = evolutions.Select(e => e.Change).DistinctBy(c => c.EventId).Where(c => month.Contains(c.At)).ToList();
        return [.. EvolutionStateOrder.Union(states).Select(state => new EvolutionCount(state, states.Count(s => s == state), entered.Count(c => c.To == state)))];
    }

    private static bool InMonth(CalendarMonth month, DateOnly day) => day.Year == month.Month.Year && day.Month == month.Month.Month;
}
