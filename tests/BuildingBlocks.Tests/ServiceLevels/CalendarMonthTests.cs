using System.Globalization;
using Infogerance.ServiceLevels;
using NodaTime;

namespace Infogerance.BuildingBlocks.Tests.ServiceLevels;

public class CalendarMonthTests
{
    private static readonly DateTimeZone Paris = DateTimeZoneProviders.Tzdb["Europe/Paris"];

    private static DateTimeOffset At(string instant) => DateTimeOffset.Parse(instant, CultureInfo.InvariantCulture);

    [Fact]
    public void A_month_runs_from_local_midnight_to_local_midnight_and_its_length_follows_daylight_saving()
    {
        var march = CalendarMonth.Of(new YearMonth(2026, 3), Paris);
        var october = CalendarMonth.Of(new YearMonth(2026, 10), Paris);

        Assert.Equal((At("2026-03-01T00:00:00+01:00"), At("2026-04-01T00:00:00+02:00")), (march.Start, march.End));
        Assert.Equal(TimeSpan.FromHours(1), march.Start.Offset);
        Assert.Equal((743 * 3600L, 745 * 3600L), (march.Seconds, october.Seconds));
        Assert.Equal("2026-03", march.Text);
    }

    [Fact]
    public void An_instant_belongs_to_the_month_of_its_local_date()
    {
        var april = CalendarMonth.Containing(At("2026-03-31T22:30:00Z"), Paris);

        Assert.Equal("2026-04", april.Text);
        Assert.True(april.Contains(At("2026-03-31T22:00:00Z")));
        Assert.False(april.Contains(At("2026-03-31T21:59:59Z")));
        Assert.False(april.Contains(april.End));
        Assert.Equal(At("2026-04-01T00:30:00+02:00"), april.InZone(At("2026-03-31T22:30:00Z")));
        Assert.Equal(TimeSpan.FromHours(2), april.InZone(At("2026-03-31T22:30:00Z")).Offset);
    }

    [Fact]
    public void A_zone_whose_midnight_is_skipped_starts_the_month_at_the_day_s_first_instant()
    {
        // Asunción moved its clocks from 00:00 to 01:00 on 1 October 2023.
        var october = CalendarMonth.Of(new YearMonth(2023, 10), DateTimeZoneProviders.Tzdb["America/Asuncion"]);

        Assert.Equal(At("2023-10-01T01:00:00-03:00"), october.Start);
        Assert.Equal(TimeSpan.FromHours(-3), october.Start.Offset);
    }

    [Theory]
    [InlineData("2026-03", true)]
    [InlineData("1990-01", true)]
    [InlineData("2100-12", true)]
    [InlineData("1989-12", false)]
    [InlineData("2101-01", false)]
    [InlineData("2026-13", false)]
    [InlineData("2026-00", false)]
    [InlineData("2026-3", false)]
    [InlineData("26-03-01", false)]
    [InlineData("+026-03", false)]
    [InlineData(null, false)]
    public void Months_are_read_as_yyyy_MM_from_1990_to_2100(string? text, bool valid) =>
        Assert.Equal(valid, CalendarMonth.TryParse(text, out _));
}
