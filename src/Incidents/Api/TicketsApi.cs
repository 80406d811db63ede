using System.Text;
using Infogerance.Data;
using Infogerance.Incidents.Data;
using Infogerance.Incidents.Domain;
using Infogerance.IntegrationEvents;
using Infogerance.ServiceDefaults;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Infogerance.Incidents.Api;

public sealed record OpenTicketRequest(
    Guid? ContractId, string? Kind, string? Title, string? Description, string? Impact, string? Urgency, string? Priority, string? PriorityReason,
    Guid? InventoryItemId);

public sealed record TicketPage(IReadOnlyList<TicketSummary> Items, string? NextCursor);

public sealed record ContractView(Guid Id, Guid TenantId, string Reference, Guid ProviderOrganisationId);

public sealed record HistoryEntry(
    Guid Id, DateTimeOffset OccurredAt, string ActorName, string ActorSide, string Field, string? Before, string? After, string? Note, bool Internal);

public sealed record CommentView(Guid Id, PersonView Author, string Visibility, string Body, DateTimeOffset CreatedAt);

public sealed record CommentRequest(string? Body, string? Visibility);

/// <summary>Opening tickets, reading them (the desk's queue across clients, a client's own list, one ticket) and commenting.</summary>
public static class TicketsApi
{
    public const int MaxTitle = 200;
    public const int MaxText = 20_000;
    public const int MaxPage = 100;

    public static void MapTicketsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("").RequireAuthorization(Policies.ContractReaders);
        api.MapGet("/contracts", Contracts);
        api.MapPost("/tickets", Open);
        api.MapGet("/tickets", List);
        api.MapGet("/tickets/{ticketId:guid}", Get);
        api.MapGet("/tickets/{ticketId:guid}/history", History);
        api.MapGet("/tickets/{ticketId:guid}/comments", Comments);
        api.MapPost("/tickets/{ticketId:guid}/comments", Comment);
    }

    /// <summary>The open contracts the caller can open tickets on.</summary>
    public static async Task<Ok<ContractView[]>> Contracts(Database database, CurrentUser user, CancellationToken cancellationToken)
    {
        await using var unitOfWork = await database.BeginAsync(user, cancellationToken);
        var contracts = await unitOfWork.QueryAsync<ContractView>(
            """
            SELECT c.contract_id AS id, c.tenant_id, c.reference, c.provider_organisation_id
            FROM contracts c JOIN contract_parties p ON p.contract_id = c.contract_id AND p.is_open
            WHERE EXISTS (SELECT FROM contract_terms v WHERE v.contract_id = c.contract_id)
            ORDER BY lower(c.reference)
            """);
        return TypedResults.Ok(contracts.ToArray());
    }

    public static async Task<IResult> Open(
        OpenTicketRequest request, Database database, CurrentUser user, TicketSla sla, ContractTermsStore terms, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        if (!TicketAccess.MayOpen(user))
        {
            return TypedResults.Forbid();
        }

        var errors = Check(request);
        if (errors.Count > 0)
        {
            return Problems.Invalid(errors);
        }

        var now = TicketAccess.Now(clock);
        await using var unitOfWork = await database.BeginAsync(user, cancellationToken);
        if (await ContractTermsStore.ContractAsync(unitOfWork, request.ContractId!.Value) is not { } contract
            || !await unitOfWork.ExecuteScalarAsync<bool>("SELECT EXISTS (SELECT FROM contract_parties WHERE contract_id = @contractId AND is_open)", new { contractId = contract.ContractId }))
        {
            return TicketAccess.Invalid("contractId", "No open contract with this id is visible to you.");
        }

        if (await ContractTermsStore.VersionInForceAsync(unitOfWork, contract.ContractId, now) is not { } version)
        {
            return TicketAccess.Invalid("contractId", "The contract is not signed yet: tickets open once its terms are in force.");
        }

        if (request.InventoryItemId is { } itemId
            && !await unitOfWork.ExecuteScalarAsync<bool>(
                "SELECT EXISTS (SELECT FROM inventory_items WHERE contract_id = @contractId AND item_id = @itemId)", new { contract.ContractId, itemId }))
        {
            return TicketAccess.Invalid("inventoryItemId", "This item is not in the contract's inventory.");
        }

        var matrix = PriorityMatrix.PriorityOf(request.Impact!, request.Urgency!);
        var priority = request.Priority ?? matrix;
        var actor = TicketAccess.Actor(user);
        var ticketId = Guid.CreateVersion7(now);
        var ticket = await TicketChanges.OpenAsync(unitOfWork, new NewTicket(
            contract.TenantId, contract.ContractId, ticketId, request.Kind!, request.Title!.Trim(), request.Description?.Trim() ?? "",
            request.Impact!, request.Urgency!, priority, priority == matrix ? null : request.PriorityReason!.Trim(), actor, request.InventoryItemId,
            version, now));
        var clocks = await sla.SyncAsync(unitOfWork, ticket, now);
        ticket = (await TicketStore.ReloadAsync(unitOfWork, ticket))!;
        var detail = await TicketViews.DetailAsync(unitOfWork, ticket, clocks, terms, user, sla.Settings, now);
        await unitOfWork.CommitAsync();
        return TypedResults.Created($"/tickets/{ticketId}", detail);
    }

    private static Dictionary<string, string[]> Check(OpenTicketRequest request)
    {
        var errors = new Dictionary<string, string[]>();
        if (request.ContractId is null)
        {
            errors["contractId"] = ["Choose the contract the ticket is about."];
        }

        if (request.Kind is null || !TicketKinds.All.Contains(request.Kind))
        {
            errors["kind"] = ["The kind is incident or request."];
        }

        CheckText(errors, "title", request.Title, MaxTitle, required: true);
        CheckText(errors, "description", request.Description, MaxText, required: false);
        foreach (var (field, value) in new[] { ("impact", request.Impact), ("urgency", request.Urgency) })
        {
            if (value is null || !PriorityMatrix.Levels.Contains(value))
            {
                errors[field] = ["Choose high, medium or low."];
            }
        }

        if (request.Priority is not null)
        {
            if (!PriorityMatrix.Priorities.Contains(request.Priority))
            {
                errors["priority"] = ["The priority is P1, P2, P3 or P4."];
            }
            else if (!errors.ContainsKey("impact") && !errors.ContainsKey("urgency")
                && request.Priority != PriorityMatrix.PriorityOf(request.Impact!, request.Urgency!))
            {
                CheckText(errors, "priorityReason", request.PriorityReason, 1000, required: true,
                    missing: "Say why the priority differs from what impact and urgency give.");
            }
        }

        return errors;
    }

    public static void CheckText(Dictionary<string, string[]> errors, string field, string? value, int max, bool required, string? missing = null)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            if (required)
            {
                errors[field] = [missing ?? "This field is required."];
            }
        }
        else if (value.Length > max)
        {
            errors[field] = [$"At most {max} characters."];
        }
    }

    /// <summary>
    /// The desk's queue across its clients (open tickets by SLA urgency: the earliest due first, tickets waiting on the
    /// client last) or a client's own tickets (newest first), filtered, a page at a time.
    /// </summary>
    public static async Task<IResult> List(
        Database database, CurrentUser user, CancellationToken cancellationToken,
        [FromQuery] Guid? contractId, [FromQuery] Guid? tenantId, [FromQuery(Name = "status")] string[]? statuses,
        [FromQuery(Name = "priority")] string[]? priorities, string? kind, int? level, string? assignee, string? team, bool? breached,
        string? sort, int? limit, string? cursor)
    {
        var errors = new Dictionary<string, string[]>();
        statuses = statuses is { Length: > 0 } ? statuses : null;
        priorities = priorities is { Length: > 0 } ? priorities : null;
        if (statuses?.Any(s => !Statuses.All.Contains(s) && s != "open") == true)
        {
            errors["status"] = [$"Statuses are open or {string.Join(", ", Statuses.All)}."];
        }

        if (priorities?.Any(p => !PriorityMatrix.Priorities.Contains(p)) == true)
        {
            errors["priority"] = ["Priorities are P1, P2, P3, P4."];
        }

        if (kind is not null && !TicketKinds.All.Contains(kind))
        {
            errors["kind"] = ["The kind is incident or request."];
        }

        if (level is not (null or 1 or 2))
        {
            errors["level"] = ["The level is 1 or 2."];
        }

        sort ??= TicketAccess.IsDesk(user) ? "urgency" : "newest";
        if (sort is not ("urgency" or "newest"))
        {
            errors["sort"] = ["Sort by urgency or newest."];
        }

        if (limit is < 1 or > MaxPage)
        {
            errors["limit"] = [$"From 1 to {MaxPage}."];
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
                errors["assignee"] = ["me, none or a user id."];
            }
        }

        var after = cursor is null ? null : Cursor.Read(cursor);
        if (cursor is not null && after is null)
        {
            errors["cursor"] = ["This cursor was not given by this list."];
        }

        if (errors.Count > 0)
        {
            return Problems.Invalid(errors);
        }

        // "open" (the default of the urgency sort) stands for every status a ticket still needs work in.
        var wanted = (statuses ?? (sort == "urgency" ? ["open"] : [])).SelectMany(s => s == "open" ? Statuses.All.Where(Statuses.IsOpen) : [s]).Distinct().ToArray();
        var order = sort == "urgency"
            ? ("t.queue_rank, t.ticket_id", "(t.queue_rank, t.ticket_id) > (@rank, @afterId)")
            : ("t.ticket_id DESC", "t.ticket_id < @afterId");
        var filters =
            $"""
              AND (@contractId::uuid IS NULL OR t.contract_id = @contractId)
              AND (@tenantId::uuid IS NULL OR t.tenant_id = @tenantId)
              AND (cardinality(@wanted) = 0 OR t.status = ANY(@wanted))
              AND (cardinality(@priorities) = 0 OR t.priority = ANY(@priorities))
              AND (@kind::text IS NULL OR t.kind = @kind)
              AND (@level::smallint IS NULL OR t.level = @level)
              AND (@assigneeId::uuid IS NULL OR t.assignee_id = @assigneeId)
              AND (NOT @unassigned OR (t.assignee_id IS NULL AND t.team IS NULL))
              AND (@team::text IS NULL OR t.team = @team)
              AND (@breached::boolean IS NULL OR t.breached = @breached)
              AND (@requester::uuid IS NULL OR t.requester_id = @requester)
              AND (@afterId::uuid IS NULL OR {order.Item2})
            """;
        await using var unitOfWork = await database.BeginAsync(user, cancellationToken);
        // The caller sees whole tenants and single contracts (a desk: its clients' contracts). Each gives its own first
        // page, walking an index in the list's order from its tenant or contract and stopping there, and the page is the
        // first of their union: a page no longer costs what the caller sees (docs/benchmarks.md, 1,000,000 tickets).
        // Row-level security hides from the planner that every row of a contract the caller sees passes it, so it guesses
        // a contract's open tickets in tens and would rather read them all with a bitmap scan and sort them than walk
        // the index and stop after a page: bitmap scans are off for this statement.
        await unitOfWork.ExecuteAsync("SET LOCAL enable_bitmapscan = off");
        var rows = (await unitOfWork.QueryAsync<TicketRow>(
            $"""
            {TicketStore.SelectTicket}
            JOIN (
                SELECT t.tenant_id, t.ticket_id FROM (
                    SELECT v.* FROM unnest(@tenants::uuid[]) AS s (tenant_id) CROSS JOIN LATERAL (
                        SELECT t.tenant_id, t.ticket_id, t.queue_rank FROM tickets t
                        WHERE t.tenant_id = s.tenant_id {filters}
                        ORDER BY {order.Item1} LIMIT @take) v
                    UNION ALL
                    SELECT v.* FROM unnest(@contracts::uuid[]) AS s (contract_id) CROSS JOIN LATERAL (
                        SELECT t.tenant_id, t.ticket_id, t.queue_rank FROM tickets t
                        WHERE t.contract_id = s.contract_id AND t.tenant_id <> ALL(@tenants) {filters}
                        ORDER BY {order.Item1} LIMIT @take) v
                ) AS t
                ORDER BY {order.Item1} LIMIT @take
            ) AS page ON page.tenant_id = t.tenant_id AND page.ticket_id = t.ticket_id
            ORDER BY {order.Item1}
            LIMIT @take
            """,
            new
            {
                tenants = unitOfWork.TenantIds.ToArray(), contracts = unitOfWork.Contracts.Select(c => c.ContractId).ToArray(),
                contractId, tenantId, wanted, priorities = priorities ?? [], kind, level = (short?)level, assigneeId, unassigned, team, breached,
                requester = TicketAccess.OnlyRequestedBy(user), afterId = after?.Id, rank = after?.Rank.UtcDateTime ?? DateTime.MinValue,
                take = (limit ?? 50) + 1,
            })).ToList();
        var take = limit ?? 50;
        var next = rows.Count > take ? Cursor.Write(rows[take - 1], sort == "urgency") : null;
        return TypedResults.Ok(new TicketPage([.. rows.Take(take).Select(Summary)], next));
    }

    private static TicketSummary Summary(TicketRow t) => new(
        t.TicketId, t.Number, t.TenantId, t.ContractId, t.ContractReference, t.Kind, t.Title, t.Priority, t.Level, t.Status, t.PendingSide,
        t.RequesterName, t.AssigneeName, t.Team, t.CreatedAt, t.SlaDueAt, t.Breached);

    /// <summary>An opaque keyset cursor: the last row's id, and its queue rank for the urgency sort.</summary>
    private static class Cursor
    {
        public static string Write(TicketRow row, bool urgency) =>
            Convert.ToBase64String(Encoding.UTF8.GetBytes(urgency ? $"{row.TicketId}:{(row.SlaDueAt ?? TicketSla.NoRank).ToUnixTimeSeconds()}" : $"{row.TicketId}"))
                .TrimEnd('=').Replace('+', '-').Replace('/', '_');

        public static (Guid Id, DateTimeOffset Rank)? Read(string cursor)
        {
            try
            {
                var padded = cursor.Replace('-', '+').Replace('_', '/');
                padded += new string('=', (4 - padded.Length % 4) % 4);
                var parts = Encoding.UTF8.GetString(Convert.FromBase64String(padded)).Split(':');
                if (!Guid.TryParse(parts[0], out var id))
                {
                    return null;
                }

                return parts.Length == 2 && long.TryParse(parts[1], out var seconds) && seconds is >= 0 and <= 253402300799
                    ? (id, DateTimeOffset.FromUnixTimeSeconds(seconds))
                    : parts.Length == 1 ? (id, DateTimeOffset.MinValue) : null;
            }
            catch (FormatException)
            {
                return null;
            }
        }
    }

    public static Task<IResult> Get(
        Guid ticketId, Database database, CurrentUser user, TicketSla sla, ContractTermsStore terms, TimeProvider clock, CancellationToken cancellationToken) =>
        TicketAccess.ReadAsync(database, user, ticketId, cancellationToken, async (unitOfWork, ticket) =>
        {
            var now = TicketAccess.Now(clock);
            var clocks = await Evaluate(unitOfWork, ticket, terms, now);
            return TypedResults.Ok(await TicketViews.DetailAsync(unitOfWork, ticket, clocks, terms, user, sla.Settings, now));
        });

    /// <summary>The clocks as of now, for reading (the scheduler and the changes are what raise events).</summary>
    private static async Task<IReadOnlyList<ClockState>> Evaluate(UnitOfWork unitOfWork, TicketRow ticket, ContractTermsStore terms, DateTimeOffset now)
    {
        var service = await terms.TermsAsync(unitOfWork, ticket.ContractId, ticket.ContractVersion);
        var facts = new ClockFacts(ticket.CreatedAt, [.. await TicketStore.PausesAsync(unitOfWork, ticket)], ticket.RespondedAt, ticket.IsResolved ? ticket.ResolvedAt : null);
        var rows = await TicketSla.ClockRowsAsync(unitOfWork, ticket);
        return [.. new[] { Clocks.Respond, Clocks.Resolve }.Select(c => TicketClocks.Evaluate(
            c, service.Calendar, service.Sla, ticket.Priority, facts, rows.GetValueOrDefault(c)?.Raised ?? new RaisedSoFar([], false), now))];
    }

    public static Task<IResult> History(Guid ticketId, Database database, CurrentUser user, CancellationToken cancellationToken) =>
        TicketAccess.ReadAsync(database, user, ticketId, cancellationToken, async (unitOfWork, ticket) =>
            TypedResults.Ok((await unitOfWork.QueryAsync<HistoryEntry>(
                """
                SELECT entry_id AS id, occurred_at, actor_name, actor_side, field, before, after, note, internal
                FROM ticket_history WHERE tenant_id = @TenantId AND ticket_id = @TicketId AND (@desk OR NOT internal)
                ORDER BY occurred_at, seq
                """,
                new { ticket.TenantId, ticket.TicketId, desk = TicketAccess.IsDesk(user) })).ToArray()));

    public static Task<IResult> Comments(Guid ticketId, Database database, CurrentUser user, CancellationToken cancellationToken) =>
        TicketAccess.ReadAsync(database, user, ticketId, cancellationToken, async (unitOfWork, ticket) =>
            TypedResults.Ok((await unitOfWork.QueryAsync<(Guid Id, Guid? AuthorId, string AuthorName, string AuthorSide, string Visibility, string Body, DateTimeOffset CreatedAt)>(
                """
                SELECT comment_id, author_id, author_name, author_side, visibility, body, created_at
                FROM ticket_comments WHERE tenant_id = @TenantId AND ticket_id = @TicketId AND (@desk OR visibility = 'public')
                ORDER BY created_at, seq
                """,
                new { ticket.TenantId, ticket.TicketId, desk = TicketAccess.IsDesk(user) }))
                .Select(c => new CommentView(c.Id, new PersonView(c.AuthorId, c.AuthorName, c.AuthorSide), c.Visibility, c.Body, c.CreatedAt)).ToArray()));

    /// <summary>
    /// A public comment is the desk's response when it is the first; the client's public answer to a ticket waiting on
    /// it puts the ticket back in progress. Internal comments are the desk's own.
    /// </summary>
    public static Task<IResult> Comment(
        Guid ticketId, CommentRequest request, Database database, CurrentUser user, TicketSla sla, TimeProvider clock, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        CheckText(errors, "body", request.Body, MaxText, required: true);
        var visibility = request.Visibility ?? "public";
        if (visibility is not ("public" or "internal"))
        {
            errors["visibility"] = ["The visibility is public or internal."];
        }
        else if (visibility == "internal" && !TicketAccess.IsDesk(user))
        {
            errors["visibility"] = ["Only the provider's desk writes internal comments."];
        }

        if (errors.Count > 0)
        {
            return Task.FromResult<IResult>(Problems.Invalid(errors));
        }

        return TicketAccess.ChangeAsync(database, user, ticketId, cancellationToken, async (unitOfWork, ticket) =>
        {
            if (user.IsInRole(Roles.Auditor) && !TicketAccess.MayOpen(user))
            {
                return TypedResults.Forbid();
            }

            if (ticket.Status == Statuses.Closed)
            {
                return Problems.Conflict("The ticket is closed: reopen it or open a new one.");
            }

            var now = TicketAccess.Now(clock);
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
        });
    }
}
