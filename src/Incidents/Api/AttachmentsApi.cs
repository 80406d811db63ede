using Infogerance.Data;
using Infogerance.Documents;
using Infogerance.Incidents.Data;
using Infogerance.Incidents.Domain;
using Infogerance.ServiceDefaults;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Infogerance.Incidents.Api;

/// <summary>A file attached to a ticket, without its content.</summary>
public sealed record AttachmentView(
    Guid Id, string FileName, string ContentType, long Size, string Sha256, string Visibility, string UploadedBy, string UploadedSide,
    DateTimeOffset UploadedAt);

/// <summary>
/// Files attached to a ticket (screenshots, logs, procedures), checked like contract documents by the shared
/// <see cref="DocumentTypes"/>. Internal attachments are the desk's own, as internal comments are.
/// </summary>
public static class AttachmentsApi
{
    public const string VisibilityField = "visibility";

    public static void MapAttachmentsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/tickets/{ticketId:guid}/attachments").RequireAuthorization(Policies.ContractReaders);
        api.MapPost("", UploadAsync).AcceptsUpload(VisibilityField);
        api.MapGet("", ListAsync);
        api.MapGet("/{attachmentId:guid}", DownloadAsync);
    }

    /// <summary>
    /// Attaches a file to the ticket. The upload is read, typed and hashed before the ticket is locked: a slow upload
    /// holds no lock and no connection. A closed ticket takes no new file (reopen it, or open a new one); auditors only read.
    /// </summary>
    public static async Task<Results<Created<AttachmentView>, NotFound, ForbidHttpResult, ProblemHttpResult>> UploadAsync(
        Guid ticketId, HttpRequest request, [AsParameters] TicketServices services, CancellationToken cancellationToken)
    {
        var (document, problem) = await Uploads.ReadDocumentAsync(request, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var user = services.User;

        var visibility = (await request.ReadFormAsync(cancellationToken))[VisibilityField].ToString();
        visibility = string.IsNullOrEmpty(visibility) ? "public" : visibility;
        if (visibility is not ("public" or "internal"))
        {
            return Problems.Invalid(VisibilityField, TicketMessages.VisibilityUnknown);
        }

        if (visibility == "internal" && !TicketAccess.IsDesk(user))
        {
            return Problems.Invalid(VisibilityField, TicketMessages.InternalAttachmentDeskOnly);
        }

        return await TicketAccess.ChangeAsync<Results<Created<AttachmentView>, NotFound, ForbidHttpResult, ProblemHttpResult>>(services, ticketId, async (unitOfWork, ticket) =>
        {
            if (TicketAccess.OnlyReads(user))
            {
                return TypedResults.Forbid();
            }

            if (ticket.Status == Statuses.Closed)
            {
                return Problems.Conflict(TicketMessages.ClosedToAttachments);
            }

            var now = services.Now;
            var actor = TicketAccess.Actor(user);
            var attachment = new AttachmentView(
                Guid.CreateVersion7(now), document!.FileName, document.ContentType, document.Size, document.Sha256, visibility, actor.Name, actor.Side, now);
            await unitOfWork.ExecuteAsync(
                """
                INSERT INTO ticket_attachments (tenant_id, contract_id, ticket_id, attachment_id, file_name, content_type, size, sha256, content,
                                                visibility, uploaded_by, uploaded_side, uploaded_at)
                VALUES (@TenantId, @ContractId, @TicketId, @Id, @FileName, @ContentType, @Size, @Sha256, @content,
                        @Visibility, @UploadedBy, @UploadedSide, @at)
                """,
                new
                {
                    ticket.TenantId, ticket.ContractId, ticket.TicketId, attachment.Id, attachment.FileName, attachment.ContentType, attachment.Size,
                    attachment.Sha256, content = document.Content, attachment.Visibility, attachment.UploadedBy, attachment.UploadedSide, at = now.UtcDateTime,
                });
            await unitOfWork.ExecuteAsync(
                "UPDATE tickets SET updated_at = @now WHERE tenant_id = @TenantId AND ticket_id = @TicketId",
                new { ticket.TenantId, ticket.TicketId, now = now.UtcDateTime });
            await TicketStore.AddHistoryAsync(
                unitOfWork, ticket, actor, now, "attachment", null, attachment.FileName, note: visibility, @internal: visibility == "internal");
            return TypedResults.Created($"/tickets/{ticketId}/attachments/{attachment.Id}", attachment);
        }, () => TypedResults.NotFound(), cancellationToken);
    }

    /// <summary>Lists the ticket's attachments, oldest first, without their content; the client never sees internal ones.</summary>
    public static Task<Results<Ok<AttachmentView[]>, NotFound>> ListAsync(Guid ticketId, Database database, CurrentUser user, CancellationToken cancellationToken) =>
        TicketAccess.ReadAsync<Results<Ok<AttachmentView[]>, NotFound>>(database, user, ticketId, async (unitOfWork, ticket) =>
            TypedResults.Ok(await AttachmentsOfAsync(unitOfWork, ticket, user)), () => TypedResults.NotFound(), cancellationToken);

    /// <summary>The ticket's attachments as <paramref name="user"/> may read them, oldest first, without their content.</summary>
    internal static async Task<AttachmentView[]> AttachmentsOfAsync(UnitOfWork unitOfWork, TicketRow ticket, CurrentUser user) =>
        [.. await unitOfWork.QueryAsync<AttachmentView>(
            """
            SELECT attachment_id AS id, file_name, content_type, size, sha256, visibility, uploaded_by, uploaded_side, uploaded_at
            FROM ticket_attachments
            WHERE tenant_id = @TenantId AND ticket_id = @TicketId AND (@desk OR visibility = 'public')
            ORDER BY uploaded_at, seq
            """,
            new { ticket.TenantId, ticket.TicketId, desk = TicketAccess.IsDesk(user) })];

    /// <summary>Downloads the file as uploaded, with the type detected at upload and a safe attachment name; 404 for an internal file asked by the client.</summary>
    public static Task<Results<FileContentHttpResult, NotFound>> DownloadAsync(
        Guid ticketId, Guid attachmentId, Database database, CurrentUser user, CancellationToken cancellationToken) =>
        TicketAccess.ReadAsync<Results<FileContentHttpResult, NotFound>>(database, user, ticketId, async (unitOfWork, ticket) =>
        {
            var file = await FileOfAsync(unitOfWork, ticket, attachmentId, user);
            return file.Content is null ? TypedResults.NotFound() : Uploads.Download(file.Content, file.ContentType, file.FileName);
        }, () => TypedResults.NotFound(), cancellationToken);

    /// <summary>The attachment's file if <paramref name="user"/> may read it, else a null content.</summary>
    internal static Task<(string FileName, string ContentType, byte[] Content)> FileOfAsync(UnitOfWork unitOfWork, TicketRow ticket, Guid attachmentId, CurrentUser user) =>
        unitOfWork.QuerySingleOrDefaultAsync<(string FileName, string ContentType, byte[] Content)>(
            """
            SELECT file_name, content_type, content FROM ticket_attachments
            WHERE tenant_id = @TenantId AND ticket_id = @TicketId AND attachment_id = @attachmentId AND (@desk OR visibility = 'public')
            """,
            new { ticket.TenantId, ticket.TicketId, attachmentId, desk = TicketAccess.IsDesk(user) });
}
