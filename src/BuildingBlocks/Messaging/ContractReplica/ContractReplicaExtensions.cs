using Infogerance.Data;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Infogerance.Messaging;

public static class ContractReplicaExtensions
{
    /// <summary>
    /// Keeps a replica of the contracts this service works under (<see cref="ContractReplica"/>): its tables (migrated
    /// after the platform's and before the service's own, which may refer to them), its consumers of the Contracts
    /// service's events, and the store reading it. Call it after <c>AddServiceDatabase</c> and before <c>AddMessaging</c>.
    /// </summary>
    public static IHostApplicationBuilder AddContractReplica(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddSingleton(new BuildingBlockMigrations("contract-replica", typeof(ContractReplica).Assembly, "Infogerance.Messaging.ContractReplica.Migrations."));
        builder.Services.AddSingleton<ContractReplica>();
        builder.AddBuildingBlockConsumers(nameof(AddContractReplica), bus =>
        {
            bus.AddConsumer<ContractSignedConsumer>();
            bus.AddConsumer<ContractVersionActivatedConsumer>();
            bus.AddConsumer<ContractInventoryChangedConsumer>();
        });
        return builder;
    }
}
