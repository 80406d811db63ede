using System.Collections.Concurrent;
using Infogerance.IntegrationEvents;
using Infogerance.Validation;
using NodaTime;
using NodaTime.TimeZones;

namespace Infogerance.ServiceLevels;

/// <summary>
/// A contract's service calendar made ready for the SLA clock: when the service is open, as instants.
/// Build it once per calendar (per contract version) and share it: it is immutable from the outside and safe to
/// use from several threads; each year's opening periods are computed on first use and kept.
/// </summary>
/// <remarks>
/// <para>Opening time is real elapsed time inside the weekly intervals of the calendar's IANA zone, on days that
/// are neither a holiday of one of its packs nor one of its closed days; or all time when the calendar is always
/// open (24×7: holidays and closed days then do not apply). An 08:00–18:00 day lasts 10 h on both daylight-saving
/// change days of Europe/Paris (the change is at night), a 00:00–24:00 day lasts 23 h or 25 h.</para>
/// <para>Local opening and closing times are mapped to instants as NodaTime's lenient resolver does for an
/// ambiguous time (autumn: the first occurrence), and a time skipped in spring maps to the end of the gap (so an
/// interval can only shrink, never turn around). <c>24:00</c> is the next day's midnight. Intervals of a day that
/// touch (12:00–14:00 and 14:00–18:00) form one period.</para>
/// <para>The engine counts whole seconds: instants are truncated to the second. Each year's periods live in
/// sorted arrays with running totals, so every question is answered by binary searches: the cost does not grow
/// with the distance between the instants (only by one step per calendar year crossed).</para>
/// </remarks>
public sealed class BusinessCalendar
{
    // Past the last year of NodaTime's and DateOnly's range the year tables cannot be built.
    private const int MaxYear = 9998;

    // A calendar whose weekly intervals all vanish (e.g. only 02:00–03:00 in a zone that skips it every year)
    // would make a search run to year 9998; beyond this many empty years in a row it fails instead.
    private const int MaxEmptyYearsInARow = 3;

    private static readonly ZoneLocalMappingResolver Resolver =
        Resolvers.CreateMappingResolver(Resolvers.ReturnEarlier, Resolvers.ReturnStartOfIntervalAfter);

    private readonly (int Open, int Close)[][] _weekly; // by IsoDayOfWeek - 1; minutes of the day, merged, sorted
    private readonly HashSet<DateOnly> _closedDays;
    private readonly string[] _packs;
    private readonly ConcurrentDictionary<int, YearTable> _years = new();
    private YearTable? _lastYear;

    /// <exception cref="ArgumentException">The zone, a pack or an interval cannot be read, or the calendar has no opening time.</exception>
    public BusinessCalendar(ServiceCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        Zone = DateTimeZoneProviders.Tzdb.GetZoneOrNull(calendar.TimeZone ?? "")
            ?? throw new ArgumentException($"Unknown time zone '{calendar.TimeZone}'.", nameof(calendar));
        AlwaysOpen = calendar.AlwaysOpen;

        var weekly = new List<(int Open, int Close)>[7];
        for (var i = 0; i < 7; i++)
        {
            weekly[i] = [];
        }

        if (!AlwaysOpen)
        {
            foreach (var interval in calendar.Weekly ?? [])
            {
                ArgumentNullException.ThrowIfNull(interval, nameof(calendar));
                var day = ParseDay(interval.Day);
                var open = ParseTime(interval.Open, allowMidnightEnd: false);
                var close = ParseTime(interval.Close, allowMidnightEnd: true);
                if (close <= open)
                {
                    throw new ArgumentException($"The interval {interval.Day} {interval.Open}–{interval.Close} closes before it opens.", nameof(calendar));
                }

                weekly[(int)day - 1].Add((open, close));
            }
        }
        else
        {
            for (var i = 0; i < 7; i++)
            {
                weekly[i].Add((0, 24 * 60));
            }
        }

        _weekly = [.. weekly.Select(Merge)];
        if (_weekly.All(day => day.Length == 0))
        {
            throw new ArgumentException("The calendar has no opening time: give weekly intervals or mark it always open.", nameof(calendar));
        }

        _packs = AlwaysOpen ? [] : [.. (calendar.HolidayPacks ?? []).Distinct()];
        foreach (var pack in _packs)
        {
            if (!HolidayPacks.IsKnown(pack))
            {
                throw new ArgumentException($"Unknown holiday pack '{pack}'.", nameof(calendar));
            }
        }

        _closedDays = AlwaysOpen ? [] : [.. calendar.ClosedDays ?? []];
    }

    public DateTimeZone Zone { get; }

    public bool AlwaysOpen { get; }

    /// <summary>Whether the service is open at <paramref name="instant"/> (an opening time is open, a closing time is not).</summary>
    public bool IsOpen(Instant instant)
    {
        var t = Seconds(instant);
        var year = TableFor(t);
        var k = year.PeriodAtOrBefore(t);
        return k >= 0 && t < year.Ends[k];
    }

    /// <summary><paramref name="instant"/> itself when the service is open then, else the next opening time.</summary>
    public Instant NextOpening(Instant instant) => ToInstant(NextOpening(Seconds(instant)));

    /// <summary>Opening time between two instants, in seconds; 0 when <paramref name="to"/> is not after <paramref name="from"/>.</summary>
    public long OpenSecondsBetween(Instant from, Instant to) => OpenSecondsBetween(Seconds(from), Seconds(to));

    /// <summary>
    /// The earliest instant at which <paramref name="seconds"/> of opening time have passed since
    /// <paramref name="start"/>; <paramref name="start"/> itself for 0. When the count ends exactly at a closing
    /// time, that closing time is the answer (not the next opening).
    /// </summary>
    public Instant AddBusinessTime(Instant start, long seconds) => ToInstant(AddBusinessTime(Seconds(start), seconds, Landing.Earliest));

    /// <summary>
    /// <paramref name="days"/> business days after <paramref name="start"/>. A start outside opening time counts from
    /// the next opening; the due day is then the <paramref name="days"/>-th business day (a day with opening time)
    /// after that opening's day. With <paramref name="endOfWorkingDay"/>, the answer is that day's last closing time.
    /// Otherwise the local time of day of the (effective) start is kept; when the service is not open at that time
    /// on the due day, the answer is the next opening on that day, or the day's last closing time when it has
    /// no opening left after that time.
    /// </summary>
    public Instant AddBusinessDays(Instant start, int days, bool endOfWorkingDay) =>
        ToInstant(AddBusinessDays(Seconds(start), days, endOfWorkingDay).At);

    /// <summary>Whether <paramref name="date"/> has opening time (not a holiday, not a closed day, and open that weekday).</summary>
    public bool IsBusinessDay(LocalDate date)
    {
        var year = Table(date.Year);
        var day = date.DayOfYear - 1;
        return year.DayFirstPeriod[day + 1] > year.DayFirstPeriod[day];
    }

    /// <summary>The opening periods of a local date, as instants, in order.</summary>
    public IReadOnlyList<Interval> OpeningsOn(LocalDate date)
    {
        var year = Table(date.Year);
        var day = date.DayOfYear - 1;
        var periods = new List<Interval>();
        for (var k = year.DayFirstPeriod[day]; k < year.DayFirstPeriod[day + 1]; k++)
        {
            periods.Add(new Interval(ToInstant(year.Starts[k]), ToInstant(year.Ends[k])));
        }

        return periods;
    }

    // ---- The same in Unix seconds, for the clock (no NodaTime structs on the hot path). ----

    internal enum Landing
    {
        /// <summary>A count that ends exactly at a closing time lands on that closing time.</summary>
        Earliest,

        /// <summary>A count that ends at a closing time (or a count of 0 in closed time) lands on the next opening.</summary>
        AtOpening,
    }

    internal static long Seconds(Instant instant) => instant.ToUnixTimeSeconds();

    internal static long Seconds(DateTimeOffset instant) => instant.ToUnixTimeSeconds();

    internal static Instant ToInstant(long seconds) => Instant.FromUnixTimeSeconds(seconds);

    internal long NextOpening(long t) => AddBusinessTime(t, 0, Landing.AtOpening);

    internal long OpenSecondsBetween(long from, long to)
    {
        if (to <= from)
        {
            return 0;
        }

        if (AlwaysOpen)
        {
            return to - from;
        }

        var first = TableFor(from);
        var last = TableFor(to);
        if (first.Year == last.Year)
        {
            return last.OpenSecondsBefore(to) - first.OpenSecondsBefore(from);
        }

        var total = first.Total - first.OpenSecondsBefore(from);
        for (var year = first.Year + 1; year < last.Year; year++)
        {
            total += Table(year).Total;
        }

        return total + last.OpenSecondsBefore(to);
    }

    internal long AddBusinessTime(long start, long seconds, Landing landing)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(seconds);
        if (seconds == 0 && landing == Landing.Earliest)
        {
            return start;
        }

        if (AlwaysOpen)
        {
            return start + seconds;
        }

        var year = TableFor(start);
        var target = year.OpenSecondsBefore(start) + seconds;
        var emptyYears = 0;
        while (landing == Landing.Earliest ? target > year.Total : target >= year.Total)
        {
            target -= year.Total;
            emptyYears = year.Total == 0 ? emptyYears + 1 : 0;
            if (emptyYears > MaxEmptyYearsInARow)
            {
                throw new EndlessCountException(new Message(
                    "calendar.noOpeningForYears", "The calendar has had no opening time for years; the count cannot end.",
                    "Le calendrier n'a eu aucune heure d'ouverture depuis des années ; le décompte ne peut pas aboutir."));
            }

            year = Table(year.Year + 1);
        }

        // The period in which the count ends: the first whose running total reaches the target (Earliest) or
        // passes it (AtOpening, so that a count ending at a closing time moves on to the next opening).
        var k = landing == Landing.Earliest ? year.FirstPeriodEndingAtOrAfter(target) : year.FirstPeriodEndingAfter(target);
        return year.Starts[k] + (target - year.CumulativeBefore[k]);
    }

    internal (long At, Landing Landing) AddBusinessDays(long start, int days, bool endOfWorkingDay)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(days);
        var effectiveStart = NextOpening(start);
        var year = TableFor(effectiveStart);
        var period = year.PeriodAtOrBefore(effectiveStart);
        var day = year.DayOfPeriod(period);
        var timeOfDay = year.SteadyDays[day]
            ? effectiveStart - year.DayStarts[day]
            : ToInstant(effectiveStart).InZone(Zone).TimeOfDay.TickOfDay / NodaConstants.TicksPerSecond;

        // Business days are counted with running totals per year: find the day whose running count reaches
        // the start day's count + days.
        var target = year.BusinessDaysBefore[day + 1] + days;
        var emptyYears = 0;
        while (target > year.BusinessDayCount)
        {
            target -= year.BusinessDayCount;
            emptyYears = year.BusinessDayCount == 0 ? emptyYears + 1 : 0;
            if (emptyYears > MaxEmptyYearsInARow)
            {
                throw new EndlessCountException(new Message(
                    "calendar.noBusinessDayForYears", "The calendar has had no business day for years; the count cannot end.",
                    "Le calendrier n'a eu aucun jour ouvré depuis des années ; le décompte ne peut pas aboutir."));
            }

            year = Table(year.Year + 1);
        }

        var dueDay = days == 0 ? day : year.DayReachingBusinessCount(target);
        var firstPeriod = year.DayFirstPeriod[dueDay];
        var lastPeriod = year.DayFirstPeriod[dueDay + 1] - 1;
        if (endOfWorkingDay)
        {
            return (year.Ends[lastPeriod], Landing.Earliest);
        }

        // Same local time of day on the due day (by arithmetic on a day without an offset change: no allocation).
        var sameTime = year.SteadyDays[dueDay]
            ? year.DayStarts[dueDay] + timeOfDay
            : Seconds(Zone.ResolveLocal(
                new LocalDate(year.Year, 1, 1).PlusDays(dueDay).AtMidnight().PlusSeconds(timeOfDay), Resolver).ToInstant());
        for (var k = firstPeriod; k <= lastPeriod; k++)
        {
            if (sameTime < year.Ends[k])
            {
                return sameTime <= year.Starts[k]
                    ? (year.Starts[k], Landing.AtOpening)
                    : (sameTime, Landing.Earliest);
            }
        }

        return (year.Ends[lastPeriod], Landing.Earliest);
    }

    // ---- Year tables ----

    private YearTable TableFor(long t)
    {
        var last = _lastYear;
        if (last is not null && t >= last.Start && t < last.End)
        {
            return last;
        }

        // The UTC year is the local year, or its neighbour near New Year.
        var utcYear = DateTimeOffset.FromUnixTimeSeconds(t).Year;
        var year = Table(utcYear);
        if (t < year.Start)
        {
            year = Table(utcYear - 1);
        }
        else if (t >= year.End)
        {
            year = Table(utcYear + 1);
        }

        _lastYear = year;
        return year;
    }

    private YearTable Table(int year)
    {
        if (year < HolidayPacks.FirstYear || year > MaxYear)
        {
            throw new ArgumentOutOfRangeException(nameof(year), year, $"The SLA calendar covers the years {HolidayPacks.FirstYear} to {MaxYear}.");
        }

        return _years.GetOrAdd(year, static (y, calendar) => calendar.Build(y), this);
    }

    private YearTable Build(int year)
    {
        var closed = new HashSet<DateOnly>(_closedDays);
        foreach (var pack in _packs)
        {
            foreach (var holiday in HolidayPacks.For(pack, year))
            {
                closed.Add(holiday.Date);
            }
        }

        var first = new LocalDate(year, 1, 1);
        var dayCount = CalendarSystem.Iso.GetDaysInYear(year);
        var starts = new List<long>(dayCount * 2);
        var ends = new List<long>(dayCount * 2);
        var dayFirstPeriod = new int[dayCount + 1];
        var businessDaysBefore = new int[dayCount + 1];
        var dayStarts = new long[dayCount + 1];
        var steadyDays = new bool[dayCount];
        dayStarts[0] = LocalSeconds(first, 0);
        for (var d = 0; d < dayCount; d++)
        {
            var date = first.PlusDays(d);
            dayStarts[d + 1] = LocalSeconds(date.PlusDays(1), 0);
            var offsets = Zone.GetZoneInterval(ToInstant(dayStarts[d]));
            steadyDays[d] = !offsets.HasEnd || offsets.End >= ToInstant(dayStarts[d + 1]);
            dayFirstPeriod[d] = starts.Count;
            if (!closed.Contains(date.ToDateOnly()))
            {
                foreach (var (open, close) in _weekly[(int)date.DayOfWeek - 1])
                {
                    var from = LocalSeconds(date, open);
                    var to = LocalSeconds(date, close);
                    if (to > from)
                    {
                        starts.Add(from);
                        ends.Add(to);
                    }
                }
            }

            businessDaysBefore[d + 1] = businessDaysBefore[d] + (starts.Count > dayFirstPeriod[d] ? 1 : 0);
        }

        dayFirstPeriod[dayCount] = starts.Count;
        var cumulative = new long[starts.Count + 1];
        for (var k = 0; k < starts.Count; k++)
        {
            cumulative[k + 1] = cumulative[k] + (ends[k] - starts[k]);
        }

        return new YearTable(year, [.. starts], [.. ends], cumulative, dayFirstPeriod, businessDaysBefore, dayStarts, steadyDays);
    }

    private long LocalSeconds(LocalDate date, int minuteOfDay) =>
        Seconds(Zone.ResolveLocal(date.AtMidnight().PlusMinutes(minuteOfDay), Resolver).ToInstant());

    /// <summary>
    /// One local year of opening periods (of the local dates of that year, in order, none empty) with running
    /// totals, so that any count inside the year is a binary search.
    /// </summary>
    private sealed class YearTable(
        int year, long[] starts, long[] ends, long[] cumulativeBefore, int[] dayFirstPeriod, int[] businessDaysBefore, long[] dayStarts, bool[] steadyDays)
    {
        public int Year { get; } = year;

        /// <summary>Local midnight of each day, then of the next 1 January.</summary>
        public long[] DayStarts { get; } = dayStarts;

        /// <summary>Whether the zone's offset stays the same all day (local time = instant − midnight).</summary>
        public bool[] SteadyDays { get; } = steadyDays;

        /// <summary>Local midnight of 1 January, then of the next 1 January.</summary>
        public long Start => DayStarts[0];

        public long End => DayStarts[^1];

        public long[] Starts { get; } = starts;
        public long[] Ends { get; } = ends;

        /// <summary>Opening seconds of the year before period k; the last entry is the year's total.</summary>
        public long[] CumulativeBefore { get; } = cumulativeBefore;

        /// <summary>Index of a day's first period; day d's periods are DayFirstPeriod[d] to DayFirstPeriod[d + 1] - 1.</summary>
        public int[] DayFirstPeriod { get; } = dayFirstPeriod;

        /// <summary>Business days of the year before day d; the last entry is the year's count.</summary>
        public int[] BusinessDaysBefore { get; } = businessDaysBefore;

        public long Total => CumulativeBefore[^1];

        public int BusinessDayCount => BusinessDaysBefore[^1];

        /// <summary>The last period starting at or before t, or -1.</summary>
        public int PeriodAtOrBefore(long t)
        {
            int low = 0, high = Starts.Length - 1, found = -1;
            while (low <= high)
            {
                var mid = (low + high) >>> 1;
                if (Starts[mid] <= t)
                {
                    found = mid;
                    low = mid + 1;
                }
                else
                {
                    high = mid - 1;
                }
            }

            return found;
        }

        /// <summary>Opening seconds of the year before t (t inside this year).</summary>
        public long OpenSecondsBefore(long t)
        {
            var k = PeriodAtOrBefore(t);
            return k < 0 ? 0 : CumulativeBefore[k] + Math.Min(t, Ends[k]) - Starts[k];
        }

        /// <summary>The first period k whose running total at its end is at least target (0 &lt; target ≤ Total).</summary>
        public int FirstPeriodEndingAtOrAfter(long target) => LowerBound(CumulativeBefore, 1, target) - 1;

        /// <summary>The first period k whose running total at its end is more than target (0 ≤ target &lt; Total).</summary>
        public int FirstPeriodEndingAfter(long target) => LowerBound(CumulativeBefore, 1, target + 1) - 1;

        /// <summary>The day of a period (the last day whose first period is at or before it).</summary>
        public int DayOfPeriod(int period)
        {
            int low = 0, high = DayFirstPeriod.Length - 2, found = 0;
            while (low <= high)
            {
                var mid = (low + high) >>> 1;
                if (DayFirstPeriod[mid] <= period)
                {
                    found = mid;
                    low = mid + 1;
                }
                else
                {
                    high = mid - 1;
                }
            }

            // Days without periods share their first index with the following day; the last day whose first
            // index is at or before the period is the one that holds it.
            return found;
        }

        /// <summary>The day at the end of which the running count of business days reaches target (1 ≤ target ≤ count).</summary>
        public int DayReachingBusinessCount(int target) => LowerBound(BusinessDaysBefore, 1, target) - 1;

        private static int LowerBound(long[] values, int from, long value)
        {
            int low = from, high = values.Length;
            while (low < high)
            {
                var mid = (low + high) >>> 1;
                if (values[mid] < value)
                {
                    low = mid + 1;
                }
                else
                {
                    high = mid;
                }
            }

            return low;
        }

        private static int LowerBound(int[] values, int from, int value)
        {
            int low = from, high = values.Length;
            while (low < high)
            {
                var mid = (low + high) >>> 1;
                if (values[mid] < value)
                {
                    low = mid + 1;
                }
                else
                {
                    high = mid;
                }
            }

            return low;
        }
    }

    // ---- Parsing (the Contracts service validates calendars; these only refuse what cannot be read) ----

    private static IsoDayOfWeek ParseDay(string? day) => day switch
    {
        "monday" => IsoDayOfWeek.Monday,
        "tuesday" => IsoDayOfWeek.Tuesday,
        "wednesday" => IsoDayOfWeek.Wednesday,
        "thursday" => IsoDayOfWeek.Thursday,
        "friday" => IsoDayOfWeek.Friday,
        "saturday" => IsoDayOfWeek.Saturday,
        "sunday" => IsoDayOfWeek.Sunday,
        _ => throw new ArgumentException($"Unknown day '{day}'; days are monday to sunday in lower case.", "calendar"),
    };

    /// <summary>Minutes since midnight of an <c>HH:mm</c> time; <c>24:00</c> only as a closing time.</summary>
    private static int ParseTime(string? text, bool allowMidnightEnd)
    {
        if (text is { Length: 5 } && char.IsAsciiDigit(text[0]) && char.IsAsciiDigit(text[1]) && text[2] == ':'
            && char.IsAsciiDigit(text[3]) && char.IsAsciiDigit(text[4]))
        {
            var hours = (text[0] - '0') * 10 + (text[1] - '0');
            var minutes = (text[3] - '0') * 10 + (text[4] - '0');
            if (minutes < 60 && (hours < 24 || (allowMidnightEnd && hours == 24 && minutes == 0)))
            {
                return hours * 60 + minutes;
            }
        }

        throw new ArgumentException($"'{text}' is not a time written HH:mm{(allowMidnightEnd ? " (24:00 allowed)" : "")}.", "calendar");
    }

    /// <summary>Sorted, with touching or overlapping intervals joined.</summary>
    private static (int Open, int Close)[] Merge(List<(int Open, int Close)> intervals)
    {
        intervals.Sort();
        var merged = new List<(int Open, int Close)>(intervals.Count);
        foreach (var interval in intervals)
        {
            if (merged.Count > 0 && interval.Open <= merged[^1].Close)
            {
                merged[^1] = (merged[^1].Open, Math.Max(merged[^1].Close, interval.Close));
            }
            else
            {
                merged.Add(interval);
            }
        }

        return [.. merged];
    }
}
