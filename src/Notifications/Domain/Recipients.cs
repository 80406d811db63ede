using Infogerance.Data;
using Infogerance.ServiceDefaults;

namespace Infogerance.Notifications.Domain;

/// <summary>A person as Identity last described their account.</summary>
/// <param name="OrganisationKind"><c>client</c>, <c>provider</c> or <c>platform</c>.</param>
/// <param name="Status"><c>invited</c>, <c>active</c> or <c>deactivated</c>.</param>
public sealed record Person(Guid Id, Guid OrganisationId, string OrganisationKind, IReadOnlyList<string> Roles, string Status)
{
    public const string Active = "active";
}

/// <summary>The parties of the contract a notification is about, as the replica has them.</summary>
/// <param name="IsOpen">False once the contract is closed: its provider no longer sees it.</param>
public sealed record ContractParties(Guid ClientTenantId, Guid ProviderOrganisationId, bool IsOpen);

/// <summary>Who of the people known receives a notice about a contract: never someone who could not see what it is about.</summary>
public static class Recipients
{
    private static readonly HashSet<string> ContractRoles =
        [.. Roles.Of(OrganisationKind.Client), .. Roles.Of(OrganisationKind.Provider)];

    /// <summary>
    /// The people of <paramref name="people"/> in <paramref name="audience"/>: active, working on contracts, on a side of
    /// <paramref name="contract"/> (its client's people, or its provider's while it is open) and either named or holding
    /// one of the audience's roles on that side; the actor never. Each once, in the order given.
    /// </summary>
    public static IReadOnlyList<Person> Choose(Audience audience, ContractParties contract, IEnumerable<Person> people)
    {
        ArgumentNullException.ThrowIfNull(audience);
        ArgumentNullException.ThrowIfNull(contract);
        ArgumentNullException.ThrowIfNull(people);
        return
        [
            .. people.Where(person => person.Status == Person.Active && person.Id != audience.Actor && person.Roles.Any(ContractRoles.Contains))
                .Where(person => SideOf(person, contract) is { } side
                    && (audience.People.Contains(person.Id) || audience.Roles.Any(role => role.Side == side && person.Roles.Contains(role.Role))))
                .DistinctBy(person => person.Id),
        ];
    }

    /// <summary>The side of the contract the person is on; null when they have no part in it.</summary>
    public static string? SideOf(Person person, ContractParties contract)
    {
        ArgumentNullException.ThrowIfNull(person);
        ArgumentNullException.ThrowIfNull(contract);
        return person.OrganisationKind switch
        {
            "client" when person.OrganisationId == contract.ClientTenantId => Sides.Client,
            "provider" when person.OrganisationId == contract.ProviderOrganisationId && contract.IsOpen => Sides.Provider,
            _ => null,
        };
    }
}
