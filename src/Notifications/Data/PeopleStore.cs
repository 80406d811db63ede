using Infogerance.Data;
using Infogerance.IntegrationEvents;
using Infogerance.Notifications.Domain;

namespace Infogerance.Notifications.Data;

/// <summary>The people notifications are addressed to, kept from Identity's account events.</summary>
public static class PeopleStore
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

    /// <summary>Everyone of these organisations, whatever their status: <see cref="Recipients"/> chooses.</summary>
    public static async Task<IReadOnlyList<Person>> OfAsync(UnitOfWork unitOfWork, IEnumerable<Guid> organisations)
    {
        ArgumentNullException.ThrowIfNull(unitOfWork);
        var rows = await unitOfWork.QueryAsync<PersonRow>(
            "SELECT user_id, tenant_id, organisation_kind, roles, status FROM people WHERE tenant_id = ANY(@organisations) ORDER BY user_id",
            new { organisations = organisations.Distinct().ToArray() });
        return [.. rows.Select(row => new Person(row.UserId, row.TenantId, row.OrganisationKind, row.Roles, row.Status))];
    }

    /// <summary>Where and how to write to the person: null unless their account is active with an address.</summary>
    public static Task<Addressee?> AddresseeAsync(UnitOfWork unitOfWork, Guid organisationId, Guid personId)
    {
        ArgumentNullException.ThrowIfNull(unitOfWork);
        return unitOfWork.QuerySingleOrDefaultAsync<Addressee>(
            $"""
            SELECT email, display_name, language, organisation_kind FROM people
            WHERE tenant_id = @organisationId AND user_id = @personId AND status = '{Person.Active}' AND email <> ''
            """,
            new { organisationId, personId });
    }

    private sealed record PersonRow(Guid UserId, Guid TenantId, string OrganisationKind, string[] Roles, string Status);
}
