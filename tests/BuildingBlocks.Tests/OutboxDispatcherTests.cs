using System.Collections.Concurrent;
using System.Reflection;
using Dapper;
using Infogerance.Data;
using Infogerance.Messaging;
using Infogerance.TestSupport;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Infogerance.BuildingBlocks.Tests;

/// <summary>
/// The dispatcher never waits for ever on the broker. A publish on a channel that died under it (a <c>kill -9</c> of
/// RabbitMQ, in the fault benchmark) waited for a confirmation that never came, and with it every later event of the
/// service. The real broker cannot be made to do so on demand, so this bus confirms all publishes but the ones told to
/// hang, and ignores their cancellation.
/// </summary>
public sealed class OutboxDispatcherTests(TestInfrastructure infrastructure)
{
    [Fact]
    public async Task A_publish_the_broker_never_confirms_leaves_its_row_pending_for_the_next_batch()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var db = await TestService.CreateAsync(infrastructure, "outbox-dispatcher", messaging: false);
        var tenant = Guid.CreateVersion7();
        var events = Enumerable.Range(0, 3).Select(index => new ItemAdded { TenantId = tenant, ItemId = Guid.CreateVersion7(), Index = index }).ToList();
        await using (var unitOfWork = await db.Database.BeginAsync(tenant, ct))
        {
            foreach (var @event in events)
            {
                await unitOfWork.AddEventAsync(@event);
            }

            await unitOfWork.CommitAsync();
        }

        var bus = DispatchProxy.Create<IBus, SilentBroker>();
        var broker = (SilentBroker)(object)bus;
        broker.Silent.TryAdd(events[1].EventId, true);
        var dispatcher = new OutboxDispatcher(
            db.Services.GetRequiredService<NpgsqlDataSource>(), bus, db.Services.GetRequiredService<EventTypeRegistry>(), new OutboxSignal(),
            Options.Create(new OutboxOptions { PublishTimeout = TimeSpan.FromSeconds(1) }), TimeProvider.System, NullLogger<OutboxDispatcher>.Instance);

        // The batch gives up on the silent publish after its timeout, keeps what was confirmed, and says it failed.
        var failed = await Assert.ThrowsAsync<OutboxPublishException>(() => dispatcher.DispatchBatchAsync(ct).WaitAsync(TimeSpan.FromSeconds(30), ct));
        Assert.IsType<TimeoutException>(failed.InnerException);
        await using var owner = new NpgsqlConnection(db.Settings.OwnerConnectionString);
        const string Rows = "SELECT event_id, sent_at IS NOT NULL, attempts, last_error FROM outbox_messages ORDER BY sequence";
        var rows = (await owner.QueryAsync<(Guid EventId, bool Sent, int Attempts, string? Error)>(Rows)).ToList();
        Assert.Equal([true, false, true], rows.Select(r => r.Sent));
        Assert.Equal(1, rows[1].Attempts);
        Assert.Contains("did not confirm", rows[1].Error);

        // The broker answers again: the next batch publishes the row left pending.
        broker.Silent.Clear();
        Assert.Equal(1, await dispatcher.DispatchBatchAsync(ct));
        Assert.All(await owner.QueryAsync<(Guid, bool Sent, int, string?)>(Rows), row => Assert.True(row.Sent));
        Assert.Equal([events[0].EventId, events[2].EventId, events[1].EventId], broker.Confirmed);
    }

    /// <summary>A bus whose publishes of the <see cref="Silent"/> events never end; the others are confirmed at once.</summary>
    public class SilentBroker : DispatchProxy
    {
        public ConcurrentDictionary<Guid, bool> Silent { get; } = new();

        public ConcurrentQueue<Guid> Confirmed { get; } = new();

        protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
        {
            if (targetMethod?.Name != nameof(IPublishEndpoint.Publish) || args?[0] is not ItemAdded @event)
            {
                throw new NotSupportedException($"The dispatcher only publishes: {targetMethod?.Name}.");
            }

            if (Silent.ContainsKey(@event.EventId))
            {
                return new TaskCompletionSource().Task;
            }

            Confirmed.Enqueue(@event.EventId);
            return Task.CompletedTask;
        }
    }
}
