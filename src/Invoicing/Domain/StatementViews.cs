using NodaTime;

namespace Infogerance.Invoicing.Domain;

public static class StatementStatuses
{
    public const string Draft = "draft";
    public const string Issued = "issued";
}

public static class LineStatuses
{
    public const string Contested = "contested";
    public const string Upheld = "upheld";
    public const string Waived = "waived";
}

/// <summary>A client's or provider's decision on a line: contested (by the provider), then upheld or waived (by the client).</summary>
public sealed record LineDecision(
    string Status, string? ContestReason, string? ContestedBy, DateTimeOffset? ContestedAt, string? Reason, string? DecidedBy, DateTimeOffset? DecidedAt);

/// <summary>
/// A line of a statement: <see cref="Key"/> names it for waivers and contests (<c>breach:{ticketId}:{clock}</c>,
/// <c>successRate:{rule}</c>, <c>availability:{service}</c>); a breach links to its ticket by <see cref="TicketId"/>.
/// </summary>
public sealed record StatementLine(string Key, Guid? TicketId, long? TicketNumber, bool Waived, PenaltyLine Detail, LineDecision? Decision);

/// <summary>
/// An earlier issued month's facts changed after its issue: the difference (<see cref="Amount"/>), carried by this
/// statement, less the part the annual cap leaves out (<see cref="CapDeducted"/>); <see cref="Due"/> is what is billed.
/// </summary>
public sealed record StatementAdjustment(string ForMonth, decimal Amount, decimal CapDeducted = 0m)
{
    public decimal Due => Amount - CapDeducted;
}

/// <summary>
/// A month's statement. <see cref="Total"/> is after franchise, waivers, caps and minimum; <see cref="TotalDue"/> adds
/// the adjustments for earlier months.
/// </summary>
public sealed record StatementView(
    Guid ContractId,
    string Month,
    string Status,
    DateTimeOffset? IssuedAt,
    string TimeZone,
    int VersionNumber,
    decimal MonthlyFee,
    decimal YearToDate,
    decimal GrossAmount,
    decimal FreeAmount,
    decimal WaivedAmount,
    decimal MonthlyCapDeducted,
    decimal AnnualCapDeducted,
    bool BelowMinimum,
    decimal Total,
    IReadOnlyList<StatementAdjustment> Adjustments,
    decimal TotalDue,
    IReadOnlyList<StatementLine> Lines);

/// <summary>A month in the list of a contract's statements.</summary>
public sealed record StatementSummary(string Month, string Status, DateTimeOffset? IssuedAt, decimal GrossAmount, decimal Total, decimal TotalDue);

/// <summary>Lines' keys and the statement's settlement once waivers are known (pure).</summary>
public static class StatementLines
{
    public static string KeyOf(PenaltyLine line, Guid? ticketId) => line.Kind switch
    {
        PenaltyLineKinds.Breach => $"breach:{ticketId}:{line.Clock}",
        PenaltyLineKinds.SuccessRate => $"successRate:{line.Rule}",
        _ => $"availability:{line.Service?.ToUpperInvariant()}",
    };

    /// <summary>
    /// The statement after waivers: a waived line stays listed, its amount (when not already free) leaves the net before
    /// the caps and the minimum apply.
    /// </summary>
    public static (decimal Waived, decimal MonthlyCapDeducted, decimal AnnualCapDeducted, bool BelowMinimum, decimal Total) Settle(
        PenaltyStatementResult result, IReadOnlyList<StatementLine> lines, decimal fee, IntegrationEvents.PenaltyRules rules, decimal yearToDate)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(lines);
        var waived = lines.Where(line => line.Waived && !line.Detail.Free).Sum(line => line.Detail.Amount);
        var (monthly, annual, below, total) = PenaltyStatement.Settle(result.GrossAmount - result.FreeAmount - waived, fee, rules, yearToDate);
        return (waived, monthly, annual, below, total);
    }

    /// <summary>
    /// The adjustments as billed this month: refunds whole, and increases, oldest month first, only within what is left of
    /// the annual cap (<paramref name="annualCapLeft"/>: the cap less the year to date and this month's total, refunds
    /// added back; null when the contract has no annual cap), so that a late fact never takes the year past its cap.
    /// </summary>
    public static IReadOnlyList<StatementAdjustment> Recap(IReadOnlyList<StatementAdjustment> adjustments, decimal? annualCapLeft)
    {
        ArgumentNullException.ThrowIfNull(adjustments);
        if (annualCapLeft is not { } left)
        {
            return adjustments;
        }

        left = Math.Max(0m, left) - adjustments.Where(adjustment => adjustment.Amount < 0).Sum(adjustment => adjustment.Amount);
        var recapped = new List<StatementAdjustment>(adjustments.Count);
        foreach (var adjustment in adjustments.OrderBy(adjustment => adjustment.ForMonth, StringComparer.Ordinal))
        {
            if (adjustment.Amount <= 0)
            {
                recapped.Add(adjustment);
                continue;
            }

            var due = Math.Min(adjustment.Amount, left);
            left -= due;
            recapped.Add(adjustment with { CapDeducted = adjustment.Amount - due });
        }

        return recapped;
    }

    /// <summary>The months from <paramref name="first"/> to <paramref name="last"/>, latest first.</summary>
    public static IReadOnlyList<YearMonth> MonthsBetween(YearMonth first, YearMonth last)
    {
        var months = new List<YearMonth>();
        for (var month = last; month >= first; month = month.PlusMonths(-1))
        {
            months.Add(month);
        }

        return months;
    }
}
