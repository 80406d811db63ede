using System.Text.Json.Serialization;

namespace Infogerance.IntegrationEvents;

/// <summary>
/// The terms of one version of a contract, as signed or amended. Carried whole by
/// <see cref="ContractVersionActivated"/> so that other services never need a synchronous call to read them.
/// Validation lives in the Contracts service's domain; these records only give the shape.
/// </summary>
public sealed record ContractTerms
{
    public required DateOnly StartDate { get; init; }
    public required int InitialTermMonths { get; init; }

    /// <summary>0 when the contract does not renew tacitly.</summary>
    public required int RenewalPeriodMonths { get; init; }

    public required int NoticeMonths { get; init; }
    public required PriceSchedule Prices { get; init; }

    /// <summary>Null when prices are not revised.</summary>
    public RevisionClause? Revision { get; init; }

    public required ServiceCalendar Calendar { get; init; }
    public required SlaPolicy Sla { get; init; }
    public required PenaltyRules Penalties { get; init; }

    /// <summary>How far an invoice may differ from the contract without its difference blocking it; null for none.</summary>
    public InvoiceTolerance? InvoiceTolerance { get; init; }

    public string EvolutionClause { get; init; } = "";
    public string ReversibilityClause { get; init; } = "";
}

/// <summary>Amounts in euros, excluding tax.</summary>
public sealed record PriceSchedule
{
    /// <summary>
    /// Null only in a draft whose fee the contract manager has not entered yet: a version cannot be signed or activated
    /// without one, so every version in force has it.
    /// </summary>
    public decimal? MonthlyFee { get; init; }

    /// <summary>
    /// The fee to compute with. Every version in force carries one; terms without it, should a consumer ever meet them,
    /// bill no fee and no share of one rather than a figure nobody agreed to.
    /// </summary>
    public decimal AgreedFee() => MonthlyFee ?? 0m;
    public IReadOnlyList<WorkUnitPrice> WorkUnits { get; init; } = [];
}

/// <summary>
/// <see cref="CountedOn"/> names the inventory type (<c>workstation</c>, <c>server</c>…) whose count in the contract's
/// inventory caps the units billed in a month; null when the unit is not limited by the inventory.
/// </summary>
public sealed record WorkUnitPrice(string Code, string Label, [property: JsonRequired] decimal UnitPrice, string? CountedOn = null);

/// <summary>
/// The differences invoice control lets pass without blocking an invoice: at or under <see cref="Amount"/> euros, or at
/// or under <see cref="Percent"/> % of the amount expected (either limit suffices). Null or zero limits tolerate nothing.
/// </summary>
public sealed record InvoiceTolerance(decimal? Amount = null, decimal? Percent = null);

/// <summary>Syntec revision: P = P0 × (A + B × S / S0), S0 the index of <see cref="ReferenceMonth"/>.</summary>
public sealed record RevisionClause
{
    public string Index { get; init; } = "SYNTEC";
    public required decimal A { get; init; }
    public required decimal B { get; init; }

    /// <summary>The month of the reference index S0, as <c>yyyy-MM</c>.</summary>
    public required string ReferenceMonth { get; init; }

    /// <summary>Prices are revised every year on this day and month (the year is ignored).</summary>
    public required DateOnly Anniversary { get; init; }
}

/// <summary>
/// When the service is open: an IANA time zone, weekly opening intervals (several a day allowed), holidays
/// computed from packs (<c>FR</c>, <c>FR-ALSACE-MOSELLE</c>) and custom closed days; or always open (24×7).
/// </summary>
public sealed record ServiceCalendar
{
    public required string TimeZone { get; init; }
    public bool AlwaysOpen { get; init; }
    public IReadOnlyList<OpeningInterval> Weekly { get; init; } = [];
    public IReadOnlyList<string> HolidayPacks { get; init; } = [];
    public IReadOnlyList<DateOnly> ClosedDays { get; init; } = [];
}

/// <summary><see cref="Day"/> is an English day name in lower case; <see cref="Open"/> and <see cref="Close"/> are <c>HH:mm</c>.</summary>
public sealed record OpeningInterval(string Day, string Open, string Close);

public sealed record SlaPolicy
{
    public required IReadOnlyList<SlaTarget> Targets { get; init; }

    /// <summary>Percentages of the target at which a warning is raised; the breach is at 100.</summary>
    public IReadOnlyList<int> WarningThresholds { get; init; } = [50, 75];
}

/// <summary>Targets of one priority (<c>P1</c> to <c>P4</c>).</summary>
public sealed record SlaTarget(string Priority, SlaDuration Respond, SlaDuration Resolve);

/// <summary>
/// <see cref="Unit"/> is <c>minutes</c>, <c>hours</c> (business time) or <c>businessDays</c> (keeps the time of day,
/// or ends at the closing time of the last day with <see cref="EndOfWorkingDay"/>).
/// </summary>
public sealed record SlaDuration([property: JsonRequired] int Value, string Unit, bool EndOfWorkingDay = false);

/// <summary>
/// What the provider owes back each month, computed from the SLA record (never typed by hand). A zero cap, franchise
/// or minimum means none; every number is written, zero included, so that a number left out is refused, not read as none.
/// </summary>
public sealed record PenaltyRules
{
    /// <summary>The first rule matching a breach's priority and clock prices it; a breach no rule matches costs nothing.</summary>
    public IReadOnlyList<BreachPenalty> PerBreach { get; init; } = [];

    /// <summary>Breaches per month that cost nothing (the franchise): the month's first ones, in order of breach.</summary>
    [JsonRequired]
    public int MonthlyFreeBreaches { get; init; }

    /// <summary>Credits when the month's success rate of a priority and clock falls below its target.</summary>
    public IReadOnlyList<SuccessRateTarget> SuccessRateTargets { get; init; } = [];

    public IReadOnlyList<AvailabilityBand> AvailabilityBands { get; init; } = [];

    /// <summary>The month's penalties never exceed this percentage of the monthly fee.</summary>
    [JsonRequired]
    public decimal MonthlyCapPercent { get; init; }

    /// <summary>A contract year's penalties never exceed this percentage of twelve monthly fees.</summary>
    [JsonRequired]
    public decimal AnnualCapPercent { get; init; }

    /// <summary>A month whose penalties come to less than this (euros) bills nothing (de minimis).</summary>
    [JsonRequired]
    public decimal MinimumTotal { get; init; }
}

public static class PenaltyKinds
{
    public const string Fixed = "fixed";
    public const string PercentOfFee = "percentOfFee";

    public static readonly IReadOnlyList<string> All = [Fixed, PercentOfFee];
}

/// <summary>The two SLA clocks of a ticket, as penalty rules name them.</summary>
public static class SlaClocks
{
    public const string Respond = "respond";
    public const string Resolve = "resolve";

    public static readonly IReadOnlyList<string> All = [Respond, Resolve];
}

/// <summary>
/// <see cref="Kind"/> is <c>fixed</c> (euros) or <c>percentOfFee</c> (of the monthly fee); <see cref="Clock"/> is
/// <c>respond</c>, <c>resolve</c>, or null for a breach of either.
/// </summary>
public sealed record BreachPenalty(string Priority, string Kind, [property: JsonRequired] decimal Amount, string? Clock = null);

/// <summary>
/// Below <see cref="TargetPercent"/> of clocks met in the month, each full point below credits
/// <see cref="CreditPercentPerPoint"/> % of the monthly fee, up to <see cref="MaxCreditPercent"/> %.
/// </summary>
public sealed record SuccessRateTarget(
    string Priority, string Clock, [property: JsonRequired] decimal TargetPercent, [property: JsonRequired] decimal CreditPercentPerPoint,
    [property: JsonRequired] decimal MaxCreditPercent);

/// <summary>When a service's monthly availability is below <see cref="BelowPercent"/>, the penalty is <see cref="PenaltyPercentOfFee"/>.</summary>
public sealed record AvailabilityBand([property: JsonRequired] decimal BelowPercent, [property: JsonRequired] decimal PenaltyPercentOfFee);
