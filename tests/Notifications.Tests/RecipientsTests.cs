using Infogerance.Notifications.Domain;
using Infogerance.ServiceDefaults;
using static Infogerance.Notifications.Tests.World;

namespace Infogerance.Notifications.Tests;

/// <summary>Who of the people known receives a notice: on a side of the contract, active, in the audience, never its actor.</summary>
public class RecipientsTests
{
    private static readonly SideRole ClientManagers = new("client", Roles.ContractManager);
    private static readonly SideRole ProviderManagers = new("provider", Roles.AccountManager);

    private static IReadOnlyList<Person> Choose(Audience audience, ContractParties? contract = null, params Person[] others) =>
        Domain.Recipients.Choose(audience, contract ?? Open, [.. Everyone, .. others]);

    [Fact]
    public void The_clients_managers_are_its_contract_managers_not_its_administrator_requesters_or_auditors()
    {
        Assert.Equal([ClientManager], Choose(new Audience { Roles = [ClientManagers] }));
    }

    [Fact]
    public void The_providers_managers_are_those_of_the_contracts_provider_only()
    {
        Assert.Equal([AccountManager], Choose(new Audience { Roles = [ProviderManagers] }));
    }

    [Fact]
    public void A_role_names_one_side_a_client_role_never_reaches_the_provider_nor_the_reverse()
    {
        var clientSideAgent = new SideRole("client", Roles.AgentL2);
        var providerSideManager = new SideRole("provider", Roles.ContractManager);
        Assert.Empty(Choose(new Audience { Roles = [clientSideAgent, providerSideManager] }));
    }

    [Fact]
    public void Once_the_contract_is_closed_its_provider_no_longer_sees_it_and_is_told_nothing()
    {
        var audience = new Audience { Roles = [ClientManagers, ProviderManagers], People = [AgentL1.Id] };
        Assert.Equal([ClientManager], Choose(audience, Closed));
    }

    [Fact]
    public void A_deactivated_or_merely_invited_person_is_never_told_even_when_named()
    {
        var deactivated = ClientManager with { Id = Guid.CreateVersion7(), Status = "deactivated" };
        var invited = AccountManager with { Id = Guid.CreateVersion7(), Status = "invited" };
        var audience = new Audience { Roles = [ClientManagers, ProviderManagers], People = [deactivated.Id, invited.Id] };
        Assert.Equal([ClientManager, AccountManager], Choose(audience, Open, deactivated, invited));
    }

    [Fact]
    public void A_named_person_is_told_only_when_they_are_on_a_side_of_the_contract()
    {
        var audience = new Audience { People = [AgentL1.Id, OtherAgentL2.Id, OtherClientManager.Id, Operator.Id, ClientRequester.Id, Guid.CreateVersion7()] };
        Assert.Equal([ClientRequester, AgentL1], Choose(audience));
    }

    [Fact]
    public void The_actor_is_never_told_of_their_own_act_whether_named_or_by_role()
    {
        var secondManager = Someone(Client, "client", Roles.ContractManager);
        var byRole = new Audience { Roles = [ClientManagers], Actor = ClientManager.Id };
        Assert.Equal([secondManager], Choose(byRole, Open, secondManager));
        var named = new Audience { People = [ClientRequester.Id], Actor = ClientRequester.Id };
        Assert.Empty(Choose(named));
    }

    [Fact]
    public void Someone_both_named_and_in_a_role_or_holding_two_roles_is_told_once()
    {
        var both = Someone(Provider, "provider", Roles.AccountManager, Roles.AgentL2);
        var audience = new Audience { Roles = [ProviderManagers, new SideRole("provider", Roles.AgentL2)], People = [both.Id, AgentL2.Id] };
        Assert.Equal([AccountManager, AgentL2, both], Choose(audience, Open, both));
    }

    [Fact]
    public void A_person_without_a_role_on_contracts_is_told_nothing_even_when_named()
    {
        var roleless = Someone(Client, "client");
        Assert.Empty(Choose(new Audience { People = [roleless.Id] }, Open, roleless));
    }

    [Fact]
    public void A_person_of_the_right_organisation_under_the_wrong_kind_has_no_side()
    {
        // The client's tenant id reported as a provider's: not the contract's provider, and not its client either.
        var confused = Someone(Client, "provider", Roles.AccountManager);
        Assert.Null(Domain.Recipients.SideOf(confused, Open));
        Assert.Equal("client", Domain.Recipients.SideOf(ClientRequester, Open));
        Assert.Equal("provider", Domain.Recipients.SideOf(AgentL1, Open));
        Assert.Null(Domain.Recipients.SideOf(AgentL1, Closed));
        Assert.Null(Domain.Recipients.SideOf(Operator, Open));
    }

    [Fact]
    public void Nobody_known_nobody_told()
    {
        Assert.Empty(Domain.Recipients.Choose(new Audience { Roles = [ClientManagers, ProviderManagers] }, Open, []));
    }
}
