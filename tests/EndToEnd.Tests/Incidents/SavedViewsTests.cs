using System.Net;
using Infogerance.EndToEnd.Tests.Contracts;
using Infogerance.ServiceDefaults;

namespace Infogerance.EndToEnd.Tests.Incidents;

/// <summary>Each person's saved views of the ticket lists: their own only, whoever else asks.</summary>
[Collection(SystemCollection.Name)]
public sealed class SavedViewsTests(InfogeranceSystem system)
{
    [Fact]
    public async Task A_person_saves_lists_and_deletes_views_no_one_else_sees()
    {
        Guid client = Guid.NewGuid(), other = Guid.NewGuid();
        using var claire = await ContractParty.SignInAsync(system, client, Roles.ContractManager, "Claire Moreau", "incidents");
        using var colleague = await ContractParty.SignInAsync(system, client, Roles.ContractManager, "Rémi Blanc", "incidents");
        using var stranger = await ContractParty.SignInAsync(system, other, Roles.ContractManager, "Nadia Colin", "incidents");

        var p1 = await claire.PostAsync("/saved-views", new { list = "tickets", name = "Mes P1", query = "priority=P1&sort=title" }, HttpStatusCode.Created);
        await claire.PostAsync("/saved-views", new { list = "tickets", name = "imprimantes", query = "q=imprimante" }, HttpStatusCode.Created);
        var mine = await claire.GetAsync("/saved-views?list=tickets");
        Assert.Equal(["imprimantes", "Mes P1"], mine.EnumerateArray().Select(v => v.GetProperty("name").GetString()));
        Assert.Equal("priority=P1&sort=title", mine[1].GetProperty("query").GetString());

        // A name is the owner's once; a colleague may use it too.
        var taken = await claire.PostAsync("/saved-views", new { list = "tickets", name = "Mes P1", query = "q=x" }, HttpStatusCode.Conflict);
        Assert.Equal("savedView.nameTaken", taken.GetProperty("code").GetString());
        await colleague.PostAsync("/saved-views", new { list = "tickets", name = "Mes P1", query = "q=y" }, HttpStatusCode.Created);

        // Nobody else reads or deletes them: a colleague of the same organisation no more than another organisation.
        Assert.Single((await colleague.GetAsync("/saved-views")).EnumerateArray());
        Assert.Empty((await stranger.GetAsync("/saved-views")).EnumerateArray());
        var id = p1.GetProperty("id").GetGuid();
        using (var response = await colleague.Client.DeleteAsync($"/saved-views/{id}"))
        {
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        }

        using (var response = await stranger.Client.DeleteAsync($"/saved-views/{id}"))
        {
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        }

        using (var response = await claire.Client.DeleteAsync($"/saved-views/{id}"))
        {
            Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        }

        Assert.Equal(["imprimantes"], (await claire.GetAsync("/saved-views")).EnumerateArray().Select(v => v.GetProperty("name").GetString()));

        var refused = await claire.PostAsync("/saved-views", new { list = "contracts", name = "", query = "?q=a" }, HttpStatusCode.UnprocessableEntity);
        Assert.Equal(["list", "name", "query"], refused.GetProperty("errors").EnumerateObject().Select(e => e.Name).Order());
        Assert.True((await claire.GetAsync("/saved-views?list=invoices", HttpStatusCode.UnprocessableEntity)).GetProperty("errors").TryGetProperty("list", out _));
    }
}
