namespace Infogerance.IntegrationEvents;

/// <summary>
/// A periodic review (bilan, comité de pilotage) of a contract was prepared: its period's scorecard is frozen and its
/// minutes are open for both sides to comment, decide and plan. <see cref="Period"/> is <c>yyyy-MM</c> (monthly) or
/// <c>yyyy-Qn</c> (quarterly); <see cref="PreparingSide"/> is <c>client</c> or <c>provider</c>.
/// </summary>
public sealed record ReviewPrepared : IntegrationEvent
{
    public required Guid ContractId { get; init; }
    public required Guid ReviewId { get; init; }
    public required int Number { get; init; }
    public required string Period { get; init; }
    public required string PreparingSide { get; init; }
    public required string PreparedBy { get; init; }
    public required Guid PreparedById { get; init; }
}

/// <summary>
/// One side approved a review's minutes (<see cref="Side"/>, <c>client</c> or <c>provider</c>). Until the other side
/// approves too (<see cref="AwaitingSide"/>), the review waits on it; with both approvals it is closed
/// (<see cref="ReviewClosed"/> follows in the same transaction, and <see cref="AwaitingSide"/> is null).
/// </summary>
public sealed record ReviewApproved : IntegrationEvent
{
    public required Guid ContractId { get; init; }
    public required Guid ReviewId { get; init; }
    public required string Period { get; init; }
    public required string Side { get; init; }
    public required string ApprovedBy { get; init; }
    public required Guid ApprovedById { get; init; }
    public string? AwaitingSide { get; init; }
}

/// <summary>
/// A review's minutes changed after a side had approved them: that side's approval is withdrawn, and the review waits
/// on its approval again. <see cref="ChangedBy"/> is who changed them.
/// </summary>
public sealed record ReviewApprovalWithdrawn : IntegrationEvent
{
    public required Guid ContractId { get; init; }
    public required Guid ReviewId { get; init; }
    public required string Period { get; init; }
    public required string Side { get; init; }
    public required string ChangedBy { get; init; }
    public required Guid ChangedById { get; init; }
}

/// <summary>Both sides approved a review's minutes: it is closed and read-only from <see cref="ClosedAt"/> on.</summary>
public sealed record ReviewClosed : IntegrationEvent
{
    public required Guid ContractId { get; init; }
    public required Guid ReviewId { get; init; }
    public required string Period { get; init; }
    public required DateTimeOffset ClosedAt { get; init; }
}

/// <summary>
/// An item of a contract's action plan was raised or changed. <see cref="Side"/> is the side responsible
/// (<c>client</c> or <c>provider</c>), <see cref="Owner"/> the person it names; <see cref="Status"/> is <c>open</c>,
/// <c>inProgress</c>, <c>done</c> or <c>dropped</c>, <see cref="PreviousStatus"/> null when the item was just raised.
/// <see cref="DueOn"/> is a day of the contract calendar's zone: the item is overdue from the next day while not done
/// or dropped.
/// </summary>
public sealed record ReviewActionChanged : IntegrationEvent
{
    public required Guid ContractId { get; init; }
    public required Guid ActionId { get; init; }
    public required Guid RaisedInReviewId { get; init; }
    public required string Title { get; init; }
    public required string Side { get; init; }
    public required string Owner { get; init; }
    public required DateOnly DueOn { get; init; }
    public required string Status { get; init; }
    public string? PreviousStatus { get; init; }
    public required string ChangedBy { get; init; }
    public required Guid ChangedById { get; init; }
}

/// <summary>
/// An item of a contract's action plan fell overdue: its due day (<see cref="DueOn"/>, in the contract calendar's zone)
/// is over and it is still <c>open</c> or <c>inProgress</c>. Raised once per due day: an item postponed and overdue again
/// raises it again.
/// </summary>
public sealed record ReviewActionOverdue : IntegrationEvent
{
    public required Guid ContractId { get; init; }
    public required Guid ActionId { get; init; }
    public required Guid RaisedInReviewId { get; init; }
    public required string Title { get; init; }
    public required string Side { get; init; }
    public required string Owner { get; init; }
    public required DateOnly DueOn { get; init; }
    public required string Status { get; init; }
}

/// <summary>
/// A contract's month is final: its penalty statement was issued (the last of its figures to come, a few days after the
/// month's end in the contract calendar's zone), so its scorecard will not move again but for late events. Raised once
/// per contract and <see cref="Month"/> (<c>yyyy-MM</c>), for the monthly scorecard sent to those who subscribe to it.
/// </summary>
public sealed record ScorecardMonthFinal : IntegrationEvent
{
    public required Guid ContractId { get; init; }
    public required string Month { get; init; }
}
