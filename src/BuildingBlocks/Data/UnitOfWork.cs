using System.Data;
using System.Diagnostics;
using Dapper;
using Infogerance.IntegrationEvents;
using Npgsql;

namespace Infogerance.Data;

/// <summary>
/// One transaction scoped to a set of tenants. Row-level security sees only those tenants' rows, and the
/// events added here are written to the outbox in the same transaction as the state change they describe.
/// Disposing without <see cref="CommitAsync"/> rolls everything back.
/// </summary>
public sealed class UnitOfWork : IAsyncDisposable
{
    private readonly EventTypeRegistry _events;
    private readonly OutboxSignal _signal;
    private bool _hasEvents;
    private List<Action>? _afterCommit;

    private UnitOfWork(NpgsqlConnection connection, NpgsqlTransaction transaction, EventTypeRegistry events, OutboxSignal signal, CancellationToken cancellationToken)
    {
        Connection = connection;
        Transaction = transaction;
        CancellationToken = cancellationToken;
        _events = events;
        _signal = signal;
    }

    public NpgsqlConnection Connection { get; }
    public NpgsqlTransaction Transaction { get; }
    public CancellationToken CancellationToken { get; }

    /// <summary>The tenants whose data this unit of work sees whole.</summary>
    public IReadOnlyList<Guid> TenantIds { get; private set; } = [];

    /// <summary>The contracts it sees beyond those tenants (a provider's open contracts), with their tenant.</summary>
    public IReadOnlyList<(Guid TenantId, Guid ContractId)> Contracts { get; private set; } = [];

    /// <summary>The person this unit of work serves; null for the system's (consumers, schedulers).</summary>
    public Guid? UserId { get; private set; }

    /// <summary>
    /// Opens the transaction and sets its scope with <paramref name="scopeSql"/>, which must return the values it
    /// gave to <c>app.tenant_ids</c>, <c>app.contracts</c> and <c>app.user_id</c> (set transaction-locally, from parameters).
    /// </summary>
    internal static async Task<UnitOfWork> BeginAsync(
        NpgsqlDataSource dataSource, string scopeSql, object scopeParameters, EventTypeRegistry events, OutboxSignal signal, CancellationToken cancellationToken) =>
        (await BeginAsync(dataSource, scopeSql, scopeParameters, inbox: null, events, signal, cancellationToken))!;

    /// <summary>
    /// <see cref="BeginAsync(NpgsqlDataSource, string, object, EventTypeRegistry, OutboxSignal, CancellationToken)"/> for a
    /// consumer of <paramref name="messageId"/>: the message is recorded in the inbox in the scope's round trip. Null,
    /// and nothing left open, when the inbox already holds it for <paramref name="consumer"/>.
    /// </summary>
    internal static Task<UnitOfWork?> BeginConsumingAsync(
        NpgsqlDataSource dataSource, string scopeSql, object scopeParameters, Guid messageId, string consumer, EventTypeRegistry events, OutboxSignal signal,
        CancellationToken cancellationToken) =>
        BeginAsync(dataSource, scopeSql, scopeParameters, (messageId, consumer), events, signal, cancellationToken);

    private static async Task<UnitOfWork?> BeginAsync(
        NpgsqlDataSource dataSource, string scopeSql, object scopeParameters, (Guid MessageId, string Consumer)? inbox, EventTypeRegistry events,
        OutboxSignal signal, CancellationToken cancellationToken)
    {
        var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        try
        {
            var transaction = await connection.BeginTransactionAsync(IsolationLevel.ReadCommitted, cancellationToken);
            (string Tenants, string Contracts, string UserId) scope;
            if (inbox is { } message)
            {
                var parameters = new DynamicParameters(scopeParameters);
                parameters.AddDynamicParams(new { message.MessageId, message.Consumer });
                using var results = await connection.QueryMultipleAsync(new CommandDefinition(
                    $"""
                    {scopeSql};
                    INSERT INTO inbox_messages (message_id, consumer) VALUES (@MessageId, @Consumer) ON CONFLICT DO NOTHING RETURNING true;
                    """,
                    parameters, transaction, cancellationToken: cancellationToken));
                scope = await results.ReadSingleAsync<(string, string, string)>();
                if (!(await results.ReadAsync<bool>()).Any())
                {
                    await connection.DisposeAsync();
                    return null;
                }
            }
            else
            {
                scope = await connection.QuerySingleAsync<(string, string, string)>(new CommandDefinition(
                    scopeSql, scopeParameters, transaction, cancellationToken: cancellationToken));
            }

            return new UnitOfWork(connection, transaction, events, signal, cancellationToken)
            {
                TenantIds = [.. scope.Tenants.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(Guid.Parse)],
                Contracts = [.. scope.Contracts.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(pair => pair.Split(':'))
                    .Select(pair => (Guid.Parse(pair[0]), Guid.Parse(pair[1])))],
                UserId = Guid.TryParse(scope.UserId, out var userId) ? userId : null,
            };
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Narrows or widens a system job's unit of work to whole tenants once it knows which ones its work is in (a
    /// scheduler reads its cross-tenant schedule first). Never for a user's unit of work: its scope comes from the user.
    /// </summary>
    public async Task ScopeToTenantsAsync(IEnumerable<Guid> tenantIds)
    {
        var tenants = tenantIds.Distinct().ToList();
        await ExecuteScalarAsync<string>("SELECT set_config('app.tenant_ids', @tenants, true)", new { tenants = string.Join(',', tenants) });
        TenantIds = tenants;
    }

    public Task<int> ExecuteAsync(string sql, object? parameters = null) =>
        Connection.ExecuteAsync(Command(sql, parameters));

    public Task<T?> ExecuteScalarAsync<T>(string sql, object? parameters = null) =>
        Connection.ExecuteScalarAsync<T>(Command(sql, parameters));

    public Task<IEnumerable<T>> QueryAsync<T>(string sql, object? parameters = null) =>
        Connection.QueryAsync<T>(Command(sql, parameters));

    public Task<T?> QuerySingleOrDefaultAsync<T>(string sql, object? parameters = null) =>
        Connection.QuerySingleOrDefaultAsync<T>(Command(sql, parameters));

    /// <summary>Several queries in one round trip, their results read in order; each round trip costs PostgreSQL as much as a simple statement.</summary>
    public Task<SqlMapper.GridReader> QueryMultipleAsync(string sql, object? parameters = null) =>
        Connection.QueryMultipleAsync(Command(sql, parameters));

    /// <summary>Adds the event to the outbox; it is published only if this unit of work commits.</summary>
    public async Task AddEventAsync(IntegrationEvent @event)
    {
        var activity = Activity.Current;
        await ExecuteAsync(
            """
            INSERT INTO outbox_messages (event_id, tenant_id, event_type, payload, trace_parent, trace_state, occurred_at)
            VALUES (@EventId, @TenantId, @EventType, @Payload::jsonb, @TraceParent, @TraceState, @OccurredAt)
            """,
            new
            {
                @event.EventId,
                @event.TenantId,
                EventType = _events.NameOf(@event.GetType()),
                Payload = _events.Serialize(@event),
                TraceParent = activity?.Id,
                TraceState = activity?.TraceStateString,
                OccurredAt = @event.OccurredAt.UtcDateTime,
            });
        _hasEvents = true;
    }

    /// <summary>
    /// Runs <paramref name="action"/> once this unit of work has committed, never if it rolls back: to wake a worker of
    /// this process for the work just written (<see cref="Signal.Notify"/>).
    /// </summary>
    public void AfterCommit(Action action) => (_afterCommit ??= []).Add(action);

    public async Task CommitAsync()
    {
        await Transaction.CommitAsync(CancellationToken);
        if (_hasEvents)
        {
            _signal.Notify();
        }

        _afterCommit?.ForEach(action => action());
    }

    public async ValueTask DisposeAsync()
    {
        await Transaction.DisposeAsync();
        await Connection.DisposeAsync();
    }

    private CommandDefinition Command(string sql, object? parameters) =>
        new(sql, parameters, Transaction, cancellationToken: CancellationToken);
}
