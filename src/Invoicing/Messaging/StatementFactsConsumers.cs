using Infogerance.Data;
using Infogerance.Invoicing.Data;
using Infogerance.Invoicing.Domain;
using Infogerance.IntegrationEvents;
using Infogerance.Messaging;

namespace Infogerance.Invoicing.Messaging;

// The facts statements are computed from, one idempotent consumer per event. Queues and inbox names are this
// service's own (the bus prefixes queues with "invoicing"; the inbox names below start with it), so Incidents'
// consumers of the same events are not affected. Drafts are computed on read from these facts: nothing else to update.

public sealed class SlaBreachedFact(Database database) : IdempotentConsumer<SlaBreached>(database)
{
    protected override string ConsumerName => "invoicing-sla-breached";

    protected override Task HandleAsync(SlaBreached @event, UnitOfWork unitOfWork) => StatementFacts.ApplyAsync(unitOfWork, @event);
}

public sealed class SlaClockCompletedFact(Database database) : IdempotentConsumer<SlaClockCompleted>(database)
{
    protected override string ConsumerName => "invoicing-sla-clock-completed";

    protected override Task HandleAsync(SlaClockCompleted @event, UnitOfWork unitOfWork) => StatementFacts.ApplyAsync(unitOfWork, @event);
}

public sealed class ServiceOutageRecordedFact(Database database) : IdempotentConsumer<ServiceOutageRecorded>(database)
{
    protected override string ConsumerName => "invoicing-service-outage-recorded";

    protected override Task HandleAsync(ServiceOutageRecorded @event, UnitOfWork unitOfWork) => StatementFacts.ApplyAsync(unitOfWork, @event);
}

/// <summary>The prices in force (the fee and the work units), which the invoices awaiting the client are controlled again against.</summary>
public sealed class PricesRevisedFact(Database database, TimeProvider clock) : IdempotentConsumer<PricesRevised>(database)
{
    protected override string ConsumerName => "invoicing-prices-revised";

    protected override async Task HandleAsync(PricesRevised @event, UnitOfWork unitOfWork)
    {
        await StatementFacts.ApplyAsync(unitOfWork, @event);
        await Invoices.RecontrolAsync(unitOfWork, @event.ContractId, InvoiceStatuses.Recontrolled, clock.GetUtcNow());
    }
}

public sealed class ContractPhaseChangedFact(Database database) : IdempotentConsumer<ContractPhaseChanged>(database)
{
    protected override string ConsumerName => "invoicing-contract-phase-changed";

    protected override Task HandleAsync(ContractPhaseChanged @event, UnitOfWork unitOfWork) => StatementFacts.ApplyAsync(unitOfWork, @event);
}
