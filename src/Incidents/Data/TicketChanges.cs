using Infogerance.Data;
using Infogerance.Incidents.Domain;
using Infogerance.IntegrationEvents;

namespace Infogerance.Incidents.Data;

/// <summary>The writes of a ticket's changes that the API, the scheduler and the import share. Callers hold the ticket's row lock.</summary>
public static class TicketChanges
{
    /// <summary>Inserts the ticket with its first history entry and its event; its clocks are the caller's to sync.</summary>
    public static async Task<TicketRow> OpenAsync(UnitOfWork unitOfWork, NewTicket opening)
    {
        var ticket = await TicketStore.InsertAsync(unitOfWork, opening);
        await unitOfWork.AddEventAsync(new TicketOpened
        {
            TenantId = ticket.TenantId, ContractId = ticket.ContractId, TicketId = ticket.TicketId, Number = ticket.Number, Kind = ticket.Kind,
            Priority = ticket.Priority, OpenedAt = opening.At, OccurredAt = opening.At,
        });
        return ticket;
    }

    /// <summary>
    /// Moves the ticket to <paramref name="to"/> with its pauses, history and event. The provider's first status change
    /// is its response. Leaving "pending client" ends the pause; a reopen adds the resolved period as a pause.
    /// </summary>
    public static async Task SetStatusAsync(
        UnitOfWork unitOfWork, TicketRow ticket, string to, TicketActor actor, DateTimeOffset now,
        string? note = null, string? pendingSide = null, string? pendingReason = null, string? resolution = null)
    {
        var from = ticket.Status;
        var reopen = ticket.IsResolved && to == Statuses.InProgress;
        await unitOfWork.ExecuteAsync(
            """
            UPDATE tickets
            SET status = @to, updated_at = @now,
                pending_side = @pendingSide, pending_reason = @pendingReason,
                responded_at = CASE WHEN responded_at IS NULL AND @provider THEN @now ELSE responded_at END,
                resolved_at = CASE WHEN @to = 'resolved' THEN @now WHEN @reopen THEN NULL ELSE resolved_at END,
                resolution = CASE WHEN @to = 'resolved' THEN @resolution WHEN @reopen THEN NULL ELSE resolution END,
                closed_at = CASE WHEN @to = 'closed' THEN @now ELSE NULL END,
                reopen_count = reopen_count + CASE WHEN @reopen THEN 1 ELSE 0 END
            WHERE tenant_id = @TenantId AND ticket_id = @TicketId
            """,
            new
            {
                ticket.TenantId, ticket.TicketId, to, now = now.UtcDateTime, provider = actor.Side == Sides.Provider, reopen,
                pendingSide = to == Statuses.PendingClient ? pendingSide : null, pendingReason = to == Statuses.PendingClient ? pendingReason : null,
                resolution,
            });

        if (from == Statuses.PendingClient)
        {
            await TicketStore.EndPausesAsync(unitOfWork, ticket, now);
        }

        if (to == Statuses.PendingClient)
        {
            await TicketStore.StartPauseAsync(unitOfWork, ticket, now, Statuses.PendingClient);
        }

        if (reopen && ticket.ResolvedAt is { } resolvedAt)
        {
            await unitOfWork.ExecuteAsync(
                """
                INSERT INTO ticket_pauses (tenant_id, contract_id, ticket_id, paused_from, paused_to, kind)
                VALUES (@TenantId, @ContractId, @TicketId, @resolvedAt, @now, 'resolved')
                ON CONFLICT DO NOTHING
                """,
                new { ticket.TenantId, ticket.ContractId, ticket.TicketId, resolvedAt = resolvedAt.UtcDateTime, now = now.UtcDateTime });
        }

        await TicketStore.AddHistoryAsync(unitOfWork, ticket, actor, now, "status", from, to, note ?? pendingReason ?? resolution);
        if (to == Statuses.PendingClient)
        {
            await TicketStore.AddHistoryAsync(unitOfWork, ticket, actor, now, "pendingSide", ticket.PendingSide, pendingSide);
        }

        await unitOfWork.AddEventAsync(new TicketStatusChanged
        {
            TenantId = ticket.TenantId, ContractId = ticket.ContractId, TicketId = ticket.TicketId, From = from, To = to,
            Priority = ticket.Priority, OccurredAt = now, Number = ticket.Number, RequesterId = ticket.RequesterId, ActorId = actor.Id,
        });
    }
}
