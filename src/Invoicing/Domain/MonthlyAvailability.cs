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
        return [.. Downtime.ByService(
                outages.Select(outage => (outage.Service, outage.StartedAt, outage.EndedAt)), month.Start.ToDateTimeOffset(), month.End.ToDateTimeOffset(), now)
            .Select(service => new ServiceAvailability(service.Service, service.AvailabilityPercent))];
    }

    /// <summary>The percentage of the period up, cut to 2 decimals, as the availability report shows it.</summary>
    public static decimal Percent(long downSeconds, long periodSeconds) => Downtime.AvailabilityPercent(downSeconds, periodSeconds);
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
