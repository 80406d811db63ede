using Infogerance.Contracts.Api;
using Infogerance.Data;

namespace Infogerance.Contracts.Data;

/// <summary>The evolution requests of a contract.</summary>
public static class EvolutionStore
{
    private const string Select =
        """
        SELECT evolution_id AS id, title, specification, state, solution, quote_amount, plan, rejection_reason, amendment_version,
               created_by, created_at, updated_at
        FROM evolution_requests WHERE tenant_id = @TenantId AND contract_id = @ContractId
        """;

    public static Task<IEnumerable<Evolution>> ListAsync(UnitOfWork unitOfWork, ContractRow contract) =>
        unitOfWork.QueryAsync<Evolution>($"{Select} ORDER BY evolution_id", new { contract.TenantId, contract.ContractId });

    public static Task<Evolution?> FindAsync(UnitOfWork unitOfWork, ContractRow contract, Guid evolutionId) =>
        unitOfWork.QuerySingleOrDefaultAsync<Evolution>($"{Select} AND evolution_id = @evolutionId", new { contract.TenantId, contract.ContractId, evolutionId });

    public static Task InsertAsync(UnitOfWork unitOfWork, ContractRow contract, Guid id, string title, string specification, string createdBy) =>
        unitOfWork.ExecuteAsync(
            """
            INSERT INTO evolution_requests (tenant_id, contract_id, evolution_id, title, specification, state, created_by, created_at, updated_at)
            VALUES (@TenantId, @ContractId, @id, @title, @specification, 'specified', @createdBy, now(), now())
            """,
            new { contract.TenantId, contract.ContractId, id, title, specification, createdBy });

    /// <summary>Moves the request to <paramref name="state"/>, keeping the fields a step leaves null as they were.</summary>
    public static Task ChangeStateAsync(
        UnitOfWork unitOfWork, ContractRow contract, Guid evolutionId, string state, string? solution, decimal? quote, string? plan, string? reason) =>
        unitOfWork.ExecuteAsync(
            """
            UPDATE evolution_requests
            SET state = @state,
                solution = coalesce(@solution, solution), quote_amount = coalesce(@quote, quote_amount), plan = coalesce(@plan, plan),
                rejection_reason = coalesce(@reason, rejection_reason), updated_at = now()
            WHERE tenant_id = @TenantId AND contract_id = @ContractId AND evolution_id = @evolutionId
            """,
            new { state, contract.TenantId, contract.ContractId, evolutionId, solution, quote, plan, reason });

    /// <summary>Whether a version not withdrawn already amends the contract for this evolution.</summary>
    public static Task<bool> HasAmendmentAsync(UnitOfWork unitOfWork, ContractRow contract, Guid evolutionId) =>
        unitOfWork.ExecuteScalarAsync<bool>(
            """
            SELECT EXISTS (SELECT 1 FROM contract_versions
                           WHERE tenant_id = @TenantId AND contract_id = @ContractId AND evolution_request_id = @evolutionId AND status <> 'withdrawn')
            """,
            new { contract.TenantId, contract.ContractId, evolutionId });

    /// <summary>Records the countersigned amendment that put the evolution into the contract.</summary>
    public static Task LinkAmendmentAsync(UnitOfWork unitOfWork, ContractRow contract, Guid evolutionId, int number) =>
        unitOfWork.ExecuteAsync(
            "UPDATE evolution_requests SET amendment_version = @number, updated_at = now() WHERE tenant_id = @TenantId AND contract_id = @ContractId AND evolution_id = @evolutionId",
            new { contract.TenantId, contract.ContractId, number, evolutionId });
}
