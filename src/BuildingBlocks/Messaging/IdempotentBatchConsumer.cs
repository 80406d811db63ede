using System.Runtime.ExceptionServices;
using Infogerance.Data;
using Infogerance.IntegrationEvents;
using Infogerance.ServiceDefaults;
using MassTransit;

namespace Infogerance.Messaging;

/// <summary>
/// An <see cref="IdempotentConsumer{TEvent}"/> that takes its events in batches (configured with
/// <see cref="Batches.Of{TConsumer}"/>): under load, one transaction applies many events and the inbox records them all, where
/// each event would otherwise pay its own transaction, scope, inbox insert and commit. A quiet queue gives batches of one.
/// Events the inbox already holds are left out of the batch.
/// <para>
/// A batch that fails for another reason than a database outage is applied again one event per transaction, so that
/// one event that cannot be applied does not hold back the others. If one still fails, the batch fails as a whole
/// (MassTransit retries and faults all of its messages together); the events applied meanwhile are in the inbox, so
/// delivering them again changes nothing.
/// </para>
/// </summary>
public abstract class IdempotentBatchConsumer<TEvent>(Database database) : IConsumer<Batch<TEvent>> where TEvent : IntegrationEvent
{
    /// <summary>Identifies this consumer in the inbox: two consumers of one event in one database both run.</summary>
    protected abstract string ConsumerName { get; }

    public async Task Consume(ConsumeContext<Batch<TEvent>> context)
    {
        var events = context.Message.Select(message => message.Message).DistinctBy(@event => @event.EventId).ToList();
        try
        {
            await ApplyAsync(events, context.CancellationToken);
        }
        catch (Exception failure) when (events.Count > 1 && !DatabaseOutage.IsOutage(failure) && !context.CancellationToken.IsCancellationRequested)
        {
            Exception? first = null;
            foreach (var @event in events)
            {
                try
                {
                    await ApplyAsync([@event], context.CancellationToken);
                }
                catch (Exception eventFailure) when (!DatabaseOutage.IsOutage(eventFailure))
                {
                    first ??= eventFailure;
                }
            }

            // None failed alone (the batch met a deadlock, say): all of them are applied.
            if (first is not null)
            {
                ExceptionDispatchInfo.Throw(first);
            }
        }
    }

    /// <summary>Applies the events through <paramref name="unitOfWork"/>, in the order given; do not commit it.</summary>
    protected abstract Task HandleAsync(IReadOnlyList<TEvent> events, UnitOfWork unitOfWork);

    private async Task ApplyAsync(IReadOnlyList<TEvent> events, CancellationToken cancellationToken)
    {
        var consuming = await database.BeginConsumingAsync(
            events.Select(@event => @event.TenantId).Distinct(), [.. events.Select(@event => @event.EventId)], ConsumerName, cancellationToken);
        if (consuming is not var (unitOfWork, fresh))
        {
            return;
        }

        await using (unitOfWork)
        {
            await HandleAsync([.. events.Where(@event => fresh.Contains(@event.EventId))], unitOfWork);
            await unitOfWork.CommitAsync();
        }
    }
}

/// <summary>How <see cref="IdempotentBatchConsumer{TEvent}"/>s gather their batches.</summary>
public static class Batches
{
    /// <summary>The most events one transaction applies.</summary>
    public const int MessageLimit = 50;

    /// <summary>
    /// How long the first event of a batch waits for others: the delay a quiet queue adds to each event, and the reason a
    /// busy one fills its batches.
    /// </summary>
    public static readonly TimeSpan TimeLimit = TimeSpan.FromMilliseconds(20);

    /// <summary>Configures the consumer's batches; pass it to <c>AddConsumer</c>.</summary>
    public static void Of<TConsumer>(IRegistrationContext context, IConsumerConfigurator<TConsumer> consumer) where TConsumer : class =>
        consumer.Options<BatchOptions>(options => options.SetMessageLimit(MessageLimit).SetTimeLimit(TimeLimit).SetConcurrencyLimit(2));
}
