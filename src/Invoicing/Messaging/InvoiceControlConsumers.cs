using Infogerance.Data;
using Infogerance.Invoicing.Data;
using Infogerance.Invoicing.Domain;
using Infogerance.IntegrationEvents;
using Infogerance.Messaging;

namespace Infogerance.Invoicing.Messaging;

// The facts the invoice control reads besides the statements', and the re-control of the contract's invoices still
// awaiting the client (controlled or disputed) when one of them changes: an issued penalty statement, revised prices,
// an evolution request's new state, new terms, a new inventory. A received invoice is controlled once its contract's
// terms are known. Each in the transaction that records the event in the inbox, so an
// event delivered twice re-controls once. Inbox names start with the service's name.

public sealed class EvolutionRequestStateChangedFact(Database database, TimeProvider clock) : IdempotentConsumer<EvolutionRequestStateChanged>(database)
{
    protected override string ConsumerName => "invoicing-evolution-request-state-changed";

    protected override async Task HandleAsync(EvolutionRequestStateChanged @event, UnitOfWork unitOfWork)
    {
        await InvoiceFacts.ApplyAsync(unitOfWork, @event);
        await Invoices.RecontrolAsync(unitOfWork, @event.ContractId, InvoiceStatuses.Recontrolled, clock.GetUtcNow());
    }
}

public sealed class RenewalDecidedFact(Database database, TimeProvider clock) : IdempotentConsumer<RenewalDecided>(database)
{
    protected override string ConsumerName => "invoicing-renewal-decided";

    protected override async Task HandleAsync(RenewalDecided @event, UnitOfWork unitOfWork)
    {
        await InvoiceFacts.ApplyAsync(unitOfWork, @event);
        await Invoices.RecontrolAsync(unitOfWork, @event.ContractId, InvoiceStatuses.Recontrolled, clock.GetUtcNow());
    }
}

public sealed class ContractClosedFact(Database database) : IdempotentConsumer<ContractClosed>(database)
{
    protected override string ConsumerName => "invoicing-contract-closed";

    protected override Task HandleAsync(ContractClosed @event, UnitOfWork unitOfWork) => InvoiceFacts.ApplyAsync(unitOfWork, @event);
}

/// <summary>An issued statement is a penalty the invoices of its month must credit.</summary>
public sealed class PenaltyStatementIssuedRecontrol(Database database, TimeProvider clock) : IdempotentConsumer<PenaltyStatementIssued>(database)
{
    protected override string ConsumerName => "invoicing-penalty-statement-issued";

    protected override Task HandleAsync(PenaltyStatementIssued @event, UnitOfWork unitOfWork) =>
        Invoices.RecontrolAsync(unitOfWork, @event.ContractId, InvoiceStatuses.Recontrolled, clock.GetUtcNow());
}

/// <summary>
/// New terms (a signature, an amendment) change what the control expects, and are what an invoice received before them
/// waits for. The replica's own consumer may not have applied them yet: applying them here first is harmless.
/// </summary>
public sealed class ContractVersionActivatedRecontrol(Database database, TimeProvider clock) : IdempotentConsumer<ContractVersionActivated>(database)
{
    protected override string ConsumerName => "invoicing-contract-version-activated-recontrol";

    protected override async Task HandleAsync(ContractVersionActivated @event, UnitOfWork unitOfWork)
    {
        await ContractReplica.ApplyAsync(unitOfWork, @event);
        await Invoices.RecontrolAsync(unitOfWork, @event.ContractId, InvoiceStatuses.Recontrolled, clock.GetUtcNow());
    }
}

/// <summary>
/// A new inventory changes the volumes work units are capped by. The replica's own consumer may not have applied it yet:
/// applying it here first is harmless (the replica keeps the latest inventory whichever applies it).
/// </summary>
public sealed class ContractInventoryChangedRecontrol(Database database, TimeProvider clock) : IdempotentConsumer<ContractInventoryChanged>(database)
{
    protected override string ConsumerName => "invoicing-contract-inventory-changed-recontrol";

    protected override async Task HandleAsync(ContractInventoryChanged @event, UnitOfWork unitOfWork)
    {
        await ContractReplica.ApplyAsync(unitOfWork, @event);
        await Invoices.RecontrolAsync(unitOfWork, @event.ContractId, InvoiceStatuses.Recontrolled, clock.GetUtcNow());
    }
}
