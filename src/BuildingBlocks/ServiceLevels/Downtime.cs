namespace Infogerance.ServiceLevels;

/// <summary>A service down some of a period: its name as its earliest outage wrote it (trimmed), the seconds down, the percentage up.</summary>
public sealed record ServiceDowntime(string Service, long DownSeconds, decimal AvailabilityPercent);

/// <summary>
/// How long a service was down over a period, and the availability that leaves: one reckoning for the monthly
/// availability report and for the penalty statement, so that both always show the same figure.
/// </summary>
public static class Downtime
{
    /// <summary>The whole seconds covered by at least one span (spans already clipped to the period): overlaps count once.</summary>
    public static long Seconds(IEnumerable<(DateTimeOffset Start, DateTimeOffset End)> spans)
    {
        ArgumentNullException.ThrowIfNull(spans);
        long ticks = 0;
        DateTimeOffset? runStart = null, runEnd = null;
        foreach (var (start, end) in spans.Where(span => span.End > span.Start).OrderBy(span => span.Start))
        {
            if (runEnd is { } current && start <= current)
            {
                runEnd = end > current ? end : current;
                continue;
            }

            if (runStart is { } from)
            {
                ticks += (runEnd!.Value - from).Ticks;
            }

            (runStart, runEnd) = (start, end);
        }

        if (runStart is { } last)
        {
            ticks += (runEnd!.Value - last).Ticks;
        }

        return ticks / TimeSpan.TicksPerSecond;
    }

    /// <summary>
    /// Each service down some of the period from <paramref name="start"/> to <paramref name="end"/>, by name: services
    /// told apart by name trimmed and ignoring case, each outage clipped to the period and an open one running up to
    /// <paramref name="now"/>, overlaps counted once. Outages starting together name their service in the order given.
    /// </summary>
    public static IReadOnlyList<ServiceDowntime> ByService(
        IEnumerable<(string Service, DateTimeOffset StartedAt, DateTimeOffset? EndedAt)> outages, DateTimeOffset start, DateTimeOffset end, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(outages);
        var periodSeconds = (end - start).Ticks / TimeSpan.TicksPerSecond;
        return [.. outages
            .Select(outage => (outage.Service, outage.StartedAt, Start: Max(outage.StartedAt, start), End: Min(outage.EndedAt ?? now, end)))
            .Where(span => span.End > span.Start)
            .GroupBy(span => span.Service.Trim(), StringComparer.OrdinalIgnoreCase)
            .Select(service =>
            {
                var down = Seconds(service.Select(span => (span.Start, span.End)));
                return new ServiceDowntime(service.OrderBy(span => span.StartedAt).First().Service.Trim(), down, AvailabilityPercent(down, periodSeconds));
            })
            .OrderBy(service => service.Service, StringComparer.OrdinalIgnoreCase)
            .ThenBy(service => service.Service, StringComparer.Ordinal)];
    }

    /// <summary>
    /// The percentage of the period the service was up, cut (not rounded) to 2 decimals: the figure never shows more
    /// availability than was delivered, so 100.00 means no outage at all and 99.499… is below a 99.5 band.
    /// </summary>
    public static decimal AvailabilityPercent(long downSeconds, long periodSeconds)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(periodSeconds);
        var up = Math.Clamp(periodSeconds - downSeconds, 0, periodSeconds);
        return up * 10_000 / periodSeconds * 0.01m;
    }

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;
}
