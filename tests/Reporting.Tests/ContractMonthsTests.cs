using Infogerance.Reporting.Domain;
using NodaTime;
using static Infogerance.Reporting.Tests.Months;

namespace Infogerance.Reporting.Tests;

/// <summary>Which zone cuts a contract's month, and which terms set its targets.</summary>
public class ContractMonthsTests
{
    [Fact]
    public void The_current_month_is_cut_in_the_zone_of_the_terms_in_force()
    {
        var versions = new[] { new TermsVersion(1, new DateOnly(2026, 1, 1), Terms()) };

        // 23:30 UTC on 31 March is already April in Paris.
        var month = ContractMonths.Of(versions, null, At("2026-03-31T23:30:00Z"));

        Assert.Equal(("2026-04", "Europe/Paris", 1), (month.Month.Text, month.Month.Zone.Id, month.Version!.Number));
        Assert.Equal(At("2026-04-01T00:00:00+02:00"), month.Month.Start);
    }

    [Fact]
    public void A_month_takes_the_zone_and_targets_of_the_version_in_force_when_it_starts()
    {
        var versions = new[]
        {
            new TermsVersion(1, new DateOnly(2026, 1, 1), Terms(timeZone: "America/New_York")),
            new TermsVersion(2, new DateOnly(2026, 5, 1), Terms()),
        };

        var march = ContractMonths.Of(versions, new YearMonth(2026, 3), At("2026-06-15T12:00:00Z"));
        var june = ContractMonths.Of(versions, new YearMonth(2026, 6), At("2026-06-15T12:00:00Z"));
        var before = ContractMonths.Of(versions, new YearMonth(2025, 6), At("2026-06-15T12:00:00Z"));

        Assert.Equal((1, "America/New_York"), (march.Version!.Number, march.Month.Zone.Id));
        Assert.Equal(At("2026-03-01T00:00:00-05:00"), march.Month.Start);
        Assert.Equal((2, "Europe/Paris"), (june.Version!.Number, june.Month.Zone.Id));
        Assert.Equal(1, before.Version!.Number);
    }

    [Fact]
    public void Without_terms_months_are_cut_in_UTC()
    {
        var month = ContractMonths.Of([], new YearMonth(2026, 3), At("2026-06-15T12:00:00Z"));

        Assert.Null(month.Version);
        Assert.Equal(At("2026-03-01T00:00:00Z"), month.Month.Start);
    }
}
