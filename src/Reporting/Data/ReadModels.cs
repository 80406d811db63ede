using System.Text.Json;
using Infogerance.Data;
using Infogerance.IntegrationEvents;
using Infogerance.Reporting.Domain;

namespace Infogerance.Reporting.Data;

/// <summary>
/// Brings the read models up to one event, for the live consumers and for the replay alike. Each write keeps the latest
/// version of its fact (highest completion or revision, latest instant then event id, or the fact itself once), so the
/// rows depend on the set of events received, never on the order they came in: a replay rebuilds the same rows.
/// </summary>
public static class ReadModels
{
    /// <summary>The read models' tables, which the replay empties before feeding them the journal again.</summary>
    public static readonly IReadOnlyList<string> Tables =
    [
        "tickets", "ticket_status_changes", "ticket_open_periods", "sla_completions", "sla_breaches", "service_outages", "penalty_statements",
        "invoices", "budget_plans", "evolution_changes", "contract_phases", "sla_warnings",
    ];

    /// <summary>The events Reporting keeps, each with the contract it concerns.</summary>
    public static Guid ContractOf(IntegrationEvent @event) => @event switch
    {
        TicketOpened e => e.ContractId,
        TicketStatusChanged e => e.ContractId,
        SlaBreached e => e.ContractId,
        SlaClockCompleted e => e.ContractId,
        TicketRated e => e.ContractId,
        ServiceOutageRecorded e => e.ContractId,
        PenaltyStatementIssued e => e.ContractId,
        InvoiceReceived e => e.ContractId,
        InvoiceControlled e => e.ContractId,
        InvoiceApproved e => e.ContractId,
        InvoiceDisputed e => e.ContractId,
        InvoicePaid e => e.ContractId,
        BudgetPlanned e => e.ContractId,
        EvolutionRequestStateChanged e => e.ContractId,
        ContractPhaseChanged e => e.ContractId,
        SlaWarningRaised e => e.ContractId,
        _ => throw new ArgumentException($"Reporting keeps no {@event.GetType().Name}.", nameof(@event)),
    };

    public static Task ApplyAsync(UnitOfWork unitOfWork, IntegrationEvent @event) => ApplyAsync(unitOfWork, [@event]);

    /// <summary>Applies the events in the order given, and moves the version of each contract they concern once.</summary>
    public static async Task ApplyAsync(UnitOfWork unitOfWork, IReadOnlyList<IntegrationEvent> events)
    {
        ArgumentNullException.ThrowIfNull(unitOfWork);
        ArgumentNullException.ThrowIfNull(events);
        foreach (var @event in events)
        {
            await ApplyOneAsync(unitOfWork, @event);
        }

        // Last, so that the rows stay locked only for the commit. A contract's version is the sum of its shards: events
        // moving different shards do not wait for each other's commits. The rows are taken in one order (contract, then
        // shard), so that two transactions moving several contracts never wait on each other in a circle.
        var contracts = events.Select(@event => (@event.TenantId, ContractId: ContractOf(@event))).Distinct()
            .Select(c => (c.TenantId, c.ContractId, Shard: (short)Random.Shared.Next(FactVersionShards)))
            .OrderBy(c => c.ContractId).ThenBy(c => c.TenantId).ToList();
        if (contracts.Count == 0)
        {
            return;
        }

        // The desk's counts of open tickets take in the changes committed so far, this transaction's with them, unless
        // another transaction is at it (see migration 0010).
        await unitOfWork.ExecuteAsync(
            """
            INSERT INTO contract_fact_versions (tenant_id, contract_id, shard, version)
            SELECT tenant_id, contract_id, shard, 1 FROM unnest(@tenants, @contracts, @shards) WITH ORDINALITY AS c (tenant_id, contract_id, shard, position)
            ORDER BY position
            ON CONFLICT (tenant_id, contract_id, shard) DO UPDATE SET version = contract_fact_versions.version + 1;
            SELECT fold_open_ticket_counts();
            """,
            new
            {
                tenants = contracts.Select(c => c.TenantId).ToArray(), contracts = contracts.Select(c => c.ContractId).ToArray(),
                shards = contracts.Select(c => c.Shard).ToArray(),
            });
    }

    /// <summary>How many rows a contract's version is spread over.</summary>
    private const int FactVersionShards = 16;

    /// <summary>
    /// What makes a ticket's events apply one at a time, to be locked first in their transaction: the ticket's key, or
    /// for an event of no ticket its contract's. Each event of a ticket copies what the others wrote (its number onto its
    /// clocks, the clocks' priority onto it), which two concurrent transactions would not see of each other; and a
    /// transaction applying a batch takes its keys in one order, so that two batches never wait on each other in a circle.
    /// A replay needs none: it holds the journal.
    /// </summary>
    public static string LockKeyOf(IntegrationEvent @event) =>
        TicketOf(@event) is { } ticket ? $"reporting-ticket:{ticket}" : $"reporting-contract:{ContractOf(@event)}";

    public static Guid? TicketOf(IntegrationEvent @event) => @event switch
    {
        TicketOpened e => e.TicketId,
        TicketStatusChanged e => e.TicketId,
        SlaBreached e => e.TicketId,
        SlaClockCompleted e => e.TicketId,
        TicketRated e => e.TicketId,
        SlaWarningRaised e => e.TicketId,
        _ => null,
    };

    private static Task ApplyOneAsync(UnitOfWork unitOfWork, IntegrationEvent @event) => @event switch
    {
        TicketOpened e => ApplyAsync(unitOfWork, e),
        TicketStatusChanged e => ApplyAsync(unitOfWork, e),
        SlaBreached e => ApplyAsync(unitOfWork, e),
        SlaClockCompleted e => ApplyAsync(unitOfWork, e),
        TicketRated e => ApplyAsync(unitOfWork, e),
        ServiceOutageRecorded e => ApplyAsync(unitOfWork, e),
        PenaltyStatementIssued e => ApplyAsync(unitOfWork, e),
        InvoiceReceived e => ApplyAsync(unitOfWork, e),
        InvoiceControlled e => ApplyAsync(unitOfWork, e),
        InvoiceApproved e => InvoiceStepAsync(unitOfWork, e, e.InvoiceId, e.Number, "approved_at = coalesce(least(invoices.approved_at, @at), @at)", new { }),
        InvoiceDisputed e => InvoiceStepAsync(unitOfWork, e, e.InvoiceId, e.Number, "disputed_at = greatest(invoices.disputed_at, @at)", new { }),
        InvoicePaid e => InvoiceStepAsync(unitOfWork, e, e.InvoiceId, e.Number, "paid_on = greatest(invoices.paid_on, @PaidOn)", new { e.PaidOn }),
        BudgetPlanned e => ApplyAsync(unitOfWork, e),
        EvolutionRequestStateChanged e => ApplyAsync(unitOfWork, e),
        ContractPhaseChanged e => ApplyAsync(unitOfWork, e),
        SlaWarningRaised e => ApplyAsync(unitOfWork, e),
        _ => throw new ArgumentException($"Reporting keeps no {@event.GetType().Name}.", nameof(@event)),
    };

    /// <summary>
    /// Every other event of a ticket that leaves rows creates the ticket's row first, so an opening that creates it is the
    /// ticket's first event here: it writes the whole row and its open period in one statement. An opening that comes
    /// after other events copies its number onto their rows and derives the ticket again.
    /// </summary>
    private static async Task ApplyAsync(UnitOfWork unitOfWork, TicketOpened opened)
    {
        var life = TicketLife.Of(opened.OpenedAt, []);
        var first = await unitOfWork.ExecuteScalarAsync<bool>(
            """
            WITH ticket AS (
                INSERT INTO tickets (tenant_id, contract_id, ticket_id, number, kind, opened_at, priority, priority_at, priority_event, status, resolved_at)
                VALUES (@TenantId, @ContractId, @TicketId, @Number, @Kind, @OpenedAt, @Priority, @OpenedAt, @EventId, @Status, @resolvedAt)
                ON CONFLICT (tenant_id, ticket_id) DO UPDATE SET number = excluded.number, kind = excluded.kind, opened_at = excluded.opened_at
                RETURNING xmax = 0 AS created
            ), periods AS (
                INSERT INTO ticket_open_periods (tenant_id, contract_id, ticket_id, opened_from, open_until)
                SELECT @TenantId, @ContractId, @TicketId, p.opened_from, coalesce(p.open_until, 'infinity')
                FROM unnest(@froms::timestamptz[], @untils::timestamptz[]) AS p (opened_from, open_until)
                WHERE (SELECT created FROM ticket)
            )
            SELECT created FROM ticket
            """,
            new
            {
                opened.TenantId, opened.ContractId, opened.TicketId, opened.Number, opened.Kind, OpenedAt = opened.OpenedAt.UtcDateTime,
                opened.Priority, opened.EventId, life.Status, resolvedAt = life.ResolvedAt?.UtcDateTime,
                froms = life.OpenPeriods.Select(p => p.From.UtcDateTime).ToArray(),
                untils = life.OpenPeriods.Select(p => p.Until?.UtcDateTime).ToArray(),
            });
        if (first)
        {
            return;
        }

        await unitOfWork.ExecuteAsync(
            """
            UPDATE sla_completions SET number = @Number, kind = @Kind WHERE tenant_id = @TenantId AND ticket_id = @TicketId;
            UPDATE sla_breaches SET number = @Number, kind = @Kind WHERE tenant_id = @TenantId AND ticket_id = @TicketId;
            """,
            new { opened.TenantId, opened.TicketId, opened.Number, opened.Kind });
        await PriorityAsync(unitOfWork, opened, opened.TicketId, opened.Priority, opened.OpenedAt);
        await RefreshTicketAsync(unitOfWork, opened.TenantId, opened.ContractId, opened.TicketId);
    }

    private static async Task ApplyAsync(UnitOfWork unitOfWork, TicketStatusChanged changed)
    {
        await TicketRowAsync(unitOfWork, changed.TenantId, changed.ContractId, changed.TicketId);
        await unitOfWork.ExecuteAsync(
            """
            INSERT INTO ticket_status_changes (tenant_id, contract_id, ticket_id, event_id, occurred_at, from_status, to_status)
            VALUES (@TenantId, @ContractId, @TicketId, @EventId, @OccurredAt, @From, @To)
            ON CONFLICT DO NOTHING
            """,
            new { changed.TenantId, changed.ContractId, changed.TicketId, changed.EventId, OccurredAt = changed.OccurredAt.UtcDateTime, changed.From, changed.To });
        await PriorityAsync(unitOfWork, changed, changed.TicketId, changed.Priority, changed.OccurredAt);
        await RefreshTicketAsync(unitOfWork, changed.TenantId, changed.ContractId, changed.TicketId);
    }

    private static async Task ApplyAsync(UnitOfWork unitOfWork, SlaBreached breached)
    {
        await unitOfWork.ExecuteAsync(
            $"""
            INSERT INTO sla_breaches (tenant_id, contract_id, ticket_id, number, kind, clock, priority, due_at)
            SELECT @TenantId, @ContractId, @TicketId, t.number, t.kind, @Clock, @Priority, @DueAt
            FROM (SELECT) AS one LEFT JOIN tickets t ON t.tenant_id = @TenantId AND t.ticket_id = @TicketId
            ON CONFLICT DO NOTHING;
            {WarningsAtRisk}
            """,
            new { breached.TenantId, breached.ContractId, breached.TicketId, breached.Clock, breached.Priority, DueAt = breached.DueAt.UtcDateTime });
        await TicketRowAsync(unitOfWork, breached.TenantId, breached.ContractId, breached.TicketId);
        await PriorityAsync(unitOfWork, breached, breached.TicketId, breached.Priority, breached.OccurredAt);
    }

    private static async Task ApplyAsync(UnitOfWork unitOfWork, SlaClockCompleted completed)
    {
        await unitOfWork.ExecuteAsync(
            $"""
            INSERT INTO sla_completions (tenant_id, contract_id, ticket_id, number, kind, clock, priority, met, used_seconds, target_seconds, started_at,
                                         due_at, completed_at, completion)
            SELECT @TenantId, @ContractId, @TicketId, t.number, t.kind, @Clock, @Priority, @Met, @BusinessSecondsUsed, @TargetBusinessSeconds, @StartedAt,
                   @DueAt, @CompletedAt, @Completion
            FROM (SELECT) AS one LEFT JOIN tickets t ON t.tenant_id = @TenantId AND t.ticket_id = @TicketId
            ON CONFLICT (tenant_id, ticket_id, clock) DO UPDATE
            SET priority = excluded.priority, met = excluded.met, used_seconds = excluded.used_seconds, target_seconds = excluded.target_seconds,
                started_at = excluded.started_at, due_at = excluded.due_at, completed_at = excluded.completed_at, completion = excluded.completion
            WHERE sla_completions.completion < excluded.completion;
            {WarningsAtRisk}
            """,
            new
            {
                completed.TenantId, completed.ContractId, completed.TicketId, completed.Clock, completed.Priority, completed.Met,
                completed.BusinessSecondsUsed, completed.TargetBusinessSeconds, StartedAt = completed.StartedAt.UtcDateTime,
                DueAt = completed.DueAt.UtcDateTime, CompletedAt = completed.CompletedAt.UtcDateTime, completed.Completion,
            });
        await TicketRowAsync(unitOfWork, completed.TenantId, completed.ContractId, completed.TicketId);
        await PriorityAsync(unitOfWork, completed, completed.TicketId, completed.Priority, completed.OccurredAt);
    }

    /// <summary>A ticket is rated once: the first rating stays.</summary>
    private static Task ApplyAsync(UnitOfWork unitOfWork, TicketRated rated) =>
        unitOfWork.ExecuteAsync(
            """
            INSERT INTO tickets (tenant_id, contract_id, ticket_id, score, rated_at) VALUES (@TenantId, @ContractId, @TicketId, @Score, @OccurredAt)
            ON CONFLICT (tenant_id, ticket_id) DO UPDATE SET score = excluded.score, rated_at = excluded.rated_at
            WHERE tickets.rated_at IS NULL OR tickets.rated_at > excluded.rated_at
            """,
            new { rated.TenantId, rated.ContractId, rated.TicketId, Score = (short)rated.Score, OccurredAt = rated.OccurredAt.UtcDateTime });

    private static Task ApplyAsync(UnitOfWork unitOfWork, ServiceOutageRecorded outage) =>
        unitOfWork.ExecuteAsync(
            """
            INSERT INTO service_outages (tenant_id, contract_id, outage_id, ticket_id, service, started_at, ended_at, revision)
            VALUES (@TenantId, @ContractId, @OutageId, @TicketId, @Service, @StartedAt, @EndedAt, @Revision)
            ON CONFLICT (tenant_id, outage_id) DO UPDATE
            SET ticket_id = excluded.ticket_id, service = excluded.service, started_at = excluded.started_at, ended_at = excluded.ended_at,
                revision = excluded.revision
            WHERE service_outages.revision < excluded.revision
            """,
            new
            {
                outage.TenantId, outage.ContractId, outage.OutageId, outage.TicketId, outage.Service, StartedAt = outage.StartedAt.UtcDateTime,
                EndedAt = outage.EndedAt?.UtcDateTime, outage.Revision,
            });

    private static Task ApplyAsync(UnitOfWork unitOfWork, PenaltyStatementIssued issued) =>
        unitOfWork.ExecuteAsync(
            """
            INSERT INTO penalty_statements (tenant_id, contract_id, month, issued_at, monthly_fee, gross_amount, free_amount, waived_amount,
                                            monthly_cap_deducted, annual_cap_deducted, below_minimum, total, adjustment_total, total_due, lines)
            VALUES (@TenantId, @ContractId, @Month, @OccurredAt, @MonthlyFee, @GrossAmount, @FreeAmount, @WaivedAmount,
                    @MonthlyCapDeducted, @AnnualCapDeducted, @BelowMinimum, @Total, @AdjustmentTotal, @TotalDue, @Lines::jsonb)
            ON CONFLICT DO NOTHING
            """,
            new
            {
                issued.TenantId, issued.ContractId, issued.Month, OccurredAt = issued.OccurredAt.UtcDateTime, issued.MonthlyFee, issued.GrossAmount,
                issued.FreeAmount, issued.WaivedAmount, issued.MonthlyCapDeducted, issued.AnnualCapDeducted, issued.BelowMinimum, issued.Total,
                issued.AdjustmentTotal, issued.TotalDue, Lines = JsonSerializer.Serialize(issued.Lines, EventTypeRegistry.SerializerOptions),
            });

    private static Task ApplyAsync(UnitOfWork unitOfWork, InvoiceReceived received) =>
        unitOfWork.ExecuteAsync(
            """
            INSERT INTO invoices (tenant_id, contract_id, invoice_id, number, kind, issue_date, period_start, total_without_vat, total_with_vat, received_at)
            VALUES (@TenantId, @ContractId, @InvoiceId, @Number, @Kind, @IssueDate, @PeriodStart, @TotalWithoutVat, @TotalWithVat, @OccurredAt)
            ON CONFLICT (tenant_id, invoice_id) DO UPDATE
            SET number = excluded.number, kind = excluded.kind, issue_date = excluded.issue_date, period_start = excluded.period_start,
                total_without_vat = excluded.total_without_vat, total_with_vat = excluded.total_with_vat, received_at = excluded.received_at
            """,
            new
            {
                received.TenantId, received.ContractId, received.InvoiceId, received.Number, received.Kind, received.IssueDate, received.PeriodStart,
                received.TotalWithoutVat, received.TotalWithVat, OccurredAt = received.OccurredAt.UtcDateTime,
            });

    /// <summary>An invoice is controlled again whenever what its control reads changes: the latest control stands.</summary>
    private static Task ApplyAsync(UnitOfWork unitOfWork, InvoiceControlled controlled) =>
        unitOfWork.ExecuteAsync(
            """
            INSERT INTO invoices (tenant_id, contract_id, invoice_id, number, result, discrepancy_count, total_at_stake, blocking_codes, controlled_at,
                                  controlled_event)
            VALUES (@TenantId, @ContractId, @InvoiceId, @Number, @Result, @DiscrepancyCount, @TotalAtStake, @BlockingCodes, @OccurredAt, @EventId)
            ON CONFLICT (tenant_id, invoice_id) DO UPDATE
            SET result = excluded.result, discrepancy_count = excluded.discrepancy_count, total_at_stake = excluded.total_at_stake,
                blocking_codes = excluded.blocking_codes, controlled_at = excluded.controlled_at, controlled_event = excluded.controlled_event
            WHERE invoices.controlled_at IS NULL OR (invoices.controlled_at, invoices.controlled_event) < (excluded.controlled_at, excluded.controlled_event)
            """,
            new
            {
                controlled.TenantId, controlled.ContractId, controlled.InvoiceId, controlled.Number, controlled.Result, controlled.DiscrepancyCount,
                controlled.TotalAtStake, BlockingCodes = controlled.BlockingCodes.ToArray(), OccurredAt = controlled.OccurredAt.UtcDateTime,
                controlled.EventId,
            });

    /// <summary>A step of the client's decision or of the payment, set on the invoice's row (created if its receipt is not here yet).</summary>
    private static Task InvoiceStepAsync(UnitOfWork unitOfWork, IntegrationEvent @event, Guid invoiceId, string number, string set, object values)
    {
        var parameters = new CombinedParameters(values, new { @event.TenantId, ContractId = ContractOf(@event), invoiceId, number, at = @event.OccurredAt.UtcDateTime });
        return unitOfWork.ExecuteAsync(
            $"""
            INSERT INTO invoices (tenant_id, contract_id, invoice_id, number) VALUES (@TenantId, @ContractId, @invoiceId, @number)
            ON CONFLICT (tenant_id, invoice_id) DO NOTHING;
            UPDATE invoices SET {set} WHERE tenant_id = @TenantId AND invoice_id = @invoiceId;
            """,
            parameters);
    }

    private static Task ApplyAsync(UnitOfWork unitOfWork, BudgetPlanned planned) =>
        unitOfWork.ExecuteAsync(
            """
            INSERT INTO budget_plans (tenant_id, contract_id, year, annual, monthly, planned_at, event_id)
            VALUES (@TenantId, @ContractId, @Year, @Annual, @Monthly::jsonb, @OccurredAt, @EventId)
            ON CONFLICT (tenant_id, contract_id, year) DO UPDATE
            SET annual = excluded.annual, monthly = excluded.monthly, planned_at = excluded.planned_at, event_id = excluded.event_id
            WHERE (budget_plans.planned_at, budget_plans.event_id) < (excluded.planned_at, excluded.event_id)
            """,
            new
            {
                planned.TenantId, planned.ContractId, planned.Year, planned.Annual, Monthly = JsonSerializer.Serialize(planned.Monthly),
                OccurredAt = planned.OccurredAt.UtcDateTime, planned.EventId,
            });

    private static Task ApplyAsync(UnitOfWork unitOfWork, EvolutionRequestStateChanged changed) =>
        unitOfWork.ExecuteAsync(
            """
            INSERT INTO evolution_changes (tenant_id, contract_id, evolution_id, event_id, occurred_at, from_state, to_state, title, quote_amount)
            VALUES (@TenantId, @ContractId, @EvolutionRequestId, @EventId, @OccurredAt, @From, @To, @Title, @QuoteAmount)
            ON CONFLICT DO NOTHING
            """,
            new
            {
                changed.TenantId, changed.ContractId, changed.EvolutionRequestId, changed.EventId, OccurredAt = changed.OccurredAt.UtcDateTime,
                changed.From, changed.To, changed.Title, changed.QuoteAmount,
            });

    private static Task ApplyAsync(UnitOfWork unitOfWork, ContractPhaseChanged changed) =>
        unitOfWork.ExecuteAsync(
            """
            INSERT INTO contract_phases (tenant_id, contract_id, phase, changed_at, event_id) VALUES (@TenantId, @ContractId, @To, @OccurredAt, @EventId)
            ON CONFLICT (tenant_id, contract_id) DO UPDATE
            SET phase = excluded.phase, changed_at = excluded.changed_at, event_id = excluded.event_id
            WHERE (contract_phases.changed_at, contract_phases.event_id) < (excluded.changed_at, excluded.event_id)
            """,
            new { changed.TenantId, changed.ContractId, changed.To, OccurredAt = changed.OccurredAt.UtcDateTime, changed.EventId });

    private static Task ApplyAsync(UnitOfWork unitOfWork, SlaWarningRaised warned) =>
        unitOfWork.ExecuteAsync(
            $"""
            INSERT INTO sla_warnings (tenant_id, contract_id, ticket_id, clock, priority, percent, due_at, number, assignee_id, raised_at, event_id)
            VALUES (@TenantId, @ContractId, @TicketId, @Clock, @Priority, @Percent, @DueAt, @Number, @AssigneeId, @OccurredAt, @EventId)
            ON CONFLICT (tenant_id, ticket_id, clock) DO UPDATE
            SET priority = excluded.priority, percent = excluded.percent, due_at = excluded.due_at, number = coalesce(excluded.number, sla_warnings.number),
                assignee_id = excluded.assignee_id, raised_at = excluded.raised_at, event_id = excluded.event_id
            WHERE (sla_warnings.raised_at, sla_warnings.event_id) < (excluded.raised_at, excluded.event_id);
            {WarningsAtRisk}
            """,
            new
            {
                warned.TenantId, warned.ContractId, warned.TicketId, warned.Clock, warned.Priority, warned.Percent, DueAt = warned.DueAt.UtcDateTime,
                warned.Number, warned.AssigneeId, OccurredAt = warned.OccurredAt.UtcDateTime, warned.EventId,
            });

    /// <summary>
    /// Whether each warned clock of the ticket is still at risk, derived again from what is known of it now: no breach of
    /// the clock, no completion since the warning (a reopened ticket's clock warned again is at risk again), the ticket not
    /// resolved or closed. Sent after every change to one of these, so that the desk reads only the warnings at risk (its
    /// partial index) instead of every warning the provider ever had. <c>@TenantId</c> and <c>@TicketId</c> name the ticket.
    /// </summary>
    private const string WarningsAtRisk =
        $"""
        UPDATE sla_warnings w
        SET at_risk = NOT EXISTS (
                SELECT FROM tickets t
                WHERE t.tenant_id = w.tenant_id AND t.ticket_id = w.ticket_id AND t.status IN ('{TicketLife.Resolved}', '{TicketLife.Closed}'))
            AND NOT EXISTS (SELECT FROM sla_breaches b WHERE b.tenant_id = w.tenant_id AND b.ticket_id = w.ticket_id AND b.clock = w.clock)
            AND NOT EXISTS (
                SELECT FROM sla_completions s
                WHERE s.tenant_id = w.tenant_id AND s.ticket_id = w.ticket_id AND s.clock = w.clock AND s.completed_at >= w.raised_at)
        WHERE w.tenant_id = @TenantId AND w.ticket_id = @TicketId;
        """;

    /// <summary>The ticket's row, for an event that arrives before its opening.</summary>
    private static Task TicketRowAsync(UnitOfWork unitOfWork, Guid tenantId, Guid contractId, Guid ticketId) =>
        unitOfWork.ExecuteAsync(
            "INSERT INTO tickets (tenant_id, contract_id, ticket_id) VALUES (@tenantId, @contractId, @ticketId) ON CONFLICT DO NOTHING",
            new { tenantId, contractId, ticketId });

    /// <summary>Keeps the priority of the latest event that told one (by instant, then event id: the same whatever the order of arrival).</summary>
    private static Task PriorityAsync(UnitOfWork unitOfWork, IntegrationEvent @event, Guid ticketId, string priority, DateTimeOffset at) =>
        unitOfWork.ExecuteAsync(
            """
            UPDATE tickets SET priority = @priority, priority_at = @at, priority_event = @EventId
            WHERE tenant_id = @TenantId AND ticket_id = @ticketId
              AND (priority_at IS NULL OR (priority_at, priority_event) < (@at, @EventId))
            """,
            new { @event.TenantId, ticketId, priority, at = at.UtcDateTime, @event.EventId });

    /// <summary>The ticket's status, latest resolution and open periods, derived again from its opening and every status change kept.</summary>
    private static async Task RefreshTicketAsync(UnitOfWork unitOfWork, Guid tenantId, Guid contractId, Guid ticketId)
    {
        var keys = new { TenantId = tenantId, TicketId = ticketId };
        var openedAt = await unitOfWork.ExecuteScalarAsync<DateTime?>(
            "SELECT opened_at FROM tickets WHERE tenant_id = @TenantId AND ticket_id = @TicketId", keys);
        if (openedAt is not { } opened)
        {
            return;
        }

        var changes = await unitOfWork.QueryAsync<StateChange>(
            """
            SELECT event_id, occurred_at AS at, from_status AS "from", to_status AS "to"
            FROM ticket_status_changes WHERE tenant_id = @TenantId AND ticket_id = @TicketId
            """,
            keys);
        var state = TicketLife.Of(new DateTimeOffset(DateTime.SpecifyKind(opened, DateTimeKind.Utc)), changes);
        await unitOfWork.ExecuteAsync(
            $"""
            UPDATE tickets SET status = @Status, resolved_at = @resolvedAt WHERE tenant_id = @TenantId AND ticket_id = @TicketId;
            DELETE FROM ticket_open_periods WHERE tenant_id = @TenantId AND ticket_id = @TicketId;
            INSERT INTO ticket_open_periods (tenant_id, contract_id, ticket_id, opened_from, open_until)
            SELECT @TenantId, @ContractId, @TicketId, p.opened_from, coalesce(p.open_until, 'infinity')
            FROM unnest(@froms::timestamptz[], @untils::timestamptz[]) AS p (opened_from, open_until);
            {WarningsAtRisk}
            """,
            new
            {
                TenantId = tenantId, ContractId = contractId, TicketId = ticketId, state.Status, resolvedAt = state.ResolvedAt?.UtcDateTime,
                froms = state.OpenPeriods.Select(p => p.From.UtcDateTime).ToArray(),
                untils = state.OpenPeriods.Select(p => p.Until?.UtcDateTime).ToArray(),
            });
    }
}
