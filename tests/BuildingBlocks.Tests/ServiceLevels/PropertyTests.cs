using FsCheck;
using FsCheck.Fluent;
using Infogerance.IntegrationEvents;
using Infogerance.ServiceLevels;
using NodaTime;

namespace Infogerance.BuildingBlocks.Tests.ServiceLevels;

/// <summary>
/// Properties of the engine over random calendars (zones with and without daylight saving, including one that
/// skips midnight and one with a 30-minute shift, 0–3 intervals a day on a quarter-hour grid, 24:00 closings,
/// holiday packs, closed days, 24×7), random instants in 2025–2027 and random amounts. FsCheck prints the failing
/// case and the seed to replay it.
/// </summary>
public class PropertyTests
{
    private static readonly Config Quick = Config.QuickThrowOnFailure.WithMaxTest(300).WithQuietOnSuccess(true);

    private static readonly string[] Zones =
        ["Europe/Paris", "America/New_York", "Asia/Kolkata", "Australia/Lord_Howe", "Pacific/Auckland", "UTC", "America/Santiago", "Asia/Tehran"];

    private static readonly long From = new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero).ToUnixTimeSeconds();
    private static readonly long To = new DateTimeOffset(2027, 12, 31, 0, 0, 0, TimeSpan.Zero).ToUnixTimeSeconds();

    /// <summary>A generated calendar, shown readably when a property fails.</summary>
    public sealed record CalendarCase(string Zone, bool AlwaysOpen, (int Day, int Open, int Close)[] Intervals, string[] Packs, DateOnly[] ClosedDays)
    {
        private static readonly string[] DayNames = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];

        public ServiceCalendar ToServiceCalendar() => new()
        {
            TimeZone = Zone,
            AlwaysOpen = AlwaysOpen,
            Weekly = [.. Intervals.Select(i => new OpeningInterval(DayNames[i.Day], Time(i.Open), Time(i.Close)))],
            HolidayPacks = Packs,
            ClosedDays = ClosedDays,
        };

        /// <summary>Nominal opening seconds of a week, to keep generated amounts within some months of opening.</summary>
        public long WeeklySeconds => AlwaysOpen ? 7 * 86_400 : Intervals.Sum(i => (i.Close - i.Open) * 60L);

        public override string ToString() =>
            $"{Zone} {(AlwaysOpen ? "24x7" : string.Join(", ", Intervals.Select(i => $"{DayNames[i.Day]} {Time(i.Open)}-{Time(i.Close)}")))}"
            + $" packs [{string.Join(", ", Packs)}] closed [{string.Join(", ", ClosedDays)}]";

        private static string Time(int minutes) => $"{minutes / 60:00}:{minutes % 60:00}";
    }

    private static Gen<(int Open, int Close)[]> DayIntervals(int firstQuarter) =>
        from count in Gen.Choose(0, 3)
        from points in Gen.Choose(firstQuarter, 96).ArrayOf(count * 2)
        let sorted = points.Distinct().Order().ToArray()
        select Enumerable.Range(0, sorted.Length / 2).Select(i => (sorted[2 * i] * 15, sorted[2 * i + 1] * 15)).ToArray();

    /// <param name="firstQuarter">Earliest opening, in quarter hours (16 = 04:00 keeps intervals clear of the night's changes).</param>
    private static Gen<CalendarCase> Calendars(string[] zones, int firstQuarter = 0, bool allowAlwaysOpen = true) =>
        (from zone in Gen.Elements(zones)
         from alwaysOpen in allowAlwaysOpen ? Gen.Frequency((1, Gen.Constant(true)), (9, Gen.Constant(false))) : Gen.Constant(false)
         from days in DayIntervals(firstQuarter).ArrayOf(7)
         from packs in Gen.Elements<string[]>([], [HolidayPacks.France], [HolidayPacks.AlsaceMoselle])
         from closedCount in Gen.Choose(0, 6)
         from closed in Gen.Choose(0, 3 * 365).ArrayOf(closedCount)
         select new CalendarCase(
             zone,
             alwaysOpen,
             [.. days.SelectMany((intervals, day) => intervals.Select(i => (day, i.Open, i.Close)))],
             packs,
             [.. closed.Distinct().Select(d => new DateOnly(2025, 1, 1).AddDays(d))]))
        .Where(c => c.AlwaysOpen || c.Intervals.Length > 0);

    private static Gen<long> Instants => Gen.Choose(0, (int)((To - From) / 60)).Select(m => From + m * 60L + m % 59);

    private static Gen<long> Amount(CalendarCase calendar) => Gen.Choose(0, (int)Math.Min(2_000_000, calendar.WeeklySeconds * 60)).Select(s => (long)s);

    private static Instant At(long seconds) => Instant.FromUnixTimeSeconds(seconds);

    private static void Check(Property property) => FsCheck.Check.One(Quick, property);

    [Fact]
    public void Counting_back_what_was_added_gives_the_amount_and_lands_on_opening_time()
    {
        var cases =
            from c in Calendars(Zones)
            from start in Instants
            from seconds in Amount(c)
            select (Calendar: c, Start: start, Seconds: seconds);
        Check(Prop.ForAll(cases.ToArbitrary(), x =>
        {
            var calendar = new BusinessCalendar(x.Calendar.ToServiceCalendar());
            var start = At(x.Start);
            var due = calendar.AddBusinessTime(start, x.Seconds);
            Assert.True(due >= start);
            Assert.Equal(x.Seconds, calendar.OpenSecondsBetween(start, due));
            if (x.Seconds > 0)
            {
                // Open at the due time or just closed: the last second counted was open.
                Assert.True(calendar.IsOpen(due - Duration.FromSeconds(1)), $"not open just before {due}");
                // And the earliest such instant: one second earlier, the amount is not reached.
                Assert.Equal(x.Seconds - 1, calendar.OpenSecondsBetween(start, due - Duration.FromSeconds(1)));
            }
        }));
    }

    [Fact]
    public void A_larger_amount_or_a_later_start_never_gives_an_earlier_due_time()
    {
        var cases =
            from c in Calendars(Zones)
            from start in Instants
            from later in Gen.Choose(0, 10 * 86_400)
            from a in Amount(c)
            from b in Amount(c)
            select (Calendar: c, Start: start, Later: later, Small: Math.Min(a, b), Large: Math.Max(a, b));
        Check(Prop.ForAll(cases.ToArbitrary(), x =>
        {
            var calendar = new BusinessCalendar(x.Calendar.ToServiceCalendar());
            var start = At(x.Start);
            Assert.True(calendar.AddBusinessTime(start, x.Small) <= calendar.AddBusinessTime(start, x.Large));
            Assert.True(calendar.AddBusinessTime(start, x.Small) <= calendar.AddBusinessTime(At(x.Start + x.Later), x.Small));
        }));
    }

    [Fact]
    public void Open_time_adds_up_over_consecutive_ranges_and_the_next_opening_is_open()
    {
        var cases =
            from c in Calendars(Zones)
            from a in Instants
            from b in Instants
            from c2 in Instants
            select (Calendar: c, Points: new[] { a, b, c2 }.Order().ToArray());
        Check(Prop.ForAll(cases.ToArbitrary(), x =>
        {
            var calendar = new BusinessCalendar(x.Calendar.ToServiceCalendar());
            var (a, b, c) = (At(x.Points[0]), At(x.Points[1]), At(x.Points[2]));
            Assert.Equal(calendar.OpenSecondsBetween(a, c), calendar.OpenSecondsBetween(a, b) + calendar.OpenSecondsBetween(b, c));
            var next = calendar.NextOpening(a);
            Assert.True(next >= a);
            Assert.True(calendar.IsOpen(next));
            Assert.Equal(0, calendar.OpenSecondsBetween(a, next));
            Assert.Equal(calendar.IsOpen(a), next == a);
            if (x.Calendar.AlwaysOpen)
            {
                Assert.Equal(x.Points[2] - x.Points[0], calendar.OpenSecondsBetween(a, c));
            }
        }));
    }

    /// <summary>
    /// Against a plain reference: a minute is open when its local time falls in an interval of its weekday on a
    /// day that is not closed. Intervals stay after 04:00 so that no daylight-saving change happens inside one
    /// (where the engine's rule for skipped and repeated times applies instead).
    /// </summary>
    [Fact]
    public void Open_time_matches_a_minute_by_minute_count_of_local_opening_hours()
    {
        var cases =
            from c in Calendars(["Europe/Paris", "America/New_York", "Asia/Kolkata", "Asia/Tokyo", "Australia/Sydney", "UTC"], firstQuarter: 16, allowAlwaysOpen: false)
            from start in Instants
            from minutes in Gen.Choose(0, 10 * 24 * 60)
            select (Calendar: c, Start: start / 60 * 60, Minutes: minutes);
        Check(Prop.ForAll(cases.ToArbitrary(), x =>
        {
            var service = x.Calendar.ToServiceCalendar();
            var calendar = new BusinessCalendar(service);
            var zone = DateTimeZoneProviders.Tzdb[service.TimeZone];
            long expected = 0;
            for (var m = 0; m < x.Minutes; m++)
            {
                var local = At(x.Start + m * 60L).InZone(zone).LocalDateTime;
                var day = (int)local.DayOfWeek - 1;
                var minute = local.Hour * 60 + local.Minute;
                var closed = service.ClosedDays.Contains(local.Date.ToDateOnly())
                    || service.HolidayPacks.Any(p => HolidayPacks.For(p, local.Year).Any(h => h.Date == local.Date.ToDateOnly()));
                if (!closed && x.Calendar.Intervals.Any(i => i.Day == day && i.Open <= minute && minute < i.Close))
                {
                    expected += 60;
                }
            }

            Assert.Equal(expected, calendar.OpenSecondsBetween(At(x.Start), At(x.Start + x.Minutes * 60L)));
        }));
    }

    [Fact]
    public void Business_days_land_on_a_business_day_later_with_more_days_and_at_its_close_with_end_of_working_day()
    {
        var cases =
            from c in Calendars(Zones)
            from start in Instants
            from a in Gen.Choose(0, 40)
            from b in Gen.Choose(0, 40)
            select (Calendar: c, Start: start, Few: Math.Min(a, b), More: Math.Max(a, b));
        Check(Prop.ForAll(cases.ToArbitrary(), x =>
        {
            var calendar = new BusinessCalendar(x.Calendar.ToServiceCalendar());
            var start = At(x.Start);
            var few = calendar.AddBusinessDays(start, x.Few, false);
            var fewEnd = calendar.AddBusinessDays(start, x.Few, true);
            var more = calendar.AddBusinessDays(start, x.More, false);
            Assert.True(few >= start);
            Assert.True(few <= fewEnd);
            Assert.True(few <= more);
            Assert.True(calendar.IsOpen(few) || calendar.IsOpen(few - Duration.FromSeconds(1)));
            Assert.True(calendar.IsOpen(fewEnd - Duration.FromSeconds(1)), "the end of working day is a closing time");
            if (x.More > x.Few)
            {
                Assert.True(fewEnd <= more, "the close of day N is before day N + 1");
            }
        }));
    }

    private static Gen<(long From, long To)[]> Pauses(long start) =>
        from count in Gen.Choose(0, 4)
        from offsets in Gen.Choose(-86_400, 20 * 86_400).ArrayOf(count)
        from lengths in Gen.Choose(0, 4 * 86_400).ArrayOf(count)
        select offsets.Zip(lengths, (o, l) => (start + o, start + o + l)).ToArray();

    private static Gen<SlaDuration> Targets =>
        Gen.OneOf(
            Gen.Choose(1, 3000).Select(v => new SlaDuration(v, SlaClock.Minutes)),
            Gen.Choose(1, 200).Select(v => new SlaDuration(v, SlaClock.Hours)),
            from v in Gen.Choose(1, 30)
            from eod in Gen.Elements(false, true)
            select new SlaDuration(v, SlaClock.BusinessDays, eod));

    private static (DateTimeOffset, DateTimeOffset)[] AsOffsets((long From, long To)[] pauses) =>
        [.. pauses.Select(p => (DateTimeOffset.FromUnixTimeSeconds(p.From), DateTimeOffset.FromUnixTimeSeconds(p.To)))];

    [Fact]
    public void A_clock_has_used_exactly_its_target_at_the_due_time_and_its_warnings_in_order_before()
    {
        var cases =
            from c in Calendars(Zones)
            from start in Instants
            from target in Targets
            from pauses in Pauses(start)
            select (Calendar: c, Start: start, Target: target, Pauses: pauses);
        Check(Prop.ForAll(cases.ToArbitrary(), x =>
        {
            var calendar = new BusinessCalendar(x.Calendar.ToServiceCalendar());
            var start = DateTimeOffset.FromUnixTimeSeconds(x.Start);
            var pauses = AsOffsets(x.Pauses);
            var clock = SlaClock.Compute(calendar, x.Target, start, pauses, null, [25, 50, 75], now: null);
            Assert.Equal(clock.DueAt, SlaClock.DueAt(calendar, x.Target, start, pauses));

            var atDue = SlaClock.Compute(calendar, x.Target, start, pauses, null, [50], now: clock.DueAt);
            Assert.Equal(clock.TargetBusinessSeconds, atDue.ElapsedBusinessSeconds);
            Assert.False(atDue.Breached);
            Assert.True(SlaClock.Compute(calendar, x.Target, start, pauses, null, [50], now: clock.DueAt.AddSeconds(1)).Breached);

            var previous = start;
            foreach (var warning in clock.Warnings)
            {
                Assert.True(warning.At >= previous);
                Assert.True(warning.At <= clock.DueAt);
                var atWarning = SlaClock.Compute(calendar, x.Target, start, pauses, null, [50], now: warning.At);
                Assert.Equal(clock.TargetBusinessSeconds * warning.Percent / 100, atWarning.ElapsedBusinessSeconds);
                previous = warning.At;
            }
        }));
    }

    [Fact]
    public void A_larger_target_or_another_pause_never_gives_an_earlier_due_time()
    {
        var cases =
            from c in Calendars(Zones)
            from start in Instants
            from target in Targets
            from extra in Gen.Choose(0, 30)
            from pauses in Pauses(start)
            from more in Pauses(start)
            select (Calendar: c, Start: start, Target: target, Larger: target with { Value = target.Value + extra }, Pauses: pauses, More: more);
        Check(Prop.ForAll(cases.ToArbitrary(), x =>
        {
            var calendar = new BusinessCalendar(x.Calendar.ToServiceCalendar());
            var start = DateTimeOffset.FromUnixTimeSeconds(x.Start);
            var pauses = AsOffsets(x.Pauses);
            var due = SlaClock.DueAt(calendar, x.Target, start, pauses);
            Assert.True(due <= SlaClock.DueAt(calendar, x.Larger, start, pauses));
            Assert.True(due <= SlaClock.DueAt(calendar, x.Target, start, [.. pauses, .. AsOffsets(x.More)]));
            Assert.True(SlaClock.DueAt(calendar, x.Target, start, []) <= due);
            if (x.Target.Unit == SlaClock.BusinessDays && !x.Target.EndOfWorkingDay)
            {
                Assert.True(due <= SlaClock.DueAt(calendar, x.Target with { EndOfWorkingDay = true }, start, pauses));
            }
        }));
    }

    [Fact]
    public void Elapsed_time_grows_with_now_and_breach_follows_the_due_time()
    {
        var cases =
            from c in Calendars(Zones)
            from start in Instants
            from target in Targets
            from pauses in Pauses(start)
            from a in Gen.Choose(0, 40 * 86_400)
            from b in Gen.Choose(0, 40 * 86_400)
            select (Calendar: c, Start: start, Target: target, Pauses: pauses, Early: Math.Min(a, b), Late: Math.Max(a, b));
        Check(Prop.ForAll(cases.ToArbitrary(), x =>
        {
            var calendar = new BusinessCalendar(x.Calendar.ToServiceCalendar());
            var start = DateTimeOffset.FromUnixTimeSeconds(x.Start);
            var pauses = AsOffsets(x.Pauses);
            var early = SlaClock.Compute(calendar, x.Target, start, pauses, null, [], start.AddSeconds(x.Early));
            var late = SlaClock.Compute(calendar, x.Target, start, pauses, null, [], start.AddSeconds(x.Late));
            Assert.True(early.ElapsedBusinessSeconds <= late.ElapsedBusinessSeconds);
            Assert.True(early.ElapsedBusinessSeconds >= 0);
            Assert.Equal(start.AddSeconds(x.Late) > late.DueAt, late.Breached);
            Assert.True(!early.Breached || late.Breached);

            // Stopped at "late": the same figures, and pauses after the stop do not matter.
            var stopped = SlaClock.Compute(calendar, x.Target, start, pauses, start.AddSeconds(x.Late), []);
            Assert.Equal(late.ElapsedBusinessSeconds, stopped.ElapsedBusinessSeconds);
            Assert.Equal(late.Breached, stopped.Breached);
        }));
    }
}
