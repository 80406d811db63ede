using Infogerance.Data;
using Infogerance.Incidents.Domain;

namespace Infogerance.Incidents.Data;

public sealed record TicketRow(
    Guid TenantId, Guid ContractId, Guid TicketId, long Number, string Kind, string Title, string Description,
    string Impact, string Urgency, string Priority, string? PriorityReason, short Level, string Status, string? PendingSide, string? PendingReason,
    Guid? RequesterId, string RequesterName, string RequesterSide, Guid? AssigneeId, string? AssigneeName, string? Team, Guid? InventoryItemId,
    int ContractVersion, string Source, string? ExternalReference, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, DateTimeOffset? RespondedAt,
    DateTimeOffset? ResolvedAt, string? Resolution, DateTimeOffset? ClosedAt, int ReopenCount, DateTimeOffset? SlaDueAt, bool Breached,
    short? SatisfactionScore, string? SatisfactionComment, DateTimeOffset? RatedAt, string ContractReference)
{
    public bool IsResolved => Status is Statuses.Resolved or Statuses.Closed;
}

/// <summary>
/// A ticket about to be opened by <see cref="Requester"/> at <see cref="At"/>, under contract version <see cref="ContractVersion"/>,
/// with the instant its clocks will first be due when known (<see cref="TicketSla.SlaDueAtOpeningAsync"/>).
/// </summary>
public sealed record NewTicket(
    Guid TenantId, Guid ContractId, Guid TicketId, string Kind, string Title, string Description, string Impact, string Urgency,
    string Priority, string? PriorityReason, TicketActor Requester, Guid? InventoryItemId, int ContractVersion, DateTimeOffset At,
    DateTimeOffset? SlaDueAt = null);

/// <summary>Who changes a ticket, and from which side.</summary>
public sealed record TicketActor(Guid? Id, string Name, string Side)
{
    public static readonly TicketActor System = new(null, "system", Sides.System);
}

/// <summary>
/// The ticket aggregate's queries and the writes every change shares. Changes hold the ticket's row lock
/// (<see cref="LoadAsync"/> with forUpdate), so that changes to one ticket, the scheduler's included, apply one after the other.
/// </summary>
public static class TicketStore
{
    /// <summary>A <see cref="TicketRow"/>'s columns, from tickets <c>t</c> and their contract <c>c</c>.</summary>
    private const string TicketColumns =
        """
        t.tenant_id, t.contract_id, t.ticket_id, t.number, t.kind, t.title, t.description, t.impact, t.urgency, t.priority,
        t.priority_reason, t.level, t.status, t.pending_side, t.pending_reason, t.requester_id, t.requester_name, t.requester_side,
        t.assignee_id, t.assignee_name, t.team, t.inventory_item_id, t.contract_version, t.source, t.external_reference,
        t.created_at, t.updated_at, t.responded_at, t.resolved_at, t.resolution, t.closed_at, t.reopen_count, t.sla_due_at,
        t.breached, t.satisfaction_score, t.satisfaction_comment, t.rated_at, c.reference AS contract_reference
        """;

    private const string WithContract = "JOIN contracts c ON c.tenant_id = t.tenant_id AND c.contract_id = t.contract_id";

    public const string SelectTicket = $"SELECT {TicketColumns} FROM tickets t {WithContract}";

    public static Task<TicketRow?> LoadAsync(UnitOfWork unitOfWork, Guid ticketId, bool forUpdate = false) =>
        unitOfWork.QuerySingleOrDefaultAsync<TicketRow>(
            $"{SelectTicket} WHERE t.ticket_id = @ticketId {(forUpdate ? "FOR NO KEY UPDATE OF t" : "")}", new { ticketId });

    /// <summary>
    /// Inserts a new ticket (status new, level 1) with the first entry of its history, in one statement, and returns it as
    /// stored. Its clocks are the caller's to sync.
    /// </summary>
    public static async Task<TicketRow> InsertAsync(UnitOfWork unitOfWork, NewTicket ticket) =>
        (await unitOfWork.QuerySingleOrDefaultAsync<TicketRow>(
            $"""
            WITH t AS (
                INSERT INTO tickets (tenant_id, contract_id, ticket_id, kind, title, description, impact, urgency, priority, priority_reason, level,
                                     status, requester_id, requester_name, requester_side, inventory_item_id, contract_version, created_at, updated_at,
                                     sla_due_at, queue_rank)
                VALUES (@TenantId, @ContractId, @TicketId, @Kind, @Title, @Description, @Impact, @Urgency, @Priority, @PriorityReason, 1,
                        @status, @requesterId, @requesterName, @requesterSide, @InventoryItemId, @ContractVersion, @at, @at, @slaDue, @queueRank)
                RETURNING *
            ), opened AS (
                INSERT INTO ticket_history (tenant_id, contract_id, ticket_id, entry_id, occurred_at, actor_id, actor_name, actor_side, field, before, after, note, internal)
                VALUES (@TenantId, @ContractId, @TicketId, @entryId, @at, @requesterId, @requesterName, @requesterSide, 'status', NULL, @status, @openingNote, false))
            SELECT {TicketColumns} FROM t {WithContract}
            """,
            new
            {
                ticket.TenantId, ticket.ContractId, ticket.TicketId, ticket.Kind, ticket.Title, ticket.Description, ticket.Impact, ticket.Urgency,
                ticket.Priority, ticket.PriorityReason, status = Statuses.New, requesterId = ticket.Requester.Id, requesterName = ticket.Requester.Name,
                requesterSide = ticket.Requester.Side, ticket.InventoryItemId, ticket.ContractVersion, at = ticket.At.UtcDateTime,
                slaDue = ticket.SlaDueAt?.ToUniversalTime(), queueRank = (ticket.SlaDueAt ?? TicketSla.NoRank).ToUniversalTime(),
                entryId = Guid.CreateVersion7(ticket.At),
                openingNote = ticket.PriorityReason is null ? null : $"{ticket.Priority}: {ticket.PriorityReason}",
            }))!;

    public static Task<TicketRow?> ReloadAsync(UnitOfWork unitOfWork, TicketRow ticket) => LoadAsync(unitOfWork, ticket.TicketId);

    /// <summary>Records one field's change in the ticket's history.</summary>
    public static Task AddHistoryAsync(
        UnitOfWork unitOfWork, TicketRow ticket, TicketActor actor, DateTimeOffset at, string field, string? before, string? after,
        string? note = null, bool @internal = false) =>
        unitOfWork.ExecuteAsync(
            """
            INSERT INTO ticket_history (tenant_id, contract_id, ticket_id, entry_id, occurred_at, actor_id, actor_name, actor_side, field, before, after, note, internal)
            VALUES (@TenantId, @ContractId, @TicketId, @entryId, @at, @actorId, @actorName, @actorSide, @field, @before, @after, @note, @internal)
            """,
            new
            {
                ticket.TenantId, ticket.ContractId, ticket.TicketId, entryId = Guid.CreateVersion7(at), at = at.UtcDateTime,
                actorId = actor.Id, actorName = actor.Name, actorSide = actor.Side, field, before, after, note, @internal,
            });

    public static Task AddCommentAsync(UnitOfWork unitOfWork, TicketRow ticket, Guid commentId, TicketActor author, string visibility, string body, DateTimeOffset at) =>
        unitOfWork.ExecuteAsync(
            """
            INSERT INTO ticket_comments (tenant_id, contract_id, ticket_id, comment_id, author_id, author_name, author_side, visibility, body, created_at)
            VALUES (@TenantId, @ContractId, @TicketId, @commentId, @authorId, @authorName, @authorSide, @visibility, @body, @at)
            """,
            new
            {
                ticket.TenantId, ticket.ContractId, ticket.TicketId, commentId, authorId = author.Id, authorName = author.Name, authorSide = author.Side,
                visibility, body, at = at.UtcDateTime,
            });

    public static Task<IEnumerable<(DateTimeOffset From, DateTimeOffset? To)>> PausesAsync(UnitOfWork unitOfWork, TicketRow ticket) =>
        unitOfWork.QueryAsync<(DateTimeOffset, DateTimeOffset?)>(
            "SELECT paused_from, paused_to FROM ticket_pauses WHERE tenant_id = @TenantId AND ticket_id = @TicketId ORDER BY paused_from",
            new { ticket.TenantId, ticket.TicketId });

    public static Task StartPauseAsync(UnitOfWork unitOfWork, TicketRow ticket, DateTimeOffset from, string kind) =>
        unitOfWork.ExecuteAsync(
            """
            INSERT INTO ticket_pauses (tenant_id, contract_id, ticket_id, paused_from, kind)
            VALUES (@TenantId, @ContractId, @TicketId, @from, @kind)
            ON CONFLICT DO NOTHING
            """,
            new { ticket.TenantId, ticket.ContractId, ticket.TicketId, from = from.UtcDateTime, kind });

    public static Task EndPausesAsync(UnitOfWork unitOfWork, TicketRow ticket, DateTimeOffset to) =>
        unitOfWork.ExecuteAsync(
            "UPDATE ticket_pauses SET paused_to = @to WHERE tenant_id = @TenantId AND ticket_id = @TicketId AND paused_to IS NULL",
            new { ticket.TenantId, ticket.TicketId, to = to.UtcDateTime });
}
