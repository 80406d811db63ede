using Infogerance.Contracts.Api;
using Infogerance.Contracts.Domain;
using Infogerance.Data;

namespace Infogerance.Contracts.Data;

/// <summary>A document attached to a checklist item, as stored (its content apart).</summary>
public sealed record StoredDocument(
    Guid Id, Guid ChecklistItemId, string FileName, string ContentType, long Size, string Sha256, string UploadedBy, DateTimeOffset UploadedAt)
{
    public DocumentSummary Summary => new(Id, FileName, ContentType, Size, Sha256, UploadedBy, UploadedAt);
}

/// <summary>The takeover and reversibility checklists with their documents, the phases' closures, and the upgrade's workstreams.</summary>
public static class ChecklistStore
{
    private const string SelectItems =
        """
        SELECT item_id AS id, phase, category, title, client_accepted_by, client_accepted_at, provider_accepted_by, provider_accepted_at
        FROM checklist_items WHERE tenant_id = @TenantId AND contract_id = @ContractId
        """;

    private const string SelectDocuments =
        """
        SELECT document_id AS id, checklist_item_id, file_name, content_type, size, sha256, uploaded_by, uploaded_at
        FROM documents WHERE tenant_id = @TenantId AND contract_id = @ContractId
        """;

    /// <summary>Starts a phase's checklist from its template.</summary>
    public static async Task OpenAsync(UnitOfWork unitOfWork, ContractRow contract, string phase)
    {
        foreach (var (category, title) in ChecklistTemplates.For(phase, contract.Handover))
        {
            await AddItemAsync(unitOfWork, contract, Guid.CreateVersion7(), phase, category, title);
        }
    }

    public static Task AddItemAsync(UnitOfWork unitOfWork, ContractRow contract, Guid id, string phase, string category, string title) =>
        unitOfWork.ExecuteAsync(
            """
            INSERT INTO checklist_items (tenant_id, contract_id, item_id, phase, category, title)
            VALUES (@TenantId, @ContractId, @id, @phase, @category, @title)
            """,
            new { contract.TenantId, contract.ContractId, id, phase, category, title });

    /// <summary>The items of one phase, or of both when <paramref name="phase"/> is null, without their documents.</summary>
    public static Task<IEnumerable<ChecklistItem>> ItemsAsync(UnitOfWork unitOfWork, ContractRow contract, string? phase) =>
        unitOfWork.QueryAsync<ChecklistItem>(
            $"{SelectItems} AND (@phase::text IS NULL OR phase = @phase) ORDER BY item_id", new { contract.TenantId, contract.ContractId, phase });

    /// <summary>How many items the phase's checklist holds, and how many of them both sides have not yet accepted.</summary>
    public static async Task<(int Items, int Pending)> CountsAsync(UnitOfWork unitOfWork, ContractRow contract, string phase)
    {
        var counts = await unitOfWork.QuerySingleOrDefaultAsync<(long Items, long Pending)>(
            """
            SELECT count(*), count(*) FILTER (WHERE client_accepted_at IS NULL OR provider_accepted_at IS NULL)
            FROM checklist_items WHERE tenant_id = @TenantId AND contract_id = @ContractId AND phase = @phase
            """,
            new { contract.TenantId, contract.ContractId, phase });
        return ((int)counts.Items, (int)counts.Pending);
    }

    /// <summary>Records, for <paramref name="side"/>, the acceptance of the item (or withdraws it when not <paramref name="accepted"/>).</summary>
    public static Task SetAcceptanceAsync(UnitOfWork unitOfWork, ContractRow contract, Guid itemId, string side, bool accepted, string name)
    {
        // Column names come from the side, one of two constants, never from the request.
        var column = side == Sides.Client ? "client" : "provider";
        return unitOfWork.ExecuteAsync(
            $"""
            UPDATE checklist_items SET {column}_accepted_by = @name, {column}_accepted_at = CASE WHEN @accepted THEN now() END
            WHERE tenant_id = @TenantId AND contract_id = @ContractId AND item_id = @itemId
            """,
            new { contract.TenantId, contract.ContractId, itemId, accepted, name = accepted ? name : null });
    }

    public static Task<IEnumerable<Closure>> ClosuresAsync(UnitOfWork unitOfWork, ContractRow contract) =>
        unitOfWork.QueryAsync<Closure>(
            "SELECT phase, side, accepted_by, accepted_at FROM phase_closures WHERE tenant_id = @TenantId AND contract_id = @ContractId ORDER BY accepted_at",
            new { contract.TenantId, contract.ContractId });

    /// <summary>Records that <paramref name="side"/> accepts the closure of the phase; false when it already had.</summary>
    public static async Task<bool> AcceptClosureAsync(UnitOfWork unitOfWork, ContractRow contract, string phase, string side, string name) =>
        await unitOfWork.ExecuteAsync(
            """
            INSERT INTO phase_closures (tenant_id, contract_id, phase, side, accepted_by, accepted_at)
            VALUES (@TenantId, @ContractId, @phase, @side, @name, now())
            ON CONFLICT DO NOTHING
            """,
            new { contract.TenantId, contract.ContractId, phase, side, name }) > 0;

    /// <summary>How many sides have accepted the closure of the phase.</summary>
    public static Task<long> ClosureCountAsync(UnitOfWork unitOfWork, ContractRow contract, string phase) =>
        unitOfWork.ExecuteScalarAsync<long>(
            "SELECT count(*) FROM phase_closures WHERE tenant_id = @TenantId AND contract_id = @ContractId AND phase = @phase",
            new { contract.TenantId, contract.ContractId, phase });

    /// <summary>Whether <paramref name="side"/> (either side when null) has accepted the closure of the phase.</summary>
    public static Task<bool> ClosureAcceptedAsync(UnitOfWork unitOfWork, ContractRow contract, string phase, string? side = null) =>
        unitOfWork.ExecuteScalarAsync<bool>(
            """
            SELECT EXISTS (SELECT 1 FROM phase_closures
                           WHERE tenant_id = @TenantId AND contract_id = @ContractId AND phase = @phase AND (@side::text IS NULL OR side = @side))
            """,
            new { contract.TenantId, contract.ContractId, phase, side });

    public static Task<IEnumerable<StoredDocument>> DocumentsAsync(UnitOfWork unitOfWork, ContractRow contract) =>
        unitOfWork.QueryAsync<StoredDocument>($"{SelectDocuments} ORDER BY document_id", new { contract.TenantId, contract.ContractId });

    public static Task InsertDocumentAsync(UnitOfWork unitOfWork, ContractRow contract, StoredDocument document, byte[] content) =>
        unitOfWork.ExecuteAsync(
            """
            INSERT INTO documents (tenant_id, contract_id, document_id, checklist_item_id, file_name, content_type, size, sha256, content, uploaded_by, uploaded_at)
            VALUES (@TenantId, @ContractId, @Id, @ChecklistItemId, @FileName, @ContentType, @Size, @Sha256, @content, @UploadedBy, @UploadedAt)
            """,
            new
            {
                contract.TenantId, contract.ContractId, document.Id, document.ChecklistItemId, document.FileName, document.ContentType,
                document.Size, document.Sha256, content, document.UploadedBy, document.UploadedAt,
            });

    /// <summary>A document's file, or a default tuple (null content) when the contract has no such document.</summary>
    public static Task<(string FileName, string ContentType, byte[] Content)> DocumentFileAsync(UnitOfWork unitOfWork, ContractRow contract, Guid documentId) =>
        unitOfWork.QuerySingleOrDefaultAsync<(string FileName, string ContentType, byte[] Content)>(
            "SELECT file_name, content_type, content FROM documents WHERE tenant_id = @TenantId AND contract_id = @ContractId AND document_id = @documentId",
            new { contract.TenantId, contract.ContractId, documentId });

    /// <summary>Every document's file, for the dossier.</summary>
    public static Task<IEnumerable<(Guid Id, string FileName, byte[] Content)>> DocumentFilesAsync(UnitOfWork unitOfWork, ContractRow contract) =>
        unitOfWork.QueryAsync<(Guid Id, string FileName, byte[] Content)>(
            "SELECT document_id, file_name, content FROM documents WHERE tenant_id = @TenantId AND contract_id = @ContractId ORDER BY document_id",
            new { contract.TenantId, contract.ContractId });

    public static Task<IEnumerable<Workstream>> WorkstreamsAsync(UnitOfWork unitOfWork, ContractRow contract) =>
        unitOfWork.QueryAsync<Workstream>(
            "SELECT workstream_id AS id, name, progress FROM workstreams WHERE tenant_id = @TenantId AND contract_id = @ContractId ORDER BY workstream_id",
            new { contract.TenantId, contract.ContractId });

    /// <summary>Whether an upgrade is planned: it is, as soon as one workstream exists.</summary>
    public static Task<bool> UpgradePlannedAsync(UnitOfWork unitOfWork, ContractRow contract) =>
        unitOfWork.ExecuteScalarAsync<bool>(
            "SELECT EXISTS (SELECT 1 FROM workstreams WHERE tenant_id = @TenantId AND contract_id = @ContractId)",
            new { contract.TenantId, contract.ContractId });

    public static Task AddWorkstreamAsync(UnitOfWork unitOfWork, ContractRow contract, Workstream workstream) =>
        unitOfWork.ExecuteAsync(
            "INSERT INTO workstreams (tenant_id, contract_id, workstream_id, name, progress) VALUES (@TenantId, @ContractId, @Id, @Name, @Progress)",
            new { contract.TenantId, contract.ContractId, workstream.Id, workstream.Name, workstream.Progress });

    public static Task UpdateWorkstreamAsync(UnitOfWork unitOfWork, ContractRow contract, Workstream workstream) =>
        unitOfWork.ExecuteAsync(
            "UPDATE workstreams SET name = @Name, progress = @Progress WHERE tenant_id = @TenantId AND contract_id = @ContractId AND workstream_id = @Id",
            new { contract.TenantId, contract.ContractId, workstream.Id, workstream.Name, workstream.Progress });
}
