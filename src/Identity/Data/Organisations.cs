using Infogerance.Data;
using Infogerance.Identity.Api;
using Infogerance.ServiceDefaults;
using Npgsql;

namespace Infogerance.Identity.Data;

/// <summary>Queries and commands over the registry of organisations.</summary>
public static class Organisations
{
    private const string Select =
        """
        SELECT o.id, o.name, o.kind, o.created_at,
               coalesce(c.user_count, 0) AS user_count
        FROM organisations o LEFT JOIN organisation_user_counts() c ON c.tenant_id = o.id
        """;

    public static async Task<OrganisationDto[]> ListAsync(UnitOfWork unitOfWork) =>
        [.. await unitOfWork.QueryAsync<OrganisationDto>($"{Select} ORDER BY o.name")];

    public static Task<OrganisationDto?> FindAsync(UnitOfWork unitOfWork, Guid id) =>
        unitOfWork.QuerySingleOrDefaultAsync<OrganisationDto>($"{Select} WHERE o.id = @id", new { id });

    public static async Task<ProviderDto[]> ListProvidersAsync(UnitOfWork unitOfWork) =>
        [.. await unitOfWork.QueryAsync<ProviderDto>("SELECT id, name FROM organisations WHERE kind = 'provider' ORDER BY name")];

    /// <summary>The clients with an open contract naming <paramref name="providerId"/> (from this service's replica of the contracts' parties).</summary>
    public static async Task<TenantSummary[]> ClientsOfProviderAsync(UnitOfWork unitOfWork, Guid providerId) =>
        [.. await unitOfWork.QueryAsync<TenantSummary>(
            """
            SELECT o.id, o.name FROM organisations o
            WHERE o.kind = 'client' AND EXISTS (
                SELECT 1 FROM contract_parties p
                WHERE p.tenant_id = o.id AND p.provider_organisation_id = @providerId AND p.is_open)
            ORDER BY o.name
            """,
            new { providerId })];

    /// <summary>False when the name is taken (names are unique whatever their case).</summary>
    public static async Task<bool> CreateAsync(UnitOfWork unitOfWork, Guid id, string name, OrganisationKind kind) =>
        await unitOfWork.ExecuteAsync(
            """
            INSERT INTO organisations (id, name, kind, created_at, updated_at) VALUES (@id, @name, @kind, now(), now())
            ON CONFLICT DO NOTHING
            """,
            new { id, name, kind = kind.ToString().ToLowerInvariant() }) == 1;

    /// <summary>False when the name is taken by another organisation; the transaction is then spoilt, to be abandoned.</summary>
    public static async Task<bool> RenameAsync(UnitOfWork unitOfWork, Guid id, string name)
    {
        try
        {
            await unitOfWork.ExecuteAsync("UPDATE organisations SET name = @name, updated_at = now() WHERE id = @id", new { id, name });
            return true;
        }
        catch (PostgresException exception) when (exception is { SqlState: PostgresErrorCodes.UniqueViolation, TableName: "organisations" })
        {
            return false;
        }
    }
}
