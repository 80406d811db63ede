using System.Globalization;
using Infogerance.Messaging;
using Infogerance.ServiceDefaults;

namespace Infogerance.Incidents.Domain;

/// <summary>Who a ticket may be assigned to: a person of its contract's provider desk, as the people replica knows them.</summary>
public static class Assignees
{
    private const string ProviderKind = "provider";

    private static readonly StringComparer ByName = StringComparer.Create(CultureInfo.GetCultureInfo("fr-FR"), CompareOptions.IgnoreCase);

    /// <summary>
    /// The roles of a provider's desk, every one of which works tickets: its level 1 and level 2 agents, and its account
    /// managers, who run the desk and take or hand out tickets themselves (the desk's rights are the provider side's).
    /// </summary>
    public static IReadOnlyList<string> DeskRoles { get; } = Roles.Of(OrganisationKind.Provider);

    /// <summary>Whether <paramref name="person"/> may be assigned a ticket of a contract served by <paramref name="providerOrganisationId"/>.</summary>
    public static bool MayBeAssigned(PersonAccount person, Guid providerOrganisationId)
    {
        ArgumentNullException.ThrowIfNull(person);
        return person.Status == PersonAccount.Active
            && person.OrganisationKind == ProviderKind
            && person.OrganisationId == providerOrganisationId
            && person.Roles.Any(DeskRoles.Contains);
    }

    /// <summary>Those of <paramref name="people"/> who may be assigned the provider's tickets, by name (as French sorts them), then id.</summary>
    public static IReadOnlyList<PersonAccount> Of(IEnumerable<PersonAccount> people, Guid providerOrganisationId) =>
        [.. people.Where(person => MayBeAssigned(person, providerOrganisationId)).OrderBy(person => person.DisplayName, ByName).ThenBy(person => person.Id)];
}
