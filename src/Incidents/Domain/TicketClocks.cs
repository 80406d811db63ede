using Infogerance.IntegrationEvents;
using Infogerance.ServiceLevels;

namespace Infogerance.Incidents.Domain;

/// <summary>A ticket's facts that drive its SLA clocks.</summary>
/// <param name="Pauses">Pending-client periods and, after a reopen, the resolved periods; a pause under way has no end.</param>
/// <param name="RespondedAt">The provider's first public reply or first status change.</param>
/// <param name="ResolvedAt">Set while the ticket is resolved or closed (a reopen clears it).</param>
public sealed record ClockFacts(
    DateTimeOffset CreatedAt,
    IReadOnlyList<(DateTimeOffset From, DateTimeOffset? To)> Pauses,
    DateTimeOffset? RespondedAt,
    DateTimeOffset? ResolvedAt);

/// <summary>What has already been raised for a clock.</summary>
public sealed record RaisedSoFar(IReadOnlyList<int> Warnings, bool Breached);

/// <summary>One clock as of <see cref="TicketClocks.Evaluate"/>'s "now".</summary>
/// <param name="Running">Not stopped (no response yet, or not resolved).</param>
/// <param name="Paused">Running but not counting (the ticket waits on the client): its due time moves on meanwhile.</param>
/// <param name="NextTimerAt">When the next warning or the breach not yet raised falls due; null when stopped or paused.</param>
/// <param name="WarningsReached">Thresholds reached but not yet raised (the scheduler raises only the highest).</param>
/// <param name="BreachReached">The clock is past due and its breach not yet raised.</param>
public sealed record ClockState(
    string Clock,
    SlaClockResult Result,
    bool Running,
    bool Paused,
    DateTimeOffset? NextTimerAt,
    IReadOnlyList<int> WarningsReached,
    bool BreachReached)
{
    public int PercentUsed => Result.TargetBusinessSeconds == 0
        ? 100
        : (int)Math.Min(int.MaxValue, Result.ElapsedBusinessSeconds * 100 / Result.TargetBusinessSeconds);
}

/// <summary>
/// The response and resolution clocks of a ticket from its facts (see <see cref="SlaClock"/> for the counting rules):
/// the response clock is never paused and stops at the first response; the resolution clock is paused while the
/// ticket waits on the client and stops at resolution, a reopen continuing it with the resolved period as a pause.
/// </summary>
public static class TicketClocks
{
    public static ClockState Evaluate(
        string clock, BusinessCalendar calendar, SlaPolicy policy, string priority, ClockFacts facts, RaisedSoFar raised, DateTimeOffset now)
    {
        var target = policy.Targets.Single(t => t.Priority == priority);
        var respond = clock == SlaClocks.Respond;
        var duration = respond ? target.Respond : target.Resolve;
        var stoppedAt = respond ? facts.RespondedAt : facts.ResolvedAt;
        var pauses = respond ? [] : facts.Pauses.Select(p => (p.From, p.To ?? Max(p.From, now))).ToList();
        var paused = !respond && stoppedAt is null && facts.Pauses.Any(p => p.To is null);

        var result = SlaClock.Compute(calendar, duration, facts.CreatedAt, pauses, stoppedAt, policy.WarningThresholds, now);
        if (stoppedAt is not null)
        {
            return new ClockState(clock, result, Running: false, paused, null, [], BreachReached: result.Breached && !raised.Breached);
        }

        var breachAt = result.DueAt.AddSeconds(1);
        var pending = result.Warnings.Where(w => !raised.Warnings.Contains(w.Percent) && !raised.Breached).ToList();
        var reached = pending.Where(w => w.At <= now).Select(w => w.Percent).ToList();
        var breachReached = !raised.Breached && now >= breachAt;
        DateTimeOffset? next = null;
        if (!paused)
        {
            foreach (var warning in pending.Where(w => w.At > now))
            {
                next = Min(next, warning.At);
            }

            if (!raised.Breached)
            {
                next = Min(next, breachAt);
            }
        }

        return new ClockState(clock, result, Running: true, paused, next, reached, breachReached);
    }

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

    private static DateTimeOffset Min(DateTimeOffset? a, DateTimeOffset b) => a is { } x && x < b ? x : b;
}
