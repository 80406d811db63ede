using Infogerance.Incidents.Domain;
using Infogerance.Messaging;
using Infogerance.ServiceDefaults;

namespace Infogerance.Incidents.Tests;

/// <summary>Who a ticket may be assigned to: an active person of the contract's provider holding a desk role.</summary>
public sealed class AssigneesTests
{
    private static readonly Guid Provider = Guid.CreateVersion7();
    private static readonly Guid OtherProvider = Guid.CreateVersion7();

    private static PersonAccount Agent(
        string name = "Léa Fontaine", string role = Roles.AgentL1, string status = PersonAccount.Active, Guid? organisation = null, string kind = "provider") =>
        new(Guid.CreateVersion7(), organisation ?? Provider, kind, name, [role], status);

    [Theory]
    [InlineData(Roles.AgentL1)]
    [InlineData(Roles.AgentL2)]
    [InlineData(Roles.AccountManager)]
    public void Every_desk_role_of_the_provider_may_be_assigned(string role) =>
        Assert.True(Assignees.MayBeAssigned(Agent(role: role), Provider));

    [Theory]
    [InlineData("invited")]
    [InlineData("deactivated")]
    public void Someone_not_active_may_not(string status) =>
        Assert.False(Assignees.MayBeAssigned(Agent(status: status), Provider));

    [Fact]
    public void Another_providers_agent_may_not() =>
        Assert.False(Assignees.MayBeAssigned(Agent(organisation: OtherProvider), Provider));

    [Fact]
    public void A_client_user_or_an_operator_may_not_even_with_the_providers_id()
    {
        Assert.False(Assignees.MayBeAssigned(Agent(role: Roles.ContractManager, kind: "client"), Provider));
        Assert.False(Assignees.MayBeAssigned(Agent(role: Roles.AgentL1, kind: "client"), Provider));
        Assert.False(Assignees.MayBeAssigned(Agent(role: Roles.Operator, kind: "platform"), Provider));
    }

    [Fact]
    public void A_provider_person_without_a_desk_role_may_not() =>
        Assert.False(Assignees.MayBeAssigned(Agent(role: Roles.Requester), Provider));

    [Fact]
    public void The_list_keeps_the_assignable_ones_by_name_as_French_sorts_them()
    {
        var people = new[]
        {
            Agent("Zoé Vasseur"), Agent("émile Roux", Roles.AgentL2), Agent("Agnès Agent", Roles.AccountManager), Agent("Éric Morel"),
            Agent("Bruno Dépôt", status: "deactivated"), Agent("Ingrid Solberg", organisation: OtherProvider),
        };

        Assert.Equal(["Agnès Agent", "émile Roux", "Éric Morel", "Zoé Vasseur"], Assignees.Of(people, Provider).Select(person => person.DisplayName));
    }

    [Fact]
    public void The_desk_roles_are_the_provider_roles() =>
        Assert.Equal([Roles.AccountManager, Roles.AgentL1, Roles.AgentL2], Assignees.DeskRoles.Order());
}
