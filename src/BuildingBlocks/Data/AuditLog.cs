using System.Globalization;
using System.Text.Json;
using Infogerance.ServiceDefaults;
using Microsoft.AspNetCore.Mvc;
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

        /// <summary>The demo world's loader, for the history it writes of its contracts.</summary>
        public static readonly Actor Demo = new(null, "demo");

        /// <summary>Who, as people read it: a person's name, or the system's or the demo's in the reader's language.</summary>
        public static string Display(Guid? id, string name) => (id, name) switch
        {
            (null, "system") => SystemName.Text,
            (null, "demo") => DemoName.Text,
            _ => name,
        };
    }

    /// <summary>One field an entry changed, by its JSON path; a value is null where the field is absent.</summary>
    public sealed record Change(string Field, string? Before, string? After);

    /// <summary>
    /// An entry as the trail shows it: <see cref="Actor"/> is who, readable; <see cref="Action"/> a stable code the
    /// reader's application turns into a sentence; <see cref="Changes"/> the fields it changed, one by one.
    /// </summary>
    public sealed record Entry(
        Guid Id, DateTimeOffset OccurredAt, Guid? ActorId, string ActorName, string Action, string EntityType, Guid EntityId, JsonElement? Before,
        JsonElement? After)
    {
        public string Actor => AuditLog.Actor.Display(ActorId, ActorName);

        public IReadOnlyList<Change> Changes => AuditChanges.Between(Before, After);
    }

    /// <summary>A page of entries, newest first; <see cref="NextCursor"/> is the <c>before</c> of the next page.</summary>
    public sealed record Page(IReadOnlyList<Entry> Items, string? NextCursor);

    /// <summary>
    /// Which entries to read: whose actor's name contains <see cref="Actor"/> (any case), of one action, from one day
    /// to another included (UTC days).
    /// </summary>
    public sealed record Filter(string? Actor = null, string? Action = null, DateOnly? From = null, DateOnly? To = null)
    {
        public static readonly Filter None = new();
    }

    /// <summary>A trail's query string: the page (<c>limit</c>, <c>before</c>) and the filter, as written.</summary>
    public sealed class Query
    {
        /// <summary>How many entries, 1 to 200 (50 when absent).</summary>
        [FromQuery(Name = "limit")]
        public string? Limit { get; init; }

        /// <summary>The page's size as asked, once <see cref="ValidateQuery"/> accepted it.</summary>
        public int PageSize => int.TryParse(Limit, NumberStyles.None, CultureInfo.InvariantCulture, out var size) ? size : DefaultPageSize;

        /// <summary>The <c>nextCursor</c> of the previous page.</summary>
        [FromQuery(Name = "before")]
        public string? Before { get; init; }

        /// <summary>Part of the actor's name, any case.</summary>
        [FromQuery(Name = "actor")]
        public string? Actor { get; init; }

        /// <summary>One action code.</summary>
        [FromQuery(Name = "action")]
        public string? Action { get; init; }

        /// <summary>The first day, <c>yyyy-MM-dd</c> (UTC).</summary>
        [FromQuery(Name = "from")]
        public string? From { get; init; }

        /// <summary>The last day, <c>yyyy-MM-dd</c> (UTC).</summary>
        [FromQuery(Name = "to")]
        public string? To { get; init; }
    }

    public const int MaximumActorFilterLength = 200;

    /// <summary>The most entries an export holds, newest first.</summary>
    public const int MaximumExport = 10_000;

    public static readonly Message SystemName = new("audit.actor.system", "System", "Système");

    public static readonly Message DemoName = new("audit.actor.demo", "Demo data", "Données de démonstration");

    public static readonly Message ActorTooLong =
        new Message("audit.actor.length", $"At most {MaximumActorFilterLength} characters.", $"{MaximumActorFilterLength} caractères au plus.")
            .With("max", MaximumActorFilterLength);

    public static readonly Message UnknownAction =
        new("audit.action.unknown", "Not an action this trail records.", "Ce n'est pas une action que ce journal enregistre.");

    public static readonly Message NotADay =
        new("audit.day.invalid", "A day written yyyy-MM-dd.", "Un jour écrit aaaa-MM-jj.");

    public static readonly Message ToBeforeFrom =
        new("audit.to.beforeFrom", "The last day comes before the first.", "Le dernier jour précède le premier.");

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

    /// <summary>
    /// What is wrong with a trail's query: its page (as <see cref="ValidatePage"/>), an actor's name too long, an
    /// action not among <paramref name="actions"/>, a day not written <c>yyyy-MM-dd</c>, or the last day before the first.
    /// </summary>
    public static FieldErrors ValidateQuery(Query query, IReadOnlyCollection<string> actions, out Guid? cursor, out Filter filter)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(actions);
        // Read here rather than bound, so that a limit that is not a number is answered as one out of range, naming it.
        var limit = string.IsNullOrEmpty(query.Limit) ? DefaultPageSize
            : int.TryParse(query.Limit, NumberStyles.None, CultureInfo.InvariantCulture, out var size) ? size : 0;
        var errors = ValidatePage(limit, query.Before, out cursor);
        var actor = string.IsNullOrWhiteSpace(query.Actor) ? null : query.Actor.Trim();
        if (actor is { Length: > MaximumActorFilterLength })
        {
            errors.Add("actor", ActorTooLong);
        }

        var action = string.IsNullOrWhiteSpace(query.Action) ? null : query.Action;
        if (action is not null && !actions.Contains(action))
        {
            errors.Add("action", UnknownAction);
        }

        var from = Day("from", query.From, errors);
        var to = Day("to", query.To, errors);
        if (from > to)
        {
            errors.Add("to", ToBeforeFrom);
        }

        filter = new Filter(actor, action, from, to);
        return errors;
    }

    public const int DefaultPageSize = 50;

    private static DateOnly? Day(string field, string? value, FieldErrors errors)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        if (DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            return day;
        }

        errors.Add(field, NotADay);
        return null;
    }

    public static async Task<Page> ReadPageAsync(UnitOfWork unitOfWork, Guid organisationId, Guid? before, int limit, Guid? contractId = null, Filter? filter = null)
    {
        var items = await ReadAsync(unitOfWork, organisationId, before, limit, contractId, filter);
        return new Page(items, items.Count == limit ? items[^1].Id.ToString() : null);
    }

    /// <summary>One line of an exported trail: who, what, when and the changes, written <c>field: before → after</c>.</summary>
    public sealed record ExportLine(DateTimeOffset OccurredAt, string Actor, string Action, string EntityType, Guid EntityId, string Changes)
    {
        public static ExportLine Of(Entry entry)
        {
            ArgumentNullException.ThrowIfNull(entry);
            return new(entry.OccurredAt, entry.Actor, entry.Action, entry.EntityType, entry.EntityId,
                string.Join("; ", entry.Changes.Select(change => $"{change.Field}: {change.Before ?? "—"} → {change.After ?? "—"}")));
        }
    }

    /// <summary>The entries an export holds: those of <paramref name="filter"/>, newest first, at most <see cref="MaximumExport"/>.</summary>
    public static async Task<IReadOnlyList<ExportLine>> ExportAsync(UnitOfWork unitOfWork, Guid organisationId, Filter filter, Guid? contractId = null) =>
        [.. (await ReadAsync(unitOfWork, organisationId, null, MaximumExport, contractId, filter)).Select(ExportLine.Of)];

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
    public static async Task<IReadOnlyList<Entry>> ReadAsync(
        UnitOfWork unitOfWork, Guid organisationId, Guid? before, int limit, Guid? contractId = null, Filter? filter = null)
    {
        filter ??= Filter.None;
        var rows = await unitOfWork.QueryAsync<(Guid Id, DateTimeOffset OccurredAt, Guid? ActorId, string ActorName, string Action, string EntityType, Guid EntityId, string? Before, string? After)>(
            """
            SELECT id, occurred_at, actor_id, actor_name, action, entity_type, entity_id, before::text, after::text
            FROM audit_log
            WHERE tenant_id = @organisationId AND (@before::uuid IS NULL OR id < @before)
              AND (@contractId::uuid IS NULL OR contract_id = @contractId)
              AND (@actor::text IS NULL OR strpos(lower(actor_name), lower(@actor)) > 0)
              AND (@action::text IS NULL OR action = @action)
              AND (@from::timestamptz IS NULL OR occurred_at >= @from)
              AND (@to::timestamptz IS NULL OR occurred_at < @to)
            ORDER BY id DESC
            LIMIT @limit
            """,
            new
            {
                organisationId, before, limit, contractId, actor = filter.Actor, action = filter.Action,
                from = Midnight(filter.From), to = Midnight(filter.To?.AddDays(1)),
            });
        return [.. rows.Select(row => new Entry(
            row.Id, row.OccurredAt, row.ActorId, row.ActorName, row.Action, row.EntityType, row.EntityId, Parse(row.Before), Parse(row.After)))];
    }

    private static DateTimeOffset? Midnight(DateOnly? day) => day is { } d ? new DateTimeOffset(d.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero) : null;

    private static JsonElement? Parse(string? json) => json is null ? null : JsonDocument.Parse(json).RootElement.Clone();

    private static JsonSerializerOptions CreateJson()
    {
        var options = new JsonSerializerOptions();
        Infogerance.ServiceDefaults.Extensions.ConfigureJson(options);
        return options;
    }
}
