using Infogerance.ServiceDefaults;
using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace Infogerance.Messaging;

public static class Extensions
{
    public const string ConnectionName = "messaging";

    private static readonly object ConsumersKey = new();
    private static readonly object AddedKey = new();

    /// <summary>
    /// Consumers a building block brings (<see cref="ContractReplicaExtensions.AddContractReplica"/>), added to the bus
    /// by <see cref="AddMessaging"/>: the bus is configured once, so they are registered before it.
    /// </summary>
    internal static void AddBuildingBlockConsumers(this IHostApplicationBuilder builder, string blockName, Action<IBusRegistrationConfigurator> addConsumers)
    {
        if (builder.Properties.ContainsKey(AddedKey))
        {
            throw new InvalidOperationException($"Add {blockName} before AddMessaging: the bus is configured once, with every consumer.");
        }

        if (!builder.Properties.TryGetValue(ConsumersKey, out var list))
        {
            builder.Properties[ConsumersKey] = list = new List<Action<IBusRegistrationConfigurator>>();
        }

        ((List<Action<IBusRegistrationConfigurator>>)list).Add(addConsumers);
    }

    /// <summary>
    /// MassTransit on RabbitMQ from <c>ConnectionStrings__messaging</c>, this service's consumers on queues named
    /// after it, retries then the <c>_error</c> queue, and the outbox dispatcher. Needs <c>AddServiceDatabase</c>.
    /// </summary>
    public static IHostApplicationBuilder AddMessaging(
        this IHostApplicationBuilder builder, string serviceName, Action<IBusRegistrationConfigurator>? addConsumers = null)
    {
        builder.Properties[AddedKey] = true;
        var blockConsumers = builder.Properties.TryGetValue(ConsumersKey, out var list) ? (List<Action<IBusRegistrationConfigurator>>)list : [];
        var services = builder.Services;
        services.AddSingleton(_ => BrokerAddress.FromConnectionString(builder.Configuration.GetConnectionString(ConnectionName)));
        services.AddStartupTask<BrokerReachableCheck>();
        services.AddOptions<OutboxOptions>().BindConfiguration("Outbox")
            .Validate(options => options.PublishTimeout > TimeSpan.Zero, "Outbox:PublishTimeout must be longer than zero.").ValidateOnStart();

        services.AddMassTransit(bus =>
        {
            // Each service gets its own queue per consumer, so every interested service receives every event.
            bus.SetEndpointNameFormatter(new KebabCaseEndpointNameFormatter(serviceName, includeNamespace: false));
            // Every service scopes provider users by the contracts' parties.
            bus.AddConsumer<ContractPartiesReplica>();
            foreach (var add in blockConsumers)
            {
                add(bus);
            }

            addConsumers?.Invoke(bus);
            // MassTransit reports its configuration to its authors' servers unless told not to: our services reach
            // only what they are configured for (clients' deployments are often firewalled, and each refused report
            // logged an error after start).
            bus.ConfigureUsageTelemetryOptions(options => options.Enabled = false);

            bus.UsingRabbitMq((context, rabbit) =>
            {
                rabbit.Host(context.GetRequiredService<BrokerAddress>().Uri);
                // A database restarting outlasts the retries below (a killed PostgreSQL took 14 s to serve again): an event
                // met by an outage is retried in place every 2 s for two minutes, rather than set aside in the _error
                // queue when nothing is wrong with it.
                rabbit.UseMessageRetry(retry =>
                {
                    retry.Handle<Exception>(DatabaseOutage.IsOutage);
                    retry.Interval(60, TimeSpan.FromSeconds(2));
                });
                // Other transient failures are retried briefly; what still fails lands in the endpoint's _error queue.
                rabbit.UseMessageRetry(retry =>
                {
                    retry.Ignore<Exception>(DatabaseOutage.IsOutage);
                    retry.Exponential(5, TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(10), TimeSpan.FromMilliseconds(200));
                });
                rabbit.ConfigureEndpoints(context);
            });
        });

        // The host is started only once the bus is: queues are bound before the service says it is up, so events
        // published by services started after it are never dropped for want of a queue.
        services.AddOptions<MassTransitHostOptions>().Configure(options => options.WaitUntilStarted = true);

        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<OutboxDispatcher>();
        services.AddHostedService(sp => sp.GetRequiredService<OutboxDispatcher>());
        return builder;
    }

    /// <summary>
    /// Deletes at start the queues of consumers this service has dropped, named as its endpoints were
    /// (<c>{service}-{consumer in kebab case}</c>), so that their events stop piling up there (<see cref="RetiredQueues"/>).
    /// </summary>
    public static IHostApplicationBuilder RetireQueues(this IHostApplicationBuilder builder, params string[] queues)
    {
        builder.Services.AddStartupTaskRunner().AddSingleton<IStartupTask>(sp => new RetiredQueues(sp.GetRequiredService<BrokerAddress>(), queues));
        return builder;
    }
}
