using FsCheck;
using FsCheck.Fluent;
using Infogerance.Notifications.Domain;
using Infogerance.ServiceDefaults;

namespace Infogerance.Notifications.Tests;

/// <summary>
/// Properties of the choice of recipients over random people (of the contract's parties, of others, of the platform; of
/// every status and mix of roles) and random audiences. FsCheck prints the failing case and the seed to replay it.
/// </summary>
public class RecipientPropertyTests
{
    private static readonly Config Quick = Config.QuickThrowOnFailure.WithMaxTest(500).WithQuietOnSuccess(true);

    private static readonly (Guid Organisation, string Kind)[] Organisations =
    [
        (World.Client, "client"), (World.OtherClient, "client"), (World.Provider, "provider"), (World.OtherProvider, "provider"), (World.Platform, "platform"),
    ];

    private static readonly string[] Statuses = ["invited", "active", "deactivated"];

    public sealed record Case(Person[] People, Audience Audience, ContractParties Contract)
    {
        public override string ToString() =>
            $"contract open: {Contract.IsOpen}; audience roles [{string.Join(", ", Audience.Roles)}], named {Audience.People.Count}, actor {Audience.Actor}; "
            + $"people [{string.Join("; ", People.Select(p => $"{p.Id.ToString()[..8]} {p.OrganisationKind}@{p.OrganisationId.ToString()[^4..]} {p.Status} {string.Join('+', p.Roles)}"))}]";
    }

    private static readonly Gen<Person> People =
        from organisation in Gen.Elements(Organisations)
        from roles in Gen.SubListOf(Roles.All.ToArray())
        from status in Gen.Elements(Statuses)
        select new Person(Guid.NewGuid(), organisation.Organisation, organisation.Kind, [.. roles], status);

    private static readonly Gen<Case> Cases =
        from people in Gen.ArrayOf(People)
        from sideRoles in Gen.SubListOf(Roles.All.SelectMany(role => new[] { new SideRole("client", role), new SideRole("provider", role) }).ToArray())
        from named in Gen.SubListOf(people.Select(p => p.Id).ToArray())
        from actor in Gen.Elements(people.Select(p => (Guid?)p.Id).Append(null).ToArray())
        from open in Gen.Elements(true, false)
        select new Case(people, new Audience { Roles = [.. sideRoles], People = [.. named], Actor = actor }, World.Open with { IsOpen = open });

    private static void Check(Func<Case, bool> property) => FsCheck.Check.One(Quick, Prop.ForAll(Cases.ToArbitrary(), property));

    [Fact]
    public void Every_recipient_is_active_on_a_side_of_the_contract_in_the_audience_and_not_the_actor() =>
        Check(c => Recipients.Choose(c.Audience, c.Contract, c.People).All(person =>
            person.Status == Person.Active
            && person.Id != c.Audience.Actor
            && Recipients.SideOf(person, c.Contract) is { } side
            && (c.Audience.People.Contains(person.Id) || c.Audience.Roles.Any(role => role.Side == side && person.Roles.Contains(role.Role)))));

    [Fact]
    public void Nobody_of_another_organisation_or_the_platform_and_nobody_of_a_closed_contracts_provider_is_ever_told() =>
        Check(c => Recipients.Choose(c.Audience, c.Contract, c.People).All(person =>
            person.OrganisationId == World.Client || (person.OrganisationId == World.Provider && c.Contract.IsOpen)));

    [Fact]
    public void Everyone_in_the_audience_who_may_see_the_contract_is_told_once() =>
        Check(c =>
        {
            var chosen = Recipients.Choose(c.Audience, c.Contract, c.People);
            var expected = c.People.Where(person => person.Status == Person.Active && person.Id != c.Audience.Actor
                && person.Roles.Any(role => role != Roles.Operator)
                && Recipients.SideOf(person, c.Contract) is { } side
                && (c.Audience.People.Contains(person.Id) || c.Audience.Roles.Any(role => role.Side == side && person.Roles.Contains(role.Role))));
            return chosen.Select(p => p.Id).SequenceEqual(expected.Select(p => p.Id)) && chosen.Distinct().Count() == chosen.Count;
        });
}
