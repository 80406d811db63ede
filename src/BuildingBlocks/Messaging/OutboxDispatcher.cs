using System.Diagnostics;
using System.Diagnostics.Metrics;
using Dapper;
using Infogerance.Data;
using MassTransit;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Infogerance.Messaging;

/// <summary>
/// Publishes committed outbox rows to RabbitMQ in sequence order (pipelined, with publisher confirms) and marks them sent. Rows are claimed with
/// <c>FOR UPDATE SKIP LOCKED</c>, so several replicas share the work without publishing a row twice at once.
/// A crash between publish and commit republishes the row: consumers de-duplicate through the inbox.
/// </summary>
public sealed partial class OutboxDispatcher(
    NpgsqlDataSource dataSource,
    IBus bus,
    EventTypeRegistry events,
    OutboxSignal signal,
    IOptions<OutboxOptions> options,
    TimeProvider clock,
    ILogger<OutboxDispatcher> logger) : BackgroundService
{
    public static readonly ActivitySource ActivitySource = new("Infogerance.Messaging.Outbox");
    private static readonly Meter Meter = new("Infogerance.Messaging.Outbox");
    // Tagged by event type, it counts what happens in the business too: tickets opened, SLA breaches, contracts signed.
    private static readonly Counter<long> Published = Meter.CreateCounter<long>("outbox.published", description: "Outbox events published to the broker, by event type");
    private static readonly Counter<long> Failures = Meter.CreateCounter<long>("outbox.publish_failures", description: "Failed publish attempts");
    private static readonly Histogram<double> Lag = Meter.CreateHistogram<double>("outbox.lag", unit: "s", description: "Time from commit to publish");

    private readonly OutboxOptions _options = options.Value;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var backoff = _options.InitialBackoff;
        var nextPurge = clock.GetUtcNow();
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (clock.GetUtcNow() >= nextPurge)
                {
                    await PurgeAsync(stoppingToken);
                    nextPurge = clock.GetUtcNow() + _options.PurgeInterval;
                }

                var published = await DispatchBatchAsync(stoppingToken);
                backoff = _options.InitialBackoff;
                if (published < _options.BatchSize)
                {
                    await signal.WaitAsync(_options.PollInterval, stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                LogDispatchFailed(ex, backoff);
                await Task.Delay(backoff, clock, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, _options.MaxBackoff.Ticks));
            }
        }
    }

    /// <summary>Publishes one batch; returns how many rows it took (published or dead-lettered).</summary>
    public async Task<int> DispatchBatchAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var rows = (await connection.QueryAsync<OutboxRow>(new CommandDefinition(
            """
            SELECT sequence, event_id, event_type, payload::text AS payload, trace_parent, trace_state, created_at
            FROM outbox_messages
            WHERE sent_at IS NULL AND dead_at IS NULL
            ORDER BY sequence
            LIMIT @BatchSize
            FOR UPDATE SKIP LOCKED
            """,
            new { _options.BatchSize }, transaction, cancellationToken: cancellationToken))).ToList();

        var dead = new List<(long Sequence, string Error)>();
        var publishable = new List<(OutboxRow Row, Type Type)>(rows.Count);
        foreach (var row in rows)
        {
            if (events.TryGetType(row.EventType, out var type))
            {
                publishable.Add((row, type));
            }
            else
            {
                // Published by a newer build, or a type removed from the catalog: holding the queue for it would
                // block every event behind it, so it is set aside for an operator.
                dead.Add((row.Sequence, $"Unknown event type '{row.EventType}'."));
                LogDeadLettered(row.EventId, row.EventType);
            }
        }

        // Issued in sequence order and pipelined: waiting for each broker confirm before the next publish would
        // cap throughput at one round trip per event.
        using var publishing = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        publishing.CancelAfter(_options.PublishTimeout);
        var publishes = publishable.Select(p => PublishAsync(p.Row, p.Type, publishing.Token)).ToList();
        try
        {
            // Not only the publishes' token: one may not heed it while it waits for its confirmation.
            await Task.WhenAll(publishes).WaitAsync(_options.PublishTimeout, cancellationToken);
        }
        catch (Exception) when (!cancellationToken.IsCancellationRequested)
        {
            // Each publish's outcome is read below: a failed one, or one not confirmed in time, leaves its row pending, to
            // be retried after a back-off.
        }

        var sent = new List<long>(rows.Count);
        Exception? failure = null;
        for (var i = 0; i < publishable.Count; i++)
        {
            if (publishes[i].IsCompletedSuccessfully)
            {
                sent.Add(publishable[i].Row.Sequence);
                continue;
            }

            var error = publishes[i] is { IsFaulted: true } faulted
                ? faulted.Exception.InnerException!
                : new TimeoutException($"The broker did not confirm the publish within {_options.PublishTimeout.TotalSeconds:0} s.");
            failure ??= error;
            Failures.Add(1);
            await connection.ExecuteAsync(new CommandDefinition(
                "UPDATE outbox_messages SET attempts = attempts + 1, last_error = @Error WHERE sequence = @Sequence",
                new { publishable[i].Row.Sequence, Error = error.Message }, transaction, cancellationToken: CancellationToken.None));
        }

        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE outbox_messages SET sent_at = now(), attempts = attempts + 1 WHERE sequence = ANY(@sent)",
            new { sent = sent.ToArray() }, transaction, cancellationToken: CancellationToken.None));
        foreach (var (sequence, error) in dead)
        {
            await connection.ExecuteAsync(new CommandDefinition(
                "UPDATE outbox_messages SET dead_at = now(), last_error = @error WHERE sequence = @sequence",
                new { sequence, error }, transaction, cancellationToken: CancellationToken.None));
        }

        await transaction.CommitAsync(CancellationToken.None);

        if (failure is not null)
        {
            throw new OutboxPublishException("Publishing an outbox event failed; the dispatcher backs off and retries.", failure);
        }

        return sent.Count + dead.Count;
    }

    private async Task PublishAsync(OutboxRow row, Type type, CancellationToken cancellationToken)
    {
        // Continue the trace of the request that committed the event, so producer and consumers share its trace id.
        ActivityContext.TryParse(row.TraceParent, row.TraceState, out var parent);
        using var activity = ActivitySource.StartActivity($"outbox publish {row.EventType}", ActivityKind.Producer, parent);
        activity?.SetTag("messaging.message.id", row.EventId);

        var message = events.Deserialize(row.Payload, type);
        await bus.Publish(message, type, context => context.MessageId = row.EventId, cancellationToken);

        Published.Add(1, new KeyValuePair<string, object?>("event_type", row.EventType));
        Lag.Record((clock.GetUtcNow() - row.CreatedAt).TotalSeconds);
    }

    private async Task PurgeAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var before = clock.GetUtcNow() - _options.Retention;
        var outbox = await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM outbox_messages WHERE sent_at < @before", new { before }, cancellationToken: cancellationToken));
        var inbox = await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM inbox_messages WHERE received_at < @before", new { before }, cancellationToken: cancellationToken));
        if (outbox + inbox > 0)
        {
            LogPurged(outbox, inbox);
        }
    }

    private sealed record OutboxRow(long Sequence, Guid EventId, string EventType, string Payload, string? TraceParent, string? TraceState, DateTimeOffset CreatedAt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox dispatch failed; retrying in {Backoff}")]
    private partial void LogDispatchFailed(Exception exception, TimeSpan backoff);

    [LoggerMessage(Level = LogLevel.Error, Message = "Outbox event {EventId} of unknown type {EventType} set aside")]
    private partial void LogDeadLettered(Guid eventId, string eventType);

    [LoggerMessage(Level = LogLevel.Information, Message = "Purged {Outbox} sent outbox rows and {Inbox} inbox rows")]
    private partial void LogPurged(int outbox, int inbox);
}

public sealed class OutboxPublishException(string message, Exception inner) : Exception(message, inner);
