using Infogerance.Data;
using Infogerance.Identity.Api;
using Infogerance.Identity.Domain;

namespace Infogerance.Identity.Data;

/// <summary>Queries and commands over an organisation's service accounts.</summary>
public static class ServiceAccounts
{
    private const string Select = "SELECT id, name, roles, key_prefix, created_at, revoked_at, last_used_at FROM service_accounts";

    public static async Task<ServiceAccountDto[]> ListAsync(UnitOfWork unitOfWork, Guid organisationId) =>
        [.. await unitOfWork.QueryAsync<ServiceAccountDto>($"{Select} WHERE tenant_id = @organisationId ORDER BY name", new { organisationId })];

    /// <summary>Locked: whoever reads it here is about to change it.</summary>
    public static Task<ServiceAccountDto?> FindAsync(UnitOfWork unitOfWork, Guid organisationId, Guid id) =>
        unitOfWork.QuerySingleOrDefaultAsync<ServiceAccountDto>(
            $"{Select} WHERE tenant_id = @organisationId AND id = @id FOR UPDATE", new { organisationId, id });

    /// <summary>Only the key's hash and its shown prefix are kept.</summary>
    public static Task CreateAsync(UnitOfWork unitOfWork, Guid id, string name, string[] roles, OpaqueToken key) =>
        unitOfWork.ExecuteAsync(
            """
            INSERT INTO service_accounts (tenant_id, id, name, roles, secret_hash, key_prefix, created_at)
            VALUES (@OrganisationId, @id, @name, @roles, @Hash, @Prefix, now())
            """,
            new { key.OrganisationId, id, name, roles, key.Hash, key.Prefix });

    public static async Task RevokeAsync(UnitOfWork unitOfWork, Guid organisationId, Guid id)
    {
        await unitOfWork.ExecuteAsync(
            "UPDATE service_accounts SET revoked_at = now() WHERE tenant_id = @organisationId AND id = @id",
            new { organisationId, id });
        await Revocations.RecordAsync(unitOfWork, id);
    }
}
