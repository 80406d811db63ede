using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Dapper;
using Infogerance.Data;
using Infogerance.Messaging;
using Infogerance.TestSupport;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Infogerance.ServiceDefaults;
using Npgsql;

namespace Infogerance.BuildingBlocks.Tests;

/// <summary>The transactional outbox and the inbox over real PostgreSQL and RabbitMQ.</summary>
public sealed class OutboxInboxTests(TestInfrastructure infrastructure)
{
    private const int EventCount = 1_000;
    private const int EventsPerTransaction = 10;

    [Fact]
    public async Task Exactly_the_committed_events_are_consumed_once_each_across_restarts_and_redeliveries()
    {
        var ct = TestContext.Current.CancellationToken;
        var tenant = Guid.CreateVersion7();
        var run = Guid.NewGuid().ToString("N")[..8];
        var producerDatabase = await infrastructure.CreateDatabaseAsync("producer");
        var published = new ConcurrentDictionary<string, long>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, meters) =>
        {
            if (instrument is { Meter.Name: "Infogerance.Messaging.Outbox", Name: "outbox.published" })
            {
                meters.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, count, tags, _) =>
        {
            foreach (var tag in tags)
            {
                if (tag is { Key: "event_type", Value: string eventType })
                {
                    published.AddOrUpdate(eventType, count, (_, sum) => sum + count);
                }
            }
        });
        listener.Start();

        await using var consumerService = await TestService.StartAsync(infrastructure, $"consumer-{run}", bus => bus.AddConsumer<ItemAddedConsumer>());
        var producer = await TestService.StartAsync(infrastructure, $"producer-{run}", databaseConnectionString: producerDatabase);

        // 1,000 events in transactions of ten; every fourth transaction rolls back with its state change.
        var committed = new HashSet<Guid>();
        async Task WriteTransactionsAsync(TestService service, int from, int to)
        {
            for (var transaction = from; transaction < to; transaction++)
            {
                await using var unitOfWork = await service.Database.BeginAsync(tenant, ct);
                var batch = new List<Guid>();
                for (var i = 0; i < EventsPerTransaction; i++)
                {
                    var index = transaction * EventsPerTransaction + i;
                    var @event = new ItemAdded { TenantId = tenant, ItemId = Guid.CreateVersion7(), Index = index, FailTimes = index % 97 == 0 ? 2 : 0 };
                    await unitOfWork.ExecuteAsync("INSERT INTO items (tenant_id, id, name) VALUES (@TenantId, @ItemId, @Index::text)", @event);
                    await unitOfWork.AddEventAsync(@event);
                    batch.Add(@event.EventId);
                }

                if (transaction % 4 != 3)
                {
                    await unitOfWork.CommitAsync();
                    committed.UnionWith(batch);
                }
            }
        }

        // The dispatcher runs while the first half is written, then its service stops mid-way through the stream.
        const int transactions = EventCount / EventsPerTransaction;
        await WriteTransactionsAsync(producer, 0, transactions / 2);
        await WaitForConsumedAsync(consumerService, tenant, expected: 100, ct);
        await producer.DisposeAsync();

        // While it is down, the second half is written: a producer only needs the database.
        var committedBeforeStop = committed.Count;
        await using (var writer = await TestService.CreateAsync(infrastructure, $"producer-{run}", databaseConnectionString: producerDatabase, messaging: false))
        {
            await WriteTransactionsAsync(writer, transactions / 2, transactions);
        }

        Assert.Equal(750, committed.Count);
        await using (var owner = new NpgsqlConnection(producerDatabase))
        {
            var pending = await owner.ExecuteScalarAsync<int>("SELECT count(*) FROM outbox_messages WHERE sent_at IS NULL");
            Assert.True(pending >= committed.Count - committedBeforeStop, $"{pending} events pending after the stop");
            // As if it had crashed after publishing its last 50 rows but before marking them sent: they go out again.
            await owner.ExecuteAsync("UPDATE outbox_messages SET sent_at = NULL WHERE sequence IN (SELECT sequence FROM outbox_messages WHERE sent_at IS NOT NULL ORDER BY sequence DESC LIMIT 50)");
        }

        // The restarted service's dispatcher finishes the job.
        await using var restarted = await TestService.StartAsync(infrastructure, $"producer-{run}", databaseConnectionString: producerDatabase);

        // And the broker redelivers a message already handled.
        var alreadyHandled = committed.First();
        await consumerService.Services.GetRequiredService<IBus>().Publish(
            new ItemAdded { EventId = alreadyHandled, TenantId = tenant, ItemId = Guid.CreateVersion7(), Index = -1 },
            context => context.MessageId = alreadyHandled, ct);

        await WaitForConsumedAsync(consumerService, tenant, expected: committed.Count, ct);
        // Late duplicates would arrive within moments: give them the chance to show.
        await Task.Delay(TimeSpan.FromSeconds(1), ct);
        var consumed = await ConsumedAsync(consumerService, tenant);

        Assert.Equal(committed.Count, consumed.Count);
        Assert.True(committed.SetEquals(consumed), "the consumed events are exactly the committed ones");
        // The dispatcher counts what it publishes by event type (at least once: the 50 rows sent again count twice).
        Assert.InRange(published.GetValueOrDefault(ItemAdded.Registry.NameOf(typeof(ItemAdded))), committed.Count, long.MaxValue);

        await using (var owner = new NpgsqlConnection(producerDatabase))
        {
            Assert.Equal(0, await owner.ExecuteScalarAsync<int>("SELECT count(*) FROM outbox_messages WHERE sent_at IS NULL"));
            Assert.Equal(750, await owner.ExecuteScalarAsync<int>("SELECT count(*) FROM items"));
        }
    }

    [Fact]
    public async Task A_message_that_keeps_failing_ends_in_the_error_queue_and_leaves_no_effect()
    {
        var ct = TestContext.Current.CancellationToken;
        var tenant = Guid.CreateVersion7();
        var run = Guid.NewGuid().ToString("N")[..8];
        var faulted = new TaskCompletionSource<Guid>(TaskCreationOptions.RunContinuationsAsynchronously);

        await using var consumerService = await TestService.StartAsync(infrastructure, $"consumer-{run}", bus => bus.AddConsumer<ItemAddedConsumer>());
        var errorQueue = $"consumer-{run}-item-added_error";
        var handle = consumerService.Services.GetRequiredService<IBus>().ConnectReceiveEndpoint(errorQueue, endpoint =>
            endpoint.Handler<ItemAdded>(context =>
            {
                faulted.TrySetResult(context.Message.EventId);
                return Task.CompletedTask;
            }));
        await handle.Ready;

        var poison = new ItemAdded { TenantId = tenant, ItemId = Guid.CreateVersion7(), Index = 0, FailTimes = int.MaxValue };
        await consumerService.Services.GetRequiredService<IBus>().Publish(poison, context => context.MessageId = poison.EventId, ct);

        Assert.Equal(poison.EventId, await faulted.Task.WaitAsync(TimeSpan.FromSeconds(60), ct));
        Assert.Empty(await ConsumedAsync(consumerService, tenant));
        await handle.StopAsync(ct);
    }

    [Fact]
    public async Task An_event_of_unknown_type_is_set_aside_without_blocking_the_others()
    {
        var ct = TestContext.Current.CancellationToken;
        var tenant = Guid.CreateVersion7();
        await using var producer = await TestService.StartAsync(infrastructure, $"producer-{Guid.NewGuid():N}"[..17]);

        await using (var unitOfWork = await producer.Database.BeginAsync(tenant, ct))
        {
            await unitOfWork.AddEventAsync(new ItemAdded { TenantId = tenant, ItemId = Guid.CreateVersion7(), Index = 1 });
            await unitOfWork.ExecuteAsync(
                """
                INSERT INTO outbox_messages (event_id, tenant_id, event_type, payload, occurred_at)
                VALUES (gen_random_uuid(), @tenant, 'tests.removed-event.v1', '{}', now())
                """, new { tenant });
            await unitOfWork.AddEventAsync(new ItemAdded { TenantId = tenant, ItemId = Guid.CreateVersion7(), Index = 2 });
            await unitOfWork.CommitAsync();
        }

        await using var owner = new NpgsqlConnection(producer.Settings.OwnerConnectionString);
        List<(string Type, bool Sent, bool Dead)> rows = [];
        for (var attempt = 0; attempt < 100 && !rows.All(r => r.Sent || r.Dead) | rows.Count == 0; attempt++)
        {
            await Task.Delay(100, ct);
            rows = (await owner.QueryAsync<(string, bool, bool)>(
                "SELECT event_type, sent_at IS NOT NULL, dead_at IS NOT NULL FROM outbox_messages ORDER BY sequence")).ToList();
        }

        Assert.Equal([("tests.item-added.v1", true, false), ("tests.removed-event.v1", false, true), ("tests.item-added.v1", true, false)], rows);
    }

    [Fact]
    public async Task A_batch_consumer_applies_each_event_once_and_one_that_fails_holds_back_no_other()
    {
        var ct = TestContext.Current.CancellationToken;
        var tenants = new[] { Guid.CreateVersion7(), Guid.CreateVersion7() };
        var run = Guid.NewGuid().ToString("N")[..8];
        var faulted = new ConcurrentBag<Guid>();

        await using var consumerService = await TestService.StartAsync(infrastructure, $"consumer-{run}", bus => bus.AddConsumer<ItemAddedBatchConsumer>(Batches.Of));
        var handle = consumerService.Services.GetRequiredService<IBus>().ConnectReceiveEndpoint($"consumer-{run}-item-added-batch_error", endpoint =>
            endpoint.Handler<ItemAdded>(context =>
            {
                faulted.Add(context.Message.EventId);
                return Task.CompletedTask;
            }));
        await handle.Ready;

        // 300 events of two tenants at once, one of which can never be applied, then 20 of them delivered again.
        var bus = consumerService.Services.GetRequiredService<IBus>();
        var events = Enumerable.Range(0, 300).Select(index => new ItemAdded
        {
            TenantId = tenants[index % 2], ItemId = Guid.CreateVersion7(), Index = index, FailTimes = index == 150 ? int.MaxValue : 0,
        }).ToList();
        var poison = events[150];
        await Task.WhenAll(events.Concat(events.Take(20)).Select(@event => bus.Publish(@event, context => context.MessageId = @event.EventId, ct)));

        var expected = events.Where(@event => @event != poison).GroupBy(@event => @event.TenantId).ToDictionary(g => g.Key, g => g.Select(e => e.EventId).ToHashSet());
        foreach (var tenant in tenants)
        {
            await WaitForConsumedAsync(consumerService, tenant, expected[tenant].Count, ct);
        }

        // The poison's batch lands in the error queue once its retries are spent; the events applied meanwhile stay applied once.
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (!faulted.Contains(poison.EventId) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(200, ct);
        }

        Assert.Contains(poison.EventId, faulted);
        await Task.Delay(TimeSpan.FromSeconds(1), ct);
        foreach (var tenant in tenants)
        {
            Assert.True(expected[tenant].SetEquals(await ConsumedAsync(consumerService, tenant)), "each event but the poison is applied once");
        }

        // Published at once, they were taken by batches of more than one.
        Assert.Contains(ItemAddedBatchConsumer.BatchSizes, size => size > 1);
        Assert.All(ItemAddedBatchConsumer.BatchSizes, size => Assert.InRange(size, 1, Batches.MessageLimit));
        await handle.StopAsync(ct);
    }

    private static async Task<HashSet<Guid>> WaitForConsumedAsync(TestService consumer, Guid tenant, int expected, CancellationToken ct)
    {
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (true)
        {
            var consumed = await ConsumedAsync(consumer, tenant);
            if (consumed.Count >= expected || DateTime.UtcNow > deadline)
            {
                return consumed;
            }

            await Task.Delay(100, ct);
        }
    }

    /// <summary>Every event id the consumer handled; throws if one was handled twice.</summary>
    private static async Task<HashSet<Guid>> ConsumedAsync(TestService consumer, Guid tenant)
    {
        await using var unitOfWork = await consumer.Database.BeginAsync(tenant, CancellationToken.None);
        var ids = (await unitOfWork.QueryAsync<Guid>("SELECT event_id FROM consumed_events")).ToList();
        var distinct = ids.ToHashSet();
        Assert.True(ids.Count == distinct.Count, $"{ids.Count - distinct.Count} events were handled more than once");
        return distinct;
    }
}
