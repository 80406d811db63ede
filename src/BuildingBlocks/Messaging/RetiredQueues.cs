using Infogerance.ServiceDefaults;
using RabbitMQ.Client;

namespace Infogerance.Messaging;

/// <summary>
/// Deletes, as the service starts, the queues of consumers it no longer has. RabbitMQ keeps a queue and its bindings
/// after its consumer is gone: on every system that ran the older version, the events routed to it would pile up
/// there with nobody to read them.
/// </summary>
internal sealed class RetiredQueues(BrokerAddress broker, IReadOnlyList<string> queues) : IStartupTask
{
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var factory = new ConnectionFactory { Uri = broker.Uri };
        await using var connection = await factory.CreateConnectionAsync(cancellationToken);
        await using var channel = await connection.CreateChannelAsync(cancellationToken: cancellationToken);
        foreach (var queue in queues)
        {
            // MassTransit binds a consumer's queue through an exchange of the same name; deleting what is not there is no error.
            await channel.QueueDeleteAsync(queue, cancellationToken: cancellationToken);
            await channel.ExchangeDeleteAsync(queue, cancellationToken: cancellationToken);
        }
    }
}
