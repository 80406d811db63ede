using Infogerance.ServiceLevels;

namespace Infogerance.BuildingBlocks.Tests.ServiceLevels;

public class HolidayPacksTests
{
    [Theory]
    [InlineData(2024, "2024-03-31")]
    [InlineData(2025, "2025-04-20")]
    [InlineData(2026, "2026-04-05")]
    [InlineData(2027, "2027-03-28")]
    [InlineData(2028, "2028-04-16")]
    [InlineData(2029, "2029-04-01")]
    [InlineData(2030, "2030-04-21")]
    [InlineData(2031, "2031-04-13")]
    [InlineData(2032, "2032-03-28")]
    [InlineData(2033, "2033-04-17")]
    [InlineData(2034, "2034-04-09")]
    [InlineData(2035, "2035-03-25")]
    // Edges of the rule: the earliest (22 March) and latest (25 April) possible dates, and centuries.
    [InlineData(1818, "1818-03-22")]
    [InlineData(2285, "2285-03-22")]
    [InlineData(1943, "1943-04-25")]
    [InlineData(2038, "2038-04-25")]
    [InlineData(1900, "1900-04-15")]
    [InlineData(2000, "2000-04-23")]
    [InlineData(2100, "2100-03-28")]
    public void Easter_sunday_matches_the_published_dates(int year, string expected)
    {
        Assert.Equal(DateOnly.Parse(expected), HolidayPacks.EasterSunday(year));
        Assert.Equal(DayOfWeek.Sunday, HolidayPacks.EasterSunday(year).DayOfWeek);
    }

    [Fact]
    public void France_2027_is_the_eleven_holidays_in_date_order_with_their_french_names()
    {
        var holidays = HolidayPacks.For(HolidayPacks.France, 2027).Select(h => $"{h.Date:yyyy-MM-dd} {h.Name}");
        Assert.Equal(
            [
                "2027-01-01 Jour de l’an",
                "2027-03-29 Lundi de Pâques",
                "2027-05-01 Fête du Travail",
                "2027-05-06 Ascension",
                "2027-05-08 Victoire 1945",
                "2027-05-17 Lundi de Pentecôte",
                "2027-07-14 Fête nationale",
                "2027-08-15 Assomption",
                "2027-11-01 Toussaint",
                "2027-11-11 Armistice 1918",
                "2027-12-25 Noël",
            ],
            holidays);
    }

    [Fact]
    public void Alsace_moselle_adds_good_friday_and_saint_stephen()
    {
        var national = HolidayPacks.For(HolidayPacks.France, 2026);
        var alsace = HolidayPacks.For(HolidayPacks.AlsaceMoselle, 2026);
        Assert.Equal(13, alsace.Count);
        Assert.Equal(
            ["2026-04-03 Vendredi saint", "2026-12-26 Saint-Étienne"],
            alsace.Except(national).Select(h => $"{h.Date:yyyy-MM-dd} {h.Name}"));
        Assert.Equal(alsace.OrderBy(h => h.Date), alsace);
    }

    [Fact]
    public void Every_year_from_2024_to_2035_has_its_easter_based_holidays_on_the_right_weekday()
    {
        for (var year = 2024; year <= 2035; year++)
        {
            var easter = HolidayPacks.EasterSunday(year);
            var holidays = HolidayPacks.For(HolidayPacks.AlsaceMoselle, year).ToDictionary(h => h.Name, h => h.Date);
            Assert.Equal(13, holidays.Count);
            Assert.Equal(easter.AddDays(-2), holidays["Vendredi saint"]);
            Assert.Equal(DayOfWeek.Friday, holidays["Vendredi saint"].DayOfWeek);
            Assert.Equal(easter.AddDays(1), holidays["Lundi de Pâques"]);
            Assert.Equal(DayOfWeek.Monday, holidays["Lundi de Pâques"].DayOfWeek);
            Assert.Equal(easter.AddDays(39), holidays["Ascension"]);
            Assert.Equal(DayOfWeek.Thursday, holidays["Ascension"].DayOfWeek);
            Assert.Equal(easter.AddDays(50), holidays["Lundi de Pentecôte"]);
            Assert.Equal(DayOfWeek.Monday, holidays["Lundi de Pentecôte"].DayOfWeek);
            Assert.Equal(new DateOnly(year, 7, 14), holidays["Fête nationale"]);
            Assert.Equal(new DateOnly(year, 12, 26), holidays["Saint-Étienne"]);
            Assert.Equal(11, HolidayPacks.For(HolidayPacks.France, year).Count);
            Assert.All(HolidayPacks.For(HolidayPacks.France, year), h => Assert.Equal(year, h.Date.Year));
        }
    }

    [Theory]
    [InlineData(2024, "2024-04-01", "2024-05-09", "2024-05-20")]
    [InlineData(2025, "2025-04-21", "2025-05-29", "2025-06-09")]
    [InlineData(2026, "2026-04-06", "2026-05-14", "2026-05-25")]
    [InlineData(2030, "2030-04-22", "2030-05-30", "2030-06-10")]
    [InlineData(2035, "2035-03-26", "2035-05-03", "2035-05-14")]
    public void Movable_holidays_match_the_official_calendar(int year, string easterMonday, string ascension, string whitMonday)
    {
        var holidays = HolidayPacks.For(HolidayPacks.France, year).ToDictionary(h => h.Name, h => h.Date);
        Assert.Equal(DateOnly.Parse(easterMonday), holidays["Lundi de Pâques"]);
        Assert.Equal(DateOnly.Parse(ascension), holidays["Ascension"]);
        Assert.Equal(DateOnly.Parse(whitMonday), holidays["Lundi de Pentecôte"]);
    }

    [Fact]
    public void Two_holidays_on_one_date_are_both_listed()
    {
        // Easter 2008 was on 23 March: Ascension fell on 1 May.
        var onFirstOfMay = HolidayPacks.For(HolidayPacks.France, 2008).Where(h => h.Date == new DateOnly(2008, 5, 1)).Select(h => h.Name);
        Assert.Equal(["Fête du Travail", "Ascension"], onFirstOfMay);
    }

    [Fact]
    public void Years_are_cached_and_read_only()
    {
        var first = HolidayPacks.For(HolidayPacks.France, 2031);
        Assert.Same(first, HolidayPacks.For(HolidayPacks.France, 2031));
        Assert.Throws<NotSupportedException>(() => ((IList<Holiday>)first).Add(new Holiday(new DateOnly(2031, 6, 1), "x")));
        Assert.Equal([HolidayPacks.France, HolidayPacks.AlsaceMoselle], HolidayPacks.All);
    }

    [Fact]
    public void Unknown_packs_and_years_outside_the_gregorian_rule_are_refused()
    {
        Assert.Throws<ArgumentException>(() => HolidayPacks.For("DE", 2027));
        Assert.Throws<ArgumentException>(() => HolidayPacks.For("fr", 2027));
        Assert.Throws<ArgumentOutOfRangeException>(() => HolidayPacks.For(HolidayPacks.France, 1500));
        Assert.Throws<ArgumentOutOfRangeException>(() => HolidayPacks.EasterSunday(10_000));
    }
}
