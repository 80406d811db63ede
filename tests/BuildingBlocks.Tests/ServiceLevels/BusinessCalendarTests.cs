using Infogerance.IntegrationEvents;
using Infogerance.ServiceLevels;
using NodaTime;
using static Infogerance.BuildingBlocks.Tests.ServiceLevels.Calendars;

namespace Infogerance.BuildingBlocks.Tests.ServiceLevels;

public class BusinessCalendarTests
{
    private const long Hour = 3600;

    // ---- Opening, edges ----

    [Theory]
    [InlineData("2026-06-09T08:00:00+02:00", true)] // opening time is open
    [InlineData("2026-06-09T07:59:59+02:00", false)]
    [InlineData("2026-06-09T17:59:59+02:00", true)]
    [InlineData("2026-06-09T18:00:00+02:00", false)] // closing time is not
    [InlineData("2026-06-13T10:00:00+02:00", false)] // Saturday
    [InlineData("2026-05-14T10:00:00+02:00", false)] // Ascension
    [InlineData("2026-07-14T10:00:00+02:00", false)] // Fête nationale
    public void Is_open_inside_the_weekly_hours_of_a_working_day(string at, bool open) =>
        Assert.Equal(open, ParisOffice().IsOpen(I(at)));

    [Theory]
    [InlineData("2026-06-09T10:00:00+02:00", "2026-06-09T10:00:00+02:00")] // open: itself
    [InlineData("2026-06-09T08:00:00+02:00", "2026-06-09T08:00:00+02:00")]
    [InlineData("2026-06-09T06:10:00+02:00", "2026-06-09T08:00:00+02:00")]
    [InlineData("2026-06-12T18:00:00+02:00", "2026-06-15T08:00:00+02:00")] // Friday close → Monday
    [InlineData("2026-05-13T19:00:00+02:00", "2026-05-15T08:00:00+02:00")] // over Ascension
    [InlineData("2026-12-31T18:30:00+01:00", "2027-01-04T08:00:00+01:00")] // over New Year (Friday holiday, weekend)
    public void Next_opening(string from, string expected) =>
        Assert.Equal(expected, Show(ParisOffice().NextOpening(I(from))));

    [Theory]
    [InlineData("2026-06-09T10:00:00+02:00", 4, "2026-06-09T14:00:00+02:00")] // start inside
    [InlineData("2026-06-09T16:00:00+02:00", 4, "2026-06-10T10:00:00+02:00")] // over the night
    [InlineData("2026-06-09T19:00:00+02:00", 1, "2026-06-10T09:00:00+02:00")] // start outside: from the next opening
    [InlineData("2026-06-09T18:00:00+02:00", 1, "2026-06-10T09:00:00+02:00")] // start at the closing edge
    [InlineData("2026-06-09T08:00:00+02:00", 1, "2026-06-09T09:00:00+02:00")] // start at the opening edge
    [InlineData("2026-06-09T08:00:00+02:00", 10, "2026-06-09T18:00:00+02:00")] // ends at a closing time: due then, not next morning
    [InlineData("2026-06-12T17:00:00+02:00", 2, "2026-06-15T09:00:00+02:00")] // over the weekend
    [InlineData("2026-05-13T17:00:00+02:00", 2, "2026-05-15T09:00:00+02:00")] // over Ascension
    [InlineData("2026-05-07T17:00:00+02:00", 2, "2026-05-11T09:00:00+02:00")] // Victoire 1945 on a Friday, then the weekend
    public void Adding_business_hours(string start, int hours, string expected) =>
        Assert.Equal(expected, Show(ParisOffice().AddBusinessTime(I(start), hours * Hour)));

    [Fact]
    public void Open_seconds_count_only_opening_time_and_are_zero_backwards()
    {
        var office = ParisOffice();
        Assert.Equal(2 * Hour, office.OpenSecondsBetween(I("2026-06-12T17:00:00+02:00"), I("2026-06-15T09:00:00+02:00")));
        Assert.Equal(0, office.OpenSecondsBetween(I("2026-06-13T00:00:00+02:00"), I("2026-06-15T08:00:00+02:00")));
        Assert.Equal(0, office.OpenSecondsBetween(I("2026-06-15T09:00:00+02:00"), I("2026-06-12T17:00:00+02:00")));
        // A whole year: 2026 has 261 weekdays, and 9 French holidays fall on one (1 Jan, 6 Apr, 1 May, 8 May,
        // 14 May, 25 May, 14 Jul, 11 Nov, 25 Dec; 15 Aug is a Saturday, 1 Nov a Sunday).
        Assert.Equal((261 - 9) * 10 * Hour, office.OpenSecondsBetween(I("2026-01-01T00:00:00+01:00"), I("2027-01-01T00:00:00+01:00")));
    }

    [Fact]
    public void Counts_cross_years_without_walking_them()
    {
        var office = ParisOffice();
        var start = I("2026-06-09T10:00:00+02:00");
        var threeYears = office.OpenSecondsBetween(start, I("2029-06-12T10:00:00+02:00"));
        Assert.Equal(I("2029-06-12T10:00:00+02:00"), office.AddBusinessTime(start, threeYears));
        Assert.Equal("2027-01-04T09:00:00+01:00", Show(office.AddBusinessTime(I("2026-12-31T17:00:00+01:00"), 2 * Hour)));
    }

    // ---- Several intervals a day, 24:00 ----

    [Fact]
    public void Several_intervals_a_day_skip_the_breaks()
    {
        var calendar = new BusinessCalendar(WorkedExample());
        Assert.False(calendar.IsOpen(I("2034-06-09T12:30:00+02:00")));
        Assert.True(calendar.IsOpen(I("2034-06-09T13:00:00+02:00")));
        Assert.Equal("2034-06-09T13:00:00+02:00", Show(calendar.NextOpening(I("2034-06-09T12:00:00+02:00"))));
        Assert.Equal("2034-06-09T13:30:00+02:00", Show(calendar.AddBusinessTime(I("2034-06-09T11:30:00+02:00"), Hour)));
        // 11:00–12:00 is the end of the morning: due at 12:00, not 13:00.
        Assert.Equal("2034-06-09T12:00:00+02:00", Show(calendar.AddBusinessTime(I("2034-06-09T11:00:00+02:00"), Hour)));
        Assert.Equal(34_200, calendar.OpenSecondsBetween(I("2034-06-09T00:00:00+02:00"), I("2034-06-10T00:00:00+02:00")));
        // Friday 18:00 + 2 h: one hour on Friday, Monday 12 June is a closed day, Tuesday–Thursday closed: Friday 16th 09:30.
        Assert.Equal("2034-06-16T09:30:00+02:00", Show(calendar.AddBusinessTime(I("2034-06-09T18:00:00+02:00"), 2 * Hour)));
    }

    [Fact]
    public void Touching_intervals_and_midnight_24_00_form_one_continuous_opening()
    {
        var calendar = Business("Europe/Paris", ["monday 20:00-24:00", "tuesday 00:00-02:00", "tuesday 12:00-14:00", "tuesday 14:00-15:00"]);
        Assert.True(calendar.IsOpen(I("2026-06-09T00:00:00+02:00")));
        Assert.Equal("2026-06-09T01:00:00+02:00", Show(calendar.AddBusinessTime(I("2026-06-08T23:00:00+02:00"), 2 * Hour)));
        Assert.Equal(6 * Hour, calendar.OpenSecondsBetween(I("2026-06-08T20:00:00+02:00"), I("2026-06-09T02:00:00+02:00")));
        Assert.Equal("2026-06-09T14:30:00+02:00", Show(calendar.AddBusinessTime(I("2026-06-09T13:30:00+02:00"), Hour)));
        Assert.Single(calendar.OpeningsOn(Date("2026-06-09")), p => p.Start == I("2026-06-09T12:00:00+02:00"));
    }

    [Fact]
    public void An_interval_ending_at_24_00_closes_at_the_next_midnight()
    {
        var calendar = Business("Europe/Paris", ["monday 22:00-24:00", "wednesday 08:00-09:00"]);
        Assert.False(calendar.IsOpen(I("2026-06-09T00:00:00+02:00")));
        Assert.True(calendar.IsOpen(I("2026-06-08T23:59:59+02:00")));
        Assert.Equal("2026-06-09T00:00:00+02:00", Show(calendar.AddBusinessTime(I("2026-06-08T22:00:00+02:00"), 2 * Hour)));
        Assert.Equal("2026-06-09T00:00:00+02:00", Show(calendar.AddBusinessDays(I("2026-06-03T08:30:00+02:00"), 1, endOfWorkingDay: true)));
    }

    // ---- Daylight saving (Europe/Paris: last Sunday of March and of October) ----

    [Theory]
    [InlineData("2026-03-29")] // 02:00 CET → 03:00 CEST
    [InlineData("2026-10-25")] // 03:00 CEST → 02:00 CET
    [InlineData("2027-03-28")]
    [InlineData("2027-10-31")]
    public void An_eight_to_six_day_is_ten_hours_on_both_change_days(string day)
    {
        var calendar = Business("Europe/Paris", Every(AllDays, "08:00-18:00"));
        var date = Date(day);
        var zone = calendar.Zone;
        var from = date.AtStartOfDayInZone(zone).ToInstant();
        var to = date.PlusDays(1).AtStartOfDayInZone(zone).ToInstant();
        Assert.Equal(10 * Hour, calendar.OpenSecondsBetween(from, to));
        Assert.Equal(10 * Hour, calendar.OpeningsOn(date).Sum(p => (long)p.Duration.TotalSeconds));
        // The day before at 17:00 + 2 h: 09:00 the change day, in the new offset.
        var expected = date.At(new LocalTime(9, 0)).InZoneStrictly(zone).ToInstant();
        Assert.Equal(expected, calendar.AddBusinessTime(date.PlusDays(-1).At(new LocalTime(17, 0)).InZoneStrictly(zone).ToInstant(), 2 * Hour));
    }

    [Theory]
    [InlineData("2026-03-29", 23)]
    [InlineData("2026-10-25", 25)]
    public void A_24x7_calendar_counts_23_or_25_hours_on_the_change_days(string day, int hours)
    {
        var date = Date(day);
        foreach (var calendar in new[] { AlwaysOpen("Europe/Paris"), Business("Europe/Paris", Every(AllDays, "00:00-24:00")) })
        {
            var from = date.AtStartOfDayInZone(calendar.Zone).ToInstant();
            var to = date.PlusDays(1).AtStartOfDayInZone(calendar.Zone).ToInstant();
            Assert.Equal(hours * Hour, calendar.OpenSecondsBetween(from, to));
            Assert.Equal(to, calendar.AddBusinessTime(from, hours * Hour));
        }
    }

    [Fact]
    public void Twenty_four_hours_of_a_24x7_calendar_across_the_spring_change_end_an_hour_later_on_the_clock()
    {
        var calendar = AlwaysOpen("Europe/Paris");
        Assert.Equal("2026-03-29T13:00:00+02:00", Show(calendar.AddBusinessTime(I("2026-03-28T12:00:00+01:00"), 24 * Hour)));
        Assert.Equal("2026-10-25T11:00:00+01:00", Show(calendar.AddBusinessTime(I("2026-10-24T12:00:00+02:00"), 24 * Hour)));
    }

    [Fact]
    public void Intervals_at_the_change_hour_shrink_or_grow_by_real_time()
    {
        // 01:00–04:00: 2 h on the spring day (02:00–03:00 does not exist), 4 h in autumn (02:00–03:00 twice).
        var night = Business("Europe/Paris", ["sunday 01:00-04:00"]);
        Assert.Equal(2 * Hour, night.OpeningsOn(Date("2026-03-29")).Sum(p => (long)p.Duration.TotalSeconds));
        Assert.Equal(4 * Hour, night.OpeningsOn(Date("2026-10-25")).Sum(p => (long)p.Duration.TotalSeconds));
        Assert.Equal(3 * Hour, night.OpeningsOn(Date("2026-06-07")).Sum(p => (long)p.Duration.TotalSeconds));
        Assert.True(night.IsOpen(I("2026-10-25T02:30:00+01:00"))); // the second 02:30
        Assert.Equal("2026-10-25T02:30:00+01:00", Show(night.AddBusinessTime(I("2026-10-25T01:00:00+02:00"), 9000)));

        // An opening in the spring gap opens when the gap ends; in autumn at the first of the two times.
        var gap = Business("Europe/Paris", ["sunday 02:30-05:00"]);
        var spring = gap.OpeningsOn(Date("2026-03-29")).Single();
        Assert.Equal("2026-03-29T03:00:00+02:00", Show(spring.Start));
        Assert.Equal(2 * Hour, (long)spring.Duration.TotalSeconds);
        var autumn = gap.OpeningsOn(Date("2026-10-25")).Single();
        Assert.Equal("2026-10-25T02:30:00+02:00", Show(autumn.Start));
        Assert.Equal(3.5 * Hour, autumn.Duration.TotalSeconds);

        // Entirely inside the gap: no opening that day, an ordinary one on other Sundays.
        var vanishing = Business("Europe/Paris", ["sunday 02:00-03:00"]);
        Assert.Empty(vanishing.OpeningsOn(Date("2026-03-29")));
        Assert.False(vanishing.IsBusinessDay(Date("2026-03-29")));
        Assert.Equal("2026-04-05T02:30:00+02:00", Show(vanishing.AddBusinessTime(I("2026-03-28T12:00:00+01:00"), 1800)));
    }

    [Fact]
    public void Business_days_keep_the_wall_clock_time_across_a_change()
    {
        var office = ParisOffice();
        // Friday 27 March 2026 09:00 CET + 1 business day = Monday 30 March 09:00 CEST (07:00 UTC).
        Assert.Equal("2026-03-30T09:00:00+02:00", Show(office.AddBusinessDays(I("2026-03-27T09:00:00+01:00"), 1, false)));
        Assert.Equal(10 * Hour, office.OpenSecondsBetween(I("2026-03-27T09:00:00+01:00"), I("2026-03-30T09:00:00+02:00")));
        Assert.Equal("2026-10-26T09:00:00+01:00", Show(office.AddBusinessDays(I("2026-10-23T09:00:00+02:00"), 1, false)));
    }

    [Fact]
    public void Business_days_to_or_from_a_change_day_keep_the_wall_clock_time()
    {
        var everyDay = Business("Europe/Paris", Every(AllDays, "08:00-18:00"));
        Assert.Equal("2026-03-29T09:00:00+02:00", Show(everyDay.AddBusinessDays(I("2026-03-28T09:00:00+01:00"), 1, false)));
        Assert.Equal("2026-03-30T10:00:00+02:00", Show(everyDay.AddBusinessDays(I("2026-03-29T10:00:00+02:00"), 1, false)));
        Assert.Equal("2026-10-25T17:59:00+01:00", Show(everyDay.AddBusinessDays(I("2026-10-24T17:59:00+02:00"), 1, false)));
        Assert.Equal("2026-10-25T18:00:00+01:00", Show(everyDay.AddBusinessDays(I("2026-10-24T17:59:00+02:00"), 1, true)));
        // 02:30 on the night of the autumn change (its first occurrence), kept on the next day.
        var nights = Business("Europe/Paris", Every(AllDays, "00:00-24:00"));
        Assert.Equal("2026-10-26T02:30:00+01:00", Show(nights.AddBusinessDays(I("2026-10-25T02:30:00+01:00"), 1, false)));
        // 02:30 does not exist on the spring change day: the end of the gap, 03:00.
        Assert.Equal("2026-03-29T03:00:00+02:00", Show(nights.AddBusinessDays(I("2026-03-28T02:30:00+01:00"), 1, false)));
    }

    // ---- Holidays, packs, closed days ----

    [Fact]
    public void Closed_days_and_packs_close_whole_days()
    {
        Assert.Equal("2026-06-11T09:00:00+02:00", Show(ParisOffice("2026-06-10").AddBusinessTime(I("2026-06-09T17:00:00+02:00"), 2 * Hour)));
        Assert.False(ParisOffice("2026-06-10").IsBusinessDay(Date("2026-06-10")));
        Assert.True(ParisOffice().IsBusinessDay(Date("2026-06-10")));

        // Thursday before Easter 2026: Good Friday is open in FR, closed in Alsace-Moselle (then Easter Monday).
        var thursday = I("2026-04-02T17:00:00+02:00");
        Assert.Equal("2026-04-03T09:00:00+02:00", Show(ParisOffice().AddBusinessTime(thursday, 2 * Hour)));
        var alsace = Business("Europe/Paris", Every(Weekdays, "08:00-18:00"), [HolidayPacks.AlsaceMoselle]);
        Assert.Equal("2026-04-07T09:00:00+02:00", Show(alsace.AddBusinessTime(thursday, 2 * Hour)));
        Assert.False(alsace.IsBusinessDay(Date("2025-12-26"))); // a Friday
        Assert.True(ParisOffice().IsBusinessDay(Date("2025-12-26")));
    }

    [Fact]
    public void Without_packs_holidays_are_open()
    {
        var calendar = Business("Europe/Paris", Every(Weekdays, "08:00-18:00"));
        Assert.True(calendar.IsOpen(I("2026-05-14T10:00:00+02:00")));
    }

    [Fact]
    public void An_always_open_calendar_ignores_holidays_and_closed_days()
    {
        var calendar = new BusinessCalendar(new ServiceCalendar
        {
            TimeZone = "Europe/Paris",
            AlwaysOpen = true,
            HolidayPacks = [HolidayPacks.France],
            ClosedDays = [new DateOnly(2026, 6, 10)],
        });
        Assert.True(calendar.IsOpen(I("2026-05-14T03:00:00+02:00")));
        Assert.Equal(48 * Hour, calendar.OpenSecondsBetween(I("2026-06-09T12:00:00+02:00"), I("2026-06-11T12:00:00+02:00")));
        Assert.Equal("2026-06-17T08:46:00+02:00", Show(calendar.AddBusinessDays(I("2026-06-12T08:46:00+02:00"), 5, false)));
        Assert.Equal("2026-06-18T00:00:00+02:00", Show(calendar.AddBusinessDays(I("2026-06-12T08:46:00+02:00"), 5, true)));
    }

    // ---- Business days ----

    [Fact]
    public void Friday_0846_plus_five_business_days_is_the_next_friday_0846()
    {
        var office = ParisOffice();
        Assert.Equal("2026-06-12T08:46:00+02:00", Show(office.AddBusinessDays(I("2026-06-05T08:46:00+02:00"), 5, false)));
        Assert.Equal("2026-06-12T18:00:00+02:00", Show(office.AddBusinessDays(I("2026-06-05T08:46:00+02:00"), 5, true)));
        // Over Ascension (Thursday 14 May 2026): Tue 12, Wed 13, Fri 15, Mon 18, Tue 19.
        Assert.Equal("2026-05-19T10:00:00+02:00", Show(office.AddBusinessDays(I("2026-05-11T10:00:00+02:00"), 5, false)));
        // Zero days: the start itself, or that day's close.
        Assert.Equal("2026-06-05T08:46:00+02:00", Show(office.AddBusinessDays(I("2026-06-05T08:46:00+02:00"), 0, false)));
        Assert.Equal("2026-06-05T18:00:00+02:00", Show(office.AddBusinessDays(I("2026-06-05T08:46:00+02:00"), 0, true)));
    }

    [Theory]
    [InlineData("2026-06-06T10:00:00+02:00", "2026-06-09T08:00:00+02:00")] // Saturday: counts from Monday 08:00
    [InlineData("2026-06-08T18:00:00+02:00", "2026-06-10T08:00:00+02:00")] // at closing: from Tuesday 08:00
    [InlineData("2026-06-08T07:00:00+02:00", "2026-06-09T08:00:00+02:00")] // before opening: from Monday 08:00
    [InlineData("2026-06-08T08:00:00+02:00", "2026-06-09T08:00:00+02:00")] // at opening
    public void Business_days_from_outside_opening_count_from_the_next_opening(string start, string expected) =>
        Assert.Equal(expected, Show(ParisOffice().AddBusinessDays(I(start), 1, false)));

    [Fact]
    public void Business_days_landing_on_a_closed_time_take_that_days_next_opening_or_its_close()
    {
        var calendar = new BusinessCalendar(WorkedExample());
        // Friday 08:46 + 1: Monday 08:46 is before Monday's 10:30 opening → 10:30.
        Assert.Equal("2034-06-05T10:30:00+02:00", Show(calendar.AddBusinessDays(I("2034-06-02T08:46:12+02:00"), 1, false)));
        // Monday 12:30 + 1: Friday 12:30 is the lunch break → 13:00.
        Assert.Equal("2034-06-09T13:00:00+02:00", Show(calendar.AddBusinessDays(I("2034-06-05T12:30:00+02:00"), 1, false)));
        // Friday 08:46 + 1 at end of working day: Monday's close.
        Assert.Equal("2034-06-05T19:00:00+02:00", Show(calendar.AddBusinessDays(I("2034-06-02T08:46:12+02:00"), 1, true)));
        // Monday 5 June + 2: Friday 9, then Monday 12 is closed, Friday 16.
        Assert.Equal("2034-06-16T13:00:00+02:00", Show(calendar.AddBusinessDays(I("2034-06-05T12:30:00+02:00"), 2, false)));

        // After the due day's last closing: that closing time.
        var shortFriday = Business("Europe/Paris", [.. Every(["monday", "tuesday", "wednesday", "thursday"], "08:00-19:00"), "friday 08:00-17:00"]);
        Assert.Equal("2026-06-12T17:00:00+02:00", Show(shortFriday.AddBusinessDays(I("2026-06-11T18:30:00+02:00"), 1, false)));
    }

    // ---- Other zones ----

    [Fact]
    public void New_york_with_its_own_daylight_saving_change()
    {
        var calendar = Business("America/New_York", Every(Weekdays, "09:00-17:00"));
        // Clocks go forward on Sunday 8 March 2026.
        Assert.Equal("2026-03-09T10:00:00-04:00", Show(calendar.AddBusinessTime(I("2026-03-06T16:00:00-05:00"), 2 * Hour), "America/New_York"));
        Assert.Equal(I("2026-03-09T14:00:00Z"), calendar.AddBusinessTime(I("2026-03-06T16:00:00-05:00"), 2 * Hour));
        Assert.True(calendar.IsOpen(I("2026-06-09T13:30:00Z")));
        Assert.False(calendar.IsOpen(I("2026-06-09T12:30:00Z")));
    }

    [Fact]
    public void Kolkata_with_a_half_hour_offset()
    {
        var calendar = Business("Asia/Kolkata", Every(Weekdays, "09:00-18:00"));
        Assert.Equal(I("2026-06-02T04:00:00Z"), calendar.AddBusinessTime(I("2026-06-01T12:00:00Z"), Hour)); // Mon 17:30 IST + 1 h
        Assert.True(calendar.IsOpen(I("2026-06-01T03:30:00Z")));
        Assert.False(calendar.IsOpen(I("2026-06-01T03:29:59Z")));
        Assert.Equal("2026-06-08T17:30:00+05:30", Show(calendar.AddBusinessDays(I("2026-06-05T12:00:00Z"), 1, false), "Asia/Kolkata"));
    }

    [Fact]
    public void A_zone_far_ahead_of_utc_crosses_its_new_year_before_utc_does()
    {
        var calendar = Business("Pacific/Auckland", Every(AllDays, "08:00-18:00"), [HolidayPacks.France]);
        // 31 Dec 2026 20:00 UTC is already 1 January 2027 09:00 in Auckland (UTC+13), a holiday of the pack.
        Assert.False(calendar.IsOpen(I("2026-12-31T20:00:00Z")));
        Assert.Equal("2027-01-02T08:00:00+13:00", Show(calendar.NextOpening(I("2026-12-31T20:00:00Z")), "Pacific/Auckland"));
        Assert.Equal(10 * Hour, calendar.OpenSecondsBetween(I("2026-12-31T00:00:00+13:00"), I("2027-01-02T00:00:00+13:00")));
        Assert.Equal(86400, AlwaysOpen("Pacific/Auckland").OpenSecondsBetween(I("2026-12-31T10:00:00Z"), I("2027-01-01T10:00:00Z")));
    }

    // ---- Refusals ----

    [Fact]
    public void A_calendar_that_never_opens_or_cannot_be_read_is_refused()
    {
        Assert.Throws<ArgumentException>(() => Business("Europe/Paris", []));
        Assert.Throws<ArgumentException>(() => Business("Mars/Olympus", Every(Weekdays, "08:00-18:00")));
        Assert.Throws<ArgumentException>(() => Business("Europe/Paris", ["funday 08:00-18:00"]));
        Assert.Throws<ArgumentException>(() => Business("Europe/Paris", ["monday 8:00-18:00"]));
        Assert.Throws<ArgumentException>(() => Business("Europe/Paris", ["monday 24:00-24:00"]));
        Assert.Throws<ArgumentException>(() => Business("Europe/Paris", ["monday 18:00-08:00"]));
        Assert.Throws<ArgumentException>(() => Business("Europe/Paris", Every(Weekdays, "08:00-18:00"), ["DE"]));
        Assert.Throws<ArgumentOutOfRangeException>(() => ParisOffice().AddBusinessTime(I("2026-06-09T10:00:00+02:00"), -1));
    }

    [Fact]
    public void Overlapping_intervals_count_once()
    {
        var calendar = Business("Europe/Paris", ["monday 08:00-12:00", "monday 10:00-14:00"]);
        Assert.Equal(6 * Hour, calendar.OpenSecondsBetween(I("2026-06-08T00:00:00+02:00"), I("2026-06-09T00:00:00+02:00")));
    }

    [Fact]
    public void Instants_are_truncated_to_the_second()
    {
        var office = ParisOffice();
        var start = Instant.FromDateTimeOffset(D("2026-06-09T10:00:00.900+02:00"));
        Assert.Equal("2026-06-09T10:00:10+02:00", Show(office.AddBusinessTime(start, 10)));
    }
}
