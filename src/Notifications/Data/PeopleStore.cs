using Infogerance.Data;
using Infogerance.Messaging;
using Infogerance.Notifications.Domain;

namespace Infogerance.Notifications.Data;

/// <summary>The people notifications are addressed to, as the people replica keeps them from Identity's account events.</summary>
public static class PeopleStore
{
    /// <summary>Everyone of these organisations, whatever their status: <see cref="Recipients"/> chooses.</summary>
    public static async Task<IReadOnlyList<Person>> OfAsync(UnitOfWork unitOfWork, IEnumerable<Guid> organisations) =>
        [.. (await PeopleReplica.OfAsync(unitOfWork, organisations))
            .Select(account => new Person(account.Id, account.OrganisationId, account.OrganisationKind, account.Roles, account.Status))];

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
}
