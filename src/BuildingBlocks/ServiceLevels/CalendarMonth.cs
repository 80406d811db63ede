using System.Globalization;
using NodaTime;

namespace Infogerance.ServiceLevels;

/// <summary>
/// A month of a contract calendar: from the start of its first day to the start of the next month's first day, both
/// local time in the calendar's zone (a zone whose midnight is skipped starts the day at its first instant). Its length
/// follows daylight saving: 743 hours for March in Paris, 745 for October. An instant belongs to the month its local
/// date is in: 00:30 on 1 April in Paris (22:30 UTC on 31 March) is April's.
/// </summary>
public sealed record CalendarMonth
{
    /// <summary>The months figures are asked for, as for a contract's dates.</summary>
    public const int FirstYear = 1990;
    public const int LastYear = 2100;

    private CalendarMonth(YearMonth month, DateTimeZone zone)
    {
        Month = month;
        Zone = zone;
        Start = zone.AtStartOfDay(month.OnDayOfMonth(1)).ToDateTimeOffset();
        End = zone.AtStartOfDay(month.PlusMonths(1).OnDayOfMonth(1)).ToDateTimeOffset();
    }

    public YearMonth Month { get; }

    public DateTimeZone Zone { get; }

    /// <summary>The month's first instant, with the zone's offset then.</summary>
    public DateTimeOffset Start { get; }

    /// <summary>The next month's first instant (excluded), with the zone's offset then.</summary>
    public DateTimeOffset End { get; }

    /// <summary>The month as <c>yyyy-MM</c>.</summary>
    public string Text => Format(Month);

    /// <summary>Real seconds from start to end.</summary>
    public long Seconds => (End - Start).Ticks / TimeSpan.TicksPerSecond;

    public static CalendarMonth Of(YearMonth month, DateTimeZone zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        return new CalendarMonth(month, zone);
    }

    /// <summary>The month <paramref name="instant"/> falls in, in <paramref name="zone"/>.</summary>
    public static CalendarMonth Containing(DateTimeOffset instant, DateTimeZone zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        return new CalendarMonth(Instant.FromDateTimeOffset(instant).InZone(zone).Date.ToYearMonth(), zone);
    }

    public bool Contains(DateTimeOffset instant) => instant >= Start && instant < End;

    /// <summary>Reads <c>yyyy-MM</c> (years <see cref="FirstYear"/> to <see cref="LastYear"/>); false for anything else.</summary>
    public static bool TryParse(string? text, out YearMonth month)
    {
        month = default;
        if (text is not { Length: 7 } || text[4] != '-'
            || !int.TryParse(text.AsSpan(0, 4), NumberStyles.None, CultureInfo.InvariantCulture, out var year)
            || !int.TryParse(text.AsSpan(5, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var number)
            || year is < FirstYear or > LastYear || number is < 1 or > 12)
        {
            return false;
        }

        month = new YearMonth(year, number);
        return true;
    }

    public static string Format(YearMonth month) => string.Create(CultureInfo.InvariantCulture, $"{month.Year:D4}-{month.Month:D2}");

    /// <summary>The instant with the zone's offset then, as the calendar's wall clock reads it.</summary>
    public DateTimeOffset InZone(DateTimeOffset instant) => Instant.FromDateTimeOffset(instant).InZone(Zone).ToDateTimeOffset();

    public override string ToString() => $"{Text} ({Zone.Id})";
}
