using Infogerance.Data;
using Infogerance.IntegrationEvents;
using MassTransit;

namespace Infogerance.Messaging;

/// <summary>
/// Base of every consumer: the event's id is recorded in the inbox in the same transaction as the consumer's
/// effect, scoped to the event's tenant. A redelivered or republished event finds its id there and is skipped;
/// a failed attempt rolls both back, so the retry starts clean.
/// </summary>
public abstract class IdempotentConsumer<TEvent>(Database database) : IConsumer<TEvent> where TEvent : IntegrationEvent
{
    /// <summary>Identifies this consumer in the inbox: two consumers of one event in one database both run.</summary>
    protected abstract string ConsumerName { get; }

    public async Task Consume(ConsumeContext<TEvent> context)
    {
        await using var unitOfWork = await database.BeginConsumingAsync(context.Message.TenantId, context.Message.EventId, ConsumerName, context.CancellationToken);
        if (unitOfWork is null)
        {
            return;
        }

        await HandleAsync(context.Message, unitOfWork);
        await unitOfWork.CommitAsync();
    }

    /// <summary>Applies the event through <paramref name="unitOfWork"/>; do not commit it.</summary>
    protected abstract Task HandleAsync(TEvent @event, UnitOfWork unitOfWork);
}
