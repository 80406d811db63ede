using FsCheck;
using FsCheck.Fluent;
using Infogerance.Incidents.Domain;
using Infogerance.IntegrationEvents;
using NodaTime;
using static Infogerance.BuildingBlocks.Tests.ServiceLevels.Calendars;

namespace Infogerance.Incidents.Tests;

public class AvailabilityTests
{
    private static readonly DateTimeZone Paris = DateTimeZoneProviders.Tzdb["Europe/Paris"];
    private static readonly AvailabilityBand[] Bands = [new(99.5m, 2m), new(99m, 5m)];

    private static MonthPeriod Month(string zone, int year, int month) =>
        Availability.MonthIn(DateTimeZoneProviders.Tzdb[zone], new YearMonth(year, month));

    private static MonthPeriod ParisMonth(int year, int month) => Availability.MonthIn(Paris, new YearMonth(year, month));

    private static Outage Down(string service, string from, string? to) => new(Guid.CreateVersion7(), service, D(from), to is null ? null : D(to));

    private static readonly DateTimeOffset Later = D("2100-01-01T00:00:00+00:00");

    // ---- Month boundaries in the calendar's zone ----

    [Theory]
    [InlineData(2025, 1, 31 * 24)]
    [InlineData(2025, 2, 28 * 24)]
    [InlineData(2024, 2, 29 * 24)]      // leap year
    [InlineData(2025, 3, 31 * 24 - 1)]  // spring change on 30 March: 743 hours
    [InlineData(2025, 4, 30 * 24)]
    [InlineData(2025, 9, 30 * 24)]
    [InlineData(2025, 10, 31 * 24 + 1)] // autumn change on 26 October: 745 hours
    [InlineData(2025, 12, 31 * 24)]
    [InlineData(2024, 3, 31 * 24 - 1)]  // 31 March 2024, the last day of the month
    [InlineData(2024, 10, 31 * 24 + 1)]
    public void A_month_in_Paris_lasts_its_real_hours(int year, int month, int hours) =>
        Assert.Equal(hours * 3600L, ParisMonth(year, month).Seconds);

    [Fact]
    public void The_months_around_a_change_start_and_end_at_local_midnight_with_the_offset_of_the_day()
    {
        var march = ParisMonth(2025, 3);
        Assert.Equal(D("2025-03-01T00:00:00+01:00"), march.Start);
        Assert.Equal(D("2025-04-01T00:00:00+02:00"), march.End);
        Assert.Equal(TimeSpan.FromHours(1), march.Start.Offset);
        Assert.Equal(TimeSpan.FromHours(2), march.End.Offset);
        Assert.Equal("2025-03", march.Name);

        var october = ParisMonth(2025, 10);
        Assert.Equal(D("2025-10-01T00:00:00+02:00"), october.Start);
        Assert.Equal(D("2025-11-01T00:00:00+01:00"), october.End);
        Assert.Equal(ParisMonth(2025, 11).Start, october.End);
    }

    [Theory]
    [InlineData("UTC", 2025, 3, 31 * 24)]
    [InlineData("America/New_York", 2025, 3, 31 * 24 - 1)]  // 9 March
    [InlineData("America/New_York", 2025, 11, 30 * 24 + 1)] // 2 November
    [InlineData("Australia/Sydney", 2025, 4, 30 * 24 + 1)]   // the southern autumn: 6 April
    [InlineData("Australia/Sydney", 2025, 10, 31 * 24 - 1)]  // the southern spring: 5 October
    [InlineData("Asia/Kolkata", 2025, 3, 31 * 24)]
    public void Other_zones_count_their_own_changes(string zone, int year, int month, int hours) =>
        Assert.Equal(hours * 3600L, Month(zone, year, month).Seconds);

    [Fact]
    public void A_month_whose_first_midnight_is_skipped_starts_at_the_first_instant_of_its_first_day()
    {
        // Paraguay moved its clocks from 00:00 to 01:00 on Sunday 1 October 2017.
        var october = Month("America/Asuncion", 2017, 10);
        Assert.Equal(D("2017-10-01T01:00:00-03:00"), october.Start);
        Assert.Equal(Month("America/Asuncion", 2017, 9).End, october.Start);
    }

    [Fact]
    public void Consecutive_months_tile_the_year_without_gap_or_overlap()
    {
        var months = Enumerable.Range(1, 12).Select(m => ParisMonth(2025, m)).ToList();
        for (var i = 1; i < months.Count; i++)
        {
            Assert.Equal(months[i - 1].End, months[i].Start);
        }

        Assert.Equal(365 * 86_400L, months.Sum(m => m.Seconds));
    }

    [Fact]
    public void The_month_of_an_instant_is_read_in_the_zone()
    {
        // 31 March 2025 22:30 UTC is already 1 April in Paris.
        Assert.Equal(new YearMonth(2025, 4), Availability.MonthOf(Paris, D("2025-03-31T22:30:00+00:00")));
        Assert.Equal(new YearMonth(2025, 3), Availability.MonthOf(DateTimeZone.Utc, D("2025-03-31T22:30:00+00:00")));
    }

    // ---- Month format ----

    [Theory]
    [InlineData("2025-03", 2025, 3)]
    [InlineData("1990-01", 1990, 1)]
    [InlineData("2100-12", 2100, 12)]
    public void A_month_is_written_yyyy_MM(string text, int year, int month)
    {
        Assert.True(Availability.TryParseMonth(text, out var parsed));
        Assert.Equal(new YearMonth(year, month), parsed);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("2025-3")]
    [InlineData("2025-13")]
    [InlineData("2025-00")]
    [InlineData("25-03")]
    [InlineData("2025/03")]
    [InlineData("2025-03-01")]
    [InlineData(" 2025-03")]
    [InlineData("+025-03")]
    [InlineData("2025-+3")]
    [InlineData("1989-12")]
    [InlineData("2101-01")]
    [InlineData("２０２５-03")]
    public void Anything_else_is_not_a_month(string? text) => Assert.False(Availability.TryParseMonth(text, out _));

    // ---- Down time: overlaps, open outages, boundaries ----

    [Fact]
    public void Overlapping_outages_of_a_service_count_once()
    {
        var month = ParisMonth(2025, 4);
        var outages = new[]
        {
            Down("ERP", "2025-04-10T10:00:00+02:00", "2025-04-10T12:00:00+02:00"),
            Down("ERP", "2025-04-10T11:00:00+02:00", "2025-04-10T13:00:00+02:00"), // overlaps the first by an hour
            Down("ERP", "2025-04-10T11:15:00+02:00", "2025-04-10T11:45:00+02:00"), // inside both
            Down("ERP", "2025-04-10T13:00:00+02:00", "2025-04-10T13:30:00+02:00"), // touches the second's end
            Down("ERP", "2025-04-20T08:00:00+02:00", "2025-04-20T08:00:10+02:00"), // apart
        };
        Assert.Equal(12_610, Availability.DownSeconds(outages, month, Later));
    }

    [Fact]
    public void The_same_outage_recorded_twice_counts_once()
    {
        var a = Down("ERP", "2025-04-10T10:00:00+02:00", "2025-04-10T11:00:00+02:00");
        Assert.Equal(3600, Availability.DownSeconds([a, a with { Id = Guid.NewGuid() }], ParisMonth(2025, 4), Later));
    }

    [Fact]
    public void An_open_outage_counts_up_to_now()
    {
        var month = ParisMonth(2025, 4);
        var open = Down("Messagerie", "2025-04-30T20:00:00+02:00", null);
        Assert.Equal(90 * 60, Availability.DownSeconds([open], month, D("2025-04-30T21:30:00+02:00")));
        // Once the month is over, it counts up to the month's end; the next month counts the rest.
        Assert.Equal(4 * 3600, Availability.DownSeconds([open], month, D("2025-05-03T00:00:00+02:00")));
        Assert.Equal(48 * 3600, Availability.DownSeconds([open], ParisMonth(2025, 5), D("2025-05-03T00:00:00+02:00")));
        // Nothing after now is counted, in a month not reached yet either.
        Assert.Equal(0, Availability.DownSeconds([open], ParisMonth(2025, 6), D("2025-05-03T00:00:00+02:00")));
        Assert.False(Availability.Overlaps(open, ParisMonth(2025, 6), D("2025-05-03T00:00:00+02:00")));
    }

    [Fact]
    public void An_open_outage_merges_with_ended_ones_it_covers()
    {
        var now = D("2025-04-10T12:00:00+02:00");
        var outages = new[]
        {
            Down("VPN", "2025-04-10T09:00:00+02:00", null),
            Down("VPN", "2025-04-10T08:00:00+02:00", "2025-04-10T10:00:00+02:00"),
            Down("VPN", "2025-04-10T11:00:00+02:00", "2025-04-10T11:30:00+02:00"),
        };
        Assert.Equal(4 * 3600, Availability.DownSeconds(outages, ParisMonth(2025, 4), now));
    }

    [Fact]
    public void An_outage_across_the_month_end_is_split_at_local_midnight()
    {
        // 31 March 2025 23:00 to 1 April 02:00 in Paris: one hour in March, two in April.
        var outage = Down("ERP", "2025-03-31T23:00:00+02:00", "2025-04-01T02:00:00+02:00");
        Assert.Equal(3600, Availability.DownSeconds([outage], ParisMonth(2025, 3), Later));
        Assert.Equal(7200, Availability.DownSeconds([outage], ParisMonth(2025, 4), Later));
        // The same instants are all in March in UTC.
        Assert.Equal(3 * 3600, Availability.DownSeconds([outage], Month("UTC", 2025, 3), Later));
    }

    [Fact]
    public void An_outage_through_the_spring_change_counts_real_time()
    {
        // 01:00 to 04:00 local on 30 March 2025: 02:00 to 03:00 does not exist, two real hours.
        var outage = Down("ERP", "2025-03-30T01:00:00+01:00", "2025-03-30T04:00:00+02:00");
        Assert.Equal(2 * 3600, Availability.DownSeconds([outage], ParisMonth(2025, 3), Later));
    }

    [Fact]
    public void An_outage_through_the_autumn_change_counts_the_repeated_hour()
    {
        // 01:00 to 04:00 local on 26 October 2025: 02:00 to 03:00 happens twice, four real hours.
        var outage = Down("ERP", "2025-10-26T01:00:00+02:00", "2025-10-26T04:00:00+01:00");
        Assert.Equal(4 * 3600, Availability.DownSeconds([outage], ParisMonth(2025, 10), Later));
    }

    [Fact]
    public void A_whole_month_down_is_the_whole_month_and_no_more()
    {
        var outage = Down("ERP", "2025-02-15T00:00:00+01:00", "2025-04-15T00:00:00+02:00");
        var march = ParisMonth(2025, 3);
        Assert.Equal(march.Seconds, Availability.DownSeconds([outage], march, Later));
        Assert.Equal(0m, Availability.Percent(march.Seconds, march.Seconds));
    }

    [Fact]
    public void Outages_outside_the_month_count_nothing()
    {
        var april = ParisMonth(2025, 4);
        var before = Down("ERP", "2025-03-31T22:00:00+02:00", "2025-04-01T00:00:00+02:00"); // ends at the month's first instant
        var after = Down("ERP", "2025-05-01T00:00:00+02:00", "2025-05-01T01:00:00+02:00");  // starts at its end
        Assert.Equal(0, Availability.DownSeconds([before, after], april, Later));
        Assert.Empty(Availability.Of([before, after], april, Later, Bands));
    }

    // ---- Percentages and bands ----

    [Theory]
    [InlineData(0, 2_592_000, "100.00")]
    [InlineData(1, 2_592_000, "99.99")]        // one second down is never shown as 100.00
    [InlineData(12_960, 2_592_000, "99.50")]   // exactly half a percent of 30 days
    [InlineData(12_961, 2_592_000, "99.49")]   // a second more: cut, not rounded up to 99.50
    [InlineData(25_920, 2_592_000, "99.00")]
    [InlineData(2_592_000, 2_592_000, "0.00")]
    [InlineData(3600, 2_674_800, "99.86")]     // an hour in Paris's March: 99.8654…
    [InlineData(3600, 2_682_000, "99.86")]     // an hour in Paris's October: 99.8657…
    [InlineData(7200, 2_419_200, "99.70")]     // two hours of a 28-day February: 99.7023…
    [InlineData(7200, 2_505_600, "99.71")]     // of a 29-day February: 99.7126…
    [InlineData(7200, 2_678_400, "99.73")]     // of a 31-day month: 99.7311…
    public void The_percentage_is_cut_to_two_decimals(long down, long period, string expected) =>
        Assert.Equal(expected, Availability.Percent(down, period).ToString(System.Globalization.CultureInfo.InvariantCulture));

    [Theory]
    [InlineData("100.00", null)]
    [InlineData("99.60", null)]
    [InlineData("99.50", null)]      // not below 99.5
    [InlineData("99.49", "99.5")]
    [InlineData("99.00", "99.5")]    // not below 99
    [InlineData("98.99", "99")]      // below both: the deeper band applies
    [InlineData("0.00", "99")]
    public void The_deepest_band_the_percentage_is_below_applies(string percent, string? band)
    {
        var found = Availability.BandFor(decimal.Parse(percent, System.Globalization.CultureInfo.InvariantCulture), Enumerable.Reverse(Bands));
        Assert.Equal(band is null ? null : decimal.Parse(band, System.Globalization.CultureInfo.InvariantCulture), found?.BelowPercent);
    }

    [Fact]
    public void No_band_without_bands() => Assert.Null(Availability.BandFor(0m, []));

    // ---- Per service ----

    [Fact]
    public void Each_service_is_computed_apart_names_compared_ignoring_case_and_spaces()
    {
        var april = ParisMonth(2025, 4);   // 2,592,000 s
        var outages = new[]
        {
            Down("Messagerie", "2025-04-02T10:00:00+02:00", "2025-04-02T14:00:00+02:00"),
            Down(" messagerie ", "2025-04-02T12:00:00+02:00", "2025-04-02T16:00:00+02:00"),
            Down("ERP", "2025-04-05T10:00:00+02:00", "2025-04-05T10:30:00+02:00"),
            Down("Téléphonie", "2025-04-07T00:00:00+02:00", "2025-04-08T00:00:00+02:00"),
            Down("ERP", "2025-03-05T10:00:00+01:00", "2025-03-05T10:30:00+01:00"), // March: not in April's answer
        };
        var services = Availability.Of(outages, april, Later, Bands);

        Assert.Equal(["ERP", "Messagerie", "Téléphonie"], services.Select(s => s.Service));
        var mail = services[1];
        Assert.Equal(6 * 3600, mail.OutageSeconds);
        Assert.Equal(2_592_000, mail.PeriodSeconds);
        Assert.Equal(99.16m, mail.AvailabilityPercent);     // 99.1666…
        Assert.Equal(99.5m, mail.Penalty!.BelowPercent);   // below 99.5, not below 99
        Assert.Equal(2, mail.Outages.Count);
        var erp = services[0];
        Assert.Equal(1800, erp.OutageSeconds);
        Assert.Equal(99.93m, erp.AvailabilityPercent);
        Assert.Null(erp.Penalty);
        Assert.Single(erp.Outages);
        var phone = services[2];
        Assert.Equal(86_400, phone.OutageSeconds);
        Assert.Equal(96.66m, phone.AvailabilityPercent);   // 96.6666…
        Assert.Equal(5m, phone.Penalty!.PenaltyPercentOfFee);
    }

    [Fact]
    public void In_a_leap_February_and_a_common_one_the_same_outage_weighs_differently()
    {
        var day = (string year) => Down("ERP", $"{year}-02-10T00:00:00+01:00", $"{year}-02-11T00:00:00+01:00");
        var leap = Assert.Single(Availability.Of([day("2024")], ParisMonth(2024, 2), Later, []));
        var common = Assert.Single(Availability.Of([day("2025")], ParisMonth(2025, 2), Later, []));
        Assert.Equal(2_505_600, leap.PeriodSeconds);
        Assert.Equal(2_419_200, common.PeriodSeconds);
        Assert.Equal(96.55m, leap.AvailabilityPercent);    // 28/29 = 96.551…
        Assert.Equal(96.42m, common.AvailabilityPercent);  // 27/28 = 96.428…
    }

    [Fact]
    public void The_current_month_counts_its_open_outage_to_now_over_the_whole_month()
    {
        var now = D("2025-10-26T12:00:00+01:00");
        var service = Assert.Single(Availability.Of([Down("ERP", "2025-10-26T01:00:00+02:00", null)], ParisMonth(2025, 10), now, Bands));
        Assert.Equal(12 * 3600, service.OutageSeconds);   // 01:00 CEST to 12:00 CET, the repeated hour included
        Assert.Equal((31 * 24 + 1) * 3600L, service.PeriodSeconds);
        Assert.Equal(98.38m, service.AvailabilityPercent); // 1 − 43,200 / 2,682,000 = 98.389…
    }

    // ---- Property: the union against a count minute by minute ----

    [Fact]
    public void Down_time_is_the_number_of_seconds_covered_by_at_least_one_outage()
    {
        var month = ParisMonth(2025, 3);
        var start = month.Start.ToUnixTimeSeconds();
        var minutes = (int)(month.Seconds / 60);
        var spans =
            from count in Gen.Choose(0, 8)
            from spans0 in (from a in Gen.Choose(-600, minutes + 600)
                            from length in Gen.Choose(1, 3000)
                            from open in Gen.Frequency((1, Gen.Constant(true)), (5, Gen.Constant(false)))
                            select (From: a, To: a + length, Open: open)).ArrayOf(count)
            from now in Gen.Choose(-600, minutes + 600)
            select (Spans: spans0, Now: now);
        FsCheck.Check.One(Config.QuickThrowOnFailure.WithMaxTest(300).WithQuietOnSuccess(true), Prop.ForAll(spans.ToArbitrary(), x =>
        {
            var at = (int minute) => DateTimeOffset.FromUnixTimeSeconds(start + minute * 60L);
            var now = at(x.Now);
            // Outages are never recorded as starting after now.
            var outages = x.Spans.Where(s => s.From <= x.Now)
                .Select(s => new Outage(Guid.NewGuid(), "ERP", at(s.From), s.Open ? null : at(Math.Min(s.To, x.Now)))).ToList();
            var covered = Enumerable.Range(0, minutes).Count(m => outages.Any(o =>
                at(m) >= o.StartedAt && at(m) < (o.EndedAt ?? now)));
            Assert.Equal(covered * 60L, Availability.DownSeconds(outages, month, now));
            Assert.InRange(Availability.Percent(covered * 60L, month.Seconds), 0m, 100m);
        }));
    }
}
