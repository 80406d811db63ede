using System.Globalization;
using System.Text.Json;
using Infogerance.Data;
using Infogerance.IntegrationEvents;
using Infogerance.Invoicing.Data;
using Infogerance.Invoicing.Domain;
using Microsoft.Extensions.Options;
using NodaTime;

namespace Infogerance.Invoicing;

/// <summary>
/// Issues each contract's statement of a month <see cref="InvoicingSettings.IssueAfterDays"/> days after the month's end:
/// the draft computed then is stored whole and frozen, the adjustments it carries recorded, and
/// <see cref="PenaltyStatementIssued"/> published through the outbox in the same transaction. Safe with several replicas:
/// each contract's <c>statement_schedule</c> row is taken with SKIP LOCKED in its tenant before the work; after downtime
/// it catches up month by month. One contract's failure is logged and retried at the next pass.
/// </summary>
public sealed class StatementIssuing(Database database, TimeProvider clock, IOptions<InvoicingSettings> settings, ILogger<StatementIssuing> logger)
    : BackgroundService
{
    private const int Batch = 100;

    private sealed record DueRow(Guid ContractId, Guid TenantId);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(settings.Value.IssueInterval, clock);
        do
        {
            try
            {
                await RunOnceAsync(stoppingToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                logger.LogError(exception, "The statement issuing pass failed; retrying at the next pass");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>Issues every statement due; returns how many were issued.</summary>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        var issued = 0;
        while (true)
        {
            var now = clock.GetUtcNow();
            IReadOnlyList<DueRow> due;
            await using (var scan = await database.BeginAsync([], cancellationToken))
            {
                due = [.. await scan.QueryAsync<DueRow>(
                    $"SELECT contract_id, tenant_id FROM statement_schedule WHERE due_at <= @now ORDER BY due_at LIMIT {Batch}", new { now = now.UtcDateTime })];
            }

            var progressed = 0;
            foreach (var row in due)
            {
                try
                {
                    var (processed, raised) = await ProcessAsync(row, now, cancellationToken);
                    progressed += processed ? 1 : 0;
                    issued += raised ? 1 : 0;
                }
                catch (Exception exception) when (exception is not OperationCanceledException)
                {
                    logger.LogError(exception, "Issuing a statement failed on contract {ContractId}", row.ContractId);
                }
            }

            if (due.Count == 0 || progressed == 0)
            {
                return issued;
            }
        }
    }

    /// <summary>When a month's statement falls due: <see cref="InvoicingSettings.IssueAfterDays"/> days after its end in the zone.</summary>
    private DateTimeOffset DueAt(YearMonth month, DateTimeZone zone) =>
        (StatementMonth.Of(month, zone).End + Duration.FromDays(settings.Value.IssueAfterDays)).ToDateTimeOffset();

    /// <summary>
    /// The contract's next month: issued when due in its zone (a first guess made before the zone was known is only
    /// corrected), then the schedule moves to the next month, or ends with the month the run ended.
    /// </summary>
    private async Task<(bool Processed, bool Issued)> ProcessAsync(DueRow row, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var unitOfWork = await database.BeginAsync(row.TenantId, cancellationToken);
        var month = await unitOfWork.ExecuteScalarAsync<string?>(
            "SELECT month FROM statement_schedule WHERE contract_id = @ContractId AND due_at <= @now FOR UPDATE SKIP LOCKED",
            new { row.ContractId, now = now.UtcDateTime });
        if (month is null || StatementMonth.Parse(month) is not { } yearMonth)
        {
            return (false, false);
        }

        if (await Statements.RangeAsync(unitOfWork, row.ContractId, now) is not { } range)
        {
            // The contract is gone from the replica: nothing more to issue.
            await unitOfWork.ExecuteAsync("DELETE FROM statement_schedule WHERE contract_id = @ContractId", new { row.ContractId });
            await unitOfWork.CommitAsync();
            return (true, false);
        }

        if (DueAt(yearMonth, range.Zone) is var dueAt && dueAt > now)
        {
            await unitOfWork.ExecuteAsync(
                "UPDATE statement_schedule SET due_at = @dueAt WHERE contract_id = @ContractId", new { row.ContractId, dueAt = dueAt.UtcDateTime });
            await unitOfWork.CommitAsync();
            return (true, false);
        }

        var raised = false;
        if (range.Has(yearMonth))
        {
            if (await Statements.ReadAsync(unitOfWork, range, yearMonth, now) is not { } draft)
            {
                // The terms are not replicated yet: retried at the next pass.
                return (false, false);
            }

            if (draft.Status == StatementStatuses.Draft)
            {
                await IssueAsync(unitOfWork, range, draft with { Status = StatementStatuses.Issued, IssuedAt = now });
                raised = true;
            }
        }

        var next = yearMonth.PlusMonths(1);
        if (range.RunEndMonth is { } end && next > end)
        {
            await unitOfWork.ExecuteAsync("DELETE FROM statement_schedule WHERE contract_id = @ContractId", new { row.ContractId });
        }
        else
        {
            await unitOfWork.ExecuteAsync(
                "UPDATE statement_schedule SET month = @month, due_at = @dueAt WHERE contract_id = @ContractId",
                new { row.ContractId, month = StatementMonth.Format(next), dueAt = DueAt(next, range.Zone).UtcDateTime });
        }

        await unitOfWork.CommitAsync();
        return (true, raised);
    }

    /// <summary>Stores the statement as issued, the adjustments it carries, and its event, in the caller's transaction.</summary>
    public static async Task IssueAsync(UnitOfWork unitOfWork, StatementRange range, StatementView statement)
    {
        ArgumentNullException.ThrowIfNull(unitOfWork);
        ArgumentNullException.ThrowIfNull(range);
        ArgumentNullException.ThrowIfNull(statement);
        await unitOfWork.ExecuteAsync(
            """
            INSERT INTO penalty_statements (tenant_id, contract_id, month, issued_at, total, statement)
            VALUES (@TenantId, @ContractId, @Month, @IssuedAt, @TotalDue, @Statement::jsonb)
            """,
            new
            {
                range.TenantId, range.ContractId, statement.Month, IssuedAt = statement.IssuedAt!.Value.UtcDateTime, statement.TotalDue,
                Statement = JsonSerializer.Serialize(statement, EventTypeRegistry.SerializerOptions),
            });
        foreach (var adjustment in statement.Adjustments)
        {
            await unitOfWork.ExecuteAsync(
                """
                INSERT INTO penalty_adjustments (tenant_id, contract_id, month, for_month, amount, cap_deducted)
                VALUES (@TenantId, @ContractId, @Month, @ForMonth, @Amount, @CapDeducted)
                """,
                new { range.TenantId, range.ContractId, statement.Month, adjustment.ForMonth, adjustment.Amount, adjustment.CapDeducted });
        }

        await unitOfWork.AddEventAsync(new PenaltyStatementIssued
        {
            TenantId = range.TenantId,
            ContractId = range.ContractId,
            Month = statement.Month,
            MonthlyFee = statement.MonthlyFee,
            GrossAmount = statement.GrossAmount,
            FreeAmount = statement.FreeAmount,
            WaivedAmount = statement.WaivedAmount,
            MonthlyCapDeducted = statement.MonthlyCapDeducted,
            AnnualCapDeducted = statement.AnnualCapDeducted,
            BelowMinimum = statement.BelowMinimum,
            Total = statement.Total,
            AdjustmentTotal = statement.Adjustments.Sum(adjustment => adjustment.Due),
            TotalDue = statement.TotalDue,
            Lines = [.. statement.Lines.Select(line => new PenaltyLineSummary(
                line.Key, line.Detail.Kind, line.Detail.Amount, line.Detail.Free, line.Waived, line.TicketId, line.Detail.Service))],
        });
    }
}
