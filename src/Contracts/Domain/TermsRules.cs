using Infogerance.Validation;
using System.Globalization;
using System.Text.RegularExpressions;
using Infogerance.IntegrationEvents;
using Infogerance.ServiceLevels;

namespace Infogerance.Contracts.Domain;

/// <summary>
/// Whether a version's terms hold together. Every problem is reported at once, keyed by the field's JSON path
/// relative to the terms object (camelCase, as the API names it), so that one 422 tells the user everything.
/// Terms arrive from JSON: a <c>required</c> object or a list can still be an explicit <c>null</c>, so nothing here
/// assumes a sub-object or list is present.
/// </summary>
public static partial class TermsRules
{
    public static readonly IReadOnlyList<string> Priorities = ["P1", "P2", "P3", "P4"];
    public static readonly IReadOnlyList<string> Days = ServiceLevelRules.Days;
    public static readonly IReadOnlyList<string> DurationUnits = ServiceLevelRules.DurationUnits;
    public static readonly IReadOnlyList<string> PenaltyKinds = global::Infogerance.IntegrationEvents.PenaltyKinds.All;
    public const string SyntecIndexName = "SYNTEC";

    public const int MaxClauseLength = 20_000;

    /// <summary>Beyond half a century a term is a typing error, and month arithmetic further on stays far from year 9999.</summary>
    public const int MaxPeriodMonths = 600;

    /// <summary>A sane ceiling for any euro amount; larger figures are typing errors (and stay clear of decimal overflow when multiplied).</summary>
    public const decimal MaxAmount = 1_000_000_000m;

    public const int MaxCodeLength = 50;
    public const int MaxLabelLength = 200;

    /// <inheritdoc cref="ServiceLevelRules.MaxDuration"/>
    public static int MaxDuration(string unit) => ServiceLevelRules.MaxDuration(unit);

    private static readonly DateOnly EarliestStart = new(1990, 1, 1);
    private static readonly DateOnly LatestStart = new(2100, 12, 31);

    public static FieldErrors Check(ContractTerms terms)
    {
        ArgumentNullException.ThrowIfNull(terms);
        var errors = new FieldErrors();

        if (terms.StartDate < EarliestStart || terms.StartDate > LatestStart)
        {
            errors.Add("startDate", ContractMessages.StartDateRange(EarliestStart.Year, LatestStart.Year));
        }

        // The duration rules (notice shorter than the term…) belong to the renewal engine; only the upper bounds are added here.
        errors.AddAll(new RenewalTerms(terms.StartDate, terms.InitialTermMonths, terms.RenewalPeriodMonths, terms.NoticeMonths).Check());

        if (terms.InitialTermMonths > MaxPeriodMonths)
        {
            errors.Add("initialTermMonths", ContractMessages.InitialTermTooLong(MaxPeriodMonths));
        }

        if (terms.RenewalPeriodMonths > MaxPeriodMonths)
        {
            errors.Add("renewalPeriodMonths", ContractMessages.RenewalPeriodTooLong(MaxPeriodMonths));
        }

        CheckPrices(terms.Prices, errors);
        if (terms.Revision is { } revision)
        {
            CheckRevision(revision, terms.StartDate, errors);
        }

        // Shared with the Incidents service's SLA preview, so that both refuse the same calendars with the same words.
        ServiceLevelRules.CheckCalendar("calendar", terms.Calendar, errors);
        CheckSla(terms.Sla, errors);
        CheckPenalties(terms.Penalties, errors);
        CheckInvoiceTolerance(terms.InvoiceTolerance, errors);
        CheckClause("evolutionClause", terms.EvolutionClause, errors);
        CheckClause("reversibilityClause", terms.ReversibilityClause, errors);
        return errors;
    }

    private static void CheckPrices(PriceSchedule? prices, FieldErrors errors)
    {
        if (prices is null)
        {
            errors.Add("prices", ContractMessages.PricesRequired);
            return;
        }

        // A new draft has no fee until the contract manager enters one; no version goes further without it.
        if (prices.MonthlyFee is { } fee)
        {
            CheckAmount("prices.monthlyFee", fee, errors);
        }
        else
        {
            errors.Add("prices.monthlyFee", ContractMessages.MonthlyFeeRequired);
        }

        if (prices.WorkUnits is null)
        {
            errors.Add("prices.workUnits", ContractMessages.WorkUnitsRequired);
            return;
        }

        // Codes are what invoices quote and what the comparison keys on, so two that differ only by case are one code.
        var codes = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < prices.WorkUnits.Count; i++)
        {
            var path = $"prices.workUnits[{i}]";
            var unit = prices.WorkUnits[i];
            if (unit is null)
            {
                errors.Add(path, ContractMessages.WorkUnitMissing);
                continue;
            }

            if (string.IsNullOrWhiteSpace(unit.Code))
            {
                errors.Add($"{path}.code", ContractMessages.CodeRequired);
            }
            else if (unit.Code.Length > MaxCodeLength)
            {
                errors.Add($"{path}.code", ContractMessages.CodeTooLong(MaxCodeLength));
            }
            else if (!codes.Add(unit.Code.Trim()))
            {
                errors.Add($"{path}.code", ContractMessages.CodeTaken(unit.Code.Trim()));
            }

            if (string.IsNullOrWhiteSpace(unit.Label))
            {
                errors.Add($"{path}.label", ContractMessages.LabelRequired);
            }
            else if (unit.Label.Length > MaxLabelLength)
            {
                errors.Add($"{path}.label", ContractMessages.LabelTooLong(MaxLabelLength));
            }

            CheckAmount($"{path}.unitPrice", unit.UnitPrice, errors);

            // Invoice control caps the units billed by the inventory's count of this type: a type the inventory never
            // holds would cap them at nothing.
            if (unit.CountedOn is not null && !InventoryRules.Types.Contains(unit.CountedOn, StringComparer.Ordinal))
            {
                errors.Add($"{path}.countedOn", ContractMessages.InventoryTypeUnknown(InventoryRules.Types));
            }
        }
    }

    /// <summary>Null (or zero limits) tolerates nothing; each limit given is an amount to the cent or a percentage to the hundredth.</summary>
    private static void CheckInvoiceTolerance(InvoiceTolerance? tolerance, FieldErrors errors)
    {
        if (tolerance is null)
        {
            return;
        }

        if (tolerance.Amount is { } amount)
        {
            CheckAmount("invoiceTolerance.amount", amount, errors);
        }

        if (tolerance.Percent is { } percent)
        {
            CheckPercent("invoiceTolerance.percent", percent, errors);
            if (percent is >= 0 and <= 100 && decimal.Round(percent, 2) != percent)
            {
                errors.Add("invoiceTolerance.percent", ContractMessages.PercentHundredths);
            }
        }
    }

    /// <summary>Euros with cents: invoices are controlled to the cent, so a third decimal could never be matched.</summary>
    private static void CheckAmount(string field, decimal amount, FieldErrors errors)
    {
        if (amount < 0)
        {
            errors.Add(field, ContractMessages.AmountNegative);
        }
        else if (amount > MaxAmount)
        {
            errors.Add(field, ContractMessages.AmountTooLarge);
        }
        else if (decimal.Round(amount, 2) != amount)
        {
            errors.Add(field, ContractMessages.AmountCents);
        }
    }

    private static void CheckRevision(RevisionClause revision, DateOnly start, FieldErrors errors)
    {
        if (revision.Index != SyntecIndexName)
        {
            errors.Add("revision.index", ContractMessages.RevisionIndexUnsupported(SyntecIndexName));
        }

        if (revision.A < 0)
        {
            errors.Add("revision.a", ContractMessages.FixedPartNegative);
        }

        if (revision.B < 0)
        {
            errors.Add("revision.b", ContractMessages.IndexedPartNegative);
        }
        else if (revision.A >= 0 && revision.A + revision.B != 1m)
        {
            // Named on b: the fixed part is usually set first and b is what makes the sum.
            errors.Add("revision.b", ContractMessages.PartsSum(revision.A, revision.B));
        }

        if (ParseMonth(revision.ReferenceMonth) is not { } reference)
        {
            errors.Add("revision.referenceMonth", ContractMessages.ReferenceMonthFormat);
        }
        else if (reference > new DateOnly(start.Year, start.Month, 1))
        {
            errors.Add("revision.referenceMonth", ContractMessages.ReferenceMonthAfterStart);
        }
    }

    /// <summary>The first day of a <c>yyyy-MM</c> month, or null when it is not one.</summary>
    public static DateOnly? ParseMonth(string? month) =>
        month is not null && MonthPattern().IsMatch(month)
        && DateOnly.TryParseExact(month + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var first)
            ? first
            : null;

    private static void CheckSla(SlaPolicy? sla, FieldErrors errors)
    {
        if (sla is null)
        {
            errors.Add("sla", ContractMessages.SlaRequired);
            return;
        }

        if (sla.Targets is null)
        {
            errors.Add("sla.targets", ContractMessages.SlaTargetsRequired);
        }
        else
        {
            CheckTargets(sla.Targets, errors);
        }

        if (sla.WarningThresholds is null)
        {
            errors.Add("sla.warningThresholds", ContractMessages.WarningThresholdsRequired);
        }
        else
        {
            ServiceLevelRules.CheckWarningThresholds("sla.warningThresholds", sla.WarningThresholds, errors);
        }
    }

    private static void CheckTargets(IReadOnlyList<SlaTarget> targets, FieldErrors errors)
    {
        for (var i = 0; i < targets.Count; i++)
        {
            var path = $"sla.targets[{i}]";
            var target = targets[i];
            if (target is null)
            {
                errors.Add(path, ContractMessages.TargetMissing);
                continue;
            }

            if (target.Priority is null || !Priorities.Contains(target.Priority))
            {
                errors.Add($"{path}.priority", ContractMessages.PriorityUnknown);
            }

            var respondOk = ServiceLevelRules.CheckDuration($"{path}.respond", ("time to respond", "le délai de réponse"), target.Respond, errors);
            var resolveOk = ServiceLevelRules.CheckDuration($"{path}.resolve", ("time to resolve", "le délai de résolution"), target.Resolve, errors);
            if (respondOk && resolveOk && RespondsAfterResolving(target.Respond, target.Resolve))
            {
                errors.Add($"{path}.respond.value", ContractMessages.RespondAfterResolve);
            }
        }

        var counts = targets.Where(t => t?.Priority is not null).GroupBy(t => t.Priority).ToDictionary(g => g.Key, g => g.Count());
        foreach (var priority in Priorities)
        {
            var count = counts.GetValueOrDefault(priority);
            if (count == 0)
            {
                errors.Add("sla.targets", ContractMessages.TargetMissingFor(priority));
            }
            else if (count > 1)
            {
                errors.Add("sla.targets", ContractMessages.TargetRepeated(priority));
            }
        }
    }

    /// <summary>
    /// Minutes and hours are both business time and compare directly; business days compare only with business days
    /// (against minutes the answer depends on the calendar). Same number of days: ending at close of business is later
    /// than keeping the time of day.
    /// </summary>
    private static bool RespondsAfterResolving(SlaDuration respond, SlaDuration resolve)
    {
        static long? Minutes(SlaDuration d) => d.Unit switch
        {
            "minutes" => d.Value,
            "hours" => d.Value * 60L,
            _ => null,
        };

        if (Minutes(respond) is { } r && Minutes(resolve) is { } s)
        {
            return r > s;
        }

        if (respond.Unit == "businessDays" && resolve.Unit == "businessDays")
        {
            return respond.Value > resolve.Value
                || (respond.Value == resolve.Value && respond.EndOfWorkingDay && !resolve.EndOfWorkingDay);
        }

        return false;
    }

    /// <summary>Beyond this many free breaches a month the franchise is a typing error.</summary>
    public const int MaxFreeBreaches = 1000;

    /// <summary>
    /// The penalty rules. Per-breach rules never overlap: a priority has either one rule for both clocks (no clock) or at
    /// most one rule per clock, so the "first matching rule" the statement applies is the only one, whatever the list's
    /// order. A clock-less rule beside a clock-specific one of the same priority is refused rather than ranked, because
    /// the contract would read two prices for one breach.
    /// </summary>
    private static void CheckPenalties(PenaltyRules? penalties, FieldErrors errors)
    {
        if (penalties is null)
        {
            errors.Add("penalties", ContractMessages.PenaltiesRequired);
            return;
        }

        if (penalties.PerBreach is null)
        {
            errors.Add("penalties.perBreach", ContractMessages.PerBreachRequired);
        }
        else
        {
            CheckPerBreach(penalties.PerBreach, errors);
        }

        if (penalties.MonthlyFreeBreaches is < 0 or > MaxFreeBreaches)
        {
            errors.Add("penalties.monthlyFreeBreaches", ContractMessages.FreeBreachesRange(MaxFreeBreaches));
        }

        if (penalties.SuccessRateTargets is null)
        {
            errors.Add("penalties.successRateTargets", ContractMessages.SuccessRateTargetsRequired);
        }
        else
        {
            CheckSuccessRateTargets(penalties.SuccessRateTargets, errors);
        }

        if (penalties.AvailabilityBands is null)
        {
            errors.Add("penalties.availabilityBands", ContractMessages.AvailabilityBandsRequired);
        }
        else
        {
            CheckAvailabilityBands(penalties.AvailabilityBands, errors);
        }

        CheckPercent("penalties.monthlyCapPercent", penalties.MonthlyCapPercent, errors);
        CheckPercent("penalties.annualCapPercent", penalties.AnnualCapPercent, errors);
        CheckAmount("penalties.minimumTotal", penalties.MinimumTotal, errors);
    }

    private static void CheckPerBreach(IReadOnlyList<BreachPenalty> rules, FieldErrors errors)
    {
        // The clocks already priced for each priority; null stands for a rule without clock, which takes both.
        var taken = new Dictionary<string, List<string?>>(StringComparer.Ordinal);
        for (var i = 0; i < rules.Count; i++)
        {
            var path = $"penalties.perBreach[{i}]";
            var rule = rules[i];
            if (rule is null)
            {
                errors.Add(path, ContractMessages.PenaltyMissing);
                continue;
            }

            var clockOk = rule.Clock is null || SlaClocks.All.Contains(rule.Clock);
            if (!clockOk)
            {
                errors.Add($"{path}.clock", ContractMessages.PenaltyClock);
            }

            if (rule.Priority is null || !Priorities.Contains(rule.Priority))
            {
                errors.Add($"{path}.priority", ContractMessages.PriorityUnknown);
            }
            else if (clockOk)
            {
                var clocks = taken.TryGetValue(rule.Priority, out var seen) ? seen : taken[rule.Priority] = [];
                if (clocks.Any(c => c is null || rule.Clock is null || c == rule.Clock))
                {
                    // Said of the rule without clock when one of the two has none: that is what to change.
                    var clock = rule.Clock is null || clocks.Contains(null) ? null : rule.Clock;
                    errors.Add($"{path}.priority", ContractMessages.PenaltyRepeated(rule.Priority, clock));
                }
                else
                {
                    clocks.Add(rule.Clock);
                }
            }

            switch (rule.Kind)
            {
                case global::Infogerance.IntegrationEvents.PenaltyKinds.Fixed:
                    CheckAmount($"{path}.amount", rule.Amount, errors);
                    break;
                case global::Infogerance.IntegrationEvents.PenaltyKinds.PercentOfFee:
                    CheckPercent($"{path}.amount", rule.Amount, errors);
                    break;
                default:
                    errors.Add($"{path}.kind", ContractMessages.PenaltyKind);
                    if (rule.Amount < 0)
                    {
                        errors.Add($"{path}.amount", ContractMessages.AmountNegative);
                    }

                    break;
            }
        }
    }

    private static void CheckSuccessRateTargets(IReadOnlyList<SuccessRateTarget> targets, FieldErrors errors)
    {
        var keys = new HashSet<(string, string)>();
        for (var i = 0; i < targets.Count; i++)
        {
            var path = $"penalties.successRateTargets[{i}]";
            var target = targets[i];
            if (target is null)
            {
                errors.Add(path, ContractMessages.SuccessRateTargetMissing);
                continue;
            }

            var priorityOk = target.Priority is not null && Priorities.Contains(target.Priority);
            if (!priorityOk)
            {
                errors.Add($"{path}.priority", ContractMessages.PriorityUnknown);
            }

            // A rate is always of one clock: responding in time and resolving in time are two different figures.
            var clockOk = target.Clock is not null && SlaClocks.All.Contains(target.Clock);
            if (!clockOk)
            {
                errors.Add($"{path}.clock", ContractMessages.SuccessRateClock);
            }

            if (priorityOk && clockOk && !keys.Add((target.Priority!, target.Clock!)))
            {
                errors.Add($"{path}.priority", ContractMessages.SuccessRateTargetRepeated(target.Priority!, target.Clock!));
            }

            if (target.TargetPercent is <= 0 or >= 100)
            {
                errors.Add($"{path}.targetPercent", ContractMessages.SuccessRateTargetRange);
            }

            var creditOk = target.CreditPercentPerPoint is > 0 and <= 100;
            if (!creditOk)
            {
                errors.Add($"{path}.creditPercentPerPoint", ContractMessages.CreditPerPointRange);
            }

            if (target.MaxCreditPercent is <= 0 or > 100 || (creditOk && target.MaxCreditPercent < target.CreditPercentPerPoint))
            {
                errors.Add($"{path}.maxCreditPercent", creditOk ? ContractMessages.MaxCreditRange(target.CreditPercentPerPoint) : ContractMessages.MaxCreditPercent);
            }
        }
    }

    private static void CheckAvailabilityBands(IReadOnlyList<AvailabilityBand> bands, FieldErrors errors)
    {
        var thresholds = new HashSet<decimal>();
        for (var i = 0; i < bands.Count; i++)
        {
            var path = $"penalties.availabilityBands[{i}]";
            var band = bands[i];
            if (band is null)
            {
                errors.Add(path, ContractMessages.AvailabilityBandMissing);
                continue;
            }

            if (band.BelowPercent is <= 0 or > 100)
            {
                errors.Add($"{path}.belowPercent", ContractMessages.AvailabilityThreshold);
            }
            else if (!thresholds.Add(band.BelowPercent))
            {
                errors.Add($"{path}.belowPercent", ContractMessages.AvailabilityBandRepeated(band.BelowPercent));
            }

            CheckPercent($"{path}.penaltyPercentOfFee", band.PenaltyPercentOfFee, errors);
        }
    }

    private static void CheckPercent(string field, decimal percent, FieldErrors errors)
    {
        if (percent is < 0 or > 100)
        {
            errors.Add(field, ContractMessages.PercentRange);
        }
    }

    private static void CheckClause(string field, string? text, FieldErrors errors)
    {
        if (text is null)
        {
            errors.Add(field, ContractMessages.ClauseRequired);
        }
        else if (text.Length > MaxClauseLength)
        {
            errors.Add(field, ContractMessages.ClauseTooLong(MaxClauseLength));
        }
    }

    /// <summary>A decimal as people write it: invariant, no trailing zeros.</summary>
    internal static string Show(decimal value) => value.ToString("0.############################", CultureInfo.InvariantCulture);

    [GeneratedRegex("^[0-9]{4}-[0-9]{2}\\z", RegexOptions.CultureInvariant)]
    private static partial Regex MonthPattern();

}
