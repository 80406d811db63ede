using System.Collections.Concurrent;
using System.Diagnostics;
using Infogerance.Data;
using Infogerance.IntegrationEvents;
using Infogerance.Messaging;

namespace Infogerance.TestSupport;

public sealed record ItemAdded : IntegrationEvent
{
    public required Guid ItemId { get; init; }
    public required int Index { get; init; }

    /// <summary>Makes the consumer fail on its first attempts, to exercise retries and the error queue.</summary>
    public int FailTimes { get; init; }

    /// <summary>The product's events and the tests' own.</summary>
    public static EventTypeRegistry Registry { get; } = new(new Dictionary<string, Type>(IntegrationEventCatalog.Events)
    {
        ["tests.item-added.v1"] = typeof(ItemAdded),
    });
}

/// <summary>Records each event it handles in <c>consumed_events</c>, in the inbox transaction.</summary>
public sealed class ItemAddedConsumer(Database database) : IdempotentConsumer<ItemAdded>(database)
{
    private static readonly ConcurrentDictionary<Guid, int> Attempts = new();

    protected override string ConsumerName => "tests.item-added";

    protected override async Task HandleAsync(ItemAdded @event, UnitOfWork unitOfWork)
    {
        await unitOfWork.ExecuteAsync(
            "INSERT INTO consumed_events (tenant_id, event_id, trace_id) VALUES (@TenantId, @EventId, @TraceId)",
            new { @event.TenantId, @event.EventId, TraceId = Activity.Current?.TraceId.ToString() });

        // Fails after the effect was written: the rollback must undo it together with the inbox row.
        if (Attempts.AddOrUpdate(@event.EventId, 1, (_, n) => n + 1) <= @event.FailTimes)
        {
            throw new InvalidOperationException($"Planned failure of event {@event.Index}.");
        }
    }
}

/// <summary>
/// Records the events of each batch it handles in <c>consumed_events</c>, in the inbox transaction, as
/// <see cref="ItemAddedConsumer"/> does one event; and remembers the size of every batch it was given.
/// </summary>
public sealed class ItemAddedBatchConsumer(Database database) : IdempotentBatchConsumer<ItemAdded>(database)
{
    private static readonly ConcurrentDictionary<Guid, int> Attempts = new();

    public static ConcurrentBag<int> BatchSizes { get; } = [];

    protected override string ConsumerName => "tests.item-added-batch";

    protected override async Task HandleAsync(IReadOnlyList<ItemAdded> events, UnitOfWork unitOfWork)
    {
        BatchSizes.Add(events.Count);
        foreach (var @event in events)
        {
            await unitOfWork.ExecuteAsync(
                "INSERT INTO consumed_events (tenant_id, event_id, trace_id) VALUES (@TenantId, @EventId, @TraceId)",
                new { @event.TenantId, @event.EventId, TraceId = Activity.Current?.TraceId.ToString() });
            if (Attempts.AddOrUpdate(@event.EventId, 1, (_, n) => n + 1) <= @event.FailTimes)
            {
                throw new InvalidOperationException($"Planned failure of event {@event.Index}.");
            }
        }
    }
}
