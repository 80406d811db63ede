using Infogerance.Data;
using Infogerance.IntegrationEvents;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Infogerance.Messaging;

/// <summary>What a service does, in the consumer's transaction, when a person's account here has just changed.</summary>
public interface IPersonChangedHandler
{
    Task HandleAsync(UserAccountChanged account, UnitOfWork unitOfWork);
}

public static class PeopleReplicaExtensions
{
    /// <summary>
    /// Keeps a replica of people's accounts (<see cref="PeopleReplica"/>): its table (migrated after the platform's and
    /// before the service's own) and its consumer of Identity's account events, which runs the service's
    /// <see cref="IPersonChangedHandler"/>s after each change it applies. Call it after <c>AddServiceDatabase</c> and
    /// before <c>AddMessaging</c>.
    /// </summary>
    public static IHostApplicationBuilder AddPeopleReplica(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddSingleton(new BuildingBlockMigrations("people-replica", typeof(PeopleReplica).Assembly, "Infogerance.Messaging.PeopleReplica.Migrations."));
        builder.AddBuildingBlockConsumers(nameof(AddPeopleReplica), bus => bus.AddConsumer<UserAccountChangedConsumer>());
        return builder;
    }
}

// The class name makes the queue's name ({service}-user-account-changed) and the inbox names the consumer after the
// service: both stay what they were when Notifications kept its own replica.

/// <summary>Keeps each person's account as Identity last described it, then lets the service act on the change.</summary>
public sealed class UserAccountChangedConsumer(Database database, ServiceDatabase service, IEnumerable<IPersonChangedHandler> handlers)
    : IdempotentConsumer<UserAccountChanged>(database)
{
    protected override string ConsumerName => $"{service.Name}-user-account-changed";

    protected override async Task HandleAsync(UserAccountChanged @event, UnitOfWork unitOfWork)
    {
        if (await PeopleReplica.ApplyAsync(unitOfWork, @event))
        {
            foreach (var handler in handlers)
            {
                await handler.HandleAsync(@event, unitOfWork);
            }
        }
    }
}
