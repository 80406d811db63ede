using Infogerance.Contracts.Api;
using Infogerance.Data;

namespace Infogerance.Contracts.Data;

/// <summary>Notice alerts raised, decisions at term, and the in-app notifications of both sides.</summary>
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

    /// <summary>A notification as stored: its data is JSON text.</summary>
    public sealed record NotificationRow(Guid Id, Guid ContractId, string Kind, string Data, DateTimeOffset CreatedAt, bool Read);

    /// <summary>The latest notifications addressed to <paramref name="side"/> (or both sides), each marked read or not for the user.</summary>
    public static Task<IEnumerable<NotificationRow>> NotificationsAsync(UnitOfWork unitOfWork, Guid userId, string side, int limit) =>
        unitOfWork.QueryAsync<NotificationRow>(
            """
            SELECT n.notification_id AS id, n.contract_id, n.kind, n.data::text AS data, n.created_at,
                   EXISTS (SELECT 1 FROM notification_reads r
                           WHERE r.tenant_id = n.tenant_id AND r.contract_id = n.contract_id AND r.notification_id = n.notification_id AND r.user_id = @userId) AS read
            FROM notifications n
            WHERE n.audience IN ('both', @side)
            ORDER BY n.created_at DESC, n.notification_id DESC
            LIMIT @limit
            """,
            new { userId, side, limit });

    /// <summary>Marks the notification read for the user; false when the user's side cannot see it.</summary>
    public static async Task<bool> MarkReadAsync(UnitOfWork unitOfWork, Guid notificationId, Guid userId, string side)
    {
        var marked = await unitOfWork.ExecuteAsync(
            """
            INSERT INTO notification_reads (tenant_id, contract_id, notification_id, user_id, read_at)
            SELECT tenant_id, contract_id, notification_id, @userId, now() FROM notifications
            WHERE notification_id = @notificationId AND audience IN ('both', @side)
            ON CONFLICT DO NOTHING
            """,
            new { userId, notificationId, side });
        return marked > 0 || await unitOfWork.ExecuteScalarAsync<bool>(
            "SELECT EXISTS (SELECT 1 FROM notifications WHERE notification_id = @notificationId AND audience IN ('both', @side))",
            new { notificationId, side });
    }
}
