using System.Collections.Concurrent;
using System.Collections.ObjectModel;

namespace Infogerance.ServiceLevels;

/// <summary>A public holiday of a pack, named in French as the SPA and the holidays endpoint show it.</summary>
public sealed record Holiday(DateOnly Date, string Name);

/// <summary>
/// Holiday packs computed from the year, never listed by hand: <c>FR</c> holds the eleven metropolitan public
/// holidays (the Easter-based ones included); <c>FR-ALSACE-MOSELLE</c> holds those eleven plus Good Friday and
/// 26 December (local law of Alsace and Moselle).
/// </summary>
public static class HolidayPacks
{
    public const string France = "FR";
    public const string AlsaceMoselle = "FR-ALSACE-MOSELLE";

    /// <summary>The Gregorian Easter rule holds from 1583; DateOnly ends in 9999.</summary>
    public const int FirstYear = 1583;
    public const int LastYear = 9999;

    public static IReadOnlyList<string> All { get; } = new ReadOnlyCollection<string>([France, AlsaceMoselle]);

    private static readonly ConcurrentDictionary<(string Pack, int Year), IReadOnlyList<Holiday>> Cache = new();

    public static bool IsKnown(string? pack) => pack is France or AlsaceMoselle;

    /// <summary>
    /// The pack's holidays of <paramref name="year"/> in date order. Two holidays can fall on the same date
    /// (Ascension was on 1 May in 2008): both are listed, each under its own name.
    /// </summary>
    /// <exception cref="ArgumentException">The pack is unknown.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The year is outside <see cref="FirstYear"/>–<see cref="LastYear"/>.</exception>
    public static IReadOnlyList<Holiday> For(string pack, int year)
    {
        ArgumentNullException.ThrowIfNull(pack);
        if (!IsKnown(pack))
        {
            throw new ArgumentException($"Unknown holiday pack '{pack}'; the packs are {string.Join(", ", All)}.", nameof(pack));
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(year, FirstYear);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(year, LastYear);
        return Cache.GetOrAdd((pack, year), static key => Compute(key.Pack, key.Year));
    }

    /// <summary>Easter Sunday of the Gregorian calendar (the anonymous algorithm, also known as Meeus/Jones/Butcher).</summary>
    public static DateOnly EasterSunday(int year)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(year, FirstYear);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(year, LastYear);
        var a = year % 19;
        var b = year / 100;
        var c = year % 100;
        var d = b / 4;
        var e = b % 4;
        var f = (b + 8) / 25;
        var g = (b - f + 1) / 3;
        var h = (19 * a + b - d - g + 15) % 30;
        var i = c / 4;
        var k = c % 4;
        var l = (32 + 2 * e + 2 * i - h - k) % 7;
        var m = (a + 11 * h + 22 * l) / 451;
        var month = (h + l - 7 * m + 114) / 31;
        var day = (h + l - 7 * m + 114) % 31 + 1;
        return new DateOnly(year, month, day);
    }

    private static IReadOnlyList<Holiday> Compute(string pack, int year)
    {
        var easter = EasterSunday(year);
        var holidays = new List<Holiday>(13)
        {
            new(new DateOnly(year, 1, 1), "Jour de l’an"),
            new(easter.AddDays(1), "Lundi de Pâques"),
            new(new DateOnly(year, 5, 1), "Fête du Travail"),
            new(new DateOnly(year, 5, 8), "Victoire 1945"),
            new(easter.AddDays(39), "Ascension"),
            new(easter.AddDays(50), "Lundi de Pentecôte"),
            new(new DateOnly(year, 7, 14), "Fête nationale"),
            new(new DateOnly(year, 8, 15), "Assomption"),
            new(new DateOnly(year, 11, 1), "Toussaint"),
            new(new DateOnly(year, 11, 11), "Armistice 1918"),
            new(new DateOnly(year, 12, 25), "Noël"),
        };

        if (pack == AlsaceMoselle)
        {
            holidays.Add(new(easter.AddDays(-2), "Vendredi saint"));
            holidays.Add(new(new DateOnly(year, 12, 26), "Saint-Étienne"));
        }

        // Stable sort: on a shared date the fixed-date holiday stays first, as listed above.
        return new ReadOnlyCollection<Holiday>([.. holidays.OrderBy(holiday => holiday.Date)]);
    }
}
