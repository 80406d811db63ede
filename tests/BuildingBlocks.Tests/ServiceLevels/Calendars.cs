using System.Globalization;
using Infogerance.IntegrationEvents;
using Infogerance.ServiceLevels;
using NodaTime;

namespace Infogerance.BuildingBlocks.Tests.ServiceLevels;

/// <summary>Short ways to write calendars and instants in tests.</summary>
internal static class Calendars
{
    public static readonly string[] Weekdays = ["monday", "tuesday", "wednesday", "thursday", "friday"];
    public static readonly string[] AllDays = [.. Weekdays, "saturday", "sunday"];

    /// <summary>Intervals written "monday 08:00-18:00".</summary>
    public static ServiceCalendar Calendar(string zone, IEnumerable<string> intervals, string[]? packs = null, string[]? closedDays = null) => new()
    {
        TimeZone = zone,
        Weekly = [.. intervals.Select(Interval)],
        HolidayPacks = packs ?? [],
        ClosedDays = [.. (closedDays ?? []).Select(day => DateOnly.ParseExact(day, "yyyy-MM-dd", CultureInfo.InvariantCulture))],
    };

    public static BusinessCalendar Business(string zone, IEnumerable<string> intervals, string[]? packs = null, string[]? closedDays = null) =>
        new(Calendar(zone, intervals, packs, closedDays));

    /// <summary>The same hours on each of the given days.</summary>
    public static IEnumerable<string> Every(IEnumerable<string> days, params string[] hours) =>
        days.SelectMany(day => hours.Select(h => $"{day} {h}"));

    /// <summary>Monday to Friday 08:00–18:00 in Paris with the French holidays.</summary>
    public static BusinessCalendar ParisOffice(params string[] closedDays) =>
        Business("Europe/Paris", Every(Weekdays, "08:00-18:00"), [HolidayPacks.France], closedDays);

    public static BusinessCalendar AlwaysOpen(string zone) => new(new ServiceCalendar { TimeZone = zone, AlwaysOpen = true });

    /// <summary>The calendar of the SLA preview's worked example.</summary>
    public static ServiceCalendar WorkedExample() =>
        Calendar("Europe/Paris", ["monday 10:30-19:00", "friday 08:30-12:00", "friday 13:00-19:00"], [HolidayPacks.France], ["2034-06-12"]);

    /// <summary>An instant written with its offset, e.g. 2034-06-09T08:46:12+02:00.</summary>
    public static Instant I(string text) => Instant.FromDateTimeOffset(D(text));

    public static DateTimeOffset D(string text) => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.None);

    public static string Show(Instant instant, string zone = "Europe/Paris") =>
        instant.InZone(DateTimeZoneProviders.Tzdb[zone]).ToString("uuuu-MM-dd'T'HH:mm:sso<+HH:mm>", CultureInfo.InvariantCulture);

    public static string Show(DateTimeOffset instant, string zone = "Europe/Paris") => Show(Instant.FromDateTimeOffset(instant), zone);

    public static LocalDate Date(string text) => LocalDate.FromDateOnly(DateOnly.ParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture));

    private static OpeningInterval Interval(string text)
    {
        var parts = text.Split([' ', '-']);
        return new OpeningInterval(parts[0], parts[1], parts[2]);
    }
}
