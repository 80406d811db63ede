using System.Text.Json;
using Infogerance.Data;
using Infogerance.Documents;
using Infogerance.IntegrationEvents;
using Infogerance.Invoicing.Data;
using Infogerance.Invoicing.Domain;
using Infogerance.Messaging;
using Infogerance.ServiceDefaults;
using Infogerance.Validation;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Infogerance.Invoicing.Api;

/// <summary>The client's reasons for accepting blocking discrepancies, by discrepancy key.</summary>
public sealed record ApproveRequest(IReadOnlyDictionary<string, string?>? Reasons);

/// <summary>What the provider is to correct.</summary>
public sealed record DisputeRequest(string? Message);

/// <summary>The day the client paid the invoice (<c>yyyy-MM-dd</c>).</summary>
public sealed record PaidRequest(DateOnly? PaidOn);

/// <summary>What a caller of the invoices' endpoints needs.</summary>
public sealed record InvoiceServices(Database Database, CurrentUser User, TimeProvider Clock);

/// <summary>
/// A contract's invoices and credit notes, read by both sides of the contract (a contract or invoice the caller does not
/// see is not found): the provider's account manager uploads them (or enters them in a form), each is controlled on
/// receipt and again when the data its control read changes, and the client's contract manager approves, disputes,
/// clears duplicates and records payment.
/// </summary>
public static class InvoicesApi
{
    public static void MapInvoicesApi(this IEndpointRouteBuilder app)
    {
        var contract = app.MapGroup("/contracts/{contractId:guid}/invoices").RequireAuthorization(Policies.ContractReaders);
        contract.MapGet("", ListAsync);
        contract.MapPost("", UploadAsync).AcceptsUpload();
        contract.MapPost("/form", EnterAsync);

        var invoice = app.MapGroup("/invoices/{id:guid}").RequireAuthorization(Policies.ContractReaders);
        invoice.MapGet("", GetAsync);
        invoice.MapGet("/original", OriginalAsync).Produces(200, contentType: "application/octet-stream");
        invoice.MapPost("/approve", ApproveAsync).ProducesProblem(409);
        invoice.MapPost("/dispute", DisputeAsync).ProducesProblem(409);
        invoice.MapPost("/duplicates/{otherId:guid}/clear", ClearDuplicateAsync).ProducesProblem(409);
        invoice.MapPost("/paid", PaidAsync).ProducesProblem(409);
    }

    /// <summary>Lists the contract's invoices and credit notes, newest first, each with its status, control result and totals.</summary>
    public static async Task<Results<Ok<IReadOnlyList<InvoiceSummary>>, NotFound>> ListAsync(
        Guid contractId, [AsParameters] InvoiceServices services, CancellationToken cancellationToken)
    {
        await using var unitOfWork = await services.Database.ReadAsync(services.User, cancellationToken);
        return await Invoices.ListAsync(unitOfWork, contractId) is { } invoices ? TypedResults.Ok(invoices) : TypedResults.NotFound();
    }

    /// <summary>Reads an invoice: its lines and totals, the latest control's discrepancies, its corrections, dispute, payment and history.</summary>
    public static async Task<Results<Ok<InvoiceView>, NotFound>> GetAsync(Guid id, [AsParameters] InvoiceServices services, CancellationToken cancellationToken)
    {
        await using var unitOfWork = await services.Database.ReadAsync(services.User, cancellationToken);
        return await Invoices.LoadAsync(unitOfWork, id) is { } row
            ? TypedResults.Ok(await Invoices.ViewAsync(unitOfWork, row))
            : TypedResults.NotFound();
    }

    /// <summary>Downloads the file the invoice was uploaded as (none for an invoice entered in the form).</summary>
    public static async Task<Results<FileContentHttpResult, NotFound>> OriginalAsync(Guid id, [AsParameters] InvoiceServices services, CancellationToken cancellationToken)
    {
        await using var unitOfWork = await services.Database.ReadAsync(services.User, cancellationToken);
        return await Invoices.LoadAsync(unitOfWork, id) is { } row && await Invoices.OriginalAsync(unitOfWork, row) is { } original
            ? Uploads.Download(original.Content, original.ContentType, original.FileName)
            : TypedResults.NotFound();
    }

    /// <summary>
    /// The provider's account manager uploads an invoice or credit note (multipart <c>file</c>: Factur-X PDF, CII, UBL or
    /// CSV, told from its content): stored, then controlled in the same transaction. A file that does not read is refused
    /// with each error keyed by where it is (<c>line N</c>, the XML path, <c>file</c>); one naming another contract is refused.
    /// </summary>
    public static async Task<Results<Created<InvoiceView>, NotFound, ForbidHttpResult, ProblemHttpResult>> UploadAsync(
        Guid contractId, HttpRequest request, [AsParameters] InvoiceServices services, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);

        // Who may upload is known before the upload is read; the file is read before any lock is taken.
        await using (var unitOfWork = await services.Database.BeginAsync(services.User, cancellationToken))
        {
            if (await ContractReplica.ContractAsync(unitOfWork, contractId) is null)
            {
                return TypedResults.NotFound();
            }

            if (!StatementsApi.IsProviderManager(services.User))
            {
                return TypedResults.Forbid();
            }
        }

        var (file, problem) = await Uploads.ReadFileAsync(request, DocumentTypes.MaxBytes, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        byte[] content;
        await using (var stream = file!.OpenReadStream())
        using (var buffer = new MemoryStream((int)file.Length))
        {
            await stream.CopyToAsync(buffer, cancellationToken);
            content = buffer.ToArray();
        }

        var fileName = DocumentTypes.SafeFileName(file.FileName);
        var (invoice, errors) = InvoiceReaders.Read(fileName, file.ContentType, content);
        if (invoice is null)
        {
            return Problems.Invalid(errors);
        }

        var format = InvoiceReaders.Detect(content) ?? InvoiceFileFormat.Csv;
        var original = new InvoiceOriginal(fileName, ContentTypeOf(format), content);
        return await ReceiveAsync(contractId, (_, _) => Task.FromResult<(InvoiceDocument?, FieldErrors?)>((invoice, null)), InvoiceSources.Of(format), original, services, cancellationToken);
    }

    /// <summary>
    /// The provider's account manager enters an invoice or credit note in a form: each line's net defaults to quantity ×
    /// unit price, the VAT and totals are computed; then it is stored and controlled like an uploaded one.
    /// </summary>
    public static Task<Results<Created<InvoiceView>, NotFound, ForbidHttpResult, ProblemHttpResult>> EnterAsync(
        Guid contractId, InvoiceForm form, [AsParameters] InvoiceServices services, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(form);
        return ReceiveAsync(contractId, async (unitOfWork, contract) =>
        {
            // The parties as the provider's own files named them, when it sent any; else the contract's parties by id.
            var parties = await unitOfWork.QuerySingleOrDefaultAsync<PartiesRow>(
                """
                SELECT (document -> 'seller')::text AS seller, (document -> 'buyer')::text AS buyer FROM invoices
                WHERE contract_id = @ContractId AND source <> 'form' ORDER BY received_at DESC LIMIT 1
                """,
                new { contract.ContractId });
            var json = EventTypeRegistry.SerializerOptions;
            var seller = parties is null ? new InvoiceParty(contract.ProviderOrganisationId.ToString()) : JsonSerializer.Deserialize<InvoiceParty>(parties.Seller, json)!;
            var buyer = parties is null ? new InvoiceParty(contract.TenantId.ToString()) : JsonSerializer.Deserialize<InvoiceParty>(parties.Buyer, json)!;
            var (invoice, errors) = InvoiceForms.Read(form, seller, buyer, contract.Reference);
            return (invoice, errors.IsEmpty ? null : errors);
        }, InvoiceSources.Form, null, services, cancellationToken);
    }

    private sealed record PartiesRow(string Seller, string Buyer);

    private static string ContentTypeOf(InvoiceFileFormat format) => format switch
    {
        InvoiceFileFormat.FacturX => DocumentTypes.Pdf,
        InvoiceFileFormat.Cii or InvoiceFileFormat.Ubl => "application/xml",
        _ => DocumentTypes.Csv,
    };

    /// <summary>
    /// Receipt: contract seen (404), provider's account manager (403), the document (422), its contract (422); then, under the
    /// contract's lock so that two receipts compare with each other, the invoice stored and controlled, the invoice it names
    /// answered (a credit note: controlled again counting it) or replaced (a corrected invoice), all audited, the events
    /// added, committed together.
    /// </summary>
    private static async Task<Results<Created<InvoiceView>, NotFound, ForbidHttpResult, ProblemHttpResult>> ReceiveAsync(
        Guid contractId, Func<UnitOfWork, ContractSummary, Task<(InvoiceDocument? Invoice, FieldErrors? Errors)>> document, string source,
        InvoiceOriginal? original, InvoiceServices services, CancellationToken cancellationToken)
    {
        var (database, user, clock) = services;
        var now = Instants.NowToTheSecond(clock);
        await using var unitOfWork = await database.BeginAsync(user, cancellationToken);
        if (await ContractReplica.ContractAsync(unitOfWork, contractId) is not { } contract)
        {
            return TypedResults.NotFound();
        }

        if (!StatementsApi.IsProviderManager(user))
        {
            return TypedResults.Forbid();
        }

        await unitOfWork.ExecuteAsync("SELECT pg_advisory_xact_lock(hashtextextended(@key, 0))", new { key = $"invoices:{contractId}" });
        var (invoice, errors) = await document(unitOfWork, contract);
        if (invoice is null)
        {
            return Problems.Invalid(errors ?? new FieldErrors());
        }

        if (invoice.ContractReference is { } named && !string.IsNullOrWhiteSpace(named) && Labels.Key(named) != Labels.Key(contract.Reference))
        {
            return Problems.Invalid("contractReference", InvoiceMessages.OtherContract(named, contract.Reference));
        }

        var row = await Invoices.ReceiveAsync(unitOfWork, contract, invoice, source, original, AuditLog.Actor.Of(user), now);
        var view = await Invoices.ViewAsync(unitOfWork, (await Invoices.LoadAsync(unitOfWork, row.InvoiceId))!);
        await unitOfWork.CommitAsync();
        return TypedResults.Created($"/invoices/{row.InvoiceId}", view);
    }

    /// <summary>
    /// The client's contract manager approves a controlled (or answered) invoice; each blocking discrepancy not accepted yet
    /// needs a reason under <c>reasons.{key}</c>.
    /// </summary>
    public static Task<Results<Ok<InvoiceView>, NotFound, ForbidHttpResult, ProblemHttpResult>> ApproveAsync(
        Guid id, ApproveRequest request, [AsParameters] InvoiceServices services, CancellationToken cancellationToken) =>
        ChangeAsync(id, services, cancellationToken, async (unitOfWork, row, now) =>
        {
            if (!InvoiceStatuses.AwaitsDecision(row.Status))
            {
                return Problems.Conflict(InvoiceMessages.NotAwaitingDecision(row.Status));
            }

            var given = request?.Reasons ?? new Dictionary<string, string?>();
            var errors = new FieldErrors();
            var reasons = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var (key, blocking, accepted, _) in await Invoices.DiscrepancyStatesAsync(unitOfWork, row))
            {
                var reason = given.GetValueOrDefault(key);
                if (HasReason(reason))
                {
                    reasons[key] = reason!.Trim();
                }
                else if ((blocking && !accepted) || !string.IsNullOrEmpty(reason))
                {
                    errors.Add($"reasons.{key}", InvoiceMessages.AcceptanceRequired(key));
                }
            }

            if (!errors.IsEmpty)
            {
                return Problems.Invalid(errors);
            }

            await Invoices.ApproveAsync(unitOfWork, row, reasons, services.User.Name, now);
            await Invoices.HistoryAsync(unitOfWork, row, InvoiceStatuses.Approved, now, services.User.Name, null);
            await AuditLog.WriteAsync(
                unitOfWork, row.TenantId, AuditLog.Actor.Of(services.User), "invoice.approved", "invoice", row.InvoiceId,
                new { row.Status }, new { Status = InvoiceStatuses.Approved, Reasons = reasons }, row.ContractId);
            await unitOfWork.AddEventAsync(new InvoiceApproved
            {
                TenantId = row.TenantId, ContractId = row.ContractId, InvoiceId = row.InvoiceId, Number = row.Number, Kind = row.Kind,
                TotalWithVat = row.TotalWithVat, ApprovedBy = services.User.Name, AcceptedReasons = reasons,
            });
            return null;
        });

    /// <summary>The client's contract manager disputes a controlled invoice with a message saying what the provider is to correct.</summary>
    public static Task<Results<Ok<InvoiceView>, NotFound, ForbidHttpResult, ProblemHttpResult>> DisputeAsync(
        Guid id, DisputeRequest request, [AsParameters] InvoiceServices services, CancellationToken cancellationToken) =>
        ChangeAsync(id, services, cancellationToken, async (unitOfWork, row, now) =>
        {
            if (!InvoiceStatuses.AwaitsDecision(row.Status))
            {
                return Problems.Conflict(InvoiceMessages.NotAwaitingDecision(row.Status));
            }

            if (!HasReason(request?.Message))
            {
                return Problems.Invalid("message", InvoiceMessages.MessageRequired);
            }

            var message = request!.Message!.Trim();
            await Invoices.DisputeAsync(unitOfWork, row, message, services.User.Name, now);
            await Invoices.HistoryAsync(unitOfWork, row, InvoiceStatuses.Disputed, now, services.User.Name, message);
            await AuditLog.WriteAsync(
                unitOfWork, row.TenantId, AuditLog.Actor.Of(services.User), "invoice.disputed", "invoice", row.InvoiceId,
                new { row.Status }, new { Status = InvoiceStatuses.Disputed, Message = message }, row.ContractId);
            await unitOfWork.AddEventAsync(new InvoiceDisputed
            {
                TenantId = row.TenantId, ContractId = row.ContractId, InvoiceId = row.InvoiceId, Number = row.Number, Message = message,
                DisputedBy = services.User.Name,
            });
            return null;
        });

    /// <summary>
    /// The client's contract manager says the invoice is not a duplicate of the other one, with a reason: the duplicate
    /// discrepancy leaves and the invoice is controlled again.
    /// </summary>
    public static Task<Results<Ok<InvoiceView>, NotFound, ForbidHttpResult, ProblemHttpResult>> ClearDuplicateAsync(
        Guid id, Guid otherId, ReasonRequest request, [AsParameters] InvoiceServices services, CancellationToken cancellationToken) =>
        ChangeAsync(id, services, cancellationToken, async (unitOfWork, row, now) =>
        {
            if (row.Status is not (InvoiceStatuses.Controlled or InvoiceStatuses.Disputed or InvoiceStatuses.Answered))
            {
                return Problems.Conflict(InvoiceMessages.Settled(row.Status));
            }

            if (!HasReason(request?.Reason))
            {
                return Problems.Invalid("reason", InvoiceMessages.ReasonRequired);
            }

            if (!(await Invoices.DiscrepancyStatesAsync(unitOfWork, row)).Any(state => state.DuplicateOf == otherId))
            {
                return Problems.Conflict(InvoiceMessages.NotDuplicate);
            }

            var reason = request!.Reason!.Trim();
            await Invoices.ClearDuplicateAsync(unitOfWork, row, otherId, reason, services.User.Name, now);
            await AuditLog.WriteAsync(
                unitOfWork, row.TenantId, AuditLog.Actor.Of(services.User), "invoice.duplicate.cleared", "invoice", row.InvoiceId,
                null, new { OtherId = otherId, Reason = reason }, row.ContractId);
            await Invoices.RecontrolAsync(unitOfWork, row.ContractId, [row.Status], now, row.InvoiceId);
            return null;
        });

    /// <summary>The client's contract manager records the day an approved invoice was paid (not in the future, not before its approval).</summary>
    public static Task<Results<Ok<InvoiceView>, NotFound, ForbidHttpResult, ProblemHttpResult>> PaidAsync(
        Guid id, PaidRequest request, [AsParameters] InvoiceServices services, CancellationToken cancellationToken) =>
        ChangeAsync(id, services, cancellationToken, async (unitOfWork, row, now) =>
        {
            if (row.Status != InvoiceStatuses.Approved)
            {
                return Problems.Conflict(InvoiceMessages.NotApproved(row.Status));
            }

            var today = DateOnly.FromDateTime(now.UtcDateTime);
            var approvedOn = DateOnly.FromDateTime(row.ApprovedAt!.Value.UtcDateTime);
            if (request?.PaidOn is not { } paidOn)
            {
                return Problems.Invalid("paidOn", InvoiceMessages.Required);
            }

            if (paidOn > today)
            {
                return Problems.Invalid("paidOn", InvoiceMessages.PaidInFuture);
            }

            if (paidOn < approvedOn)
            {
                return Problems.Invalid("paidOn", InvoiceMessages.PaidBeforeApproval(approvedOn));
            }

            await Invoices.PaidAsync(unitOfWork, row, paidOn);
            await Invoices.HistoryAsync(unitOfWork, row, InvoiceStatuses.Paid, now, services.User.Name, null);
            await AuditLog.WriteAsync(
                unitOfWork, row.TenantId, AuditLog.Actor.Of(services.User), "invoice.paid", "invoice", row.InvoiceId,
                new { row.Status }, new { Status = InvoiceStatuses.Paid, PaidOn = paidOn }, row.ContractId);
            await unitOfWork.AddEventAsync(new InvoicePaid
            {
                TenantId = row.TenantId, ContractId = row.ContractId, InvoiceId = row.InvoiceId, Number = row.Number, PaidOn = paidOn,
                TotalWithVat = row.TotalWithVat,
            });
            return null;
        });

    private static bool HasReason(string? reason) => !string.IsNullOrWhiteSpace(reason) && reason.Length <= InvoiceMessages.MaxReasonLength;

    /// <summary>
    /// A client's step on one invoice: seen (404), client's contract manager (403), then the step, which answers a problem
    /// or null when done; the answer is then the invoice as it now is, and everything commits together.
    /// </summary>
    private static async Task<Results<Ok<InvoiceView>, NotFound, ForbidHttpResult, ProblemHttpResult>> ChangeAsync(
        Guid id, InvoiceServices services, CancellationToken cancellationToken, Func<UnitOfWork, InvoiceRow, DateTimeOffset, Task<ProblemHttpResult?>> step)
    {
        var (database, user, clock) = services;
        await using var unitOfWork = await database.BeginAsync(user, cancellationToken);
        if (await Invoices.LoadAsync(unitOfWork, id, forUpdate: true) is not { } row)
        {
            return TypedResults.NotFound();
        }

        if (!StatementsApi.IsClientManager(user))
        {
            return TypedResults.Forbid();
        }

        if (await step(unitOfWork, row, Instants.NowToTheSecond(clock)) is { } problem)
        {
            return problem;
        }

        var view = await Invoices.ViewAsync(unitOfWork, (await Invoices.LoadAsync(unitOfWork, id))!);
        await unitOfWork.CommitAsync();
        return TypedResults.Ok(view);
    }
}
