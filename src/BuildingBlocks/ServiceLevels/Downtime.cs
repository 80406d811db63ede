namespace Infogerance.ServiceLevels;

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
    /// The percentage of the period the service was up, cut (not rounded) to 2 decimals: the figure never shows more
    /// availability than was delivered, so 100.00 means no outage at all and 99.499… is below a 99.5 band.
    /// </summary>
    public static decimal AvailabilityPercent(long downSeconds, long periodSeconds)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(periodSeconds);
        var up = Math.Clamp(periodSeconds - downSeconds, 0, periodSeconds);
        return up * 10_000 / periodSeconds * 0.01m;
    }
}
