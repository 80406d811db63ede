using System.Runtime.ExceptionServices;
using Infogerance.Data;
using Infogerance.Incidents.Domain;
using Infogerance.IntegrationEvents;
using Infogerance.Messaging;
using Microsoft.Extensions.Options;

namespace Infogerance.Incidents.Data;

/// <summary>
/// Brings a ticket's SLA clocks up to date after any change and at each timer: recomputes both clocks from the ticket's
/// facts, raises what fell due (warning, breach, completion) once, stores the due times the queue sorts by, and sets
/// the ticket's next timer. The API and the scheduler both call it inside the ticket's row lock, so an event is raised
/// once whoever gets there first.
/// </summary>
public sealed class TicketSla(ContractReplica terms, IOptions<TicketSettings> options)
{
    /// <summary>The queue rank of tickets with no clock counting: after every ticket that has one.</summary>
    public static readonly DateTimeOffset NoRank = new(9999, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public TicketSettings Settings => options.Value;

    /// <summary>A stored clock's state (a class: Dapper reads integer[] into a property, not into a constructor parameter).</summary>
    public sealed class ClockRow
    {
        public Guid TicketId { get; init; }
        public string Clock { get; init; } = "";
        public int[] WarningsRaised { get; init; } = [];
        public DateTimeOffset? BreachedAt { get; init; }
        public DateTimeOffset? CompletedAt { get; init; }
        public int Completions { get; init; }

        public RaisedSoFar Raised => new([.. WarningsRaised], BreachedAt is not null);
    }

    /// <summary>
    /// What <see cref="SyncManyAsync"/> did: each synced ticket's clocks and row as the sync left it, and the tickets it left
    /// untouched with why.
    /// </summary>
    public sealed record Synced(
        IReadOnlyDictionary<Guid, IReadOnlyList<ClockState>> Clocks, IReadOnlyDictionary<Guid, TicketRow> Tickets,
        IReadOnlyDictionary<Guid, Exception> Failures, IReadOnlyList<IntegrationEvent> Events);

    /// <summary>One ticket as its sync left it, and its clocks.</summary>
    public sealed record SyncedTicket(TicketRow Ticket, IReadOnlyList<ClockState> Clocks);

    public static async Task<Dictionary<string, ClockRow>> ClockRowsAsync(UnitOfWork unitOfWork, TicketRow ticket) =>
        (await unitOfWork.QueryAsync<ClockRow>(
            "SELECT ticket_id, clock, warnings_raised, breached_at, completed_at, completions FROM sla_clocks WHERE tenant_id = @TenantId AND ticket_id = @TicketId",
            new { ticket.TenantId, ticket.TicketId })).ToDictionary(row => row.Clock);

    /// <summary>
    /// When the clocks of a ticket about to be opened will first be due: written with the ticket, so that the sync
    /// which follows its opening finds the ticket as it would leave it and does not rewrite the row and its indexes.
    /// </summary>
    public async Task<DateTimeOffset?> SlaDueAtOpeningAsync(UnitOfWork unitOfWork, Guid contractId, int contractVersion, string priority, DateTimeOffset at)
    {
        var service = await terms.TermsAsync(unitOfWork, contractId, contractVersion);
        var facts = new ClockFacts(at, [], null, null);
        return SlaDueOf(SlaClocks.All.Select(clock => TicketClocks.Evaluate(clock, service.Calendar, service.Sla, priority, facts, new RaisedSoFar([], false), at)));
    }

    /// <param name="raiseEvents">False for tickets imported from the outgoing provider's history: their clocks are
    /// computed as of their own times, but what happened before the takeover raises nothing now.</param>
    /// <param name="justOpened">The ticket was opened in this unit of work: it has no pauses and no clock rows to read.</param>
    public async Task<SyncedTicket> SyncAsync(
        UnitOfWork unitOfWork, TicketRow ticket, DateTimeOffset now, bool raiseEvents = true, bool justOpened = false)
    {
        var synced = await SyncTicketAsync(unitOfWork, ticket, now, raiseEvents, justOpened);
        return new SyncedTicket(synced.Tickets[ticket.TicketId], synced.Clocks[ticket.TicketId]);
    }

    /// <summary>One ticket's <see cref="SyncManyAsync"/>, throwing what made its clocks impossible to compute.</summary>
    public async Task<Synced> SyncTicketAsync(UnitOfWork unitOfWork, TicketRow ticket, DateTimeOffset now, bool raiseEvents = true, bool justOpened = false)
    {
        var synced = await SyncManyAsync(unitOfWork, [ticket], now, raiseEvents, justOpened);
        if (synced.Failures.TryGetValue(ticket.TicketId, out var failure))
        {
            ExceptionDispatchInfo.Throw(failure);
        }

        return synced;
    }

    /// <summary>
    /// <see cref="SyncAsync"/> for many tickets (distinct, each under its row lock) in a handful of statements: their
    /// pauses and clock rows are read in one query each, and the clock rows, tickets and timers written in one round
    /// trip, with the events ahead of them. A ticket whose clocks cannot be computed (its terms missing
    /// from the replica, say) is left untouched and reported in <see cref="Synced.Failures"/>; a failing statement
    /// fails the whole call.
    /// </summary>
    public async Task<Synced> SyncManyAsync(
        UnitOfWork unitOfWork, IReadOnlyList<TicketRow> tickets, DateTimeOffset now, bool raiseEvents = true, bool justOpened = false)
    {
        tickets = [.. tickets.DistinctBy(t => t.TicketId)];
        var (pauses, clockRows) = justOpened
            ? (Enumerable.Empty<(Guid TicketId, DateTimeOffset From, DateTimeOffset? To)>().ToLookup(p => p.TicketId, p => (p.From, p.To)), [])
            : await StoredStateAsync(unitOfWork, tickets);

        var writes = new Writes();
        var events = new List<IntegrationEvent>();
        var clocks = new Dictionary<Guid, IReadOnlyList<ClockState>>();
        var synced = new Dictionary<Guid, TicketRow>();
        var failures = new Dictionary<Guid, Exception>();
        foreach (var ticket in tickets)
        {
            try
            {
                var service = await terms.TermsAsync(unitOfWork, ticket.ContractId, ticket.ContractVersion);
                (clocks[ticket.TicketId], synced[ticket.TicketId]) =
                    Evaluate(ticket, service, [.. pauses[ticket.TicketId]], clockRows, now, raiseEvents ? events : null, writes);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                failures[ticket.TicketId] = exception;
            }
        }

        foreach (var @event in events)
        {
            await unitOfWork.AddEventAsync(@event);
        }

        if (writes.TicketIds.Count > 0)
        {
            // With no stored state read, the plans are not forced yet.
            await writes.ExecuteAsync(unitOfWork, forceGenericPlans: justOpened);
        }

        return new Synced(clocks, synced, failures, events);
    }

    /// <summary>
    /// Every statement of a sync joins a list of tickets to their keys, so their generic plans (one per connection) are the
    /// right ones; left to choose, PostgreSQL planned each again on every call because a plan made for a list of one looks
    /// cheaper, which cost a ticket change more than running them. Sent ahead of a sync's first statement, in its round trip.
    /// </summary>
    private const string ForceGenericPlans = "SELECT set_config('plan_cache_mode', 'force_generic_plan', true);";

    /// <summary>The tickets' pauses and stored clock rows, in one round trip.</summary>
    private static async Task<(ILookup<Guid, (DateTimeOffset From, DateTimeOffset? To)> Pauses, Dictionary<(Guid, string), ClockRow> ClockRows)> StoredStateAsync(
        UnitOfWork unitOfWork, IReadOnlyList<TicketRow> tickets)
    {
        using var results = await unitOfWork.QueryMultipleAsync(
            $"""
            {ForceGenericPlans}
            SELECT p.ticket_id, p.paused_from, p.paused_to
            FROM ticket_pauses p JOIN unnest(@tenants::uuid[], @ids::uuid[]) AS k (tenant_id, ticket_id) ON p.tenant_id = k.tenant_id AND p.ticket_id = k.ticket_id
            ORDER BY p.ticket_id, p.paused_from;
            SELECT c.ticket_id, c.clock, c.warnings_raised, c.breached_at, c.completed_at, c.completions
            FROM sla_clocks c JOIN unnest(@tenants::uuid[], @ids::uuid[]) AS k (tenant_id, ticket_id) ON c.tenant_id = k.tenant_id AND c.ticket_id = k.ticket_id;
            """,
            new { tenants = tickets.Select(t => t.TenantId).ToArray(), ids = tickets.Select(t => t.TicketId).ToArray() });
        await results.ReadAsync<string>();
        var pauses = (await results.ReadAsync<(Guid TicketId, DateTimeOffset From, DateTimeOffset? To)>()).ToLookup(p => p.TicketId, p => (p.From, p.To));
        var clockRows = (await results.ReadAsync<ClockRow>()).ToDictionary(row => (row.TicketId, row.Clock));
        return (pauses, clockRows);
    }

    /// <summary>Both clocks of one ticket from its facts, and the ticket as they leave it: the events they raise, the rows to write. No I/O.</summary>
    private (List<ClockState> Clocks, TicketRow Ticket) Evaluate(
        TicketRow ticket, ServiceTerms service, IReadOnlyList<(DateTimeOffset From, DateTimeOffset? To)> pauses,
        Dictionary<(Guid, string), ClockRow> clockRows, DateTimeOffset now, List<IntegrationEvent>? events, Writes writes)
    {
        var facts = new ClockFacts(ticket.CreatedAt, pauses, ticket.RespondedAt, ticket.IsResolved ? ticket.ResolvedAt : null);
        var states = new List<ClockState>(2);
        DateTimeOffset? nextTimer = ticket.Status == Statuses.Resolved && ticket.ResolvedAt is { } resolved ? resolved + Settings.AutoCloseAfter : null;
        var breached = false;
        // Both clocks are computed before anything is recorded: a ticket whose clocks cannot be computed leaves no trace.
        var computed = (SlaClocks.All).Select(clock =>
        {
            var row = clockRows.GetValueOrDefault((ticket.TicketId, clock)) ?? new ClockRow { TicketId = ticket.TicketId, Clock = clock };
            return (Clock: clock, Row: row, State: TicketClocks.Evaluate(clock, service.Calendar, service.Sla, ticket.Priority, facts, row.Raised, now));
        }).ToList();
        foreach (var (clock, row, state) in computed)
        {
            var result = state.Result;
            var warningsRaised = row.WarningsRaised.ToHashSet();
            var breachedAt = row.BreachedAt;
            var completedAt = row.CompletedAt;
            var completions = row.Completions;
            bool? met = null;
            long? used = null;

            if (state.BreachReached)
            {
                breachedAt = result.DueAt;
                warningsRaised.UnionWith(service.Sla.WarningThresholds);
                events?.Add(new SlaBreached
                {
                    TenantId = ticket.TenantId, ContractId = ticket.ContractId, TicketId = ticket.TicketId, Clock = clock,
                    Priority = ticket.Priority, DueAt = result.DueAt, OccurredAt = now, Number = ticket.Number, AssigneeId = ticket.AssigneeId,
                });
            }
            else if (state.WarningsReached.Count > 0)
            {
                // After downtime only the highest threshold reached is raised: the lower ones are stale news.
                warningsRaised.UnionWith(state.WarningsReached);
                events?.Add(new SlaWarningRaised
                {
                    TenantId = ticket.TenantId, ContractId = ticket.ContractId, TicketId = ticket.TicketId, Clock = clock,
                    Priority = ticket.Priority, Percent = state.WarningsReached.Max(), DueAt = result.DueAt, OccurredAt = now,
                    Number = ticket.Number, AssigneeId = ticket.AssigneeId,
                });
            }

            if (!state.Running && completedAt is null)
            {
                completedAt = result.EvaluatedAt;
                completions++;
                met = !result.Breached;
                used = result.ElapsedBusinessSeconds;
                events?.Add(new SlaClockCompleted
                {
                    TenantId = ticket.TenantId, ContractId = ticket.ContractId, TicketId = ticket.TicketId, Clock = clock,
                    Priority = ticket.Priority, Met = met.Value, BusinessSecondsUsed = used.Value, TargetBusinessSeconds = result.TargetBusinessSeconds,
                    StartedAt = ticket.CreatedAt, DueAt = result.DueAt, CompletedAt = completedAt!.Value, Completion = completions, OccurredAt = now,
                });
            }
            else if (state.Running && completedAt is not null)
            {
                // Reopened: the resolution clock runs again and will complete anew.
                completedAt = null;
            }

            writes.Clock(ticket, clock, result.DueAt, result.TargetBusinessSeconds, [.. warningsRaised.Order()], breachedAt, completedAt, met, used, completions);
            breached |= breachedAt is not null;
            if (state.NextTimerAt is { } timer)
            {
                nextTimer = nextTimer is { } n && n < timer ? n : timer;
            }

            states.Add(state);
        }

        var slaDue = SlaDueOf(states);
        writes.Ticket(ticket, slaDue, breached, nextTimer);
        return (states, ticket with { SlaDueAt = slaDue, Breached = breached });
    }

    /// <summary>What the queue sorts a ticket by: the earliest due time of its clocks that are counting.</summary>
    private static DateTimeOffset? SlaDueOf(IEnumerable<ClockState> states) =>
        states.Where(state => state.Running && !state.Paused).Select(state => (DateTimeOffset?)state.Result.DueAt).Min();

    /// <summary>The rows a sync writes, as columns, for one statement per table.</summary>
    private sealed class Writes
    {
        private readonly List<Guid> _clockTenants = [], _clockContracts = [], _clockTickets = [];
        private readonly List<string> _clocks = [], _warnings = [];
        // DateTimeOffset (in UTC), which Npgsql always sends as timestamptz, also in arrays that hold only nulls.
        private readonly List<DateTimeOffset> _dueAts = [];
        private readonly List<DateTimeOffset?> _breachedAts = [], _completedAts = [];
        private readonly List<long> _targets = [];
        private readonly List<bool?> _mets = [];
        private readonly List<long?> _useds = [];
        private readonly List<int> _completions = [];
        private readonly List<Guid> _tenants = [];
        private readonly List<DateTimeOffset?> _slaDues = [];
        private readonly List<bool> _breached = [];
        private readonly List<Guid> _timerTickets = [], _timerTenants = [], _noTimer = [];
        private readonly List<DateTimeOffset> _timers = [];

        public List<Guid> TicketIds { get; } = [];

        public void Clock(
            TicketRow ticket, string clock, DateTimeOffset dueAt, long target, int[] warnings, DateTimeOffset? breachedAt, DateTimeOffset? completedAt,
            bool? met, long? used, int completions)
        {
            _clockTenants.Add(ticket.TenantId);
            _clockContracts.Add(ticket.ContractId);
            _clockTickets.Add(ticket.TicketId);
            _clocks.Add(clock);
            _dueAts.Add(dueAt.ToUniversalTime());
            _targets.Add(target);
            // integer[] per row: unnest cannot take an array of arrays of different lengths, so each goes as its text form.
            _warnings.Add($"{{{string.Join(',', warnings)}}}");
            _breachedAts.Add(breachedAt?.ToUniversalTime());
            _completedAts.Add(completedAt?.ToUniversalTime());
            _mets.Add(met);
            _useds.Add(used);
            _completions.Add(completions);
        }

        public void Ticket(TicketRow ticket, DateTimeOffset? slaDue, bool breached, DateTimeOffset? nextTimer)
        {
            TicketIds.Add(ticket.TicketId);
            _tenants.Add(ticket.TenantId);
            _slaDues.Add(slaDue?.ToUniversalTime());
            _breached.Add(breached);
            if (nextTimer is { } timer)
            {
                _timerTickets.Add(ticket.TicketId);
                _timerTenants.Add(ticket.TenantId);
                _timers.Add(timer.ToUniversalTime());
            }
            else
            {
                _noTimer.Add(ticket.TicketId);
            }
        }

        public Task ExecuteAsync(UnitOfWork unitOfWork, bool forceGenericPlans) =>
            unitOfWork.ExecuteAsync(
                (forceGenericPlans ? ForceGenericPlans : "") +
                """
                INSERT INTO sla_clocks (tenant_id, contract_id, ticket_id, clock, due_at, target_seconds, warnings_raised, breached_at, completed_at, met, used_seconds, completions)
                SELECT tenant_id, contract_id, ticket_id, clock, due_at, target_seconds, warnings::integer[], breached_at, completed_at, met, used_seconds, completions
                FROM unnest(@clockTenants::uuid[], @clockContracts::uuid[], @clockTickets::uuid[], @clocks::text[], @dueAts::timestamptz[], @targets::bigint[],
                            @warnings::text[], @breachedAts::timestamptz[], @completedAts::timestamptz[], @mets::boolean[], @useds::bigint[], @completions::integer[])
                     AS c (tenant_id, contract_id, ticket_id, clock, due_at, target_seconds, warnings, breached_at, completed_at, met, used_seconds, completions)
                ON CONFLICT (tenant_id, ticket_id, clock) DO UPDATE
                SET due_at = excluded.due_at, target_seconds = excluded.target_seconds, warnings_raised = excluded.warnings_raised,
                    breached_at = excluded.breached_at, completed_at = excluded.completed_at, completions = excluded.completions,
                    met = CASE WHEN excluded.completed_at IS NULL THEN NULL ELSE coalesce(excluded.met, sla_clocks.met) END,
                    used_seconds = CASE WHEN excluded.completed_at IS NULL THEN NULL ELSE coalesce(excluded.used_seconds, sla_clocks.used_seconds) END
                -- Rows that would not change are not rewritten (most syncs change one clock of two, or nothing but the timer).
                WHERE (sla_clocks.due_at, sla_clocks.target_seconds, sla_clocks.warnings_raised, sla_clocks.breached_at, sla_clocks.completed_at,
                       sla_clocks.completions, sla_clocks.met, sla_clocks.used_seconds)
                      IS DISTINCT FROM
                      (excluded.due_at, excluded.target_seconds, excluded.warnings_raised, excluded.breached_at, excluded.completed_at, excluded.completions,
                       CASE WHEN excluded.completed_at IS NULL THEN NULL ELSE coalesce(excluded.met, sla_clocks.met) END,
                       CASE WHEN excluded.completed_at IS NULL THEN NULL ELSE coalesce(excluded.used_seconds, sla_clocks.used_seconds) END);

                UPDATE tickets t SET sla_due_at = u.sla_due_at, queue_rank = coalesce(u.sla_due_at, @noRank), breached = u.breached
                FROM unnest(@tenants::uuid[], @ids::uuid[], @slaDues::timestamptz[], @breached::boolean[]) AS u (tenant_id, ticket_id, sla_due_at, breached)
                WHERE t.tenant_id = u.tenant_id AND t.ticket_id = u.ticket_id
                  AND (t.sla_due_at IS DISTINCT FROM u.sla_due_at OR t.queue_rank <> coalesce(u.sla_due_at, @noRank) OR t.breached <> u.breached);

                INSERT INTO ticket_timers (ticket_id, tenant_id, due_at)
                SELECT * FROM unnest(@timerTickets::uuid[], @timerTenants::uuid[], @timers::timestamptz[])
                ON CONFLICT (ticket_id) DO UPDATE SET due_at = excluded.due_at WHERE ticket_timers.due_at <> excluded.due_at;

                DELETE FROM ticket_timers WHERE ticket_id = ANY(@noTimer);
                """,
                new
                {
                    clockTenants = _clockTenants.ToArray(), clockContracts = _clockContracts.ToArray(), clockTickets = _clockTickets.ToArray(),
                    clocks = _clocks.ToArray(), dueAts = _dueAts.ToArray(), targets = _targets.ToArray(), warnings = _warnings.ToArray(),
                    breachedAts = _breachedAts.ToArray(), completedAts = _completedAts.ToArray(), mets = _mets.ToArray(), useds = _useds.ToArray(),
                    completions = _completions.ToArray(),
                    tenants = _tenants.ToArray(), ids = TicketIds.ToArray(), slaDues = _slaDues.ToArray(), breached = _breached.ToArray(),
                    noRank = NoRank.UtcDateTime,
                    timerTickets = _timerTickets.ToArray(), timerTenants = _timerTenants.ToArray(), timers = _timers.ToArray(),
                    noTimer = _noTimer.ToArray(),
                });
    }
}
