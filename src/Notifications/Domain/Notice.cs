namespace Infogerance.Notifications.Domain;

/// <summary>
/// The kinds of notification, as the API names them and the SPA writes their sentence from. Each says what happened;
/// its data says the rest.
/// </summary>
public static class NotificationKinds
{
    public const string SlaWarning = "slaWarning";
    public const string SlaBreached = "slaBreached";
    public const string TicketPendingClient = "ticketPendingClient";
    public const string TicketResolved = "ticketResolved";
    public const string NoticeDeadlineApproaching = "noticeDeadlineApproaching";
    public const string EvolutionRequested = "evolutionRequested";
    public const string EvolutionStateChanged = "evolutionStateChanged";
    public const string AmendmentProposed = "amendmentProposed";
    public const string RenewalDecided = "renewalDecided";
    public const string InvoiceControlled = "invoiceControlled";
    public const string InvoiceDisputed = "invoiceDisputed";
    public const string InvoiceApproved = "invoiceApproved";
    public const string InvoicePaid = "invoicePaid";
    public const string ReviewPrepared = "reviewPrepared";
    public const string ReviewAwaitingApproval = "reviewAwaitingApproval";
    public const string ReviewApprovalWithdrawn = "reviewApprovalWithdrawn";
    public const string ReviewClosed = "reviewClosed";
    public const string ReviewActionOverdue = "reviewActionOverdue";
    public const string ChecklistItemToAccept = "checklistItemToAccept";
    public const string PhaseReadyToClose = "phaseReadyToClose";
    public const string PhaseClosureProposed = "phaseClosureProposed";
    public const string MonthlyScorecard = "monthlyScorecard";

    public static IReadOnlyList<string> All { get; } =
    [
        SlaWarning, SlaBreached, TicketPendingClient, TicketResolved, NoticeDeadlineApproaching, EvolutionRequested, EvolutionStateChanged,
        AmendmentProposed, RenewalDecided, InvoiceControlled, InvoiceDisputed, InvoiceApproved, InvoicePaid,
        ReviewPrepared, ReviewAwaitingApproval, ReviewApprovalWithdrawn, ReviewClosed, ReviewActionOverdue,
        ChecklistItemToAccept, PhaseReadyToClose, PhaseClosureProposed, MonthlyScorecard,
    ];
}

/// <summary>What a notification is about inside its contract, and how people name it.</summary>
public static class SubjectTypes
{
    public const string Contract = "contract";
    public const string Ticket = "ticket";
    public const string Evolution = "evolution";
    public const string Version = "version";
    public const string Invoice = "invoice";
    public const string Review = "review";
    public const string ChecklistItem = "checklistItem";
    public const string Phase = "phase";
    public const string Scorecard = "scorecard";
}

/// <summary>
/// The thing a notification is about: its type, its id (null for a version of the terms, named by its number) and a
/// short label (the ticket's or the invoice's number, the evolution's title, the version's number, a review's period or
/// the title of an action of its plan, a checklist item's title, a phase's name, a scorecard's month, a date).
/// </summary>
public sealed record Subject(string Type, Guid? Id, string Label);

/// <summary>
/// Who a notification is for, before the people are known: everyone holding one of <see cref="Roles"/> on the side of
/// the contract it names, and the <see cref="People"/> named by the event (a ticket's assignee or requester), never
/// <see cref="Actor"/>, who made the change and knows of it.
/// </summary>
public sealed record Audience
{
    public IReadOnlyList<SideRole> Roles { get; init; } = [];
    public IReadOnlyList<Guid> People { get; init; } = [];
    public Guid? Actor { get; init; }
}

/// <summary>A role on one side of a contract (<c>client</c> or <c>provider</c>).</summary>
public sealed record SideRole(string Side, string Role);

/// <summary>
/// A notification as an event makes it, before it is addressed: its kind, the contract and thing it is about, the
/// values the reader's sentence is written from (camelCase keys), and its audience.
/// </summary>
public sealed record Notice(string Kind, Guid ContractId, Subject Subject, IReadOnlyDictionary<string, object?> Data, Audience Audience);
