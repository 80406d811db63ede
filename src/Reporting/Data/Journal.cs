using System.Diagnostics;
using Infogerance.Data;
using Infogerance.IntegrationEvents;

namespace Infogerance.Reporting.Data;

/// <summary>What a replay did: the events fed again, over how many tenants, and how long it took.</summary>
public sealed record ReplayResult(long Events, int Tenants, long ElapsedMilliseconds);

/// <summary>
/// The append-only journal of the events the read models were fed, and the replay that rebuilds the read models from it:
/// the one way to correct them after a change of their rules, or to prove they hold what the events say.
/// </summary>
public sealed class Journal(Database database, EventTypeRegistry events)
{
    private const int Batch = 500;

    /// <summary>Keeps the events in the journal and feeds them to the read models, in the consumer's transaction.</summary>
    public async Task RecordAsync(UnitOfWork unitOfWork, IReadOnlyList<IntegrationEvent> batch)
    {
        ArgumentNullException.ThrowIfNull(unitOfWork);
        ArgumentNullException.ThrowIfNull(batch);
        if (batch.Count == 0)
        {
            return;
        }

        // The tickets' locks, taken in the order of their keys, ride with the journal's writes: one round trip.
        await unitOfWork.ExecuteAsync(
            """
            SELECT pg_advisory_xact_lock(key) FROM (SELECT DISTINCT hashtextextended(name, 0) AS key FROM unnest(@locks) AS name ORDER BY key) AS keys;
            INSERT INTO journal_tenants (tenant_id) SELECT DISTINCT unnest(@tenants) ON CONFLICT DO NOTHING;
            INSERT INTO event_journal (tenant_id, contract_id, event_id, event_type, payload, occurred_at)
            SELECT tenant_id, contract_id, event_id, event_type, payload::jsonb, occurred_at
            FROM unnest(@tenants, @contracts, @eventIds, @types, @payloads, @occurredAt) WITH ORDINALITY
                AS e (tenant_id, contract_id, event_id, event_type, payload, occurred_at, position)
            ORDER BY position;
            """,
            new
            {
                locks = batch.Select(ReadModels.LockKeyOf).ToArray(),
                tenants = batch.Select(@event => @event.TenantId).ToArray(),
                contracts = batch.Select(ReadModels.ContractOf).ToArray(),
                eventIds = batch.Select(@event => @event.EventId).ToArray(),
                types = batch.Select(@event => events.NameOf(@event.GetType())).ToArray(),
                payloads = batch.Select(events.Serialize).ToArray(),
                occurredAt = batch.Select(@event => @event.OccurredAt.UtcDateTime).ToArray(),
            });
        await ReadModels.ApplyAsync(unitOfWork, batch);
    }

    /// <summary>
    /// Empties the read models and feeds them the whole journal again in the order it was received, in one transaction:
    /// readers see the old figures until it commits, then the rebuilt ones. The journal is locked against new events
    /// meanwhile; consumers wait and apply theirs on top of the rebuilt models.
    /// </summary>
    public async Task<ReplayResult> ReplayAsync(CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        await using var unitOfWork = await database.BeginAsync(Array.Empty<Guid>(), cancellationToken);
        await unitOfWork.ExecuteAsync("LOCK TABLE event_journal IN EXCLUSIVE MODE");
        var tenants = (await unitOfWork.QueryAsync<Guid>("SELECT tenant_id FROM journal_tenants")).ToList();
        await unitOfWork.ScopeToTenantsAsync(tenants);
        foreach (var table in ReadModels.Tables)
        {
            await unitOfWork.ExecuteAsync($"DELETE FROM {table}");
        }

        // Every contract's rows change, those the journal no longer feeds included.
        await unitOfWork.ExecuteAsync("UPDATE contract_fact_versions SET version = version + 1");

        long replayed = 0;
        long after = 0;
        while (true)
        {
            var rows = (await unitOfWork.QueryAsync<(long Sequence, string EventType, string Payload)>(
                "SELECT sequence, event_type, payload::text FROM event_journal WHERE sequence > @after ORDER BY sequence LIMIT @Batch",
                new { after, Batch })).ToList();
            await ReadModels.ApplyAsync(unitOfWork, [.. rows.Select(row => events.TryGetType(row.EventType, out var type)
                ? events.Deserialize(row.Payload, type)
                : throw new InvalidOperationException($"The journal holds an event of type '{row.EventType}', which this build does not know."))]);
            after = rows.Count > 0 ? rows[^1].Sequence : after;
            replayed += rows.Count;

            if (rows.Count < Batch)
            {
                break;
            }
        }

        await unitOfWork.CommitAsync();
        return new ReplayResult(replayed, tenants.Count, watch.ElapsedMilliseconds);
    }
}
