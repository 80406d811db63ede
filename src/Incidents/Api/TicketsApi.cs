using System.Globalization;
using Infogerance.Data;
using Infogerance.Incidents.Data;
using Infogerance.Incidents.Domain;
using Infogerance.IntegrationEvents;
using Infogerance.Messaging;
using Infogerance.ServiceDefaults;
using Infogerance.Validation;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Infogerance.Incidents.Api;

/// <summary>A ticket to open; without <see cref="Priority"/> it is what impact and urgency give, otherwise with a reason.</summary>
public sealed record OpenTicketRequest(
    Guid? ContractId, string? Kind, string? Title, string? Description, string? Impact, string? Urgency, string? Priority, string? PriorityReason,
    Guid? InventoryItemId);

/// <summary>A page of tickets, and the cursor of the next one (null on the last).</summary>
public sealed record TicketPage(IReadOnlyList<TicketSummary> Items, string? NextCursor);

/// <summary>A contract the caller can open tickets on.</summary>
public sealed record ContractView(Guid Id, Guid TenantId, string Reference, Guid ProviderOrganisationId);

/// <summary>One change in a ticket's history: who changed which field from what to what, and why.</summary>
public sealed record HistoryEntry(
    Guid Id, DateTimeOffset OccurredAt, string ActorName, string ActorSide, string Field, string? Before, string? After, string? Note, bool Internal);

/// <summary>A comment on a ticket, <c>public</c> or <c>internal</c> (the desk's own).</summary>
public sealed record CommentView(Guid Id, PersonView Author, string Visibility, string Body, DateTimeOffset CreatedAt);

/// <summary>A comment to add: its text, and <c>public</c> (the default) or <c>internal</c> (the desk's own).</summary>
public sealed record CommentRequest(string? Body, string? Visibility);

/// <summary>Opening tickets, reading them (the desk's queue across clients, a client's own list, one ticket) and commenting.</summary>
public static class TicketsApi
{
    public const int MaxTitle = 200;
    public const int MaxText = 20_000;
    public const int MaxPage = 100;
    public const int MaxReason = 1000;

    public static void MapTicketsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("").RequireAuthorization(Policies.ContractReaders);
        api.MapGet("/contracts", ContractsAsync);
        api.MapPost("/tickets", OpenAsync);
        api.MapGet("/tickets", ListAsync);
        api.MapGet("/tickets/{ticketId:guid}", GetAsync);
        api.MapGet("/tickets/{ticketId:guid}/history", HistoryAsync);
        api.MapGet("/tickets/{ticketId:guid}/comments", CommentsAsync);
        api.MapPost("/tickets/{ticketId:guid}/comments", CommentAsync);
    }

    /// <summary>Lists the open contracts the caller can open tickets on.</summary>
    public static async Task<Ok<ContractView[]>> ContractsAsync(Database database, CurrentUser user, CancellationToken cancellationToken)
    {
        await using var unitOfWork = await database.ReadAsync(user, cancellationToken);
        var contracts = await unitOfWork.QueryAsync<ContractView>(
            """
            SELECT c.contract_id AS id, c.tenant_id, c.reference, c.provider_organisation_id
            FROM contracts c JOIN contract_parties p ON p.contract_id = c.contract_id AND p.is_open
            WHERE EXISTS (SELECT FROM contract_terms v WHERE v.contract_id = c.contract_id)
            ORDER BY lower(c.reference)
            """);
        return TypedResults.Ok(contracts.ToArray());
    }

    /// <summary>Opens a ticket on one of the caller's open contracts, its clocks started from the terms in force.</summary>
    public static async Task<Results<Created<TicketDetail>, ForbidHttpResult, ProblemHttpResult>> OpenAsync(
        OpenTicketRequest request, [AsParameters] TicketServices services, CancellationToken cancellationToken)
    {
        var (database, user, sla, terms, _) = services;
        if (!TicketAccess.MayOpen(user))
        {
            return TypedResults.Forbid();
        }

        var errors = Check(request);
        if (!errors.IsEmpty)
        {
            return Problems.Invalid(errors);
        }

        var now = services.Now;
        await using var unitOfWork = await database.BeginAsync(user, cancellationToken);
        if (await ContractReplica.OpenContractAsync(unitOfWork, request.ContractId!.Value, now) is not { } open)
        {
            return Problems.Invalid("contractId", TicketMessages.ContractNotVisible);
        }

        var contract = open.Contract;
        if (open.VersionInForce is not { } version)
        {
            return Problems.Invalid("contractId", TicketMessages.ContractNotSigned);
        }

        if (request.InventoryItemId is { } itemId && !await ContractReplica.HasItemAsync(unitOfWork, contract.ContractId, itemId))
        {
            return Problems.Invalid("inventoryItemId", TicketMessages.ItemNotInInventory);
        }

        var matrix = PriorityMatrix.PriorityOf(request.Impact!, request.Urgency!);
        var priority = request.Priority ?? matrix;
        var actor = TicketAccess.Actor(user);
        var ticketId = Guid.CreateVersion7(now);
        var ticket = await TicketChanges.OpenAsync(unitOfWork, new NewTicket(
            contract.TenantId, contract.ContractId, ticketId, request.Kind!, request.Title!.Trim(), request.Description?.Trim() ?? "",
            request.Impact!, request.Urgency!, priority, priority == matrix ? null : request.PriorityReason!.Trim(), actor, request.InventoryItemId,
            version, now, await sla.SlaDueAtOpeningAsync(unitOfWork, contract.ContractId, version, priority, now)));
        (ticket, var clocks) = await sla.SyncAsync(unitOfWork, ticket, now, justOpened: true);
        var detail = await TicketViews.DetailAsync(unitOfWork, ticket, clocks, terms, user, sla.Settings, now);
        await unitOfWork.CommitAsync();
        return TypedResults.Created($"/tickets/{ticketId}", detail);
    }

    private static FieldErrors Check(OpenTicketRequest request)
    {
        var errors = new FieldErrors();
        if (request.ContractId is null)
        {
            errors.Add("contractId", TicketMessages.ContractRequired);
        }

        if (request.Kind is null || !TicketKinds.All.Contains(request.Kind))
        {
            errors.Add("kind", TicketMessages.KindUnknown);
        }

        TextRules.Check(errors, "title", request.Title, MaxTitle, required: true);
        TextRules.Check(errors, "description", request.Description, MaxText, required: false);
        foreach (var (field, value) in new[] { ("impact", request.Impact), ("urgency", request.Urgency) })
        {
            if (value is null || !PriorityMatrix.Levels.Contains(value))
            {
                errors.Add(field, TicketMessages.LevelOfMatrixUnknown);
            }
        }

        if (request.Priority is not null)
        {
            if (!PriorityMatrix.Priorities.Contains(request.Priority))
            {
                errors.Add("priority", TicketMessages.PriorityUnknown);
            }
            else if (!errors.Contains("impact") && !errors.Contains("urgency")
                && request.Priority != PriorityMatrix.PriorityOf(request.Impact!, request.Urgency!))
            {
                TextRules.Check(errors, "priorityReason", request.PriorityReason, MaxReason, required: true, missing: TicketMessages.PriorityReasonRequired);
            }
        }

        return errors;
    }

    /// <summary>
    /// Lists tickets a page at a time: the desk's queue across its clients (open tickets by SLA urgency: the earliest
    /// due first, tickets waiting on the client last) or a client's own tickets (newest first), filtered, searched
    /// (<c>q</c>: the number, or text in the title or the requester's name) and sorted on a column.
    /// </summary>
    /// <remarks>
    /// The filters stay separate parameters: a 400 for an unreadable one names it as the caller wrote it (<c>limit</c>).
    /// </remarks>
    public static async Task<Results<Ok<TicketPage>, ProblemHttpResult>> ListAsync(
        Database database, CurrentUser user, CancellationToken cancellationToken,
        [FromQuery] Guid? contractId, [FromQuery] Guid? tenantId, [FromQuery(Name = "status")] string[]? statuses,
        [FromQuery(Name = "priority")] string[]? priorities, string? kind, int? level, string? assignee, string? team, bool? breached,
        string? q, string? sort, string? order, int? limit, string? cursor)
    {
        var errors = new FieldErrors();
        statuses = statuses is { Length: > 0 } ? statuses : null;
        priorities = priorities is { Length: > 0 } ? priorities : null;
        if (statuses?.Any(s => !Statuses.All.Contains(s) && s != "open") == true)
        {
            errors.Add("status", TicketListMessages.StatusFilter(Statuses.All));
        }

        if (priorities?.Any(p => !PriorityMatrix.Priorities.Contains(p)) == true)
        {
            errors.Add("priority", TicketListMessages.PriorityFilter);
        }

        if (kind is not null && !TicketKinds.All.Contains(kind))
        {
            errors.Add("kind", TicketMessages.KindUnknown);
        }

        if (level is not (null or 1 or 2))
        {
            errors.Add("level", TicketListMessages.LevelFilter);
        }

        var search = ListSearch.Parse(errors, "q", q);
        var listOrder = ListOrder.Parse(
            errors, sort, order, TicketSorts.All, TicketAccess.IsDesk(user) ? TicketSorts.Urgency : TicketSorts.Newest, TicketSorts.DescendingByDefault);
        if (limit is < 1 or > MaxPage)
        {
            errors.Add("limit", TicketListMessages.Limit(MaxPage));
        }

        Guid? assigneeId = null;
        var unassigned = false;
        if (assignee == "me")
        {
            assigneeId = user.Id;
        }
        else if (assignee == "none")
        {
            unassigned = true;
        }
        else if (assignee is not null)
        {
            if (Guid.TryParse(assignee, out var id))
            {
                assigneeId = id;
            }
            else
            {
                errors.Add("assignee", TicketListMessages.AssigneeFilter);
            }
        }

        var column = listOrder is null ? null : SortColumn.Of(listOrder.Sort);
        var after = cursor is null || listOrder is null ? null : TicketCursor.Read(cursor, listOrder.Sort, listOrder.Descending);
        var key = after is { } last ? column!.ReadKey(last.Key) : null;
        if (cursor is not null && listOrder is not null && key is null)
        {
            errors.Add("cursor", TicketListMessages.Cursor);
        }

        if (!errors.IsEmpty)
        {
            return Problems.Invalid(errors);
        }

        // "open" (the default of the urgency sort) stands for every status a ticket still needs work in.
        var wanted = (statuses ?? (listOrder!.Sort == TicketSorts.Urgency ? ["open"] : [])).SelectMany(s => s == "open" ? Statuses.All.Where(Statuses.IsOpen) : [s]).Distinct().ToArray();
        var direction = listOrder!.Descending ? "DESC" : "ASC";
        var (inner, union) = column!.Expression == TicketIdColumn
            ? ($"t.ticket_id {direction}", $"id {direction}")
            : ($"{column.Expression} {direction}, t.ticket_id {direction}", $"sort_key {direction}, id {direction}");
        var keyset = column.Expression == TicketIdColumn
            ? $"t.ticket_id {(listOrder.Descending ? "<" : ">")} @afterId"
            : $"({column.Expression}, t.ticket_id) {(listOrder.Descending ? "<" : ">")} ({column.KeyExpression}, @afterId)";
        var requester = TicketAccess.OnlyRequestedBy(user);
        var onlyOpen = wanted.ToHashSet().SetEquals(Statuses.All.Where(Statuses.IsOpen));
        // Only the filters given are written into the statement, so each combination is its own prepared statement
        // with a plan that needs no parameter's value: an index condition never hides behind "@x IS NULL OR".
        // The open statuses are written as the open-ticket indexes' own predicate, which a parameter could not prove.
        var filters = string.Concat(new (bool Given, string Condition)[]
        {
            (contractId is not null, "t.contract_id = @contractId"),
            (tenantId is not null, "t.tenant_id = @tenantId"),
            (onlyOpen, $"t.status <> ALL (ARRAY['{Statuses.Resolved}', '{Statuses.Closed}'])"),
            (wanted.Length > 0 && !onlyOpen, "t.status = ANY(@wanted)"),
            (priorities is not null, "t.priority = ANY(@priorities)"),
            (kind is not null, "t.kind = @kind"),
            (level is not null, "t.level = @level"),
            (assigneeId is not null, "t.assignee_id = @assigneeId"),
            (unassigned, "t.assignee_id IS NULL AND t.team IS NULL"),
            (team is not null, "t.team = @team"),
            (breached is not null, "t.breached = @breached"),
            (requester is not null, "t.requester_id = @requester"),
            (search?.Number is not null, "(t.title ILIKE @pattern OR t.requester_name ILIKE @pattern OR t.number = @number)"),
            (search is not null && search.Number is null, "(t.title ILIKE @pattern OR t.requester_name ILIKE @pattern)"),
            (after is not null, keyset),
        }.Where(f => f.Given).Select(f => $" AND {f.Condition}"));
        var take = limit ?? 50;
        await using var unitOfWork = await database.ReadAsync(user, cancellationToken);
        // The caller sees whole tenants and single contracts (a desk: its clients' contracts). Each gives its own first
        // page, walking an index in the list's order from its tenant or contract and stopping there, and the page is the
        // first of their union: a page costs the same however many tickets the caller sees.
        // Row-level security hides from the planner that every row of a contract the caller sees passes it, so it guesses
        // a contract's open tickets in tens and would rather read them all with a bitmap scan and sort them than walk
        // the index and stop after a page: bitmap scans are off for this statement.
        // Its plan is the generic one: with the absent filters left out there is nothing a parameter's value would
        // change, and choosing a plan for each call cost more than running it (2 ms of planning for 1 ms of work).
        // What a generic plan cannot see is written out: the page's size (as a parameter it is taken for a tenth of the
        // table, and the walk loses to a sort), and the contracts of tenants seen whole are left out of the list rather
        // than filtered by tenant (an unknown list of tenants is taken to exclude every row of a one-tenant table).
        // The search is a filter on that walk: under row-level security no index can serve ILIKE (its operator is not
        // leakproof, so PostgreSQL checks the policy first), a trigram index included.
        // The two settings ride ahead of the statement, in its round trip, behind the read's scope: the tenants and contracts
        // walked are the scope's own (app_tenant_ids(), app_contract_pairs()), known to the statement and not yet to us.
        using var results = await unitOfWork.QueryMultipleAsync(
            $"""
            SELECT set_config('enable_bitmapscan', 'off', true), set_config('plan_cache_mode', 'force_generic_plan', true);
            SELECT page.id, page.number, page.tenant_id, page.contract_id, c.reference AS contract_reference, page.kind, page.title,
                   page.priority, page.level, page.status, page.pending_side, page.requester_name, page.assignee_name, page.team,
                   page.created_at, page.sla_due_at, page.breached
            FROM (
                SELECT v.* FROM unnest(app_tenant_ids()) AS s (tenant_id) CROSS JOIN LATERAL (
                    SELECT {ListColumns}, {column.Expression} AS sort_key FROM tickets t
                    WHERE t.tenant_id = s.tenant_id{filters}
                    ORDER BY {inner} LIMIT {take + 1}) v
                UNION ALL
                SELECT v.* FROM (SELECT p.contract_id FROM app_contract_pairs() AS p WHERE p.tenant_id <> ALL (app_tenant_ids())) AS s CROSS JOIN LATERAL (
                    SELECT {ListColumns}, {column.Expression} AS sort_key FROM tickets t
                    WHERE t.contract_id = s.contract_id{filters}
                    ORDER BY {inner} LIMIT {take + 1}) v
                ORDER BY {union} LIMIT {take + 1}
            ) AS page JOIN contracts c ON c.tenant_id = page.tenant_id AND c.contract_id = page.contract_id
            ORDER BY {union}
            """,
            new
            {
                contractId, tenantId, wanted, priorities, kind, level = (short?)level, assigneeId, team, breached,
                requester, pattern = search?.Pattern, number = search?.Number,
                statusOrder = Statuses.All.ToArray(), afterId = after?.Id, keyTime = key?.Time ?? DateTime.MinValue, keyNumber = key?.Number ?? 0L,
                keyText = key?.Text ?? "",
            });
        await results.ReadAsync();
        var rows = (await results.ReadAsync<TicketSummary>()).ToList();
        var next = rows.Count > take ? TicketCursor.Write(listOrder.Sort, listOrder.Descending, rows[take - 1].Id, column.KeyOf(rows[take - 1])) : null;
        return TypedResults.Ok(new TicketPage([.. rows.Take(take)], next));
    }

    internal static TicketSummary Summary(TicketRow t) => new(
        t.TicketId, t.Number, t.TenantId, t.ContractId, t.ContractReference, t.Kind, t.Title, t.Priority, t.Level, t.Status, t.PendingSide,
        t.RequesterName, t.AssigneeName, t.Team, t.CreatedAt, t.SlaDueAt, t.Breached);

    // What a list shows of a ticket, without its texts: a description may be tens of kilobytes.
    private const string ListColumns =
        """
        t.ticket_id AS id, t.number, t.tenant_id, t.contract_id, t.kind, t.title, t.priority, t.level::int AS level, t.status, t.pending_side,
        t.requester_name, t.assignee_name, t.team, t.created_at, t.sla_due_at, t.breached
        """;

    private const string TicketIdColumn = "t.ticket_id";

    /// <summary>A cursor's sort key, typed for the column it came from.</summary>
    private sealed record SortKey(DateTime Time = default, long Number = 0, string Text = "");

    /// <summary>
    /// A sort's SQL expression over <c>t</c>, the same expression over the cursor's key, how a row gives its key and how
    /// a key read back from a cursor is checked: a forged cursor is a 422, never a failed cast in the database.
    /// </summary>
    private sealed record SortColumn(string Expression, string KeyExpression, Func<TicketSummary, string> KeyOf, Func<string, SortKey?> ReadKey)
    {
        private static readonly Func<string, SortKey?> AnyText = text => new SortKey(Text: text);

        private static readonly Dictionary<string, SortColumn> All = new()
        {
            [TicketSorts.Urgency] = new("t.queue_rank", "@keyTime",
                row => (row.SlaDueAt ?? TicketSla.NoRank).UtcDateTime.ToString("O", CultureInfo.InvariantCulture),
                key => DateTime.TryParseExact(key, "O", CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var time) && time.Kind == DateTimeKind.Utc
                    ? new SortKey(Time: time) : null),
            [TicketSorts.Newest] = new(TicketIdColumn, "@afterId", _ => "", key => key.Length == 0 ? new SortKey() : null),
            [TicketSorts.Number] = new("t.number", "@keyNumber", row => row.Number.ToString(CultureInfo.InvariantCulture),
                key => long.TryParse(key, NumberStyles.None, CultureInfo.InvariantCulture, out var number) ? new SortKey(Number: number) : null),
            [TicketSorts.Title] = new("lower(t.title)", "lower(@keyText)", row => row.Title, AnyText),
            [TicketSorts.Priority] = new("t.priority", "@keyText", row => row.Priority, AnyText),
            [TicketSorts.Status] = new("array_position(@statusOrder::text[], t.status)", "array_position(@statusOrder::text[], @keyText)", row => row.Status,
                key => Statuses.All.Contains(key) ? new SortKey(Text: key) : null),
            [TicketSorts.Requester] = new("lower(t.requester_name)", "lower(@keyText)", row => row.RequesterName, AnyText),
        };

        public static SortColumn Of(string sort) => All[sort];
    }

    /// <summary>Reads one ticket with its clocks as of now and what the caller may do with it.</summary>
    public static Task<Results<Ok<TicketDetail>, NotFound>> GetAsync(
        Guid ticketId, [AsParameters] TicketServices services, CancellationToken cancellationToken) =>
        TicketAccess.ReadAsync<Results<Ok<TicketDetail>, NotFound>>(services.Database, services.User, ticketId, async (unitOfWork, ticket) =>
        {
            var now = services.Now;
            var clocks = await Evaluate(unitOfWork, ticket, services.Terms, now);
            return TypedResults.Ok(await TicketViews.DetailAsync(unitOfWork, ticket, clocks, services.Terms, services.User, services.Sla.Settings, now));
        }, () => TypedResults.NotFound(), cancellationToken);

    /// <summary>The clocks as of now, for reading (the scheduler and the changes are what raise events).</summary>
    internal static async Task<IReadOnlyList<ClockState>> Evaluate(UnitOfWork unitOfWork, TicketRow ticket, ContractReplica terms, DateTimeOffset now)
    {
        var service = await terms.TermsAsync(unitOfWork, ticket.ContractId, ticket.ContractVersion);
        var facts = new ClockFacts(ticket.CreatedAt, [.. await TicketStore.PausesAsync(unitOfWork, ticket)], ticket.RespondedAt, ticket.IsResolved ? ticket.ResolvedAt : null);
        var rows = await TicketSla.ClockRowsAsync(unitOfWork, ticket);
        return [.. SlaClocks.All.Select(c => TicketClocks.Evaluate(
            c, service.Calendar, service.Sla, ticket.Priority, facts, rows.GetValueOrDefault(c)?.Raised ?? new RaisedSoFar([], false), now))];
    }

    /// <summary>Reads the ticket's history in the order it was written; the client never sees the desk's internal entries.</summary>
    public static Task<Results<Ok<HistoryEntry[]>, NotFound>> HistoryAsync(Guid ticketId, Database database, CurrentUser user, CancellationToken cancellationToken) =>
        TicketAccess.ReadAsync<Results<Ok<HistoryEntry[]>, NotFound>>(database, user, ticketId, async (unitOfWork, ticket) =>
            TypedResults.Ok(await HistoryOfAsync(unitOfWork, ticket, user)), () => TypedResults.NotFound(), cancellationToken);

    /// <summary>The ticket's history as <paramref name="user"/> may read it, in the order it was written.</summary>
    internal static async Task<HistoryEntry[]> HistoryOfAsync(UnitOfWork unitOfWork, TicketRow ticket, CurrentUser user) =>
        [.. await unitOfWork.QueryAsync<HistoryEntry>(
            """
            SELECT entry_id AS id, occurred_at, actor_name, actor_side, field, before, after, note, internal
            FROM ticket_history WHERE tenant_id = @TenantId AND ticket_id = @TicketId AND (@desk OR NOT internal)
            ORDER BY occurred_at, seq
            """,
            new { ticket.TenantId, ticket.TicketId, desk = TicketAccess.IsDesk(user) })];

    /// <summary>Reads the ticket's comments, oldest first; the client never sees internal ones.</summary>
    public static Task<Results<Ok<CommentView[]>, NotFound>> CommentsAsync(Guid ticketId, Database database, CurrentUser user, CancellationToken cancellationToken) =>
        TicketAccess.ReadAsync<Results<Ok<CommentView[]>, NotFound>>(database, user, ticketId, async (unitOfWork, ticket) =>
            TypedResults.Ok(await CommentsOfAsync(unitOfWork, ticket, user)), () => TypedResults.NotFound(), cancellationToken);

    /// <summary>The ticket's comments as <paramref name="user"/> may read them, oldest first.</summary>
    internal static async Task<CommentView[]> CommentsOfAsync(UnitOfWork unitOfWork, TicketRow ticket, CurrentUser user) =>
        [.. (await unitOfWork.QueryAsync<(Guid Id, Guid? AuthorId, string AuthorName, string AuthorSide, string Visibility, string Body, DateTimeOffset CreatedAt)>(
            """
            SELECT comment_id, author_id, author_name, author_side, visibility, body, created_at
            FROM ticket_comments WHERE tenant_id = @TenantId AND ticket_id = @TicketId AND (@desk OR visibility = 'public')
            ORDER BY created_at, seq
            """,
            new { ticket.TenantId, ticket.TicketId, desk = TicketAccess.IsDesk(user) }))
            .Select(c => new CommentView(c.Id, new PersonView(c.AuthorId, c.AuthorName, c.AuthorSide), c.Visibility, c.Body, c.CreatedAt))];

    /// <summary>
    /// Adds a comment to the ticket. A public comment is the desk's response when it is the first; the client's public
    /// answer to a ticket waiting on it puts the ticket back in progress. Internal comments are the desk's own.
    /// </summary>
    public static async Task<Results<Created<CommentView>, NotFound, ForbidHttpResult, ProblemHttpResult>> CommentAsync(
        Guid ticketId, CommentRequest request, [AsParameters] TicketServices services, CancellationToken cancellationToken)
    {
        var (_, user, sla, _, _) = services;
        var errors = new FieldErrors();
        TextRules.Check(errors, "body", request.Body, MaxText, required: true);
        var visibility = request.Visibility ?? "public";
        if (visibility is not ("public" or "internal"))
        {
            errors.Add("visibility", TicketMessages.VisibilityUnknown);
        }
        else if (visibility == "internal" && !TicketAccess.IsDesk(user))
        {
            errors.Add("visibility", TicketMessages.InternalCommentDeskOnly);
        }

        if (!errors.IsEmpty)
        {
            return Problems.Invalid(errors);
        }

        return await TicketAccess.ChangeAsync<Results<Created<CommentView>, NotFound, ForbidHttpResult, ProblemHttpResult>>(services, ticketId, async (unitOfWork, ticket) =>
        {
            if (TicketAccess.OnlyReads(user))
            {
                return TypedResults.Forbid();
            }

            if (ticket.Status == Statuses.Closed)
            {
                return Problems.Conflict(TicketMessages.Closed);
            }

            var now = services.Now;
            var actor = TicketAccess.Actor(user);
            var commentId = Guid.CreateVersion7(now);
            await TicketStore.AddCommentAsync(unitOfWork, ticket, commentId, actor, visibility, request.Body!.Trim(), now);
            await TicketStore.AddHistoryAsync(unitOfWork, ticket, actor, now, "comment", null, visibility, @internal: visibility == "internal");
            if (visibility == "public")
            {
                if (actor.Side == Sides.Provider && ticket.RespondedAt is null)
                {
                    await unitOfWork.ExecuteAsync(
                        "UPDATE tickets SET responded_at = @now, updated_at = @now WHERE tenant_id = @TenantId AND ticket_id = @TicketId",
                        new { ticket.TenantId, ticket.TicketId, now = now.UtcDateTime });
                }
                else if (actor.Side == Sides.Client && ticket.Status == Statuses.PendingClient)
                {
                    await TicketChanges.SetStatusAsync(unitOfWork, ticket, Statuses.InProgress, actor, now, note: "The client answered.");
                }

                await unitOfWork.ExecuteAsync(
                    "UPDATE tickets SET updated_at = @now WHERE tenant_id = @TenantId AND ticket_id = @TicketId",
                    new { ticket.TenantId, ticket.TicketId, now = now.UtcDateTime });
                await sla.SyncAsync(unitOfWork, (await TicketStore.ReloadAsync(unitOfWork, ticket))!, now);
            }

            return TypedResults.Created($"/tickets/{ticketId}/comments/{commentId}",
                new CommentView(commentId, new PersonView(actor.Id, actor.Name, actor.Side), visibility, request.Body!.Trim(), now));
        }, () => TypedResults.NotFound(), cancellationToken);
    }
}
