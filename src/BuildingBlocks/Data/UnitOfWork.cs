using System.Data;
using System.Diagnostics;
using Dapper;
using Infogerance.IntegrationEvents;
using Infogerance.ServiceDefaults;
using Npgsql;

namespace Infogerance.Data;

/// <summary>
/// One transaction scoped to a set of tenants. Row-level security sees only those tenants' rows, and the
/// events added here are written to the outbox in the same transaction as the state change they describe.
/// Disposing without <see cref="CommitAsync"/> rolls everything back. Its scope is sent ahead of its first command, in
/// that command's round trip.
/// <para>
/// Or a read (<see cref="Database.ReadAsync(CurrentUser, CancellationToken)"/>): no transaction of its own, each command
/// sent with the scope ahead of it in its round trip, read-only. PostgreSQL runs the statements of one round trip as one
/// implicit transaction, so the transaction-local scope holds for that command and ends with it. A read of one query
/// costs one round trip, where a transaction costs two more (the query with its start and scope, then its end); each
/// command still sees the rows committed before it, as in a transaction at read committed.
/// </para>
/// </summary>
public sealed class UnitOfWork : IAsyncDisposable
{
    // Ahead of a read's scope: a read that tried to write would commit on its own, outside any transaction.
    private const string ReadOnly = "SELECT set_config('transaction_read_only', 'on', true)";

    // A read's later commands set again the scope its first command found: the request sees one scope throughout, as in
    // a transaction, and a provider's contracts are not gathered again for each command.
    private const string ScopeFound =
        """
        SELECT set_config('app.tenant_ids', @scope_tenants, true) AS tenants, set_config('app.contracts', @scope_contracts, true) AS contracts,
               set_config('app.user_id', @scope_user, true) AS user_id
        """;

    private readonly NpgsqlConnection _connection;
    private readonly NpgsqlTransaction? _transaction;
    private readonly bool _reading;
    // The scope not yet sent: it rides ahead of the next command; a read's, ahead of every command (once found, as found).
    private (string Sql, object Parameters)? _scope;
    private readonly EventTypeRegistry _events;
    private readonly OutboxSignal _signal;
    private IReadOnlyList<(Guid TenantId, Guid ContractId)>? _contracts;
    private bool _hasEvents;
    // The events added since the last command: their insert rides ahead of the next command, in its round trip, or goes
    // just before the commit.
    private List<OutboxRow>? _outbox;
    private List<Action>? _afterCommit;

    private UnitOfWork(
        NpgsqlConnection connection, NpgsqlTransaction? transaction, (string Sql, object Parameters)? scope, EventTypeRegistry events,
        OutboxSignal signal, CancellationToken cancellationToken)
    {
        _connection = connection;
        _transaction = transaction;
        _reading = transaction is null;
        _scope = scope;
        CancellationToken = cancellationToken;
        _events = events;
        _signal = signal;
    }

    public CancellationToken CancellationToken { get; }

    /// <summary>The tenants whose data this unit of work sees whole.</summary>
    public IReadOnlyList<Guid> TenantIds { get; private set; } = [];

    /// <summary>
    /// The contracts it sees beyond those tenants (a provider's open contracts), with their tenant: known once its first
    /// command has run, which sent the scope (SQL reads them with <c>app_contract_pairs()</c>).
    /// </summary>
    public IReadOnlyList<(Guid TenantId, Guid ContractId)> Contracts
    {
        get => _contracts ?? throw new InvalidOperationException("A unit of work knows its contracts once its first command has run.");
        private set => _contracts = value;
    }

    /// <summary>The person this unit of work serves; null for the system's (consumers, schedulers).</summary>
    public Guid? UserId { get; private set; }

    /// <summary>
    /// Opens the transaction, whose scope <paramref name="scopeSql"/> sets ahead of its first command: it must return the
    /// values it gave to <c>app.tenant_ids</c>, <c>app.contracts</c> and <c>app.user_id</c> (set transaction-locally, from
    /// parameters). The caller knows the <paramref name="tenantIds"/> it gives and the <paramref name="userId"/> it serves.
    /// </summary>
    internal static Task<UnitOfWork> BeginAsync(
        NpgsqlDataSource dataSource, string scopeSql, object scopeParameters, IReadOnlyList<Guid> tenantIds, Guid? userId, EventTypeRegistry events,
        OutboxSignal signal, CancellationToken cancellationToken) =>
        OpenAsync(dataSource, scopeSql, scopeParameters, tenantIds, userId, reading: false, events, signal, cancellationToken);

    /// <summary>
    /// A read over the scope <paramref name="scopeSql"/> sets (as for <see cref="BeginAsync(NpgsqlDataSource, string, object, IReadOnlyList{Guid}, Guid?, EventTypeRegistry, OutboxSignal, CancellationToken)"/>),
    /// sent with each of its commands.
    /// </summary>
    internal static Task<UnitOfWork> ReadAsync(
        NpgsqlDataSource dataSource, string scopeSql, object scopeParameters, IReadOnlyList<Guid> tenantIds, Guid? userId, EventTypeRegistry events,
        OutboxSignal signal, CancellationToken cancellationToken) =>
        OpenAsync(dataSource, scopeSql, scopeParameters, tenantIds, userId, reading: true, events, signal, cancellationToken);

    /// <summary>
    /// A consumer's unit of work for <paramref name="messageIds"/>: its scope is set at once and the messages recorded in
    /// the inbox in the same round trip. It comes with the messages the inbox did not hold yet for <paramref name="consumer"/>;
    /// null, and nothing left open, when it held them all.
    /// </summary>
    internal static async Task<(UnitOfWork UnitOfWork, IReadOnlySet<Guid> Fresh)?> BeginConsumingAsync(
        NpgsqlDataSource dataSource, string scopeSql, object scopeParameters, IReadOnlyCollection<Guid> messageIds, string consumer,
        EventTypeRegistry events, OutboxSignal signal, CancellationToken cancellationToken)
    {
        var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        try
        {
            var transaction = await connection.BeginTransactionAsync(IsolationLevel.ReadCommitted, cancellationToken);
            // In the order of their ids: two batches holding the same redelivered messages never wait on each other in a circle.
            var parameters = new CombinedParameters(scopeParameters, new { messageIds = messageIds.ToArray(), consumer });
            using var results = await connection.QueryMultipleAsync(new CommandDefinition(
                $"""
                {scopeSql};
                INSERT INTO inbox_messages (message_id, consumer) SELECT id, @consumer FROM unnest(@messageIds) AS id ORDER BY id
                ON CONFLICT DO NOTHING RETURNING message_id;
                """,
                parameters, transaction, cancellationToken: cancellationToken));
            var scope = await results.ReadSingleAsync<(string, string, string)>();
            var fresh = (await results.ReadAsync<Guid>()).ToHashSet();
            if (fresh.Count == 0)
            {
                await connection.DisposeAsync();
                return null;
            }

            var unitOfWork = new UnitOfWork(connection, transaction, scope: null, events, signal, cancellationToken);
            unitOfWork.Scope(scope);
            return (unitOfWork, fresh);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    private static async Task<UnitOfWork> OpenAsync(
        NpgsqlDataSource dataSource, string scopeSql, object scopeParameters, IReadOnlyList<Guid> tenantIds, Guid? userId, bool reading,
        EventTypeRegistry events, OutboxSignal signal, CancellationToken cancellationToken)
    {
        var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        try
        {
            // Npgsql sends the BEGIN with the first command.
            var transaction = reading ? null : await connection.BeginTransactionAsync(IsolationLevel.ReadCommitted, cancellationToken);
            return new UnitOfWork(connection, transaction, (scopeSql, scopeParameters), events, signal, cancellationToken)
            {
                TenantIds = tenantIds,
                UserId = userId,
            };
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    private void Scope((string Tenants, string Contracts, string UserId) scope)
    {
        TenantIds = [.. scope.Tenants.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(Guid.Parse)];
        Contracts = [.. scope.Contracts.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(pair => pair.Split(':'))
            .Select(pair => (Guid.Parse(pair[0]), Guid.Parse(pair[1])))];
        UserId = Guid.TryParse(scope.UserId, out var userId) ? userId : null;
    }

    /// <summary>
    /// Narrows or widens a system job's unit of work to whole tenants once it knows which ones its work is in (a
    /// scheduler reads its cross-tenant schedule first). Never for a user's unit of work: its scope comes from the user.
    /// </summary>
    public async Task ScopeToTenantsAsync(IEnumerable<Guid> tenantIds)
    {
        NotForReads();
        var tenants = tenantIds.Distinct().ToList();
        await ExecuteScalarAsync<string>("SELECT set_config('app.tenant_ids', @tenants, true)", new { tenants = string.Join(',', tenants) });
        TenantIds = tenants;
    }

    public async Task<int> ExecuteAsync(string sql, object? parameters = null)
    {
        NotForReads();
        if (_scope is { } scope)
        {
            // A statement's count of rows cannot be told apart from the scope's in one round trip: the scope goes first.
            Scope(await _connection.QuerySingleAsync<(string, string, string)>(Command(scope.Sql, scope.Parameters)));
            _scope = null;
        }

        // The events' insert writes one row each, which the count leaves out.
        var (text, all, outboxRows) = WithOutbox(sql, parameters);
        return await _connection.ExecuteAsync(Command(text, all)) - outboxRows;
    }

    public async Task<T?> ExecuteScalarAsync<T>(string sql, object? parameters = null)
    {
        (sql, parameters, _) = WithOutbox(sql, parameters);
        if (_scope is null)
        {
            return await _connection.ExecuteScalarAsync<T>(Command(sql, parameters));
        }

        using var results = await WithScopeAsync(sql, parameters);
        return await results.ReadFirstOrDefaultAsync<T>();
    }

    public async Task<IEnumerable<T>> QueryAsync<T>(string sql, object? parameters = null)
    {
        (sql, parameters, _) = WithOutbox(sql, parameters);
        if (_scope is null)
        {
            return await _connection.QueryAsync<T>(Command(sql, parameters));
        }

        using var results = await WithScopeAsync(sql, parameters);
        return await results.ReadAsync<T>();
    }

    public async Task<T?> QuerySingleOrDefaultAsync<T>(string sql, object? parameters = null)
    {
        (sql, parameters, _) = WithOutbox(sql, parameters);
        if (_scope is null)
        {
            return await _connection.QuerySingleOrDefaultAsync<T>(Command(sql, parameters));
        }

        using var results = await WithScopeAsync(sql, parameters);
        return await results.ReadSingleOrDefaultAsync<T>();
    }

    /// <summary>Several queries in one round trip, their results read in order; each round trip costs PostgreSQL as much as a simple statement.</summary>
    public Task<SqlMapper.GridReader> QueryMultipleAsync(string sql, object? parameters = null)
    {
        (sql, parameters, _) = WithOutbox(sql, parameters);
        return _scope is null ? _connection.QueryMultipleAsync(Command(sql, parameters)) : WithScopeAsync(sql, parameters);
    }

    /// <summary>
    /// Adds the event to the outbox; it is published only if this unit of work commits. Its row is written with the next
    /// command, in that command's round trip (a failure to write it is that command's), or just before the commit.
    /// </summary>
    public Task AddEventAsync(IntegrationEvent @event)
    {
        NotForReads();
        ArgumentNullException.ThrowIfNull(@event);
        var activity = Activity.Current;
        (_outbox ??= []).Add(new OutboxRow(
            @event.EventId, @event.TenantId, _events.NameOf(@event.GetType()), _events.Serialize(@event), activity?.Id, activity?.TraceStateString,
            @event.OccurredAt.UtcDateTime));
        _hasEvents = true;
        return Task.CompletedTask;
    }

    /// <summary>
    /// Runs <paramref name="action"/> once this unit of work has committed, never if it rolls back: to wake a worker of
    /// this process for the work just written (<see cref="Signal.Notify"/>).
    /// </summary>
    public void AfterCommit(Action action)
    {
        NotForReads();
        (_afterCommit ??= []).Add(action);
    }

    /// <summary>
    /// Runs <paramref name="work"/> in a savepoint: kept if it returns, undone if it throws (the exception goes on to the
    /// caller), so that one piece of a batch that fails leaves the others' work in this unit of work. The events added
    /// during <paramref name="work"/> share its fate: those not written yet are dropped with it.
    /// </summary>
    public async Task<T> SavepointAsync<T>(Func<Task<T>> work)
    {
        NotForReads();
        ArgumentNullException.ThrowIfNull(work);
        // The events added before ride ahead of the savepoint: they stay whatever the work does.
        await ExecuteAsync("SAVEPOINT work");
        try
        {
            var result = await work();
            // The work's last events ride ahead of the release: one that cannot be written fails the work like any statement.
            await ExecuteAsync("RELEASE SAVEPOINT work");
            return result;
        }
        catch (Exception) when (!CancellationToken.IsCancellationRequested)
        {
            // Written ahead of the rollback they would be undone anyway, but one that could not be written (its id taken)
            // would take the rollback down with it and leave the whole transaction failed. The rollback keeps the
            // savepoint: it is released too, so that an enclosing savepoint of the same name is the one found next.
            _outbox = null;
            await ExecuteAsync("ROLLBACK TO SAVEPOINT work; RELEASE SAVEPOINT work");
            throw;
        }
    }

    public async Task CommitAsync()
    {
        NotForReads();
        if (_outbox is not null)
        {
            await ExecuteAsync("");
        }

        await _transaction!.CommitAsync(CancellationToken);
        if (_hasEvents)
        {
            _signal.Notify();
        }

        _afterCommit?.ForEach(action => action());
    }

    public async ValueTask DisposeAsync()
    {
        if (_transaction is not null)
        {
            await _transaction.DisposeAsync();
        }

        await _connection.DisposeAsync();
    }

    /// <summary>
    /// <paramref name="sql"/> with the insert of the events added since the last command ahead of it (PostgreSQL returns
    /// no result for it, so <paramref name="sql"/>'s results are read as they were), and how many rows that insert writes.
    /// </summary>
    private (string Sql, object? Parameters, int OutboxRows) WithOutbox(string sql, object? parameters)
    {
        if (_outbox is not { } rows)
        {
            return (sql, parameters, 0);
        }

        _outbox = null;
        var all = new CombinedParameters(parameters, new
        {
            outbox_events = rows.Select(row => row.EventId).ToArray(),
            outbox_tenants = rows.Select(row => row.TenantId).ToArray(),
            outbox_types = rows.Select(row => row.EventType).ToArray(),
            outbox_payloads = rows.Select(row => row.Payload).ToArray(),
            outbox_parents = rows.Select(row => row.TraceParent).ToArray(),
            outbox_states = rows.Select(row => row.TraceState).ToArray(),
            outbox_at = rows.Select(row => row.OccurredAt).ToArray(),
        });
        return (sql.Length == 0 ? OutboxInsert : $"{OutboxInsert};\n{sql}", all, rows.Count);
    }

    // One statement whatever the number of events, in the order they were added.
    private const string OutboxInsert =
        """
        INSERT INTO outbox_messages (event_id, tenant_id, event_type, payload, trace_parent, trace_state, occurred_at)
        SELECT event_id, tenant_id, event_type, payload::jsonb, trace_parent, trace_state, occurred_at
        FROM unnest(@outbox_events, @outbox_tenants, @outbox_types, @outbox_payloads, @outbox_parents, @outbox_states, @outbox_at) WITH ORDINALITY
            AS e (event_id, tenant_id, event_type, payload, trace_parent, trace_state, occurred_at, position)
        ORDER BY position
        """;

    private sealed record OutboxRow(
        Guid EventId, Guid TenantId, string EventType, string Payload, string? TraceParent, string? TraceState, DateTime OccurredAt);

    private CommandDefinition Command(string sql, object? parameters) =>
        new(sql, parameters, _transaction, cancellationToken: CancellationToken);

    /// <summary>
    /// <paramref name="sql"/> with the scope ahead of it (and, for a read, read-only ahead of both), in one round trip; the
    /// results are <paramref name="sql"/>'s.
    /// </summary>
    private async Task<SqlMapper.GridReader> WithScopeAsync(string sql, object? parameters)
    {
        var (scopeSql, scopeParameters) = _scope!.Value;
        var all = new CombinedParameters(scopeParameters, parameters);
        var results = await _connection.QueryMultipleAsync(new CommandDefinition(
            _reading
                ? $"""
                  {ReadOnly};
                  {scopeSql};
                  {sql}
                  """
                : $"""
                  {scopeSql};
                  {sql}
                  """,
            all, _transaction, cancellationToken: CancellationToken));
        try
        {
            if (_reading)
            {
                await results.ReadAsync();
            }

            var scope = await results.ReadSingleAsync<(string Tenants, string Contracts, string UserId)>();
            if (_contracts is null)
            {
                Scope(scope);
            }

            _scope = _reading
                ? (ScopeFound, new { scope_tenants = scope.Tenants, scope_contracts = scope.Contracts, scope_user = scope.UserId })
                : null;
            return results;
        }
        catch
        {
            results.Dispose();
            throw;
        }
    }

    private void NotForReads()
    {
        if (_reading)
        {
            throw new InvalidOperationException("A read writes nothing: begin a unit of work to write, add events or commit.");
        }
    }
}
