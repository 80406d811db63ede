using Infogerance.Contracts.Api;
using Infogerance.Contracts.Domain;
using Infogerance.Data;

namespace Infogerance.Contracts.Data;

/// <summary>What the contract covers: the requirements (cahier des charges) and the inventory (état des lieux).</summary>
public static class ScopeStore
{
    private const string SelectRequirements =
        "SELECT item_id AS id, category, expected_level, acceptance_criterion FROM requirement_items WHERE tenant_id = @TenantId AND contract_id = @ContractId";

    private const string SelectInventory =
        "SELECT item_id AS id, type, name, quantity, criticality, location FROM inventory_items WHERE tenant_id = @TenantId AND contract_id = @ContractId";

    public static Task<IEnumerable<RequirementItem>> RequirementsAsync(UnitOfWork unitOfWork, ContractRow contract) =>
        unitOfWork.QueryAsync<RequirementItem>($"{SelectRequirements} ORDER BY item_id", new { contract.TenantId, contract.ContractId });

    public static Task<RequirementItem?> RequirementAsync(UnitOfWork unitOfWork, ContractRow contract, Guid itemId) =>
        unitOfWork.QuerySingleOrDefaultAsync<RequirementItem>(
            $"{SelectRequirements} AND item_id = @itemId", new { contract.TenantId, contract.ContractId, itemId });

    public static Task InsertRequirementAsync(UnitOfWork unitOfWork, ContractRow contract, RequirementItem item) =>
        unitOfWork.ExecuteAsync(
            """
            INSERT INTO requirement_items (tenant_id, contract_id, item_id, category, expected_level, acceptance_criterion)
            VALUES (@TenantId, @ContractId, @Id, @Category, @ExpectedLevel, @AcceptanceCriterion)
            """,
            new { contract.TenantId, contract.ContractId, item.Id, item.Category, item.ExpectedLevel, item.AcceptanceCriterion });

    public static Task UpdateRequirementAsync(UnitOfWork unitOfWork, ContractRow contract, RequirementItem item) =>
        unitOfWork.ExecuteAsync(
            """
            UPDATE requirement_items SET category = @Category, expected_level = @ExpectedLevel, acceptance_criterion = @AcceptanceCriterion
            WHERE tenant_id = @TenantId AND contract_id = @ContractId AND item_id = @Id
            """,
            new { contract.TenantId, contract.ContractId, item.Id, item.Category, item.ExpectedLevel, item.AcceptanceCriterion });

    public static Task DeleteRequirementAsync(UnitOfWork unitOfWork, ContractRow contract, Guid itemId) =>
        unitOfWork.ExecuteAsync(
            "DELETE FROM requirement_items WHERE tenant_id = @TenantId AND contract_id = @ContractId AND item_id = @itemId",
            new { contract.TenantId, contract.ContractId, itemId });

    public static Task<IEnumerable<InventoryItem>> InventoryAsync(UnitOfWork unitOfWork, ContractRow contract) =>
        unitOfWork.QueryAsync<InventoryItem>($"{SelectInventory} ORDER BY item_id", new { contract.TenantId, contract.ContractId });

    public static Task<InventoryItem?> InventoryItemAsync(UnitOfWork unitOfWork, ContractRow contract, Guid itemId) =>
        unitOfWork.QuerySingleOrDefaultAsync<InventoryItem>(
            $"{SelectInventory} AND item_id = @itemId", new { contract.TenantId, contract.ContractId, itemId });

    public static Task<long> InventoryCountAsync(UnitOfWork unitOfWork, ContractRow contract) =>
        unitOfWork.ExecuteScalarAsync<long>(
            "SELECT count(*) FROM inventory_items WHERE tenant_id = @TenantId AND contract_id = @ContractId", new { contract.TenantId, contract.ContractId });

    public static Task InsertInventoryAsync(UnitOfWork unitOfWork, ContractRow contract, InventoryItem item) =>
        unitOfWork.ExecuteAsync(
            """
            INSERT INTO inventory_items (tenant_id, contract_id, item_id, type, name, quantity, criticality, location)
            VALUES (@TenantId, @ContractId, @Id, @Type, @Name, @Quantity, @Criticality, @Location)
            """,
            new { contract.TenantId, contract.ContractId, item.Id, item.Type, item.Name, item.Quantity, item.Criticality, item.Location });

    /// <summary>Inserts every item in one statement: an import of thousands of lines is one round trip.</summary>
    public static Task InsertInventoryAsync(UnitOfWork unitOfWork, ContractRow contract, IReadOnlyList<InventoryItem> items) =>
        unitOfWork.ExecuteAsync(
            """
            INSERT INTO inventory_items (tenant_id, contract_id, item_id, type, name, quantity, criticality, location)
            SELECT @TenantId, @ContractId, i.* FROM unnest(@ids, @types, @names, @quantities, @criticalities, @locations) AS i
            """,
            new
            {
                contract.TenantId,
                contract.ContractId,
                ids = items.Select(item => item.Id).ToArray(),
                types = items.Select(item => item.Type).ToArray(),
                names = items.Select(item => item.Name).ToArray(),
                quantities = items.Select(item => item.Quantity).ToArray(),
                criticalities = items.Select(item => item.Criticality).ToArray(),
                locations = items.Select(item => item.Location).ToArray(),
            });

    public static Task UpdateInventoryAsync(UnitOfWork unitOfWork, ContractRow contract, InventoryItem item) =>
        unitOfWork.ExecuteAsync(
            """
            UPDATE inventory_items SET type = @Type, name = @Name, quantity = @Quantity, criticality = @Criticality, location = @Location
            WHERE tenant_id = @TenantId AND contract_id = @ContractId AND item_id = @Id
            """,
            new { contract.TenantId, contract.ContractId, item.Id, item.Type, item.Name, item.Quantity, item.Criticality, item.Location });

    public static Task DeleteInventoryItemAsync(UnitOfWork unitOfWork, ContractRow contract, Guid itemId) =>
        unitOfWork.ExecuteAsync(
            "DELETE FROM inventory_items WHERE tenant_id = @TenantId AND contract_id = @ContractId AND item_id = @itemId",
            new { contract.TenantId, contract.ContractId, itemId });

    public static Task DeleteInventoryAsync(UnitOfWork unitOfWork, ContractRow contract) =>
        unitOfWork.ExecuteAsync(
            "DELETE FROM inventory_items WHERE tenant_id = @TenantId AND contract_id = @ContractId", new { contract.TenantId, contract.ContractId });
}
