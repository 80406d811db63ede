using Infogerance.IntegrationEvents;
using System.Diagnostics;
using Infogerance.Data;
using Infogerance.Documents;
using Infogerance.Incidents.Data;
using Infogerance.Incidents.Domain;
using Infogerance.Messaging;
using Infogerance.ServiceDefaults;
using Infogerance.Validation;
using Microsoft.AspNetCore.Http.HttpResults;
using NodaTime;

namespace Infogerance.Incidents.Api;

/// <summary>A ticket the import created: its number here and its reference at the outgoing provider.</summary>
public sealed record ImportedTicketView(Guid Id, long Number, string ExternalReference);

/// <summary>How many tickets the import created, and which.</summary>
public sealed record TicketImportResult(int Imported, IReadOnlyList<ImportedTicketView> Tickets);

/// <summary>
/// The takeover import: the outgoing provider's ticket history (CSV or JSON, format in docs/incidents-api.md) becomes
/// the contract's tickets, with their SLA clocks computed as of their own times. The whole file or nothing.
/// </summary>
public static class ImportsApi
{
    public const long MaxBytes = 10 * 1024 * 1024;

    private sealed record VersionDay(int Number, DateOnly EffectiveFrom, string? TimeZone)
    {
        public DateTimeZone Zone => DateTimeZoneProviders.Tzdb.GetZoneOrNull(TimeZone ?? "") ?? DateTimeZone.Utc;
    }

    public static void MapImportsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/contracts/{contractId:guid}/imports").RequireAuthorization(Policies.ClientManagers);
        api.MapPost("", ImportAsync).AcceptsUpload()
            .WithDescription(
                "A CSV or JSON file of the outgoing provider's tickets. Its times carry an offset, or are read in the zone of the " +
                "contract's calendar (that of its first version): a local time that does not exist there (the spring change) or " +
                "happens twice (the autumn change) is refused, naming its line or field. Every ticket of the file is imported, or none.");
    }

    /// <summary>Imports the outgoing provider's ticket history into the contract: every ticket of the file, or none.</summary>
    public static async Task<Results<Created<TicketImportResult>, NotFound, ForbidHttpResult, ProblemHttpResult>> ImportAsync(
        Guid contractId, HttpRequest request, [AsParameters] TicketServices services, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        var (database, user, sla, terms, _) = services;
        if (user.OrganisationKind != OrganisationKind.Client)
        {
            return TypedResults.Forbid();
        }

        var now = services.Now;

        // What the file is checked against, read before the upload so that nobody learns whether a contract exists from
        // the answer to a bad file; no connection is held while the upload comes in.
        TicketHistoryContext context;
        await using (var unitOfWork = await database.BeginAsync(user, cancellationToken))
        {
            if (await ContractReplica.ContractAsync(unitOfWork, contractId) is null)
            {
                return TypedResults.NotFound();
            }

            if (await StateAsync(unitOfWork, contractId) is { } refusal)
            {
                return refusal;
            }

            var first = (await VersionsAsync(unitOfWork, contractId))[0];
            var earliest = first.Zone.AtStartOfDay(LocalDate.FromDateOnly(first.EffectiveFrom).PlusYears(-TicketHistory.HistoryYears)).ToDateTimeOffset();
            context = new TicketHistoryContext(now, earliest, first.Zone, sla.Settings.ReopenWindow, sla.Settings.AutoCloseAfter);
        }

        var (file, problem) = await Uploads.ReadFileAsync(request, MaxBytes, cancellationToken);
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

        var watch = Stopwatch.StartNew();
        var read = TicketHistoryFile.Read(content, file.FileName, context);
        if (read.Errors.Count > 0)
        {
            return Problems.Invalid(read.Errors);
        }

        var parsed = watch.Elapsed;
        await using (var unitOfWork = await database.BeginAsync(user, cancellationToken))
        {
            // Imports into one contract one after the other: the references checked below stay free until commit.
            await unitOfWork.ExecuteAsync("SELECT pg_advisory_xact_lock(hashtextextended(@key, 0))", new { key = $"ticket-import:{contractId}" });
            if (await ContractReplica.ContractAsync(unitOfWork, contractId) is not { } contract)
            {
                return TypedResults.NotFound();
            }

            if (await StateAsync(unitOfWork, contractId) is { } refusal)
            {
                return refusal;
            }

            var existing = (await unitOfWork.QueryAsync<(string Reference, long Number)>(
                """
                SELECT external_reference, number FROM tickets
                WHERE tenant_id = @TenantId AND contract_id = @ContractId AND external_reference = ANY(@references)
                """,
                new { contract.TenantId, contract.ContractId, references = read.Tickets.Select(t => t.Reference).ToArray() }))
                .ToDictionary(e => e.Reference, e => e.Number, StringComparer.Ordinal);
            if (existing.Count > 0)
            {
                foreach (var ticket in read.Tickets.Where(t => existing.ContainsKey(t.Reference)))
                {
                    read.Errors.Add(ticket.Place, "reference", TicketImportMessages.AlreadyImported(ticket.Reference, existing[ticket.Reference]));
                }

                return Problems.Invalid(read.Errors);
            }

            var versions = await VersionsAsync(unitOfWork, contractId);
            var tickets = new List<ImportTicket>(read.Tickets.Count);
            foreach (var checkedTicket in read.Tickets)
            {
                var replayed = TicketHistory.Replay(checkedTicket, sla.Settings.AutoCloseAfter, now);
                var version = VersionAt(versions, checkedTicket.OpenedAt);
                var service = await terms.TermsAsync(unitOfWork, contract.ContractId, version);
                tickets.Add(new ImportTicket(Guid.CreateVersion7(checkedTicket.OpenedAt), version, replayed, ClocksOf(replayed, service, sla.Settings, now)));
            }

            var clocked = watch.Elapsed;
            var written = await InsertAsync(unitOfWork, contract, tickets);
            var importId = Guid.CreateVersion7(now);
            await AuditLog.WriteAsync(unitOfWork, contract.TenantId, AuditLog.Actor.Of(user), "tickets.imported", "ticketImport", importId, null,
                new
                {
                    File = Path.GetFileName(file.FileName), Format = read.Format?.ToString().ToLowerInvariant(), Imported = written.Count,
                    FirstNumber = written.Min(w => w.Number), LastNumber = written.Max(w => w.Number),
                    Open = tickets.Count(t => Statuses.IsOpen(t.Replayed.Status)),
                },
                contract.ContractId);
            await unitOfWork.CommitAsync();
            loggers.CreateLogger(typeof(ImportsApi)).LogInformation(
                "Imported {Count} tickets into contract {ContractId}: file read and checked in {ParseMs} ms, histories and clocks computed in {ClocksMs} ms, written in {WriteMs} ms",
                written.Count, contract.ContractId, (long)parsed.TotalMilliseconds, (long)(clocked - parsed).TotalMilliseconds,
                (long)(watch.Elapsed - clocked).TotalMilliseconds);
            return TypedResults.Created((string?)null, new TicketImportResult(written.Count, written));
        }
    }

    /// <summary>409 when the contract takes no tickets: not signed yet (no terms here), or closed.</summary>
    private static async Task<ProblemHttpResult?> StateAsync(UnitOfWork unitOfWork, Guid contractId)
    {
        var state = await unitOfWork.QuerySingleOrDefaultAsync<(bool Signed, bool Open)>(
            """
            SELECT EXISTS (SELECT FROM contract_terms WHERE contract_id = @contractId),
                   EXISTS (SELECT FROM contract_parties WHERE contract_id = @contractId AND is_open)
            """,
            new { contractId });
        return !state.Signed ? Problems.Conflict(TicketImportMessages.NotSigned)
            : !state.Open ? Problems.Conflict(TicketImportMessages.Closed)
            : null;
    }

    private static async Task<IReadOnlyList<VersionDay>> VersionsAsync(UnitOfWork unitOfWork, Guid contractId) =>
        [.. await unitOfWork.QueryAsync<VersionDay>(
            """
            SELECT version_number AS number, effective_from, terms #>> '{calendar,timeZone}' AS time_zone
            FROM contract_terms WHERE contract_id = @contractId ORDER BY version_number
            """,
            new { contractId })];

    /// <summary>
    /// The version in force when a ticket was opened, as <see cref="ContractReplica.VersionInForceAsync"/> reads it (the
    /// latest whose effective day, in its calendar's zone, has come; else the first), without a query per ticket.
    /// </summary>
    private static int VersionAt(IReadOnlyList<VersionDay> versions, DateTimeOffset at)
    {
        var instant = Instant.FromDateTimeOffset(at);
        for (var i = versions.Count - 1; i >= 0; i--)
        {
            if (instant.InZone(versions[i].Zone).Date.ToDateOnly() >= versions[i].EffectiveFrom)
            {
                return versions[i].Number;
            }
        }

        return versions[0].Number;
    }

    /// <summary>A ticket to write: its id, the contract version in force at its opening, its state and its clocks.</summary>
    private sealed record ImportTicket(Guid Id, int Version, ReplayedTicket Replayed, ImportClocks Clocks);

    private sealed record ClockRowValues(
        string Clock, DateTimeOffset DueAt, long TargetSeconds, int[] WarningsRaised, DateTimeOffset? BreachedAt, DateTimeOffset? CompletedAt,
        bool? Met, long? UsedSeconds, int Completions);

    private sealed record ImportClocks(IReadOnlyList<ClockRowValues> Rows, DateTimeOffset? SlaDueAt, bool Breached, DateTimeOffset? NextTimerAt);

    /// <summary>
    /// What <see cref="TicketSla.SyncAsync"/> with raiseEvents false stores for a ticket that has no clock yet, for every
    /// ticket before anything is written: SyncAsync reads and writes six times per ticket, this is one statement for all
    /// tickets. The same <see cref="TicketClocks.Evaluate"/> from the same facts, and
    /// the same bookkeeping: what fell due by now is recorded as raised (a breach marks every warning), a stopped clock is
    /// completed once, the queue's due time is the earliest clock counting, and the next timer is the next warning or
    /// breach not yet due, or the end of a resolved ticket's quiet period. The end-to-end test checks that SyncAsync from
    /// scratch stores the same clocks, and that SyncAsync run again (as the scheduler does) changes nothing.
    /// </summary>
    private static ImportClocks ClocksOf(ReplayedTicket ticket, ServiceTerms service, TicketSettings settings, DateTimeOffset now)
    {
        var resolved = ticket.Status is Statuses.Resolved or Statuses.Closed;
        var facts = new ClockFacts(ticket.Ticket.OpenedAt, [.. ticket.Pauses.Select(p => (p.From, p.To))], ticket.RespondedAt, resolved ? ticket.ResolvedAt : null);
        DateTimeOffset? nextTimer = ticket.Status == Statuses.Resolved && ticket.ResolvedAt is { } resolvedAt ? resolvedAt + settings.AutoCloseAfter : null;
        DateTimeOffset? slaDue = null;
        var breached = false;
        var rows = new List<ClockRowValues>(2);
        foreach (var clock in SlaClocks.All)
        {
            var state = TicketClocks.Evaluate(clock, service.Calendar, service.Sla, ticket.Ticket.Priority, facts, new RaisedSoFar([], false), now);
            var result = state.Result;
            var warnings = new SortedSet<int>(state.BreachReached ? service.Sla.WarningThresholds : state.WarningsReached);
            DateTimeOffset? breachedAt = state.BreachReached ? result.DueAt : null;
            var completed = !state.Running;
            rows.Add(new ClockRowValues(
                clock, result.DueAt, result.TargetBusinessSeconds, [.. warnings], breachedAt, completed ? result.EvaluatedAt : null,
                completed ? !result.Breached : null, completed ? result.ElapsedBusinessSeconds : null, completed ? 1 : 0));
            breached |= breachedAt is not null;
            if (state.Running && !state.Paused)
            {
                slaDue = slaDue is { } d && d < result.DueAt ? d : result.DueAt;
            }

            // Unlike SyncAsync, no timer for a breach recorded just now: it would only wake the scheduler at once, for
            // thousands of tickets, to find there is nothing left to raise.
            if (state.NextTimerAt is { } timer && !state.BreachReached)
            {
                nextTimer = nextTimer is { } n && n < timer ? n : timer;
            }
        }

        return new ImportClocks(rows, slaDue, breached, nextTimer);
    }

    /// <summary>
    /// The tickets, their pauses, history, clocks and timers: one statement each whatever the number of tickets (arrays
    /// through unnest), tickets numbered in the order they were opened.
    /// </summary>
    private static async Task<List<ImportedTicketView>> InsertAsync(UnitOfWork unitOfWork, ContractSummary contract, IReadOnlyList<ImportTicket> tickets)
    {
        var numbers = (await unitOfWork.QueryAsync<(Guid Id, long Number)>(
            """
            INSERT INTO tickets (tenant_id, contract_id, ticket_id, kind, title, description, impact, urgency, priority, priority_reason, level,
                                 status, pending_side, pending_reason, requester_name, requester_side, assignee_name, team, contract_version,
                                 source, external_reference, created_at, updated_at, responded_at, resolved_at, resolution, closed_at,
                                 reopen_count, sla_due_at, queue_rank, breached)
            SELECT @TenantId, @ContractId, t.id, t.kind, t.title, t.description, t.impact, t.urgency, t.priority, t.reason, t.level,
                   t.status, t.pending_side, t.pending_reason, t.requester, 'client', t.assignee, t.team, t.version,
                   'import', t.reference, t.created_at, t.updated_at, t.responded_at, t.resolved_at, t.resolution, t.closed_at,
                   t.reopens, t.sla_due_at, coalesce(t.sla_due_at, @noRank), t.breached
            FROM unnest(@ids, @kinds, @titles, @descriptions, @impacts, @urgencies, @priorities, @reasons, @levels, @statuses, @pendingSides,
                        @pendingReasons, @requesters, @assignees, @teams, @versions, @references, @createdAt, @updatedAt,
                        @respondedAt::timestamptz[], @resolvedAt::timestamptz[], @resolutions, @closedAt::timestamptz[], @reopens,
                        @slaDueAt::timestamptz[], @breached)
                 WITH ORDINALITY AS t(id, kind, title, description, impact, urgency, priority, reason, level, status, pending_side,
                                      pending_reason, requester, assignee, team, version, reference, created_at, updated_at, responded_at,
                                      resolved_at, resolution, closed_at, reopens, sla_due_at, breached, ordinal)
            ORDER BY t.ordinal
            RETURNING ticket_id, number
            """,
            new
            {
                contract.TenantId, contract.ContractId, noRank = TicketSla.NoRank.UtcDateTime,
                ids = tickets.Select(t => t.Id).ToArray(),
                kinds = tickets.Select(t => t.Replayed.Ticket.Kind).ToArray(),
                titles = tickets.Select(t => t.Replayed.Ticket.Title).ToArray(),
                descriptions = tickets.Select(t => t.Replayed.Ticket.Description).ToArray(),
                impacts = tickets.Select(t => t.Replayed.Ticket.Impact).ToArray(),
                urgencies = tickets.Select(t => t.Replayed.Ticket.Urgency).ToArray(),
                priorities = tickets.Select(t => t.Replayed.Ticket.Priority).ToArray(),
                reasons = tickets.Select(t => t.Replayed.Ticket.PriorityReason).ToArray(),
                levels = tickets.Select(t => t.Replayed.Ticket.Level).ToArray(),
                statuses = tickets.Select(t => t.Replayed.Status).ToArray(),
                pendingSides = tickets.Select(t => t.Replayed.PendingSide).ToArray(),
                pendingReasons = tickets.Select(t => t.Replayed.PendingReason).ToArray(),
                requesters = tickets.Select(t => t.Replayed.Ticket.RequesterName).ToArray(),
                assignees = tickets.Select(t => t.Replayed.AssigneeName).ToArray(),
                teams = tickets.Select(t => t.Replayed.Team).ToArray(),
                versions = tickets.Select(t => t.Version).ToArray(),
                references = tickets.Select(t => t.Replayed.Ticket.Reference).ToArray(),
                createdAt = tickets.Select(t => t.Replayed.Ticket.OpenedAt.UtcDateTime).ToArray(),
                updatedAt = tickets.Select(t => t.Replayed.UpdatedAt.UtcDateTime).ToArray(),
                respondedAt = tickets.Select(t => t.Replayed.RespondedAt?.UtcDateTime).ToArray(),
                resolvedAt = tickets.Select(t => t.Replayed.ResolvedAt?.UtcDateTime).ToArray(),
                resolutions = tickets.Select(t => t.Replayed.Resolution).ToArray(),
                closedAt = tickets.Select(t => t.Replayed.ClosedAt?.UtcDateTime).ToArray(),
                reopens = tickets.Select(t => t.Replayed.ReopenCount).ToArray(),
                slaDueAt = tickets.Select(t => t.Clocks.SlaDueAt?.UtcDateTime).ToArray(),
                breached = tickets.Select(t => t.Clocks.Breached).ToArray(),
            })).ToDictionary(r => r.Id, r => r.Number);

        var pauses = tickets.SelectMany(t => t.Replayed.Pauses.Select(p => (Ticket: t.Id, Pause: p))).ToList();
        await unitOfWork.ExecuteAsync(
            """
            INSERT INTO ticket_pauses (tenant_id, contract_id, ticket_id, paused_from, paused_to, kind)
            SELECT @TenantId, @ContractId, p.* FROM unnest(@tickets, @froms, @tos::timestamptz[], @kinds) AS p
            """,
            new
            {
                contract.TenantId, contract.ContractId,
                tickets = pauses.Select(p => p.Ticket).ToArray(),
                froms = pauses.Select(p => p.Pause.From.UtcDateTime).ToArray(),
                tos = pauses.Select(p => p.Pause.To?.UtcDateTime).ToArray(),
                kinds = pauses.Select(p => p.Pause.Kind).ToArray(),
            });

        // Entry ids order a ticket's history (its list sorts by them): one millisecond apart, so entries of one second
        // keep the file's order; the instants shown are occurred_at, to the second.
        var history = tickets.SelectMany(t => t.Replayed.History.Select((h, k) => (Ticket: t.Id, Entry: Guid.CreateVersion7(h.At.AddMilliseconds(k)), History: h))).ToList();
        await unitOfWork.ExecuteAsync(
            """
            INSERT INTO ticket_history (tenant_id, contract_id, ticket_id, entry_id, occurred_at, actor_name, actor_side, field, before, after, note)
            SELECT @TenantId, @ContractId, h.* FROM unnest(@tickets, @entries, @occurred, @actors, @sides, @fields, @befores, @afters, @notes) AS h
            """,
            new
            {
                contract.TenantId, contract.ContractId,
                tickets = history.Select(h => h.Ticket).ToArray(),
                entries = history.Select(h => h.Entry).ToArray(),
                occurred = history.Select(h => h.History.At.UtcDateTime).ToArray(),
                actors = history.Select(h => h.History.ActorName).ToArray(),
                sides = history.Select(h => h.History.ActorSide).ToArray(),
                fields = history.Select(h => h.History.Field).ToArray(),
                befores = history.Select(h => h.History.Before).ToArray(),
                afters = history.Select(h => h.History.After).ToArray(),
                notes = history.Select(h => h.History.Note).ToArray(),
            });

        var clocks = tickets.SelectMany(t => t.Clocks.Rows.Select(c => (Ticket: t.Id, Clock: c))).ToList();
        await unitOfWork.ExecuteAsync(
            """
            INSERT INTO sla_clocks (tenant_id, contract_id, ticket_id, clock, due_at, target_seconds, warnings_raised, breached_at, completed_at,
                                    met, used_seconds, completions)
            SELECT @TenantId, @ContractId, c.ticket, c.clock, c.due_at, c.target, c.warnings::integer[], c.breached_at, c.completed_at,
                   c.met, c.used, c.completions
            FROM unnest(@tickets, @clocks, @dueAt, @targets, @warnings, @breachedAt::timestamptz[], @completedAt::timestamptz[], @met::boolean[],
                        @used::bigint[], @completions)
                 AS c(ticket, clock, due_at, target, warnings, breached_at, completed_at, met, used, completions)
            """,
            new
            {
                contract.TenantId, contract.ContractId,
                tickets = clocks.Select(c => c.Ticket).ToArray(),
                clocks = clocks.Select(c => c.Clock.Clock).ToArray(),
                dueAt = clocks.Select(c => c.Clock.DueAt.UtcDateTime).ToArray(),
                targets = clocks.Select(c => c.Clock.TargetSeconds).ToArray(),
                // One text per row ('{50,75}'): unnest would flatten a two-dimensional array.
                warnings = clocks.Select(c => $"{{{string.Join(',', c.Clock.WarningsRaised)}}}").ToArray(),
                breachedAt = clocks.Select(c => c.Clock.BreachedAt?.UtcDateTime).ToArray(),
                completedAt = clocks.Select(c => c.Clock.CompletedAt?.UtcDateTime).ToArray(),
                met = clocks.Select(c => c.Clock.Met).ToArray(),
                used = clocks.Select(c => c.Clock.UsedSeconds).ToArray(),
                completions = clocks.Select(c => c.Clock.Completions).ToArray(),
            });

        var timers = tickets.Where(t => t.Clocks.NextTimerAt is not null).ToList();
        await unitOfWork.ExecuteAsync(
            "INSERT INTO ticket_timers (ticket_id, tenant_id, due_at) SELECT t.id, @TenantId, t.due_at FROM unnest(@ids, @dueAt) AS t(id, due_at)",
            new { contract.TenantId, ids = timers.Select(t => t.Id).ToArray(), dueAt = timers.Select(t => t.Clocks.NextTimerAt!.Value.UtcDateTime).ToArray() });

        return [.. tickets.Select(t => new ImportedTicketView(t.Id, numbers[t.Id], t.Replayed.Ticket.Reference))];
    }
}
