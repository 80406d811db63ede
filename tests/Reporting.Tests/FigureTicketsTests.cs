using Infogerance.IntegrationEvents;
using Infogerance.Reporting.Domain;
using static Infogerance.Reporting.Tests.Months;

namespace Infogerance.Reporting.Tests;

/// <summary>The tickets behind each figure are those the figure counts.</summary>
public class FigureTicketsTests
{
    private static readonly DateTimeOffset Later = At("2026-06-15T12:00:00Z");

    private static readonly TicketFact Resolved = Ticket("2026-03-02T09:00:00+01:00", resolvedAt: "2026-03-02T12:00:00+01:00", priority: "P1");
    private static readonly TicketFact Waiting = Ticket("2026-03-20T09:00:00+01:00", kind: "request", openAtEnd: true);

    private static readonly ScorecardInput March = Input(Month(2026, 3), Later, Terms(),
        tickets: [Resolved, Waiting],
        clocks:
        [
            Clock("2026-03-02T12:00:00+01:00", met: true, priority: "P1", ticket: Resolved.TicketId),
            Clock("2026-03-02T09:30:00+01:00", met: false, priority: "P1", clock: SlaClocks.Respond, ticket: Resolved.TicketId),
        ],
        breaches: [Breach("2026-03-02T09:30:00+01:00", "P1", SlaClocks.Respond)]);

    [Fact]
    public void Each_figure_lists_the_tickets_it_counts()
    {
        var scorecard = Scorecards.Compute(March);

        Assert.Equal(scorecard.Opened, FigureTickets.Of(March, new DrillDown(Figures.Opened)).Count);
        Assert.Equal([Resolved.TicketId], FigureTickets.Of(March, new DrillDown(Figures.Resolved)).Select(t => t.TicketId));
        var backlog = Assert.Single(FigureTickets.Of(March, new DrillDown(Figures.Backlog)));
        Assert.Equal((Waiting.TicketId, (long)(Month(2026, 3).End.AddSeconds(-1) - Waiting.OpenedAt).TotalSeconds), (backlog.TicketId, backlog.AgeSeconds));
        Assert.Equal(scorecard.Breaches, FigureTickets.Of(March, new DrillDown(Figures.Breaches)).Count);
        Assert.Empty(FigureTickets.Of(March, new DrillDown(Figures.Opened, Kind: "request", Priority: "P1")));
    }

    [Fact]
    public void The_tickets_behind_a_rate_are_its_completed_clocks_met_or_missed()
    {
        var respond = Scorecards.Compute(March).Sla.Single(r => r is { Priority: "P1", Clock: SlaClocks.Respond });

        var all = FigureTickets.Of(March, new DrillDown(Figures.Sla, "P1", SlaClocks.Respond));
        var missed = Assert.Single(FigureTickets.Of(March, new DrillDown(Figures.Sla, "P1", SlaClocks.Respond, Outcomes.Missed)));

        Assert.Equal(respond.Completed, all.Count);
        Assert.Empty(FigureTickets.Of(March, new DrillDown(Figures.Sla, "P1", SlaClocks.Respond, Outcomes.Met)));
        Assert.Equal((Resolved.TicketId, false, 3_600L), (missed.TicketId, missed.Met, missed.BusinessSecondsUsed));
        Assert.Equal(2, FigureTickets.Of(March, new DrillDown(Figures.Sla, "P1")).Count);
    }

    [Fact]
    public void A_drill_down_names_each_parameter_it_cannot_read()
    {
        var errors = FigureTickets.Check(new DrillDown("volumes", "P9", "respond", "late", "bug"));

        Assert.Equal(["clock", "figure", "kind", "outcome", "priority"], errors.Fields.Order());
        Assert.Equal(["clock"], FigureTickets.Check(new DrillDown(Figures.Opened, Clock: SlaClocks.Resolve)).Fields);
        Assert.Equal(["outcome"], FigureTickets.Check(new DrillDown(Figures.Breaches, Outcome: Outcomes.Met)).Fields);
        Assert.True(FigureTickets.Check(new DrillDown(Figures.Sla, "P2", SlaClocks.Resolve, Outcomes.Met, "request")).IsEmpty);
    }
}
