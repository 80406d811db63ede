using System.Text.Json;
using Infogerance.Data;
using Infogerance.Incidents.Domain;
using Infogerance.IntegrationEvents;

namespace Infogerance.Incidents.Data;

public sealed record OutageRow(
    Guid Id, Guid TenantId, Guid ContractId, Guid? TicketId, string Service, DateTimeOffset StartedAt, DateTimeOffset? EndedAt, int Revision,
    string RecordedBy, DateTimeOffset RecordedAt)
{
    public Outage Outage => new(Id, Service, StartedAt, EndedAt);
}

/// <summary>The outages recorded on a contract's incidents, and the availability bands of its terms.</summary>
public static class OutageStore
{
    private const string Select =
        """
        SELECT outage_id AS id, tenant_id, contract_id, ticket_id, service, started_at, ended_at, revision, recorded_by, recorded_at
        FROM outages
        """;

    public static Task<OutageRow?> LoadAsync(UnitOfWork unitOfWork, Guid outageId, bool forUpdate = false) =>
        unitOfWork.QuerySingleOrDefaultAsync<OutageRow>($"{Select} WHERE outage_id = @outageId {(forUpdate ? "FOR NO KEY UPDATE" : "")}", new { outageId });

    public static Task InsertAsync(UnitOfWork unitOfWork, OutageRow outage) =>
        unitOfWork.ExecuteAsync(
            """
            INSERT INTO outages (tenant_id, contract_id, outage_id, ticket_id, service, started_at, ended_at, revision, recorded_by, recorded_at)
            VALUES (@TenantId, @ContractId, @Id, @TicketId, @Service, @StartedAt, @EndedAt, @Revision, @RecordedBy, @RecordedAt)
            """,
            outage);

    /// <summary>The event announcing an outage's latest revision to the services that count availability.</summary>
    public static ServiceOutageRecorded Recorded(OutageRow outage, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(outage);
        return new ServiceOutageRecorded
        {
            TenantId = outage.TenantId, ContractId = outage.ContractId, OutageId = outage.Id, TicketId = outage.TicketId, Service = outage.Service,
            StartedAt = outage.StartedAt, EndedAt = outage.EndedAt, Revision = outage.Revision, OccurredAt = now,
        };
    }

    public static Task UpdateAsync(UnitOfWork unitOfWork, OutageRow outage) =>
        unitOfWork.ExecuteAsync(
            """
            UPDATE outages SET service = @Service, started_at = @StartedAt, ended_at = @EndedAt, revision = @Revision
            WHERE tenant_id = @TenantId AND outage_id = @Id
            """,
            outage);

    /// <summary>Every outage recorded on the contract, by start.</summary>
    public static Task<IEnumerable<OutageRow>> OfContractAsync(UnitOfWork unitOfWork, Guid contractId) =>
        unitOfWork.QueryAsync<OutageRow>($"{Select} WHERE contract_id = @contractId ORDER BY started_at, outage_id", new { contractId });

    /// <summary>The contract's outages that may cover some of the month, by start (the caller narrows open ones with the clock).</summary>
    public static Task<IEnumerable<OutageRow>> InMonthAsync(UnitOfWork unitOfWork, Guid tenantId, Guid contractId, MonthPeriod month) =>
        unitOfWork.QueryAsync<OutageRow>(
            $"""
            {Select}
            WHERE tenant_id = @tenantId AND contract_id = @contractId AND started_at < @end AND (ended_at IS NULL OR ended_at > @start)
            ORDER BY started_at, outage_id
            """,
            new { tenantId, contractId, start = month.Start.UtcDateTime, end = month.End.UtcDateTime });

    /// <summary>The availability bands of a version of the contract's terms (none when the version is not replicated).</summary>
    public static async Task<IReadOnlyList<AvailabilityBand>> AvailabilityBandsAsync(UnitOfWork unitOfWork, Guid contractId, int version)
    {
        var json = await unitOfWork.QuerySingleOrDefaultAsync<string>(
            "SELECT (terms #> '{penalties,availabilityBands}')::text FROM contract_terms WHERE contract_id = @contractId AND version_number = @version",
            new { contractId, version });
        return json is null ? [] : JsonSerializer.Deserialize<AvailabilityBand[]>(json, EventTypeRegistry.SerializerOptions) ?? [];
    }
}
