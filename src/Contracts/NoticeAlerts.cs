using Infogerance.Contracts.Api;
using Infogerance.Contracts.Data;
using Infogerance.Contracts.Domain;
using Infogerance.Data;
using Infogerance.IntegrationEvents;
using Infogerance.ServiceLevels;
using Microsoft.Extensions.Options;

namespace Infogerance.Contracts;

/// <summary>
/// Raises the alerts due before each contract's notice deadline (180, 90, 30 and 7 days) as an event, from which the
/// Notifications service tells both sides' managers. Safe with several replicas (<see cref="SchedulePass"/>), and an
/// alert's primary key forbids raising it twice. After downtime it catches up: a row
/// overdue is processed at the next pass, raising the latest alert that fell due (not the older ones it superseded).
/// </summary>
public sealed class NoticeAlerts(Database database, TimeProvider clock, IOptions<NoticeAlertSettings> settings, ILogger<NoticeAlerts> logger)
    : SchedulePass(database, clock, settings.Value.Interval, "notice_schedule", logger)
{
    /// <summary>Processes every contract due today or earlier; returns the number of alerts raised.</summary>
    public override Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        var today = ContractsApi.Today(Clock);
        return DrainAsync(today, (contractId, tenantId, cancellation) => ProcessAsync(contractId, tenantId, today, cancellation), cancellationToken);
    }

    private async Task<(bool Processed, int Raised)> ProcessAsync(Guid contractId, Guid tenantId, DateOnly today, CancellationToken cancellationToken)
    {
        await using var unitOfWork = await Database.BeginAsync(tenantId, cancellationToken);
        if (!await TakeAsync(unitOfWork, contractId, today))
        {
            return (false, 0);
        }

        var contract = await ContractStore.LoadAsync(unitOfWork, contractId);
        var versions = contract is null ? [] : (await ContractStore.VersionsAsync(unitOfWork, contract)).ToList();
        var next = contract is { Phase: Phases.Signed or Phases.Takeover or Phases.Upgrade or Phases.Run, TerminatesOn: null } && ContractStore.InForce(versions, today) is { } inForce
            ? RenewalTerms.Of(inForce.ReadTerms()).Next(today)
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
            raised = await RaiseAsync(unitOfWork, contract!, next, latest.First);
        }

        // Looked at again at the next alert, or when a version signed for later takes effect and may move the deadline.
        var nextDue = alerts.Select(alert => alert.Second)
            .Concat(versions.Where(version => version.Status == "active" && version.EffectiveFrom is not null).Select(version => version.EffectiveFrom!.Value))
            .Where(on => on > today).DefaultIfEmpty(next.Deadline.AddDays(1)).Min();
        await ContractStore.ScheduleNoticeAsync(unitOfWork, contract!, nextDue);
        await unitOfWork.CommitAsync();
        return (true, raised);
    }

    private static async Task<int> RaiseAsync(UnitOfWork unitOfWork, ContractRow contract, NextDeadline next, int daysBefore)
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
        return 1;
    }
}
