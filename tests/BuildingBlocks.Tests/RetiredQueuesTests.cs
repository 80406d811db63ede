using Infogerance.Messaging;
using Infogerance.ServiceDefaults;
using Infogerance.TestSupport;
using MassTransit;
using Microsoft.Extensions.Hosting;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace Infogerance.BuildingBlocks.Tests;

/// <summary>A consumer a service drops leaves no queue behind on the real broker.</summary>
public sealed class RetiredQueuesTests(TestInfrastructure infrastructure)
{
    [Fact]
    public async Task A_dropped_consumer_s_queue_is_deleted_when_the_service_starts_without_it()
    {
        var ct = TestContext.Current.CancellationToken;
        var service = $"retiring-{Guid.NewGuid():N}"[..20];
        var queue = new KebabCaseEndpointNameFormatter(service, includeNamespace: false).Consumer<ItemAddedConsumer>();
        await using (await TestService.StartAsync(infrastructure, service, bus => bus.AddConsumer<ItemAddedConsumer>()))
        {
        }

        Assert.True(await ExistsAsync(queue, ct), "the older version's queue is there, still bound to its events");

        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = Environments.Development });
        await builder.UseTestService(infrastructure, service);
        builder.RetireQueues(queue, $"{service}-never-existed");
        using var host = builder.Build();
        await host.Services.RunStartupTasksAsync(ct);

        Assert.False(await ExistsAsync(queue, ct), "the retired queue is gone");
    }

    private async Task<bool> ExistsAsync(string queue, CancellationToken ct)
    {
        var factory = new ConnectionFactory { Uri = new Uri(infrastructure.RabbitMq.ConnectionString) };
        await using var connection = await factory.CreateConnectionAsync(ct);
        await using var channel = await connection.CreateChannelAsync(cancellationToken: ct);
        try
        {
            await channel.QueueDeclarePassiveAsync(queue, ct);
            return true;
        }
        catch (OperationInterruptedException ex) when (ex.ShutdownReason?.ReplyCode == 404)
        {
            return false;
        }
    }
}
