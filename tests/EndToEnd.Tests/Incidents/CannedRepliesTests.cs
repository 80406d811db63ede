using System.Net;
using Infogerance.EndToEnd.Tests.Contracts;
using Infogerance.ServiceDefaults;

namespace Infogerance.EndToEnd.Tests.Incidents;

/// <summary>A provider's canned replies: managed by its account managers, read by its agents, by no one else.</summary>
[Collection(SystemCollection.Name)]
public sealed class CannedRepliesTests(InfogeranceSystem system)
{
    [Fact]
    public async Task Account_managers_add_and_delete_their_desk_s_replies_which_its_agents_alone_read()
    {
        var desk = await TicketContracts.NewProviderAsync(system);
        var otherDesk = await TicketContracts.NewProviderAsync(system);
        using var manager = await ContractParty.SignInAsync(system, desk, Roles.AccountManager, "Antoine Garnier", "incidents");
        using var agent = await ContractParty.SignInAsync(system, desk, Roles.AgentL1, "Léa Fontaine", "incidents");
        using var otherManager = await ContractParty.SignInAsync(system, otherDesk, Roles.AccountManager, "Eva Lambert", "incidents");
        using var client = await ContractParty.SignInAsync(system, Guid.NewGuid(), Roles.ContractManager, "Claire Moreau", "incidents");

        var reply = await manager.PostAsync("/canned-replies", new
        {
            titleEn = "Password reset", titleFr = "Réinitialisation du mot de passe",
            textEn = "Your password has been reset: check your e-mail.", textFr = "Votre mot de passe est réinitialisé : consultez vos e-mails.",
        }, HttpStatusCode.Created);
        await manager.PostAsync("/canned-replies", new { titleEn = "Call back", titleFr = "Rappel", textEn = "We will call you back.", textFr = "Nous vous rappelons." },
            HttpStatusCode.Created);

        var read = await agent.GetAsync("/canned-replies");
        Assert.Equal(["Call back", "Password reset"], read.EnumerateArray().Select(r => r.GetProperty("titleEn").GetString()));
        Assert.Equal("Votre mot de passe est réinitialisé : consultez vos e-mails.", read[1].GetProperty("textFr").GetString());

        // Another provider sees none of them and cannot delete them; the client's side may not read them; agents do not manage.
        Assert.Empty((await otherManager.GetAsync("/canned-replies")).EnumerateArray());
        var id = reply.GetProperty("id").GetGuid();
        using (var response = await otherManager.Client.DeleteAsync($"/canned-replies/{id}"))
        {
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        }

        await client.GetAsync("/canned-replies", HttpStatusCode.Forbidden);
        await agent.PostAsync("/canned-replies", new { titleEn = "x", titleFr = "x", textEn = "x", textFr = "x" }, HttpStatusCode.Forbidden);
        using (var response = await agent.Client.DeleteAsync($"/canned-replies/{id}"))
        {
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        }

        var refused = await manager.PostAsync("/canned-replies", new { titleEn = "Only English", textEn = "Hello", textFr = new string('a', 5001) },
            HttpStatusCode.UnprocessableEntity);
        Assert.Equal(["textFr", "titleFr"], refused.GetProperty("errors").EnumerateObject().Select(e => e.Name).Order());

        using (var response = await manager.Client.DeleteAsync($"/canned-replies/{id}"))
        {
            Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        }

        Assert.Equal(["Call back"], (await agent.GetAsync("/canned-replies")).EnumerateArray().Select(r => r.GetProperty("titleEn").GetString()));
    }
}
