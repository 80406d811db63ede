using Infogerance.Data;
using Infogerance.IntegrationEvents;

namespace Infogerance.Messaging;

// The class names make the queues' names ({service}-contract-signed…) and the inbox names the consumers after the
// service: both stay what they were when each service kept its own replica.

/// <summary>Keeps the replica of signed contracts (their reference, shown in lists and documents).</summary>
public sealed class ContractSignedConsumer(Database database, ServiceDatabase service) : IdempotentConsumer<ContractSigned>(database)
{
    protected override string ConsumerName => $"{service.Name}-contract-signed";

    protected override Task HandleAsync(ContractSigned @event, UnitOfWork unitOfWork) => ContractReplica.ApplyAsync(unitOfWork, @event);
}

/// <summary>Keeps every version of the contracts' terms: work done under a contract reads the version in force then.</summary>
public sealed class ContractVersionActivatedConsumer(Database database, ServiceDatabase service) : IdempotentConsumer<ContractVersionActivated>(database)
{
    protected override string ConsumerName => $"{service.Name}-contract-version-activated";

    protected override Task HandleAsync(ContractVersionActivated @event, UnitOfWork unitOfWork) => ContractReplica.ApplyAsync(unitOfWork, @event);
}

/// <summary>Keeps each contract's inventory, so that what names an item names one of its contract's.</summary>
public sealed class ContractInventoryChangedConsumer(Database database, ServiceDatabase service) : IdempotentConsumer<ContractInventoryChanged>(database)
{
    protected override string ConsumerName => $"{service.Name}-contract-inventory-changed";

    protected override Task HandleAsync(ContractInventoryChanged @event, UnitOfWork unitOfWork) => ContractReplica.ApplyAsync(unitOfWork, @event);
}
