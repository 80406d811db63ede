using Infogerance.Data;
using Infogerance.Incidents.Domain;
using Infogerance.ServiceDefaults;
using Infogerance.Validation;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Infogerance.Incidents.Api;

/// <summary>A canned reply to add: its title and text in English and in French.</summary>
public sealed record CannedReplyRequest(string? TitleEn, string? TitleFr, string? TextEn, string? TextFr);

/// <summary>A canned reply of the caller's provider, in both languages.</summary>
public sealed record CannedReply(Guid Id, string TitleEn, string TitleFr, string TextEn, string TextFr, string CreatedBy, DateTimeOffset CreatedAt);

/// <summary>
/// The canned replies of a provider's desk: its agents read them to answer tickets, its account managers add and
/// delete them. Kept under the provider organisation as tenant: the client's side never reads them (403), and another
/// provider's reply is a 404.
/// </summary>
public static class CannedRepliesApi
{
    public static void MapCannedRepliesApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/canned-replies").RequireAuthorization(Policies.Desk);
        api.MapGet("", ListAsync);
        api.MapPost("", AddAsync).RequireAuthorization(Policies.DeskManagers).ProducesProblem(StatusCodes.Status409Conflict);
        api.MapDelete("/{replyId:guid}", DeleteAsync).RequireAuthorization(Policies.DeskManagers);
    }

    /// <summary>Lists the canned replies of the caller's desk, by English title.</summary>
    public static async Task<Ok<CannedReply[]>> ListAsync(Database database, CurrentUser user, CancellationToken cancellationToken)
    {
        await using var unitOfWork = await database.ReadAsync(user.OrganisationId, cancellationToken);
        var replies = await unitOfWork.QueryAsync<CannedReply>(
            """
            SELECT reply_id AS id, title_en, title_fr, text_en, text_fr, created_by, created_at FROM canned_replies
            WHERE tenant_id = @tenant ORDER BY lower(title_en), reply_id
            """,
            new { tenant = user.OrganisationId });
        return TypedResults.Ok(replies.ToArray());
    }

    /// <summary>Adds a canned reply to the caller's desk: account managers only.</summary>
    public static async Task<Results<Created<CannedReply>, ProblemHttpResult>> AddAsync(
        CannedReplyRequest request, Database database, CurrentUser user, TimeProvider clock, CancellationToken cancellationToken)
    {
        var errors = CannedReplies.Check(request.TitleEn, request.TitleFr, request.TextEn, request.TextFr);
        if (!errors.IsEmpty)
        {
            return Problems.Invalid(errors);
        }

        var now = clock.GetUtcNow();
        var reply = new CannedReply(
            Guid.CreateVersion7(now), request.TitleEn!.Trim(), request.TitleFr!.Trim(), request.TextEn!.Trim(), request.TextFr!.Trim(), user.Name, now);
        await using var unitOfWork = await database.BeginAsync(user.OrganisationId, cancellationToken);
        await unitOfWork.ExecuteAsync("SELECT pg_advisory_xact_lock(hashtextextended(@tenant::text, 1))", new { tenant = user.OrganisationId });
        if (await unitOfWork.ExecuteScalarAsync<long>("SELECT count(*) FROM canned_replies WHERE tenant_id = @tenant", new { tenant = user.OrganisationId })
            >= CannedReplies.MaxPerProvider)
        {
            return Problems.Conflict(CannedReplyMessages.TooMany(CannedReplies.MaxPerProvider));
        }

        await unitOfWork.ExecuteAsync(
            """
            INSERT INTO canned_replies (tenant_id, reply_id, title_en, title_fr, text_en, text_fr, created_by, created_at)
            VALUES (@tenant, @Id, @TitleEn, @TitleFr, @TextEn, @TextFr, @CreatedBy, @CreatedAt)
            """,
            new { tenant = user.OrganisationId, reply.Id, reply.TitleEn, reply.TitleFr, reply.TextEn, reply.TextFr, reply.CreatedBy, reply.CreatedAt });
        await AuditLog.WriteAsync(unitOfWork, user.OrganisationId, AuditLog.Actor.Of(user), "cannedReply.added", "cannedReply", reply.Id, null, new { reply.TitleEn, reply.TitleFr });
        await unitOfWork.CommitAsync();
        return TypedResults.Created($"/canned-replies/{reply.Id}", reply);
    }

    /// <summary>Deletes one of the desk's canned replies: account managers only.</summary>
    public static async Task<Results<NoContent, NotFound>> DeleteAsync(
        Guid replyId, Database database, CurrentUser user, CancellationToken cancellationToken)
    {
        await using var unitOfWork = await database.BeginAsync(user.OrganisationId, cancellationToken);
        if (await unitOfWork.ExecuteAsync("DELETE FROM canned_replies WHERE tenant_id = @tenant AND reply_id = @replyId", new { tenant = user.OrganisationId, replyId }) == 0)
        {
            return TypedResults.NotFound();
        }

        await AuditLog.WriteAsync(unitOfWork, user.OrganisationId, AuditLog.Actor.Of(user), "cannedReply.deleted", "cannedReply", replyId, null, null);
        await unitOfWork.CommitAsync();
        return TypedResults.NoContent();
    }
}
