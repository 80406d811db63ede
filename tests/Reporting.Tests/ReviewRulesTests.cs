using Infogerance.Reporting.Domain;
using NodaTime;
using static Infogerance.Reporting.Tests.Months;

namespace Infogerance.Reporting.Tests;

/// <summary>The rules of the periodic review: its periods, the approval of its minutes, the action plan's carry-over and overdue items.</summary>
public class ReviewRulesTests
{
    private static readonly Approval ClientApproval = new("Marc Dubois", Guid.NewGuid(), At("2026-04-10T10:00:00Z"));
    private static readonly Approval ProviderApproval = new("Antoine Garnier", Guid.NewGuid(), At("2026-04-10T11:00:00Z"));

    [Theory]
    [InlineData("2026-03", "monthly", "2026-03", "2026-03")]
    [InlineData("2026-Q1", "quarterly", "2026-01", "2026-03")]
    [InlineData("2026-Q4", "quarterly", "2026-10", "2026-12")]
    public void A_period_is_a_month_or_a_quarter(string text, string cadence, string first, string last)
    {
        Assert.True(ReviewPeriod.TryParse(text, out var period));
        Assert.Equal((text, cadence), (period.Text, period.Cadence));
        Assert.Equal(first, ServiceLevels.CalendarMonth.Format(period.First));
        Assert.Equal(last, ServiceLevels.CalendarMonth.Format(period.Last));
        Assert.Equal(cadence == Cadences.Monthly ? 1 : 3, period.Months.Count);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("2026-Q0")]
    [InlineData("2026-Q5")]
    [InlineData("2026-q1")]
    [InlineData("2026-13")]
    [InlineData("1989-Q4")]
    [InlineData("2026-03-01")]
    public void Anything_else_is_not_a_period(string? text) => Assert.False(ReviewPeriod.TryParse(text, out _));

    [Fact]
    public void The_first_side_s_approval_leaves_the_review_open_and_the_second_closes_it()
    {
        var (first, refusal) = ReviewRules.Approve(ReviewStatuses.Open, 3, 3, Approvals.None, ReviewSides.Provider, ProviderApproval);
        Assert.Null(refusal);
        Assert.False(first!.Closes);
        Assert.Equal([ReviewSides.Provider], first.Approvals.Sides);

        var (again, twice) = ReviewRules.Approve(ReviewStatuses.Open, 3, 3, first.Approvals, ReviewSides.Provider, ProviderApproval);
        Assert.Null(again);
        Assert.Equal(ReviewMessages.AlreadyApproved, twice);

        var (second, _) = ReviewRules.Approve(ReviewStatuses.Open, 3, 3, first.Approvals, ReviewSides.Client, ClientApproval);
        Assert.True(second!.Closes);
        Assert.True(second.Approvals.Complete);
    }

    [Fact]
    public void An_approval_of_minutes_that_changed_since_they_were_read_is_refused()
    {
        var (outcome, refusal) = ReviewRules.Approve(ReviewStatuses.Open, 3, 4, Approvals.None, ReviewSides.Client, ClientApproval);
        Assert.Null(outcome);
        Assert.Equal(ReviewMessages.Stale, refusal);
    }

    [Fact]
    public void A_closed_review_refuses_any_change_and_any_approval()
    {
        var both = new Approvals(ClientApproval, ProviderApproval);
        Assert.Equal(ReviewMessages.Closed, ReviewRules.RefuseChange(ReviewStatuses.Closed));
        Assert.Null(ReviewRules.RefuseChange(ReviewStatuses.Open));
        Assert.Equal(ReviewMessages.Closed, ReviewRules.Approve(ReviewStatuses.Closed, 5, 5, both, ReviewSides.Client, ClientApproval).Refusal);
    }

    [Fact]
    public void A_change_after_a_side_approved_withdraws_that_approval()
    {
        var approved = Approvals.None.With(ReviewSides.Client, ClientApproval);
        var change = ReviewRules.Change(approved);
        Assert.Equal([ReviewSides.Client], change.Withdrawn);
        Assert.Equal(Approvals.None, change.Approvals);
        Assert.Empty(ReviewRules.Change(Approvals.None).Withdrawn);
    }

    [Fact]
    public void The_open_review_waits_on_the_side_that_has_not_approved()
    {
        var header = new ReviewHeader(
            Guid.NewGuid(), Guid.NewGuid(), 1, "2026-03", Cadences.Monthly, At("2026-03-01T00:00:00+01:00"), At("2026-04-01T00:00:00+02:00"), null, null,
            ReviewStatuses.Open, 1, At("2026-04-02T09:00:00Z"), "Marc Dubois", ReviewSides.Client, Approvals.None, null);
        Assert.Null(header.AwaitingSide);
        Assert.Equal(ReviewSides.Client, (header with { Approvals = Approvals.None.With(ReviewSides.Provider, ProviderApproval) }).AwaitingSide);
        Assert.Equal(ReviewSides.Provider, (header with { Approvals = Approvals.None.With(ReviewSides.Client, ClientApproval) }).AwaitingSide);
    }

    [Theory]
    // The last day of March ends at midnight in Paris, 22:00 UTC in summer time: overdue from then on, not before.
    [InlineData("2026-03-31", "2026-03-31T21:59:59Z", "Europe/Paris", false)]
    [InlineData("2026-03-31", "2026-03-31T22:00:00Z", "Europe/Paris", true)]
    [InlineData("2026-03-31", "2026-03-31T22:00:00Z", "UTC", false)]
    [InlineData("2026-03-31", "2026-04-01T00:00:00Z", "UTC", true)]
    // The night clocks go forward (29 March 2026): the 28th ends at 23:00 UTC, still in winter time.
    [InlineData("2026-03-28", "2026-03-28T22:59:59Z", "Europe/Paris", false)]
    [InlineData("2026-03-28", "2026-03-28T23:00:00Z", "Europe/Paris", true)]
    // The day clocks go back (25 October 2026) lasts 25 hours: it ends at 23:00 UTC.
    [InlineData("2026-10-25", "2026-10-25T22:59:59Z", "Europe/Paris", false)]
    [InlineData("2026-10-25", "2026-10-25T23:00:00Z", "Europe/Paris", true)]
    // The end of a month and of a year in a zone ahead of UTC.
    [InlineData("2026-12-31", "2026-12-31T13:00:00Z", "Pacific/Auckland", true)]
    [InlineData("2026-12-31", "2026-12-31T10:59:59Z", "Pacific/Auckland", false)]
    public void An_action_is_overdue_once_its_due_day_is_over_in_the_contract_calendar_s_zone(string due, string now, string zone, bool overdue)
    {
        var today = ReviewRules.Today(DateTimeZoneProviders.Tzdb[zone], At(now));
        Assert.Equal(overdue, ReviewRules.IsOverdue(DateOnly.Parse(due, System.Globalization.CultureInfo.InvariantCulture), ActionStatuses.Open, today));
        Assert.Equal(overdue, ReviewRules.IsOverdue(DateOnly.Parse(due, System.Globalization.CultureInfo.InvariantCulture), ActionStatuses.InProgress, today));
    }

    [Theory]
    [InlineData("done")]
    [InlineData("dropped")]
    public void A_done_or_dropped_action_is_never_overdue(string status) =>
        Assert.False(ReviewRules.IsOverdue(new DateOnly(2020, 1, 1), status, new DateOnly(2026, 4, 1)));

    [Fact]
    public void The_next_review_carries_over_the_items_still_to_do_and_keeps_their_history()
    {
        var previous = Guid.NewGuid();
        var current = Guid.NewGuid();
        var open = Item(previous, "Réduire le stock P3", ActionStatuses.Open, new DateOnly(2026, 3, 15));
        var started = Item(previous, "Sondes de supervision", ActionStatuses.InProgress, new DateOnly(2026, 5, 31)) with
        {
            Notes = [new ActionNote(Guid.NewGuid(), At("2026-03-20T10:00:00Z"), "Antoine Garnier", ReviewSides.Provider, "Commandées.", "open", "inProgress")],
        };
        var done = Item(previous, "Former le niveau 1", ActionStatuses.Done, new DateOnly(2026, 2, 28));
        var dropped = Item(previous, "Changer d'outil", ActionStatuses.Dropped, new DateOnly(2026, 2, 28));

        var carried = ReviewPlan.ToCarry([open, started, done, dropped]);
        Assert.Equal(new[] { open.Id, started.Id }.Order(), carried.Select(c => c.ActionId).Order());

        var raised = Item(current, "Revoir les astreintes", ActionStatuses.Open, new DateOnly(2026, 6, 30));
        var plan = ReviewPlan.Of(current, [open, started, done, dropped, raised], carried, today: new DateOnly(2026, 4, 10));
        Assert.Equal([open.Id, started.Id, raised.Id], plan.Select(a => a.Id));
        Assert.Equal((ActionStatuses.Open, true), (plan[0].CarriedStatus, plan[0].Overdue));
        Assert.Equal((ActionStatuses.InProgress, false), (plan[1].CarriedStatus, plan[1].Overdue));
        Assert.Single(plan[1].Notes); // the same item, its history continuing
        Assert.Null(plan[2].CarriedStatus);
    }

    [Fact]
    public void An_action_names_each_missing_or_wrong_field()
    {
        var errors = ReviewRules.Check(new ActionInput(" ", "both", null, null, "finished", null, null), isNew: false);
        Assert.Equal(["title", "side", "owner", "dueOn", "status", "version"], errors.Fields);
        Assert.True(ReviewRules.Check(new ActionInput("Sondes", ReviewSides.Provider, "Antoine Garnier", new DateOnly(2026, 5, 31)), isNew: true).IsEmpty);
        Assert.Equal(["dueOn"], ReviewRules.Check(new ActionInput("Sondes", ReviewSides.Client, "Marc", new DateOnly(2150, 1, 1)), isNew: true).Fields);
        Assert.Equal(["title"], ReviewRules.Check(new ActionInput(new string('x', 201), ReviewSides.Client, "Marc", new DateOnly(2026, 1, 1)), isNew: true).Fields);
    }

    [Fact]
    public void The_budget_is_commented_on_by_the_client_only()
    {
        Assert.Equal(["indicator"], ReviewRules.Check(Indicators.Budget, ReviewSides.Provider, new CommentInput("Trop cher", 0)).Fields);
        Assert.True(ReviewRules.Check(Indicators.Budget, ReviewSides.Client, new CommentInput("Dans l'enveloppe", 0)).IsEmpty);
        Assert.Equal(["indicator", "version"], ReviewRules.Check("mood", ReviewSides.Client, new CommentInput("?", null)).Fields);
        var comments = new[]
        {
            new IndicatorComment(Indicators.Budget, ReviewSides.Client, "Dans l'enveloppe", "Marc", At("2026-04-01T10:00:00Z"), 1),
            new IndicatorComment(Figures.Sla, ReviewSides.Provider, "P1 en progrès", "Antoine", At("2026-04-01T10:00:00Z"), 1),
        };
        Assert.Equal([Figures.Sla], ReviewPlan.CommentsFor(comments, ReviewSides.Provider).Select(c => c.Indicator));
        Assert.Equal(2, ReviewPlan.CommentsFor(comments, ReviewSides.Client).Count);
    }

    [Fact]
    public void An_improvement_axis_is_service_needs_or_technology()
    {
        Assert.Equal(["axis"], ReviewRules.Check(PointKinds.Improvement, new PointInput("Automatiser", "money"), isNew: true).Fields);
        Assert.True(ReviewRules.Check(PointKinds.Improvement, new PointInput("Automatiser", ImprovementAxes.Technology), isNew: true).IsEmpty);
        Assert.True(ReviewRules.Check(PointKinds.Decision, new PointInput("On garde la cible"), isNew: true).IsEmpty);
        Assert.Equal(["text", "version"], ReviewRules.Check(PointKinds.Decision, new PointInput(""), isNew: false).Fields);
    }

    private static ActionItem Item(Guid review, string title, string status, DateOnly due) =>
        new(Guid.CreateVersion7(), review, title, ReviewSides.Provider, "Antoine Garnier", due, status, 1, At("2026-03-02T10:00:00Z"), "Marc Dubois",
            At("2026-03-02T10:00:00Z"), []);
}
