using Infogerance.Data;
using Infogerance.Validation;

namespace Infogerance.Incidents.Domain;

public static class TicketKinds
{
    public const string Incident = "incident";
    public const string Request = "request";
    public static readonly IReadOnlyList<string> All = [Incident, Request];
}

public static class Statuses
{
    public const string New = "new";
    public const string Assigned = "assigned";
    public const string InProgress = "inProgress";
    public const string PendingClient = "pendingClient";
    public const string Resolved = "resolved";
    public const string Closed = "closed";
    public static readonly IReadOnlyList<string> All = [New, Assigned, InProgress, PendingClient, Resolved, Closed];

    /// <summary>Resolved and closed tickets leave the desk's queue.</summary>
    public static bool IsOpen(string status) => status is not (Resolved or Closed);
}

/// <summary>Whose side a ticket pending on the client waits on: the client itself, or a third party it answers for.</summary>
public static class PendingSides
{
    public const string Client = "client";
    public const string ThirdParty = "thirdParty";
    public static readonly IReadOnlyList<string> All = [Client, ThirdParty];
}

/// <summary>The ITIL matrix: impact × urgency gives the priority.</summary>
public static class PriorityMatrix
{
    public const string High = "high";
    public const string Medium = "medium";
    public const string Low = "low";
    public static readonly IReadOnlyList<string> Levels = [High, Medium, Low];
    public static readonly IReadOnlyList<string> Priorities = ["P1", "P2", "P3", "P4"];

    public static string PriorityOf(string impact, string urgency) => (Rank(impact) + Rank(urgency)) switch
    {
        0 => "P1",
        1 => "P2",
        2 => "P3",
        _ => "P4",
    };

    private static int Rank(string level) => level switch
    {
        High => 0,
        Medium => 1,
        Low => 2,
        _ => throw new ArgumentOutOfRangeException(nameof(level), level, "Impact and urgency are high, medium or low."),
    };
}

/// <summary>
/// Which status changes each side may make. The desk works the ticket (takes it, waits on the client, resolves it);
/// the client answers a wait, confirms a resolution (closed) or reopens within the window.
/// </summary>
public static class TicketWorkflow
{
    /// <summary>Why the change is refused (a conflict with the ticket's state), or null when it is allowed.</summary>
    public static Message? Refusal(string from, string to, string side, DateTimeOffset? resolvedAt, DateTimeOffset now, TimeSpan reopenWindow)
    {
        if (from == to)
        {
            return TicketMessages.AlreadyIn(to);
        }

        if (from == Statuses.Closed && to != Statuses.InProgress)
        {
            return TicketMessages.ClosedOnlyReopened;
        }

        if (to == Statuses.InProgress && from is Statuses.Resolved or Statuses.Closed)
        {
            return resolvedAt is { } resolved && now - resolved > reopenWindow ? TicketMessages.ReopenTooLate(reopenWindow) : null;
        }

        return (from, to) switch
        {
            (Statuses.New or Statuses.Assigned or Statuses.PendingClient, Statuses.InProgress) => null,
            (Statuses.New or Statuses.Assigned or Statuses.InProgress, Statuses.PendingClient) => null,
            (Statuses.New or Statuses.Assigned or Statuses.InProgress or Statuses.PendingClient, Statuses.Resolved) => null,
            (Statuses.Resolved, Statuses.Closed) => null,
            (_, Statuses.New) => TicketMessages.NeverBackToNew,
            (_, Statuses.Assigned) => TicketMessages.AssignInstead,
            _ => TicketMessages.Transition(from, to),
        };
    }

    /// <summary>Whether <paramref name="side"/> may make the change at all (403 otherwise).</summary>
    public static bool MayChange(string from, string to, string side) => side switch
    {
        Sides.Provider => to is Statuses.InProgress or Statuses.PendingClient or Statuses.Resolved
            && from is not (Statuses.Resolved or Statuses.Closed),
        Sides.Client => to is Statuses.Closed or Statuses.InProgress
            && (to == Statuses.Closed || from is Statuses.Resolved or Statuses.Closed or Statuses.PendingClient),
        _ => false,
    };
}
