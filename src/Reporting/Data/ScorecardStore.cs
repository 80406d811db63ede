using System.Text.Json;
using Infogerance.Data;
using Infogerance.IntegrationEvents;
using Infogerance.Reporting.Domain;

namespace Infogerance.Reporting.Data;

/// <summary>
/// Reads a contract's month from the read models: every query is bounded by the contract and the month's instants (or
/// the backlog's instant), so a month costs what it holds, not what the contract's history holds.
/// </summary>
public static class ScorecardStore
{
    private sealed record VersionRow(int VersionNumber, DateOnly EffectiveFrom, string Terms);

    private sealed record BudgetRow(decimal? Annual, string Monthly);

    private sealed record EvolutionRow(Guid EvolutionId, Guid EventId, DateTimeOffset At, string From, string To);

    /// <summary>Every version of the contract's terms in the replica, in order.</summary>
    public static async Task<IReadOnlyList<TermsVersion>> VersionsAsync(UnitOfWork unitOfWork, Guid contractId) =>
        [.. (await unitOfWork.QueryAsync<VersionRow>(
            "SELECT version_number, effective_from, terms::text AS terms FROM contract_terms WHERE contract_id = @contractId ORDER BY version_number",
            new { contractId }))
            .Select(row => new TermsVersion(
                row.VersionNumber, row.EffectiveFrom,
                JsonSerializer.Deserialize<ContractTerms>(row.Terms, EventTypeRegistry.SerializerOptions)
                    ?? throw new InvalidOperationException("Stored terms are empty.")))];

    /// <summary>The facts of the contract's month as of <paramref name="now"/>.</summary>
    public static async Task<ScorecardInput> InputAsync(UnitOfWork unitOfWork, Guid contractId, ContractMonth month, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(month);
        var period = new ScorecardPeriod(month.Month, now);
        var range = new
        {
            contractId, start = month.Month.Start.UtcDateTime, end = month.Month.End.UtcDateTime, asOf = period.AsOf.UtcDateTime,
        };

        // The backlog first, on its own: few rows, which the planner cannot foresee from the two bounds of a period (it
        // would guess a large share of the contract's tickets and read them all rather than look these few up).
        var backlog = (await unitOfWork.QueryAsync<(Guid TenantId, Guid TicketId)>(
            """
            SELECT DISTINCT tenant_id, ticket_id FROM ticket_open_periods
            WHERE contract_id = @contractId AND open_until > @asOf AND opened_from <= @asOf
            """,
            range)).ToList();
        // The month's tickets in one pass over the heap: the three ranges are OR-ed, which the planner answers with a
        // bitmap of its three indexes (a UNION of three scans read the rows twice and sorted them to drop the repeats:
        // 80 ms for a month of 17,500 tickets against 10 ms). The backlog's tickets follow; one found twice is kept once.
        var open = backlog.Select(b => b.TicketId).ToHashSet();
        var tickets = (await unitOfWork.QueryAsync<TicketFact>(
            """
            SELECT ticket_id, number, kind, priority, opened_at, resolved_at, score::integer AS score, rated_at, false AS open_at_end FROM tickets
            WHERE contract_id = @contractId AND opened_at IS NOT NULL
              AND (opened_at >= @start AND opened_at < @end OR resolved_at >= @start AND resolved_at < @end OR rated_at >= @start AND rated_at < @end)
            UNION ALL
            SELECT t.ticket_id, t.number, t.kind, t.priority, t.opened_at, t.resolved_at, t.score::integer, t.rated_at, false
            FROM unnest(@backlogTenants::uuid[], @backlogTickets::uuid[]) AS b (tenant_id, ticket_id)
            JOIN tickets t ON t.tenant_id = b.tenant_id AND t.ticket_id = b.ticket_id
            WHERE t.opened_at IS NOT NULL
            """,
            new
            {
                contractId, range.start, range.end, backlogTenants = backlog.Select(b => b.TenantId).ToArray(),
                backlogTickets = backlog.Select(b => b.TicketId).ToArray(),
            }))
            .DistinctBy(ticket => ticket.TicketId)
            .Select(ticket => ticket with { OpenAtEnd = open.Contains(ticket.TicketId) });

        var clocks = await unitOfWork.QueryAsync<ClockFact>(
            """
            SELECT ticket_id, number, kind, priority, clock, met, used_seconds AS business_seconds_used, target_seconds AS target_business_seconds,
                   due_at, completed_at
            FROM sla_completions WHERE contract_id = @contractId AND completed_at >= @start AND completed_at < @end
            """,
            range);

        var breaches = await unitOfWork.QueryAsync<BreachFact>(
            """
            SELECT ticket_id, number, kind, priority, clock, due_at
            FROM sla_breaches WHERE contract_id = @contractId AND due_at >= @start AND due_at < @end
            """,
            range);

        var outages = await unitOfWork.QueryAsync<OutageFact>(
            """
            SELECT outage_id, service, started_at, ended_at FROM service_outages
            WHERE contract_id = @contractId AND started_at < @end AND (ended_at IS NULL OR ended_at > @start)
            """,
            range);

        var statement = await unitOfWork.QuerySingleOrDefaultAsync<StatementFact>(
            """
            SELECT gross_amount, free_amount, waived_amount, monthly_cap_deducted, annual_cap_deducted, below_minimum, total, adjustment_total,
                   total_due, jsonb_array_length(lines) AS lines
            FROM penalty_statements WHERE contract_id = @contractId AND month = @month
            """,
            new { contractId, month = month.Month.Text });

        var year = month.Month.Month.Year;
        var invoices = await unitOfWork.QueryAsync<InvoiceFact>(
            """
            SELECT invoice_id, number, kind, billing_day, total_without_vat, approved_at IS NOT NULL AS approved, result, discrepancy_count, total_at_stake
            FROM invoices WHERE contract_id = @contractId AND billing_day >= @first AND billing_day < @next
            """,
            new { contractId, first = new DateOnly(year, 1, 1), next = month.Month.Month.PlusMonths(1).OnDayOfMonth(1).ToDateOnly() });

        var budget = await unitOfWork.QuerySingleOrDefaultAsync<BudgetRow>(
            "SELECT annual, monthly::text AS monthly FROM budget_plans WHERE contract_id = @contractId AND year = @year", new { contractId, year });

        var evolutions = await unitOfWork.QueryAsync<EvolutionRow>(
            """
            SELECT evolution_id, event_id, occurred_at AS at, from_state AS "from", to_state AS "to"
            FROM evolution_changes WHERE contract_id = @contractId AND occurred_at <= @asOf
            """,
            range);

        return new ScorecardInput(
            period, month.Version?.Number, month.Version?.Terms, [.. tickets], [.. clocks], [.. breaches], [.. outages],
            statement,
            [.. invoices],
            budget is null ? null : new BudgetFact(budget.Annual, JsonSerializer.Deserialize<Dictionary<int, decimal>>(budget.Monthly) ?? []),
            [.. evolutions.Select(row => new EvolutionFact(row.EvolutionId, new StateChange(row.EventId, row.At, row.From, row.To)))]);
    }
}
