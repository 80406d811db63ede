using System.Globalization;
using Infogerance.IntegrationEvents;
using Infogerance.Validation;
using NodaTime;

namespace Infogerance.ServiceLevels;

/// <summary>
/// Whether a service calendar, an SLA duration and warning thresholds can be used by the SLA engine, checked the
/// same way wherever they come from (a contract's terms in the Contracts service, a preview in the Incidents
/// service). Each check names the fields under the path prefix it is given. A calendar that passes
/// <see cref="CheckCalendar"/> is always accepted by <see cref="BusinessCalendar"/>'s constructor.
/// </summary>
public static class ServiceLevelRules
{
    private static readonly CultureInfo French = CultureInfo.GetCultureInfo("fr");

    public static readonly IReadOnlyList<string> Days = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];
    public static readonly IReadOnlyList<string> DurationUnits = [SlaClock.Minutes, SlaClock.Hours, SlaClock.BusinessDays];

    /// <summary>
    /// Far more than any real week needs; the overlap check compares intervals pairwise, so an unbounded list
    /// would make one request cost quadratic time.
    /// </summary>
    public const int MaxWeeklyIntervals = 100;

    /// <summary>About ten a year for a century; each closed day is kept in memory by every calendar built.</summary>
    public const int MaxClosedDays = 1_000;

    /// <summary>
    /// Fewer closed days than this in a year cannot close all of its opening days: even a calendar open one day a
    /// week has 52 of them, of which holidays close at most 13.
    /// </summary>
    private const int ClosedDaysThatMayCloseAYear = 30;

    /// <summary>About a year in each unit: an SLA target beyond that is a typing error, and the SLA engine never walks the calendar further.</summary>
    public static int MaxDuration(string unit) => unit switch
    {
        SlaClock.Minutes => 525_600,
        SlaClock.Hours => 8_760,
        _ => 260,
    };

    /// <summary>Checks a calendar; <paramref name="path"/> names the calendar itself (e.g. <c>calendar</c>).</summary>
    public static void CheckCalendar(string path, ServiceCalendar? calendar, FieldErrors errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (calendar is null)
        {
            errors.Add(path, new Message("calendar.required", "The service calendar is required.", "Le calendrier de service est requis."));
            return;
        }

        var before = errors.MessageCount;
        if (string.IsNullOrWhiteSpace(calendar.TimeZone) || DateTimeZoneProviders.Tzdb.GetZoneOrNull(calendar.TimeZone) is null)
        {
            errors.Add($"{path}.timeZone", new Message("calendar.timeZone.unknown", "The time zone must be an IANA zone such as Europe/Paris.", "Le fuseau horaire doit être un fuseau IANA tel que Europe/Paris."));
        }

        if (calendar.Weekly is null)
        {
            errors.Add($"{path}.weekly", new Message("calendar.weekly.required", "The list of opening intervals is required (empty when always open).", "La liste des plages d'ouverture est requise (vide si le service est toujours ouvert)."));
        }
        else if (calendar.Weekly.Count > MaxWeeklyIntervals)
        {
            errors.Add($"{path}.weekly", new Message("calendar.weekly.tooMany", $"Give at most {MaxWeeklyIntervals} opening intervals.", $"Indiquez au plus {MaxWeeklyIntervals} plages d'ouverture.").With("max", MaxWeeklyIntervals));
        }
        else
        {
            if (!calendar.AlwaysOpen && calendar.Weekly.Count == 0)
            {
                errors.Add($"{path}.weekly", new Message("calendar.weekly.empty", "Give at least one opening interval, or mark the service as always open.", "Indiquez au moins une plage d'ouverture, ou marquez le service comme toujours ouvert."));
            }

            CheckWeekly($"{path}.weekly", calendar.Weekly, errors);
        }

        if (calendar.HolidayPacks is null)
        {
            errors.Add($"{path}.holidayPacks", new Message("calendar.holidayPacks.required", "The list of holiday packs is required (empty for none).", "La liste des jeux de jours fériés est requise (vide pour aucun)."));
        }
        else
        {
            var packs = new HashSet<string>(StringComparer.Ordinal);
            for (var i = 0; i < calendar.HolidayPacks.Count; i++)
            {
                var pack = calendar.HolidayPacks[i];
                if (pack is not (HolidayPacks.France or HolidayPacks.AlsaceMoselle))
                {
                    errors.Add($"{path}.holidayPacks[{i}]", new Message("calendar.holidayPack.unknown", $"The holiday pack is {HolidayPacks.France} or {HolidayPacks.AlsaceMoselle}.", $"Le jeu de jours fériés est {HolidayPacks.France} ou {HolidayPacks.AlsaceMoselle}."));
                }
                else if (!packs.Add(pack))
                {
                    errors.Add($"{path}.holidayPacks[{i}]", new Message("calendar.holidayPack.duplicate", "This holiday pack is already listed.", "Ce jeu de jours fériés figure déjà dans la liste."));
                }
            }

            if (packs.Contains(HolidayPacks.France) && packs.Contains(HolidayPacks.AlsaceMoselle))
            {
                // The Alsace-Moselle pack already holds the national holidays; both would suggest two different calendars.
                errors.Add($"{path}.holidayPacks", new Message("calendar.holidayPacks.both", $"Choose {HolidayPacks.France} or {HolidayPacks.AlsaceMoselle}, not both: Alsace-Moselle includes the national holidays.", $"Choisissez {HolidayPacks.France} ou {HolidayPacks.AlsaceMoselle}, pas les deux : l'Alsace-Moselle comprend les jours fériés nationaux."));
            }
        }

        if (calendar.ClosedDays is null)
        {
            errors.Add($"{path}.closedDays", new Message("calendar.closedDays.required", "The list of closed days is required (empty for none).", "La liste des jours de fermeture est requise (vide pour aucun)."));
        }
        else if (calendar.ClosedDays.Count > MaxClosedDays)
        {
            errors.Add($"{path}.closedDays", new Message("calendar.closedDays.tooMany", $"Give at most {MaxClosedDays.ToString("N0", CultureInfo.InvariantCulture)} closed days.", $"Indiquez au plus {MaxClosedDays.ToString("N0", French)} jours de fermeture.").With("max", MaxClosedDays));
        }
        else
        {
            var days = new HashSet<DateOnly>();
            for (var i = 0; i < calendar.ClosedDays.Count; i++)
            {
                if (!days.Add(calendar.ClosedDays[i]))
                {
                    errors.Add($"{path}.closedDays[{i}]", new Message("calendar.closedDay.duplicate", "This day is already listed.", "Ce jour figure déjà dans la liste."));
                }
            }
        }

        // Only a calendar that reads is built; the check above guarantees the constructor accepts it.
        if (errors.MessageCount == before)
        {
            CheckYearsWithoutOpening(path, calendar, errors);
        }
    }

    /// <summary>
    /// A year whose opening days are all closed (closed days over holidays) stops the SLA clock from ever ending a
    /// count that reaches it: refused here rather than failing later on a ticket.
    /// </summary>
    private static void CheckYearsWithoutOpening(string path, ServiceCalendar calendar, FieldErrors errors)
    {
        if (calendar.AlwaysOpen)
        {
            return;
        }

        var suspects = calendar.ClosedDays
            .GroupBy(day => day.Year)
            .Where(year => year.Count() >= ClosedDaysThatMayCloseAYear && year.Key >= HolidayPacks.FirstYear && year.Key < HolidayPacks.LastYear)
            .Select(year => year.Key)
            .Order()
            .ToList();
        if (suspects.Count == 0)
        {
            return;
        }

        var built = new BusinessCalendar(calendar);
        foreach (var year in suspects)
        {
            var first = new LocalDate(year, 1, 1);
            var open = false;
            for (var day = first; day.Year == year && !open; day = day.PlusDays(1))
            {
                open = built.IsBusinessDay(day);
            }

            if (!open)
            {
                errors.Add($"{path}.closedDays", new Message("calendar.closedDays.noOpeningDay", $"The closed days and holidays leave no opening day in {year}.", $"Les jours de fermeture et les jours fériés ne laissent aucun jour ouvré en {year}.").With("year", year));
            }
        }
    }

    private static void CheckWeekly(string path, IReadOnlyList<OpeningInterval> weekly, FieldErrors errors)
    {
        var valid = new List<(int Index, string Day, int Open, int Close)>();
        for (var i = 0; i < weekly.Count; i++)
        {
            var itemPath = $"{path}[{i}]";
            var interval = weekly[i];
            if (interval is null)
            {
                errors.Add(itemPath, new Message("calendar.interval.missing", "The opening interval is missing.", "La plage d'ouverture est manquante."));
                continue;
            }

            var dayOk = interval.Day is not null && Days.Contains(interval.Day);
            if (!dayOk)
            {
                errors.Add($"{itemPath}.day", new Message("calendar.interval.day", "The day is one of monday, tuesday, wednesday, thursday, friday, saturday, sunday.", "Le jour est l'un de monday, tuesday, wednesday, thursday, friday, saturday, sunday (lundi à dimanche)."));
            }

            var open = ParseTime(interval.Open, allowMidnightEnd: false);
            if (open is null)
            {
                errors.Add($"{itemPath}.open", new Message("calendar.interval.open", "The opening time is written HH:mm, e.g. 08:30.", "L'heure d'ouverture s'écrit HH:mm, par exemple 08:30."));
            }

            var close = ParseTime(interval.Close, allowMidnightEnd: true);
            if (close is null)
            {
                errors.Add($"{itemPath}.close", new Message("calendar.interval.close", "The closing time is written HH:mm, e.g. 18:00 (24:00 for midnight).", "L'heure de fermeture s'écrit HH:mm, par exemple 18:00 (24:00 pour minuit)."));
            }

            if (open is { } o && close is { } c)
            {
                if (o >= c)
                {
                    errors.Add($"{itemPath}.close", new Message("calendar.interval.order", "The closing time must be after the opening time.", "L'heure de fermeture doit suivre l'heure d'ouverture."));
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
                errors.Add($"{path}[{later.Index}]", new Message(
                    "calendar.interval.overlap",
                    $"This interval overlaps {earlier.Day} {FormatTime(earlier.Open)}–{FormatTime(earlier.Close)}.",
                    $"Cette plage chevauche {earlier.Day} {FormatTime(earlier.Open)}–{FormatTime(earlier.Close)}."));
            }
        }
    }

    /// <summary>
    /// Minutes since midnight of an <c>HH:mm</c> time (ASCII digits only); <c>24:00</c> only as a closing time.
    /// The same reading as <see cref="BusinessCalendar"/>'s, so that what passes here is never refused there.
    /// </summary>
    public static int? ParseTime(string? text, bool allowMidnightEnd)
    {
        if (text is not { Length: 5 } || !char.IsAsciiDigit(text[0]) || !char.IsAsciiDigit(text[1]) || text[2] != ':'
            || !char.IsAsciiDigit(text[3]) || !char.IsAsciiDigit(text[4]))
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

    /// <summary>
    /// Checks a target; <paramref name="path"/> names the duration (e.g. <c>sla.targets[0].respond</c>) and
    /// <paramref name="what"/> is how messages call it ("time to respond").
    /// </summary>
    /// <returns>Whether value and unit are usable for comparison with another duration (a misplaced "end of working
    /// day" is reported but does not prevent it).</returns>
    public static bool CheckDuration(string path, (string English, string French) what, SlaDuration? duration, FieldErrors errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (duration is null)
        {
            errors.Add(path, new Message("sla.duration.required", $"The {what.English} is required.", $"Indiquez {what.French}."));
            return false;
        }

        var ok = true;
        if (duration.Unit is null || !DurationUnits.Contains(duration.Unit))
        {
            errors.Add($"{path}.unit", new Message("sla.duration.unit", "The unit is minutes, hours or businessDays.", "L'unité est minutes, hours ou businessDays (minutes, heures ou jours ouvrés)."));
            ok = false;
        }

        if (duration.Value <= 0)
        {
            errors.Add($"{path}.value", new Message("sla.duration.positive", $"The {what.English} must be greater than zero.", $"Indiquez pour {what.French} une valeur supérieure à zéro."));
            ok = false;
        }
        else if (ok && duration.Value > MaxDuration(duration.Unit!))
        {
            errors.Add($"{path}.value", new Message(
                "sla.duration.tooLong",
                $"The {what.English} is at most {MaxDuration(duration.Unit!).ToString("N0", CultureInfo.InvariantCulture)} {duration.Unit}.",
                $"Indiquez pour {what.French} au plus {MaxDuration(duration.Unit!).ToString("N0", French)} {duration.Unit}.").With("max", MaxDuration(duration.Unit!)));
            ok = false;
        }

        if (duration.EndOfWorkingDay && duration.Unit != SlaClock.BusinessDays)
        {
            // Not counted against "usable": the duration still compares with another one, which the terms check does.
            errors.Add($"{path}.endOfWorkingDay", new Message("sla.duration.endOfWorkingDay", "\"End of working day\" applies only to a duration in business days.", "« Fin de journée ouvrée » ne s'applique qu'à une durée en jours ouvrés."));
        }

        return ok;
    }

    /// <summary>Checks a list of warning thresholds (present: whether it may be absent is the caller's rule).</summary>
    public static void CheckWarningThresholds(string path, IReadOnlyList<int> thresholds, FieldErrors errors)
    {
        ArgumentNullException.ThrowIfNull(thresholds);
        ArgumentNullException.ThrowIfNull(errors);
        if (thresholds.Any(t => t is < 1 or > 99))
        {
            errors.Add(path, new Message("sla.warnings.range", "Warning thresholds are percentages between 1 and 99 (the breach is at 100).", "Les seuils d'alerte sont des pourcentages entre 1 et 99 (le dépassement est à 100)."));
        }

        if (thresholds.Zip(thresholds.Skip(1)).Any(pair => pair.Second <= pair.First))
        {
            errors.Add(path, new Message("sla.warnings.order", "Warning thresholds must be in increasing order, each once.", "Les seuils d'alerte doivent être croissants, chacun une seule fois."));
        }
    }
}
