using System.Globalization;
using Infogerance.Data;
using Infogerance.IntegrationEvents;
using Infogerance.ServiceDefaults;

namespace Infogerance.Notifications.Domain;

/// <summary>
/// What each event tells whom: the notice it makes, or null when it is nobody's news. The people themselves are chosen
/// later by <see cref="Recipients"/>, from the audience named here.
/// </summary>
public static class NotificationRules
{
    private static readonly SideRole ClientManagers = new(Sides.Client, Roles.ContractManager);
    private static readonly SideRole ProviderManagers = new(Sides.Provider, Roles.AccountManager);
    private static readonly SideRole ProviderLevel2 = new(Sides.Provider, Roles.AgentL2);

    /// <summary>The invoice statuses that wait on the client's approval or dispute.</summary>
    private static readonly HashSet<string> AwaitingTheClient = ["controlled", "answered"];

    /// <summary>The priorities whose SLA news reaches the client's managers too.</summary>
    private static readonly HashSet<string> Urgent = ["P1", "P2"];

    /// <summary>
    /// An SLA clock nearing its target: the desk that must act (the assignee, the provider's level 2 and account
    /// managers), and for an urgent ticket the client's managers.
    /// </summary>
    public static Notice For(SlaWarningRaised warning)
    {
        ArgumentNullException.ThrowIfNull(warning);
        return new Notice(NotificationKinds.SlaWarning, warning.ContractId, Ticket(warning.TicketId, warning.Number),
            Data(("number", warning.Number), ("clock", warning.Clock), ("priority", warning.Priority), ("percent", warning.Percent), ("dueAt", warning.DueAt)),
            SlaAudience(warning.Priority, warning.AssigneeId));
    }

    /// <summary>An SLA clock past its target: the same people as its warnings.</summary>
    public static Notice For(SlaBreached breach)
    {
        ArgumentNullException.ThrowIfNull(breach);
        return new Notice(NotificationKinds.SlaBreached, breach.ContractId, Ticket(breach.TicketId, breach.Number),
            Data(("number", breach.Number), ("clock", breach.Clock), ("priority", breach.Priority), ("dueAt", breach.DueAt)),
            SlaAudience(breach.Priority, breach.AssigneeId));
    }

    /// <summary>
    /// A ticket now waiting on the client, or resolved and to be rated: its requester, who answers and rates, unless
    /// they moved it themselves. Other moves are the desk's own business.
    /// </summary>
    public static Notice? For(TicketStatusChanged change)
    {
        ArgumentNullException.ThrowIfNull(change);
        var kind = change.To switch
        {
            "pendingClient" => NotificationKinds.TicketPendingClient,
            "resolved" => NotificationKinds.TicketResolved,
            _ => null,
        };
        if (kind is null || change.RequesterId is not { } requester)
        {
            return null;
        }

        return new Notice(kind, change.ContractId, Ticket(change.TicketId, change.Number),
            Data(("number", change.Number), ("from", change.From), ("to", change.To), ("priority", change.Priority)),
            new Audience { People = [requester], Actor = change.ActorId });
    }

    /// <summary>The last day to give notice is near: the client's managers, who decide, and the provider's, who keep the account.</summary>
    public static Notice For(NoticeDeadlineApproaching approaching)
    {
        ArgumentNullException.ThrowIfNull(approaching);
        return new Notice(NotificationKinds.NoticeDeadlineApproaching, approaching.ContractId,
            new Subject(SubjectTypes.Contract, approaching.ContractId, Day(approaching.NoticeDeadline)),
            Data(("daysBefore", approaching.DaysBefore), ("noticeDeadline", approaching.NoticeDeadline), ("periodEnd", approaching.PeriodEnd)),
            new Audience { Roles = [ClientManagers, ProviderManagers] });
    }

    /// <summary>
    /// An evolution request moved: told to the side whose move comes next (<see cref="NextSide"/>). A new request is
    /// its own kind, as people read it differently.
    /// </summary>
    public static Notice? For(EvolutionRequestStateChanged change)
    {
        ArgumentNullException.ThrowIfNull(change);
        if (NextSide(change.To) is not { } side)
        {
            return null;
        }

        return new Notice(
            change.To == EvolutionStates.Specified ? NotificationKinds.EvolutionRequested : NotificationKinds.EvolutionStateChanged,
            change.ContractId, new Subject(SubjectTypes.Evolution, change.EvolutionRequestId, change.Title),
            Data(("title", change.Title), ("from", change.From), ("state", change.To), ("quoteAmount", change.QuoteAmount)),
            new Audience { Roles = [ManagersOf(side)] });
    }

    /// <summary>
    /// The side told of an evolution request in <paramref name="state"/>: the side that acts next (the provider answers a
    /// specified need and builds a validated one, the client decides on a proposal and accepts a delivery); once the
    /// request is settled (rejected, accepted) the provider, whose proposal or delivery it settles; while the provider
    /// builds it, the client, told that the work has begun. Null for a state this version does not know.
    /// </summary>
    public static string? NextSide(string state) => state switch
    {
        EvolutionStates.Specified or EvolutionStates.Validated or EvolutionStates.Rejected or EvolutionStates.Accepted => Sides.Provider,
        EvolutionStates.Proposed or EvolutionStates.InProgress or EvolutionStates.Delivered => Sides.Client,
        _ => null,
    };

    /// <summary>A draft amendment sent for countersignature: the other side's managers, who countersign.</summary>
    public static Notice? For(AmendmentProposed proposed)
    {
        ArgumentNullException.ThrowIfNull(proposed);
        if (proposed.ProposingSide is not (Sides.Client or Sides.Provider))
        {
            return null;
        }

        return new Notice(NotificationKinds.AmendmentProposed, proposed.ContractId,
            new Subject(SubjectTypes.Version, null, proposed.VersionNumber.ToString(CultureInfo.InvariantCulture)),
            Data(("version", proposed.VersionNumber), ("proposedBy", proposed.ProposedBy), ("proposingSide", proposed.ProposingSide),
                ("effectiveFrom", proposed.EffectiveFrom)),
            new Audience { Roles = [ManagersOf(Sides.Other(proposed.ProposingSide))], Actor = proposed.ProposedById });
    }

    /// <summary>The client's decision at term: the provider's account managers.</summary>
    public static Notice For(RenewalDecided decided)
    {
        ArgumentNullException.ThrowIfNull(decided);
        return new Notice(NotificationKinds.RenewalDecided, decided.ContractId, new Subject(SubjectTypes.Contract, decided.ContractId, Day(decided.PeriodEnd)),
            Data(("decision", decided.Decision), ("periodEnd", decided.PeriodEnd), ("revisedMonthlyFee", decided.RevisedMonthlyFee)),
            new Audience { Roles = [ProviderManagers] });
    }

    /// <summary>
    /// An invoice controlled and waiting on the client (received, or answered by a credit note): the client's managers,
    /// who approve or dispute it, told whether it has discrepancies. A disputed invoice controlled again waits on the
    /// provider: nobody's news.
    /// </summary>
    public static Notice? For(InvoiceControlled controlled)
    {
        ArgumentNullException.ThrowIfNull(controlled);
        if (!AwaitingTheClient.Contains(controlled.Status))
        {
            return null;
        }

        return new Notice(NotificationKinds.InvoiceControlled, controlled.ContractId, Invoice(controlled.InvoiceId, controlled.Number),
            Data(("number", controlled.Number), ("result", controlled.Result), ("hasDiscrepancies", controlled.DiscrepancyCount > 0),
                ("discrepancyCount", controlled.DiscrepancyCount), ("totalAtStake", controlled.TotalAtStake)),
            new Audience { Roles = [ClientManagers] });
    }

    /// <summary>A dispute to answer with a credit note or a corrected invoice: the provider's account managers.</summary>
    public static Notice For(InvoiceDisputed disputed)
    {
        ArgumentNullException.ThrowIfNull(disputed);
        return new Notice(NotificationKinds.InvoiceDisputed, disputed.ContractId, Invoice(disputed.InvoiceId, disputed.Number),
            Data(("number", disputed.Number), ("message", disputed.Message), ("disputedBy", disputed.DisputedBy)),
            new Audience { Roles = [ProviderManagers] });
    }

    /// <summary>An invoice approved: the provider's account managers.</summary>
    public static Notice For(InvoiceApproved approved)
    {
        ArgumentNullException.ThrowIfNull(approved);
        return new Notice(NotificationKinds.InvoiceApproved, approved.ContractId, Invoice(approved.InvoiceId, approved.Number),
            Data(("number", approved.Number), ("invoiceKind", approved.Kind), ("totalWithVat", approved.TotalWithVat), ("approvedBy", approved.ApprovedBy)),
            new Audience { Roles = [ProviderManagers] });
    }

    /// <summary>An invoice paid: the provider's account managers.</summary>
    public static Notice For(InvoicePaid paid)
    {
        ArgumentNullException.ThrowIfNull(paid);
        return new Notice(NotificationKinds.InvoicePaid, paid.ContractId, Invoice(paid.InvoiceId, paid.Number),
            Data(("number", paid.Number), ("paidOn", paid.PaidOn), ("totalWithVat", paid.TotalWithVat)),
            new Audience { Roles = [ProviderManagers] });
    }

    /// <summary>
    /// A periodic review prepared by one side: the other side's managers, who read its minutes and approve them. Null for
    /// a side this version does not know.
    /// </summary>
    public static Notice? For(ReviewPrepared prepared)
    {
        ArgumentNullException.ThrowIfNull(prepared);
        if (prepared.PreparingSide is not (Sides.Client or Sides.Provider))
        {
            return null;
        }

        return new Notice(NotificationKinds.ReviewPrepared, prepared.ContractId, Review(prepared.ReviewId, prepared.Period),
            Data(("number", prepared.Number), ("period", prepared.Period), ("preparingSide", prepared.PreparingSide), ("preparedBy", prepared.PreparedBy)),
            new Audience { Roles = [ManagersOf(Sides.Other(prepared.PreparingSide))], Actor = prepared.PreparedById });
    }

    /// <summary>
    /// A review approved by one side and now waiting on the other: that side's managers, who approve it in turn. The
    /// second approval closes the review, told by <see cref="ReviewClosed"/>.
    /// </summary>
    public static Notice? For(ReviewApproved approved)
    {
        ArgumentNullException.ThrowIfNull(approved);
        if (approved.AwaitingSide is not (Sides.Client or Sides.Provider))
        {
            return null;
        }

        return new Notice(NotificationKinds.ReviewAwaitingApproval, approved.ContractId, Review(approved.ReviewId, approved.Period),
            Data(("period", approved.Period), ("approvingSide", approved.Side), ("approvedBy", approved.ApprovedBy), ("awaitingSide", approved.AwaitingSide)),
            new Audience { Roles = [ManagersOf(approved.AwaitingSide)], Actor = approved.ApprovedById });
    }

    /// <summary>A review's minutes changed after a side approved them: that side's managers, whose approval is awaited again.</summary>
    public static Notice? For(ReviewApprovalWithdrawn withdrawn)
    {
        ArgumentNullException.ThrowIfNull(withdrawn);
        if (withdrawn.Side is not (Sides.Client or Sides.Provider))
        {
            return null;
        }

        return new Notice(NotificationKinds.ReviewApprovalWithdrawn, withdrawn.ContractId, Review(withdrawn.ReviewId, withdrawn.Period),
            Data(("period", withdrawn.Period), ("side", withdrawn.Side), ("changedBy", withdrawn.ChangedBy)),
            new Audience { Roles = [ManagersOf(withdrawn.Side)], Actor = withdrawn.ChangedById });
    }

    /// <summary>A review approved by both sides and closed: both sides' managers, for their information.</summary>
    public static Notice For(ReviewClosed closed)
    {
        ArgumentNullException.ThrowIfNull(closed);
        return new Notice(NotificationKinds.ReviewClosed, closed.ContractId, Review(closed.ReviewId, closed.Period),
            Data(("period", closed.Period), ("closedAt", closed.ClosedAt)),
            new Audience { Roles = [ClientManagers, ProviderManagers] });
    }

    /// <summary>
    /// An action of the plan past its due day: the managers of the side responsible for it. The event names its owner
    /// by name only, so the owner is reached as one of those managers, not in person. The subject is the review that
    /// raised the action, where the plan is read.
    /// </summary>
    public static Notice? For(ReviewActionOverdue overdue)
    {
        ArgumentNullException.ThrowIfNull(overdue);
        if (overdue.Side is not (Sides.Client or Sides.Provider))
        {
            return null;
        }

        return new Notice(NotificationKinds.ReviewActionOverdue, overdue.ContractId, Review(overdue.RaisedInReviewId, overdue.Title),
            Data(("actionId", overdue.ActionId), ("title", overdue.Title), ("side", overdue.Side), ("owner", overdue.Owner), ("dueOn", overdue.DueOn),
                ("status", overdue.Status)),
            new Audience { Roles = [ManagersOf(overdue.Side)] });
    }

    /// <summary>
    /// An item of the takeover or reversibility checklist accepted by one side: the other side's managers, whose
    /// acceptance it awaits. The acceptance that completes the whole checklist tells both sides' managers instead that
    /// the phase may be closed. Never the person who accepted.
    /// </summary>
    public static Notice? For(ChecklistItemAccepted accepted)
    {
        ArgumentNullException.ThrowIfNull(accepted);
        if (accepted.AwaitingSide is Sides.Client or Sides.Provider)
        {
            return new Notice(NotificationKinds.ChecklistItemToAccept, accepted.ContractId,
                new Subject(SubjectTypes.ChecklistItem, accepted.ItemId, accepted.Title),
                Data(("title", accepted.Title), ("phase", accepted.Phase), ("acceptingSide", accepted.Side), ("acceptedBy", accepted.AcceptedBy)),
                new Audience { Roles = [ManagersOf(accepted.AwaitingSide)], Actor = accepted.AcceptedById });
        }

        return accepted.PhaseReadyToClose
            ? new Notice(NotificationKinds.PhaseReadyToClose, accepted.ContractId, Phase(accepted.Phase),
                Data(("phase", accepted.Phase), ("lastAcceptedBy", accepted.AcceptedBy)),
                new Audience { Roles = [ClientManagers, ProviderManagers], Actor = accepted.AcceptedById })
            : null;
    }

    /// <summary>
    /// One side accepted the closure of the takeover or reversibility phase: the other side's managers, whose acceptance
    /// closes it. The closing acceptance itself is nobody's news: the contract moves on.
    /// </summary>
    public static Notice? For(PhaseClosureAccepted accepted)
    {
        ArgumentNullException.ThrowIfNull(accepted);
        if (accepted.AwaitingSide is not (Sides.Client or Sides.Provider))
        {
            return null;
        }

        return new Notice(NotificationKinds.PhaseClosureProposed, accepted.ContractId, Phase(accepted.Phase),
            Data(("phase", accepted.Phase), ("acceptingSide", accepted.Side), ("acceptedBy", accepted.AcceptedBy)),
            new Audience { Roles = [ManagersOf(accepted.AwaitingSide)], Actor = accepted.AcceptedById });
    }

    private static Audience SlaAudience(string priority, Guid? assignee) => new()
    {
        Roles = Urgent.Contains(priority) ? [ProviderLevel2, ProviderManagers, ClientManagers] : [ProviderLevel2, ProviderManagers],
        People = assignee is { } id ? [id] : [],
    };

    private static SideRole ManagersOf(string side) => side == Sides.Client ? ClientManagers : ProviderManagers;

    private static Subject Ticket(Guid id, long? number) =>
        new(SubjectTypes.Ticket, id, number?.ToString(CultureInfo.InvariantCulture) ?? "");

    private static Subject Invoice(Guid id, string number) => new(SubjectTypes.Invoice, id, number);

    private static Subject Review(Guid id, string label) => new(SubjectTypes.Review, id, label);

    private static Subject Phase(string phase) => new(SubjectTypes.Phase, null, phase);

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>The values a sentence is written from; those the event did not carry are left out.</summary>
    private static Dictionary<string, object?> Data(params (string Key, object? Value)[] values) =>
        values.Where(value => value.Value is not null).ToDictionary(value => value.Key, value => value.Value);

    /// <summary>
    /// A contract's month made final: everyone who may read the contract's scorecard, on either side (the roles of the
    /// steering readers), each to get the month's scorecard as their side reads it.
    /// </summary>
    public static Notice For(ScorecardMonthFinal final)
    {
        ArgumentNullException.ThrowIfNull(final);
        return new Notice(NotificationKinds.MonthlyScorecard, final.ContractId, new Subject(SubjectTypes.Scorecard, null, final.Month),
            Data(("month", final.Month)),
            new Audience
            {
                Roles =
                [
                    .. Policies.SteeringReaderRoles
                        .SelectMany(role => new[] { Sides.Client, Sides.Provider }.Where(side => RoleIsOn(role, side)).Select(side => new SideRole(side, role))),
                ],
            });
    }

    private static bool RoleIsOn(string role, string side) =>
        Roles.Of(side == Sides.Client ? OrganisationKind.Client : OrganisationKind.Provider).Contains(role);

}
