using Infogerance.Data;
using Infogerance.Incidents.Data;
using Infogerance.Incidents.Domain;
using Infogerance.Messaging;
using Infogerance.ServiceDefaults;

namespace Infogerance.Incidents.Api;

/// <summary>A person as a ticket names them; <see cref="Side"/> is client, provider or system.</summary>
public sealed record PersonView(Guid? Id, string Name, string? Side = null);

/// <summary>A warning threshold of a clock and when it falls (or fell) due.</summary>
public sealed record WarningView(int Percent, DateTimeOffset At);

/// <summary>One SLA clock (respond or resolve) as of now: its due time, business seconds counted and state.</summary>
public sealed record ClockView(
    string Clock, DateTimeOffset DueAt, long TargetBusinessSeconds, long ElapsedBusinessSeconds, int PercentUsed, bool Running, bool Paused,
    bool Breached, DateTimeOffset? StoppedAt, IReadOnlyList<WarningView> Warnings);

/// <summary>The inventory item a ticket is about, as its contract's inventory names it.</summary>
public sealed record InventoryItemView(Guid Id, string Type, string Name, string Criticality);

/// <summary>The requester's rating of the resolution.</summary>
public sealed record SatisfactionView(int Score, string? Comment, DateTimeOffset RatedAt);

/// <summary>What the caller may do next: the statuses it may move the ticket to, and the other actions.</summary>
public sealed record TicketActions(
    IReadOnlyList<string> Statuses, bool Assign, bool Escalate, bool ChangePriority, bool CommentInternally, bool Rate, bool RecordOutage);

/// <summary>A ticket with its clocks, and what the caller may do with it next.</summary>
public sealed record TicketDetail(
    Guid Id, long Number, Guid TenantId, Guid ContractId, string ContractReference, int ContractVersion, string Kind, string Title,
    string Description, string Impact, string Urgency, string Priority, string? PriorityReason, int Level, string Status,
    string? PendingSide, string? PendingReason, PersonView Requester, PersonView? Assignee, string? Team, InventoryItemView? InventoryItem,
    string Source, string? ExternalReference, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, DateTimeOffset? RespondedAt,
    DateTimeOffset? ResolvedAt, string? Resolution, DateTimeOffset? ClosedAt, int ReopenCount, bool Breached,
    SatisfactionView? Satisfaction, IReadOnlyList<ClockView> Clocks, TicketActions Can, string CalendarTimeZone);

/// <summary>A ticket as lists show it.</summary>
public sealed record TicketSummary(
    Guid Id, long Number, Guid TenantId, Guid ContractId, string ContractReference, string Kind, string Title, string Priority, int Level,
    string Status, string? PendingSide, string RequesterName, string? AssigneeName, string? Team, DateTimeOffset CreatedAt,
    DateTimeOffset? SlaDueAt, bool Breached);

public static class TicketViews
{
    public static async Task<TicketDetail> DetailAsync(
        UnitOfWork unitOfWork, TicketRow ticket, IReadOnlyList<ClockState> clocks, ContractReplica terms, CurrentUser user, TicketSettings settings,
        DateTimeOffset now)
    {
        var service = await terms.TermsAsync(unitOfWork, ticket.ContractId, ticket.ContractVersion);
        return new TicketDetail(
            ticket.TicketId, ticket.Number, ticket.TenantId, ticket.ContractId, ticket.ContractReference, ticket.ContractVersion, ticket.Kind,
            ticket.Title, ticket.Description, ticket.Impact, ticket.Urgency, ticket.Priority, ticket.PriorityReason, ticket.Level, ticket.Status,
            ticket.PendingSide, ticket.PendingReason, new PersonView(ticket.RequesterId, ticket.RequesterName, ticket.RequesterSide),
            ticket.AssigneeName is null ? null : new PersonView(ticket.AssigneeId, ticket.AssigneeName), ticket.Team, await ItemAsync(unitOfWork, ticket),
            ticket.Source, ticket.ExternalReference, ticket.CreatedAt, ticket.UpdatedAt, ticket.RespondedAt, ticket.ResolvedAt, ticket.Resolution,
            ticket.ClosedAt, ticket.ReopenCount, ticket.Breached,
            ticket.SatisfactionScore is { } score ? new SatisfactionView(score, ticket.SatisfactionComment, ticket.RatedAt!.Value) : null,
            [.. clocks.Select(View)], ActionsOf(ticket, user, settings, now), service.Calendar.Zone.Id);
    }

    /// <summary>The item the ticket is about, as the contract's inventory names it (or by id alone once removed from it).</summary>
    private static async Task<InventoryItemView?> ItemAsync(UnitOfWork unitOfWork, TicketRow ticket) =>
        ticket.InventoryItemId is not { } itemId
            ? null
            : await unitOfWork.QuerySingleOrDefaultAsync<InventoryItemView>(
                "SELECT item_id AS id, type, name, criticality FROM inventory_items WHERE contract_id = @ContractId AND item_id = @itemId",
                new { ticket.ContractId, itemId }) ?? new InventoryItemView(itemId, "", "", "");

    private static ClockView View(ClockState state) => new(
        state.Clock, state.Result.DueAt, state.Result.TargetBusinessSeconds, state.Result.ElapsedBusinessSeconds, state.PercentUsed,
        state.Running, state.Paused, state.Result.Breached, state.Running ? null : state.Result.EvaluatedAt,
        [.. state.Result.Warnings.Select(w => new WarningView(w.Percent, w.At))]);

    public static TicketActions ActionsOf(TicketRow ticket, CurrentUser user, TicketSettings settings, DateTimeOffset now)
    {
        var side = Sides.Of(user);
        var reader = TicketAccess.OnlyReads(user);
        var statuses = reader
            ? []
            : Statuses.All.Where(to => TicketWorkflow.MayChange(ticket.Status, to, side)
                && TicketWorkflow.Refusal(ticket.Status, to, side, ticket.ResolvedAt, now, settings.ReopenWindow) is null).ToList();
        var desk = TicketAccess.IsDesk(user);
        var open = Statuses.IsOpen(ticket.Status);
        return new TicketActions(
            statuses,
            Assign: desk && open,
            Escalate: desk && open && ticket.Level == 1,
            ChangePriority: desk && open,
            CommentInternally: desk,
            Rate: ticket.IsResolved && ticket.SatisfactionScore is null && ticket.RequesterId == user.Id,
            RecordOutage: ticket.Kind == TicketKinds.Incident && OutagesApi.MayRecord(user));
    }
}
