using Infogerance.Contracts.Data;
using Infogerance.Contracts.Domain;
using Infogerance.Data;
using Infogerance.Documents;
using Infogerance.ServiceDefaults;

namespace Infogerance.Contracts.Api;

public sealed record DocumentSummary(Guid Id, string FileName, string ContentType, long Size, string Sha256, string UploadedBy, DateTimeOffset UploadedAt);

public sealed record ChecklistItem(
    Guid Id, string Phase, string Category, string Title, string? ClientAcceptedBy, DateTimeOffset? ClientAcceptedAt,
    string? ProviderAcceptedBy, DateTimeOffset? ProviderAcceptedAt)
{
    public IReadOnlyList<DocumentSummary> Documents { get; init; } = [];
}

public sealed record ChecklistItemRequest(string? Category, string? Title);

public sealed record Workstream(Guid Id, string Name, int Progress);

public sealed record WorkstreamRequest(string? Name, int? Progress);

/// <summary>
/// Takeover and reversibility checklists, accepted item by item by both sides, with their documents; and the
/// upgrade's workstreams.
/// </summary>
public static class ChecklistsApi
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

    public static void MapChecklistsApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/{contractId:guid}/checklists/{phase}", ListAsync).RequireAuthorization(Policies.ContractReaders);
        app.MapPost("/{contractId:guid}/checklists/{phase}/items", AddItemAsync).RequireAuthorization(Policies.ContractManagers);
        app.MapPost("/{contractId:guid}/checklist-items/{itemId:guid}/accept", AcceptAsync).RequireAuthorization(Policies.ContractManagers);
        app.MapPost("/{contractId:guid}/checklist-items/{itemId:guid}/unaccept", UnacceptAsync).RequireAuthorization(Policies.ContractManagers);
        app.MapPost("/{contractId:guid}/checklist-items/{itemId:guid}/documents", AttachAsync).RequireAuthorization(Policies.ContractManagers);
        app.MapGet("/{contractId:guid}/documents/{documentId:guid}", DownloadAsync).RequireAuthorization(Policies.ContractReaders);

        app.MapGet("/{contractId:guid}/workstreams", ListWorkstreamsAsync).RequireAuthorization(Policies.ContractReaders);
        app.MapPost("/{contractId:guid}/workstreams", AddWorkstreamAsync).RequireAuthorization(Policies.ContractManagers);
        app.MapPut("/{contractId:guid}/workstreams/{workstreamId:guid}", ChangeWorkstreamAsync).RequireAuthorization(Policies.ContractManagers);
    }

    /// <summary>Starts a phase's checklist from its template when the contract enters it.</summary>
    public static async Task OpenChecklistAsync(UnitOfWork unitOfWork, ContractRow contract, string phase)
    {
        foreach (var (category, title) in ChecklistTemplates.For(phase, contract.Handover))
        {
            await unitOfWork.ExecuteAsync(
                """
                INSERT INTO checklist_items (tenant_id, contract_id, item_id, phase, category, title)
                VALUES (@TenantId, @ContractId, @id, @phase, @category, @title)
                """,
                new { contract.TenantId, contract.ContractId, id = Guid.CreateVersion7(), phase, category, title });
        }
    }

    /// <summary>Every checklist item of the contract with its documents (both phases when <paramref name="phase"/> is null).</summary>
    public static async Task<IReadOnlyList<ChecklistItem>> ItemsAsync(UnitOfWork unitOfWork, ContractRow contract, string? phase = null)
    {
        var items = await unitOfWork.QueryAsync<ChecklistItem>(
            $"{SelectItems} AND (@phase::text IS NULL OR phase = @phase) ORDER BY item_id", new { contract.TenantId, contract.ContractId, phase });
        var documents = (await DocumentsAsync(unitOfWork, contract)).ToLookup(document => document.ChecklistItemId, document => document.Summary);
        return [.. items.Select(item => item with { Documents = [.. documents[item.Id]] })];
    }

    public sealed record StoredDocument(Guid Id, Guid ChecklistItemId, string FileName, string ContentType, long Size, string Sha256, string UploadedBy, DateTimeOffset UploadedAt)
    {
        public DocumentSummary Summary => new(Id, FileName, ContentType, Size, Sha256, UploadedBy, UploadedAt);
    }

    public static Task<IEnumerable<StoredDocument>> DocumentsAsync(UnitOfWork unitOfWork, ContractRow contract) =>
        unitOfWork.QueryAsync<StoredDocument>($"{SelectDocuments} ORDER BY document_id", contract);

    public static Task<IResult> ListAsync(Guid contractId, string phase, CurrentUser user, Database database, CancellationToken cancellationToken) =>
        Caller.ReadAsync(database, user, contractId, cancellationToken, async (unitOfWork, contract) =>
            Phases.WithChecklist.Contains(phase)
                ? TypedResults.Ok(await ItemsAsync(unitOfWork, contract, phase))
                : TypedResults.NotFound());

    public static Task<IResult> AddItemAsync(
        Guid contractId, string phase, ChecklistItemRequest request, CurrentUser user, Database database, CancellationToken cancellationToken) =>
        Caller.ChangeAsync(database, user, contractId, cancellationToken, async (unitOfWork, contract) =>
        {
            if (!Phases.WithChecklist.Contains(phase))
            {
                return TypedResults.NotFound();
            }

            var errors = new Dictionary<string, string[]>();
            if (!ChecklistTemplates.Categories.Contains(request.Category ?? ""))
            {
                errors["category"] = [$"One of: {string.Join(", ", ChecklistTemplates.Categories)}."];
            }

            if (string.IsNullOrWhiteSpace(request.Title) || request.Title.Length > 300)
            {
                errors["title"] = ["A title of 1 to 300 characters is required."];
            }

            if (errors.Count > 0)
            {
                return Problems.Invalid(errors);
            }

            if (contract.Phase != phase)
            {
                return Problems.Conflict($"Items are added to the {phase} checklist while the contract is in that phase.");
            }

            // A side that accepted the closure can no longer accept items: a new one would hold the phase open for ever.
            if (await unitOfWork.ExecuteScalarAsync<bool>(
                "SELECT EXISTS (SELECT 1 FROM phase_closures WHERE tenant_id = @TenantId AND contract_id = @ContractId AND phase = @phase)",
                new { contract.TenantId, contract.ContractId, phase }))
            {
                return Problems.Conflict($"A side has accepted the closure of the {phase} phase: its checklist is complete.");
            }

            var id = Guid.CreateVersion7();
            await unitOfWork.ExecuteAsync(
                """
                INSERT INTO checklist_items (tenant_id, contract_id, item_id, phase, category, title)
                VALUES (@TenantId, @ContractId, @id, @phase, @Category, @title)
                """,
                new { contract.TenantId, contract.ContractId, id, phase, request.Category, title = request.Title!.Trim() });
            var item = (await ItemsAsync(unitOfWork, contract, phase)).Single(item => item.Id == id);
            await ContractStore.AuditAsync(unitOfWork, contract, Caller.Actor(user), "checklist.item-added", "checklistItem", id, null, item);
            return TypedResults.Created($"/{contract.ContractId}/checklist-items/{id}", item);
        });

    public static Task<IResult> AcceptAsync(Guid contractId, Guid itemId, CurrentUser user, Database database, CancellationToken cancellationToken) =>
        SetAcceptanceAsync(contractId, itemId, user, database, cancellationToken, accepted: true);

    public static Task<IResult> UnacceptAsync(Guid contractId, Guid itemId, CurrentUser user, Database database, CancellationToken cancellationToken) =>
        SetAcceptanceAsync(contractId, itemId, user, database, cancellationToken, accepted: false);

    /// <summary>The caller accepts (or withdraws its acceptance of) an item for its own side, while the phase is open.</summary>
    private static Task<IResult> SetAcceptanceAsync(
        Guid contractId, Guid itemId, CurrentUser user, Database database, CancellationToken cancellationToken, bool accepted) =>
        Caller.ChangeAsync(database, user, contractId, cancellationToken, async (unitOfWork, contract) =>
        {
            var before = (await ItemsAsync(unitOfWork, contract)).SingleOrDefault(item => item.Id == itemId);
            if (before is null)
            {
                return TypedResults.NotFound();
            }

            if (contract.Phase != before.Phase)
            {
                return Problems.Conflict($"The {before.Phase} checklist is not open: the contract is in {contract.Phase}.");
            }

            var side = Caller.SideOf(user);
            var closed = await unitOfWork.ExecuteScalarAsync<bool>(
                "SELECT EXISTS (SELECT 1 FROM phase_closures WHERE tenant_id = @TenantId AND contract_id = @ContractId AND phase = @Phase AND side = @side)",
                new { contract.TenantId, contract.ContractId, before.Phase, side });
            if (closed)
            {
                return Problems.Conflict($"The {side} side has accepted the closure of the {before.Phase} phase: its acceptances are final.");
            }

            // Column names come from the side, one of two constants, never from the request.
            var column = side == Sides.Client ? "client" : "provider";
            await unitOfWork.ExecuteAsync(
                $"""
                UPDATE checklist_items SET {column}_accepted_by = @name, {column}_accepted_at = CASE WHEN @accepted THEN now() END
                WHERE tenant_id = @TenantId AND contract_id = @ContractId AND item_id = @itemId
                """,
                new { contract.TenantId, contract.ContractId, itemId, accepted, name = accepted ? user.Name : null });
            var after = (await ItemsAsync(unitOfWork, contract)).Single(item => item.Id == itemId);
            await ContractStore.AuditAsync(unitOfWork, contract, Caller.Actor(user), accepted ? "checklist.item-accepted" : "checklist.item-unaccepted",
                "checklistItem", itemId, before with { Documents = [] }, after with { Documents = [] });
            return TypedResults.Ok(after);
        });

    public static async Task<IResult> AttachAsync(
        Guid contractId, Guid itemId, HttpRequest request, CurrentUser user, Database database, CancellationToken cancellationToken)
    {
        var (file, problem) = await Uploads.ReadFileAsync(request, DocumentTypes.MaxBytes, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        return await Caller.ChangeAsync(database, user, contractId, cancellationToken, async (unitOfWork, contract) =>
        {
            if (!(await ItemsAsync(unitOfWork, contract)).Any(item => item.Id == itemId))
            {
                return TypedResults.NotFound();
            }

            var (upload, refused) = await Uploads.ReadDocumentAsync(file!, cancellationToken);
            if (refused is not null)
            {
                return refused;
            }

            var content = upload!.Content;
            var document = new StoredDocument(
                Guid.CreateVersion7(), itemId, upload.FileName, upload.ContentType, upload.Size, upload.Sha256, user.Name, DateTimeOffset.UtcNow);
            await unitOfWork.ExecuteAsync(
                """
                INSERT INTO documents (tenant_id, contract_id, document_id, checklist_item_id, file_name, content_type, size, sha256, content, uploaded_by, uploaded_at)
                VALUES (@TenantId, @ContractId, @Id, @ChecklistItemId, @FileName, @ContentType, @Size, @Sha256, @content, @UploadedBy, @UploadedAt)
                """,
                new
                {
                    contract.TenantId, contract.ContractId, document.Id, document.ChecklistItemId, document.FileName, document.ContentType,
                    document.Size, document.Sha256, content, document.UploadedBy, document.UploadedAt,
                });
            await ContractStore.AuditAsync(unitOfWork, contract, Caller.Actor(user), "document.attached", "document", document.Id, null, document);
            return TypedResults.Created($"/{contract.ContractId}/documents/{document.Id}", document.Summary);
        });
    }

    public static Task<IResult> DownloadAsync(Guid contractId, Guid documentId, CurrentUser user, Database database, CancellationToken cancellationToken) =>
        Caller.ReadAsync(database, user, contractId, cancellationToken, async (unitOfWork, contract) =>
        {
            var document = await unitOfWork.QuerySingleOrDefaultAsync<(string FileName, string ContentType, byte[] Content)>(
                "SELECT file_name, content_type, content FROM documents WHERE tenant_id = @TenantId AND contract_id = @ContractId AND document_id = @documentId",
                new { contract.TenantId, contract.ContractId, documentId });
            return document.Content is null
                ? TypedResults.NotFound()
                : Uploads.Download(document.Content, document.ContentType, document.FileName);
        });

    public static Task<IEnumerable<Workstream>> WorkstreamsAsync(UnitOfWork unitOfWork, ContractRow contract) =>
        unitOfWork.QueryAsync<Workstream>(
            "SELECT workstream_id AS id, name, progress FROM workstreams WHERE tenant_id = @TenantId AND contract_id = @ContractId ORDER BY workstream_id",
            contract);

    public static Task<IResult> ListWorkstreamsAsync(Guid contractId, CurrentUser user, Database database, CancellationToken cancellationToken) =>
        Caller.ReadAsync(database, user, contractId, cancellationToken,
            async (unitOfWork, contract) => TypedResults.Ok((await WorkstreamsAsync(unitOfWork, contract)).ToArray()));

    /// <summary>Workstreams are planned before or during takeover; their presence sends the contract through an upgrade phase.</summary>
    public static Task<IResult> AddWorkstreamAsync(
        Guid contractId, WorkstreamRequest request, CurrentUser user, Database database, CancellationToken cancellationToken) =>
        Caller.ChangeAsync(database, user, contractId, cancellationToken, async (unitOfWork, contract) =>
        {
            if (string.IsNullOrWhiteSpace(request.Name) || request.Name.Length > 200)
            {
                return Caller.Invalid("name", "A name of 1 to 200 characters is required.");
            }

            if (contract.Phase is not (Phases.Signed or Phases.Takeover or Phases.Upgrade))
            {
                return Problems.Conflict("Upgrade workstreams are planned between signature and the run phase.");
            }

            var workstream = new Workstream(Guid.CreateVersion7(), request.Name.Trim(), Math.Clamp(request.Progress ?? 0, 0, 100));
            await unitOfWork.ExecuteAsync(
                "INSERT INTO workstreams (tenant_id, contract_id, workstream_id, name, progress) VALUES (@TenantId, @ContractId, @Id, @Name, @Progress)",
                new { contract.TenantId, contract.ContractId, workstream.Id, workstream.Name, workstream.Progress });
            await ContractStore.AuditAsync(unitOfWork, contract, Caller.Actor(user), "workstream.added", "workstream", workstream.Id, null, workstream);
            return TypedResults.Created($"/{contract.ContractId}/workstreams/{workstream.Id}", workstream);
        });

    public static Task<IResult> ChangeWorkstreamAsync(
        Guid contractId, Guid workstreamId, WorkstreamRequest request, CurrentUser user, Database database, CancellationToken cancellationToken) =>
        Caller.ChangeAsync(database, user, contractId, cancellationToken, async (unitOfWork, contract) =>
        {
            var before = (await WorkstreamsAsync(unitOfWork, contract)).SingleOrDefault(workstream => workstream.Id == workstreamId);
            if (before is null)
            {
                return TypedResults.NotFound();
            }

            if (request.Progress is not (>= 0 and <= 100))
            {
                return Caller.Invalid("progress", "A percentage from 0 to 100.");
            }

            if (request.Name is { Length: > 200 } || request.Name is { } name && string.IsNullOrWhiteSpace(name))
            {
                return Caller.Invalid("name", "A name of 1 to 200 characters.");
            }

            if (contract.Phase is not (Phases.Signed or Phases.Takeover or Phases.Upgrade))
            {
                return Problems.Conflict("Workstreams change until the run phase starts.");
            }

            var after = before with { Name = request.Name?.Trim() ?? before.Name, Progress = request.Progress.Value };
            await unitOfWork.ExecuteAsync(
                "UPDATE workstreams SET name = @Name, progress = @Progress WHERE tenant_id = @TenantId AND contract_id = @ContractId AND workstream_id = @Id",
                new { contract.TenantId, contract.ContractId, after.Id, after.Name, after.Progress });
            await ContractStore.AuditAsync(unitOfWork, contract, Caller.Actor(user), "workstream.changed", "workstream", workstreamId, before, after);
            return TypedResults.Ok(after);
        });
}
