using System.Text.Json;
using Infogerance.ServiceDefaults;
using Infogerance.Validation;

namespace Infogerance.Data;

/// <summary>
/// Who changed what: written in the same transaction as the change, in the organisation it concerns, and when the
/// change concerns one contract, under that contract (so that its provider reads it too). The platform migrations
/// give every service database the <c>audit_log</c> table; each service that audits chooses its row-level security.
/// </summary>
public static class AuditLog
{
    public sealed record Actor(Guid? Id, string Name)
    {
        public static Actor Of(CurrentUser user) => new(user.Id, user.Name);
        public static readonly Actor System = new(null, "system");
    }

    public sealed record Entry(Guid Id, DateTimeOffset OccurredAt, string ActorName, string Action, string EntityType, Guid EntityId, JsonElement? Before, JsonElement? After);

    /// <summary>A page of entries, newest first; <see cref="NextCursor"/> is the <c>before</c> of the next page.</summary>
    public sealed record Page(IReadOnlyList<Entry> Items, string? NextCursor);

    public const int MaximumPageSize = 200;

    public static readonly Message LimitOutOfRange =
        new Message("page.limit.range", $"Between 1 and {MaximumPageSize}.", $"Entre 1 et {MaximumPageSize}.").With("min", 1).With("max", MaximumPageSize);

    public static readonly Message UnknownCursor =
        new("page.cursor.unknown", "Not a cursor returned by this endpoint.", "Ce n'est pas un curseur renvoyé par ce point d'accès.");

    /// <summary>What is wrong with a page request (<c>limit</c>, <c>before</c>); the cursor when nothing is.</summary>
    public static FieldErrors ValidatePage(int limit, string? before, out Guid? cursor)
    {
        var errors = new FieldErrors();
        if (limit is < 1 or > MaximumPageSize)
        {
            errors.Add("limit", LimitOutOfRange);
        }

        cursor = null;
        if (before is not null)
        {
            if (Guid.TryParse(before, out var parsed))
            {
                cursor = parsed;
            }
            else
            {
                errors.Add("before", UnknownCursor);
            }
        }

        return errors;
    }

    public static async Task<Page> ReadPageAsync(UnitOfWork unitOfWork, Guid organisationId, Guid? before, int limit, Guid? contractId = null)
    {
        var items = await ReadAsync(unitOfWork, organisationId, before, limit, contractId);
        return new Page(items, items.Count == limit ? items[^1].Id.ToString() : null);
    }

    private static readonly JsonSerializerOptions Json = CreateJson();

    public static Task WriteAsync(
        UnitOfWork unitOfWork, Guid organisationId, Actor actor, string action, string entityType, Guid entityId, object? before, object? after,
        Guid? contractId = null) =>
        unitOfWork.ExecuteAsync(
            """
            INSERT INTO audit_log (tenant_id, id, contract_id, occurred_at, actor_id, actor_name, action, entity_type, entity_id, before, after)
            VALUES (@organisationId, @id, @contractId, now(), @ActorId, @ActorName, @action, @entityType, @entityId, @before::jsonb, @after::jsonb)
            """,
            new
            {
                organisationId,
                contractId,
                id = Guid.CreateVersion7(),
                ActorId = actor.Id,
                ActorName = actor.Name,
                action,
                entityType,
                entityId,
                before = before is null ? null : JsonSerializer.Serialize(before, Json),
                after = after is null ? null : JsonSerializer.Serialize(after, Json),
            });

    /// <summary>Newest first; <paramref name="before"/> is the last id of the previous page.</summary>
    public static async Task<IReadOnlyList<Entry>> ReadAsync(UnitOfWork unitOfWork, Guid organisationId, Guid? before, int limit, Guid? contractId = null)
    {
        var rows = await unitOfWork.QueryAsync<(Guid Id, DateTimeOffset OccurredAt, string ActorName, string Action, string EntityType, Guid EntityId, string? Before, string? After)>(
            """
            SELECT id, occurred_at, actor_name, action, entity_type, entity_id, before::text, after::text
            FROM audit_log
            WHERE tenant_id = @organisationId AND (@before::uuid IS NULL OR id < @before)
              AND (@contractId::uuid IS NULL OR contract_id = @contractId)
            ORDER BY id DESC
            LIMIT @limit
            """,
            new { organisationId, before, limit, contractId });
        return [.. rows.Select(row => new Entry(
            row.Id, row.OccurredAt, row.ActorName, row.Action, row.EntityType, row.EntityId, Parse(row.Before), Parse(row.After)))];
    }

    private static JsonElement? Parse(string? json) => json is null ? null : JsonDocument.Parse(json).RootElement.Clone();

    private static JsonSerializerOptions CreateJson()
    {
        var options = new JsonSerializerOptions();
        Infogerance.ServiceDefaults.Extensions.ConfigureJson(options);
        return options;
    }
}
