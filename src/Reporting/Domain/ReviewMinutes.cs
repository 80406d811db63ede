namespace Infogerance.Reporting.Domain;

/// <summary>
/// The figures frozen when a review was prepared: the scorecard of each month of its period that had begun, as it
/// stood at <see cref="TakenAt"/>, and the period's totals. Stored as it was, never recomputed.
/// </summary>
public sealed record ReviewSnapshot(DateTimeOffset TakenAt, IReadOnlyList<Scorecard> Months, PeriodTotals Totals)
{
    /// <summary>The snapshot as <paramref name="side"/> reads it (the provider never sees the client's budget).</summary>
    public ReviewSnapshot ForSide(string side) => side == ReviewSides.Provider
        ? this with { Months = [.. Months.Select(m => Scorecards.ForSide(m, side))], Totals = ScorecardTotals.WithoutBudget(Totals) }
        : this;
}

/// <summary>A side's comment on an indicator of a review; <see cref="Version"/> counts its changes.</summary>
public sealed record IndicatorComment(string Indicator, string Side, string Text, string Author, DateTimeOffset At, int Version);

/// <summary>A decision, or an improvement axis (<see cref="Axis"/>: service, needs, technology), recorded in a review.</summary>
public sealed record ReviewPoint(
    Guid Id, string Kind, string? Axis, string Text, string Side, string Author, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, int Version);

/// <summary>A step of an action's follow-up: a note, a change of status, or both.</summary>
public sealed record ActionNote(Guid Id, DateTimeOffset At, string Author, string Side, string? Text, string? FromStatus, string? ToStatus);

/// <summary>
/// An item of the contract's action plan, raised in review <see cref="RaisedInReviewId"/> and followed up until done
/// or dropped; <see cref="Version"/> counts its changes. On a review's plan: <see cref="Overdue"/> when still to do
/// after its due day (as of today, or as of the day the review closed), and for an item carried over from an earlier
/// review, its status and due day when this review was prepared.
/// </summary>
public sealed record ActionItem(
    Guid Id, Guid RaisedInReviewId, string Title, string Side, string Owner, DateOnly DueOn, string Status, int Version, DateTimeOffset CreatedAt,
    string CreatedBy, DateTimeOffset UpdatedAt, IReadOnlyList<ActionNote> Notes)
{
    public bool Overdue { get; init; }

    public string? CarriedStatus { get; init; }

    public DateOnly? CarriedDueOn { get; init; }
}

/// <summary>An action carried over to a review: its status and due day when the review was prepared.</summary>
public sealed record CarriedAction(Guid ActionId, string Status, DateOnly DueOn);

/// <summary>The header of a review: its period, status, version, who prepared it and each side's approval.</summary>
public sealed record ReviewHeader(
    Guid Id, Guid ContractId, int Number, string Period, string Cadence, DateTimeOffset From, DateTimeOffset To, string? Title, DateOnly? MeetingOn,
    string Status, int Version, DateTimeOffset PreparedAt, string PreparedBy, string PreparedSide, Approvals Approvals, DateTimeOffset? ClosedAt)
{
    /// <summary>The contract's reference, as both sides name it.</summary>
    public string? Reference { get; init; }

    /// <summary>The side whose approval the open review waits on; null when closed or when neither side has approved yet.</summary>
    public string? AwaitingSide => Status == ReviewStatuses.Open && Approvals.Sides is [var approved] ? Infogerance.Data.Sides.Other(approved) : null;
}

/// <summary>A review as the list shows it: its header, and how many items of its plan are still to do and overdue.</summary>
public sealed record ReviewSummary(ReviewHeader Header, int PendingActions, int OverdueActions);

/// <summary>
/// A review whole: its header, the frozen figures, both sides' comments, the decisions and improvement axes, and its
/// action plan (the items raised in it and those carried over to it; as approved once it is closed).
/// </summary>
public sealed record Review(
    ReviewHeader Header, ReviewSnapshot Snapshot, IReadOnlyList<IndicatorComment> Comments, IReadOnlyList<ReviewPoint> Decisions,
    IReadOnlyList<ReviewPoint> Improvements, IReadOnlyList<ActionItem> Actions);

/// <summary>A review's action plan (pure).</summary>
public static class ReviewPlan
{
    /// <summary>
    /// The items raised in the review and those carried over to it, with what was carried and whether each is overdue on
    /// <paramref name="today"/>: those carried first (oldest due first), then those raised, in the order raised.
    /// </summary>
    public static IReadOnlyList<ActionItem> Of(Guid reviewId, IEnumerable<ActionItem> items, IReadOnlyList<CarriedAction> carried, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(carried);
        var carriedById = carried.ToDictionary(c => c.ActionId);
        return [.. items
            .Where(item => item.RaisedInReviewId == reviewId || carriedById.ContainsKey(item.Id))
            .Select(item => item with
            {
                Overdue = ReviewRules.IsOverdue(item.DueOn, item.Status, today),
                CarriedStatus = carriedById.GetValueOrDefault(item.Id)?.Status,
                CarriedDueOn = carriedById.GetValueOrDefault(item.Id)?.DueOn,
            })
            .OrderBy(item => item.RaisedInReviewId == reviewId)
            .ThenBy(item => item.RaisedInReviewId == reviewId ? DateOnly.MinValue : item.DueOn)
            .ThenBy(item => item.CreatedAt).ThenBy(item => item.Id)];
    }

    /// <summary>The items to carry over to a review prepared now: every item of the contract still to do.</summary>
    public static IReadOnlyList<CarriedAction> ToCarry(IEnumerable<ActionItem> contractItems)
    {
        ArgumentNullException.ThrowIfNull(contractItems);
        return [.. contractItems.Where(item => ActionStatuses.IsPending(item.Status)).Select(item => new CarriedAction(item.Id, item.Status, item.DueOn))];
    }

    /// <summary>The comments <paramref name="side"/> reads: the client's comment on its budget stays the client's.</summary>
    public static IReadOnlyList<IndicatorComment> CommentsFor(IEnumerable<IndicatorComment> comments, string side)
    {
        ArgumentNullException.ThrowIfNull(comments);
        return [.. comments.Where(c => side == ReviewSides.Client || c.Indicator != Indicators.Budget)
            .OrderBy(c => IndexOf(c.Indicator)).ThenBy(c => c.Side, StringComparer.Ordinal)];
    }

    private static int IndexOf(string indicator)
    {
        for (var i = 0; i < Indicators.All.Count; i++)
        {
            if (Indicators.All[i] == indicator)
            {
                return i;
            }
        }

        return int.MaxValue;
    }
}
