using Infogerance.IntegrationEvents;

namespace Infogerance.Invoicing.Domain;

/// <summary>A ticket's SLA clock that passed its due time: <see cref="Clock"/> is <c>respond</c> or <c>resolve</c>.</summary>
public sealed record PenaltyBreach(long Ticket, string Priority, string Clock, DateTimeOffset BreachedAt);

/// <summary>
/// A clock stopped in the month, met or not. With <see cref="Ticket"/> and <see cref="CompletedAt"/>, a reopened
/// ticket's clock counts once, at its latest completion (and not in this month when that completion is in another).
/// </summary>
public sealed record CompletedClock(string Priority, string Clock, bool Met, long? Ticket = null, DateTimeOffset? CompletedAt = null);

/// <summary>A service's availability over the month, in percent, as Incidents computes it.</summary>
public sealed record ServiceAvailability(string Service, decimal Percent);

/// <summary>
/// What a month's statement is computed from. <see cref="YearToDate"/> is what was applied in the contract year
/// before this month (after its caps and minimum).
/// </summary>
public sealed record StatementInput(
    StatementMonth Month,
    decimal MonthlyFee,
    PenaltyRules Rules,
    IReadOnlyList<PenaltyBreach> Breaches,
    IReadOnlyList<CompletedClock> Clocks,
    IReadOnlyList<ServiceAvailability> Availability,
    decimal YearToDate);

public static class PenaltyLineKinds
{
    public const string Breach = "breach";
    public const string SuccessRate = "successRate";
    public const string Availability = "availability";
}

/// <summary>
/// One line of a statement. <see cref="Rule"/> names the rule that priced it by its path in the rules
/// (<c>perBreach[0]</c>, <c>successRateTargets[1]</c>, <c>availabilityBands[0]</c>); a breach no rule matches has none
/// and costs nothing. <see cref="Free"/>: a breach within the month's franchise (its amount is what it would have cost).
/// </summary>
public sealed record PenaltyLine
{
    public required string Kind { get; init; }
    public required decimal Amount { get; init; }
    public bool Free { get; init; }
    public string? Rule { get; init; }

    // A breach.
    public long? Ticket { get; init; }
    public string? Priority { get; init; }
    public string? Clock { get; init; }
    public DateTimeOffset? BreachedAt { get; init; }

    // A success-rate credit: the month's clocks of the target's priority and clock.
    public int? Completed { get; init; }
    public int? Met { get; init; }

    /// <summary>Met ÷ completed, in percent, shown to the hundredth (the points are counted on the exact rate).</summary>
    public decimal? RatePercent { get; init; }

    public decimal? TargetPercent { get; init; }
    public int? Points { get; init; }

    // An availability band.
    public string? Service { get; init; }
    public decimal? AvailabilityPercent { get; init; }
    public decimal? BelowPercent { get; init; }
}

/// <summary>
/// The month's penalties: <see cref="GrossAmount"/> every line, free breaches included; the net is gross less
/// <see cref="FreeAmount"/>, less what the monthly then the annual cap take; <see cref="BelowMinimum"/> when that is
/// strictly below the minimum, and then nothing is billed.
/// </summary>
public sealed record PenaltyStatementResult(
    decimal GrossAmount,
    decimal FreeAmount,
    decimal MonthlyCapDeducted,
    decimal AnnualCapDeducted,
    bool BelowMinimum,
    decimal Total,
    IReadOnlyList<PenaltyLine> Lines);

/// <summary>
/// The statement rules (pure): what a provider owes back for a month of a contract, from the month's breaches,
/// completed clocks and services' availability, under the contract's penalty rules.
/// </summary>
public static class PenaltyStatement
{
    /// <summary>To the cent, half away from zero.</summary>
    public static decimal Cents(decimal amount) => Math.Round(amount, 2, MidpointRounding.AwayFromZero);

    /// <summary><paramref name="percent"/> % of <paramref name="amount"/>, to the cent.</summary>
    public static decimal PercentOf(decimal amount, decimal percent) => Cents(amount * percent / 100m);

    /// <summary>Steps 1 to 8: breaches, franchise, success rates, availability, gross and net, caps, minimum.</summary>
    public static PenaltyStatementResult Compute(StatementInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var rules = input.Rules;
        var fee = input.MonthlyFee;
        var lines = new List<PenaltyLine>(input.Breaches.Count + rules.SuccessRateTargets.Count + input.Availability.Count);

        // 1–2. Each breach of the month priced by its first rule; the first N in order of breach are free.
        var breaches = OrderedBreaches(input.Month, input.Breaches);
        var gross = 0m;
        var free = 0m;
        for (var i = 0; i < breaches.Length; i++)
        {
            var breach = breaches[i];
            var (amount, rule) = Price(rules.PerBreach, breach, fee);
            var isFree = i < rules.MonthlyFreeBreaches;
            gross += amount;
            if (isFree)
            {
                free += amount;
            }

            lines.Add(new PenaltyLine
            {
                Kind = PenaltyLineKinds.Breach,
                Amount = amount,
                Free = isFree,
                Rule = rule,
                Ticket = breach.Ticket,
                Priority = breach.Priority,
                Clock = breach.Clock,
                BreachedAt = input.Month.InZone(breach.BreachedAt),
            });
        }

        // 3. Success-rate credits.
        if (rules.SuccessRateTargets.Count > 0)
        {
            var counts = CountClocks(input.Month, input.Clocks);
            for (var t = 0; t < rules.SuccessRateTargets.Count; t++)
            {
                var target = rules.SuccessRateTargets[t];
                if (!counts.TryGetValue((target.Priority, target.Clock), out var count) || count.Completed == 0)
                {
                    continue;
                }

                // target − rate = (target × completed − met × 100) ÷ completed, computed exactly before the floor.
                var below = (target.TargetPercent * count.Completed - count.Met * 100m) / count.Completed;
                if (below <= 0)
                {
                    continue;
                }

                var points = (int)decimal.Floor(below);
                var creditPercent = Math.Min(points * target.CreditPercentPerPoint, target.MaxCreditPercent);
                var amount = PercentOf(fee, creditPercent);
                gross += amount;
                lines.Add(new PenaltyLine
                {
                    Kind = PenaltyLineKinds.SuccessRate,
                    Amount = amount,
                    Rule = $"successRateTargets[{t}]",
                    Priority = target.Priority,
                    Clock = target.Clock,
                    Completed = count.Completed,
                    Met = count.Met,
                    RatePercent = Cents(count.Met * 100m / count.Completed),
                    TargetPercent = target.TargetPercent,
                    Points = points,
                });
            }
        }

        // 4. Availability: the deepest band whose threshold the service is strictly below.
        foreach (var service in input.Availability)
        {
            var band = DeepestBand(rules.AvailabilityBands, service.Percent);
            if (band < 0)
            {
                continue;
            }

            var amount = PercentOf(fee, rules.AvailabilityBands[band].PenaltyPercentOfFee);
            gross += amount;
            lines.Add(new PenaltyLine
            {
                Kind = PenaltyLineKinds.Availability,
                Amount = amount,
                Rule = $"availabilityBands[{band}]",
                Service = service.Service,
                AvailabilityPercent = service.Percent,
                BelowPercent = rules.AvailabilityBands[band].BelowPercent,
            });
        }

        // 5–8. Net, caps, minimum.
        var (monthlyCapDeducted, annualCapDeducted, belowMinimum, total) = Settle(gross - free, fee, rules, input.YearToDate);
        return new PenaltyStatementResult(gross, free, monthlyCapDeducted, annualCapDeducted, belowMinimum, total, lines);
    }

    /// <summary>Steps 6 to 8 on the month's net: the monthly cap, what is left of the annual cap, the minimum.</summary>
    public static (decimal MonthlyCapDeducted, decimal AnnualCapDeducted, bool BelowMinimum, decimal Total) Settle(
        decimal net, decimal fee, PenaltyRules rules, decimal yearToDate)
    {
        ArgumentNullException.ThrowIfNull(rules);
        var monthlyCapDeducted = 0m;
        if (rules.MonthlyCapPercent > 0)
        {
            var cap = PercentOf(fee, rules.MonthlyCapPercent);
            monthlyCapDeducted = Math.Max(0m, net - cap);
        }

        var afterMonthlyCap = net - monthlyCapDeducted;
        var annualCapDeducted = 0m;
        if (rules.AnnualCapPercent > 0)
        {
            var left = Math.Max(0m, PercentOf(12m * fee, rules.AnnualCapPercent) - yearToDate);
            annualCapDeducted = Math.Max(0m, afterMonthlyCap - left);
        }

        var result = afterMonthlyCap - annualCapDeducted;
        return rules.MinimumTotal > 0 && result < rules.MinimumTotal
            ? (monthlyCapDeducted, annualCapDeducted, true, 0m)
            : (monthlyCapDeducted, annualCapDeducted, false, result);
    }

    /// <summary>The price of a breach under the first rule matching its priority and clock (no clock = either), and that rule's path.</summary>
    public static (decimal Amount, string? Rule) Price(IReadOnlyList<BreachPenalty> perBreach, PenaltyBreach breach, decimal fee)
    {
        ArgumentNullException.ThrowIfNull(perBreach);
        ArgumentNullException.ThrowIfNull(breach);
        for (var i = 0; i < perBreach.Count; i++)
        {
            var rule = perBreach[i];
            if (rule.Priority == breach.Priority && (rule.Clock is null || rule.Clock == breach.Clock))
            {
                var amount = rule.Kind == PenaltyKinds.PercentOfFee ? PercentOf(fee, rule.Amount) : Cents(rule.Amount);
                return (amount, $"perBreach[{i}]");
            }
        }

        return (0m, null);
    }

    /// <summary>
    /// The month's breaches in the franchise's order: breach instant, then lower ticket number, then <c>respond</c>
    /// before <c>resolve</c> (then priority, for input that repeats a clock).
    /// </summary>
    public static PenaltyBreach[] OrderedBreaches(StatementMonth month, IReadOnlyList<PenaltyBreach> breaches)
    {
        ArgumentNullException.ThrowIfNull(month);
        ArgumentNullException.ThrowIfNull(breaches);
        var ordered = new PenaltyBreach[breaches.Count];
        var count = 0;
        foreach (var breach in breaches)
        {
            if (month.Contains(breach.BreachedAt))
            {
                ordered[count++] = breach;
            }
        }

        Array.Resize(ref ordered, count);
        Array.Sort(ordered, FranchiseOrder);
        return ordered;
    }

    private static int FranchiseOrder(PenaltyBreach x, PenaltyBreach y)
    {
        var byInstant = x.BreachedAt.UtcTicks.CompareTo(y.BreachedAt.UtcTicks);
        if (byInstant != 0)
        {
            return byInstant;
        }

        var byTicket = x.Ticket.CompareTo(y.Ticket);
        if (byTicket != 0)
        {
            return byTicket;
        }

        var byClock = ClockRank(x.Clock).CompareTo(ClockRank(y.Clock));

        // The same clock of the same ticket breached twice at the same instant cannot come from Incidents; ordering
        // by priority keeps the statement the same whatever order such input is given in (the sort is not stable).
        return byClock != 0 ? byClock : string.CompareOrdinal(x.Priority, y.Priority);
    }

    private static int ClockRank(string clock) => clock == SlaClocks.Respond ? 0 : clock == SlaClocks.Resolve ? 1 : 2;

    /// <summary>
    /// Completed and met clocks of the month by priority and clock. A clock given with its ticket and completion counts
    /// once, at its latest completion, and only when that completion is in the month.
    /// </summary>
    public static Dictionary<(string Priority, string Clock), (int Completed, int Met)> CountClocks(StatementMonth month, IReadOnlyList<CompletedClock> clocks)
    {
        ArgumentNullException.ThrowIfNull(month);
        ArgumentNullException.ThrowIfNull(clocks);
        var latest = new Dictionary<(long Ticket, string Clock), CompletedClock>(clocks.Count);
        var counts = new Dictionary<(string Priority, string Clock), (int Completed, int Met)>();
        foreach (var clock in clocks)
        {
            if (clock.Ticket is { } ticket && clock.CompletedAt is { } at)
            {
                var key = (ticket, clock.Clock);
                if (!latest.TryGetValue(key, out var kept) || at > kept.CompletedAt!.Value)
                {
                    latest[key] = clock;
                }

                continue;
            }

            if (clock.CompletedAt is not { } completedAt || month.Contains(completedAt))
            {
                Count(counts, clock);
            }
        }

        foreach (var clock in latest.Values)
        {
            if (month.Contains(clock.CompletedAt!.Value))
            {
                Count(counts, clock);
            }
        }

        return counts;
    }

    private static void Count(Dictionary<(string Priority, string Clock), (int Completed, int Met)> counts, CompletedClock clock)
    {
        var key = (clock.Priority, clock.Clock);
        var (completed, met) = counts.GetValueOrDefault(key);
        counts[key] = (completed + 1, met + (clock.Met ? 1 : 0));
    }

    /// <summary>The index of the band with the lowest threshold still above <paramref name="percent"/>, or −1 (bands are not cumulative).</summary>
    public static int DeepestBand(IReadOnlyList<AvailabilityBand> bands, decimal percent)
    {
        ArgumentNullException.ThrowIfNull(bands);
        var deepest = -1;
        for (var i = 0; i < bands.Count; i++)
        {
            if (percent < bands[i].BelowPercent && (deepest < 0 || bands[i].BelowPercent < bands[deepest].BelowPercent))
            {
                deepest = i;
            }
        }

        return deepest;
    }
}
