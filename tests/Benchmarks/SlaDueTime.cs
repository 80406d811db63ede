using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Infogerance.ServiceLevels;
using Infogerance.IntegrationEvents;

namespace Infogerance.Benchmarks;

/// <summary>
/// SLA due-time computations (pure CPU, no I/O). The calendar is built once, as the service keeps one per contract
/// version; its year tables are warm after the first call. A 1-hour and a 30-business-day target must cost the
/// same: the engine answers with binary searches over precomputed opening periods, never walking the calendar.
/// </summary>
[MemoryDiagnoser]
public class SlaDueTime
{
    private static readonly (DateTimeOffset From, DateTimeOffset To)[] NoPause = [];
    private static readonly int[] Thresholds = [50, 75];

    private static readonly SlaDuration OneHour = new(1, "hours");
    private static readonly SlaDuration OneBusinessDay = new(1, "businessDays");
    private static readonly SlaDuration ThirtyBusinessDays = new(30, "businessDays");
    private static readonly SlaDuration TwoHundredFiftyBusinessDays = new(250, "businessDays");
    private static readonly SlaDuration ThirtyBusinessDaysEndOfDay = new(30, "businessDays", EndOfWorkingDay: true);
    private static readonly SlaDuration TwoThousandHours = new(2000, "hours");

    // Tuesday 9 June 2026 10:17:23 Paris; Monday 27 April 2026 09:05 Paris, before a May with four weekday
    // holidays (1 May, 8 May, Ascension 14 May, Whit Monday 25 May).
    private static readonly DateTimeOffset June = new(2026, 6, 9, 10, 17, 23, TimeSpan.FromHours(2));
    private static readonly DateTimeOffset BeforeMay = new(2026, 4, 27, 9, 5, 0, TimeSpan.FromHours(2));

    private static readonly (DateTimeOffset From, DateTimeOffset To)[] TwoPauses =
    [
        (new(2026, 6, 9, 11, 0, 0, TimeSpan.FromHours(2)), new(2026, 6, 10, 9, 30, 0, TimeSpan.FromHours(2))),
        (new(2026, 6, 15, 14, 0, 0, TimeSpan.FromHours(2)), new(2026, 6, 16, 16, 0, 0, TimeSpan.FromHours(2))),
    ];

    private static readonly ServiceCalendar Office = new()
    {
        TimeZone = "Europe/Paris",
        Weekly = [.. new[] { "monday", "tuesday", "wednesday", "thursday", "friday" }
            .SelectMany(day => new[] { new OpeningInterval(day, "08:30", "12:00"), new OpeningInterval(day, "13:00", "18:00") })],
        HolidayPacks = [HolidayPacks.France],
    };

    private BusinessCalendar _calendar = null!;

    [GlobalSetup]
    public void Setup()
    {
        _calendar = new BusinessCalendar(Office);
        // Warm the year tables a long target reaches, as a running service would have them.
        _ = SlaClock.DueAt(_calendar, TwoThousandHours, June, NoPause);
    }

    [Benchmark(Baseline = true, Description = "1 hour")]
    public DateTimeOffset DueOneHour() => SlaClock.DueAt(_calendar, OneHour, June, NoPause);

    [Benchmark(Description = "1 business day")]
    public DateTimeOffset DueOneBusinessDay() => SlaClock.DueAt(_calendar, OneBusinessDay, June, NoPause);

    [Benchmark(Description = "30 business days")]
    public DateTimeOffset DueThirtyBusinessDays() => SlaClock.DueAt(_calendar, ThirtyBusinessDays, June, NoPause);

    [Benchmark(Description = "30 business days through May (4 holidays)")]
    public DateTimeOffset DueThirtyBusinessDaysThroughMay() => SlaClock.DueAt(_calendar, ThirtyBusinessDays, BeforeMay, NoPause);

    [Benchmark(Description = "30 business days, end of working day")]
    public DateTimeOffset DueThirtyBusinessDaysEndOfDay() => SlaClock.DueAt(_calendar, ThirtyBusinessDaysEndOfDay, June, NoPause);

    [Benchmark(Description = "250 business days (into next year)")]
    public DateTimeOffset DueTwoHundredFiftyBusinessDays() => SlaClock.DueAt(_calendar, TwoHundredFiftyBusinessDays, June, NoPause);

    [Benchmark(Description = "2,000 business hours (into next year)")]
    public DateTimeOffset DueTwoThousandHours() => SlaClock.DueAt(_calendar, TwoThousandHours, June, NoPause);

    [Benchmark(Description = "30 business days, 2 pauses")]
    public DateTimeOffset DueThirtyBusinessDaysTwoPauses() => SlaClock.DueAt(_calendar, ThirtyBusinessDays, June, TwoPauses);

    [Benchmark(Description = "full clock: 30 business days, 2 pauses, 2 warnings, elapsed at now")]
    public SlaClockResult ComputeThirtyBusinessDays() =>
        SlaClock.Compute(_calendar, ThirtyBusinessDays, June, TwoPauses, null, Thresholds, now: June.AddDays(20));

    [Benchmark(Description = "cold: build the calendar, then 1 hour")]
    public DateTimeOffset ColdCalendarOneHour() => SlaClock.DueAt(new BusinessCalendar(Office), OneHour, June, NoPause);

    /// <summary>A short in-process run (a few seconds per benchmark); BenchmarkDotNet's own arguments pass through.</summary>
    public static int Run(string[] args)
    {
        var config = DefaultConfig.Instance
            .AddJob(Job.ShortRun.WithToolchain(InProcessEmitToolchain.Instance))
            .AddDiagnoser(MemoryDiagnoser.Default)
            .WithArtifactsPath(Path.Combine(Path.GetTempPath(), "infogerance-benchmarks"))
            .WithSummaryStyle(SummaryStyle.Default.WithRatioStyle(BenchmarkDotNet.Columns.RatioStyle.Trend));
        var summary = BenchmarkRunner.Run<SlaDueTime>(config, args);
        return summary.HasCriticalValidationErrors || summary.Reports.Any(report => !report.Success) ? 1 : 0;
    }
}
