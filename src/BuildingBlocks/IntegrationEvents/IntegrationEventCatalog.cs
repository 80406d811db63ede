namespace Infogerance.IntegrationEvents;

/// <summary>
/// The explicit list of integration events and their stable wire names. The outbox stores the name,
/// never a CLR type name, so renaming or moving a record cannot strand events already written.
/// </summary>
public static class IntegrationEventCatalog
{
    public static IReadOnlyDictionary<string, Type> Events { get; } = new Dictionary<string, Type>
    {
        ["identity.user-account-changed.v1"] = typeof(UserAccountChanged),
        ["contracts.contract-parties-changed.v1"] = typeof(ContractPartiesChanged),
        ["contracts.contract-signed.v1"] = typeof(ContractSigned),
        ["contracts.contract-version-activated.v1"] = typeof(ContractVersionActivated),
        ["contracts.contract-phase-changed.v1"] = typeof(ContractPhaseChanged),
        ["contracts.evolution-request-state-changed.v1"] = typeof(EvolutionRequestStateChanged),
        ["contracts.amendment-proposed.v1"] = typeof(AmendmentProposed),
        ["contracts.notice-deadline-approaching.v1"] = typeof(NoticeDeadlineApproaching),
        ["contracts.renewal-decided.v1"] = typeof(RenewalDecided),
        ["contracts.contract-closed.v1"] = typeof(ContractClosed),
        ["contracts.contract-inventory-changed.v1"] = typeof(ContractInventoryChanged),
        ["contracts.prices-revised.v1"] = typeof(PricesRevised),
        ["incidents.ticket-opened.v1"] = typeof(TicketOpened),
        ["incidents.ticket-status-changed.v1"] = typeof(TicketStatusChanged),
        ["incidents.sla-warning-raised.v1"] = typeof(SlaWarningRaised),
        ["incidents.sla-breached.v1"] = typeof(SlaBreached),
        ["incidents.sla-clock-completed.v1"] = typeof(SlaClockCompleted),
        ["incidents.ticket-rated.v1"] = typeof(TicketRated),
        ["incidents.service-outage-recorded.v1"] = typeof(ServiceOutageRecorded),
        ["invoicing.penalty-statement-issued.v1"] = typeof(PenaltyStatementIssued),
        ["invoicing.penalty-line-waived.v1"] = typeof(PenaltyLineWaived),
        ["invoicing.invoice-received.v1"] = typeof(InvoiceReceived),
        ["invoicing.invoice-controlled.v1"] = typeof(InvoiceControlled),
        ["invoicing.invoice-approved.v1"] = typeof(InvoiceApproved),
        ["invoicing.invoice-disputed.v1"] = typeof(InvoiceDisputed),
        ["invoicing.invoice-paid.v1"] = typeof(InvoicePaid),
        ["invoicing.budget-planned.v1"] = typeof(BudgetPlanned),
        ["reporting.review-prepared.v1"] = typeof(ReviewPrepared),
        ["reporting.review-approved.v1"] = typeof(ReviewApproved),
        ["reporting.review-approval-withdrawn.v1"] = typeof(ReviewApprovalWithdrawn),
        ["reporting.review-closed.v1"] = typeof(ReviewClosed),
        ["reporting.review-action-changed.v1"] = typeof(ReviewActionChanged),
        ["reporting.review-action-overdue.v1"] = typeof(ReviewActionOverdue),
        ["reporting.scorecard-month-final.v1"] = typeof(ScorecardMonthFinal),
        ["contracts.checklist-item-accepted.v1"] = typeof(ChecklistItemAccepted),
        ["contracts.phase-closure-accepted.v1"] = typeof(PhaseClosureAccepted),
    };
}
