using Infogerance.Data;
using Infogerance.IntegrationEvents;
using Infogerance.Messaging;
using Infogerance.Reporting.Data;

namespace Infogerance.Reporting.Messaging;

/// <summary>
/// A consumer of one kind of event the reports are computed from: a batch of them is kept in the journal and fed to the
/// read models in one transaction, with their ids in the inbox (a redelivered event changes nothing). Every event of a
/// ticket opened, changed or measured comes here, so under load the batches spare each event a transaction of its own.
/// The class names make the queues' names (<c>reporting-ticket-opened-report</c>…).
/// </summary>
public abstract class ReportedEvent<TEvent>(Database database, Journal journal) : IdempotentBatchConsumer<TEvent>(database) where TEvent : IntegrationEvent
{
    protected override string ConsumerName { get; } = $"reporting-{EventTypeRegistry.Default.NameOf(typeof(TEvent))}";

    protected override Task HandleAsync(IReadOnlyList<TEvent> events, UnitOfWork unitOfWork) => journal.RecordAsync(unitOfWork, events);
}

public sealed class TicketOpenedReport(Database database, Journal journal) : ReportedEvent<TicketOpened>(database, journal);

public sealed class TicketStatusChangedReport(Database database, Journal journal) : ReportedEvent<TicketStatusChanged>(database, journal);

public sealed class SlaBreachedReport(Database database, Journal journal) : ReportedEvent<SlaBreached>(database, journal);

public sealed class SlaClockCompletedReport(Database database, Journal journal) : ReportedEvent<SlaClockCompleted>(database, journal);

public sealed class TicketRatedReport(Database database, Journal journal) : ReportedEvent<TicketRated>(database, journal);

public sealed class ServiceOutageRecordedReport(Database database, Journal journal) : ReportedEvent<ServiceOutageRecorded>(database, journal);

/// <summary>
/// The month's penalty statement, the last of its figures to come: with it the month is final, and the first statement
/// of each contract's month says so (<see cref="ScorecardMonthFinal"/>, in the same transaction) for the monthly
/// scorecard sent to its subscribers.
/// </summary>
public sealed class PenaltyStatementIssuedReport(Database database, Journal journal) : ReportedEvent<PenaltyStatementIssued>(database, journal)
{
    protected override async Task HandleAsync(IReadOnlyList<PenaltyStatementIssued> events, UnitOfWork unitOfWork)
    {
        await base.HandleAsync(events, unitOfWork);
        foreach (var @event in events)
        {
            var first = await unitOfWork.ExecuteAsync(
                """
                INSERT INTO final_months (tenant_id, contract_id, month, final_at) VALUES (@TenantId, @ContractId, @Month, @at)
                ON CONFLICT DO NOTHING
                """,
                new { @event.TenantId, @event.ContractId, @event.Month, at = @event.OccurredAt.UtcDateTime });
            if (first == 1)
            {
                await unitOfWork.AddEventAsync(new ScorecardMonthFinal { TenantId = @event.TenantId, ContractId = @event.ContractId, Month = @event.Month });
            }
        }
    }
}

public sealed class InvoiceReceivedReport(Database database, Journal journal) : ReportedEvent<InvoiceReceived>(database, journal);

public sealed class InvoiceControlledReport(Database database, Journal journal) : ReportedEvent<InvoiceControlled>(database, journal);

public sealed class InvoiceApprovedReport(Database database, Journal journal) : ReportedEvent<InvoiceApproved>(database, journal);

public sealed class InvoiceDisputedReport(Database database, Journal journal) : ReportedEvent<InvoiceDisputed>(database, journal);

public sealed class InvoicePaidReport(Database database, Journal journal) : ReportedEvent<InvoicePaid>(database, journal);

public sealed class BudgetPlannedReport(Database database, Journal journal) : ReportedEvent<BudgetPlanned>(database, journal);

public sealed class EvolutionRequestStateChangedReport(Database database, Journal journal) : ReportedEvent<EvolutionRequestStateChanged>(database, journal);

public sealed class ContractPhaseChangedReport(Database database, Journal journal) : ReportedEvent<ContractPhaseChanged>(database, journal);

public sealed class SlaWarningRaisedReport(Database database, Journal journal) : ReportedEvent<SlaWarningRaised>(database, journal);
