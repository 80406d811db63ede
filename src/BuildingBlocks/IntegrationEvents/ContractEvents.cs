namespace Infogerance.IntegrationEvents;

/// <summary>
/// The parties of a contract and whether it is still open (not closed). Raised by the Contracts service on every
/// change that matters to access; every service keeps a replica so that a provider's users reach a tenant's data
/// only through open contracts naming their organisation.
/// </summary>
public sealed record ContractPartiesChanged : IntegrationEvent
{
    public required Guid ContractId { get; init; }
    public required Guid ProviderOrganisationId { get; init; }
    public required bool IsOpen { get; init; }

    /// <summary>Increases with every change of the contract: replicas ignore an older event arriving late.</summary>
    public required long Version { get; init; }
}

/// <summary>The client signed the contract: version 1 of its terms is frozen.</summary>
public sealed record ContractSigned : IntegrationEvent
{
    public required Guid ContractId { get; init; }
    public required Guid ProviderOrganisationId { get; init; }
    public required string Reference { get; init; }
    public required DateOnly StartDate { get; init; }
}

/// <summary>
/// A version of the terms is in force from <see cref="EffectiveFrom"/>: version 1 at signature, then each
/// countersigned amendment or revision at renewal. Carries the whole terms.
/// </summary>
public sealed record ContractVersionActivated : IntegrationEvent
{
    public required Guid ContractId { get; init; }
    public required Guid ProviderOrganisationId { get; init; }
    public required int VersionNumber { get; init; }
    public required DateOnly EffectiveFrom { get; init; }
    public required ContractTerms Terms { get; init; }
}

/// <summary>Phases: draft, signed, takeover, upgrade, run, reversibility, closed.</summary>
public sealed record ContractPhaseChanged : IntegrationEvent
{
    public required Guid ContractId { get; init; }
    public required string From { get; init; }
    public required string To { get; init; }
}

/// <summary>The states of an evolution request, as its workflow in Contracts moves it and its events name them.</summary>
public static class EvolutionStates
{
    public const string Specified = "specified";
    public const string Proposed = "proposed";
    public const string Validated = "validated";
    public const string Rejected = "rejected";
    public const string InProgress = "inProgress";
    public const string Delivered = "delivered";
    public const string Accepted = "accepted";

    /// <summary>The client validated its quote: that state and those after it.</summary>
    public static IReadOnlySet<string> ValidatedOrLater { get; } = new HashSet<string>(StringComparer.Ordinal) { Validated, InProgress, Delivered, Accepted };
}

/// <summary>An evolution request moved from one of its <see cref="EvolutionStates"/> to another.</summary>
public sealed record EvolutionRequestStateChanged : IntegrationEvent
{
    public required Guid ContractId { get; init; }
    public required Guid EvolutionRequestId { get; init; }
    public required string Title { get; init; }
    public required string From { get; init; }
    public required string To { get; init; }

    /// <summary>The quoted amount in euros once the provider has proposed a solution.</summary>
    public decimal? QuoteAmount { get; init; }
}

/// <summary>
/// One side proposed a draft amendment, version <see cref="VersionNumber"/> of the terms, for the other side to
/// countersign. <see cref="ProposingSide"/> is <c>client</c> or <c>provider</c>.
/// </summary>
public sealed record AmendmentProposed : IntegrationEvent
{
    public required Guid ContractId { get; init; }
    public required int VersionNumber { get; init; }
    public required string ProposingSide { get; init; }

    /// <summary>The name of the person who proposed it, as the other side reads it.</summary>
    public required string ProposedBy { get; init; }

    public required Guid ProposedById { get; init; }
    public required DateOnly? EffectiveFrom { get; init; }
}

/// <summary>The last day to terminate the contract for the current period is <see cref="DaysBefore"/> days away.</summary>
public sealed record NoticeDeadlineApproaching : IntegrationEvent
{
    public required Guid ContractId { get; init; }
    public required DateOnly NoticeDeadline { get; init; }
    public required DateOnly PeriodEnd { get; init; }
    public required int DaysBefore { get; init; }
}

/// <summary>At term: <c>terminate</c>, <c>renew</c> (with the revised monthly fee) or <c>renegotiate</c>.</summary>
public sealed record RenewalDecided : IntegrationEvent
{
    public required Guid ContractId { get; init; }
    public required string Decision { get; init; }
    public required DateOnly PeriodEnd { get; init; }
    public decimal? RevisedMonthlyFee { get; init; }
}

public sealed record ContractClosed : IntegrationEvent
{
    public required Guid ContractId { get; init; }
    public required DateOnly ClosedOn { get; init; }
}

/// <summary>
/// The contract's inventory (état des lieux) as it now is, after any change: other services keep it to let tickets name
/// the item they are about. The whole list travels, so a replica simply replaces what it had with a later one.
/// </summary>
public sealed record ContractInventoryChanged : IntegrationEvent
{
    public required Guid ContractId { get; init; }
    public required IReadOnlyList<InventoryItemSummary> Items { get; init; }
}

/// <summary><see cref="Quantity"/> is how many units the line counts (1 in events published before it travelled).</summary>
public sealed record InventoryItemSummary(Guid ItemId, string Type, string Name, string Criticality, int Quantity = 1);

/// <summary>
/// The prices in force changed on <see cref="EffectiveOn"/>: at an anniversary of the revision clause, when a version
/// with other prices takes effect, or when a late index corrects a revision already made. Carries the prices
/// themselves so that no other service computes a revision. <see cref="Revision"/> is null when the prices are the
/// version's own (no anniversary has passed since it took effect).
/// </summary>
public sealed record PricesRevised : IntegrationEvent
{
    public required Guid ContractId { get; init; }
    public required int VersionNumber { get; init; }
    public required DateOnly EffectiveOn { get; init; }
    public required decimal MonthlyFee { get; init; }
    public IReadOnlyList<WorkUnitPrice> WorkUnits { get; init; } = [];
    public RevisionUsed? Revision { get; init; }
}

/// <summary>
/// The revision behind revised prices: P = P0 × (A + B × S / S0) at <see cref="Anniversary"/>, the indices brought to
/// one series by <see cref="Coefficient"/> (1 when both are in the same series, else the linking coefficient).
/// </summary>
public sealed record RevisionUsed(DateOnly Anniversary, decimal A, decimal B, IndexUsed S0, IndexUsed S, decimal Coefficient);

/// <summary>A Syntec value: its month (<c>yyyy-MM</c>), value and series (<c>old</c> or <c>new</c>).</summary>
public sealed record IndexUsed(string Month, decimal Value, string Series);

/// <summary>
/// One side accepted an item of the takeover or reversibility checklist (<see cref="Phase"/>); each item needs both
/// sides' acceptance. <see cref="AwaitingSide"/> is the side whose acceptance the item still waits on, null once both
/// accepted it; <see cref="PhaseReadyToClose"/> is true when that made every item of the phase accepted by both, so
/// that the sides may accept the phase's closure.
/// </summary>
public sealed record ChecklistItemAccepted : IntegrationEvent
{
    public required Guid ContractId { get; init; }
    public required Guid ItemId { get; init; }
    public required string Phase { get; init; }
    public required string Title { get; init; }
    public required string Side { get; init; }
    public required string AcceptedBy { get; init; }
    public required Guid AcceptedById { get; init; }
    public string? AwaitingSide { get; init; }
    public required bool PhaseReadyToClose { get; init; }
}

/// <summary>
/// One side accepted that the takeover or reversibility phase is complete. Until the other side
/// (<see cref="AwaitingSide"/>) accepts too, the phase stays open; the second acceptance moves the contract on
/// (<see cref="ContractPhaseChanged"/> follows in the same transaction, and <see cref="AwaitingSide"/> is null).
/// </summary>
public sealed record PhaseClosureAccepted : IntegrationEvent
{
    public required Guid ContractId { get; init; }
    public required string Phase { get; init; }
    public required string Side { get; init; }
    public required string AcceptedBy { get; init; }
    public required Guid AcceptedById { get; init; }
    public string? AwaitingSide { get; init; }
}
