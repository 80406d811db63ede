using System.Text;
using Infogerance.Contracts.Data;
using Infogerance.Contracts.Files;
using Infogerance.Data;
using Infogerance.Documents;
using Infogerance.ServiceDefaults;

namespace Infogerance.Contracts.Api;

/// <summary>The contract's records: its audit trail, and the portable dossier handed over at reversibility.</summary>
public static class RecordsApi
{
    public static void MapRecordsApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/{contractId:guid}/audit", AuditAsync).RequireAuthorization(Policies.ContractOversight);
        app.MapGet("/{contractId:guid}/dossier", DossierAsync).RequireAuthorization(Policies.ContractOversight);
    }

    public static Task<IResult> AuditAsync(
        Guid contractId, CurrentUser user, Database database, CancellationToken cancellationToken, int limit = 50, string? before = null) =>
        Caller.ReadAsync(database, user, contractId, cancellationToken, async (unitOfWork, contract) =>
            AuditLog.CheckPage(limit, before, out var cursor) is { Count: > 0 } errors
                ? Problems.Invalid(errors)
                : TypedResults.Ok(await AuditLog.ReadPageAsync(unitOfWork, contract.TenantId, cursor, limit, contract.ContractId)));

    /// <summary>
    /// Everything a new provider or the client needs to take the service over, in open formats: every version of the
    /// terms, the requirements and inventory, the checklists with who accepted what and when, the workstreams, the
    /// evolution requests, the audit trail and the attached documents, listed with their checksums in the manifest.
    /// </summary>
    public static Task<IResult> DossierAsync(Guid contractId, CurrentUser user, Database database, TimeProvider clock, CancellationToken cancellationToken) =>
        Caller.ReadAsync(database, user, contractId, cancellationToken, async (unitOfWork, contract) =>
        {
            var files = new List<DossierFile>
            {
                new("contract.json", DossierArchive.Json(await ContractsApi.DetailAsync(unitOfWork, contract, user, ContractsApi.Today(clock)))),
            };
            foreach (var version in await ContractStore.VersionsAsync(unitOfWork, contract))
            {
                files.Add(new($"versions/v{version.Number}.json", DossierArchive.Json(VersionDetail.From(version))));
            }

            files.Add(new("requirements.csv", DossierArchive.Csv(await ScopeApi.RequirementsAsync(unitOfWork, contract))));
            files.Add(new("inventory.csv", DossierArchive.Csv(await ScopeApi.InventoryAsync(unitOfWork, contract))));
            var checklist = await ChecklistsApi.ItemsAsync(unitOfWork, contract);
            files.Add(new("checklists.json", DossierArchive.Json(checklist)));
            files.Add(new("workstreams.json", DossierArchive.Json(await ChecklistsApi.WorkstreamsAsync(unitOfWork, contract))));
            files.Add(new("evolutions.json", DossierArchive.Json(await EvolutionsApi.EvolutionsAsync(unitOfWork, contract))));
            files.Add(new("audit.json", DossierArchive.Json(await AuditLog.ReadAsync(unitOfWork, contract.TenantId, null, int.MaxValue, contract.ContractId))));
            foreach (var document in await unitOfWork.QueryAsync<(Guid Id, string FileName, byte[] Content)>(
                "SELECT document_id, file_name, content FROM documents WHERE tenant_id = @TenantId AND contract_id = @ContractId ORDER BY document_id",
                contract))
            {
                files.Add(new($"documents/{document.Id}/{document.FileName}", document.Content));
            }

            using var archive = new MemoryStream();
            DossierArchive.Write(archive, contract.ContractId, contract.Reference, clock.GetUtcNow(), files);
            var name = DocumentTypes.SafeFileName($"{contract.Reference}-dossier-{ContractsApi.Today(clock):yyyy-MM-dd}.zip");
            return TypedResults.File(archive.ToArray(), "application/zip", name);
        });
}
