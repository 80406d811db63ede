using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Infogerance.Data;
using Infogerance.DemoData;
using Infogerance.EndToEnd.Tests.Contracts;
using Infogerance.EndToEnd.Tests.Notifications;
using Infogerance.IntegrationEvents;
using Infogerance.ServiceDefaults;
using Microsoft.Extensions.DependencyInjection;

namespace Infogerance.EndToEnd.Tests.Incidents;

/// <summary>
/// A ticket is assigned only to an active agent of its contract's provider desk, as Identity's account events made
/// them known to the Incidents service; the desk picks them from the contract's list of agents.
/// </summary>
[Collection(SystemCollection.Name)]
public sealed class TicketAssigneeTests(InfogeranceSystem system)
{
    private static readonly DemoWorld.Login Karim = DemoWorld.LoginOf("agent2@antares.example");
    private static readonly DemoWorld.Login Lea = DemoWorld.LoginOf("agent1@antares.example");
    private static readonly DemoWorld.Login Antoine = DemoWorld.LoginOf("manager@antares.example");
    private static readonly DemoWorld.Login Lars = DemoWorld.LoginOf("agent1@nordlys.example");
    private static readonly DemoWorld.Login Marc = DemoWorld.LoginOf("manager@acme.example");

    [Fact]
    public async Task A_ticket_goes_to_an_active_agent_of_its_providers_desk_and_anyone_else_is_refused_with_nothing_changed()
    {
        var contractId = await TicketContracts.SignAsync(system,
            terms => TicketContracts.AlwaysOpen(terms, new SlaDuration(30, "minutes"), new SlaDuration(4, "hours")));
        using var requester = await ContractParty.SignInAsync(system, DemoWorld.Acme, Roles.Requester, "Rachel Petit", "incidents");
        using var agent = await ContractParty.SignInAsync(system, DemoWorld.Antares, Roles.AgentL1, Lea.DisplayName, "incidents", Lea.UserId);
        var id = (await requester.PostAsync("/tickets",
            new { contractId, kind = "incident", title = "Imprimante du 2e hors service", impact = "low", urgency = "medium" }, HttpStatusCode.Created))
            .GetProperty("id").GetGuid();

        // A colleague of the demo desk, known from Identity's start: assigned by name from the list, the ticket becomes assigned.
        await UntilAgentsAsync(agent, contractId, agents => agents.ContainsKey(Karim.UserId));
        var assigned = await agent.PostAsync($"/tickets/{id}/assignment", new { assigneeId = Karim.UserId, team = "N2 Systèmes" });
        Assert.Equal("assigned", assigned.GetProperty("status").GetString());
        Assert.Equal((Karim.UserId, "Karim Benali"),
            (assigned.GetProperty("assignee").GetProperty("id").GetGuid(), assigned.GetProperty("assignee").GetProperty("name").GetString()));
        var history = await agent.GetAsync($"/tickets/{id}/history");
        Assert.Contains(history.EnumerateArray(), entry => entry.GetProperty("field").GetString() == "assignee" && entry.GetProperty("after").GetString() == "Karim Benali");

        // A new agent of the desk, invited, active, then deactivated.
        using var leaving = await Person.JoinAsync(system, Antoine.Email, Roles.AgentL1, "Noé Partant");
        await UntilAgentsAsync(agent, contractId, agents => agents.ContainsKey(leaving.Id));
        using (var admin = system.CreateBrowserLikeClient(out _))
        {
            Assert.Equal(HttpStatusCode.OK, (await admin.PostAsJsonAsync("/bff/login", new { email = Antoine.Email, password = DemoWorld.Password })).StatusCode);
            using var deactivated = await admin.PostAsync($"/api/identity/users/{leaving.Id}/deactivate", null);
            Assert.True(deactivated.IsSuccessStatusCode, await deactivated.Content.ReadAsStringAsync());
        }

        await UntilAgentsAsync(agent, contractId, agents => !agents.ContainsKey(leaving.Id));

        // The zero id, a client's manager, another provider's agent, the deactivated agent, someone nobody knows: each a 422
        // naming assigneeId, and the ticket, its history and its team stay as they were.
        var before = await agent.GetAsync($"/tickets/{id}");
        foreach (var refused in new[] { Guid.Empty, Marc.UserId, Lars.UserId, leaving.Id, Guid.CreateVersion7() })
        {
            var problem = await agent.PostAsync($"/tickets/{id}/assignment", new { assigneeId = refused, team = "Ailleurs" }, HttpStatusCode.UnprocessableEntity);
            Assert.Equal(["assigneeId"], problem.GetProperty("errors").EnumerateObject().Select(field => field.Name));
            Assert.Equal("ticket.assignee.notAgent", problem.GetProperty("errorCodes").GetProperty("assigneeId")[0].GetProperty("code").GetString());
        }

        var after = await agent.GetAsync($"/tickets/{id}");
        Assert.Equal(WithoutElapsedTime(before), WithoutElapsedTime(after));
        Assert.Equal(history.GetArrayLength(), (await agent.GetAsync($"/tickets/{id}/history")).GetArrayLength());

        // In French too.
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/tickets/{id}/assignment")
        {
            Content = JsonContent.Create(new { assigneeId = Lars.UserId }, options: ContractParty.Json),
        };
        request.Headers.AcceptLanguage.ParseAdd("fr");
        using var french = await agent.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, french.StatusCode);
        var frenchProblem = await french.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Choisissez un technicien actif du centre de services du prestataire du contrat.",
            frenchProblem.GetProperty("errors").GetProperty("assigneeId")[0].GetString());

        // Taking it needs no list: the caller's own token says they are of the desk.
        var taken = await agent.PostAsync($"/tickets/{id}/assignment", new { toMe = true });
        Assert.Equal(Lea.UserId, taken.GetProperty("assignee").GetProperty("id").GetGuid());
    }

    [Fact]
    public async Task The_agents_list_is_the_contracts_providers_own_and_is_refused_to_the_client()
    {
        var antaresContract = await TicketContracts.SignAsync(system,
            terms => TicketContracts.AlwaysOpen(terms, new SlaDuration(1, "hours"), new SlaDuration(8, "hours")));
        var nordlysContract = await TicketContracts.SignAsync(system,
            terms => TicketContracts.AlwaysOpen(terms, new SlaDuration(1, "hours"), new SlaDuration(8, "hours")), DemoWorld.Belvedere, DemoWorld.Nordlys);
        using var antares = await ContractParty.SignInAsync(system, DemoWorld.Antares, Roles.AgentL1, Lea.DisplayName, "incidents", Lea.UserId);
        using var nordlys = await ContractParty.SignInAsync(system, DemoWorld.Nordlys, Roles.AgentL2, "Sofie Dahl", "incidents");
        using var acme = await ContractParty.SignInAsync(system, DemoWorld.Acme, Roles.ContractManager, Marc.DisplayName, "incidents", Marc.UserId);
        using var belvedere = await ContractParty.SignInAsync(system, DemoWorld.Belvedere, Roles.TenantAdmin, "Bérénice Belvédère", "incidents");

        var desk = await UntilAgentsAsync(antares, antaresContract,
            agents => new[] { Antoine, Lea, Karim }.All(login => agents.ContainsKey(login.UserId)));
        Assert.Equal([Roles.AccountManager], desk[Antoine.UserId].Roles);
        Assert.Equal([Roles.AgentL2], desk[Karim.UserId].Roles);
        Assert.Equal("Léa Fontaine", desk[Lea.UserId].Name);
        Assert.DoesNotContain(Lars.UserId, desk.Keys);
        Assert.DoesNotContain(Marc.UserId, desk.Keys);
        var listed = (await antares.GetAsync($"/contracts/{antaresContract}/agents")).EnumerateArray().Select(a => a.GetProperty("displayName").GetString()!).ToList();
        Assert.Equal(listed.Order(StringComparer.Create(new System.Globalization.CultureInfo("fr-FR"), System.Globalization.CompareOptions.IgnoreCase)), listed);

        var theirs = await UntilAgentsAsync(nordlys, nordlysContract, agents => agents.ContainsKey(Lars.UserId));
        Assert.DoesNotContain(Lea.UserId, theirs.Keys);

        // Another provider does not see the contract; its client's people may not list the desk; another client does not see it.
        await nordlys.GetAsync($"/contracts/{antaresContract}/agents", HttpStatusCode.NotFound);
        await antares.GetAsync($"/contracts/{nordlysContract}/agents", HttpStatusCode.NotFound);
        await acme.GetAsync($"/contracts/{antaresContract}/agents", HttpStatusCode.Forbidden);
        await belvedere.GetAsync($"/contracts/{antaresContract}/agents", HttpStatusCode.NotFound);
        await antares.GetAsync($"/contracts/{Guid.CreateVersion7()}/agents", HttpStatusCode.NotFound);

        // Row-level security keeps each organisation's people to itself, whatever a query asks.
        var database = system.Services["incidents"].GetRequiredService<Database>();
        await using var unitOfWork = await database.BeginAsync(DemoWorld.Nordlys, CancellationToken.None);
        Assert.Equal(0, await unitOfWork.ExecuteScalarAsync<long>("SELECT count(*) FROM people WHERE tenant_id <> @nordlys", new { nordlys = DemoWorld.Nordlys }));
        Assert.True(await unitOfWork.ExecuteScalarAsync<long>("SELECT count(*) FROM people") >= 3);
    }

    /// <summary>The contract's agents as the desk lists them, once <paramref name="done"/> holds (account events take a moment).</summary>
    private static async Task<Dictionary<Guid, (string Name, string[] Roles)>> UntilAgentsAsync(
        ContractParty party, Guid contractId, Func<Dictionary<Guid, (string Name, string[] Roles)>, bool> done)
    {
        var list = await party.UntilAsync($"/contracts/{contractId}/agents", json => done(Agents(json)));
        return Agents(list);
    }

    private static Dictionary<Guid, (string Name, string[] Roles)> Agents(JsonElement list) =>
        list.EnumerateArray().ToDictionary(
            agent => agent.GetProperty("id").GetGuid(),
            agent => (agent.GetProperty("displayName").GetString()!, agent.GetProperty("roles").EnumerateArray().Select(role => role.GetString()!).ToArray()));

    /// <summary>The ticket as stored: its clocks' counts of elapsed time move on between two reads, and are left out.</summary>
    private static string WithoutElapsedTime(JsonElement ticket)
    {
        var node = JsonNode.Parse(ticket.GetRawText())!;
        foreach (var clock in node["clocks"]!.AsArray())
        {
            clock!.AsObject().Remove("elapsedBusinessSeconds");
            clock.AsObject().Remove("percentUsed");
        }
        return node.ToJsonString();
    }
}
