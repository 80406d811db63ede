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

/// <summary>
/// A provider's invoice or credit note was received and stored (before its control). <see cref="Kind"/> is
/// <c>invoice</c> or <c>creditNote</c>; <see cref="PrecedingInvoiceId"/> is the invoice it corrects or credits, when
/// it names one of the contract's. Amounts in the invoice's currency, excluding VAT then including it.
/// </summary>
public sealed record InvoiceReceived : IntegrationEvent
{
    public required Guid ContractId { get; init; }
    public required Guid InvoiceId { get; init; }
    public required string Number { get; init; }
    public required string Kind { get; init; }
    public required string Source { get; init; }
    public required DateOnly IssueDate { get; init; }
    public required string Currency { get; init; }
    public required decimal TotalWithoutVat { get; init; }
    public required decimal TotalWithVat { get; init; }
    public Guid? PrecedingInvoiceId { get; init; }

    /// <summary>The first day of the billing period the invoice names, when it names one (absent from events published before it travelled).</summary>
    public DateOnly? PeriodStart { get; init; }
}

/// <summary>
/// An invoice was controlled against its contract, on receipt or again when what the control reads changed:
/// <see cref="Result"/> is <c>compliant</c> or <c>discrepancies</c>, with the blocking discrepancies' codes and the
/// total at stake (euros).
/// </summary>
public sealed record InvoiceControlled : IntegrationEvent
{
    public required Guid ContractId { get; init; }
    public required Guid InvoiceId { get; init; }
    public required string Number { get; init; }
    public required string Status { get; init; }
    public required string Result { get; init; }
    public required int DiscrepancyCount { get; init; }
    public required decimal TotalAtStake { get; init; }
    public IReadOnlyList<string> BlockingCodes { get; init; } = [];
}

/// <summary>The client's contract manager approved an invoice, each blocking discrepancy accepted with a reason.</summary>
public sealed record InvoiceApproved : IntegrationEvent
{
    public required Guid ContractId { get; init; }
    public required Guid InvoiceId { get; init; }
    public required string Number { get; init; }
    public required string Kind { get; init; }
    public required decimal TotalWithVat { get; init; }
    public required string ApprovedBy { get; init; }
    public IReadOnlyDictionary<string, string> AcceptedReasons { get; init; } = new Dictionary<string, string>();
}

/// <summary>The client's contract manager disputed an invoice with a message for the provider, who answers with a credit note or a corrected invoice.</summary>
public sealed record InvoiceDisputed : IntegrationEvent
{
    public required Guid ContractId { get; init; }
    public required Guid InvoiceId { get; init; }
    public required string Number { get; init; }
    public required string Message { get; init; }
    public required string DisputedBy { get; init; }
}

/// <summary>The client recorded the payment of an approved invoice on <see cref="PaidOn"/>.</summary>
public sealed record InvoicePaid : IntegrationEvent
{
    public required Guid ContractId { get; init; }
    public required Guid InvoiceId { get; init; }
    public required string Number { get; init; }
    public required DateOnly PaidOn { get; init; }
    public required decimal TotalWithVat { get; init; }
}

/// <summary>
/// The client set its budget of a contract for a calendar year: an amount for the whole year, or amounts for the months it
/// entered (<see cref="Monthly"/>, keyed 1 to 12; when any is entered the year's budget is their sum). Carries the whole
/// plan, so a consumer keeps the latest per contract and year. Amounts in euros, excluding VAT.
/// </summary>
public sealed record BudgetPlanned : IntegrationEvent
{
    public required Guid ContractId { get; init; }
    public required int Year { get; init; }
    public decimal? Annual { get; init; }
    public IReadOnlyDictionary<int, decimal> Monthly { get; init; } = new Dictionary<int, decimal>();
}
