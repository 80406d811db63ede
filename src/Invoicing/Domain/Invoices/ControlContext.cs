using Infogerance.IntegrationEvents;

namespace Infogerance.Invoicing.Domain;

/// <summary>
/// The days a contract may be billed for. The last billable day is the end of the current term, or the termination
/// date when the contract was terminated earlier (that day is still served); when a reversibility period runs past
/// that day, its last day (the provider is paid for handing the service over).
/// </summary>
public sealed record ContractLife(Guid Id, DateOnly Start, DateOnly CurrentTermEnd, DateOnly? TerminatedOn = null, DateOnly? ReversibilityEnd = null)
{
    public DateOnly LastBillableDay
    {
        get
        {
            var end = TerminatedOn is { } terminated && terminated < CurrentTermEnd ? terminated : CurrentTermEnd;
            return ReversibilityEnd is { } reversibility && reversibility > end ? reversibility : end;
        }
    }
}

/// <summary>The prices in force from <see cref="EffectiveOn"/> until the next entry's date (as <c>prices-revised</c> announces them).</summary>
public sealed record DatedPrices(DateOnly EffectiveOn, PriceSchedule Prices);

/// <summary>Work units of a code already billed for a month (<c>yyyy-MM</c>) on the contract's other approved invoices.</summary>
public sealed record ApprovedWorkUnits(string Month, string Code, decimal Quantity);

/// <summary>
/// An evolution request of the contract. <see cref="Reference"/> is how providers name it on their invoices (when the
/// contract gives it one; its id is always recognised too); <see cref="State"/> is the Contracts workflow's state;
/// <see cref="BilledElsewhere"/> is what other invoices billed for it, net of credit notes.
/// </summary>
public sealed record ContractEvolution(
    Guid Id, string? Reference, string Title, string State, DateOnly? ValidatedOn, decimal? QuoteAmount, decimal BilledElsewhere = 0m);

/// <summary>An issued penalty statement of the contract: its month (<c>yyyy-MM</c>) and the total due (adjustments included).</summary>
public sealed record IssuedPenaltyStatement(string Month, decimal TotalDue);

/// <summary>
/// A credit note referring to the controlled invoice, with the sum of its penalty lines (stated positive) and, when
/// it says so, the month (<c>yyyy-MM</c>) whose penalties it credits.
/// </summary>
public sealed record PenaltyCreditNote(Guid Id, string Number, decimal PenaltyAmount, string? Month = null);

/// <summary>Another invoice or credit note already received, as the duplicate check compares it.</summary>
public sealed record KnownInvoice(
    Guid Id, string Number, InvoiceParty Seller, Guid? ContractId, InvoicePeriod? Period, decimal TaxExclusiveTotal, string Kind);

/// <summary>
/// How far an arithmetic or price difference may go and still not block the invoice; null for a limit not given. A
/// difference is within the tolerance when it is at or under <see cref="Amount"/> euros, or at or under
/// <see cref="Percent"/> % of the expected amount (either limit given suffices); no limit given tolerates nothing.
/// </summary>
public sealed record ControlTolerance(decimal? Amount = null, decimal? Percent = null)
{
    public static ControlTolerance None { get; } = new();

    /// <summary>Whether a non-zero <paramref name="difference"/> (at stake) on <paramref name="expected"/> is tolerated.</summary>
    public bool Tolerates(decimal difference, decimal expected)
    {
        var gap = Math.Abs(difference);
        return (Amount is { } amount && gap <= amount)
            || (Percent is { } percent && gap <= Math.Abs(expected) * percent / 100m);
    }
}

/// <summary>
/// What the control compares an invoice with, as the service reads it from its tables: the contract's life, its prices
/// in force, inventory, evolution requests, issued penalty statements, and the invoices already received.
/// <see cref="InvoiceId"/> is the controlled invoice's own id when it is stored (it is then ignored among
/// <see cref="OtherInvoices"/>). Work-unit codes and inventory types are compared ignoring case, accents and separators.
/// </summary>
public sealed record ControlContext
{
    public required ContractLife Contract { get; init; }

    public Guid? InvoiceId { get; init; }

    /// <summary>The contract's prices in force, each from its date (any order).</summary>
    public IReadOnlyList<DatedPrices> Prices { get; init; } = [];

    /// <summary>The inventory type a work unit is counted on, by work-unit code; a code not listed has no volume limit.</summary>
    public IReadOnlyDictionary<string, string> InventoryTypeByWorkUnit { get; init; } = new Dictionary<string, string>();

    /// <summary>How many items of each type the inventory in force holds; a type not listed holds none.</summary>
    public IReadOnlyDictionary<string, decimal> InventoryByType { get; init; } = new Dictionary<string, decimal>();

    public IReadOnlyList<ApprovedWorkUnits> ApprovedWorkUnits { get; init; } = [];

    public IReadOnlyList<ContractEvolution> Evolutions { get; init; } = [];

    public IReadOnlyList<IssuedPenaltyStatement> PenaltyStatements { get; init; } = [];

    public IReadOnlyList<PenaltyCreditNote> PenaltyCreditNotes { get; init; } = [];

    public IReadOnlyList<KnownInvoice> OtherInvoices { get; init; } = [];

    /// <summary>Invoices the client said are not duplicates of this one.</summary>
    public IReadOnlyCollection<Guid> ClearedDuplicates { get; init; } = [];

    public ControlTolerance Tolerance { get; init; } = ControlTolerance.None;
}
