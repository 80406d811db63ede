using Infogerance.Contracts.Data;
using Infogerance.Contracts.Domain;
using Infogerance.Contracts.Files;
using Infogerance.Data;
using Infogerance.Documents;
using Infogerance.ServiceDefaults;

namespace Infogerance.Contracts.Api;

public sealed record RequirementItem(Guid Id, string Category, string ExpectedLevel, string AcceptanceCriterion);

public sealed record InventoryItem(Guid Id, string Type, string Name, int Quantity, string Criticality, string? Location)
{
    public InventoryItemInput ToInput() => new(Type, Name, Quantity, Criticality, Location);
}

public sealed record ImportResult(int Imported, int Total);

/// <summary>
/// What the contract covers: the client's requirements (cahier des charges), written before signature, and the
/// inventory of its scope (état des lieux), kept up to date while the contract is open, with file import and export.
/// </summary>
public static class ScopeApi
{
    private const long MaxImportBytes = 5 * 1024 * 1024;

    private const string SelectRequirements =
        "SELECT item_id AS id, category, expected_level, acceptance_criterion FROM requirement_items WHERE tenant_id = @TenantId AND contract_id = @ContractId";

    private const string SelectInventory =
        "SELECT item_id AS id, type, name, quantity, criticality, location FROM inventory_items WHERE tenant_id = @TenantId AND contract_id = @ContractId";

    public static void MapScopeApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/{contractId:guid}/requirements", ListRequirementsAsync).RequireAuthorization(Policies.ContractReaders);
        app.MapPost("/{contractId:guid}/requirements", AddRequirementAsync).RequireAuthorization(Policies.ClientManagers);
        app.MapPut("/{contractId:guid}/requirements/{itemId:guid}", ChangeRequirementAsync).RequireAuthorization(Policies.ClientManagers);
        app.MapDelete("/{contractId:guid}/requirements/{itemId:guid}", RemoveRequirementAsync).RequireAuthorization(Policies.ClientManagers);

        app.MapGet("/{contractId:guid}/inventory", ListInventoryAsync).RequireAuthorization(Policies.ContractReaders);
        app.MapPost("/{contractId:guid}/inventory", AddInventoryAsync).RequireAuthorization(Policies.ClientManagers);
        app.MapPut("/{contractId:guid}/inventory/{itemId:guid}", ChangeInventoryAsync).RequireAuthorization(Policies.ClientManagers);
        app.MapDelete("/{contractId:guid}/inventory/{itemId:guid}", RemoveInventoryAsync).RequireAuthorization(Policies.ClientManagers);
        app.MapPost("/{contractId:guid}/inventory/import", ImportAsync).RequireAuthorization(Policies.ClientManagers);
        app.MapGet("/{contractId:guid}/inventory/export", ExportAsync).RequireAuthorization(Policies.ContractReaders);
    }

    public static Task<IEnumerable<RequirementItem>> RequirementsAsync(UnitOfWork unitOfWork, ContractRow contract) =>
        unitOfWork.QueryAsync<RequirementItem>($"{SelectRequirements} ORDER BY item_id", contract);

    public static Task<IEnumerable<InventoryItem>> InventoryAsync(UnitOfWork unitOfWork, ContractRow contract) =>
        unitOfWork.QueryAsync<InventoryItem>($"{SelectInventory} ORDER BY item_id", contract);

    public static Task<IResult> ListRequirementsAsync(Guid contractId, CurrentUser user, Database database, CancellationToken cancellationToken) =>
        Caller.ReadAsync(database, user, contractId, cancellationToken,
            async (unitOfWork, contract) => TypedResults.Ok((await RequirementsAsync(unitOfWork, contract)).ToArray()));

    public static Task<IResult> AddRequirementAsync(
        Guid contractId, RequirementInput input, CurrentUser user, Database database, CancellationToken cancellationToken) =>
        WhileDraftAsync(database, user, contractId, cancellationToken, async (unitOfWork, contract) =>
        {
            if (RequirementRules.Check(input) is { Count: > 0 } errors)
            {
                return Problems.Invalid(errors);
            }

            var item = new RequirementItem(Guid.CreateVersion7(), input.Category!.Trim(), input.ExpectedLevel!.Trim(), input.AcceptanceCriterion!.Trim());
            await unitOfWork.ExecuteAsync(
                """
                INSERT INTO requirement_items (tenant_id, contract_id, item_id, category, expected_level, acceptance_criterion)
                VALUES (@TenantId, @ContractId, @Id, @Category, @ExpectedLevel, @AcceptanceCriterion)
                """,
                new { contract.TenantId, contract.ContractId, item.Id, item.Category, item.ExpectedLevel, item.AcceptanceCriterion });
            await ContractStore.AuditAsync(unitOfWork, contract, Caller.Actor(user), "requirement.added", "requirement", item.Id, null, item);
            return TypedResults.Created($"/{contract.ContractId}/requirements/{item.Id}", item);
        });

    public static Task<IResult> ChangeRequirementAsync(
        Guid contractId, Guid itemId, RequirementInput input, CurrentUser user, Database database, CancellationToken cancellationToken) =>
        WhileDraftAsync(database, user, contractId, cancellationToken, async (unitOfWork, contract) =>
        {
            var before = await unitOfWork.QuerySingleOrDefaultAsync<RequirementItem>(
                $"{SelectRequirements} AND item_id = @itemId", new { contract.TenantId, contract.ContractId, itemId });
            if (before is null)
            {
                return TypedResults.NotFound();
            }

            if (RequirementRules.Check(input) is { Count: > 0 } errors)
            {
                return Problems.Invalid(errors);
            }

            var after = new RequirementItem(itemId, input.Category!.Trim(), input.ExpectedLevel!.Trim(), input.AcceptanceCriterion!.Trim());
            await unitOfWork.ExecuteAsync(
                """
                UPDATE requirement_items SET category = @Category, expected_level = @ExpectedLevel, acceptance_criterion = @AcceptanceCriterion
                WHERE tenant_id = @TenantId AND contract_id = @ContractId AND item_id = @Id
                """,
                new { contract.TenantId, contract.ContractId, after.Id, after.Category, after.ExpectedLevel, after.AcceptanceCriterion });
            await ContractStore.AuditAsync(unitOfWork, contract, Caller.Actor(user), "requirement.changed", "requirement", itemId, before, after);
            return TypedResults.Ok(after);
        });

    public static Task<IResult> RemoveRequirementAsync(
        Guid contractId, Guid itemId, CurrentUser user, Database database, CancellationToken cancellationToken) =>
        WhileDraftAsync(database, user, contractId, cancellationToken, async (unitOfWork, contract) =>
        {
            var before = await unitOfWork.QuerySingleOrDefaultAsync<RequirementItem>(
                $"{SelectRequirements} AND item_id = @itemId", new { contract.TenantId, contract.ContractId, itemId });
            if (before is null)
            {
                return TypedResults.NotFound();
            }

            await unitOfWork.ExecuteAsync(
                "DELETE FROM requirement_items WHERE tenant_id = @TenantId AND contract_id = @ContractId AND item_id = @itemId",
                new { contract.TenantId, contract.ContractId, itemId });
            await ContractStore.AuditAsync(unitOfWork, contract, Caller.Actor(user), "requirement.removed", "requirement", itemId, before, null);
            return TypedResults.NoContent();
        });

    public static Task<IResult> ListInventoryAsync(Guid contractId, CurrentUser user, Database database, CancellationToken cancellationToken) =>
        Caller.ReadAsync(database, user, contractId, cancellationToken,
            async (unitOfWork, contract) => TypedResults.Ok((await InventoryAsync(unitOfWork, contract)).ToArray()));

    public static Task<IResult> AddInventoryAsync(
        Guid contractId, InventoryItemInput input, CurrentUser user, Database database, CancellationToken cancellationToken) =>
        WhileOpenAsync(database, user, contractId, cancellationToken, async (unitOfWork, contract) =>
        {
            if (InventoryRules.Check(input) is { Count: > 0 } errors)
            {
                return Problems.Invalid(errors);
            }

            var item = await InsertInventoryAsync(unitOfWork, contract, input);
            await ContractStore.AuditAsync(unitOfWork, contract, Caller.Actor(user), "inventory.added", "inventory", item.Id, null, item);
            await ContractStore.InventoryChangedAsync(unitOfWork, contract);
            return TypedResults.Created($"/{contract.ContractId}/inventory/{item.Id}", item);
        });

    public static Task<IResult> ChangeInventoryAsync(
        Guid contractId, Guid itemId, InventoryItemInput input, CurrentUser user, Database database, CancellationToken cancellationToken) =>
        WhileOpenAsync(database, user, contractId, cancellationToken, async (unitOfWork, contract) =>
        {
            var before = await unitOfWork.QuerySingleOrDefaultAsync<InventoryItem>(
                $"{SelectInventory} AND item_id = @itemId", new { contract.TenantId, contract.ContractId, itemId });
            if (before is null)
            {
                return TypedResults.NotFound();
            }

            if (InventoryRules.Check(input) is { Count: > 0 } errors)
            {
                return Problems.Invalid(errors);
            }

            var after = new InventoryItem(itemId, input.Type!, input.Name!.Trim(), input.Quantity!.Value, input.Criticality!, Clean(input.Location));
            await unitOfWork.ExecuteAsync(
                """
                UPDATE inventory_items SET type = @Type, name = @Name, quantity = @Quantity, criticality = @Criticality, location = @Location
                WHERE tenant_id = @TenantId AND contract_id = @ContractId AND item_id = @Id
                """,
                new { contract.TenantId, contract.ContractId, after.Id, after.Type, after.Name, after.Quantity, after.Criticality, after.Location });
            await ContractStore.AuditAsync(unitOfWork, contract, Caller.Actor(user), "inventory.changed", "inventory", itemId, before, after);
            await ContractStore.InventoryChangedAsync(unitOfWork, contract);
            return TypedResults.Ok(after);
        });

    public static Task<IResult> RemoveInventoryAsync(
        Guid contractId, Guid itemId, CurrentUser user, Database database, CancellationToken cancellationToken) =>
        WhileOpenAsync(database, user, contractId, cancellationToken, async (unitOfWork, contract) =>
        {
            var before = await unitOfWork.QuerySingleOrDefaultAsync<InventoryItem>(
                $"{SelectInventory} AND item_id = @itemId", new { contract.TenantId, contract.ContractId, itemId });
            if (before is null)
            {
                return TypedResults.NotFound();
            }

            await unitOfWork.ExecuteAsync(
                "DELETE FROM inventory_items WHERE tenant_id = @TenantId AND contract_id = @ContractId AND item_id = @itemId",
                new { contract.TenantId, contract.ContractId, itemId });
            await ContractStore.AuditAsync(unitOfWork, contract, Caller.Actor(user), "inventory.removed", "inventory", itemId, before, null);
            await ContractStore.InventoryChangedAsync(unitOfWork, contract);
            return TypedResults.NoContent();
        });

    /// <summary>The whole file or nothing: a bad line is reported with every other bad line, and no line is written.</summary>
    public static async Task<IResult> ImportAsync(
        Guid contractId, HttpRequest request, CurrentUser user, Database database, CancellationToken cancellationToken, string mode = "append")
    {
        if (mode is not ("append" or "replace"))
        {
            return Caller.Invalid("mode", "Choose \"append\" or \"replace\".");
        }

        var (file, problem) = await Uploads.ReadFileAsync(request, MaxImportBytes, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        return await WhileOpenAsync(database, user, contractId, cancellationToken, async (unitOfWork, contract) =>
        {
            if (InventoryFiles.FormatOf(file!.FileName) is not { } format)
            {
                return Caller.Invalid("file", "Send a .csv or .xlsx file.");
            }

            await using var content = file.OpenReadStream();
            var read = InventoryFiles.Read(content, format);
            if (read.Errors.Count > 0)
            {
                return Problems.Invalid(read.Errors);
            }

            var before = await unitOfWork.ExecuteScalarAsync<long>(
                "SELECT count(*) FROM inventory_items WHERE tenant_id = @TenantId AND contract_id = @ContractId", contract);
            if (mode == "replace")
            {
                await unitOfWork.ExecuteAsync("DELETE FROM inventory_items WHERE tenant_id = @TenantId AND contract_id = @ContractId", contract);
            }

            // One statement for the whole file: an import of thousands of lines is one round trip.
            await unitOfWork.ExecuteAsync(
                """
                INSERT INTO inventory_items (tenant_id, contract_id, item_id, type, name, quantity, criticality, location)
                SELECT @TenantId, @ContractId, i.* FROM unnest(@ids, @types, @names, @quantities, @criticalities, @locations) AS i
                """,
                new
                {
                    contract.TenantId,
                    contract.ContractId,
                    ids = read.Items.Select(_ => Guid.CreateVersion7()).ToArray(),
                    types = read.Items.Select(item => item.Type!).ToArray(),
                    names = read.Items.Select(item => item.Name!.Trim()).ToArray(),
                    quantities = read.Items.Select(item => item.Quantity!.Value).ToArray(),
                    criticalities = read.Items.Select(item => item.Criticality!).ToArray(),
                    locations = read.Items.Select(item => Clean(item.Location)).ToArray(),
                });

            var total = await unitOfWork.ExecuteScalarAsync<long>(
                "SELECT count(*) FROM inventory_items WHERE tenant_id = @TenantId AND contract_id = @ContractId", contract);
            await ContractStore.AuditAsync(unitOfWork, contract, Caller.Actor(user), "inventory.imported", "contract", contract.ContractId,
                new { Items = before }, new { Items = total, Imported = read.Items.Count, Mode = mode, File = DocumentTypes.SafeFileName(file.FileName) });
            await ContractStore.InventoryChangedAsync(unitOfWork, contract);
            return TypedResults.Ok(new ImportResult(read.Items.Count, (int)total));
        });
    }

    public static Task<IResult> ExportAsync(
        Guid contractId, CurrentUser user, Database database, CancellationToken cancellationToken, string format = "csv") =>
        Caller.ReadAsync(database, user, contractId, cancellationToken, async (unitOfWork, contract) =>
        {
            InventoryFileFormat? chosen = format switch { "csv" => InventoryFileFormat.Csv, "xlsx" => InventoryFileFormat.Xlsx, _ => null };
            if (chosen is null)
            {
                return Caller.Invalid("format", "Choose \"csv\" or \"xlsx\".");
            }

            var items = await InventoryAsync(unitOfWork, contract);
            using var output = new MemoryStream();
            InventoryFiles.Write(items.Select(item => item.ToInput()), chosen.Value, output);
            var contentType = chosen == InventoryFileFormat.Csv
                ? "text/csv; charset=utf-8"
                : "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
            return TypedResults.File(output.ToArray(), contentType, DocumentTypes.SafeFileName($"{contract.Reference}-inventory.{format}"));
        });

    private static async Task<InventoryItem> InsertInventoryAsync(UnitOfWork unitOfWork, ContractRow contract, InventoryItemInput input)
    {
        var item = new InventoryItem(Guid.CreateVersion7(), input.Type!, input.Name!.Trim(), input.Quantity!.Value, input.Criticality!, Clean(input.Location));
        await unitOfWork.ExecuteAsync(
            """
            INSERT INTO inventory_items (tenant_id, contract_id, item_id, type, name, quantity, criticality, location)
            VALUES (@TenantId, @ContractId, @Id, @Type, @Name, @Quantity, @Criticality, @Location)
            """,
            new { contract.TenantId, contract.ContractId, item.Id, item.Type, item.Name, item.Quantity, item.Criticality, item.Location });
        return item;
    }

    private static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    /// <summary>Requirements are the client's, written before signature; after it they change by amendment.</summary>
    private static Task<IResult> WhileDraftAsync(
        Database database, CurrentUser user, Guid contractId, CancellationToken cancellationToken, Func<UnitOfWork, ContractRow, Task<IResult>> change) =>
        Caller.ChangeAsync(database, user, contractId, cancellationToken, (unitOfWork, contract) =>
            contract.Phase == Phases.Draft
                ? change(unitOfWork, contract)
                : Task.FromResult<IResult>(Problems.Conflict("The requirements are frozen by signature.")));

    /// <summary>The inventory is the client's and follows the scope while the contract is open.</summary>
    private static Task<IResult> WhileOpenAsync(
        Database database, CurrentUser user, Guid contractId, CancellationToken cancellationToken, Func<UnitOfWork, ContractRow, Task<IResult>> change) =>
        Caller.ChangeAsync(database, user, contractId, cancellationToken, (unitOfWork, contract) =>
            Phases.IsOpen(contract.Phase)
                ? change(unitOfWork, contract)
                : Task.FromResult<IResult>(Problems.Conflict("The contract is closed.")));
}
