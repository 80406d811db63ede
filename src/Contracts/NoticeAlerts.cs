using Infogerance.Contracts.Api;
using Infogerance.Contracts.Data;
using Infogerance.Contracts.Domain;
using Infogerance.Data;
using Infogerance.IntegrationEvents;
using Microsoft.Extensions.Options;

namespace Infogerance.Contracts;

/// <summary>
/// Raises the alerts due before each contract's notice deadline (180, 90, 30 and 7 days): an event for other
/// services and a notification for both sides. Safe with several replicas: each contract's schedule row is taken
/// with SKIP LOCKED, and an alert's primary key forbids raising it twice. After downtime it catches up: a row
/// overdue is processed at the next pass, raising the latest alert that fell due (not the older ones it superseded).
/// </summary>
public sealed class NoticeAlerts(Database database, TimeProvider clock, IOptions<NoticeAlertSettings> settings, ILogger<NoticeAlerts> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(settings.Value.Interval, clock);
        do
        {
            try
            {
                await RunOnceAsync(stoppingToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                logger.LogError(exception, "Notice alerts pass failed; retrying at the next pass");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>Processes every contract due today or earlier; returns the number of alerts raised.</summary>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        var today = ContractsApi.Today(clock);
        var raised = 0;
        while (true)
        {
            IReadOnlyList<(Guid ContractId, Guid TenantId)> due;
            await using (var scan = await database.BeginAsync([], cancellationToken))
            {
                due = [.. await scan.QueryAsync<(Guid, Guid)>(
                    "SELECT contract_id, tenant_id FROM notice_schedule WHERE due_on <= @today ORDER BY due_on LIMIT 100", new { today })];
            }

            var progressed = 0;
            foreach (var (contractId, tenantId) in due)
            {
                try
                {
                    var outcome = await ProcessAsync(contractId, tenantId, today, cancellationToken);
                    raised += outcome.Raised;
                    progressed += outcome.Processed ? 1 : 0;
                }
                catch (Exception exception) when (exception is not OperationCanceledException)
                {
                    // One contract's failure must not starve the others: it is retried at the next pass.
                    logger.LogError(exception, "Notice alerts of contract {ContractId} failed", contractId);
                }
            }

            // Rows another replica holds stay due for it; stop when nothing here moved forward.
            if (due.Count < 100 || progressed == 0)
            {
                return raised;
            }
        }
    }

    private async Task<(bool Processed, int Raised)> ProcessAsync(Guid contractId, Guid tenantId, DateOnly today, CancellationToken cancellationToken)
    {
        await using var unitOfWork = await database.BeginAsync(tenantId, cancellationToken);
        var locked = await unitOfWork.ExecuteScalarAsync<Guid?>(
            "SELECT contract_id FROM notice_schedule WHERE contract_id = @contractId AND due_on <= @today FOR UPDATE SKIP LOCKED",
            new { contractId, today });
        if (locked is null)
        {
            return (false, 0);
        }

        var contract = await ContractStore.LoadAsync(unitOfWork, contractId);
        var versions = contract is null ? [] : (await ContractStore.VersionsAsync(unitOfWork, contract)).ToList();
        var next = contract is { Phase: Phases.Signed or Phases.Takeover or Phases.Upgrade or Phases.Run, TerminatesOn: null } && ContractStore.InForce(versions, today) is { } inForce
            ? RenewalApi.RenewalTermsOf(inForce.ReadTerms()).Next(today)
            : null;
        if (next is null)
        {
            await unitOfWork.ExecuteAsync("DELETE FROM notice_schedule WHERE contract_id = @contractId", new { contractId });
            await unitOfWork.CommitAsync();
            return (true, 0);
        }

        var raised = 0;
        var alerts = RenewalTerms.AlertDaysBefore.Zip(next.Alerts).ToList();
        // The most recent alert that fell due: after downtime, older ones would only say less than this one.
        if (alerts.Where(alert => alert.Second <= today).OrderBy(alert => alert.First).FirstOrDefault() is { First: > 0 } latest)
        {
            raised = await RaiseAsync(unitOfWork, contract!, next, latest.First, today);
        }

        // Looked at again at the next alert, or when a version signed for later takes effect and may move the deadline.
        var nextDue = alerts.Select(alert => alert.Second)
            .Concat(versions.Where(version => version.Status == "active" && version.EffectiveFrom is not null).Select(version => version.EffectiveFrom!.Value))
            .Where(on => on > today).DefaultIfEmpty(next.Deadline.AddDays(1)).Min();
        await ContractStore.ScheduleNoticeAsync(unitOfWork, contract!, nextDue);
        await unitOfWork.CommitAsync();
        return (true, raised);
    }

    private static async Task<int> RaiseAsync(UnitOfWork unitOfWork, ContractRow contract, NextDeadline next, int daysBefore, DateOnly today)
    {
        var inserted = await unitOfWork.ExecuteAsync(
            """
            INSERT INTO notice_alerts (tenant_id, contract_id, period_index, days_before, notice_deadline, raised_at)
            VALUES (@TenantId, @ContractId, @PeriodIndex, @daysBefore, @Deadline, now())
            ON CONFLICT DO NOTHING
            """,
            new { contract.TenantId, contract.ContractId, next.PeriodIndex, daysBefore, next.Deadline });
        if (inserted == 0)
        {
            return 0;
        }

        await unitOfWork.AddEventAsync(new NoticeDeadlineApproaching
        {
            TenantId = contract.TenantId,
            ContractId = contract.ContractId,
            NoticeDeadline = next.Deadline,
            PeriodEnd = next.LastDayOfPeriod,
            DaysBefore = daysBefore,
        });
        await ContractStore.NotifyAsync(unitOfWork, contract, "both", "noticeDeadlineApproaching",
            // The threshold names the alert; the days left are what a reader needs (they differ after downtime).
            new { contract.Reference, DaysBefore = daysBefore, DaysLeft = next.Deadline.DayNumber - today.DayNumber, NoticeDeadline = next.Deadline, PeriodEnd = next.LastDayOfPeriod });
        return 1;
    }
}
