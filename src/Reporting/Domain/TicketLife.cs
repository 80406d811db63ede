namespace Infogerance.Reporting.Domain;

/// <summary>A move from one state to another (a ticket's status, an evolution request's state), as its event told it.</summary>
public sealed record StateChange(Guid EventId, DateTimeOffset At, string From, string To);

/// <summary>A span during which a ticket needed work; <see cref="Until"/> is null while it still does.</summary>
public sealed record OpenPeriod(DateTimeOffset From, DateTimeOffset? Until);

/// <summary>
/// A ticket as its status changes leave it: its status, its latest resolution while it is resolved or closed (a reopen
/// clears it), and the periods during which it was open.
/// </summary>
public sealed record TicketState(string Status, DateTimeOffset? ResolvedAt, IReadOnlyList<OpenPeriod> OpenPeriods);

/// <summary>
/// A ticket's life from its opening and its status changes, as the Incidents service defines it: statuses before
/// <c>resolved</c> need work (open), <c>resolved</c> and <c>closed</c> do not; a reopen (back to <c>inProgress</c>)
/// opens a new period. Events may arrive in any order and twice: the result depends only on the set of changes.
/// </summary>
public static class TicketLife
{
    public const string New = "new";
    public const string Resolved = "resolved";
    public const string Closed = "closed";

    /// <summary>Resolved and closed tickets leave the desk's queue; every other status needs work.</summary>
    public static bool IsOpen(string status) => status is not (Resolved or Closed);

    public static TicketState Of(DateTimeOffset openedAt, IEnumerable<StateChange> changes)
    {
        var status = New;
        DateTimeOffset? resolvedAt = null;
        var periods = new List<OpenPeriod>();
        DateTimeOffset? openSince = openedAt;
        foreach (var change in InOrder(changes, New))
        {
            // A change stamped before the opening (clocks of two machines) cannot end a period before it began.
            var at = change.At < openedAt ? openedAt : change.At;
            if (openSince is { } since && !IsOpen(change.To))
            {
                periods.Add(new OpenPeriod(since, at));
                openSince = null;
            }
            else if (openSince is null && IsOpen(change.To))
            {
                // Reopened the instant the last period ended (stamps are to the second, and a change stamped before the
                // opening counts at it): that period goes on. Two periods never start at the same instant.
                openSince = at;
                if (periods.Count > 0 && periods[^1].Until == at)
                {
                    openSince = periods[^1].From;
                    periods.RemoveAt(periods.Count - 1);
                }

                resolvedAt = null;
            }

            if (change.To == Resolved || (resolvedAt is null && !IsOpen(change.To)))
            {
                resolvedAt = at;
            }

            status = change.To;
        }

        if (openSince is { } stillOpen)
        {
            periods.Add(new OpenPeriod(stillOpen, null));
            resolvedAt = null;
        }

        return new TicketState(status, resolvedAt, periods);
    }

    /// <summary>
    /// The changes in the order they happened: by instant, and within one instant (changes are kept to the second, and
    /// one request can make two) each next one leaving the state the previous one reached; the event id decides what
    /// nothing else does. Duplicates (one event delivered twice) count once.
    /// </summary>
    public static IReadOnlyList<StateChange> InOrder(IEnumerable<StateChange> changes, string initial)
    {
        ArgumentNullException.ThrowIfNull(changes);
        var ordered = new List<StateChange>();
        var state = initial;
        foreach (var instant in changes.DistinctBy(change => change.EventId).GroupBy(change => change.At).OrderBy(group => group.Key))
        {
            var pending = instant.OrderBy(change => change.EventId).ToList();
            while (pending.Count > 0)
            {
                var next = pending.FirstOrDefault(change => change.From == state) ?? pending[0];
                pending.Remove(next);
                ordered.Add(next);
                state = next.To;
            }
        }

        return ordered;
    }

    /// <summary>The state reached at <paramref name="at"/> (included) by changes starting from <paramref name="initial"/>; null before the first.</summary>
    public static string? StateAt(IEnumerable<StateChange> changes, string initial, DateTimeOffset at) =>
        InOrder(changes, initial).LastOrDefault(change => change.At <= at)?.To;
}
