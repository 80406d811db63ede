using Infogerance.Data;
using Infogerance.Reporting.Domain;

namespace Infogerance.Reporting.Data;

/// <summary>Open tickets of one client (tenant) and priority on the provider's desk.</summary>
public sealed record DeskCount(Guid ClientId, string Priority, int Count);

/// <summary>A ticket on the desk: its client, contract, priority and opening.</summary>
public sealed record DeskTicket(Guid TicketId, long Number, Guid ContractId, string Reference, Guid ClientId, string Priority, DateTimeOffset OpenedAt);

/// <summary>A ticket's clock at risk of breach: the latest warning told of it (how far into its allowance, due when, assigned to whom).</summary>
public sealed record AtRiskClock(
    Guid TicketId, long? Number, Guid ContractId, string Reference, Guid ClientId, string Priority, string Clock, int Percent, DateTimeOffset DueAt,
    Guid? AssigneeId);

/// <summary>Reads a provider's desk across the contracts naming it (row-level security admits the open ones only).</summary>
public static class DeskStore
{
    /// <summary>The tickets open now, counted by client and priority.</summary>
    public static async Task<IReadOnlyList<DeskCount>> OpenCountsAsync(UnitOfWork unitOfWork, Guid provider) =>
        [.. await unitOfWork.QueryAsync<DeskCount>(
            """
            SELECT t.tenant_id AS client_id, coalesce(t.priority, '') AS priority, count(*)::integer AS count
            FROM contracts c
            JOIN ticket_open_periods p ON p.contract_id = c.contract_id AND p.open_until = 'infinity'
            JOIN tickets t ON t.tenant_id = p.tenant_id AND t.ticket_id = p.ticket_id
            WHERE c.provider_organisation_id = @provider AND t.opened_at IS NOT NULL
            GROUP BY t.tenant_id, t.priority
            ORDER BY t.tenant_id, t.priority
            """,
            new { provider })];

    /// <summary>Each client's oldest ticket open now (by opening, then number).</summary>
    public static async Task<IReadOnlyList<DeskTicket>> OldestAsync(UnitOfWork unitOfWork, Guid provider) =>
        [.. await unitOfWork.QueryAsync<DeskTicket>(
            """
            SELECT DISTINCT ON (t.tenant_id) t.ticket_id, t.number, t.contract_id, c.reference, t.tenant_id AS client_id, coalesce(t.priority, '') AS priority,
                   t.opened_at
            FROM contracts c
            JOIN ticket_open_periods p ON p.contract_id = c.contract_id AND p.open_until = 'infinity'
            JOIN tickets t ON t.tenant_id = p.tenant_id AND t.ticket_id = p.ticket_id
            WHERE c.provider_organisation_id = @provider AND t.opened_at IS NOT NULL
            ORDER BY t.tenant_id, t.opened_at, t.number
            """,
            new { provider })];

    /// <summary>
    /// The clocks warned of and still at risk, by due time: no completion of that clock since the warning (a reopened
    /// ticket's clock warned again is at risk again), no breach of it, the ticket not resolved or closed.
    /// </summary>
    public static async Task<IReadOnlyList<AtRiskClock>> AtRiskAsync(UnitOfWork unitOfWork, Guid provider) =>
        [.. await unitOfWork.QueryAsync<AtRiskClock>(
            """
            SELECT w.ticket_id, coalesce(w.number, t.number) AS number, w.contract_id, c.reference, w.tenant_id AS client_id, w.priority, w.clock,
                   w.percent, w.due_at, w.assignee_id
            FROM contracts c
            JOIN sla_warnings w ON w.contract_id = c.contract_id
            LEFT JOIN tickets t ON t.tenant_id = w.tenant_id AND t.ticket_id = w.ticket_id
            WHERE c.provider_organisation_id = @provider
              AND (t.status IS NULL OR t.status NOT IN (@resolved, @closed))
              AND NOT EXISTS (SELECT FROM sla_breaches b WHERE b.tenant_id = w.tenant_id AND b.ticket_id = w.ticket_id AND b.clock = w.clock)
              AND NOT EXISTS (
                  SELECT FROM sla_completions s
                  WHERE s.tenant_id = w.tenant_id AND s.ticket_id = w.ticket_id AND s.clock = w.clock AND s.completed_at >= w.raised_at)
            ORDER BY w.due_at, w.ticket_id, w.clock
            """,
            new { provider, resolved = TicketLife.Resolved, closed = TicketLife.Closed })];
}
