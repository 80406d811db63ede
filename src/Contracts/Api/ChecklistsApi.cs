using Infogerance.Contracts.Data;
using Infogerance.Contracts.Domain;
using Infogerance.Data;
using Infogerance.Documents;
using Infogerance.IntegrationEvents;
using Infogerance.ServiceDefaults;
using Infogerance.Validation;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Infogerance.Contracts.Api;

/// <summary>A document attached to a checklist item: its name, type, size, SHA-256 and who uploaded it when.</summary>
public sealed record DocumentSummary(Guid Id, string FileName, string ContentType, long Size, string Sha256, string UploadedBy, DateTimeOffset UploadedAt);

/// <summary>An item of a phase's checklist, with each side's acceptance and the documents attached.</summary>
public sealed record ChecklistItem(
    Guid Id, string Phase, string Category, string Title, string? ClientAcceptedBy, DateTimeOffset? ClientAcceptedAt,
    string? ProviderAcceptedBy, DateTimeOffset? ProviderAcceptedAt)
{
    public IReadOnlyList<DocumentSummary> Documents { get; init; } = [];
}

/// <summary>An item the parties add to a phase's checklist: its category and what is to be done.</summary>
public sealed record ChecklistItemRequest(string? Category, string? Title);

/// <summary>An upgrade workstream and its progress in percent.</summary>
public sealed record Workstream(Guid Id, string Name, int Progress);

/// <summary>A workstream's name and progress in percent; a change may leave the name out.</summary>
public sealed record WorkstreamRequest(string? Name, int? Progress);

/// <summary>
/// Takeover and reversibility checklists, accepted item by item by both sides, with their documents; and the
/// upgrade's workstreams.
/// </summary>
public static class ChecklistsApi
{
    public const int MaxItemTitleLength = 300;
    public const int MaxWorkstreamNameLength = 200;

    public static void MapChecklistsApi(this IEndpointRouteBuilder app)
    {
        var contract = app.MapGroup("/{contractId:guid}").RequireAuthorization(Policies.ContractReaders);
        contract.MapGet("/checklists/{phase}", ListAsync);
        contract.MapPost("/checklists/{phase}/items", AddItemAsync).RequireAuthorization(Policies.ContractManagers);
        contract.MapPost("/checklist-items/{itemId:guid}/accept", AcceptAsync).RequireAuthorization(Policies.ContractManagers);
        contract.MapPost("/checklist-items/{itemId:guid}/unaccept", UnacceptAsync).RequireAuthorization(Policies.ContractManagers);
        contract.MapPost("/checklist-items/{itemId:guid}/documents", AttachAsync).AcceptsUpload().RequireAuthorization(Policies.ContractManagers);
        contract.MapGet("/documents/{documentId:guid}", DownloadAsync);

        contract.MapGet("/workstreams", ListWorkstreamsAsync);
        contract.MapPost("/workstreams", AddWorkstreamAsync).RequireAuthorization(Policies.ContractManagers);
        contract.MapPut("/workstreams/{workstreamId:guid}", ChangeWorkstreamAsync).RequireAuthorization(Policies.ContractManagers);
    }

    /// <summary>Starts a phase's checklist from its template when the contract enters it.</summary>
    public static Task OpenChecklistAsync(UnitOfWork unitOfWork, ContractRow contract, string phase) => ChecklistStore.OpenAsync(unitOfWork, contract, phase);

    /// <summary>Every checklist item of the contract with its documents (both phases when <paramref name="phase"/> is null).</summary>
    public static async Task<IReadOnlyList<ChecklistItem>> ItemsAsync(UnitOfWork unitOfWork, ContractRow contract, string? phase = null)
    {
        var items = await ChecklistStore.ItemsAsync(unitOfWork, contract, phase);
        var documents = (await ChecklistStore.DocumentsAsync(unitOfWork, contract)).ToLookup(document => document.ChecklistItemId, document => document.Summary);
        return [.. items.Select(item => item with { Documents = [.. documents[item.Id]] })];
    }

    /// <summary>Lists the items of the takeover or reversibility checklist with who accepted each and its documents.</summary>
    public static Task<Results<Ok<IReadOnlyList<ChecklistItem>>, NotFound>> ListAsync(
        Guid contractId, string phase, [AsParameters] ContractServices services, CancellationToken cancellationToken) =>
        services.ReadAsync<Results<Ok<IReadOnlyList<ChecklistItem>>, NotFound>>(contractId, () => TypedResults.NotFound(), async (unitOfWork, contract) =>
            Phases.WithChecklist.Contains(phase)
                ? TypedResults.Ok(await ItemsAsync(unitOfWork, contract, phase))
                : TypedResults.NotFound(), cancellationToken);

    /// <summary>Adds an item to the checklist of the phase the contract is in, until a side accepts the phase's closure.</summary>
    public static Task<Results<Created<ChecklistItem>, NotFound, ProblemHttpResult>> AddItemAsync(
        Guid contractId, string phase, ChecklistItemRequest request, [AsParameters] ContractServices services, CancellationToken cancellationToken) =>
        services.ChangeAsync<Results<Created<ChecklistItem>, NotFound, ProblemHttpResult>>(contractId, () => TypedResults.NotFound(), async (unitOfWork, contract) =>
        {
            if (!Phases.WithChecklist.Contains(phase))
            {
                return TypedResults.NotFound();
            }

            var errors = new FieldErrors();
            if (!ChecklistTemplates.Categories.Contains(request.Category ?? ""))
            {
                errors.Add("category", ContractMessages.OneOf(ChecklistTemplates.Categories));
            }

            if (string.IsNullOrWhiteSpace(request.Title) || request.Title.Length > MaxItemTitleLength)
            {
                errors.Add("title", ContractMessages.TitleLength(MaxItemTitleLength));
            }

            if (!errors.IsEmpty)
            {
                return Problems.Invalid(errors);
            }

            if (contract.Phase != phase)
            {
                return Problems.Conflict(ContractMessages.ChecklistNotInPhase(phase));
            }

            // A side that accepted the closure can no longer accept items: a new one would hold the phase open for ever.
            if (await ChecklistStore.ClosureAcceptedAsync(unitOfWork, contract, phase))
            {
                return Problems.Conflict(ContractMessages.ChecklistComplete(phase));
            }

            var id = Guid.CreateVersion7();
            await ChecklistStore.AddItemAsync(unitOfWork, contract, id, phase, request.Category!, request.Title!.Trim());
            var item = (await ItemsAsync(unitOfWork, contract, phase)).Single(item => item.Id == id);
            await ContractStore.AuditAsync(unitOfWork, contract, AuditLog.Actor.Of(services.User), "checklist.item-added", "checklistItem", id, null, item);
            return TypedResults.Created($"/{contract.ContractId}/checklist-items/{id}", item);
        }, cancellationToken);

    /// <summary>The caller accepts the item for its side.</summary>
    public static Task<Results<Ok<ChecklistItem>, NotFound, ProblemHttpResult>> AcceptAsync(
        Guid contractId, Guid itemId, [AsParameters] ContractServices services, CancellationToken cancellationToken) =>
        SetAcceptanceAsync(contractId, itemId, services, accepted: true, cancellationToken);

    /// <summary>The caller withdraws its side's acceptance of the item.</summary>
    public static Task<Results<Ok<ChecklistItem>, NotFound, ProblemHttpResult>> UnacceptAsync(
        Guid contractId, Guid itemId, [AsParameters] ContractServices services, CancellationToken cancellationToken) =>
        SetAcceptanceAsync(contractId, itemId, services, accepted: false, cancellationToken);

    /// <summary>The caller accepts (or withdraws its acceptance of) an item for its own side, while the phase is open.</summary>
    private static Task<Results<Ok<ChecklistItem>, NotFound, ProblemHttpResult>> SetAcceptanceAsync(
        Guid contractId, Guid itemId, ContractServices services, bool accepted, CancellationToken cancellationToken) =>
        services.ChangeAsync<Results<Ok<ChecklistItem>, NotFound, ProblemHttpResult>>(contractId, () => TypedResults.NotFound(), async (unitOfWork, contract) =>
        {
            var user = services.User;
            var before = (await ItemsAsync(unitOfWork, contract)).SingleOrDefault(item => item.Id == itemId);
            if (before is null)
            {
                return TypedResults.NotFound();
            }

            if (contract.Phase != before.Phase)
            {
                return Problems.Conflict(ContractMessages.ChecklistNotOpen(before.Phase, contract.Phase));
            }

            var side = Sides.Of(user);
            if (await ChecklistStore.ClosureAcceptedAsync(unitOfWork, contract, before.Phase, side))
            {
                return Problems.Conflict(ContractMessages.AcceptancesFinal(side, before.Phase));
            }

            await ChecklistStore.SetAcceptanceAsync(unitOfWork, contract, itemId, side, accepted, user.Name);
            var after = (await ItemsAsync(unitOfWork, contract)).Single(item => item.Id == itemId);
            await ContractStore.AuditAsync(unitOfWork, contract, AuditLog.Actor.Of(user), accepted ? "checklist.item-accepted" : "checklist.item-unaccepted",
                "checklistItem", itemId, before with { Documents = [] }, after with { Documents = [] });
            // Accepting again what the side had accepted is no news for the other side.
            if (accepted && AcceptedAt(before, side) is null)
            {
                var counts = await ChecklistStore.CountsAsync(unitOfWork, contract, after.Phase);
                await unitOfWork.AddEventAsync(new ChecklistItemAccepted
                {
                    TenantId = contract.TenantId, ContractId = contract.ContractId, ItemId = itemId, Phase = after.Phase, Title = after.Title,
                    Side = side, AcceptedBy = user.Name, AcceptedById = user.Id,
                    AwaitingSide = AcceptedAt(after, Sides.Other(side)) is null ? Sides.Other(side) : null,
                    PhaseReadyToClose = counts.Pending == 0,
                });
            }

            return TypedResults.Ok(after);
        }, cancellationToken);

    private static DateTimeOffset? AcceptedAt(ChecklistItem item, string side) =>
        side == Sides.Client ? item.ClientAcceptedAt : item.ProviderAcceptedAt;

    /// <summary>Attaches a document (PDF, office file, image…) to a checklist item; its type is checked from its content.</summary>
    public static async Task<Results<Created<DocumentSummary>, NotFound, ProblemHttpResult>> AttachAsync(
        Guid contractId, Guid itemId, HttpRequest request, [AsParameters] ContractServices services, CancellationToken cancellationToken)
    {
        var (file, problem) = await Uploads.ReadFileAsync(request, DocumentTypes.MaxBytes, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        return await services.ChangeAsync<Results<Created<DocumentSummary>, NotFound, ProblemHttpResult>>(contractId, () => TypedResults.NotFound(), async (unitOfWork, contract) =>
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

            var document = new StoredDocument(
                Guid.CreateVersion7(), itemId, upload!.FileName, upload.ContentType, upload.Size, upload.Sha256, services.User.Name, DateTimeOffset.UtcNow);
            await ChecklistStore.InsertDocumentAsync(unitOfWork, contract, document, upload.Content);
            await ContractStore.AuditAsync(unitOfWork, contract, AuditLog.Actor.Of(services.User), "document.attached", "document", document.Id, null, document);
            return TypedResults.Created($"/{contract.ContractId}/documents/{document.Id}", document.Summary);
        }, cancellationToken);
    }

    /// <summary>Downloads a document attached to one of the contract's checklist items.</summary>
    public static Task<Results<FileContentHttpResult, NotFound>> DownloadAsync(
        Guid contractId, Guid documentId, [AsParameters] ContractServices services, CancellationToken cancellationToken) =>
        services.ReadAsync<Results<FileContentHttpResult, NotFound>>(contractId, () => TypedResults.NotFound(), async (unitOfWork, contract) =>
        {
            var document = await ChecklistStore.DocumentFileAsync(unitOfWork, contract, documentId);
            return document.Content is null
                ? TypedResults.NotFound()
                : Uploads.Download(document.Content, document.ContentType, document.FileName);
        }, cancellationToken);

    /// <summary>Lists the upgrade workstreams with their progress.</summary>
    public static Task<Results<Ok<Workstream[]>, NotFound>> ListWorkstreamsAsync(
        Guid contractId, [AsParameters] ContractServices services, CancellationToken cancellationToken) =>
        services.ReadAsync<Results<Ok<Workstream[]>, NotFound>>(contractId, () => TypedResults.NotFound(),
            async (unitOfWork, contract) => TypedResults.Ok((await ChecklistStore.WorkstreamsAsync(unitOfWork, contract)).ToArray()), cancellationToken);

    /// <summary>Plans an upgrade workstream, before or during takeover; its presence sends the contract through an upgrade phase.</summary>
    public static Task<Results<Created<Workstream>, NotFound, ProblemHttpResult>> AddWorkstreamAsync(
        Guid contractId, WorkstreamRequest request, [AsParameters] ContractServices services, CancellationToken cancellationToken) =>
        services.ChangeAsync<Results<Created<Workstream>, NotFound, ProblemHttpResult>>(contractId, () => TypedResults.NotFound(), async (unitOfWork, contract) =>
        {
            if (string.IsNullOrWhiteSpace(request.Name) || request.Name.Length > MaxWorkstreamNameLength)
            {
                return Problems.Invalid("name", ContractMessages.WorkstreamNameRequired(MaxWorkstreamNameLength));
            }

            if (contract.Phase is not (Phases.Signed or Phases.Takeover or Phases.Upgrade))
            {
                return Problems.Conflict(ContractMessages.WorkstreamsPlannedBeforeRun);
            }

            var workstream = new Workstream(Guid.CreateVersion7(), request.Name.Trim(), Math.Clamp(request.Progress ?? 0, 0, 100));
            await ChecklistStore.AddWorkstreamAsync(unitOfWork, contract, workstream);
            await ContractStore.AuditAsync(unitOfWork, contract, AuditLog.Actor.Of(services.User), "workstream.added", "workstream", workstream.Id, null, workstream);
            return TypedResults.Created($"/{contract.ContractId}/workstreams/{workstream.Id}", workstream);
        }, cancellationToken);

    /// <summary>Records a workstream's progress (and optionally renames it) until the run phase starts.</summary>
    public static Task<Results<Ok<Workstream>, NotFound, ProblemHttpResult>> ChangeWorkstreamAsync(
        Guid contractId, Guid workstreamId, WorkstreamRequest request, [AsParameters] ContractServices services, CancellationToken cancellationToken) =>
        services.ChangeAsync<Results<Ok<Workstream>, NotFound, ProblemHttpResult>>(contractId, () => TypedResults.NotFound(), async (unitOfWork, contract) =>
        {
            var before = (await ChecklistStore.WorkstreamsAsync(unitOfWork, contract)).SingleOrDefault(workstream => workstream.Id == workstreamId);
            if (before is null)
            {
                return TypedResults.NotFound();
            }

            if (request.Progress is not (>= 0 and <= 100))
            {
                return Problems.Invalid("progress", ContractMessages.WorkstreamProgress);
            }

            if (request.Name is { Length: > MaxWorkstreamNameLength } || request.Name is { } name && string.IsNullOrWhiteSpace(name))
            {
                return Problems.Invalid("name", ContractMessages.WorkstreamNameLength(MaxWorkstreamNameLength));
            }

            if (contract.Phase is not (Phases.Signed or Phases.Takeover or Phases.Upgrade))
            {
                return Problems.Conflict(ContractMessages.WorkstreamsChangeBeforeRun);
            }

            var after = before with { Name = request.Name?.Trim() ?? before.Name, Progress = request.Progress.Value };
            await ChecklistStore.UpdateWorkstreamAsync(unitOfWork, contract, after);
            await ContractStore.AuditAsync(unitOfWork, contract, AuditLog.Actor.Of(services.User), "workstream.changed", "workstream", workstreamId, before, after);
            return TypedResults.Ok(after);
        }, cancellationToken);
}
