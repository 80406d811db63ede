using Infogerance.Data;
using Infogerance.Incidents.Data;
using Infogerance.IntegrationEvents;
using Infogerance.Messaging;

namespace Infogerance.Incidents.Messaging;

/// <summary>Keeps the replica of signed contracts (their reference, shown in the desk's queue).</summary>
public sealed class ContractSignedConsumer(Database database) : IdempotentConsumer<ContractSigned>(database)
{
    protected override string ConsumerName => "incidents-contract-signed";

    protected override Task HandleAsync(ContractSigned @event, UnitOfWork unitOfWork) => ContractTermsStore.ApplyAsync(unitOfWork, @event);
}

/// <summary>Keeps every version of the contracts' terms: tickets read the SLA policy of the version in force when opened.</summary>
public sealed class ContractVersionActivatedConsumer(Database database) : IdempotentConsumer<ContractVersionActivated>(database)
{
    protected override string ConsumerName => "incidents-contract-version-activated";

    protected override Task HandleAsync(ContractVersionActivated @event, UnitOfWork unitOfWork) => ContractTermsStore.ApplyAsync(unitOfWork, @event);
}

/// <summary>Keeps each contract's inventory, so that a ticket names one of its contract's items.</summary>
public sealed class ContractInventoryChangedConsumer(Database database) : IdempotentConsumer<ContractInventoryChanged>(database)
{
    protected override string ConsumerName => "incidents-contract-inventory-changed";

    protected override Task HandleAsync(ContractInventoryChanged @event, UnitOfWork unitOfWork) => ContractTermsStore.ApplyAsync(unitOfWork, @event);
}
