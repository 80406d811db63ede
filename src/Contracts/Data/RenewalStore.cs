using Infogerance.Contracts.Api;
using Infogerance.Data;

namespace Infogerance.Contracts.Data;

/// <summary>Notice alerts raised and decisions at term.</summary>
public static class RenewalStore
{
    /// <summary>When each alert of the period was raised, by its days before the deadline.</summary>
    public static async Task<Dictionary<int, DateTimeOffset>> AlertsRaisedAsync(UnitOfWork unitOfWork, ContractRow contract, int periodIndex) =>
        (await unitOfWork.QueryAsync<(int DaysBefore, DateTimeOffset RaisedAt)>(
            """
            SELECT days_before, raised_at FROM notice_alerts
            WHERE tenant_id = @TenantId AND contract_id = @ContractId AND period_index = @periodIndex
            """,
            new { contract.TenantId, contract.ContractId, periodIndex }))
        .ToDictionary(alert => alert.DaysBefore, alert => alert.RaisedAt);

    public static Task<RenewalDecision?> DecisionAsync(UnitOfWork unitOfWork, ContractRow contract, int periodIndex) =>
        unitOfWork.QuerySingleOrDefaultAsync<RenewalDecision>(
            """
            SELECT decision, decided_by, decided_at, revised_monthly_fee FROM renewal_decisions
            WHERE tenant_id = @TenantId AND contract_id = @ContractId AND period_index = @periodIndex
            """,
            new { contract.TenantId, contract.ContractId, periodIndex });

    public static Task InsertDecisionAsync(
        UnitOfWork unitOfWork, ContractRow contract, int periodIndex, string decision, DateOnly periodEnd, decimal? revisedFee, string decidedBy) =>
        unitOfWork.ExecuteAsync(
            """
            INSERT INTO renewal_decisions (tenant_id, contract_id, period_index, decision, period_end, revised_monthly_fee, decided_by, decided_at)
            VALUES (@TenantId, @ContractId, @periodIndex, @decision, @periodEnd, @revisedFee, @decidedBy, now())
            """,
            new { contract.TenantId, contract.ContractId, periodIndex, decision, periodEnd, revisedFee, decidedBy });
}
