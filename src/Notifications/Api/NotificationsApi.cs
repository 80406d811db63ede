using System.Text.Json;
using Infogerance.Data;
using Infogerance.Notifications.Data;
using Infogerance.Notifications.Domain;
using Infogerance.ServiceDefaults;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Infogerance.Notifications.Api;

/// <summary>
/// A notification of the caller: its kind, the contract and the thing it is about, the data its sentence is written from
/// (by kind), when it happened and when the caller read it.
/// </summary>
public sealed record NotificationView(
    Guid Id, string Kind, Guid ContractId, string ContractReference, Subject Subject, JsonElement Data, DateTimeOffset CreatedAt, DateTimeOffset? ReadAt)
{
    public bool Read => ReadAt is not null;

    public static NotificationView From(NotificationRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        return new(row.NotificationId, row.Kind, row.ContractId, row.ContractReference, new Subject(row.SubjectType, row.SubjectId, row.SubjectLabel),
            JsonDocument.Parse(row.Data).RootElement.Clone(), row.CreatedAt, row.ReadAt);
    }
}

/// <summary>A page of notifications, newest first; <see cref="NextCursor"/> is the <c>before</c> of the next page.</summary>
public sealed record NotificationPage(IReadOnlyList<NotificationView> Items, string? NextCursor);

/// <summary>How many of the caller's notifications are unread.</summary>
public sealed record UnreadCount(int Count);

/// <summary>How many notifications were marked read.</summary>
public sealed record MarkedRead(int Count);

/// <summary>The services a notification endpoint needs, bound from the request and the container.</summary>
public sealed record NotificationServices(Database Database, CurrentUser User, TimeProvider Clock)
{
    public Reader Reader => Reader.Of(User);
}

/// <summary>
/// The caller's own notification center: what they must know or do, on either side of their contracts. Only people
/// have one: a service account's key is refused.
/// </summary>
public static class NotificationsApi
{
    public static void MapNotificationsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("").RequireAuthorization(Policies.ContractPeople);
        api.MapGet("/", ListAsync);
        api.MapGet("/unread-count", UnreadCountAsync);
        api.MapPost("/{notificationId:guid}/read", MarkReadAsync);
        api.MapPost("/read-all", MarkAllReadAsync);
    }

    /// <summary>A page of the caller's notifications, newest first: all, or only the unread, or only those of one kind.</summary>
    public static async Task<Results<Ok<NotificationPage>, ProblemHttpResult>> ListAsync(
        [AsParameters] NotificationServices services, CancellationToken cancellationToken,
        bool? unread = null, string? kind = null, int limit = 50, string? before = null)
    {
        var errors = AuditLog.ValidatePage(limit, before, out var cursor);
        if (kind is not null && !NotificationKinds.All.Contains(kind))
        {
            errors.Add("kind", NotificationMessages.UnknownKind);
        }

        if (!errors.IsEmpty)
        {
            return Problems.Invalid(errors);
        }

        await using var unitOfWork = await services.Database.ReadAsync(services.User, cancellationToken);
        var rows = await NotificationStore.ListAsync(unitOfWork, services.Reader, unread == true, kind, cursor, limit);
        return TypedResults.Ok(new NotificationPage(
            [.. rows.Select(NotificationView.From)], rows.Count == limit ? rows[^1].NotificationId.ToString() : null));
    }

    /// <summary>How many of the caller's notifications are unread (the bell's figure).</summary>
    public static async Task<Ok<UnreadCount>> UnreadCountAsync([AsParameters] NotificationServices services, CancellationToken cancellationToken)
    {
        await using var unitOfWork = await services.Database.ReadAsync(services.User, cancellationToken);
        return TypedResults.Ok(new UnreadCount(await NotificationStore.UnreadCountAsync(unitOfWork, services.Reader)));
    }

    /// <summary>Marks one of the caller's notifications read (again harmlessly: the first reading is kept).</summary>
    public static Task<Results<NoContent, NotFound>> MarkReadAsync(
        Guid notificationId, [AsParameters] NotificationServices services, CancellationToken cancellationToken) =>
        services.Database.ChangeAsync<NotificationRow, Results<NoContent, NotFound>>(
            services.User,
            unitOfWork => NotificationStore.FindAsync(unitOfWork, services.Reader, notificationId),
            async (unitOfWork, _) =>
            {
                await NotificationStore.MarkReadAsync(unitOfWork, services.Reader, notificationId, services.Clock.GetUtcNow());
                return TypedResults.NoContent();
            },
            () => TypedResults.NotFound(), cancellationToken);

    /// <summary>Marks every unread notification of the caller read, and says how many were.</summary>
    public static async Task<Ok<MarkedRead>> MarkAllReadAsync([AsParameters] NotificationServices services, CancellationToken cancellationToken)
    {
        await using var unitOfWork = await services.Database.BeginAsync(services.User, cancellationToken);
        var marked = await NotificationStore.MarkAllReadAsync(unitOfWork, services.Reader, services.Clock.GetUtcNow());
        await unitOfWork.CommitAsync();
        return TypedResults.Ok(new MarkedRead(marked));
    }
}
