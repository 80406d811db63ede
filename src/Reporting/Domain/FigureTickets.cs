using Infogerance.IntegrationEvents;
using Infogerance.Validation;

namespace Infogerance.Reporting.Domain;

/// <summary>The figures of a scorecard whose tickets can be listed, and the events each figure is computed from.</summary>
public static class Figures
{
    public const string Opened = "opened";
    public const string Resolved = "resolved";
    public const string Backlog = "backlog";
    public const string Breaches = "breaches";
    public const string Sla = "sla";
    public const string Satisfaction = "satisfaction";

    /// <summary>The figures a drill-down lists the tickets of.</summary>
    public static readonly IReadOnlyList<string> WithTickets = [Opened, Resolved, Backlog, Breaches, Sla, Satisfaction];

    /// <summary>Every figure of the scorecard with the events (their wire names) it is computed from.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<Type>> Sources { get; } = new Dictionary<string, IReadOnlyList<Type>>
    {
        [Opened] = [typeof(TicketOpened)],
        [Resolved] = [typeof(TicketOpened), typeof(TicketStatusChanged)],
        [Backlog] = [typeof(TicketOpened), typeof(TicketStatusChanged)],
        [Breaches] = [typeof(SlaBreached), typeof(ContractVersionActivated)],
        [Sla] = [typeof(SlaClockCompleted), typeof(ContractVersionActivated)],
        ["times"] = [typeof(SlaClockCompleted)],
        ["volumes"] = [typeof(TicketOpened), typeof(TicketStatusChanged)],
        [Satisfaction] = [typeof(TicketRated), typeof(TicketOpened), typeof(TicketStatusChanged)],
        ["availability"] = [typeof(ServiceOutageRecorded), typeof(ContractVersionActivated)],
        ["penalties"] = [typeof(PenaltyStatementIssued)],
        ["invoicing"] = [typeof(InvoiceReceived), typeof(InvoiceControlled), typeof(InvoiceApproved)],
        ["budget"] = [typeof(BudgetPlanned), typeof(InvoiceReceived), typeof(InvoiceApproved)],
        ["evolutions"] = [typeof(EvolutionRequestStateChanged)],
    };
}

/// <summary>Whether a completed clock met its target.</summary>
public static class Outcomes
{
    public const string Met = "met";
    public const string Missed = "missed";
    public static readonly IReadOnlyList<string> All = [Met, Missed];
}

/// <summary>Which tickets of a month's figure to list: the figure, optionally narrowed to a priority, clock, outcome or kind.</summary>
public sealed record DrillDown(string Figure, string? Priority = null, string? Clock = null, string? Outcome = null, string? Kind = null);

/// <summary>
/// A ticket behind a figure, with what the figure counted of it: its clock's completion or breach, its rating, its age
/// at the month's end (backlog).
/// </summary>
public sealed record FigureTicket(
    Guid TicketId, long? Number, string? Kind, string Priority, DateTimeOffset? OpenedAt = null, DateTimeOffset? ResolvedAt = null, long? AgeSeconds = null,
    string? Clock = null, bool? Met = null, long? BusinessSecondsUsed = null, long? TargetBusinessSeconds = null, DateTimeOffset? DueAt = null,
    DateTimeOffset? CompletedAt = null, int? Score = null, DateTimeOffset? RatedAt = null);

/// <summary>The tickets behind a figure of the scorecard, selected by the very rules that count them (pure).</summary>
public static class FigureTickets
{
    /// <summary>What is wrong with a drill-down, each query parameter named; empty when it is sound.</summary>
    public static FieldErrors Check(DrillDown query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var errors = new FieldErrors();
        if (!Figures.WithTickets.Contains(query.Figure))
        {
            errors.Add("figure", ReportingMessages.FigureUnknown(Figures.WithTickets));
        }

        if (query.Priority is not null && !Scorecards.Priorities.Contains(query.Priority))
        {
            errors.Add("priority", ReportingMessages.PriorityUnknown);
        }

        if (query.Clock is not null && (!SlaClocks.All.Contains(query.Clock) || query.Figure is not (Figures.Sla or Figures.Breaches)))
        {
            errors.Add("clock", ReportingMessages.ClockUnknown);
        }

        if (query.Outcome is not null && (!Outcomes.All.Contains(query.Outcome) || query.Figure != Figures.Sla))
        {
            errors.Add("outcome", ReportingMessages.OutcomeUnknown);
        }

        if (query.Kind is not null && !Scorecards.Kinds.Contains(query.Kind))
        {
            errors.Add("kind", ReportingMessages.KindUnknown);
        }

        return errors;
    }

    /// <summary>The figure's tickets by number (a ticket listed for both its clocks twice, side by side).</summary>
    public static IReadOnlyList<FigureTicket> Of(ScorecardInput input, DrillDown query)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(query);
        var asOf = input.Period.AsOf;
        IEnumerable<FigureTicket> tickets = query.Figure switch
        {
            Figures.Opened => Scorecards.Opened(input).Select(t => Ticket(t)),
            Figures.Resolved => Scorecards.Resolved(input).Select(t => Ticket(t)),
            Figures.Backlog => Scorecards.Backlog(input).Select(t => Ticket(t) with { AgeSeconds = Math.Max(0, (long)(asOf - t.OpenedAt).TotalSeconds) }),
            Figures.Satisfaction => Scorecards.Rated(input).Select(t => Ticket(t)),
            Figures.Breaches => Scorecards.Breached(input)
                .Where(b => query.Clock is null || b.Clock == query.Clock)
                .Select(b => new FigureTicket(b.TicketId, b.Number, b.Kind, b.Priority, Clock: b.Clock, DueAt: b.DueAt)),
            Figures.Sla => Scorecards.Completed(input)
                .Where(c => (query.Clock is null || c.Clock == query.Clock) && (query.Outcome is null || c.Met == (query.Outcome == Outcomes.Met)))
                .Select(c => new FigureTicket(
                    c.TicketId, c.Number, c.Kind, c.Priority, Clock: c.Clock, Met: c.Met, BusinessSecondsUsed: c.BusinessSecondsUsed,
                    TargetBusinessSeconds: c.TargetBusinessSeconds, DueAt: c.DueAt, CompletedAt: c.CompletedAt)),
            _ => [],
        };
        return [.. tickets
            .Where(t => (query.Priority is null || t.Priority == query.Priority) && (query.Kind is null || t.Kind == query.Kind))
            .OrderBy(t => t.Number ?? long.MaxValue).ThenBy(t => t.TicketId).ThenBy(t => t.Clock, StringComparer.Ordinal)];
    }

    private static FigureTicket Ticket(TicketFact ticket) => new(
        ticket.TicketId, ticket.Number, ticket.Kind, ticket.Priority, ticket.OpenedAt, ticket.ResolvedAt, Score: ticket.Score, RatedAt: ticket.RatedAt);
}
