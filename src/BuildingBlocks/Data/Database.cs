using Npgsql;

namespace Infogerance.Data;

/// <summary>The entry point of a service's data access: tenant-scoped units of work over the application role.</summary>
public sealed class Database(NpgsqlDataSource dataSource, EventTypeRegistry events, OutboxSignal signal)
{
    public NpgsqlDataSource DataSource => dataSource;

    public Task<UnitOfWork> BeginAsync(IEnumerable<Guid> tenantIds, CancellationToken cancellationToken) =>
        UnitOfWork.BeginAsync(dataSource, tenantIds, events, signal, cancellationToken);

    public Task<UnitOfWork> BeginAsync(Guid tenantId, CancellationToken cancellationToken) =>
        BeginAsync([tenantId], cancellationToken);
}
