namespace Infogerance.Invoicing.Domain;

/// <summary>
/// What the client plans to spend on a contract in a calendar year: an amount for each month it entered, or one for the
/// whole year. When months are entered the year's plan is their sum (<see cref="Annual"/> is then ignored).
/// </summary>
public sealed record BudgetPlan(decimal? Annual, IReadOnlyDictionary<int, decimal> Monthly)
{
    public static BudgetPlan None { get; } = new(null, new Dictionary<int, decimal>());

    public decimal? Total => Monthly.Count > 0 ? Monthly.Values.Sum() : Annual;
}

/// <summary>An approved invoice's or credit note's amount without VAT, on the month its billing period starts (a credit note negative).</summary>
public sealed record InvoicedAmount(int Month, decimal Amount);

/// <summary>A validated evolution's quote and what invoices billed for it so far, net of credit notes.</summary>
public sealed record QuoteCommitment(Guid EvolutionId, decimal Quote, decimal Billed);

/// <summary>
/// What a budget year is computed from: the contract's life and prices in force (for the fees still to come), today
/// (in the contract's zone), the months whose fixed fee an approved invoice already billed, the approved amounts by
/// month, and the validated evolutions.
/// </summary>
public sealed record BudgetFacts(
    int Year,
    DateOnly Today,
    ContractLife Life,
    PriceBook Prices,
    IReadOnlySet<int> FeeInvoicedMonths,
    IReadOnlyList<InvoicedAmount> Invoiced,
    IReadOnlyList<QuoteCommitment> Quotes);

public sealed record BudgetMonth(int Month, decimal? Planned, decimal Invoiced, decimal Committed);

/// <summary>
/// A contract's budget for a year: by month, planned, invoiced and committed; the year's totals; what remains of the
/// plan; whether invoiced + committed exceed it (the alert).
/// </summary>
public sealed record BudgetYearView(
    int Year, IReadOnlyList<BudgetMonth> Months, decimal? Planned, decimal Invoiced, decimal Committed, decimal? Remaining, bool Overrun);

public static class BudgetYear
{
    /// <summary>
    /// <list type="bullet">
    /// <item>Invoiced: the approved invoices net of credit notes, each on the month its period starts.</item>
    /// <item>Committed: for each month of the year from the current one on, inside the contract's billable life and not
    /// yet billed for its fee, the revised monthly fee in force (prorated by days where the contract starts or ends
    /// within the month); plus, in the current year only and on the current month, what the validated evolutions'
    /// quotes leave unbilled. A past year commits nothing: what it did not invoice is no longer coming.</item>
    /// <item>Remaining: planned − invoiced − committed; overrun when invoiced + committed exceed the plan.</item>
    /// </list>
    /// </summary>
    public static BudgetYearView Compute(BudgetPlan plan, BudgetFacts facts)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(facts);
        var invoiced = new decimal[13];
        foreach (var amount in facts.Invoiced.Where(amount => amount.Month is >= 1 and <= 12))
        {
            invoiced[amount.Month] += amount.Amount;
        }

        var committed = new decimal[13];
        var firstToCome = facts.Year < facts.Today.Year ? 13 : facts.Year > facts.Today.Year ? 1 : facts.Today.Month;
        for (var month = firstToCome; month <= 12; month++)
        {
            if (!facts.FeeInvoicedMonths.Contains(month) && BillableDays(facts, month) is { } days && !facts.Prices.IsEmpty)
            {
                committed[month] = BillingCalendar.ProratedMonthlyFee(days, facts.Prices);
            }
        }

        if (facts.Year == facts.Today.Year)
        {
            committed[facts.Today.Month] += facts.Quotes.Sum(quote => Math.Max(0m, quote.Quote - quote.Billed));
        }

        var months = Enumerable.Range(1, 12)
            .Select(month => new BudgetMonth(month, plan.Monthly.TryGetValue(month, out var planned) ? planned : null, invoiced[month], committed[month]))
            .ToList();
        var totalInvoiced = invoiced.Sum();
        var totalCommitted = committed.Sum();
        var totalPlanned = plan.Total;
        return new BudgetYearView(
            facts.Year, months, totalPlanned, totalInvoiced, totalCommitted, totalPlanned - totalInvoiced - totalCommitted,
            totalPlanned is { } limit && totalInvoiced + totalCommitted > limit);
    }

    /// <summary>The days of the month inside the contract's billable life, or null when none.</summary>
    private static InvoicePeriod? BillableDays(BudgetFacts facts, int month)
    {
        var first = new DateOnly(facts.Year, month, 1);
        var last = BillingCalendar.LastOfMonth(first);
        var start = facts.Life.Start > first ? facts.Life.Start : first;
        var end = facts.Life.LastBillableDay < last ? facts.Life.LastBillableDay : last;
        return start <= end ? new InvoicePeriod(start, end) : null;
    }
}
