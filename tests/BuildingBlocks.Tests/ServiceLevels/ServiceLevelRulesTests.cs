using FsCheck;
using FsCheck.Fluent;
using Infogerance.IntegrationEvents;
using Infogerance.ServiceLevels;
using Infogerance.Validation;
using static Infogerance.BuildingBlocks.Tests.ServiceLevels.Calendars;

namespace Infogerance.BuildingBlocks.Tests.ServiceLevels;

/// <summary>
/// The validation Contracts and the SLA preview share. Its messages are pinned by the Contracts tests through
/// <c>TermsRules</c>; here: the path prefix, and that what passes is always usable by the engine.
/// </summary>
public class ServiceLevelRulesTests
{
    private static Dictionary<string, string[]> CalendarErrors(ServiceCalendar? calendar, string path = "calendar")
    {
        var errors = new FieldErrors();
        ServiceLevelRules.CheckCalendar(path, calendar, errors);
        return errors.ToDictionary();
    }

    [Fact]
    public void Fields_are_named_under_the_prefix_given()
    {
        var calendar = new ServiceCalendar
        {
            TimeZone = "Mars/Olympus",
            Weekly = [new("monday", "08:00", "12:00"), new("Friday", "8:00", "07:00"), new("monday", "11:00", "13:00")],
            HolidayPacks = ["DE"],
            ClosedDays = [new DateOnly(2030, 1, 2), new DateOnly(2030, 1, 2)],
        };

        var errors = CalendarErrors(calendar, "terms.calendar");

        Assert.Equal(
            ["terms.calendar.timeZone", "terms.calendar.weekly[1].day", "terms.calendar.weekly[1].open", "terms.calendar.weekly[2]",
             "terms.calendar.holidayPacks[0]", "terms.calendar.closedDays[1]"],
            errors.Keys);
        Assert.Equal(["This interval overlaps monday 08:00–12:00."], errors["terms.calendar.weekly[2]"]);
        Assert.Equal(["The service calendar is required."], CalendarErrors(null, "calendar")["calendar"]);
    }

    [Fact]
    public void The_worked_example_calendar_is_valid()
    {
        Assert.Empty(CalendarErrors(WorkedExample()));
    }

    [Theory]
    [InlineData("１２:00")]   // full-width digits are digits to char.IsDigit, not to the engine
    [InlineData("12:00 ")]
    [InlineData("12.00")]
    public void Only_ascii_times_as_the_engine_reads_them_pass(string open)
    {
        var calendar = Calendar("Europe/Paris", []) with { Weekly = [new("monday", open, "18:00")] };

        Assert.Equal(["calendar.weekly[0].open"], CalendarErrors(calendar).Keys);
        Assert.Throws<ArgumentException>(() => new BusinessCalendar(calendar));
    }

    [Fact]
    public void A_year_whose_opening_days_are_all_closed_is_refused_as_the_clock_could_never_end_in_it()
    {
        var mondays = Enumerable.Range(0, 366).Select(d => new DateOnly(2030, 1, 1).AddDays(d))
            .Where(d => d.Year == 2030 && d.DayOfWeek == DayOfWeek.Monday).ToArray();
        var calendar = Calendar("Europe/Paris", ["monday 10:00-11:00"]) with { ClosedDays = mondays };

        Assert.Equal(["The closed days and holidays leave no opening day in 2030."], CalendarErrors(calendar)["calendar.closedDays"]);
        Assert.Empty(CalendarErrors(calendar with { ClosedDays = mondays[1..] }));
        Assert.Empty(CalendarErrors(calendar with { AlwaysOpen = true }));
    }

    [Fact]
    public void The_year_check_counts_a_day_whose_only_interval_falls_in_the_spring_gap_as_closed()
    {
        // 02:00–02:30 does not exist on 31 March 2030 in Paris: with every other Sunday closed, 2030 has no opening.
        var sundays = Enumerable.Range(0, 365).Select(d => new DateOnly(2030, 1, 1).AddDays(d))
            .Where(d => d.DayOfWeek == DayOfWeek.Sunday && d != new DateOnly(2030, 3, 31)).ToArray();
        var calendar = Calendar("Europe/Paris", ["sunday 02:00-02:30"]) with { ClosedDays = sundays };

        Assert.True(CalendarErrors(calendar).ContainsKey("calendar.closedDays"));
    }

    [Fact]
    public void Lists_are_bounded()
    {
        var calendar = Calendar("Europe/Paris", Enumerable.Range(0, 101).Select(i => $"monday {i / 10 % 10:00}:{i % 10 * 5:00}-23:59"));
        Assert.Equal(["Give at most 100 opening intervals."], CalendarErrors(calendar)["calendar.weekly"]);

        var closed = Calendar("Europe/Paris", ["monday 08:00-18:00"]) with
        {
            ClosedDays = [.. Enumerable.Range(0, 1001).Select(d => new DateOnly(2030, 1, 1).AddDays(d))],
        };
        Assert.Equal(["Give at most 1,000 closed days."], CalendarErrors(closed)["calendar.closedDays"]);
    }

    [Theory]
    [InlineData(4, "hours", false, new string[0])]
    [InlineData(0, "hours", false, new[] { "target.value" })]
    [InlineData(8_761, "hours", false, new[] { "target.value" })]
    [InlineData(4, "days", false, new[] { "target.unit" })]
    [InlineData(4, "hours", true, new[] { "target.endOfWorkingDay" })]
    [InlineData(2, "businessDays", true, new string[0])]
    public void Durations_are_named_under_their_path(int value, string unit, bool endOfWorkingDay, string[] fields)
    {
        var errors = new FieldErrors();
        ServiceLevelRules.CheckDuration("target", ("target", "l'objectif"), new SlaDuration(value, unit, endOfWorkingDay), errors);
        Assert.Equal(fields, errors.ToDictionary().Keys);
    }

    [Theory]
    [InlineData(new[] { 50, 75 }, 0)]
    [InlineData(new int[0], 0)]
    [InlineData(new[] { 0, 50 }, 1)]
    [InlineData(new[] { 75, 50 }, 1)]
    [InlineData(new[] { 50, 50, 100 }, 2)]
    public void Warning_thresholds_are_increasing_percentages_below_the_breach(int[] thresholds, int messages)
    {
        var errors = new FieldErrors();
        ServiceLevelRules.CheckWarningThresholds("warningThresholds", thresholds, errors);
        Assert.Equal(messages, errors.MessageCount);
    }

    [Fact]
    public void A_calendar_that_passes_validation_is_always_accepted_by_the_engine()
    {
        // Mostly well-formed parts with some of every kind of mistake, so that many calendars pass and many do not.
        static Gen<T> Mostly<T>(Gen<T> good, params T[] bad) => Gen.Frequency((4, good), (1, Gen.Elements(bad)));
        var hours = Gen.Choose(0, 96).Select(q => (string?)$"{q / 4:00}:{q % 4 * 15:00}");
        var text = Mostly(hours, null, "", "8:00", "12:60", "25:00", "１２:00", "12:00 ");
        var day = Mostly(Gen.Elements<string?>([.. ServiceLevelRules.Days]), null, "", "Monday", "lundi");
        var ordered = from a in hours from b in hours select string.CompareOrdinal(a, b) <= 0 ? (a, b) : (b, a);
        var interval = Gen.Frequency(
            (1, Gen.Constant<OpeningInterval?>(null)),
            (10, from d in day from o in text from c in text select (OpeningInterval?)new OpeningInterval(d!, o!, c!)),
            (10, from d in day from times in ordered select (OpeningInterval?)new OpeningInterval(d!, times.Item1!, times.Item2!)));
        var calendars =
            from zone in Mostly(Gen.Elements<string?>("Europe/Paris", "UTC", "Asia/Kolkata", "America/Santiago"), null, "", " ", "Mars/Olympus", "europe/paris")
            from alwaysOpen in Gen.Frequency((1, Gen.Constant(true)), (3, Gen.Constant(false)))
            from count in Gen.Choose(0, 4)
            from weekly in Gen.Frequency((1, Gen.Constant<OpeningInterval?[]?>(null)), (12, interval.ArrayOf(count).Select(a => (OpeningInterval?[]?)a)))
            from packs in Mostly(Gen.Elements<string[]?>([], ["FR"], ["FR-ALSACE-MOSELLE"]), null, ["DE"], ["FR", "FR"], [null!])
            from closed in Mostly(Gen.Elements<DateOnly[]?>([], [new(2030, 1, 1)]), null, [new(2030, 1, 1), new(2030, 1, 1)])
            select new ServiceCalendar { TimeZone = zone!, AlwaysOpen = alwaysOpen, Weekly = weekly!, HolidayPacks = packs!, ClosedDays = closed! };

        var accepted = 0;
        FsCheck.Check.One(Config.QuickThrowOnFailure.WithMaxTest(2_000).WithQuietOnSuccess(true), Prop.ForAll(calendars.ToArbitrary(), calendar =>
        {
            if (CalendarErrors(calendar).Count == 0)
            {
                accepted++;
                _ = new BusinessCalendar(calendar);
            }
        }));
        Assert.True(accepted > 100, $"only {accepted} generated calendars were valid: the generator tests little");
    }
}
