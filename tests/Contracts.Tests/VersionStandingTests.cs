using Infogerance.Contracts.Domain;

namespace Infogerance.Contracts.Tests;

public sealed class VersionStandingTests
{
    private static readonly DateOnly Start = new(2025, 1, 1);

    private static VersionDates V(int number, string status, DateOnly? from) => new(number, status, from);

    [Fact]
    public void An_amendment_in_force_supersedes_the_version_it_amends()
    {
        VersionDates[] versions = [V(1, "active", Start), V(2, "active", Start.AddMonths(6))];

        var statuses = VersionStanding.Statuses(versions, Start.AddMonths(7));

        Assert.Equal("superseded", statuses[1]);
        Assert.Equal("active", statuses[2]);
    }

    [Fact]
    public void Only_one_version_is_in_force_on_any_day()
    {
        VersionDates[] versions =
        [
            V(1, "active", Start), V(2, "active", Start.AddMonths(3)), V(3, "withdrawn", Start.AddMonths(4)),
            V(4, "active", Start.AddMonths(6)), V(5, "proposed", Start.AddMonths(9)),
        ];

        for (var day = Start.AddDays(-10); day < Start.AddYears(1); day = day.AddDays(1))
        {
            var statuses = VersionStanding.Statuses(versions, day);
            Assert.Single(statuses.Values, status => status == "active");
            Assert.Equal(("withdrawn", "proposed"), (statuses[3], statuses[5]));
        }
    }

    [Theory]
    [InlineData("2025-05-31", "active", "scheduled")]   // the day before the amendment takes effect
    [InlineData("2025-06-01", "superseded", "active")]   // its first day
    [InlineData("2024-12-01", "active", "scheduled")]    // before the contract starts, version 1 is the one to read
    public void A_countersigned_amendment_is_scheduled_until_its_effective_date(string today, string first, string second)
    {
        VersionDates[] versions = [V(1, "active", Start), V(2, "active", new DateOnly(2025, 6, 1))];

        var statuses = VersionStanding.Statuses(versions, DateOnly.Parse(today, System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal((first, second), (statuses[1], statuses[2]));
    }

    [Fact]
    public void Without_an_active_version_nothing_is_in_force()
    {
        VersionDates[] versions = [V(1, "draft", null)];

        Assert.Null(VersionStanding.InForce(versions, Start));
        Assert.Equal("draft", VersionStanding.Statuses(versions, Start)[1]);
    }

    [Fact]
    public void The_latest_version_is_the_last_active_one_else_the_draft_never_a_withdrawn_one()
    {
        Assert.Equal(2, VersionStanding.Latest([V(1, "active", Start), V(2, "active", Start.AddMonths(6)), V(3, "proposed", Start.AddMonths(9))]));
        Assert.Equal(1, VersionStanding.Latest([V(1, "draft", null)]));
        Assert.Equal(2, VersionStanding.Latest([V(1, "withdrawn", null), V(2, "draft", null), V(3, "withdrawn", null)]));
        Assert.Null(VersionStanding.Latest([V(1, "withdrawn", null)]));
    }
}
