using System.Globalization;
using System.Text.RegularExpressions;
using Infogerance.IntegrationEvents;
using Infogerance.ServiceLevels;
using NodaTime;

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
    public static readonly IReadOnlyList<string> Days = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];
    public static readonly IReadOnlyList<string> DurationUnits = ["minutes", "hours", "businessDays"];
    public static readonly IReadOnlyList<string> PenaltyKinds = ["fixed", "percentOfFee"];
    public const string SyntecIndexName = "SYNTEC";

    public const int MaxClauseLength = 20_000;

    /// <summary>Beyond half a century a term is a typing error, and month arithmetic further on stays far from year 9999.</summary>
    public const int MaxPeriodMonths = 600;

    /// <summary>A sane ceiling for any euro amount; larger figures are typing errors (and stay clear of decimal overflow when multiplied).</summary>
    public const decimal MaxAmount = 1_000_000_000m;

    public const int MaxCodeLength = 50;
    public const int MaxLabelLength = 200;

    /// <summary>About a year in each unit: an SLA target beyond that is a typing error, and the SLA engine never walks the calendar further.</summary>
    public static int MaxDuration(string unit) => unit switch
    {
        "minutes" => 525_600,
        "hours" => 8_760,
        _ => 260,
    };

    private static readonly DateOnly EarliestStart = new(1990, 1, 1);
    private static readonly DateOnly LatestStart = new(2100, 12, 31);

    public static Dictionary<string, string[]> Check(ContractTerms terms)
    {
        ArgumentNullException.ThrowIfNull(terms);
        var errors = new Errors();

        if (terms.StartDate < EarliestStart || terms.StartDate > LatestStart)
        {
            errors.Add("startDate", "The start date must fall between 1990 and 2100.");
        }

        // The duration rules (notice shorter than the term…) belong to the renewal engine; only the upper bounds are added here.
        foreach (var (field, messages) in new RenewalTerms(terms.StartDate, terms.InitialTermMonths, terms.RenewalPeriodMonths, terms.NoticeMonths).Check())
        {
            errors.Add(field, messages);
        }

        if (terms.InitialTermMonths > MaxPeriodMonths)
        {
            errors.Add("initialTermMonths", $"The initial term is at most {MaxPeriodMonths} months.");
        }

        if (terms.RenewalPeriodMonths > MaxPeriodMonths)
        {
            errors.Add("renewalPeriodMonths", $"The renewal period is at most {MaxPeriodMonths} months.");
        }

        CheckPrices(terms.Prices, errors);
        if (terms.Revision is { } revision)
        {
            CheckRevision(revision, terms.StartDate, errors);
        }

        CheckCalendar(terms.Calendar, errors);
        CheckSla(terms.Sla, errors);
        CheckPenalties(terms.Penalties, errors);
        CheckClause("evolutionClause", terms.EvolutionClause, errors);
        CheckClause("reversibilityClause", terms.ReversibilityClause, errors);
        return errors.ToDictionary();
    }

    private static void CheckPrices(PriceSchedule? prices, Errors errors)
    {
        if (prices is null)
        {
            errors.Add("prices", "The price schedule is required.");
            return;
        }

        CheckAmount("prices.monthlyFee", prices.MonthlyFee, errors);
        if (prices.WorkUnits is null)
        {
            errors.Add("prices.workUnits", "The list of work units is required (empty when there is none).");
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
                errors.Add(path, "The work unit is missing.");
                continue;
            }

            if (string.IsNullOrWhiteSpace(unit.Code))
            {
                errors.Add($"{path}.code", "The code is required.");
            }
            else if (unit.Code.Length > MaxCodeLength)
            {
                errors.Add($"{path}.code", $"The code is at most {MaxCodeLength} characters.");
            }
            else if (!codes.Add(unit.Code.Trim()))
            {
                errors.Add($"{path}.code", $"Another work unit already uses the code {unit.Code.Trim()}.");
            }

            if (string.IsNullOrWhiteSpace(unit.Label))
            {
                errors.Add($"{path}.label", "The label is required.");
            }
            else if (unit.Label.Length > MaxLabelLength)
            {
                errors.Add($"{path}.label", $"The label is at most {MaxLabelLength} characters.");
            }

            CheckAmount($"{path}.unitPrice", unit.UnitPrice, errors);
        }
    }

    /// <summary>Euros with cents: invoices are controlled to the cent, so a third decimal could never be matched.</summary>
    private static void CheckAmount(string field, decimal amount, Errors errors)
    {
        if (amount < 0)
        {
            errors.Add(field, "The amount cannot be negative.");
        }
        else if (amount > MaxAmount)
        {
            errors.Add(field, "The amount is too large.");
        }
        else if (decimal.Round(amount, 2) != amount)
        {
            errors.Add(field, "The amount has at most two decimals (cents).");
        }
    }

    private static void CheckRevision(RevisionClause revision, DateOnly start, Errors errors)
    {
        if (revision.Index != SyntecIndexName)
        {
            errors.Add("revision.index", "The only revision index supported is SYNTEC.");
        }

        if (revision.A < 0)
        {
            errors.Add("revision.a", "The fixed part a cannot be negative.");
        }

        if (revision.B < 0)
        {
            errors.Add("revision.b", "The indexed part b cannot be negative.");
        }
        else if (revision.A >= 0 && revision.A + revision.B != 1m)
        {
            // Named on b: the fixed part is usually set first and b is what makes the sum.
            errors.Add("revision.b", $"a + b must equal 1 (here {Show(revision.A)} + {Show(revision.B)} = {Show(revision.A + revision.B)}).");
        }

        if (ParseMonth(revision.ReferenceMonth) is not { } reference)
        {
            errors.Add("revision.referenceMonth", "The reference month is written yyyy-MM, e.g. 2025-01.");
        }
        else if (reference > new DateOnly(start.Year, start.Month, 1))
        {
            errors.Add("revision.referenceMonth", "The reference month cannot be after the month the contract starts.");
        }
    }

    /// <summary>The first day of a <c>yyyy-MM</c> month, or null when it is not one.</summary>
    public static DateOnly? ParseMonth(string? month) =>
        month is not null && MonthPattern().IsMatch(month)
        && DateOnly.TryParseExact(month + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var first)
            ? first
            : null;

    private static void CheckCalendar(ServiceCalendar? calendar, Errors errors)
    {
        if (calendar is null)
        {
            errors.Add("calendar", "The service calendar is required.");
            return;
        }

        if (string.IsNullOrWhiteSpace(calendar.TimeZone) || DateTimeZoneProviders.Tzdb.GetZoneOrNull(calendar.TimeZone) is null)
        {
            errors.Add("calendar.timeZone", "The time zone must be an IANA zone such as Europe/Paris.");
        }

        if (calendar.Weekly is null)
        {
            errors.Add("calendar.weekly", "The list of opening intervals is required (empty when always open).");
        }
        else
        {
            if (!calendar.AlwaysOpen && calendar.Weekly.Count == 0)
            {
                errors.Add("calendar.weekly", "Give at least one opening interval, or mark the service as always open.");
            }

            CheckWeekly(calendar.Weekly, errors);
        }

        if (calendar.HolidayPacks is null)
        {
            errors.Add("calendar.holidayPacks", "The list of holiday packs is required (empty for none).");
        }
        else
        {
            var packs = new HashSet<string>(StringComparer.Ordinal);
            for (var i = 0; i < calendar.HolidayPacks.Count; i++)
            {
                var pack = calendar.HolidayPacks[i];
                if (pack is not (HolidayPacks.France or HolidayPacks.AlsaceMoselle))
                {
                    errors.Add($"calendar.holidayPacks[{i}]", $"The holiday pack is {HolidayPacks.France} or {HolidayPacks.AlsaceMoselle}.");
                }
                else if (!packs.Add(pack))
                {
                    errors.Add($"calendar.holidayPacks[{i}]", "This holiday pack is already listed.");
                }
            }

            if (packs.Contains(HolidayPacks.France) && packs.Contains(HolidayPacks.AlsaceMoselle))
            {
                // The Alsace-Moselle pack already holds the national holidays; both would suggest two different calendars.
                errors.Add("calendar.holidayPacks", $"Choose {HolidayPacks.France} or {HolidayPacks.AlsaceMoselle}, not both: Alsace-Moselle includes the national holidays.");
            }
        }

        if (calendar.ClosedDays is null)
        {
            errors.Add("calendar.closedDays", "The list of closed days is required (empty for none).");
        }
        else
        {
            var days = new HashSet<DateOnly>();
            for (var i = 0; i < calendar.ClosedDays.Count; i++)
            {
                if (!days.Add(calendar.ClosedDays[i]))
                {
                    errors.Add($"calendar.closedDays[{i}]", "This day is already listed.");
                }
            }
        }
    }

    private static void CheckWeekly(IReadOnlyList<OpeningInterval> weekly, Errors errors)
    {
        var valid = new List<(int Index, string Day, int Open, int Close)>();
        for (var i = 0; i < weekly.Count; i++)
        {
            var path = $"calendar.weekly[{i}]";
            var interval = weekly[i];
            if (interval is null)
            {
                errors.Add(path, "The opening interval is missing.");
                continue;
            }

            var dayOk = interval.Day is not null && Days.Contains(interval.Day);
            if (!dayOk)
            {
                errors.Add($"{path}.day", "The day is one of monday, tuesday, wednesday, thursday, friday, saturday, sunday.");
            }

            var open = ParseTime(interval.Open, allowMidnightEnd: false);
            if (open is null)
            {
                errors.Add($"{path}.open", "The opening time is written HH:mm, e.g. 08:30.");
            }

            var close = ParseTime(interval.Close, allowMidnightEnd: true);
            if (close is null)
            {
                errors.Add($"{path}.close", "The closing time is written HH:mm, e.g. 18:00 (24:00 for midnight).");
            }

            if (open is { } o && close is { } c)
            {
                if (o >= c)
                {
                    errors.Add($"{path}.close", "The closing time must be after the opening time.");
                }
                else if (dayOk)
                {
                    valid.Add((i, interval.Day!, o, c));
                }
            }
        }

        // Overlaps make opening time count twice in the SLA clock; intervals that only touch (12:00–14:00 then 14:00–18:00) are fine.
        // The later one in the list is named: it is usually the one just added.
        foreach (var later in valid)
        {
            var earlier = valid.FirstOrDefault(e => e.Index < later.Index && e.Day == later.Day && e.Open < later.Close && later.Open < e.Close);
            if (earlier.Day is not null)
            {
                errors.Add($"calendar.weekly[{later.Index}]",
                    $"This interval overlaps {earlier.Day} {FormatTime(earlier.Open)}–{FormatTime(earlier.Close)}.");
            }
        }
    }

    /// <summary>Minutes since midnight of an <c>HH:mm</c> time; <c>24:00</c> only as a closing time.</summary>
    private static int? ParseTime(string? text, bool allowMidnightEnd)
    {
        if (text is null || !TimePattern().IsMatch(text))
        {
            return null;
        }

        var hours = (text[0] - '0') * 10 + (text[1] - '0');
        var minutes = (text[3] - '0') * 10 + (text[4] - '0');
        if (minutes > 59)
        {
            return null;
        }

        if (hours == 24)
        {
            return allowMidnightEnd && minutes == 0 ? 24 * 60 : null;
        }

        return hours < 24 ? hours * 60 + minutes : null;
    }

    private static string FormatTime(int minutes) => $"{minutes / 60:00}:{minutes % 60:00}";

    private static void CheckSla(SlaPolicy? sla, Errors errors)
    {
        if (sla is null)
        {
            errors.Add("sla", "The SLA policy is required.");
            return;
        }

        if (sla.Targets is null)
        {
            errors.Add("sla.targets", "The SLA targets are required, one per priority P1 to P4.");
        }
        else
        {
            CheckTargets(sla.Targets, errors);
        }

        if (sla.WarningThresholds is null)
        {
            errors.Add("sla.warningThresholds", "The warning thresholds are required (empty for no warning).");
        }
        else
        {
            if (sla.WarningThresholds.Any(t => t is < 1 or > 99))
            {
                errors.Add("sla.warningThresholds", "Warning thresholds are percentages between 1 and 99 (the breach is at 100).");
            }

            if (sla.WarningThresholds.Zip(sla.WarningThresholds.Skip(1)).Any(pair => pair.Second <= pair.First))
            {
                errors.Add("sla.warningThresholds", "Warning thresholds must be in increasing order, each once.");
            }
        }
    }

    private static void CheckTargets(IReadOnlyList<SlaTarget> targets, Errors errors)
    {
        for (var i = 0; i < targets.Count; i++)
        {
            var path = $"sla.targets[{i}]";
            var target = targets[i];
            if (target is null)
            {
                errors.Add(path, "The target is missing.");
                continue;
            }

            if (target.Priority is null || !Priorities.Contains(target.Priority))
            {
                errors.Add($"{path}.priority", "The priority is P1, P2, P3 or P4.");
            }

            var respondOk = CheckDuration($"{path}.respond", "time to respond", target.Respond, errors);
            var resolveOk = CheckDuration($"{path}.resolve", "time to resolve", target.Resolve, errors);
            if (respondOk && resolveOk && RespondsAfterResolving(target.Respond, target.Resolve))
            {
                errors.Add($"{path}.respond.value", "The time to respond cannot be longer than the time to resolve.");
            }
        }

        var counts = targets.Where(t => t?.Priority is not null).GroupBy(t => t.Priority).ToDictionary(g => g.Key, g => g.Count());
        foreach (var priority in Priorities)
        {
            var count = counts.GetValueOrDefault(priority);
            if (count == 0)
            {
                errors.Add("sla.targets", $"A target for {priority} is missing.");
            }
            else if (count > 1)
            {
                errors.Add("sla.targets", $"{priority} has more than one target.");
            }
        }
    }

    /// <returns>Whether the duration is usable for comparison with the other one.</returns>
    private static bool CheckDuration(string path, string what, SlaDuration? duration, Errors errors)
    {
        if (duration is null)
        {
            errors.Add(path, $"The {what} is required.");
            return false;
        }

        var ok = true;
        if (duration.Unit is null || !DurationUnits.Contains(duration.Unit))
        {
            errors.Add($"{path}.unit", "The unit is minutes, hours or businessDays.");
            ok = false;
        }

        if (duration.Value <= 0)
        {
            errors.Add($"{path}.value", $"The {what} must be greater than zero.");
            ok = false;
        }
        else if (ok && duration.Value > MaxDuration(duration.Unit!))
        {
            errors.Add($"{path}.value", $"The {what} is at most {MaxDuration(duration.Unit!).ToString("N0", CultureInfo.InvariantCulture)} {duration.Unit}.");
            ok = false;
        }

        if (duration.EndOfWorkingDay && duration.Unit != "businessDays")
        {
            errors.Add($"{path}.endOfWorkingDay", "\"End of working day\" applies only to a duration in business days.");
        }

        return ok;
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

    private static void CheckPenalties(PenaltyRules? penalties, Errors errors)
    {
        if (penalties is null)
        {
            errors.Add("penalties", "The penalty rules are required.");
            return;
        }

        if (penalties.PerBreach is null)
        {
            errors.Add("penalties.perBreach", "The list of penalties per breach is required (empty for none).");
        }
        else
        {
            var priorities = new HashSet<string>(StringComparer.Ordinal);
            for (var i = 0; i < penalties.PerBreach.Count; i++)
            {
                var path = $"penalties.perBreach[{i}]";
                var rule = penalties.PerBreach[i];
                if (rule is null)
                {
                    errors.Add(path, "The penalty is missing.");
                    continue;
                }

                if (rule.Priority is null || !Priorities.Contains(rule.Priority))
                {
                    errors.Add($"{path}.priority", "The priority is P1, P2, P3 or P4.");
                }
                else if (!priorities.Add(rule.Priority))
                {
                    errors.Add($"{path}.priority", $"Another penalty already applies to {rule.Priority}.");
                }

                switch (rule.Kind)
                {
                    case "fixed":
                        CheckAmount($"{path}.amount", rule.Amount, errors);
                        break;
                    case "percentOfFee":
                        CheckPercent($"{path}.amount", rule.Amount, errors);
                        break;
                    default:
                        errors.Add($"{path}.kind", "The kind is fixed (euros) or percentOfFee (of the monthly fee).");
                        if (rule.Amount < 0)
                        {
                            errors.Add($"{path}.amount", "The amount cannot be negative.");
                        }

                        break;
                }
            }
        }

        if (penalties.MonthlyFreeBreaches < 0)
        {
            errors.Add("penalties.monthlyFreeBreaches", "The number of free breaches per month cannot be negative.");
        }

        if (penalties.AvailabilityBands is null)
        {
            errors.Add("penalties.availabilityBands", "The list of availability bands is required (empty for none).");
        }
        else
        {
            var thresholds = new HashSet<decimal>();
            for (var i = 0; i < penalties.AvailabilityBands.Count; i++)
            {
                var path = $"penalties.availabilityBands[{i}]";
                var band = penalties.AvailabilityBands[i];
                if (band is null)
                {
                    errors.Add(path, "The availability band is missing.");
                    continue;
                }

                if (band.BelowPercent is <= 0 or > 100)
                {
                    errors.Add($"{path}.belowPercent", "The availability threshold is a percentage above 0 and at most 100.");
                }
                else if (!thresholds.Add(band.BelowPercent))
                {
                    errors.Add($"{path}.belowPercent", $"Another band already starts below {Show(band.BelowPercent)} %.");
                }

                CheckPercent($"{path}.penaltyPercentOfFee", band.PenaltyPercentOfFee, errors);
            }
        }

        CheckPercent("penalties.monthlyCapPercent", penalties.MonthlyCapPercent, errors);
    }

    private static void CheckPercent(string field, decimal percent, Errors errors)
    {
        if (percent is < 0 or > 100)
        {
            errors.Add(field, "The percentage is between 0 and 100.");
        }
    }

    private static void CheckClause(string field, string? text, Errors errors)
    {
        if (text is null)
        {
            errors.Add(field, "The clause is required (it may be empty).");
        }
        else if (text.Length > MaxClauseLength)
        {
            errors.Add(field, $"The clause is at most {MaxClauseLength.ToString("N0", CultureInfo.InvariantCulture)} characters long.");
        }
    }

    /// <summary>A decimal as people write it: invariant, no trailing zeros.</summary>
    internal static string Show(decimal value) => value.ToString("0.############################", CultureInfo.InvariantCulture);

    [GeneratedRegex("^[0-9]{4}-[0-9]{2}\\z", RegexOptions.CultureInvariant)]
    private static partial Regex MonthPattern();

    [GeneratedRegex("^[0-9]{2}:[0-9]{2}\\z", RegexOptions.CultureInvariant)]
    private static partial Regex TimePattern();

    /// <summary>Messages gathered by field, in the order they were found.</summary>
    private sealed class Errors
    {
        private readonly Dictionary<string, List<string>> byField = new(StringComparer.Ordinal);

        public void Add(string field, params IEnumerable<string> messages)
        {
            if (!byField.TryGetValue(field, out var list))
            {
                byField[field] = list = [];
            }

            list.AddRange(messages);
        }

        public Dictionary<string, string[]> ToDictionary() => byField.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal);
    }
}
