using Infogerance.ServiceDefaults;
using Npgsql;

namespace Infogerance.Data;

/// <summary>The entry point of a service's data access: tenant-scoped units of work over the application role.</summary>
public sealed class Database(NpgsqlDataSource dataSource, EventTypeRegistry events, OutboxSignal signal)
{
    // Parameterised and transaction-local (is_local = true): the scope cannot leak to the pooled connection's next user.
    // app.user_id is the person served (empty for the system), for the tables whose rows belong to one person.
    private const string TenantScope =
        """
        SELECT set_config('app.tenant_ids', @tenants, true) AS tenants, set_config('app.contracts', '', true) AS contracts,
               set_config('app.user_id', @user, true) AS user_id
        """;

    // A provider's users see their own organisation's rows and, in client tenants, only the rows of the open
    // contracts naming their organisation (never a client's whole-tenant data); narrowed to one client tenant
    // when the caller chose one.
    private const string ProviderScope =
        """
        SELECT set_config('app.tenant_ids', @organisation::text, true) AS tenants,
               set_config('app.contracts', coalesce(string_agg(tenant_id::text || ':' || contract_id::text, ','), ''), true) AS contracts,
               set_config('app.user_id', @user, true) AS user_id
        FROM contract_parties
        WHERE provider_organisation_id = @organisation AND is_open AND (@tenant::uuid IS NULL OR tenant_id = @tenant)
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
        if (user.OrganisationKind == OrganisationKind.Provider)
        {
            return UnitOfWork.BeginAsync(
                dataSource, ProviderScope, new { organisation = user.OrganisationId, tenant = user.SelectedTenantId, user = user.Id.ToString() },
                events, signal, cancellationToken);
        }

        var sees = user.SelectedTenantId is { } selected && selected != user.OrganisationId ? [] : new[] { user.OrganisationId };
        return BeginAsync(sees, user.Id, cancellationToken);
    }

    /// <summary>
    /// A consumer's unit of work over the event's tenant, with the event recorded in the inbox in the same round trip; null
    /// when the inbox already holds it for <paramref name="consumer"/> (a redelivered or republished event): nothing to do.
    /// </summary>
    public Task<UnitOfWork?> BeginConsumingAsync(Guid tenantId, Guid eventId, string consumer, CancellationToken cancellationToken) =>
        UnitOfWork.BeginConsumingAsync(dataSource, TenantScope, new { tenants = tenantId.ToString(), user = "" }, eventId, consumer, events, signal, cancellationToken);

    private Task<UnitOfWork> BeginAsync(IEnumerable<Guid> tenantIds, Guid? userId, CancellationToken cancellationToken) =>
        UnitOfWork.BeginAsync(
            dataSource, TenantScope, new { tenants = string.Join(',', tenantIds.Distinct()), user = userId?.ToString() ?? "" }, events, signal, cancellationToken);
}
