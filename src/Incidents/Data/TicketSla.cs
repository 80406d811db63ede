using Infogerance.Data;
using Infogerance.Incidents.Domain;
using Infogerance.IntegrationEvents;

namespace Infogerance.Incidents.Data;

/// <summary>How long a resolved ticket stays open to the client before it closes by itself, and how long it can be reopened.</summary>
public sealed class TicketSettings
{
    public TimeSpan AutoCloseAfter { get; set; } = TimeSpan.FromDays(5);
    public TimeSpan ReopenWindow { get; set; } = TimeSpan.FromDays(14);
}

/// <summary>
/// Brings a ticket's SLA clocks up to date after any change and at each timer: recomputes both clocks from the ticket's
/// facts, raises what fell due (warning, breach, completion) once, stores the due times the queue sorts by, and sets
/// the ticket's next timer. The API and the scheduler both call it inside the ticket's row lock, so an event is raised
/// once whoever gets there first.
/// </summary>
public sealed class TicketSla(ContractTermsStore terms, TicketSettings settings)
{
    /// <summary>The queue rank of tickets with no clock counting: after every ticket that has one.</summary>
    public static readonly DateTimeOffset NoRank = new(9999, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public TicketSettings Settings => settings;

    /// <summary>A stored clock's state (a class: Dapper reads integer[] into a property, not into a constructor parameter).</summary>
    public sealed class ClockRow
    {
        public string Clock { get; init; } = "";
        public int[] WarningsRaised { get; init; } = [];
        public DateTimeOffset? BreachedAt { get; init; }
        public DateTimeOffset? CompletedAt { get; init; }
        public int Completions { get; init; }

        public RaisedSoFar Raised => new([.. WarningsRaised], BreachedAt is not null);
    }

    public static async Task<Dictionary<string, ClockRow>> ClockRowsAsync(UnitOfWork unitOfWork, TicketRow ticket) =>
        (await unitOfWork.QueryAsync<ClockRow>(
            "SELECT clock, warnings_raised, breached_at, completed_at, completions FROM sla_clocks WHERE tenant_id = @TenantId AND ticket_id = @TicketId",
            new { ticket.TenantId, ticket.TicketId })).ToDictionary(row => row.Clock);

    /// <param name="raiseEvents">False for tickets imported from the outgoing provider's history: their clocks are
    /// computed as of their own times, but what happened before the takeover raises nothing now.</param>
    public async Task<IReadOnlyList<ClockState>> SyncAsync(UnitOfWork unitOfWork, TicketRow ticket, DateTimeOffset now, bool raiseEvents = true)
    {
        var service = await terms.TermsAsync(unitOfWork, ticket.ContractId, ticket.ContractVersion);
        var facts = new ClockFacts(
            ticket.CreatedAt, [.. await TicketStore.PausesAsync(unitOfWork, ticket)], ticket.RespondedAt, ticket.IsResolved ? ticket.ResolvedAt : null);
        var rows = await ClockRowsAsync(unitOfWork, ticket);

        var states = new List<ClockState>(2);
        DateTimeOffset? nextTimer = ticket.Status == Statuses.Resolved && ticket.ResolvedAt is { } resolved ? resolved + settings.AutoCloseAfter : null;
        DateTimeOffset? slaDue = null;
        var breached = false;
        foreach (var clock in (string[])[Clocks.Respond, Clocks.Resolve])
        {
            var row = rows.GetValueOrDefault(clock) ?? new ClockRow { Clock = clock };
            var state = TicketClocks.Evaluate(clock, service.Calendar, service.Sla, ticket.Priority, facts, row.Raised, now);
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
                if (raiseEvents)
                {
                    await unitOfWork.AddEventAsync(new SlaBreached
                    {
                        TenantId = ticket.TenantId, ContractId = ticket.ContractId, TicketId = ticket.TicketId, Clock = clock,
                        Priority = ticket.Priority, DueAt = result.DueAt, OccurredAt = now,
                    });
                }
            }
            else if (state.WarningsReached.Count > 0)
            {
                // After downtime only the highest threshold reached is raised: the lower ones are stale news.
                warningsRaised.UnionWith(state.WarningsReached);
                if (raiseEvents)
                {
                    await unitOfWork.AddEventAsync(new SlaWarningRaised
                    {
                        TenantId = ticket.TenantId, ContractId = ticket.ContractId, TicketId = ticket.TicketId, Clock = clock,
                        Priority = ticket.Priority, Percent = state.WarningsReached.Max(), DueAt = result.DueAt, OccurredAt = now,
                    });
                }
            }

            if (!state.Running && completedAt is null)
            {
                completedAt = result.EvaluatedAt;
                completions++;
                met = !result.Breached;
                used = result.ElapsedBusinessSeconds;
                if (raiseEvents)
                {
                    await unitOfWork.AddEventAsync(new SlaClockCompleted
                    {
                        TenantId = ticket.TenantId, ContractId = ticket.ContractId, TicketId = ticket.TicketId, Clock = clock,
                        Priority = ticket.Priority, Met = met.Value, BusinessSecondsUsed = used.Value, TargetBusinessSeconds = result.TargetBusinessSeconds,
                        StartedAt = ticket.CreatedAt, DueAt = result.DueAt, CompletedAt = completedAt!.Value, Completion = completions, OccurredAt = now,
                    });
                }
            }
            else if (state.Running && completedAt is not null)
            {
                // Reopened: the resolution clock runs again and will complete anew.
                completedAt = null;
            }

            await unitOfWork.ExecuteAsync(
                """
                INSERT INTO sla_clocks (tenant_id, contract_id, ticket_id, clock, due_at, target_seconds, warnings_raised, breached_at, completed_at, met, used_seconds, completions)
                VALUES (@TenantId, @ContractId, @TicketId, @clock, @dueAt, @target, @warnings, @breachedAt, @completedAt, @met, @used, @completions)
                ON CONFLICT (tenant_id, ticket_id, clock) DO UPDATE
                SET due_at = excluded.due_at, target_seconds = excluded.target_seconds, warnings_raised = excluded.warnings_raised,
                    breached_at = excluded.breached_at, completed_at = excluded.completed_at, completions = excluded.completions,
                    met = CASE WHEN excluded.completed_at IS NULL THEN NULL ELSE coalesce(excluded.met, sla_clocks.met) END,
                    used_seconds = CASE WHEN excluded.completed_at IS NULL THEN NULL ELSE coalesce(excluded.used_seconds, sla_clocks.used_seconds) END
                """,
                new
                {
                    ticket.TenantId, ticket.ContractId, ticket.TicketId, clock, dueAt = result.DueAt.UtcDateTime, target = result.TargetBusinessSeconds,
                    warnings = warningsRaised.Order().ToArray(), breachedAt = breachedAt?.UtcDateTime, completedAt = completedAt?.UtcDateTime,
                    met, used, completions,
                });

            breached |= breachedAt is not null;
            if (state.Running && !state.Paused)
            {
                slaDue = slaDue is { } d && d < result.DueAt ? d : result.DueAt;
            }

            if (state.NextTimerAt is { } timer)
            {
                nextTimer = nextTimer is { } n && n < timer ? n : timer;
            }

            states.Add(state);
        }

        await unitOfWork.ExecuteAsync(
            """
            UPDATE tickets SET sla_due_at = @slaDue::timestamptz, queue_rank = coalesce(@slaDue::timestamptz, @noRank), breached = @breached
            WHERE tenant_id = @TenantId AND ticket_id = @TicketId
            """,
            new { ticket.TenantId, ticket.TicketId, slaDue = slaDue?.UtcDateTime, noRank = NoRank.UtcDateTime, breached });
        await unitOfWork.ExecuteAsync(
            nextTimer is null
                ? "DELETE FROM ticket_timers WHERE ticket_id = @TicketId"
                : """
                  INSERT INTO ticket_timers (ticket_id, tenant_id, due_at) VALUES (@TicketId, @TenantId, @nextTimer)
                  ON CONFLICT (ticket_id) DO UPDATE SET due_at = excluded.due_at
                  """,
            new { ticket.TenantId, ticket.TicketId, nextTimer = nextTimer?.UtcDateTime });
        return states;
    }
}
