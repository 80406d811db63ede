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

/// <summary>The provider's desk now: its open tickets counted by client and priority, each client's oldest, the clocks at risk.</summary>
/// <remarks>
/// <see cref="AtRisk"/> holds the <see cref="DeskStore.AtRiskShown"/> soonest due; <see cref="MoreAtRisk"/> says whether there
/// are others.
/// </remarks>
public sealed record Desk(IReadOnlyList<DeskCount> Counts, IReadOnlyList<DeskTicket> Oldest, IReadOnlyList<AtRiskClock> AtRisk, bool MoreAtRisk);

/// <summary>Reads a provider's desk across the contracts naming it (row-level security admits the open ones only).</summary>
public static class DeskStore
{
    /// <summary>How many of the clocks at risk the desk lists: the soonest due, what a desk works through first.</summary>
    public const int AtRiskShown = 50;

    /// <summary>
    /// A ticket open now: its opening is known and its status still needs work, as its open periods say (both are derived
    /// together), written as the predicate of the index <c>tickets_open_now</c> so that the plan can use it.
    /// </summary>
    private const string OpenNow = $"t.opened_at IS NOT NULL AND t.status NOT IN ('{TicketLife.Resolved}', '{TicketLife.Closed}')";

    /// <summary>
    /// In one round trip: the tickets open now, counted by client and priority (as the counts kept with the tickets say,
    /// changes not yet folded into them included); each client's oldest open ticket (by
    /// opening, then number), from the oldest of each of its contracts; and the clocks warned of and still at risk, by due
    /// time, the <see cref="AtRiskShown"/> soonest and whether there are more (at risk as the read models keep it: no
    /// completion of that clock since the warning, no breach of it, the ticket not resolved or closed).
    /// </summary>
    public static async Task<Desk> ReadAsync(UnitOfWork unitOfWork, Guid provider)
    {
        ArgumentNullException.ThrowIfNull(unitOfWork);
        using var results = await unitOfWork.QueryMultipleAsync(
            $"""
            SELECT n.tenant_id AS client_id, n.priority, sum(n.open)::integer AS count
            FROM contracts c
            JOIN (SELECT tenant_id, contract_id, priority, open FROM open_ticket_counts
                  UNION ALL
                  SELECT tenant_id, contract_id, priority, change FROM open_ticket_count_changes) AS n
              ON n.tenant_id = c.tenant_id AND n.contract_id = c.contract_id
            WHERE c.provider_organisation_id = @provider
            GROUP BY n.tenant_id, n.priority
            HAVING sum(n.open) > 0
            ORDER BY n.tenant_id, n.priority;

            SELECT DISTINCT ON (o.client_id) o.*
            FROM contracts c
            CROSS JOIN LATERAL (
                SELECT t.ticket_id, t.number, t.contract_id, c.reference, t.tenant_id AS client_id, coalesce(t.priority, '') AS priority, t.opened_at
                FROM tickets t
                WHERE t.contract_id = c.contract_id AND {OpenNow}
                ORDER BY t.opened_at, t.number
                LIMIT 1) o
            WHERE c.provider_organisation_id = @provider
            ORDER BY o.client_id, o.opened_at, o.number;

            SELECT w.ticket_id, coalesce(w.number, t.number) AS number, w.contract_id, c.reference, w.tenant_id AS client_id, w.priority, w.clock,
                   w.percent, w.due_at, w.assignee_id
            FROM contracts c
            JOIN sla_warnings w ON w.contract_id = c.contract_id AND w.at_risk
            LEFT JOIN tickets t ON t.tenant_id = w.tenant_id AND t.ticket_id = w.ticket_id
            WHERE c.provider_organisation_id = @provider
            ORDER BY w.due_at, w.ticket_id, w.clock
            LIMIT {AtRiskShown + 1}
            """,
            new { provider });
        var counts = (await results.ReadAsync<DeskCount>()).ToList();
        var oldest = (await results.ReadAsync<DeskTicket>()).ToList();
        var atRisk = (await results.ReadAsync<AtRiskClock>()).ToList();
        return new Desk(counts, oldest, [.. atRisk.Take(AtRiskShown)], atRisk.Count > AtRiskShown);
    }
}
