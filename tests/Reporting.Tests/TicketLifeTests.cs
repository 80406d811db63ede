using FsCheck;
using FsCheck.Fluent;
using Infogerance.Reporting.Domain;
using static Infogerance.Reporting.Tests.Months;

namespace Infogerance.Reporting.Tests;

/// <summary>A ticket's status, latest resolution and open periods from its status changes, whatever order they arrive in.</summary>
public class TicketLifeTests
{
    private static readonly DateTimeOffset Opened = At("2026-03-02T09:00:00Z");

    private static StateChange Change(string at, string from, string to, Guid? id = null) => new(id ?? Guid.CreateVersion7(), At(at), from, to);

    [Fact]
    public void A_ticket_without_change_is_new_and_open_since_its_opening()
    {
        var state = TicketLife.Of(Opened, []);

        Assert.Equal("new", state.Status);
        Assert.Null(state.ResolvedAt);
        Assert.Equal([new OpenPeriod(Opened, null)], state.OpenPeriods);
    }

    [Fact]
    public void A_resolution_ends_the_open_period_and_closing_keeps_the_resolution_time()
    {
        var state = TicketLife.Of(Opened,
        [
            Change("2026-03-02T09:10:00Z", "new", "assigned"),
            Change("2026-03-02T11:00:00Z", "assigned", "resolved"),
            Change("2026-03-05T11:00:00Z", "resolved", "closed"),
        ]);

        Assert.Equal("closed", state.Status);
        Assert.Equal(At("2026-03-02T11:00:00Z"), state.ResolvedAt);
        Assert.Equal([new OpenPeriod(Opened, At("2026-03-02T11:00:00Z"))], state.OpenPeriods);
    }

    [Fact]
    public void A_reopened_ticket_opens_a_second_period_and_its_resolution_is_the_latest()
    {
        var changes = new[]
        {
            Change("2026-03-02T11:00:00Z", "new", "resolved"),
            Change("2026-03-04T08:00:00Z", "resolved", "inProgress"),
        };
        var reopened = TicketLife.Of(Opened, changes);
        Assert.Equal("inProgress", reopened.Status);
        Assert.Null(reopened.ResolvedAt);
        Assert.Equal([new OpenPeriod(Opened, At("2026-03-02T11:00:00Z")), new OpenPeriod(At("2026-03-04T08:00:00Z"), null)], reopened.OpenPeriods);

        var resolvedAgain = TicketLife.Of(Opened, [.. changes, Change("2026-04-01T10:00:00Z", "inProgress", "resolved")]);
        Assert.Equal(At("2026-04-01T10:00:00Z"), resolvedAgain.ResolvedAt);
        Assert.Equal(At("2026-04-01T10:00:00Z"), resolvedAgain.OpenPeriods[^1].Until);
    }

    [Fact]
    public void Changes_made_within_one_second_follow_each_other_by_their_states()
    {
        // Assigned, taken and resolved within the same second: the events' ids are in the opposite order.
        var ids = Enumerable.Range(0, 3).Select(_ => Guid.CreateVersion7()).Order().Reverse().ToArray();
        var state = TicketLife.Of(Opened,
        [
            Change("2026-03-02T09:10:00Z", "inProgress", "resolved", ids[2]),
            Change("2026-03-02T09:10:00Z", "new", "assigned", ids[0]),
            Change("2026-03-02T09:10:00Z", "assigned", "inProgress", ids[1]),
        ]);

        Assert.Equal("resolved", state.Status);
        Assert.Equal(At("2026-03-02T09:10:00Z"), state.ResolvedAt);
    }

    [Fact]
    public void An_event_delivered_twice_counts_once_and_a_change_stamped_before_the_opening_ends_no_period_before_it()
    {
        var change = Change("2026-03-02T08:59:58Z", "new", "resolved");

        var state = TicketLife.Of(Opened, [change, change]);

        Assert.Equal([new OpenPeriod(Opened, Opened)], state.OpenPeriods);
        Assert.Equal(Opened, state.ResolvedAt);
    }

    [Fact]
    public void A_ticket_reopened_the_instant_it_was_resolved_stays_in_one_period()
    {
        // Resolved and reopened within one second: the period goes on.
        // Both stamped before the opening, both count at it: a second period would start where the first did, which the
        // periods' key refuses, and the event would never apply.
        var sameSecond = TicketLife.Of(Opened,
        [
            Change("2026-03-02T11:00:00Z", "new", "resolved"),
            Change("2026-03-02T11:00:00Z", "resolved", "inProgress"),
            Change("2026-03-02T12:00:00Z", "inProgress", "resolved"),
        ]);
        Assert.Equal([new OpenPeriod(Opened, At("2026-03-02T12:00:00Z"))], sameSecond.OpenPeriods);
        Assert.Equal(At("2026-03-02T12:00:00Z"), sameSecond.ResolvedAt);

        var beforeTheOpening = TicketLife.Of(Opened,
        [
            Change("2026-03-02T08:59:50Z", "new", "resolved"),
            Change("2026-03-02T08:59:55Z", "resolved", "inProgress"),
        ]);
        Assert.Equal([new OpenPeriod(Opened, null)], beforeTheOpening.OpenPeriods);
        Assert.Equal("inProgress", beforeTheOpening.Status);
        Assert.Null(beforeTheOpening.ResolvedAt);
    }

    [Fact]
    public void The_state_at_an_instant_is_the_latest_change_up_to_it()
    {
        var changes = new[] { Change("2026-03-02T10:00:00Z", "none", "specified"), Change("2026-03-09T10:00:00Z", "specified", "proposed") };

        Assert.Null(TicketLife.StateAt(changes, "none", At("2026-03-01T00:00:00Z")));
        Assert.Equal("specified", TicketLife.StateAt(changes, "none", At("2026-03-09T09:59:59Z")));
        Assert.Equal("proposed", TicketLife.StateAt(changes, "none", At("2026-03-09T10:00:00Z")));
    }

    /// <summary>
    /// Any arrival order of any life (reopens included, several changes in one second) gives the same state: what a replay
    /// rebuilds equals what the consumers built. No two of its periods start at the same instant (their key).
    /// </summary>
    [Fact]
    public void The_state_does_not_depend_on_the_order_the_changes_arrive_in()
    {
        var steps = new[] { "assigned", "inProgress", "pendingClient", "inProgress", "resolved", "inProgress", "resolved", "closed" };
        var life =
            from length in Gen.Choose(0, steps.Length)
            from seconds in Gen.Choose(0, 3).ArrayOf(length)
            from seed in Gen.Choose(0, int.MaxValue)
            select (Changes: Build(steps[..length], seconds), Seed: seed);

        Prop.ForAll(life.ToArbitrary(), sample =>
        {
            var random = new Random(sample.Seed);
            var shuffled = sample.Changes.OrderBy(_ => random.Next()).ToList();
            var inOrder = TicketLife.Of(Opened, sample.Changes);
            var anyOrder = TicketLife.Of(Opened, shuffled);
            return inOrder.Status == anyOrder.Status && inOrder.ResolvedAt == anyOrder.ResolvedAt
                && inOrder.OpenPeriods.SequenceEqual(anyOrder.OpenPeriods)
                && inOrder.OpenPeriods.DistinctBy(p => p.From).Count() == inOrder.OpenPeriods.Count;
        }).QuickCheckThrowOnFailure();
    }

    /// <summary>A life of consecutive steps, each 0 to 3 seconds after the previous (0: in the same second).</summary>
    private static List<StateChange> Build(string[] steps, int[] gaps)
    {
        var at = Opened;
        var from = "new";
        var changes = new List<StateChange>();
        for (var i = 0; i < steps.Length; i++)
        {
            at = at.AddSeconds(gaps[i]);
            changes.Add(new StateChange(Guid.NewGuid(), at, from, steps[i]));
            from = steps[i];
        }

        return changes;
    }
}
