using System.Globalization;
using System.Text.Json;
using Infogerance.Data;
using Infogerance.IntegrationEvents;
using Infogerance.Invoicing.Domain;

namespace Infogerance.Invoicing.Data;

public sealed record BreachRow(Guid TicketId, long? Number, string Clock, string Priority, DateTimeOffset BreachedAt);

public sealed record ClockRow(Guid TicketId, string Clock, string Priority, bool Met, DateTimeOffset CompletedAt);

public sealed record OutageRow(Guid OutageId, string Service, DateTimeOffset StartedAt, DateTimeOffset? EndedAt);

public sealed record PriceRow(DateOnly EffectiveOn, int VersionNumber, decimal MonthlyFee);

public sealed record PhaseRow(string Phase, DateTimeOffset? RunSince, DateTimeOffset? RunUntil);

/// <summary>
/// The facts kept from events (each write keeps the latest version of its fact, whatever order events arrive in) and
/// the reads of a month's facts for a statement.
/// </summary>
public static class StatementFacts
{
    public static Task ApplyAsync(UnitOfWork unitOfWork, SlaBreached breached) =>
        unitOfWork.ExecuteAsync(
            """
            INSERT INTO sla_breaches (tenant_id, contract_id, ticket_id, clock, priority, breached_at, number)
            VALUES (@TenantId, @ContractId, @TicketId, @Clock, @Priority, @DueAt, @Number)
            ON CONFLICT (tenant_id, contract_id, ticket_id, clock) DO NOTHING
            """,
            new { breached.TenantId, breached.ContractId, breached.TicketId, breached.Clock, breached.Priority, DueAt = breached.DueAt.UtcDateTime, breached.Number });

    public static Task ApplyAsync(UnitOfWork unitOfWork, SlaClockCompleted completed) =>
        unitOfWork.ExecuteAsync(
            """
            INSERT INTO sla_clock_completions (tenant_id, contract_id, ticket_id, clock, priority, met, completed_at, completion)
            VALUES (@TenantId, @ContractId, @TicketId, @Clock, @Priority, @Met, @CompletedAt, @Completion)
            ON CONFLICT (tenant_id, contract_id, ticket_id, clock) DO UPDATE
            SET priority = excluded.priority, met = excluded.met, completed_at = excluded.completed_at, completion = excluded.completion
            WHERE sla_clock_completions.completion < excluded.completion
            """,
            new
            {
                completed.TenantId, completed.ContractId, completed.TicketId, completed.Clock, completed.Priority, completed.Met,
                CompletedAt = completed.CompletedAt.UtcDateTime, completed.Completion,
            });

    public static Task ApplyAsync(UnitOfWork unitOfWork, ServiceOutageRecorded outage) =>
        unitOfWork.ExecuteAsync(
            """
            INSERT INTO service_outages (tenant_id, contract_id, outage_id, service, started_at, ended_at, revision)
            VALUES (@TenantId, @ContractId, @OutageId, @Service, @StartedAt, @EndedAt, @Revision)
            ON CONFLICT (tenant_id, contract_id, outage_id) DO UPDATE
            SET service = excluded.service, started_at = excluded.started_at, ended_at = excluded.ended_at, revision = excluded.revision
            WHERE service_outages.revision < excluded.revision
            """,
            new
            {
                outage.TenantId, outage.ContractId, outage.OutageId, outage.Service, StartedAt = outage.StartedAt.UtcDateTime,
                EndedAt = outage.EndedAt?.UtcDateTime, outage.Revision,
            });

    public static Task ApplyAsync(UnitOfWork unitOfWork, PricesRevised revised) =>
        unitOfWork.ExecuteAsync(
            """
            INSERT INTO prices_in_force (tenant_id, contract_id, effective_on, version_number, monthly_fee, work_units)
            VALUES (@TenantId, @ContractId, @EffectiveOn, @VersionNumber, @MonthlyFee, @WorkUnits::jsonb)
            ON CONFLICT (tenant_id, contract_id, effective_on, version_number)
            DO UPDATE SET monthly_fee = excluded.monthly_fee, work_units = excluded.work_units
            """,
            new
            {
                revised.TenantId, revised.ContractId, revised.EffectiveOn, revised.VersionNumber, revised.MonthlyFee,
                WorkUnits = JsonSerializer.Serialize(revised.WorkUnits, EventTypeRegistry.SerializerOptions),
            });

    /// <summary>Keeps the latest phase and when the run began; a contract entering its run gets its statements scheduled.</summary>
    public static async Task ApplyAsync(UnitOfWork unitOfWork, ContractPhaseChanged changed)
    {
        if (changed.To == "run")
        {
            // The calendar's zone is not known here: the schedule starts from the UTC month of the day before, which is
            // never after the run's first month in any zone; the pass skips a month before the run and sets the real due
            // instant once it reads the contract.
            var day = changed.OccurredAt.UtcDateTime.AddDays(-1);
            var month = new DateTime(day.Year, day.Month, 1, 0, 0, 0, DateTimeKind.Utc);
            await unitOfWork.ExecuteAsync(
                """
                INSERT INTO statement_schedule (contract_id, tenant_id, month, due_at) VALUES (@ContractId, @TenantId, @month, @dueAt)
                ON CONFLICT (contract_id) DO NOTHING
                """,
                new
                {
                    changed.ContractId, changed.TenantId, month = month.ToString("yyyy-MM", CultureInfo.InvariantCulture),
                    dueAt = month.AddMonths(1).AddHours(-StatementMonth.LargestUtcOffsetHours),
                });
        }

        await unitOfWork.ExecuteAsync(
            """
            INSERT INTO contract_phases (tenant_id, contract_id, phase, changed_at, run_since, run_until)
            VALUES (@TenantId, @ContractId, @To, @OccurredAt, CASE WHEN @To = 'run' THEN @OccurredAt END,
                    CASE WHEN @From = 'run' AND @To <> 'run' THEN @OccurredAt END)
            ON CONFLICT (tenant_id, contract_id) DO UPDATE
            SET phase = CASE WHEN contract_phases.changed_at < excluded.changed_at THEN excluded.phase ELSE contract_phases.phase END,
                changed_at = GREATEST(contract_phases.changed_at, excluded.changed_at),
                run_since = LEAST(contract_phases.run_since, excluded.run_since),
                run_until = GREATEST(contract_phases.run_until, excluded.run_until)
            """,
            new { changed.TenantId, changed.ContractId, changed.From, changed.To, OccurredAt = changed.OccurredAt.UtcDateTime });
    }

    public static Task<PhaseRow?> PhaseAsync(UnitOfWork unitOfWork, Guid contractId) =>
        unitOfWork.QuerySingleOrDefaultAsync<PhaseRow>(
            "SELECT phase, run_since, run_until FROM contract_phases WHERE contract_id = @contractId", new { contractId });

    public static async Task<IReadOnlyList<BreachRow>> BreachesAsync(UnitOfWork unitOfWork, Guid contractId, DateTimeOffset from, DateTimeOffset to) =>
        [.. await unitOfWork.QueryAsync<BreachRow>(
            """
            SELECT ticket_id, number, clock, priority, breached_at
            FROM sla_breaches
            WHERE contract_id = @contractId AND breached_at >= @from AND breached_at < @to
            """,
            new { contractId, from = from.UtcDateTime, to = to.UtcDateTime })];

    public static async Task<IReadOnlyList<ClockRow>> ClocksAsync(UnitOfWork unitOfWork, Guid contractId, DateTimeOffset from, DateTimeOffset to) =>
        [.. await unitOfWork.QueryAsync<ClockRow>(
            """
            SELECT ticket_id, clock, priority, met, completed_at FROM sla_clock_completions
            WHERE contract_id = @contractId AND completed_at >= @from AND completed_at < @to
            """,
            new { contractId, from = from.UtcDateTime, to = to.UtcDateTime })];

    public static async Task<IReadOnlyList<OutageRow>> OutagesAsync(UnitOfWork unitOfWork, Guid contractId, DateTimeOffset from, DateTimeOffset to) =>
        [.. await unitOfWork.QueryAsync<OutageRow>(
            """
            SELECT outage_id, service, started_at, ended_at FROM service_outages
            WHERE contract_id = @contractId AND started_at < @to AND (ended_at IS NULL OR ended_at > @from)
            """,
            new { contractId, from = from.UtcDateTime, to = to.UtcDateTime })];
}
