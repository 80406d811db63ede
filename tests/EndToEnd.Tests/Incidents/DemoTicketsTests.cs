using System.Net;
using Infogerance.DemoData;
using Infogerance.EndToEnd.Tests.Contracts;
using Infogerance.ServiceDefaults;

namespace Infogerance.EndToEnd.Tests.Incidents;

/// <summary>The demo's tickets, loaded once the demo contract's terms reached the Incidents service.</summary>
[Collection(SystemCollection.Name)]
public sealed class DemoTicketsTests(InfogeranceSystem system)
{
    [Fact]
    public async Task The_demo_contract_has_a_ticket_in_each_situation_for_the_demo_users()
    {
        var requester = DemoWorld.LoginOf("requester@acme.example");
        using var rachel = await ContractParty.SignInAsync(system, DemoWorld.Acme, Roles.Requester, requester.DisplayName, "incidents", requester.UserId);
        using var lea = await ContractParty.SignInAsync(system, DemoWorld.Antares, Roles.AgentL1, "Léa Fontaine", "incidents");
        using var lars = await ContractParty.SignInAsync(system, DemoWorld.Nordlys, Roles.AgentL1, "Lars Nilsen", "incidents");

        // Other tests open tickets on the demo contract too: the demo's own are known by their titles.
        var expected = new Dictionary<string, string>
        {
            ["Serveur de fichiers FS-01 inaccessible"] = "new",
            ["Messagerie très lente depuis ce matin"] = "inProgress",
            ["Création du compte de Julie Bernard (arrivée lundi)"] = "pendingClient",
            ["Imprimante du 2e étage hors service"] = "resolved",
            ["Installation de Visio sur le poste PC-0117"] = "closed",
        };
        var demo = await Eventually.UntilAsync(
            async () => (await lea.GetAsync($"/tickets?contractId={DemoWorld.AcmeContract}&sort=newest&limit=100")).GetProperty("items").EnumerateArray()
                .Where(t => expected.ContainsKey(t.GetProperty("title").GetString()!)).ToList(),
            found => found.Count >= expected.Count,
            found => $"the demo tickets were loaded (found {found.Count})");

        Assert.All(demo, t => Assert.Equal(expected[t.GetProperty("title").GetString()!], t.GetProperty("status").GetString()));
        Assert.All(demo, t => Assert.Equal("ACME-INFOG-01", t.GetProperty("contractReference").GetString()));

        // The desk's queue puts the open ones first, by SLA urgency; another provider sees none of them.
        var queue = (await lea.GetAsync("/tickets")).GetProperty("items").EnumerateArray().Select(t => t.GetProperty("status").GetString()).ToList();
        Assert.DoesNotContain("resolved", queue);
        Assert.Empty((await lars.GetAsync($"/tickets?contractId={DemoWorld.AcmeContract}")).GetProperty("items").EnumerateArray());

        // The demo requester can rate the resolved printer ticket, and sees its rated request closed.
        var printer = demo.Single(t => t.GetProperty("title").GetString() == "Imprimante du 2e étage hors service").GetProperty("id").GetGuid();
        Assert.True((await rachel.GetAsync($"/tickets/{printer}")).GetProperty("can").GetProperty("rate").GetBoolean());
        var closed = demo.Single(t => t.GetProperty("title").GetString() == "Installation de Visio sur le poste PC-0117").GetProperty("id").GetGuid();
        Assert.Equal(5, (await rachel.GetAsync($"/tickets/{closed}")).GetProperty("satisfaction").GetProperty("score").GetInt32());
        await lars.GetAsync($"/tickets/{printer}", HttpStatusCode.NotFound);
    }
}
