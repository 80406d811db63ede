using System.Text;
using Infogerance.Contracts.Data;
using Infogerance.Contracts.Domain;
using Infogerance.Data;
using Infogerance.Documents;
using Infogerance.ServiceDefaults;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Infogerance.Contracts.Api;

/// <summary>The contract's records: its audit trail, and the portable dossier handed over at reversibility.</summary>
public static class RecordsApi
{
    public static void MapRecordsApi(this IEndpointRouteBuilder app)
    {
        var contract = app.MapGroup("/{contractId:guid}").RequireAuthorization(Policies.ContractOversight);
        contract.MapGet("/audit", AuditAsync);
        contract.MapGet("/audit/export", ExportAuditAsync).Produces(200, contentType: "text/csv");
        contract.MapGet("/dossier", DossierAsync);
    }

    /// <summary>
    /// Reads the contract's audit trail, newest first, a page at a time (<c>before</c> is the cursor of the next page):
    /// each entry's actor by name, its action's code and the fields it changed; filtered by actor, action and days.
    /// </summary>
    public static Task<Results<Ok<AuditLog.Page>, NotFound, ProblemHttpResult>> AuditAsync(
        Guid contractId, [AsParameters] AuditLog.Query query, [AsParameters] ContractServices services, CancellationToken cancellationToken) =>
        services.ReadAsync<Results<Ok<AuditLog.Page>, NotFound, ProblemHttpResult>>(contractId, () => TypedResults.NotFound(), async (unitOfWork, contract) =>
            AuditLog.ValidateQuery(query, ContractAuditActions.All, out var cursor, out var filter) is { IsEmpty: false } errors
                ? Problems.Invalid(errors)
                : TypedResults.Ok(await AuditLog.ReadPageAsync(
                    unitOfWork, contract.TenantId, cursor, query.PageSize, contract.ContractId, filter)), cancellationToken);

    /// <summary>Downloads the contract's audit trail as CSV, filtered as the trail is read (at most 10,000 entries, newest first).</summary>
    public static Task<Results<FileContentHttpResult, NotFound, ProblemHttpResult>> ExportAuditAsync(
        Guid contractId, [AsParameters] AuditLog.Query query, [AsParameters] ContractServices services, CancellationToken cancellationToken) =>
        services.ReadAsync<Results<FileContentHttpResult, NotFound, ProblemHttpResult>>(contractId, () => TypedResults.NotFound(), async (unitOfWork, contract) =>
        {
            if (AuditLog.ValidateQuery(query, ContractAuditActions.All, out _, out var filter) is { IsEmpty: false } errors)
            {
                return Problems.Invalid(errors);
            }

            var lines = await AuditLog.ExportAsync(unitOfWork, contract.TenantId, filter, contract.ContractId);
            return TypedResults.File(DossierArchive.Csv(lines), "text/csv", DocumentTypes.SafeFileName($"{contract.Reference}-audit-{services.Today:yyyy-MM-dd}.csv"));
        }, cancellationToken);

    /// <summary>
    /// Downloads the contract's dossier as a ZIP: everything a new provider or the client needs to take the service over, in open formats: every version of the
    /// terms, the requirements and inventory, the checklists with who accepted what and when, the workstreams, the
    /// evolution requests, the audit trail and the attached documents, listed with their checksums in the manifest.
    /// Through the gateway this path answers the whole dossier: these files at the root, Invoicing's part under
    /// <c>invoicing/</c> and Incidents' under <c>incidents/</c>, with one manifest.
    /// </summary>
    public static Task<Results<FileContentHttpResult, NotFound>> DossierAsync(
        Guid contractId, [AsParameters] ContractServices services, CancellationToken cancellationToken) =>
        services.ReadAsync<Results<FileContentHttpResult, NotFound>>(contractId, () => TypedResults.NotFound(), async (unitOfWork, contract) =>
        {
            var files = new List<DossierFile>
            {
                new("contract.json", DossierArchive.Json(await ContractsApi.DetailAsync(unitOfWork, contract, services.User, services.Today))),
            };
            foreach (var version in await ContractStore.VersionsAsync(unitOfWork, contract))
            {
                files.Add(new($"versions/v{version.Number}.json", DossierArchive.Json(VersionDetail.From(version))));
            }

            files.Add(new("requirements.csv", DossierArchive.Csv(await ScopeStore.RequirementsAsync(unitOfWork, contract))));
            files.Add(new("inventory.csv", DossierArchive.Csv(await ScopeStore.InventoryAsync(unitOfWork, contract))));
            var checklist = await ChecklistsApi.ItemsAsync(unitOfWork, contract);
            files.Add(new("checklists.json", DossierArchive.Json(checklist)));
            files.Add(new("workstreams.json", DossierArchive.Json(await ChecklistStore.WorkstreamsAsync(unitOfWork, contract))));
            files.Add(new("evolutions.json", DossierArchive.Json(await EvolutionStore.ListAsync(unitOfWork, contract))));
            files.Add(new("audit.json", DossierArchive.Json(await AuditLog.ReadAsync(unitOfWork, contract.TenantId, null, int.MaxValue, contract.ContractId))));
            foreach (var document in await ChecklistStore.DocumentFilesAsync(unitOfWork, contract))
            {
                files.Add(new($"documents/{document.Id}/{document.FileName}", document.Content));
            }

            using var archive = new MemoryStream();
            DossierArchive.Write(archive, contract.ContractId, contract.Reference, services.Clock.GetUtcNow(), files);
            var name = DocumentTypes.SafeFileName($"{contract.Reference}-dossier-{services.Today:yyyy-MM-dd}.zip");
            return TypedResults.File(archive.ToArray(), "application/zip", name);
        }, cancellationToken);
}
