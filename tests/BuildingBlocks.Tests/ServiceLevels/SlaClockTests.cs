using Infogerance.IntegrationEvents;
using Infogerance.ServiceLevels;
using static Infogerance.BuildingBlocks.Tests.ServiceLevels.Calendars;

namespace Infogerance.BuildingBlocks.Tests.ServiceLevels;

public class SlaClockTests
{
    private static readonly int[] Default = [50, 75];
    private static readonly (DateTimeOffset From, DateTimeOffset To)[] NoPause = [];

    private static SlaDuration Hours(int value) => new(value, SlaClock.Hours);

    private static SlaDuration Days(int value, bool endOfWorkingDay = false) => new(value, SlaClock.BusinessDays, endOfWorkingDay);

    private static (DateTimeOffset, DateTimeOffset) Pause(string from, string to) => (D(from), D(to));

    /// <summary>
    /// The SLA preview's worked example, counted by hand. Calendar: Europe/Paris, Monday 10:30–19:00, Friday 08:30–12:00 and
    /// 13:00–19:00, FR holidays, closed on Monday 12 June 2034. Target 4 h = 14,400 s. Started Friday 9 June 2034
    /// 08:46:12 (open). Paused 09:15:27 → 11:23:49: 2 h 08 min 22 s = 7,702 s, all of it opening time.
    ///   counted 08:46:12 → 09:15:27 = 29 min 15 s = 1,755 s
    ///   paused                                               (7,702 s)
    ///   counted 11:23:49 → 12:00:00 = 36 min 11 s = 2,171 s  (3,926 s so far; lunch 12:00–13:00 closed)
    ///   left 14,400 − 3,926 = 10,474 s = 2 h 54 min 34 s from 13:00 → due Friday 9 June 2034 15:54:34+02:00.
    /// Warnings: 50 % = 7,200 s → 7,200 − 3,926 = 3,274 s = 54 min 34 s after 13:00 → 13:54:34;
    ///           75 % = 10,800 s → 6,874 s = 1 h 54 min 34 s after 13:00 → 14:54:34.
    /// </summary>
    [Fact]
    public void The_worked_example_counted_by_hand()
    {
        var result = SlaClock.Compute(
            new BusinessCalendar(WorkedExample()),
            new SlaDuration(4, "hours"),
            D("2034-06-09T08:46:12+02:00"),
            [Pause("2034-06-09T09:15:27+02:00", "2034-06-09T11:23:49+02:00")],
            stoppedAt: null,
            warningThresholds: Default);

        Assert.Equal(7702, result.PausedBusinessSeconds);
        Assert.Equal(14_400, result.TargetBusinessSeconds);
        Assert.Equal(D("2034-06-09T15:54:34+02:00"), result.DueAt);
        Assert.Equal(TimeSpan.Zero, result.DueAt.Offset);
        Assert.Equal(
            [new SlaWarning(50, D("2034-06-09T13:54:34+02:00")), new SlaWarning(75, D("2034-06-09T14:54:34+02:00"))],
            result.Warnings);
        Assert.Null(result.EvaluatedAt);
        Assert.Equal(0, result.ElapsedBusinessSeconds);
        Assert.False(result.Breached);
    }

    /// <summary>
    /// The same clock with 12 h: Friday 9 June gives 1,755 + 2,171 + 6 h (13:00–19:00) = 25,526 s; 43,200 − 25,526 =
    /// 17,674 s left. Monday 12 June is a closed day, so Friday 16 June: 08:30–12:00 = 12,600 s, then 5,074 s =
    /// 1 h 24 min 34 s after 13:00 → 14:24:34.
    /// </summary>
    [Fact]
    public void The_fixed_example_with_a_longer_target_skips_the_closed_monday()
    {
        var result = SlaClock.Compute(
            new BusinessCalendar(WorkedExample()), Hours(12), D("2034-06-09T08:46:12+02:00"),
            [Pause("2034-06-09T09:15:27+02:00", "2034-06-09T11:23:49+02:00")], null, Default);
        Assert.Equal("2034-06-16T14:24:34+02:00", Show(result.DueAt));
    }

    [Theory]
    [InlineData("2034-06-09T15:00:00+02:00", 1755 + 2171 + 7200, false)]
    [InlineData("2034-06-09T15:54:34+02:00", 14_400, false)] // resolved exactly at the due time: met
    [InlineData("2034-06-09T15:54:35+02:00", 14_401, true)]
    [InlineData("2034-06-09T10:00:00+02:00", 1755, false)] // during the pause
    [InlineData("2034-06-09T08:00:00+02:00", 0, false)] // before the start
    public void Elapsed_and_breached_at_the_stop(string stoppedAt, long elapsed, bool breached)
    {
        var calendar = new BusinessCalendar(WorkedExample());
        var pauses = new[] { Pause("2034-06-09T09:15:27+02:00", "2034-06-09T11:23:49+02:00") };
        var stopped = SlaClock.Compute(calendar, Hours(4), D("2034-06-09T08:46:12+02:00"), pauses, D(stoppedAt), Default);
        Assert.Equal(elapsed, stopped.ElapsedBusinessSeconds);
        Assert.Equal(breached, stopped.Breached);
        Assert.Equal(D(stoppedAt), stopped.EvaluatedAt);

        // A running clock looked at "now" says the same.
        var running = SlaClock.Compute(calendar, Hours(4), D("2034-06-09T08:46:12+02:00"), pauses, null, Default, now: D(stoppedAt));
        Assert.Equal(elapsed, running.ElapsedBusinessSeconds);
        Assert.Equal(breached, running.Breached);
    }

    [Fact]
    public void A_stop_ignores_the_pauses_after_it()
    {
        var calendar = new BusinessCalendar(WorkedExample());
        var result = SlaClock.Compute(calendar, Hours(4), D("2034-06-09T08:46:12+02:00"),
            [Pause("2034-06-09T09:15:27+02:00", "2034-06-09T11:23:49+02:00"), Pause("2034-06-09T14:00:00+02:00", "2034-06-09T15:00:00+02:00")],
            stoppedAt: D("2034-06-09T13:30:00+02:00"), Default);
        Assert.Equal(7702, result.PausedBusinessSeconds);
        Assert.Equal(D("2034-06-09T15:54:34+02:00"), result.DueAt);
        Assert.Equal(3926 + 1800, result.ElapsedBusinessSeconds);
    }

    [Fact]
    public void A_pause_across_a_weekend_and_a_holiday_pushes_by_the_opening_time_it_covered()
    {
        // Thursday 7 May 2026 09:00, 16 h. Paused Thursday 17:00 → Monday 11 May 10:00: Thursday 1 h, Friday 8 May
        // (Victoire 1945) and the weekend 0, Monday 2 h = 3 h. Counted: Thursday 8 h, then Monday 10:00 + 8 h = 18:00,
        // the closing time (due then, not on Tuesday morning).
        var result = SlaClock.Compute(ParisOffice(), Hours(16), D("2026-05-07T09:00:00+02:00"),
            [Pause("2026-05-07T17:00:00+02:00", "2026-05-11T10:00:00+02:00")], null, Default);
        Assert.Equal(3 * 3600, result.PausedBusinessSeconds);
        Assert.Equal("2026-05-11T18:00:00+02:00", Show(result.DueAt));
        // Without the pause: Thursday 9 h, Monday 08:00 + 7 h.
        Assert.Equal("2026-05-11T15:00:00+02:00", Show(SlaClock.DueAt(ParisOffice(), Hours(16), D("2026-05-07T09:00:00+02:00"), NoPause)));
    }

    [Fact]
    public void A_pause_outside_opening_time_changes_nothing()
    {
        var office = ParisOffice();
        var start = D("2026-06-09T10:00:00+02:00");
        var without = SlaClock.Compute(office, Hours(20), start, NoPause, null, Default);
        var withWeekendPause = SlaClock.Compute(office, Hours(20), start,
            [Pause("2026-06-13T09:00:00+02:00", "2026-06-14T20:00:00+02:00"), Pause("2026-06-09T19:00:00+02:00", "2026-06-10T07:59:59+02:00")], null, Default);
        Assert.Equal(0, withWeekendPause.PausedBusinessSeconds);
        Assert.Equal(without.DueAt, withWeekendPause.DueAt);
        Assert.Equal(without.Warnings, withWeekendPause.Warnings);
    }

    [Fact]
    public void Overlapping_or_unordered_pauses_count_once()
    {
        var office = ParisOffice();
        var start = D("2026-06-09T08:00:00+02:00");
        var result = SlaClock.Compute(office, Hours(4), start,
            [Pause("2026-06-09T11:00:00+02:00", "2026-06-09T13:00:00+02:00"), Pause("2026-06-09T10:00:00+02:00", "2026-06-09T12:00:00+02:00"),
             Pause("2026-06-09T12:30:00+02:00", "2026-06-09T12:45:00+02:00")], null, Default);
        Assert.Equal(3 * 3600, result.PausedBusinessSeconds);
        Assert.Equal("2026-06-09T15:00:00+02:00", Show(result.DueAt)); // 08–10 counted, 10–13 paused, 13–15 counted
    }

    [Fact]
    public void A_pause_before_the_start_is_clipped_and_one_after_the_due_time_changes_nothing()
    {
        var office = ParisOffice();
        var start = D("2026-06-09T10:00:00+02:00");
        var result = SlaClock.Compute(office, Hours(2), start,
            [Pause("2026-06-09T09:00:00+02:00", "2026-06-09T10:30:00+02:00"), Pause("2026-06-09T13:00:00+02:00", "2026-06-09T16:00:00+02:00")], null, Default);
        Assert.Equal("2026-06-09T12:30:00+02:00", Show(result.DueAt));
        Assert.Equal(1800 + 3 * 3600, result.PausedBusinessSeconds);

        // Pending client only after the breach: still breached at 17:00.
        var late = SlaClock.Compute(office, Hours(2), start, [Pause("2026-06-09T13:00:00+02:00", "2026-06-09T16:00:00+02:00")], null, Default,
            now: D("2026-06-09T17:00:00+02:00"));
        Assert.Equal("2026-06-09T12:00:00+02:00", Show(late.DueAt));
        Assert.True(late.Breached);
        Assert.Equal(4 * 3600, late.ElapsedBusinessSeconds);
    }

    [Fact]
    public void A_reopened_ticket_continues_its_clock_with_the_resolved_period_as_a_pause()
    {
        var office = ParisOffice();
        var start = D("2026-06-09T09:00:00+02:00");
        // Resolved Tuesday 11:00 after 2 h of an 8 h target: met.
        var resolved = SlaClock.Compute(office, Hours(8), start, NoPause, D("2026-06-09T11:00:00+02:00"), Default);
        Assert.False(resolved.Breached);
        Assert.Equal(2 * 3600, resolved.ElapsedBusinessSeconds);

        // Reopened Wednesday 10:00: the resolved period (Tuesday 11:00 → Wednesday 10:00, 9 h of opening) is a pause;
        // 6 h are left from Wednesday 10:00 → 16:00.
        var reopened = SlaClock.Compute(office, Hours(8), start, [Pause("2026-06-09T11:00:00+02:00", "2026-06-10T10:00:00+02:00")], null, Default,
            now: D("2026-06-10T12:00:00+02:00"));
        Assert.Equal(9 * 3600, reopened.PausedBusinessSeconds);
        Assert.Equal("2026-06-10T16:00:00+02:00", Show(reopened.DueAt));
        Assert.Equal(4 * 3600, reopened.ElapsedBusinessSeconds);
        Assert.False(reopened.Breached);

        // Resolved again Wednesday 17:00: breached (due 16:00), 9 h used.
        var again = SlaClock.Compute(office, Hours(8), start, [Pause("2026-06-09T11:00:00+02:00", "2026-06-10T10:00:00+02:00")],
            D("2026-06-10T17:00:00+02:00"), Default);
        Assert.True(again.Breached);
        Assert.Equal(9 * 3600, again.ElapsedBusinessSeconds);
    }

    [Fact]
    public void A_priority_change_keeps_the_time_spent_and_rereads_the_goal()
    {
        var office = ParisOffice();
        var start = D("2026-06-09T09:00:00+02:00");
        var pauses = new[] { Pause("2026-06-09T10:00:00+02:00", "2026-06-09T11:00:00+02:00") };
        var now = D("2026-06-09T14:00:00+02:00"); // 1 h + 3 h = 4 h spent

        var p3 = SlaClock.Compute(office, Hours(8), start, pauses, null, Default, now);
        Assert.Equal("2026-06-09T18:00:00+02:00", Show(p3.DueAt)); // 09–10, paused, 11–18
        Assert.Equal(4 * 3600, p3.ElapsedBusinessSeconds);
        Assert.False(p3.Breached);

        // Raised to P2 (4 h) at 14:00: the same start and pauses with the new goal: due at 14:00, so breached just after.
        var p2 = SlaClock.Compute(office, Hours(4), start, pauses, null, Default, now);
        Assert.Equal("2026-06-09T14:00:00+02:00", Show(p2.DueAt));
        Assert.Equal(4 * 3600, p2.ElapsedBusinessSeconds);
        Assert.False(p2.Breached);
        Assert.True(SlaClock.Compute(office, Hours(4), start, pauses, null, Default, now.AddSeconds(1)).Breached);

        // Raised to P1 (2 h) at 14:00: already breached since 12:00, and the warnings are in the past.
        var p1 = SlaClock.Compute(office, Hours(2), start, pauses, null, Default, now);
        Assert.Equal("2026-06-09T12:00:00+02:00", Show(p1.DueAt));
        Assert.True(p1.Breached);
        Assert.All(p1.Warnings, w => Assert.True(w.At < now));

        // Lowered to P4 (3 business days): the time of day is kept, Friday 09:00.
        var p4 = SlaClock.Compute(office, Days(3), start, pauses, null, Default, now);
        Assert.Equal("2026-06-12T10:00:00+02:00", Show(p4.DueAt)); // pushed by the 1 h pause
        Assert.Equal(30 * 3600, p4.TargetBusinessSeconds);
    }

    [Fact]
    public void Business_day_targets_keep_the_time_of_day_and_warn_at_fractions_of_their_business_time()
    {
        // Friday 5 June 2026 08:46 + 5 business days = Friday 12 June 08:46; between them 9 h 14 + 4 × 10 h + 46 min = 50 h.
        var result = SlaClock.Compute(ParisOffice(), Days(5), D("2026-06-05T08:46:00+02:00"), NoPause, null, Default);
        Assert.Equal("2026-06-12T08:46:00+02:00", Show(result.DueAt));
        Assert.Equal(50 * 3600, result.TargetBusinessSeconds);
        // 50 % = 25 h: Friday 9 h 14, Monday 10 h, Tuesday 5 h 46 → 13:46. 75 % = 37 h 30: Friday, Monday, Tuesday
        // (29 h 14), Wednesday 8 h 16 → 16:16.
        Assert.Equal(["2026-06-09T13:46:00+02:00", "2026-06-10T16:16:00+02:00"], result.Warnings.Select(w => Show(w.At)));

        var endOfDay = SlaClock.Compute(ParisOffice(), Days(5, endOfWorkingDay: true), D("2026-06-05T08:46:00+02:00"), NoPause, null, Default);
        Assert.Equal("2026-06-12T18:00:00+02:00", Show(endOfDay.DueAt));
        Assert.Equal(50 * 3600 + 9 * 3600 + 14 * 60, endOfDay.TargetBusinessSeconds);
    }

    [Fact]
    public void A_business_day_target_due_at_an_opening_stays_there_and_pauses_push_it()
    {
        var calendar = new BusinessCalendar(WorkedExample());
        var start = D("2034-06-02T08:46:12+02:00");
        // Friday 08:46:12 + 1 business day: Monday 5 June 08:46:12 is closed, Monday opens at 10:30.
        var result = SlaClock.Compute(calendar, Days(1), start, NoPause, null, Default);
        Assert.Equal("2034-06-05T10:30:00+02:00", Show(result.DueAt));
        Assert.False(SlaClock.Compute(calendar, Days(1), start, NoPause, D("2034-06-02T19:00:00+02:00"), Default).Breached);
        Assert.False(SlaClock.Compute(calendar, Days(1), start, NoPause, D("2034-06-05T10:30:00+02:00"), Default).Breached);
        Assert.True(SlaClock.Compute(calendar, Days(1), start, NoPause, D("2034-06-05T10:30:01+02:00"), Default).Breached);

        // A 10-minute pause on Friday: Monday 10:40.
        var paused = SlaClock.Compute(calendar, Days(1), start, [Pause("2034-06-02T10:00:00+02:00", "2034-06-02T10:10:00+02:00")], null, Default);
        Assert.Equal("2034-06-05T10:40:00+02:00", Show(paused.DueAt));
        // A pause over the weekend only: nothing changes.
        var weekend = SlaClock.Compute(calendar, Days(1), start, [Pause("2034-06-03T10:00:00+02:00", "2034-06-04T10:10:00+02:00")], null, Default);
        Assert.Equal("2034-06-05T10:30:00+02:00", Show(weekend.DueAt));
        // A pause from Friday 19:00 to Monday 11:00 covers 30 min of Monday: 11:00.
        var intoMonday = SlaClock.Compute(calendar, Days(1), start, [Pause("2034-06-02T19:00:00+02:00", "2034-06-05T11:00:00+02:00")], null, Default);
        Assert.Equal("2034-06-05T11:00:00+02:00", Show(intoMonday.DueAt));
    }

    [Fact]
    public void A_start_outside_opening_counts_from_the_next_opening()
    {
        var office = ParisOffice();
        var saturday = SlaClock.Compute(office, new SlaDuration(90, SlaClock.Minutes), D("2026-06-13T10:00:00+02:00"), NoPause, null, Default,
            now: D("2026-06-15T08:30:00+02:00"));
        Assert.Equal("2026-06-15T09:30:00+02:00", Show(saturday.DueAt));
        Assert.Equal(["2026-06-15T08:45:00+02:00", "2026-06-15T09:07:30+02:00"], saturday.Warnings.Select(w => Show(w.At)));
        Assert.Equal(1800, saturday.ElapsedBusinessSeconds);
    }

    [Fact]
    public void Across_the_autumn_change_a_24x7_clock_counts_real_time()
    {
        // 01:00 CEST + 4 h = 04:00 CET: 02:00–03:00 happens twice. 25 % (1 h) is the first 02:00, 50 % (2 h) the second.
        var result = SlaClock.Compute(AlwaysOpen("Europe/Paris"), Hours(4), D("2026-10-25T01:00:00+02:00"), NoPause, null, [25, 50, 75]);
        Assert.Equal("2026-10-25T04:00:00+01:00", Show(result.DueAt));
        Assert.Equal(["2026-10-25T02:00:00+02:00", "2026-10-25T02:00:00+01:00", "2026-10-25T03:00:00+01:00"], result.Warnings.Select(w => Show(w.At)));
    }

    [Fact]
    public void In_kolkata()
    {
        var calendar = Business("Asia/Kolkata", Every(Weekdays, "09:30-13:00", "14:00-18:30"));
        // Friday 5 June 2026 17:00 IST (11:30 UTC) + 4 h: 1 h 30 on Friday, Monday 09:30–12:00.
        var result = SlaClock.Compute(calendar, Hours(4), D("2026-06-05T11:30:00Z"), NoPause, null, Default);
        Assert.Equal(D("2026-06-08T12:00:00+05:30"), result.DueAt);
        Assert.Equal(D("2026-06-08T06:30:00Z"), result.DueAt);
    }

    [Fact]
    public void Due_at_alone_agrees_with_compute_and_many_pauses_are_fine()
    {
        var office = ParisOffice();
        var start = D("2026-06-01T08:00:00+02:00");
        var pauses = Enumerable.Range(0, 40)
            .Select(i => Pause($"2026-06-{1 + i % 20:00}T{10 + i % 5:00}:00:00+02:00", $"2026-06-{1 + i % 20:00}T{10 + i % 5:00}:30:00+02:00"))
            .Reverse().ToArray();
        var computed = SlaClock.Compute(office, Hours(100), start, pauses, null, Default);
        Assert.Equal(computed.DueAt, SlaClock.DueAt(office, Hours(100), start, pauses));
        Assert.Equal(SlaClock.Compute(office, Hours(100), start, pauses.Take(3).ToArray(), null, Default).DueAt,
            SlaClock.DueAt(office, Hours(100), start, pauses.Take(3).ToArray()));
    }

    [Fact]
    public void Bad_arguments_are_refused()
    {
        var office = ParisOffice();
        var start = D("2026-06-09T10:00:00+02:00");
        Assert.Throws<ArgumentException>(() => SlaClock.Compute(office, new SlaDuration(4, "weeks"), start, NoPause, null, Default));
        Assert.Throws<ArgumentOutOfRangeException>(() => SlaClock.Compute(office, Hours(0), start, NoPause, null, Default));
        Assert.Throws<ArgumentException>(() => SlaClock.Compute(office, new SlaDuration(4, SlaClock.Hours, EndOfWorkingDay: true), start, NoPause, null, Default));
        Assert.Throws<ArgumentOutOfRangeException>(() => SlaClock.Compute(office, Hours(4), start, NoPause, null, [50, 100]));
        Assert.Throws<ArgumentException>(() => SlaClock.Compute(office, Hours(4), start,
            [Pause("2026-06-09T12:00:00+02:00", "2026-06-09T11:00:00+02:00")], null, Default));
    }
}
