using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Infogerance.IntegrationEvents;
using Infogerance.Invoicing.Domain;

namespace Infogerance.Benchmarks;

/// <summary>
/// A month's penalty statement (pure CPU, no I/O) for a very large contract: 10,000 breaches and 50,000 completed
/// clocks (each with its ticket and completion, 5 % of them completed again after a reopening, so that the
/// latest-completion rule does its work), 20 services, every kind of rule. The figures are fixed by a seed.
/// </summary>
[MemoryDiagnoser]
public class PenaltyStatementMonth
{
    private const int BreachCount = 10_000;
    private const int ClockCount = 50_000;

    private static readonly string[] Priorities = ["P1", "P2", "P3", "P4"];
    private static readonly string[] Clocks = [SlaClocks.Respond, SlaClocks.Resolve];

    private static readonly PenaltyRules Rules = new()
    {
        PerBreach =
        [
            new("P1", PenaltyKinds.Fixed, 500m, SlaClocks.Resolve), new("P1", PenaltyKinds.Fixed, 200m),
            new("P2", PenaltyKinds.PercentOfFee, 0.5m, SlaClocks.Resolve), new("P2", PenaltyKinds.PercentOfFee, 0.25m),
            new("P3", PenaltyKinds.Fixed, 50m), new("P4", PenaltyKinds.Fixed, 10m, SlaClocks.Resolve),
        ],
        MonthlyFreeBreaches = 5,
        SuccessRateTargets = [.. Priorities.SelectMany(p => Clocks.Select(c => new SuccessRateTarget(p, c, 95m, 0.5m, 5m)))],
        AvailabilityBands = [new(99.5m, 5m), new(99m, 10m), new(98m, 20m)],
        MonthlyCapPercent = 25m,
        AnnualCapPercent = 12m,
        MinimumTotal = 100m,
    };

    private StatementInput _input = null!;
    private PenaltyPreviewRequest _request = null!;

    [GlobalSetup]
    public void Setup()
    {
        var month = StatementMonth.Of(2027, 3, "Europe/Paris");
        var start = month.Start.ToDateTimeOffset();
        var seconds = (int)(month.End - month.Start).TotalSeconds;
        var random = new Random(14);

        var breaches = new PenaltyBreach[BreachCount];
        for (var i = 0; i < breaches.Length; i++)
        {
            breaches[i] = new PenaltyBreach(random.Next(1, 40_000), Priorities[random.Next(4)], Clocks[random.Next(2)], start.AddSeconds(random.Next(seconds)));
        }

        var clocks = new List<CompletedClock>(ClockCount);
        for (var ticket = 1; clocks.Count < ClockCount; ticket++)
        {
            var priority = Priorities[random.Next(4)];
            var clock = Clocks[random.Next(2)];
            var completedAt = start.AddSeconds(random.Next(seconds - 86_400));
            clocks.Add(new CompletedClock(priority, clock, random.Next(100) < 93, ticket, completedAt));
            if (random.Next(100) < 5 && clocks.Count < ClockCount)
            {
                clocks.Add(new CompletedClock(priority, clock, random.Next(100) < 50, ticket, completedAt.AddHours(12)));
            }
        }

        var services = Enumerable.Range(1, 20).Select(i => new ServiceAvailability($"S{i}", 97m + random.Next(300) / 100m)).ToArray();
        _input = new StatementInput(month, 13_200m, Rules, breaches, clocks, services, 40_000m);
        _request = new PenaltyPreviewRequest(
            month.Text,
            13_200m,
            Rules,
            [.. breaches.Select(b => new PreviewBreach(b.Ticket, b.Priority, b.Clock, b.BreachedAt))],
            [.. clocks.Select(c => new PreviewClock(c.Priority, c.Clock, c.Met, c.Ticket, c.CompletedAt))],
            [.. services.Select(s => new PreviewAvailability(s.Service, s.Percent))],
            40_000m);
    }

    [Benchmark(Baseline = true, Description = "statement: 10,000 breaches, 50,000 clocks")]
    public PenaltyStatementResult Statement() => PenaltyStatement.Compute(_input);

    [Benchmark(Description = "preview: checks, then the statement")]
    public PenaltyStatementResult? Preview() => PenaltyPreview.Check(_request).Input is { } input ? PenaltyStatement.Compute(input) : null;

    /// <summary>A short in-process run; BenchmarkDotNet's own arguments pass through.</summary>
    public static int Run(string[] args)
    {
        var summary = BenchmarkRunner.Run<PenaltyStatementMonth>(
            DefaultConfig.Instance
                .AddJob(Job.ShortRun.WithToolchain(InProcessEmitToolchain.Instance))
                .AddDiagnoser(MemoryDiagnoser.Default)
                .WithArtifactsPath(Path.Combine(Path.GetTempPath(), "infogerance-benchmarks")),
            args);
        return summary.HasCriticalValidationErrors || summary.Reports.Any(report => !report.Success) ? 1 : 0;
    }
}
