using System.Text.Json.Serialization;

namespace Infogerance.Invoicing.Domain;

/// <summary>An invoice named from another (the one it corrects or credits).</summary>
public sealed record InvoiceReference(Guid Id, string Number);

/// <summary>The client's acceptance of a discrepancy, given when approving.</summary>
public sealed record DiscrepancyAcceptance(string Reason, string By, DateTimeOffset At);

/// <summary>
/// A discrepancy of the latest control, its message in the caller's language. Its line, expected and actual values are
/// part of the shape outside checks read, so they are written even when null (the whole invoice, a value not a number).
/// </summary>
public sealed record DiscrepancyView(
    string Key, string Code,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] int? Line,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] decimal? Expected,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] decimal? Actual,
    decimal AmountAtStake, bool Blocking, string Message, Guid? DuplicateOf, DiscrepancyAcceptance? Accepted);

public sealed record InvoiceLineView(
    int Position, string Description, string Kind, string? ItemCode, string? EvolutionReference, decimal Quantity, decimal UnitPrice,
    decimal NetAmount, decimal? VatRate, DateOnly? PeriodStart, DateOnly? PeriodEnd);

public sealed record InvoiceTotalsView(
    decimal LineTotal, decimal AllowanceTotal, decimal ChargeTotal, decimal TaxExclusive, decimal TaxTotal, decimal TaxInclusive, decimal Payable);

public sealed record VatView(decimal Rate, decimal TaxableAmount, decimal TaxAmount);

/// <summary>A credit note or corrected invoice that names this invoice as the one it answers.</summary>
public sealed record CorrectionView(Guid Id, string Number, string Kind, string Status);

public sealed record DisputeView(string Message, string By, DateTimeOffset At);

/// <summary>The uploaded file (none for a form entry).</summary>
public sealed record OriginalView(string FileName, string ContentType, long Size);

/// <summary>A step of the invoice's workflow, who took it and why.</summary>
public sealed record InvoiceHistoryEntry(string Status, DateTimeOffset At, string By, string? Reason);

public sealed record InvoicePartyView(string Name, string? LegalId, string? VatNumber);

/// <summary>An invoice or credit note, its latest control and its workflow, as both sides of the contract read it.</summary>
public sealed record InvoiceView(
    Guid Id, Guid ContractId, string Number, string Kind, string Status,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? Result, decimal TotalAtStake,
    IReadOnlyList<DiscrepancyView> Discrepancies, DateOnly IssueDate, DateOnly? DueDate, DateOnly? PeriodStart, DateOnly? PeriodEnd,
    string Currency, InvoicePartyView Seller, InvoicePartyView Buyer, string? ContractReference, IReadOnlyList<InvoiceLineView> Lines,
    InvoiceTotalsView Totals, IReadOnlyList<VatView> Vat, InvoiceReference? PrecedingInvoice, IReadOnlyList<CorrectionView> Corrections,
    DisputeView? Dispute, DateOnly? PaidOn, string Source, OriginalView? Original, IReadOnlyList<InvoiceHistoryEntry> History);

/// <summary>A line of the contract's invoice list.</summary>
public sealed record InvoiceSummary(
    Guid Id, string Number, string Kind, string Status, string? Result, DateOnly IssueDate, DateOnly? PeriodStart, DateOnly? PeriodEnd,
    decimal TotalWithoutVat, decimal TotalWithVat, int DiscrepancyCount, decimal TotalAtStake, InvoiceReference? PrecedingInvoice);
