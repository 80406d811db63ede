using Infogerance.Contracts.Domain;
using Infogerance.ServiceLevels;

namespace Infogerance.Contracts.Tests;

public sealed class RenewalTermsTests
{
    private static DateOnly D(string iso) => DateOnly.Parse(iso, System.Globalization.CultureInfo.InvariantCulture);

    [Theory]
    // start, term, renewal, notice, today → deadline, last day of the period it stops
    [InlineData("2026-01-01", 36, 12, 3, "2026-06-15", "2028-09-30", "2028-12-31")]   // plain 3-year term
    [InlineData("2026-01-01", 36, 12, 3, "2028-09-30", "2028-09-30", "2028-12-31")]   // the deadline day itself still counts
    [InlineData("2026-01-01", 36, 12, 3, "2028-10-01", "2029-09-30", "2029-12-31")]   // missed: renewed, next one a year on
    [InlineData("2026-01-01", 36, 12, 3, "2031-01-05", "2031-09-30", "2031-12-31")]   // several tacit renewals later
    [InlineData("2026-03-15", 12, 12, 1, "2026-03-15", "2027-02-14", "2027-03-14")]   // mid-month start
    [InlineData("2025-01-31", 13, 1, 1, "2025-01-31", "2026-01-31", "2026-02-28")]    // 31st start: the term covers all of February
    [InlineData("2024-02-29", 12, 12, 2, "2024-03-01", "2024-12-31", "2025-02-28")]   // leap-day start, no 29 February next year
    [InlineData("2023-02-28", 12, 12, 0, "2024-02-28", "2025-02-27", "2025-02-27")]   // no notice period: the deadline is the period's last day
    [InlineData("2026-01-01", 24, 6, 9, "2027-04-01", "2027-09-30", "2028-06-30")]    // notice (9) longer than the renewal period (6)
    [InlineData("2026-01-01", 24, 6, 9, "2027-03-31", "2027-03-31", "2027-12-31")]
    public void The_next_notice_deadline(string start, int term, int renewal, int notice, string today, string deadline, string lastDay)
    {
        var next = new RenewalTerms(D(start), term, renewal, notice).Next(D(today));
        Assert.NotNull(next);
        Assert.Equal(D(deadline), next.Deadline);
        Assert.Equal(D(lastDay), next.LastDayOfPeriod);
    }

    [Fact]
    public void Without_tacit_renewal_there_is_no_deadline_once_the_first_has_passed()
    {
        var terms = new RenewalTerms(D("2026-01-01"), 12, 0, 2);
        Assert.Equal(D("2026-10-31"), terms.Next(D("2026-10-31"))!.Deadline);
        Assert.Null(terms.Next(D("2026-11-01")));
        Assert.Equal(D("2027-01-01"), terms.PeriodEnd(0));
    }

    [Fact]
    public void Alerts_fall_180_90_30_and_7_days_before_the_deadline_across_a_leap_year()
    {
        var next = new RenewalTerms(D("2025-06-01"), 36, 12, 3).Next(D("2025-06-01"))!;
        Assert.Equal(D("2028-02-29"), next.Deadline);
        Assert.Equal([D("2027-09-02"), D("2027-12-01"), D("2028-01-30"), D("2028-02-22")], next.Alerts);
    }

    [Fact]
    public void Periods_are_counted_from_the_start_so_month_ends_never_drift()
    {
        var terms = new RenewalTerms(D("2025-01-31"), 1, 1, 0);
        var ends = Enumerable.Range(0, 13).Select(terms.PeriodEnd).ToList();
        // Chained additions would stick to the 28th after February; counted from the start, each month's end returns.
        Assert.Equal(D("2025-03-01"), ends[0]);   // February lacks a 31st: the first period covers all of it
        Assert.Equal(D("2025-03-31"), ends[1]);
        Assert.Equal(D("2025-05-01"), ends[2]);
        Assert.Equal(D("2026-01-31"), ends[11]);
        Assert.Equal(D("2026-03-01"), ends[12]);
    }

    [Theory]
    [InlineData("2025-01-31", 1, "2025-03-01")]
    [InlineData("2024-01-31", 1, "2024-03-01")]
    [InlineData("2024-01-29", 1, "2024-02-29")]
    [InlineData("2025-03-31", -1, "2025-03-01")]
    [InlineData("2026-01-01", -3, "2025-10-01")]
    [InlineData("2024-02-29", 12, "2025-03-01")]
    [InlineData("2024-02-29", 48, "2028-02-29")]
    public void Month_arithmetic_counts_a_short_month_whole(string date, int months, string expected) =>
        Assert.Equal(D(expected), RenewalTerms.AddMonths(D(date), months));

    [Fact]
    public void A_deadline_is_never_later_than_the_day_before_the_notice_months_begin()
    {
        var next = new RenewalTerms(D("2025-03-31"), 12, 12, 1).Next(D("2025-03-31"))!;
        Assert.Equal(D("2026-03-30"), next.LastDayOfPeriod);
        Assert.Equal(D("2026-02-28"), next.Deadline); // a month before 31 March starts on 1 March
    }

    [Fact]
    public void Whatever_the_day_the_next_deadline_is_on_or_after_it_and_before_the_end_it_stops()
    {
        var terms = new[]
        {
            new RenewalTerms(D("2024-02-29"), 12, 12, 3),
            new RenewalTerms(D("2025-01-31"), 6, 1, 2),
            new RenewalTerms(D("2026-05-17"), 48, 24, 6),
            new RenewalTerms(D("2026-01-01"), 24, 6, 9),
        };
        foreach (var contract in terms)
        {
            DateOnly? previous = null;
            for (var today = contract.Start; today < contract.Start.AddYears(8); today = today.AddDays(1))
            {
                var next = contract.Next(today)!;
                Assert.True(next.Deadline >= today);
                Assert.True(next.Deadline < next.LastDayOfPeriod.AddDays(1));
                // The deadline moves only forward, and only once it has passed.
                if (previous is { } before && before != next.Deadline)
                {
                    Assert.True(before < today && next.Deadline > before);
                }

                previous = next.Deadline;
            }
        }
    }

    [Theory]
    [InlineData(0, 12, 1, "initialTermMonths")]
    [InlineData(12, -1, 1, "renewalPeriodMonths")]
    [InlineData(12, 12, -1, "noticeMonths")]
    [InlineData(12, 12, 12, "noticeMonths")]   // notice as long as the term
    [InlineData(6, 12, 7, "noticeMonths")]     // notice longer than the term
    public void Inconsistent_terms_are_refused_naming_the_field(int term, int renewal, int notice, string field) =>
        Assert.Contains(field, new RenewalTerms(D("2026-01-01"), term, renewal, notice).Check().Fields);

    [Fact]
    public void Consistent_terms_pass() => Assert.True(new RenewalTerms(D("2026-01-01"), 36, 12, 3).Check().IsEmpty);

    [Fact]
    public void A_notice_as_long_as_the_term_has_its_code()
    {
        var message = Assert.Single(new RenewalTerms(D("2026-01-01"), 12, 12, 12).Check()["noticeMonths"]);
        Assert.Equal("terms.notice.notShorterThanTerm", message.Code);
        Assert.Equal("The notice period must be shorter than the initial term.", message.English);
        Assert.Equal("Le préavis doit être plus court que la durée initiale.", message.French);
    }
}
