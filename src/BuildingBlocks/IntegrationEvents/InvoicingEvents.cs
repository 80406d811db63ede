namespace Infogerance.IntegrationEvents;

/// <summary>One line of an issued statement, summarised: its kind, what it is about and its amount.</summary>
public sealed record PenaltyLineSummary(string Key, string Kind, decimal Amount, bool Free, bool Waived, Guid? TicketId = null, string? Service = null);

/// <summary>
/// A month's penalty statement of a contract was issued and is now frozen. <see cref="TotalDue"/> is <see cref="Total"/>
/// plus <see cref="AdjustmentTotal"/> (changes to earlier months after their issue). Amounts in euros.
/// </summary>
public sealed record PenaltyStatementIssued : IntegrationEvent
{
    public required Guid ContractId { get; init; }

    /// <summary><c>yyyy-MM</c>, in the contract calendar's zone.</summary>
    public required string Month { get; init; }

    public required decimal MonthlyFee { get; init; }
    public required decimal GrossAmount { get; init; }
    public required decimal FreeAmount { get; init; }
    public required decimal WaivedAmount { get; init; }
    public required decimal MonthlyCapDeducted { get; init; }
    public required decimal AnnualCapDeducted { get; init; }
    public required bool BelowMinimum { get; init; }
    public required decimal Total { get; init; }
    public required decimal AdjustmentTotal { get; init; }
    public required decimal TotalDue { get; init; }
    public IReadOnlyList<PenaltyLineSummary> Lines { get; init; } = [];
}

/// <summary>The client waived a line of a draft statement (its amount leaves the month's total), with its reason.</summary>
public sealed record PenaltyLineWaived : IntegrationEvent
{
    public required Guid ContractId { get; init; }
    public required string Month { get; init; }
    public required string LineKey { get; init; }
    public required decimal Amount { get; init; }
    public required string Reason { get; init; }
    public required string WaivedBy { get; init; }

    /// <summary>True when the line had been contested by the provider.</summary>
    public bool Contested { get; init; }
}
