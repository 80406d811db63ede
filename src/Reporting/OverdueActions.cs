using Infogerance.Data;
using Infogerance.IntegrationEvents;
using Infogerance.Reporting.Data;
using Infogerance.Reporting.Domain;
using Microsoft.Extensions.Options;

namespace Infogerance.Reporting;

/// <summary>
/// Tells when an item of an action plan falls overdue (its due day over in the contract calendar's zone, still to do):
/// <see cref="ReviewActionOverdue"/> once per due day, through the outbox, with the row marked told in the same
/// transaction. Safe with several replicas (each row taken with SKIP LOCKED); after downtime it catches up.
/// </summary>
public sealed class OverdueActions(Database database, TimeProvider clock, IOptions<ReportingSettings> settings, ILogger<OverdueActions> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(settings.Value.OverdueActionsInterval, clock);
        do
        {
            try
            {
                await RunOnceAsync(stoppingToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                logger.LogError(exception, "The overdue actions pass failed; retrying at the next pass");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>Tells every item fallen overdue; returns how many were told.</summary>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        var now = Instants.NowToTheSecond(clock);
        // Every zone's today is at most tomorrow in UTC: the items due before it are the candidates, each checked in its zone.
        var bound = DateOnly.FromDateTime(now.UtcDateTime).AddDays(1);
        IReadOnlyList<(Guid ActionId, Guid TenantId, Guid ContractId)> due;
        await using (var scan = await database.BeginAsync([], cancellationToken))
        {
            due = [.. await scan.QueryAsync<(Guid, Guid, Guid)>(
                "SELECT action_id, tenant_id, contract_id FROM review_action_deadlines WHERE NOT told AND due_on < @bound ORDER BY due_on",
                new { bound })];
        }

        var told = 0;
        foreach (var (actionId, tenantId, contractId) in due)
        {
            try
            {
                told += await TellAsync(actionId, tenantId, contractId, now, cancellationToken) ? 1 : 0;
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                // One item's failure must not starve the others: it is tried again at the next pass.
                logger.LogError(exception, "The overdue actions pass failed on action {ActionId}", actionId);
            }
        }

        return told;
    }

    private async Task<bool> TellAsync(Guid actionId, Guid tenantId, Guid contractId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var unitOfWork = await database.BeginAsync(tenantId, cancellationToken);
        if (await unitOfWork.ExecuteScalarAsync<Guid?>(
                "SELECT action_id FROM review_action_deadlines WHERE action_id = @actionId AND NOT told FOR UPDATE SKIP LOCKED", new { actionId }) is null
            || await ReviewStore.LockActionAsync(unitOfWork, contractId, actionId) is not { } action)
        {
            return false;
        }

        var today = ReviewRules.Today(ContractMonths.ZoneAt(await ScorecardStore.VersionsAsync(unitOfWork, contractId), now), now);
        if (!ReviewRules.IsOverdue(action.DueOn, action.Status, today))
        {
            return false;
        }

        await unitOfWork.ExecuteAsync("UPDATE review_action_deadlines SET told = true WHERE action_id = @actionId", new { actionId });
        await unitOfWork.AddEventAsync(new ReviewActionOverdue
        {
            TenantId = tenantId, ContractId = contractId, ActionId = actionId, RaisedInReviewId = action.RaisedInReviewId, Title = action.Title,
            Side = action.Side, Owner = action.Owner, DueOn = action.DueOn, Status = action.Status, OccurredAt = now,
        });
        await unitOfWork.CommitAsync();
        return true;
    }
}
