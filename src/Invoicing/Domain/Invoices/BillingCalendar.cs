using System.Globalization;
using Infogerance.Documents;
using Infogerance.IntegrationEvents;

namespace Infogerance.Invoicing.Domain;

/// <summary>Calendar days of billing periods: their months, their lengths, and the monthly fee prorated over them.</summary>
public static class BillingCalendar
{
    /// <summary>The month of a day as <c>yyyy-MM</c>, as statements and approved work units name it.</summary>
    public static string MonthOf(DateOnly day) => day.ToString("yyyy-MM", CultureInfo.InvariantCulture);

    /// <summary>Days from <paramref name="first"/> to <paramref name="last"/>, both included (0 when reversed).</summary>
    public static int Days(DateOnly first, DateOnly last) => Math.Max(0, last.DayNumber - first.DayNumber + 1);

    public static int Days(InvoicePeriod period) => Days(period.Start, period.End);

    public static DateOnly FirstOfMonth(DateOnly day) => new(day.Year, day.Month, 1);

    public static DateOnly LastOfMonth(DateOnly day) => new(day.Year, day.Month, DateTime.DaysInMonth(day.Year, day.Month));

    /// <summary>One calendar month, from its 1st to its last day.</summary>
    public static bool IsWholeMonth(InvoicePeriod period) =>
        period.Start.Day == 1 && period.End == LastOfMonth(period.Start);

    /// <summary>From the 1st of a month to the last day of the same or a later month.</summary>
    public static bool IsWholeMonths(InvoicePeriod period) =>
        period.Start.Day == 1 && period.End == LastOfMonth(period.End) && period.End >= period.Start;

    /// <summary>The part of each calendar month the period covers, in order.</summary>
    public static IEnumerable<InvoicePeriod> MonthsOf(InvoicePeriod period)
    {
        for (var first = period.Start; first <= period.End; first = LastOfMonth(first).AddDays(1))
        {
            var last = LastOfMonth(first);
            yield return new InvoicePeriod(first, last < period.End ? last : period.End);
        }
    }

    /// <summary>
    /// The monthly fee due for a period: for each calendar month it covers, the fee in force each day it bills, times
    /// the days at that fee, divided by the days in the month, to the cent; then summed. A whole month at one fee is
    /// that fee; a revision inside a month splits it by days between the two fees.
    /// </summary>
    public static decimal ProratedMonthlyFee(InvoicePeriod period, PriceBook prices)
    {
        ArgumentNullException.ThrowIfNull(period);
        ArgumentNullException.ThrowIfNull(prices);
        var total = 0m;
        foreach (var month in MonthsOf(period))
        {
            var feeDays = 0m;
            for (var day = month.Start; day <= month.End;)
            {
                var change = prices.NextChangeAfter(day);
                var last = change is { } next && next <= month.End ? next.AddDays(-1) : month.End;
                feeDays += prices.On(day).AgreedFee() * Days(day, last);
                day = last.AddDays(1);
            }

            total += PenaltyStatement.Cents(feeDays / DateTime.DaysInMonth(month.Start.Year, month.Start.Month));
        }

        return total;
    }
}

/// <summary>
/// A contract's prices in force by date. On a day before the first entry, the first entry's prices apply: the period
/// check says such a day is outside the contract, so the price checks only compare prices.
/// </summary>
public sealed class PriceBook
{
    private readonly DatedPrices[] _byDate;
    private readonly Dictionary<string, WorkUnitPrice>[] _unitsByKey;
    private readonly Dictionary<string, WorkUnitPrice>[] _unitsByCode;

    public PriceBook(IEnumerable<DatedPrices> prices)
    {
        ArgumentNullException.ThrowIfNull(prices);
        _byDate = [.. prices.OrderBy(entry => entry.EffectiveOn)];
        _unitsByKey = [.. _byDate.Select(entry => entry.Prices.WorkUnits
            .GroupBy(unit => Labels.Key(unit.Code), StringComparer.Ordinal)
            .ToDictionary(group => group.Key, group => group.First(), StringComparer.Ordinal))];
        _unitsByCode = [.. _byDate.Select(entry => entry.Prices.WorkUnits
            .DistinctBy(unit => unit.Code, StringComparer.Ordinal)
            .ToDictionary(unit => unit.Code, StringComparer.Ordinal))];
    }

    public bool IsEmpty => _byDate.Length == 0;

    /// <summary>The prices in force on a day (the book must not be empty).</summary>
    public PriceSchedule On(DateOnly day) => _byDate[IndexOn(day)].Prices;

    /// <summary>A work unit's price in force on a day, looked up by its code written any way, or null.</summary>
    public WorkUnitPrice? WorkUnitOn(string code, DateOnly day)
    {
        if (IsEmpty)
        {
            return null;
        }

        // The code as the schedule spells it first (what recognition gives), else written any other way.
        var index = IndexOn(day);
        return _unitsByCode[index].GetValueOrDefault(code) ?? _unitsByKey[index].GetValueOrDefault(Labels.Key(code));
    }

    /// <summary>The first day after <paramref name="day"/> on which other prices take effect, or null.</summary>
    public DateOnly? NextChangeAfter(DateOnly day)
    {
        foreach (var entry in _byDate)
        {
            if (entry.EffectiveOn > day)
            {
                return entry.EffectiveOn;
            }
        }

        return null;
    }

    private int IndexOn(DateOnly day)
    {
        var index = 0;
        for (var i = 1; i < _byDate.Length && _byDate[i].EffectiveOn <= day; i++)
        {
            index = i;
        }

        return index;
    }
}
