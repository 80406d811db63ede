using System.Globalization;
using Infogerance.IntegrationEvents;
using Infogerance.ServiceLevels;
using NodaTime;

namespace Infogerance.Incidents.Domain;

/// <summary>A period during which <see cref="Service"/> was down; <see cref="EndedAt"/> is null while it lasts.</summary>
public sealed record Outage(Guid Id, string Service, DateTimeOffset StartedAt, DateTimeOffset? EndedAt);

/// <summary>One calendar month in a zone: from the start of its first day to the start of the next month's, both local.</summary>
public sealed record MonthPeriod(int Year, int Month, DateTimeOffset Start, DateTimeOffset End)
{
    /// <summary>Real seconds: 743 hours for March in Paris (the spring change), 745 for October.</summary>
    public long Seconds => (End - Start).Ticks / TimeSpan.TicksPerSecond;

    public string Name => $"{Year:D4}-{Month:D2}";
}

/// <summary>
/// A service's availability over a month: <see cref="OutageSeconds"/> counts each second at most once however many outages
/// cover it; <see cref="Penalty"/> is the deepest penalty band of the contract the percentage falls in, null when none.
/// </summary>
public sealed record ServiceAvailability(
    string Service, long OutageSeconds, long PeriodSeconds, decimal AvailabilityPercent, AvailabilityBand? Penalty, IReadOnlyList<Outage> Outages);

/// <summary>
/// Monthly availability per service from the outages recorded on incidents. It is measured over the whole month, 24×7,
/// in the contract calendar's zone — not over the calendar's opening time: the calendar says when the desk works, not
/// when the services are used (batch jobs, remote staff, customers run at night and at weekends), an outage on a Sunday
/// is still an outage, and a percentage over wall-clock time is the one every monitoring tool and penalty band means.
/// The zone only fixes where the month starts and ends, and so its length across daylight-saving changes.
/// </summary>
public static class Availability
{
    public const int MaxServiceLength = 200;
    public const int FirstYear = 1990;
    public const int LastYear = 2100;

    /// <summary>Reads <c>yyyy-MM</c> (years <see cref="FirstYear"/> to <see cref="LastYear"/>); false for anything else.</summary>
    public static bool TryParseMonth(string? text, out YearMonth month)
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

    /// <summary>
    /// The month's boundaries in <paramref name="zone"/>, as instants carrying the zone's offset there. A zone whose
    /// midnight is skipped on the first day starts the month at the first instant of that day.
    /// </summary>
    public static MonthPeriod MonthIn(DateTimeZone zone, YearMonth month)
    {
        var start = zone.AtStartOfDay(month.OnDayOfMonth(1));
        var end = zone.AtStartOfDay(month.PlusMonths(1).OnDayOfMonth(1));
        return new MonthPeriod(month.Year, month.Month, start.ToDateTimeOffset(), end.ToDateTimeOffset());
    }

    /// <summary>The month that <paramref name="instant"/> falls in, in <paramref name="zone"/>.</summary>
    public static YearMonth MonthOf(DateTimeZone zone, DateTimeOffset instant) =>
        Instant.FromDateTimeOffset(instant).InZone(zone).Date.ToYearMonth();

    /// <summary>
    /// The seconds of <paramref name="month"/> during which at least one of <paramref name="outages"/> ran: overlaps count
    /// once; an outage still open runs up to <paramref name="now"/> (so nothing after now is ever counted).
    /// </summary>
    public static long DownSeconds(IEnumerable<Outage> outages, MonthPeriod month, DateTimeOffset now) =>
        Downtime.Seconds(outages.Select(outage => Clip(outage, month, now)));

    /// <summary>The percentage of the period the service was up, cut to 2 decimals (see <see cref="Downtime.AvailabilityPercent"/>).</summary>
    public static decimal Percent(long outageSeconds, long periodSeconds) => Downtime.AvailabilityPercent(outageSeconds, periodSeconds);

    /// <summary>
    /// The band the percentage falls in: of the bands whose threshold it is below, the one with the lowest threshold
    /// (the deepest reached: below 99 % is also below 99.5 %, and the 99 % band applies); null when it is below none.
    /// </summary>
    public static AvailabilityBand? BandFor(decimal percent, IEnumerable<AvailabilityBand> bands) =>
        bands.Where(band => percent < band.BelowPercent).OrderBy(band => band.BelowPercent).FirstOrDefault();

    /// <summary>
    /// Availability of every service with down time in the month, by service name (compared trimmed and ignoring case;
    /// the name of its earliest outage is shown). A service absent from the answer was available 100 % of the month.
    /// </summary>
    public static IReadOnlyList<ServiceAvailability> Of(
        IEnumerable<Outage> outages, MonthPeriod month, DateTimeOffset now, IReadOnlyList<AvailabilityBand> bands)
    {
        var period = month.Seconds;
        return [.. outages
            .Where(outage => Overlaps(outage, month, now))
            .GroupBy(outage => outage.Service.Trim(), StringComparer.OrdinalIgnoreCase)
            .Select(service =>
            {
                var inMonth = service.OrderBy(outage => outage.StartedAt).ThenBy(outage => outage.Id).ToList();
                var down = DownSeconds(inMonth, month, now);
                var percent = Percent(down, period);
                return new ServiceAvailability(inMonth[0].Service.Trim(), down, period, percent, BandFor(percent, bands), inMonth);
            })
            .OrderBy(service => service.Service, StringComparer.OrdinalIgnoreCase)
            .ThenBy(service => service.Service, StringComparer.Ordinal)];
    }

    /// <summary>Whether the outage covers some of the month (up to now when it is still open).</summary>
    public static bool Overlaps(Outage outage, MonthPeriod month, DateTimeOffset now) =>
        Clip(outage, month, now) is var span && span.End > span.Start;

    private static (DateTimeOffset Start, DateTimeOffset End) Clip(Outage outage, MonthPeriod month, DateTimeOffset now)
    {
        var end = outage.EndedAt ?? now;
        return (outage.StartedAt > month.Start ? outage.StartedAt : month.Start, end < month.End ? end : month.End);
    }
}
