using System.Globalization;
using NodaTime;
using NodaTime.Text;

namespace Infogerance.Invoicing.Domain;

/// <summary>
/// A month of a contract calendar: from midnight on its first day to midnight on the next month's first day, both
/// in the calendar's zone. A breach at 00:30 on 1 April in Paris (22:30 UTC on 31 March) is April's.
/// </summary>
public sealed class StatementMonth
{
    /// <summary>The zone of a contract calendar when none is given.</summary>
    public const string DefaultTimeZone = "Europe/Paris";

    /// <summary>Months a contract may span, as for its start date.</summary>
    public const int FirstYear = 1990;
    public const int LastYear = 2100;

    /// <summary>The furthest any zone's clock runs ahead of UTC (Kiribati's +14:00): a month ends there first.</summary>
    public const int LargestUtcOffsetHours = 14;

    private static readonly YearMonthPattern Pattern = YearMonthPattern.CreateWithInvariantCulture("uuuu'-'MM");

    private StatementMonth(YearMonth month, DateTimeZone zone)
    {
        Month = month;
        Zone = zone;
        Start = zone.AtStartOfDay(month.OnDayOfMonth(1)).ToInstant();
        End = zone.AtStartOfDay(month.PlusMonths(1).OnDayOfMonth(1)).ToInstant();
    }

    public YearMonth Month { get; }

    public DateTimeZone Zone { get; }

    /// <summary>The month's first instant.</summary>
    public Instant Start { get; }

    /// <summary>The next month's first instant (excluded).</summary>
    public Instant End { get; }

    /// <summary>The month as <c>yyyy-MM</c>.</summary>
    public string Text => Format(Month);

    /// <summary>A month as <c>yyyy-MM</c>.</summary>
    public static string Format(YearMonth month) => Pattern.Format(month);

    public static StatementMonth Of(int year, int month, DateTimeZone zone) => new(new YearMonth(year, month), zone);

    public static StatementMonth Of(int year, int month, string timeZone) =>
        Of(year, month, DateTimeZoneProviders.Tzdb[timeZone]);

    /// <summary>The month of a <c>yyyy-MM</c> text within <see cref="FirstYear"/>–<see cref="LastYear"/>, or null.</summary>
    public static YearMonth? Parse(string? month)
    {
        if (month is null || month.Length != 7)
        {
            return null;
        }

        var result = Pattern.Parse(month);
        return result.Success && result.Value.Year is >= FirstYear and <= LastYear ? result.Value : null;
    }

    /// <summary>The zone of an IANA name, or null when the time zone database does not know it.</summary>
    public static DateTimeZone? ZoneOf(string? timeZone) =>
        string.IsNullOrWhiteSpace(timeZone) ? null : DateTimeZoneProviders.Tzdb.GetZoneOrNull(timeZone);

    public static StatementMonth Of(YearMonth month, DateTimeZone zone) => new(month, zone);

    /// <summary>The month of an instant in a zone.</summary>
    public static YearMonth MonthOf(DateTimeOffset at, DateTimeZone zone) => Instant.FromDateTimeOffset(at).InZone(zone).Date.ToYearMonth();

    public bool Contains(DateTimeOffset at)
    {
        var instant = Instant.FromDateTimeOffset(at);
        return instant >= Start && instant < End;
    }

    /// <summary>The instant with the zone's offset then, as the calendar's wall clock reads it.</summary>
    public DateTimeOffset InZone(DateTimeOffset at)
    {
        var offset = Zone.GetUtcOffset(Instant.FromDateTimeOffset(at));
        return offset.Seconds % 60 == 0 ? at.ToOffset(offset.ToTimeSpan()) : at;
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Text} ({Zone.Id})");
}
