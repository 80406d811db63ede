using Infogerance.Data;
using Infogerance.Incidents.Data;
using Infogerance.Incidents.Domain;
using Infogerance.IntegrationEvents;
using Microsoft.Extensions.Options;

namespace Infogerance.Incidents;

/// <summary>
/// Raises SLA warnings and breaches on time even when nobody touches the ticket, and closes resolved tickets after
/// their quiet period. Safe with several replicas (and several workers in each): due timers are taken with SKIP LOCKED,
/// and so are their tickets, so a ticket being changed through the API is left to that change (which brings its clocks
/// up to date itself). A pass brings its whole batch up to date in a few statements (<see cref="TicketSla.SyncManyAsync"/>). After
/// downtime the overdue timers are simply due: the next passes catch up, raising for each clock the breach or the
/// highest warning reached.
/// </summary>
public sealed class TicketTimers(
    Database database, TicketSla sla, TimeProvider clock, IOptions<TicketTimerSettings> settings, ILogger<TicketTimers> logger) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(Enumerable.Range(0, Math.Max(1, settings.Value.Workers)).Select(_ => WorkAsync(stoppingToken)));

    private async Task WorkAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var processed = 0;
            try
            {
                processed = await RunOnceAsync(stoppingToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                logger.LogError(exception, "Ticket timers pass failed; retrying at the next pass");
            }

            if (processed < settings.Value.BatchSize)
            {
                await Task.Delay(settings.Value.Interval, clock, stoppingToken);
            }
        }
    }

    /// <summary>Processes one batch of due timers; returns how many tickets it brought up to date.</summary>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        var now = Now();
        await using var unitOfWork = await database.BeginAsync([], cancellationToken);
        var due = (await unitOfWork.QueryAsync<(Guid TicketId, Guid TenantId)>(
            "SELECT ticket_id, tenant_id FROM ticket_timers WHERE due_at <= @now ORDER BY due_at LIMIT @batch FOR UPDATE SKIP LOCKED",
            new { now = now.UtcDateTime, batch = settings.Value.BatchSize })).ToList();
        if (due.Count == 0)
        {
            return 0;
        }

        await unitOfWork.ScopeToTenantsAsync(due.Select(timer => timer.TenantId));
        var tickets = (await unitOfWork.QueryAsync<TicketRow>(
            $"{TicketStore.SelectTicket} WHERE t.ticket_id = ANY(@ids) FOR NO KEY UPDATE OF t SKIP LOCKED",
            new { ids = due.Select(timer => timer.TicketId).ToArray() })).ToList();
        var failed = new List<Guid>();
        var raised = new List<IntegrationEvent>();
        var batch = new List<TicketRow>(tickets.Count);
        foreach (var ticket in tickets)
        {
            if (ClosesNow(ticket, now))
            {
                // Rare: closed one by one, each in its own savepoint with its sync, as a change through the API would be.
                await InSavepointAsync(unitOfWork, ticket, () => CloseAsync(unitOfWork, ticket, now), raised, failed);
            }
            else
            {
                batch.Add(ticket);
            }
        }

        // The rest together: a few statements for the whole batch instead of a dozen round trips per ticket.
        try
        {
            var synced = await unitOfWork.SavepointAsync(() => sla.SyncManyAsync(unitOfWork, batch, now));
            raised.AddRange(synced.Events);
            foreach (var (ticketId, exception) in synced.Failures)
            {
                logger.LogError(exception, "Ticket {TicketId}'s timers failed; retrying in a minute", ticketId);
                failed.Add(ticketId);
            }
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // A statement failed for the batch, its work undone: find the ticket at fault by doing them one by one.
            logger.LogWarning(exception, "A batch of {Count} tickets' timers failed; processing them one by one", batch.Count);
            foreach (var ticket in batch)
            {
                await InSavepointAsync(unitOfWork, ticket, async () => (await sla.SyncTicketAsync(unitOfWork, ticket, now)).Events, raised, failed);
            }
        }

        var missing = due.Select(timer => timer.TicketId).Except(tickets.Select(ticket => ticket.TicketId)).ToArray();
        await unitOfWork.ExecuteAsync(
            "UPDATE ticket_timers SET due_at = @later WHERE ticket_id = ANY(@failed)", new { failed = failed.ToArray(), later = (now + TimeSpan.FromMinutes(1)).UtcDateTime });
        // Timers of tickets that no longer exist here go; those whose ticket is locked by a change are left to it.
        await unitOfWork.ExecuteAsync(
            "DELETE FROM ticket_timers WHERE ticket_id = ANY(@missing) AND NOT EXISTS (SELECT FROM tickets WHERE ticket_id = ticket_timers.ticket_id)",
            new { missing });
        await unitOfWork.CommitAsync();
        var committedAt = clock.GetUtcNow();
        foreach (var breach in raised.OfType<SlaBreached>())
        {
            IncidentsMetrics.BreachDetectionLag.Record(
                (committedAt - breach.DueAt).TotalSeconds, new KeyValuePair<string, object?>("clock", breach.Clock), new KeyValuePair<string, object?>("priority", breach.Priority));
        }

        return tickets.Count - failed.Count;
    }

    private bool ClosesNow(TicketRow ticket, DateTimeOffset now) =>
        ticket.Status == Statuses.Resolved && ticket.ResolvedAt + sla.Settings.AutoCloseAfter <= now;

    private async Task<IReadOnlyList<IntegrationEvent>> CloseAsync(UnitOfWork unitOfWork, TicketRow ticket, DateTimeOffset now)
    {
        await TicketChanges.SetStatusAsync(unitOfWork, ticket, Statuses.Closed, TicketActor.System, now,
            note: $"Closed automatically after {sla.Settings.AutoCloseAfter.TotalDays:0} quiet days.");
        return (await sla.SyncTicketAsync(unitOfWork, (await TicketStore.ReloadAsync(unitOfWork, ticket))!, now)).Events;
    }

    /// <summary>
    /// Runs one ticket's work in a savepoint: its events join <paramref name="raised"/> when it succeeded; when it
    /// failed, its work is undone, the error logged, and the ticket joins <paramref name="failed"/>.
    /// </summary>
    private async Task InSavepointAsync(
        UnitOfWork unitOfWork, TicketRow ticket, Func<Task<IReadOnlyList<IntegrationEvent>>> work, List<IntegrationEvent> raised, List<Guid> failed)
    {
        try
        {
            raised.AddRange(await unitOfWork.SavepointAsync(work));
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // One ticket that cannot be processed (its terms missing from the replica, say) must not hold the others back.
            logger.LogError(exception, "Ticket {TicketId}'s timers failed; retrying in a minute", ticket.TicketId);
            failed.Add(ticket.TicketId);
        }
    }

    private DateTimeOffset Now()
    {
        var now = clock.GetUtcNow();
        return now.AddTicks(-(now.Ticks % TimeSpan.TicksPerSecond));
    }
}
