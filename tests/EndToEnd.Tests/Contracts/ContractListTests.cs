using System.Net;
using System.Text.Json;
using Infogerance.EndToEnd.Tests.Incidents;
using Infogerance.ServiceDefaults;

namespace Infogerance.EndToEnd.Tests.Contracts;

/// <summary>The contract list searched on its reference and title and sorted on a column, within the caller's contracts only.</summary>
[Collection(SystemCollection.Name)]
public sealed class ContractListTests(InfogeranceSystem system)
{
    [Fact]
    public async Task The_list_searches_the_reference_and_title_and_sorts_on_a_column()
    {
        Guid client = Guid.NewGuid(), other = Guid.NewGuid();
        var provider = await TicketContracts.NewProviderAsync(system);
        using var manager = await ContractParty.SignInAsync(system, client, Roles.ContractManager, "Claire Moreau");
        using var otherManager = await ContractParty.SignInAsync(system, other, Roles.ContractManager, "Nadia Colin");
        var tag = Guid.NewGuid().ToString("N")[..6];

        async Task<Guid> Create(ContractParty who, string reference, string title) =>
            (await who.PostAsync("/", new { reference, title, providerOrganisationId = provider }, HttpStatusCode.Created)).GetProperty("id").GetGuid();

        var network = await Create(manager, $"NET-{tag}", "Réseau et postes de travail");
        var hosting = await Create(manager, $"HOST-{tag}", "Hébergement 100% managé");
        var cloud = await Create(manager, $"CLOUD-{tag}", "Infogérance réseau cloud");
        var foreign = await Create(otherManager, $"NET2-{tag}", "Réseau du voisin");

        static Guid[] Ids(JsonElement list) => [.. list.EnumerateArray().Select(c => c.GetProperty("id").GetGuid())];

        Assert.Equal([cloud, hosting, network], Ids(await manager.GetAsync("/")));
        Assert.Equal([cloud, network], Ids(await manager.GetAsync($"/?q={Uri.EscapeDataString("RÉSEAU")}")));
        Assert.Equal([network], Ids(await manager.GetAsync($"/?q=net-{tag}")));
        Assert.Equal([hosting], Ids(await manager.GetAsync("/?q=100%25")));
        Assert.Equal([network, hosting, cloud], Ids(await manager.GetAsync("/?sort=reference&order=desc")));
        Assert.Equal([hosting, cloud, network], Ids(await manager.GetAsync("/?sort=title")));
        Assert.Equal([network, cloud], Ids(await manager.GetAsync($"/?q=r%C3%A9seau&sort=title&order=desc")));

        // Another client's contract never shows, however it is searched.
        Assert.Empty(Ids(await manager.GetAsync($"/?q=NET2-{tag}")));
        Assert.Equal([foreign], Ids(await otherManager.GetAsync($"/?q={tag}")));

        var refused = await manager.GetAsync($"/?sort=fee&order=down&q={new string('x', 101)}", HttpStatusCode.UnprocessableEntity);
        Assert.Equal(["order", "q", "sort"], refused.GetProperty("errors").EnumerateObject().Select(e => e.Name).Order());
    }
}
