using Infogerance.IntegrationEvents;
using Infogerance.ServiceLevels;

namespace Infogerance.Reporting.Domain;

/// <summary>
/// The month a scorecard covers, as of <see cref="Now"/>. <see cref="AsOf"/> is when what is open is measured: now
/// for the current month (its figures as they stand so far), the month's last second for a month that is over.
/// </summary>
public sealed record ScorecardPeriod(CalendarMonth Month, DateTimeOffset Now)
{
    public DateTimeOffset AsOf => Now < Month.End ? Now : Month.End.AddSeconds(-1);

    /// <summary>The month is over: its figures change only with facts that arrive late.</summary>
    public bool Complete => Now >= Month.End;
}

/// <summary>
/// A ticket as the reports keep it. <see cref="Priority"/> is the latest its events told; <see cref="ResolvedAt"/> its
/// latest resolution while it is resolved or closed; <see cref="OpenAtEnd"/> whether it needed work at the period's
/// <see cref="ScorecardPeriod.AsOf"/>.
/// </summary>
public sealed record TicketFact(
    Guid TicketId, long Number, string Kind, string Priority, DateTimeOffset OpenedAt, DateTimeOffset? ResolvedAt, int? Score, DateTimeOffset? RatedAt,
    bool OpenAtEnd);

/// <summary>The latest completion of a ticket's clock (a reopened ticket's resolution completes it again).</summary>
public sealed record ClockFact(
    Guid TicketId, long? Number, string? Kind, string Priority, string Clock, bool Met, long BusinessSecondsUsed, long TargetBusinessSeconds,
    DateTimeOffset DueAt, DateTimeOffset CompletedAt);

/// <summary>A clock of a ticket that ran past its due time (raised once per clock); the breach is at its due time.</summary>
public sealed record BreachFact(Guid TicketId, long? Number, string? Kind, string Priority, string Clock, DateTimeOffset DueAt);

/// <summary>The latest revision of an outage; <see cref="EndedAt"/> is null while it lasts.</summary>
public sealed record OutageFact(Guid OutageId, string Service, DateTimeOffset StartedAt, DateTimeOffset? EndedAt);

/// <summary>The month's issued penalty statement (amounts in euros).</summary>
public sealed record StatementFact(
    decimal GrossAmount, decimal FreeAmount, decimal WaivedAmount, decimal MonthlyCapDeducted, decimal AnnualCapDeducted, bool BelowMinimum,
    decimal Total, decimal AdjustmentTotal, decimal TotalDue, int Lines);

/// <summary>
/// A provider's invoice or credit note as its events told it. <see cref="BillingDay"/> is the first day of its billing
/// period, else its issue date (null until its receipt is known); <see cref="Result"/> its latest control's verdict.
/// </summary>
public sealed record InvoiceFact(
    Guid InvoiceId, string Number, string? Kind, DateOnly? BillingDay, decimal? TotalWithoutVat, bool Approved, string? Result, int DiscrepancyCount,
    decimal TotalAtStake);

/// <summary>The client's budget of a calendar year: the year's amount, or the months' (keyed 1 to 12).</summary>
public sealed record BudgetFact(decimal? Annual, IReadOnlyDictionary<int, decimal> Monthly);

/// <summary>A change of an evolution request's state.</summary>
public sealed record EvolutionFact(Guid EvolutionId, StateChange Change);

/// <summary>
/// What a scorecard is computed from: the contract's terms in force when the month starts (its targets; null while
/// not replicated), and the facts the store loaded for the month. <see cref="Tickets"/> holds the tickets opened,
/// resolved or rated in the month and those open at its end; <see cref="Invoices"/> those of the month's year up to its
/// end; <see cref="Evolutions"/> the evolution requests' changes up to <see cref="ScorecardPeriod.AsOf"/>.
/// </summary>
public sealed record ScorecardInput(
    ScorecardPeriod Period,
    int? VersionNumber,
    ContractTerms? Terms,
    IReadOnlyList<TicketFact> Tickets,
    IReadOnlyList<ClockFact> Clocks,
    IReadOnlyList<BreachFact> Breaches,
    IReadOnlyList<OutageFact> Outages,
    StatementFact? Statement,
    IReadOnlyList<InvoiceFact> Invoices,
    BudgetFact? Budget,
    IReadOnlyList<EvolutionFact> Evolutions);
