using Infogerance.Contracts.Data;
using Infogerance.Contracts.Domain;
using Infogerance.Contracts.Files;
using Infogerance.Data;
using Infogerance.Documents;
using Infogerance.ServiceDefaults;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Infogerance.Contracts.Api;

/// <summary>A line of the cahier des charges.</summary>
public sealed record RequirementItem(Guid Id, string Category, string ExpectedLevel, string AcceptanceCriterion);

/// <summary>A line of the état des lieux.</summary>
public sealed record InventoryItem(Guid Id, string Type, string Name, int Quantity, string Criticality, string? Location)
{
    /// <summary>The item as stored from a line that passed <see cref="InventoryRules.Check"/>: texts trimmed, an empty location left out.</summary>
    public static InventoryItem From(Guid id, InventoryItemInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return new(id, input.Type!, input.Name!.Trim(), input.Quantity!.Value, input.Criticality!, string.IsNullOrWhiteSpace(input.Location) ? null : input.Location.Trim());
    }

    public InventoryItemInput ToInput() => new(Type, Name, Quantity, Criticality, Location);
}

/// <summary>How many lines the file brought, and how many items the inventory now holds.</summary>
public sealed record ImportResult(int Imported, int Total);

/// <summary>
/// What the contract covers: the client's requirements (cahier des charges), written before signature, and the
/// inventory of its scope (état des lieux), kept up to date while the contract is open, with file import and export.
/// </summary>
public static class ScopeApi
{
    private const long MaxImportBytes = 5 * 1024 * 1024;

    public static void MapScopeApi(this IEndpointRouteBuilder app)
    {
        var contract = app.MapGroup("/{contractId:guid}").RequireAuthorization(Policies.ContractReaders);
        contract.MapGet("/requirements", ListRequirementsAsync);
        contract.MapPost("/requirements", AddRequirementAsync).RequireAuthorization(Policies.ClientManagers);
        contract.MapPut("/requirements/{itemId:guid}", ChangeRequirementAsync).RequireAuthorization(Policies.ClientManagers);
        contract.MapDelete("/requirements/{itemId:guid}", RemoveRequirementAsync).RequireAuthorization(Policies.ClientManagers);

        contract.MapGet("/inventory", ListInventoryAsync);
        contract.MapPost("/inventory", AddInventoryAsync).RequireAuthorization(Policies.ClientManagers);
        contract.MapPut("/inventory/{itemId:guid}", ChangeInventoryAsync).RequireAuthorization(Policies.ClientManagers);
        contract.MapDelete("/inventory/{itemId:guid}", RemoveInventoryAsync).RequireAuthorization(Policies.ClientManagers);
        contract.MapPost("/inventory/import", ImportAsync).AcceptsUpload().RequireAuthorization(Policies.ClientManagers);
        contract.MapGet("/inventory/export", ExportAsync);
    }

    /// <summary>Lists the requirements of the cahier des charges.</summary>
    public static Task<Results<Ok<RequirementItem[]>, NotFound>> ListRequirementsAsync(
        Guid contractId, [AsParameters] ContractServices services, CancellationToken cancellationToken) =>
        services.ReadAsync<Results<Ok<RequirementItem[]>, NotFound>>(contractId, () => TypedResults.NotFound(),
            async (unitOfWork, contract) => TypedResults.Ok((await ScopeStore.RequirementsAsync(unitOfWork, contract)).ToArray()), cancellationToken);

    /// <summary>Adds a requirement to the cahier des charges of a draft.</summary>
    public static Task<Results<Created<RequirementItem>, NotFound, ProblemHttpResult>> AddRequirementAsync(
        Guid contractId, RequirementInput input, [AsParameters] ContractServices services, CancellationToken cancellationToken) =>
        services.ChangeAsync<Results<Created<RequirementItem>, NotFound, ProblemHttpResult>>(contractId, () => TypedResults.NotFound(), async (unitOfWork, contract) =>
        {
            if (RefuseUnlessDraft(contract) is { } refusal)
            {
                return refusal;
            }

            if (RequirementRules.Check(input) is { IsEmpty: false } errors)
            {
                return Problems.Invalid(errors);
            }

            var item = new RequirementItem(Guid.CreateVersion7(), input.Category!.Trim(), input.ExpectedLevel!.Trim(), input.AcceptanceCriterion!.Trim());
            await ScopeStore.InsertRequirementAsync(unitOfWork, contract, item);
            await ContractStore.AuditAsync(unitOfWork, contract, AuditLog.Actor.Of(services.User), "requirement.added", "requirement", item.Id, null, item);
            return TypedResults.Created($"/{contract.ContractId}/requirements/{item.Id}", item);
        }, cancellationToken);

    /// <summary>Rewrites a requirement of a draft's cahier des charges.</summary>
    public static Task<Results<Ok<RequirementItem>, NotFound, ProblemHttpResult>> ChangeRequirementAsync(
        Guid contractId, Guid itemId, RequirementInput input, [AsParameters] ContractServices services, CancellationToken cancellationToken) =>
        services.ChangeAsync<Results<Ok<RequirementItem>, NotFound, ProblemHttpResult>>(contractId, () => TypedResults.NotFound(), async (unitOfWork, contract) =>
        {
            if (RefuseUnlessDraft(contract) is { } refusal)
            {
                return refusal;
            }

            if (await ScopeStore.RequirementAsync(unitOfWork, contract, itemId) is not { } before)
            {
                return TypedResults.NotFound();
            }

            if (RequirementRules.Check(input) is { IsEmpty: false } errors)
            {
                return Problems.Invalid(errors);
            }

            var after = new RequirementItem(itemId, input.Category!.Trim(), input.ExpectedLevel!.Trim(), input.AcceptanceCriterion!.Trim());
            await ScopeStore.UpdateRequirementAsync(unitOfWork, contract, after);
            await ContractStore.AuditAsync(unitOfWork, contract, AuditLog.Actor.Of(services.User), "requirement.changed", "requirement", itemId, before, after);
            return TypedResults.Ok(after);
        }, cancellationToken);

    /// <summary>Removes a requirement from a draft's cahier des charges.</summary>
    public static Task<Results<NoContent, NotFound, ProblemHttpResult>> RemoveRequirementAsync(
        Guid contractId, Guid itemId, [AsParameters] ContractServices services, CancellationToken cancellationToken) =>
        services.ChangeAsync<Results<NoContent, NotFound, ProblemHttpResult>>(contractId, () => TypedResults.NotFound(), async (unitOfWork, contract) =>
        {
            if (RefuseUnlessDraft(contract) is { } refusal)
            {
                return refusal;
            }

            if (await ScopeStore.RequirementAsync(unitOfWork, contract, itemId) is not { } before)
            {
                return TypedResults.NotFound();
            }

            await ScopeStore.DeleteRequirementAsync(unitOfWork, contract, itemId);
            await ContractStore.AuditAsync(unitOfWork, contract, AuditLog.Actor.Of(services.User), "requirement.removed", "requirement", itemId, before, null);
            return TypedResults.NoContent();
        }, cancellationToken);

    /// <summary>Lists the items of the état des lieux.</summary>
    public static Task<Results<Ok<InventoryItem[]>, NotFound>> ListInventoryAsync(
        Guid contractId, [AsParameters] ContractServices services, CancellationToken cancellationToken) =>
        services.ReadAsync<Results<Ok<InventoryItem[]>, NotFound>>(contractId, () => TypedResults.NotFound(),
            async (unitOfWork, contract) => TypedResults.Ok((await ScopeStore.InventoryAsync(unitOfWork, contract)).ToArray()), cancellationToken);

    /// <summary>Adds an item to the état des lieux of an open contract.</summary>
    public static Task<Results<Created<InventoryItem>, NotFound, ProblemHttpResult>> AddInventoryAsync(
        Guid contractId, InventoryItemInput input, [AsParameters] ContractServices services, CancellationToken cancellationToken) =>
        services.ChangeAsync<Results<Created<InventoryItem>, NotFound, ProblemHttpResult>>(contractId, () => TypedResults.NotFound(), async (unitOfWork, contract) =>
        {
            if (RefuseUnlessOpen(contract) is { } refusal)
            {
                return refusal;
            }

            if (InventoryRules.Check(input) is { IsEmpty: false } errors)
            {
                return Problems.Invalid(errors);
            }

            var item = InventoryItem.From(Guid.CreateVersion7(), input);
            await ScopeStore.InsertInventoryAsync(unitOfWork, contract, item);
            await ContractStore.AuditAsync(unitOfWork, contract, AuditLog.Actor.Of(services.User), "inventory.added", "inventory", item.Id, null, item);
            await ContractStore.InventoryChangedAsync(unitOfWork, contract);
            return TypedResults.Created($"/{contract.ContractId}/inventory/{item.Id}", item);
        }, cancellationToken);

    /// <summary>Rewrites an item of the état des lieux of an open contract.</summary>
    public static Task<Results<Ok<InventoryItem>, NotFound, ProblemHttpResult>> ChangeInventoryAsync(
        Guid contractId, Guid itemId, InventoryItemInput input, [AsParameters] ContractServices services, CancellationToken cancellationToken) =>
        services.ChangeAsync<Results<Ok<InventoryItem>, NotFound, ProblemHttpResult>>(contractId, () => TypedResults.NotFound(), async (unitOfWork, contract) =>
        {
            if (RefuseUnlessOpen(contract) is { } refusal)
            {
                return refusal;
            }

            if (await ScopeStore.InventoryItemAsync(unitOfWork, contract, itemId) is not { } before)
            {
                return TypedResults.NotFound();
            }

            if (InventoryRules.Check(input) is { IsEmpty: false } errors)
            {
                return Problems.Invalid(errors);
            }

            var after = InventoryItem.From(itemId, input);
            await ScopeStore.UpdateInventoryAsync(unitOfWork, contract, after);
            await ContractStore.AuditAsync(unitOfWork, contract, AuditLog.Actor.Of(services.User), "inventory.changed", "inventory", itemId, before, after);
            await ContractStore.InventoryChangedAsync(unitOfWork, contract);
            return TypedResults.Ok(after);
        }, cancellationToken);

    /// <summary>Removes an item from the état des lieux of an open contract.</summary>
    public static Task<Results<NoContent, NotFound, ProblemHttpResult>> RemoveInventoryAsync(
        Guid contractId, Guid itemId, [AsParameters] ContractServices services, CancellationToken cancellationToken) =>
        services.ChangeAsync<Results<NoContent, NotFound, ProblemHttpResult>>(contractId, () => TypedResults.NotFound(), async (unitOfWork, contract) =>
        {
            if (RefuseUnlessOpen(contract) is { } refusal)
            {
                return refusal;
            }

            if (await ScopeStore.InventoryItemAsync(unitOfWork, contract, itemId) is not { } before)
            {
                return TypedResults.NotFound();
            }

            await ScopeStore.DeleteInventoryItemAsync(unitOfWork, contract, itemId);
            await ContractStore.AuditAsync(unitOfWork, contract, AuditLog.Actor.Of(services.User), "inventory.removed", "inventory", itemId, before, null);
            await ContractStore.InventoryChangedAsync(unitOfWork, contract);
            return TypedResults.NoContent();
        }, cancellationToken);

    /// <summary>
    /// Imports the état des lieux from a CSV or XLSX file, appended to the inventory or replacing it. The whole file
    /// or nothing: a bad line is reported with every other bad line, and no line is written.
    /// </summary>
    public static async Task<Results<Ok<ImportResult>, NotFound, ProblemHttpResult>> ImportAsync(
        Guid contractId, HttpRequest request, [AsParameters] ContractServices services, CancellationToken cancellationToken, string mode = "append")
    {
        if (mode is not ("append" or "replace"))
        {
            return Problems.Invalid("mode", ContractMessages.ImportMode);
        }

        var (file, problem) = await Uploads.ReadFileAsync(request, MaxImportBytes, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        return await services.ChangeAsync<Results<Ok<ImportResult>, NotFound, ProblemHttpResult>>(contractId, () => TypedResults.NotFound(), async (unitOfWork, contract) =>
        {
            if (RefuseUnlessOpen(contract) is { } refusal)
            {
                return refusal;
            }

            if (InventoryFiles.FormatOf(file!.FileName) is not { } format)
            {
                return Problems.Invalid("file", ContractMessages.ImportFileFormat);
            }

            await using var content = file.OpenReadStream();
            var read = InventoryFiles.Read(content, format);
            if (read.Errors.Count > 0)
            {
                return Problems.Invalid(read.Errors);
            }

            var before = await ScopeStore.InventoryCountAsync(unitOfWork, contract);
            if (mode == "replace")
            {
                await ScopeStore.DeleteInventoryAsync(unitOfWork, contract);
            }

            await ScopeStore.InsertInventoryAsync(unitOfWork, contract, [.. read.Items.Select(item => InventoryItem.From(Guid.CreateVersion7(), item))]);
            var total = await ScopeStore.InventoryCountAsync(unitOfWork, contract);
            await ContractStore.AuditAsync(unitOfWork, contract, AuditLog.Actor.Of(services.User), "inventory.imported", "contract", contract.ContractId,
                new { Items = before }, new { Items = total, Imported = read.Items.Count, Mode = mode, File = DocumentTypes.SafeFileName(file.FileName) });
            await ContractStore.InventoryChangedAsync(unitOfWork, contract);
            return TypedResults.Ok(new ImportResult(read.Items.Count, (int)total));
        }, cancellationToken);
    }

    /// <summary>Exports the état des lieux as a CSV or XLSX file, in the columns the import reads.</summary>
    public static Task<Results<FileContentHttpResult, NotFound, ProblemHttpResult>> ExportAsync(
        Guid contractId, [AsParameters] ContractServices services, CancellationToken cancellationToken, string format = "csv") =>
        services.ReadAsync<Results<FileContentHttpResult, NotFound, ProblemHttpResult>>(contractId, () => TypedResults.NotFound(), async (unitOfWork, contract) =>
        {
            InventoryFileFormat? chosen = format switch { "csv" => InventoryFileFormat.Csv, "xlsx" => InventoryFileFormat.Xlsx, _ => null };
            if (chosen is null)
            {
                return Problems.Invalid("format", ContractMessages.ExportFormat);
            }

            var items = await ScopeStore.InventoryAsync(unitOfWork, contract);
            using var output = new MemoryStream();
            InventoryFiles.Write(items.Select(item => item.ToInput()), chosen.Value, output);
            var contentType = chosen == InventoryFileFormat.Csv
                ? "text/csv; charset=utf-8"
                : "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
            return TypedResults.File(output.ToArray(), contentType, DocumentTypes.SafeFileName($"{contract.Reference}-inventory.{format}"));
        }, cancellationToken);

    /// <summary>Requirements are the client's, written before signature; after it they change by amendment.</summary>
    private static ProblemHttpResult? RefuseUnlessDraft(ContractRow contract) =>
        contract.Phase == Phases.Draft ? null : Problems.Conflict(ContractMessages.RequirementsFrozen);

    /// <summary>The inventory is the client's and follows the scope while the contract is open.</summary>
    private static ProblemHttpResult? RefuseUnlessOpen(ContractRow contract) =>
        Phases.IsOpen(contract.Phase) ? null : Problems.Conflict(ContractMessages.ContractClosed);
}
