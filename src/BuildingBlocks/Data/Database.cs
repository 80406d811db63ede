using Infogerance.ServiceDefaults;
using Npgsql;

namespace Infogerance.Data;

/// <summary>The entry point of a service's data access: tenant-scoped units of work over the application role.</summary>
public sealed class Database(NpgsqlDataSource dataSource, EventTypeRegistry events, OutboxSignal signal)
{
    // Parameterised and transaction-local (is_local = true): the scope cannot leak to the pooled connection's next user.
    // app.user_id is the person served (empty for the system), for the tables whose rows belong to one person.
    // Its parameters' names are its own: it is sent ahead of a command, with that command's parameters.
    private const string TenantScope =
        """
        SELECT set_config('app.tenant_ids', @scope_tenants, true) AS tenants, set_config('app.contracts', '', true) AS contracts,
               set_config('app.user_id', @scope_user, true) AS user_id
        """;

    // A provider's users see their own organisation's rows and, in client tenants, only the rows of the open
    // contracts naming their organisation (never a client's whole-tenant data); narrowed to one client tenant
    // when the caller chose one.
    private const string ProviderScope =
        """
        SELECT set_config('app.tenant_ids', @scope_organisation::text, true) AS tenants,
               set_config('app.contracts', coalesce(string_agg(tenant_id::text || ':' || contract_id::text, ','), ''), true) AS contracts,
               set_config('app.user_id', @scope_user, true) AS user_id
        FROM contract_parties
        WHERE provider_organisation_id = @scope_organisation AND is_open AND (@scope_tenant::uuid IS NULL OR tenant_id = @scope_tenant)
        """;

    public NpgsqlDataSource DataSource => dataSource;

    /// <summary>A unit of work over whole tenants: for a tenant's own users and for consumers of its events.</summary>
    public Task<UnitOfWork> BeginAsync(IEnumerable<Guid> tenantIds, CancellationToken cancellationToken) =>
        BeginAsync(tenantIds, null, cancellationToken);

    public Task<UnitOfWork> BeginAsync(Guid tenantId, CancellationToken cancellationToken) =>
        BeginAsync([tenantId], cancellationToken);

    /// <summary>
    /// A unit of work that sees what <paramref name="user"/> may see: its own organisation (a client company's
    /// tenant, or a provider's or the platform's own rows) and, for a provider, the contracts it serves.
    /// A client user who names another tenant sees nothing.
    /// </summary>
    public Task<UnitOfWork> BeginAsync(CurrentUser user, CancellationToken cancellationToken)
    {
        var (sql, parameters, tenantIds) = ScopeOf(user);
        return UnitOfWork.BeginAsync(dataSource, sql, parameters, tenantIds, user.Id, events, signal, cancellationToken);
    }

    /// <summary>
    /// A read of what <paramref name="user"/> may see (as <see cref="BeginAsync(CurrentUser, CancellationToken)"/>), for a
    /// request that writes nothing: each of its commands is one round trip, with no transaction to start or end.
    /// </summary>
    public Task<UnitOfWork> ReadAsync(CurrentUser user, CancellationToken cancellationToken)
    {
        var (sql, parameters, tenantIds) = ScopeOf(user);
        return UnitOfWork.ReadAsync(dataSource, sql, parameters, tenantIds, user.Id, events, signal, cancellationToken);
    }

    /// <summary>A read of whole tenants (see <see cref="ReadAsync(CurrentUser, CancellationToken)"/>); of none, for shared reference data.</summary>
    public Task<UnitOfWork> ReadAsync(IEnumerable<Guid> tenantIds, CancellationToken cancellationToken)
    {
        var tenants = tenantIds.Distinct().ToList();
        return UnitOfWork.ReadAsync(dataSource, TenantScope, TenantParameters(tenants, null), tenants, null, events, signal, cancellationToken);
    }

    public Task<UnitOfWork> ReadAsync(Guid tenantId, CancellationToken cancellationToken) => ReadAsync([tenantId], cancellationToken);

    /// <summary>
    /// A consumer's unit of work over the event's tenant, with the event recorded in the inbox in the same round trip; null
    /// when the inbox already holds it for <paramref name="consumer"/> (a redelivered or republished event): nothing to do.
    /// </summary>
    public async Task<UnitOfWork?> BeginConsumingAsync(Guid tenantId, Guid eventId, string consumer, CancellationToken cancellationToken) =>
        (await BeginConsumingAsync([tenantId], [eventId], consumer, cancellationToken))?.UnitOfWork;

    /// <summary>
    /// A consumer's unit of work over a batch of events of <paramref name="tenantIds"/>, with the events recorded in the
    /// inbox in the same round trip. It comes with the events the inbox did not hold yet for <paramref name="consumer"/>;
    /// null when it held them all.
    /// </summary>
    public Task<(UnitOfWork UnitOfWork, IReadOnlySet<Guid> Fresh)?> BeginConsumingAsync(
        IEnumerable<Guid> tenantIds, IReadOnlyCollection<Guid> eventIds, string consumer, CancellationToken cancellationToken) =>
        UnitOfWork.BeginConsumingAsync(dataSource, TenantScope, TenantParameters(tenantIds, null), eventIds, consumer, events, signal, cancellationToken);

    private Task<UnitOfWork> BeginAsync(IEnumerable<Guid> tenantIds, Guid? userId, CancellationToken cancellationToken)
    {
        var tenants = tenantIds.Distinct().ToList();
        return UnitOfWork.BeginAsync(dataSource, TenantScope, TenantParameters(tenants, userId), tenants, userId, events, signal, cancellationToken);
    }

    /// <summary>The scope's SQL and parameters for <paramref name="user"/>, and the tenants it sees whole.</summary>
    private static (string Sql, object Parameters, Guid[] TenantIds) ScopeOf(CurrentUser user)
    {
        if (user.OrganisationKind == OrganisationKind.Provider)
        {
            return (ProviderScope, new { scope_organisation = user.OrganisationId, scope_tenant = user.SelectedTenantId, scope_user = user.Id.ToString() },
                [user.OrganisationId]);
        }

        Guid[] sees = user.SelectedTenantId is { } selected && selected != user.OrganisationId ? [] : [user.OrganisationId];
        return (TenantScope, TenantParameters(sees, user.Id), sees);
    }

    private static object TenantParameters(IEnumerable<Guid> tenantIds, Guid? userId) =>
        new { scope_tenants = string.Join(',', tenantIds.Distinct()), scope_user = userId?.ToString() ?? "" };
}
