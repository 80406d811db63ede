using Infogerance.Data;
using Infogerance.IntegrationEvents;

namespace Infogerance.Messaging;

/// <summary>A person's account as Identity last described it.</summary>
/// <param name="OrganisationId">The person's own organisation: a client tenant, a provider or the platform.</param>
/// <param name="OrganisationKind"><c>client</c>, <c>provider</c> or <c>platform</c>.</param>
/// <param name="Status"><c>invited</c>, <c>active</c> or <c>deactivated</c>.</param>
public sealed record PersonAccount(Guid Id, Guid OrganisationId, string OrganisationKind, string DisplayName, IReadOnlyList<string> Roles, string Status)
{
    public const string Active = "active";
}

/// <summary>
/// A service's replica of people's accounts, kept from Identity's <see cref="UserAccountChanged"/> events (see
/// <see cref="PeopleReplicaExtensions.AddPeopleReplica"/>). Its rows live under each person's own organisation: a
/// unit of work sees the people of the organisations in its scope.
/// </summary>
public static class PeopleReplica
{
    /// <summary>
    /// Brings the person up to <paramref name="account"/> unless a later version of the account is already here; whether
    /// it did.
    /// </summary>
    public static async Task<bool> ApplyAsync(UnitOfWork unitOfWork, UserAccountChanged account)
    {
        ArgumentNullException.ThrowIfNull(unitOfWork);
        ArgumentNullException.ThrowIfNull(account);
        return await unitOfWork.ExecuteAsync(
            """
            INSERT INTO people (tenant_id, user_id, organisation_kind, email, display_name, roles, status, language, version, updated_at)
            VALUES (@TenantId, @UserId, @OrganisationKind, @Email, @DisplayName, @roles, @Status, @Language, @Version, @OccurredAt)
            ON CONFLICT (tenant_id, user_id) DO UPDATE
            SET organisation_kind = excluded.organisation_kind, email = excluded.email, display_name = excluded.display_name,
                roles = excluded.roles, status = excluded.status, language = excluded.language, version = excluded.version,
                updated_at = excluded.updated_at
            WHERE people.version < excluded.version
            """,
            new
            {
                account.TenantId, account.UserId, account.OrganisationKind, account.Email, account.DisplayName, roles = account.Roles.ToArray(),
                account.Status, account.Language, account.Version, OccurredAt = account.OccurredAt.UtcDateTime,
            }) > 0;
    }

    /// <summary>Everyone of these organisations the unit of work sees, whatever their status, in the order of their ids.</summary>
    public static async Task<IReadOnlyList<PersonAccount>> OfAsync(UnitOfWork unitOfWork, IEnumerable<Guid> organisations)
    {
        ArgumentNullException.ThrowIfNull(unitOfWork);
        var rows = await unitOfWork.QueryAsync<PersonRow>(
            $"{Select} WHERE tenant_id = ANY(@organisations) ORDER BY user_id",
            new { organisations = organisations.Distinct().ToArray() });
        return [.. rows.Select(row => row.Account)];
    }

    /// <summary>The person of this organisation, if the unit of work sees them.</summary>
    public static async Task<PersonAccount?> FindAsync(UnitOfWork unitOfWork, Guid organisationId, Guid personId)
    {
        ArgumentNullException.ThrowIfNull(unitOfWork);
        var row = await unitOfWork.QuerySingleOrDefaultAsync<PersonRow>(
            $"{Select} WHERE tenant_id = @organisationId AND user_id = @personId", new { organisationId, personId });
        return row?.Account;
    }

    private const string Select = "SELECT user_id, tenant_id, organisation_kind, display_name, roles, status FROM people";

    private sealed record PersonRow(Guid UserId, Guid TenantId, string OrganisationKind, string DisplayName, string[] Roles, string Status)
    {
        public PersonAccount Account => new(UserId, TenantId, OrganisationKind, DisplayName, Roles, Status);
    }
}
