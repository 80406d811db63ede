using Infogerance.IntegrationEvents;
using Landing = Infogerance.ServiceLevels.BusinessCalendar.Landing;

namespace Infogerance.ServiceLevels;

/// <summary>A warning of an SLA clock: <see cref="Percent"/> of the target is used at <see cref="At"/>.</summary>
public readonly record struct SlaWarning(int Percent, DateTimeOffset At);

/// <summary>
/// One SLA clock computed by <see cref="SlaClock.Compute"/>. Instants are in UTC, whole seconds.
/// </summary>
/// <param name="DueAt">When the target is used up, pauses included: the breach instant (a clock breaches when it is
/// still running after it). Always an open instant or a closing time of the calendar (see <see cref="SlaClock"/>).</param>
/// <param name="TargetBusinessSeconds">The target in business seconds: minutes × 60, hours × 3600, or for business
/// days the opening time between the (effective) start and the due time the target gives without pauses.</param>
/// <param name="PausedBusinessSeconds">Opening time covered by the pauses (merged when they overlap; only what lies
/// after the start and, for a stopped clock, before the stop).</param>
/// <param name="Warnings">One per threshold, in the order given.</param>
/// <param name="EvaluatedAt">The stop, else the "now" given, else null.</param>
/// <param name="ElapsedBusinessSeconds">Opening time used by the clock (pauses excluded) at <see cref="EvaluatedAt"/>; 0 without it.</param>
/// <param name="Breached">Whether <see cref="EvaluatedAt"/> is after <see cref="DueAt"/>; false without it.</param>
public sealed record SlaClockResult(
    DateTimeOffset DueAt,
    long TargetBusinessSeconds,
    long PausedBusinessSeconds,
    IReadOnlyList<SlaWarning> Warnings,
    DateTimeOffset? EvaluatedAt,
    long ElapsedBusinessSeconds,
    bool Breached);

/// <summary>
/// The SLA clock of a ticket (response or resolution), computed from scratch from its facts: a pure function, so
/// that a recomputation after any change (pause, reopen, priority change, new "now") gives the same answer as a
/// scheduler that never stopped.
/// </summary>
/// <remarks>
/// <para><b>Start.</b> A clock counts opening time only, so a start outside opening time counts from the next opening.</para>
/// <para><b>Minutes and hours</b> are business time: the due time is the earliest instant at which that much
/// opening time (pauses excluded) has passed; a count that ends exactly at a closing time is due at that closing
/// time (12:00), not at the next opening (13:00).</para>
/// <para><b>Business days</b> keep the local time of day of the (effective) start on the N-th business day after
/// its day: Friday 08:46 + 5 business days is the next Friday 08:46 when all those days are open. When the
/// service is not open at that time on the due day, the due time is the day's next opening after it (before the
/// day opens, or during a lunch break), or the day's last closing time when nothing is open after it that day. With
/// "end of working day" it is the last closing time of the N-th business day. See
/// <see cref="BusinessCalendar.AddBusinessDays"/>.</para>
/// <para><b>Pauses</b> (the resolution clock while pending client; for a reopen, the resolved period) are given as
/// instants and push the due time by the opening time they cover before it: the clock simply does not count while
/// paused. Overlapping pauses count once; the parts before the start or after the stop are ignored; a pause that
/// starts after the due time changes nothing. A pause still running is passed with its end = now: the due time is
/// then the one as of now, and moves on while the pause lasts.</para>
/// <para><b>Warnings</b> fire when the clock has used p % of the target's business seconds (rounded down to the
/// second): for business days, p % of <see cref="SlaClockResult.TargetBusinessSeconds"/>, the opening time between
/// start and the unpaused due time. The breach is at 100 %, at <see cref="SlaClockResult.DueAt"/>.</para>
/// <para><b>Priority change</b>: call again with the new target and the same start and pauses (time spent is kept,
/// the goal is re-read). <b>Reopen</b>: the same start, the resolved period added as a pause, no stop.</para>
/// <para>Instants are truncated to whole seconds.</para>
/// </remarks>
public static class SlaClock
{
    public const string Minutes = "minutes";
    public const string Hours = "hours";
    public const string BusinessDays = "businessDays";

    /// <summary>Up to this many pauses are normalised on the stack (no allocation).</summary>
    private const int StackPauses = 16;

    /// <summary>Computes a clock. <paramref name="now"/> is used to evaluate a clock that is not stopped.</summary>
    /// <exception cref="ArgumentException">The target's unit is unknown or its value not positive, "end of working day"
    /// is set on a target that is not in business days, a threshold is outside 1–99, or a pause ends before it starts.</exception>
    public static SlaClockResult Compute(
        BusinessCalendar calendar,
        SlaDuration target,
        DateTimeOffset startedAt,
        IReadOnlyList<(DateTimeOffset From, DateTimeOffset To)> pauses,
        DateTimeOffset? stoppedAt,
        IReadOnlyList<int> warningThresholds,
        DateTimeOffset? now = null)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(pauses);
        ArgumentNullException.ThrowIfNull(warningThresholds);
        foreach (var threshold in warningThresholds)
        {
            if (threshold is < 1 or > 99)
            {
                throw new ArgumentOutOfRangeException(nameof(warningThresholds), threshold, "Warning thresholds are percentages from 1 to 99.");
            }
        }

        var start = BusinessCalendar.Seconds(startedAt);
        long? stop = stoppedAt is { } s ? BusinessCalendar.Seconds(s) : null;
        Span<(long From, long To)> buffer = pauses.Count <= StackPauses ? stackalloc (long, long)[StackPauses] : new (long, long)[pauses.Count];
        var clock = new Clock(calendar, start, Normalise(pauses, start, stop ?? long.MaxValue, buffer));

        var (targetSeconds, landing) = TargetOf(calendar, target, start);
        var due = clock.Reach(targetSeconds, landing);

        var warnings = new SlaWarning[warningThresholds.Count];
        for (var i = 0; i < warnings.Length; i++)
        {
            var percent = warningThresholds[i];
            warnings[i] = new SlaWarning(percent, ToDateTimeOffset(clock.Reach(targetSeconds * percent / 100, Landing.Earliest)));
        }

        var evaluatedAt = stoppedAt ?? now;
        long elapsed = 0;
        var breached = false;
        if (evaluatedAt is { } at)
        {
            var e = BusinessCalendar.Seconds(at);
            elapsed = calendar.OpenSecondsBetween(start, e) - clock.PausedBetween(start, e);
            breached = e > due;
        }

        return new SlaClockResult(
            ToDateTimeOffset(due),
            targetSeconds,
            clock.PausedBetween(start, long.MaxValue),
            warnings,
            evaluatedAt is { } when ? ToDateTimeOffset(BusinessCalendar.Seconds(when)) : null,
            elapsed,
            breached);
    }

    /// <summary>
    /// Only the due time (the breach instant), as <see cref="Compute"/> gives it for a running clock; allocation-free
    /// for up to 16 pauses, for scans over many open tickets.
    /// </summary>
    public static DateTimeOffset DueAt(
        BusinessCalendar calendar,
        SlaDuration target,
        DateTimeOffset startedAt,
        IReadOnlyList<(DateTimeOffset From, DateTimeOffset To)> pauses)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(pauses);
        var start = BusinessCalendar.Seconds(startedAt);
        Span<(long From, long To)> buffer = pauses.Count <= StackPauses ? stackalloc (long, long)[StackPauses] : new (long, long)[pauses.Count];
        var clock = new Clock(calendar, start, Normalise(pauses, start, long.MaxValue, buffer));
        var (targetSeconds, landing) = TargetOf(calendar, target, start);
        return ToDateTimeOffset(clock.Reach(targetSeconds, landing));
    }

    private static (long Seconds, Landing Landing) TargetOf(BusinessCalendar calendar, SlaDuration target, long start)
    {
        if (target.Value <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(target), target.Value, "The SLA target must be greater than zero.");
        }

        if (target.EndOfWorkingDay && target.Unit != BusinessDays)
        {
            throw new ArgumentException("\"End of working day\" applies only to a target in business days.", nameof(target));
        }

        switch (target.Unit)
        {
            case Minutes:
                return (target.Value * 60L, Landing.Earliest);
            case Hours:
                return (target.Value * 3600L, Landing.Earliest);
            case BusinessDays:
                // Converted into the opening time it spans, with how it lands: a due time clamped to an opening
                // must stay on that opening, not on the closing time before it that has the same running total.
                var (at, landing) = calendar.AddBusinessDays(start, target.Value, target.EndOfWorkingDay);
                return (calendar.OpenSecondsBetween(start, at), landing);
            default:
                throw new ArgumentException($"Unknown SLA unit '{target.Unit}'; units are {Minutes}, {Hours} and {BusinessDays}.", nameof(target));
        }
    }

    /// <summary>Pauses clipped to [start, stop], empty ones dropped, sorted, overlapping or touching ones merged.</summary>
    private static ReadOnlySpan<(long From, long To)> Normalise(
        IReadOnlyList<(DateTimeOffset From, DateTimeOffset To)> pauses, long start, long stop, Span<(long From, long To)> buffer)
    {
        var count = 0;
        var sorted = true;
        for (var i = 0; i < pauses.Count; i++)
        {
            var (fromAt, toAt) = pauses[i];
            if (toAt < fromAt)
            {
                throw new ArgumentException($"Pause {i} ends ({toAt:O}) before it starts ({fromAt:O}).", nameof(pauses));
            }

            var from = Math.Max(BusinessCalendar.Seconds(fromAt), start);
            var to = Math.Min(BusinessCalendar.Seconds(toAt), stop);
            if (to > from)
            {
                sorted &= count == 0 || buffer[count - 1].From <= from;
                buffer[count++] = (from, to);
            }
        }

        var span = buffer[..count];
        if (!sorted)
        {
            span.Sort();
        }

        var merged = 0;
        for (var i = 0; i < count; i++)
        {
            if (merged > 0 && span[i].From <= span[merged - 1].To)
            {
                span[merged - 1].To = Math.Max(span[merged - 1].To, span[i].To);
            }
            else
            {
                span[merged++] = span[i];
            }
        }

        return span[..merged];
    }

    private static DateTimeOffset ToDateTimeOffset(long seconds) => DateTimeOffset.FromUnixTimeSeconds(seconds);

    /// <summary>A running clock: its start and its (normalised) pauses.</summary>
    private readonly ref struct Clock(BusinessCalendar calendar, long start, ReadOnlySpan<(long From, long To)> pauses)
    {
        private readonly ReadOnlySpan<(long From, long To)> _pauses = pauses;

        /// <summary>The instant at which the clock has counted <paramref name="seconds"/> of unpaused opening time.</summary>
        public long Reach(long seconds, Landing landing)
        {
            var cursor = start;
            var remaining = seconds;
            foreach (var (from, to) in _pauses)
            {
                var before = calendar.OpenSecondsBetween(cursor, from);
                if (remaining < before || (remaining == before && landing == Landing.Earliest))
                {
                    break;
                }

                remaining -= before;
                cursor = to;
            }

            return calendar.AddBusinessTime(cursor, remaining, landing);
        }

        /// <summary>Opening time covered by the pauses between two instants.</summary>
        public long PausedBetween(long from, long to)
        {
            long paused = 0;
            foreach (var pause in _pauses)
            {
                if (pause.From >= to)
                {
                    break;
                }

                paused += calendar.OpenSecondsBetween(Math.Max(pause.From, from), Math.Min(pause.To, to));
            }

            return paused;
        }
    }
}
