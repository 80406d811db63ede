using Infogerance.Data;
using Infogerance.Incidents.Domain;
using Infogerance.IntegrationEvents;
using static Infogerance.BuildingBlocks.Tests.ServiceLevels.Calendars;

namespace Infogerance.Incidents.Tests;

public sealed class PriorityMatrixTests
{
    [Theory]
    [InlineData("high", "high", "P1")]
    [InlineData("high", "medium", "P2")]
    [InlineData("medium", "high", "P2")]
    [InlineData("high", "low", "P3")]
    [InlineData("medium", "medium", "P3")]
    [InlineData("low", "high", "P3")]
    [InlineData("medium", "low", "P4")]
    [InlineData("low", "medium", "P4")]
    [InlineData("low", "low", "P4")]
    public void Impact_and_urgency_give_the_ITIL_priority(string impact, string urgency, string priority) =>
        Assert.Equal(priority, PriorityMatrix.PriorityOf(impact, urgency));

    [Fact]
    public void An_unknown_level_is_refused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => PriorityMatrix.PriorityOf("critical", "high"));
}

public sealed class TicketWorkflowTests
{
    private static readonly DateTimeOffset Now = D("2026-11-20T10:00:00+01:00");
    private static readonly TimeSpan Window = TimeSpan.FromDays(14);

    [Theory]
    [InlineData("new", "inProgress")]
    [InlineData("assigned", "inProgress")]
    [InlineData("inProgress", "pendingClient")]
    [InlineData("pendingClient", "inProgress")]
    [InlineData("new", "resolved")]
    [InlineData("pendingClient", "resolved")]
    public void The_desk_works_the_ticket(string from, string to)
    {
        Assert.True(TicketWorkflow.MayChange(from, to, Sides.Provider));
        Assert.Null(TicketWorkflow.Refusal(from, to, Sides.Provider, null, Now, Window));
    }

    [Theory]
    [InlineData("resolved", "closed")]
    [InlineData("resolved", "inProgress")]
    [InlineData("closed", "inProgress")]
    [InlineData("pendingClient", "inProgress")]
    public void The_client_answers_confirms_or_reopens(string from, string to)
    {
        Assert.True(TicketWorkflow.MayChange(from, to, Sides.Client));
        Assert.Null(TicketWorkflow.Refusal(from, to, Sides.Client, Now.AddDays(-1), Now, Window));
    }

    [Theory]
    [InlineData("inProgress", "resolved", "client")]
    [InlineData("inProgress", "pendingClient", "client")]
    [InlineData("resolved", "inProgress", "provider")]
    [InlineData("resolved", "closed", "provider")]
    [InlineData("new", "inProgress", "client")]
    public void Each_side_keeps_to_its_own_steps(string from, string to, string side) =>
        Assert.False(TicketWorkflow.MayChange(from, to, side));

    [Theory]
    [InlineData("inProgress", "inProgress")]
    [InlineData("inProgress", "new")]
    [InlineData("inProgress", "closed")]
    [InlineData("closed", "resolved")]
    [InlineData("resolved", "pendingClient")]
    public void Steps_out_of_order_are_refused(string from, string to) =>
        Assert.NotNull(TicketWorkflow.Refusal(from, to, Sides.Provider, Now.AddDays(-1), Now, Window));

    [Fact]
    public void A_reopen_is_allowed_within_the_window_only()
    {
        Assert.Null(TicketWorkflow.Refusal("resolved", "inProgress", Sides.Client, Now - Window, Now, Window));
        Assert.NotNull(TicketWorkflow.Refusal("resolved", "inProgress", Sides.Client, Now - Window - TimeSpan.FromSeconds(1), Now, Window));
        var late = TicketWorkflow.Refusal("closed", "inProgress", Sides.Client, Now.AddDays(-20), Now, Window);
        Assert.Equal("The ticket was resolved more than 14 days ago: open a new ticket.", late?.English);
        Assert.Equal("ticket.reopen.tooLate", late?.Code);
        Assert.Equal("14", late?.Parameters["days"]);
    }

    [Theory]
    [InlineData("inProgress", "inProgress", "ticket.status.already", "The ticket is already inProgress.", "Le ticket est déjà en cours.")]
    [InlineData("inProgress", "new", "ticket.status.backToNew", "A ticket never goes back to new.", "Un ticket ne redevient jamais nouveau.")]
    [InlineData("inProgress", "assigned", "ticket.status.assignInstead", "Assign the ticket to an agent or a team instead.", "Attribuez plutôt le ticket à un technicien ou à une équipe.")]
    [InlineData("closed", "resolved", "ticket.status.closedOnlyReopen", "The ticket is closed; it can only be reopened.", "Le ticket est fermé ; il ne peut qu'être rouvert.")]
    [InlineData("resolved", "pendingClient", "ticket.status.transition", "A ticket resolved cannot become pendingClient.", "Un ticket résolu ne peut pas devenir en attente du client.")]
    public void Each_refusal_says_why_with_its_code(string from, string to, string code, string english, string french)
    {
        var refusal = TicketWorkflow.Refusal(from, to, Sides.Provider, Now.AddDays(-1), Now, Window);

        Assert.Equal((code, english, french), (refusal?.Code, refusal?.English, refusal?.French));
    }
}

public sealed class TicketClocksTests
{
    private static readonly SlaPolicy Policy = new()
    {
        Targets =
        [
            new("P1", new(15, "minutes"), new(4, "hours")),
            new("P2", new(30, "minutes"), new(8, "hours")),
            new("P3", new(4, "hours"), new(3, "businessDays")),
            new("P4", new(1, "businessDays"), new(10, "businessDays", EndOfWorkingDay: true)),
        ],
        WarningThresholds = [50, 75],
    };

    private static readonly RaisedSoFar Nothing = new([], false);

    // Monday 23 November 2026, 09:00 in Paris (UTC+1); the office opens 08:00–18:00 on weekdays.
    private static readonly DateTimeOffset Opened = D("2026-11-23T09:00:00+01:00");

    private static ClockState Evaluate(string clock, string priority, ClockFacts facts, DateTimeOffset now, RaisedSoFar? raised = null) =>
        TicketClocks.Evaluate(clock, ParisOffice(), Policy, priority, facts, raised ?? Nothing, now);

    private static ClockFacts Facts(DateTimeOffset? respondedAt = null, DateTimeOffset? resolvedAt = null, params (DateTimeOffset From, DateTimeOffset? To)[] pauses) =>
        new(Opened, pauses, respondedAt, resolvedAt);

    [Fact]
    public void A_new_ticket_runs_both_clocks_and_schedules_its_first_warning()
    {
        var respond = Evaluate(SlaClocks.Respond, "P2", Facts(), Opened);
        Assert.True(respond.Running);
        Assert.Equal(D("2026-11-23T09:30:00+01:00"), respond.Result.DueAt);
        Assert.Equal(D("2026-11-23T09:15:00+01:00"), respond.NextTimerAt);
        Assert.Empty(respond.WarningsReached);
        Assert.False(respond.BreachReached);
        Assert.Equal(D("2026-11-23T17:00:00+01:00"), Evaluate(SlaClocks.Resolve, "P2", Facts(), Opened).Result.DueAt);
    }

    [Fact]
    public void The_next_timer_moves_from_warning_to_warning_then_to_the_breach()
    {
        var afterFirst = Evaluate(SlaClocks.Respond, "P2", Facts(), D("2026-11-23T09:15:00+01:00"), new([50], false));
        Assert.Equal(D("2026-11-23T09:22:30+01:00"), afterFirst.NextTimerAt);
        var afterBoth = Evaluate(SlaClocks.Respond, "P2", Facts(), D("2026-11-23T09:22:30+01:00"), new([50, 75], false));
        Assert.Equal(D("2026-11-23T09:30:01+01:00"), afterBoth.NextTimerAt);
        var breached = Evaluate(SlaClocks.Respond, "P2", Facts(), D("2026-11-23T09:30:01+01:00"), new([50, 75], false));
        Assert.True(breached.BreachReached);
        Assert.Null(Evaluate(SlaClocks.Respond, "P2", Facts(), D("2026-11-23T09:31:00+01:00"), new([50, 75], true)).NextTimerAt);
    }

    [Fact]
    public void After_downtime_every_threshold_passed_is_reported_and_the_breach_too()
    {
        var late = Evaluate(SlaClocks.Respond, "P2", Facts(), D("2026-11-23T11:00:00+01:00"));
        Assert.Equal([50, 75], late.WarningsReached);
        Assert.True(late.BreachReached);
    }

    [Fact]
    public void The_response_stops_the_response_clock_only()
    {
        var facts = Facts(respondedAt: D("2026-11-23T09:10:00+01:00"));
        var respond = Evaluate(SlaClocks.Respond, "P2", facts, D("2026-11-23T12:00:00+01:00"));
        Assert.False(respond.Running);
        Assert.False(respond.Result.Breached);
        Assert.Equal(600, respond.Result.ElapsedBusinessSeconds);
        Assert.Null(respond.NextTimerAt);
        Assert.True(Evaluate(SlaClocks.Resolve, "P2", facts, D("2026-11-23T12:00:00+01:00")).Running);
    }

    [Fact]
    public void A_late_response_is_a_breach_reported_once_at_the_stop()
    {
        var facts = Facts(respondedAt: D("2026-11-23T10:00:00+01:00"));
        Assert.True(Evaluate(SlaClocks.Respond, "P2", facts, D("2026-11-23T10:00:00+01:00")).BreachReached);
        Assert.False(Evaluate(SlaClocks.Respond, "P2", facts, D("2026-11-23T10:00:00+01:00"), new([50, 75], true)).BreachReached);
    }

    [Fact]
    public void Waiting_on_the_client_pauses_the_resolution_clock_and_pushes_its_due_time()
    {
        // Pending client from 10:00 to 14:00 on Monday: 4 hours of opening time do not count.
        var pause = (D("2026-11-23T10:00:00+01:00"), (DateTimeOffset?)D("2026-11-23T14:00:00+01:00"));
        var resolve = Evaluate(SlaClocks.Resolve, "P2", Facts(null, null, pause), D("2026-11-23T15:00:00+01:00"));
        Assert.Equal(D("2026-11-24T11:00:00+01:00"), resolve.Result.DueAt);
        Assert.Equal(4 * 3600, resolve.Result.PausedBusinessSeconds);
        // The response clock never pauses.
        Assert.Equal(D("2026-11-23T09:30:00+01:00"), Evaluate(SlaClocks.Respond, "P2", Facts(null, null, pause), Opened).Result.DueAt);
    }

    [Fact]
    public void A_pause_under_way_schedules_nothing_and_moves_the_due_time_with_now()
    {
        var pause = (D("2026-11-23T10:00:00+01:00"), (DateTimeOffset?)null);
        var earlier = Evaluate(SlaClocks.Resolve, "P2", Facts(null, null, pause), D("2026-11-23T10:30:00+01:00"));
        var later = Evaluate(SlaClocks.Resolve, "P2", Facts(null, null, pause), D("2026-11-23T11:00:00+01:00"));
        Assert.True(earlier.Paused);
        Assert.Null(earlier.NextTimerAt);
        Assert.Equal(D("2026-11-23T17:30:00+01:00"), earlier.Result.DueAt);
        Assert.Equal(D("2026-11-23T18:00:00+01:00"), later.Result.DueAt);
    }

    [Fact]
    public void A_pause_across_the_weekend_counts_only_its_opening_time()
    {
        // Pending from Friday 27 November 17:00 to Monday 30 November 09:00: two opening hours (Fri 17–18, Mon 08–09).
        var opened = D("2026-11-27T16:00:00+01:00");
        var facts = new ClockFacts(opened, [(D("2026-11-27T17:00:00+01:00"), D("2026-11-30T09:00:00+01:00"))], null, null);
        var resolve = TicketClocks.Evaluate(SlaClocks.Resolve, ParisOffice(), Policy, "P1", facts, Nothing, D("2026-11-30T09:00:00+01:00"));
        Assert.Equal(7200, resolve.Result.PausedBusinessSeconds);
        // 4 hours: Friday 16–17 (1 h), then Monday from 08:00 but paused until 09:00, so 3 more hours from 09:00.
        Assert.Equal(D("2026-11-30T12:00:00+01:00"), resolve.Result.DueAt);
    }

    [Fact]
    public void A_reopen_continues_the_resolution_clock_with_the_resolved_period_as_a_pause()
    {
        var resolvedAt = D("2026-11-23T11:00:00+01:00");
        var done = Evaluate(SlaClocks.Resolve, "P2", Facts(null, resolvedAt), resolvedAt);
        Assert.False(done.Running);
        Assert.Equal(2 * 3600, done.Result.ElapsedBusinessSeconds);

        var reopenedAt = D("2026-11-24T09:00:00+01:00");
        var reopened = Evaluate(SlaClocks.Resolve, "P2", Facts(null, null, (resolvedAt, reopenedAt)), reopenedAt);
        Assert.True(reopened.Running);
        Assert.Equal(2 * 3600, reopened.Result.ElapsedBusinessSeconds);
        // 6 hours left from Tuesday 09:00.
        Assert.Equal(D("2026-11-24T15:00:00+01:00"), reopened.Result.DueAt);
    }

    [Fact]
    public void A_priority_change_keeps_the_time_spent_and_reads_the_new_goal()
    {
        var now = D("2026-11-23T11:00:00+01:00");
        var asP3 = Evaluate(SlaClocks.Resolve, "P3", Facts(), now);
        var asP1 = Evaluate(SlaClocks.Resolve, "P1", Facts(), now);
        Assert.Equal(asP3.Result.ElapsedBusinessSeconds, asP1.Result.ElapsedBusinessSeconds);
        Assert.Equal(D("2026-11-23T13:00:00+01:00"), asP1.Result.DueAt);
        Assert.Equal(50, asP1.PercentUsed);
        Assert.Equal([50], asP1.WarningsReached);
    }

    [Fact]
    public void Business_days_keep_the_time_of_day_or_end_the_working_day()
    {
        Assert.Equal(D("2026-11-26T09:00:00+01:00"), Evaluate(SlaClocks.Resolve, "P3", Facts(), Opened).Result.DueAt);
        // P4: 10 business days to the end of the working day, over no holiday: Monday 7 December 18:00.
        Assert.Equal(D("2026-12-07T18:00:00+01:00"), Evaluate(SlaClocks.Resolve, "P4", Facts(), Opened).Result.DueAt);
    }

    [Fact]
    public void A_ticket_opened_in_the_night_before_the_autumn_change_counts_from_the_opening()
    {
        // Saturday 24 October 2026 23:00 CEST; the clocks go back on Sunday 25 October; the office opens Monday 26 at 08:00 CET.
        var facts = new ClockFacts(D("2026-10-24T23:00:00+02:00"), [], null, null);
        var respond = TicketClocks.Evaluate(SlaClocks.Respond, ParisOffice(), Policy, "P1", facts, Nothing, D("2026-10-25T12:00:00+01:00"));
        Assert.Equal(D("2026-10-26T08:15:00+01:00"), respond.Result.DueAt);
        Assert.Equal(0, respond.Result.ElapsedBusinessSeconds);
    }
}
