using System.Collections.Concurrent;
using System.Diagnostics;
using Infogerance.Data;
using Infogerance.Messaging;
using Infogerance.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace Infogerance.Benchmarks;

/// <summary>
/// Outbox end to end: events committed by a producer service, published by its dispatcher, consumed (through the
/// inbox) by another service. Prints throughput and the commit → consumed latency percentiles.
/// </summary>
public static class OutboxThroughput
{
    public static async Task<int> RunAsync(int events, int eventsPerTransaction, int eventsPerSecond)
    {
        await using var infrastructure = new TestInfrastructure();
        await infrastructure.InitializeAsync();
        var tenant = Guid.CreateVersion7();
        var run = Guid.NewGuid().ToString("N")[..8];

        await using var consumer = await TestService.StartAsync(infrastructure, $"bench-consumer-{run}", bus => bus.AddConsumer<TimedConsumer>());
        await using var producer = await TestService.StartAsync(infrastructure, $"bench-producer-{run}");

        var committedAt = new ConcurrentDictionary<Guid, long>();
        TimedConsumer.Reset(events);
        var clock = Stopwatch.StartNew();

        // Four writers, as concurrent requests of a service would be; paced when a rate is given.
        var writers = Enumerable.Range(0, 4).Select(writer => Task.Run(async () =>
        {
            for (var transaction = writer; transaction < events / eventsPerTransaction; transaction += 4)
            {
                if (eventsPerSecond > 0)
                {
                    var due = TimeSpan.FromSeconds((double)transaction * eventsPerTransaction / eventsPerSecond);
                    if (due > clock.Elapsed)
                    {
                        await Task.Delay(due - clock.Elapsed);
                    }
                }

                await using var unitOfWork = await producer.Database.BeginAsync(tenant, CancellationToken.None);
                var ids = new List<Guid>(eventsPerTransaction);
                for (var i = 0; i < eventsPerTransaction; i++)
                {
                    var @event = new ItemAdded { TenantId = tenant, ItemId = Guid.CreateVersion7(), Index = transaction * eventsPerTransaction + i };
                    await unitOfWork.AddEventAsync(@event);
                    ids.Add(@event.EventId);
                }

                await unitOfWork.CommitAsync();
                var now = Stopwatch.GetTimestamp();
                ids.ForEach(id => committedAt[id] = now);
            }
        })).ToArray();
        await Task.WhenAll(writers);
        var writeSeconds = clock.Elapsed.TotalSeconds;

        if (!await TimedConsumer.AllConsumed.Task.WaitAsync(TimeSpan.FromMinutes(5)).ContinueWith(t => t.IsCompletedSuccessfully))
        {
            Console.Error.WriteLine($"Only {TimedConsumer.ConsumedAt.Count} of {events} events were consumed within 5 minutes.");
            return 1;
        }

        var totalSeconds = clock.Elapsed.TotalSeconds;
        var latencies = TimedConsumer.ConsumedAt
            .Select(c => Stopwatch.GetElapsedTime(committedAt[c.Key], c.Value).TotalMilliseconds)
            .Order()
            .ToArray();

        Console.WriteLine($"events: {events} in transactions of {eventsPerTransaction}, 4 writers, offered rate: {(eventsPerSecond > 0 ? $"{eventsPerSecond}/s" : "as fast as possible")}");
        Console.WriteLine($"commit rate: {events / writeSeconds:F0} events/s ({writeSeconds:F2} s)");
        Console.WriteLine($"end to end: {events / totalSeconds:F0} events/s committed → consumed ({totalSeconds:F2} s)");
        Console.WriteLine($"latency commit → consumed: p50 {Percentile(latencies, 50):F1} ms, p99 {Percentile(latencies, 99):F1} ms, max {latencies[^1]:F1} ms");
        return 0;
    }

    private static double Percentile(double[] sorted, int percent) => sorted[Math.Min(sorted.Length - 1, sorted.Length * percent / 100)];

    /// <summary>Goes through the real inbox, then notes when each event arrived.</summary>
    private sealed class TimedConsumer(Database database) : IdempotentConsumer<ItemAdded>(database)
    {
        private static int _expected;

        public static ConcurrentDictionary<Guid, long> ConsumedAt { get; } = new();
        public static TaskCompletionSource AllConsumed { get; private set; } = new();

        protected override string ConsumerName => "bench.timed";

        public static void Reset(int expected)
        {
            _expected = expected;
            ConsumedAt.Clear();
            AllConsumed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        protected override Task HandleAsync(ItemAdded @event, UnitOfWork unitOfWork)
        {
            ConsumedAt[@event.EventId] = Stopwatch.GetTimestamp();
            if (ConsumedAt.Count >= _expected)
            {
                AllConsumed.TrySetResult();
            }

            return Task.CompletedTask;
        }
    }
}
