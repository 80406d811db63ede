using Infogerance.ServiceLevels;
using NodaTime;

namespace Infogerance.Invoicing.Domain;

/// <summary>A period during which <see cref="Service"/> was down, as last recorded; <see cref="EndedAt"/> null while it lasts.</summary>
public sealed record OutagePeriod(string Service, DateTimeOffset StartedAt, DateTimeOffset? EndedAt);

/// <summary>
/// Each service's availability over a statement month, computed with the same downtime reckoning as Incidents (its monthly availability
/// report, which the client and the provider already read): the whole month 24×7 in the calendar's zone, overlapping
/// outages counted once, an outage still open up to now, services compared trimmed and ignoring case, the percentage
/// cut (not rounded) to the hundredth so that 99.499… is below a 99.5 band.
/// </summary>
public static class MonthlyAvailability
{
    /// <summary>The services down some of the month, by name; a service absent was available 100 % of it.</summary>
    public static IReadOnlyList<ServiceAvailability> Of(IEnumerable<OutagePeriod> outages, StatementMonth month, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(outages);
        ArgumentNullException.ThrowIfNull(month);
        var start = month.Start.ToDateTimeOffset();
        var end = month.End.ToDateTimeOffset();
        var periodSeconds = (end - start).Ticks / TimeSpan.TicksPerSecond;
        return [.. outages
            .Select(outage => (Service: outage.Service.Trim(), Start: Max(outage.StartedAt, start), End: Min(outage.EndedAt ?? now, end)))
            .Where(span => span.End > span.Start)
            .GroupBy(span => span.Service, StringComparer.OrdinalIgnoreCase)
            .Select(service =>
            {
                var first = service.OrderBy(span => span.Start).First();
                var down = Downtime.Seconds(service.Select(span => (span.Start, span.End)));
                return new ServiceAvailability(first.Service, Percent(down, periodSeconds));
            })
            .OrderBy(service => service.Service, StringComparer.OrdinalIgnoreCase)
            .ThenBy(service => service.Service, StringComparer.Ordinal)];
    }

    /// <summary>The percentage of the period up, cut to 2 decimals, as the availability report shows it.</summary>
    public static decimal Percent(long downSeconds, long periodSeconds) => Downtime.AvailabilityPercent(downSeconds, periodSeconds);

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;
}

/// <summary>The contract year a month belongs to: from each anniversary of the contract's start date.</summary>
public static class ContractYear
{
    /// <summary>
    /// The first month of the contract year <paramref name="month"/> is in: the month of the latest anniversary of
    /// <paramref name="startDate"/> on or before the month's first day (the start date's month when the month is before it).
    /// </summary>
    public static YearMonth FirstMonth(DateOnly startDate, YearMonth month)
    {
        var first = month.OnDayOfMonth(1).ToDateOnly();
        var start = new YearMonth(startDate.Year, startDate.Month);
        if (first <= startDate)
        {
            return start;
        }

        var years = first.Year - startDate.Year;
        if (startDate.AddYears(years) > first)
        {
            years--;
        }

        var anniversary = startDate.AddYears(years);
        return new YearMonth(anniversary.Year, anniversary.Month);
    }
}
