using Infogerance.Data;
using Infogerance.IntegrationEvents;
using Infogerance.Messaging;
using Infogerance.Notifications.Data;
using Infogerance.Notifications.Domain;

namespace Infogerance.Notifications.Messaging;

// One consumer per event someone must know of or act on: the rules make the notice, the store addresses it and plans its
// e-mails, all in the transaction that records the event in the inbox, so an event delivered twice notifies (and e-mails) once.

public sealed class SlaWarningRaisedNotifier(Database database, EmailPlanner emails) : IdempotentConsumer<SlaWarningRaised>(database)
{
    protected override string ConsumerName => "notifications-sla-warning-raised";

    protected override Task HandleAsync(SlaWarningRaised @event, UnitOfWork unitOfWork) =>
        NotificationStore.DeliverAsync(unitOfWork, @event, NotificationRules.For(@event), emails);
}

public sealed class SlaBreachedNotifier(Database database, EmailPlanner emails) : IdempotentConsumer<SlaBreached>(database)
{
    protected override string ConsumerName => "notifications-sla-breached";

    protected override Task HandleAsync(SlaBreached @event, UnitOfWork unitOfWork) =>
        NotificationStore.DeliverAsync(unitOfWork, @event, NotificationRules.For(@event), emails);
}

public sealed class TicketStatusChangedNotifier(Database database, EmailPlanner emails) : IdempotentConsumer<TicketStatusChanged>(database)
{
    protected override string ConsumerName => "notifications-ticket-status-changed";

    protected override Task HandleAsync(TicketStatusChanged @event, UnitOfWork unitOfWork) =>
        NotificationStore.DeliverAsync(unitOfWork, @event, NotificationRules.For(@event), emails);
}

public sealed class NoticeDeadlineApproachingNotifier(Database database, EmailPlanner emails) : IdempotentConsumer<NoticeDeadlineApproaching>(database)
{
    protected override string ConsumerName => "notifications-notice-deadline-approaching";

    protected override Task HandleAsync(NoticeDeadlineApproaching @event, UnitOfWork unitOfWork) =>
        NotificationStore.DeliverAsync(unitOfWork, @event, NotificationRules.For(@event), emails);
}

public sealed class EvolutionRequestStateChangedNotifier(Database database, EmailPlanner emails) : IdempotentConsumer<EvolutionRequestStateChanged>(database)
{
    protected override string ConsumerName => "notifications-evolution-request-state-changed";

    protected override Task HandleAsync(EvolutionRequestStateChanged @event, UnitOfWork unitOfWork) =>
        NotificationStore.DeliverAsync(unitOfWork, @event, NotificationRules.For(@event), emails);
}

public sealed class AmendmentProposedNotifier(Database database, EmailPlanner emails) : IdempotentConsumer<AmendmentProposed>(database)
{
    protected override string ConsumerName => "notifications-amendment-proposed";

    protected override Task HandleAsync(AmendmentProposed @event, UnitOfWork unitOfWork) =>
        NotificationStore.DeliverAsync(unitOfWork, @event, NotificationRules.For(@event), emails);
}

public sealed class RenewalDecidedNotifier(Database database, EmailPlanner emails) : IdempotentConsumer<RenewalDecided>(database)
{
    protected override string ConsumerName => "notifications-renewal-decided";

    protected override Task HandleAsync(RenewalDecided @event, UnitOfWork unitOfWork) =>
        NotificationStore.DeliverAsync(unitOfWork, @event, NotificationRules.For(@event), emails);
}

public sealed class InvoiceControlledNotifier(Database database, EmailPlanner emails) : IdempotentConsumer<InvoiceControlled>(database)
{
    protected override string ConsumerName => "notifications-invoice-controlled";

    protected override Task HandleAsync(InvoiceControlled @event, UnitOfWork unitOfWork) =>
        NotificationStore.DeliverAsync(unitOfWork, @event, NotificationRules.For(@event), emails);
}

public sealed class InvoiceDisputedNotifier(Database database, EmailPlanner emails) : IdempotentConsumer<InvoiceDisputed>(database)
{
    protected override string ConsumerName => "notifications-invoice-disputed";

    protected override Task HandleAsync(InvoiceDisputed @event, UnitOfWork unitOfWork) =>
        NotificationStore.DeliverAsync(unitOfWork, @event, NotificationRules.For(@event), emails);
}

public sealed class InvoiceApprovedNotifier(Database database, EmailPlanner emails) : IdempotentConsumer<InvoiceApproved>(database)
{
    protected override string ConsumerName => "notifications-invoice-approved";

    protected override Task HandleAsync(InvoiceApproved @event, UnitOfWork unitOfWork) =>
        NotificationStore.DeliverAsync(unitOfWork, @event, NotificationRules.For(@event), emails);
}

public sealed class InvoicePaidNotifier(Database database, EmailPlanner emails) : IdempotentConsumer<InvoicePaid>(database)
{
    protected override string ConsumerName => "notifications-invoice-paid";

    protected override Task HandleAsync(InvoicePaid @event, UnitOfWork unitOfWork) =>
        NotificationStore.DeliverAsync(unitOfWork, @event, NotificationRules.For(@event), emails);
}

public sealed class ReviewPreparedNotifier(Database database, EmailPlanner emails) : IdempotentConsumer<ReviewPrepared>(database)
{
    protected override string ConsumerName => "notifications-review-prepared";

    protected override Task HandleAsync(ReviewPrepared @event, UnitOfWork unitOfWork) =>
        NotificationStore.DeliverAsync(unitOfWork, @event, NotificationRules.For(@event), emails);
}

public sealed class ReviewApprovedNotifier(Database database, EmailPlanner emails) : IdempotentConsumer<ReviewApproved>(database)
{
    protected override string ConsumerName => "notifications-review-approved";

    protected override Task HandleAsync(ReviewApproved @event, UnitOfWork unitOfWork) =>
        NotificationStore.DeliverAsync(unitOfWork, @event, NotificationRules.For(@event), emails);
}

public sealed class ReviewApprovalWithdrawnNotifier(Database database, EmailPlanner emails) : IdempotentConsumer<ReviewApprovalWithdrawn>(database)
{
    protected override string ConsumerName => "notifications-review-approval-withdrawn";

    protected override Task HandleAsync(ReviewApprovalWithdrawn @event, UnitOfWork unitOfWork) =>
        NotificationStore.DeliverAsync(unitOfWork, @event, NotificationRules.For(@event), emails);
}

public sealed class ReviewClosedNotifier(Database database, EmailPlanner emails) : IdempotentConsumer<ReviewClosed>(database)
{
    protected override string ConsumerName => "notifications-review-closed";

    protected override Task HandleAsync(ReviewClosed @event, UnitOfWork unitOfWork) =>
        NotificationStore.DeliverAsync(unitOfWork, @event, NotificationRules.For(@event), emails);
}

public sealed class ReviewActionOverdueNotifier(Database database, EmailPlanner emails) : IdempotentConsumer<ReviewActionOverdue>(database)
{
    protected override string ConsumerName => "notifications-review-action-overdue";

    protected override Task HandleAsync(ReviewActionOverdue @event, UnitOfWork unitOfWork) =>
        NotificationStore.DeliverAsync(unitOfWork, @event, NotificationRules.For(@event), emails);
}

public sealed class ChecklistItemAcceptedNotifier(Database database, EmailPlanner emails) : IdempotentConsumer<ChecklistItemAccepted>(database)
{
    protected override string ConsumerName => "notifications-checklist-item-accepted";

    protected override Task HandleAsync(ChecklistItemAccepted @event, UnitOfWork unitOfWork) =>
        NotificationStore.DeliverAsync(unitOfWork, @event, NotificationRules.For(@event), emails);
}

public sealed class PhaseClosureAcceptedNotifier(Database database, EmailPlanner emails) : IdempotentConsumer<PhaseClosureAccepted>(database)
{
    protected override string ConsumerName => "notifications-phase-closure-accepted";

    protected override Task HandleAsync(PhaseClosureAccepted @event, UnitOfWork unitOfWork) =>
        NotificationStore.DeliverAsync(unitOfWork, @event, NotificationRules.For(@event), emails);
}

public sealed class ScorecardMonthFinalNotifier(Database database, EmailPlanner emails) : IdempotentConsumer<ScorecardMonthFinal>(database)
{
    protected override string ConsumerName => "notifications-scorecard-month-final";

    protected override Task HandleAsync(ScorecardMonthFinal @event, UnitOfWork unitOfWork) =>
        NotificationStore.DeliverAsync(unitOfWork, @event, NotificationRules.For(@event), emails);
}
