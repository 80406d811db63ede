using System.Net;
using System.Text.Json;
using Infogerance.EndToEnd.Tests.Contracts;
using Infogerance.IntegrationEvents;
using Infogerance.ServiceDefaults;

namespace Infogerance.EndToEnd.Tests.Incidents;

/// <summary>
/// The provider desk's queue across its clients and the client's own list: who sees which tickets, in which order,
/// and pages that follow each other without gaps or repeats. Organisations of their own, so that the other tests'
/// tickets on the demo organisations stay out of the lists.
/// </summary>
[Collection(SystemCollection.Name)]
public sealed class TicketQueueTests(InfogeranceSystem system)
{
    [Fact]
    public async Task The_desk_sees_its_clients_tickets_by_SLA_urgency_and_each_client_its_own_newest_first_page_by_page()
    {
        Guid clientA = Guid.NewGuid(), clientB = Guid.NewGuid();
        Guid desk = await TicketContracts.NewProviderAsync(system), otherDesk = await TicketContracts.NewProviderAsync(system);
        // The response goal grows with the priority number, so that each ticket's due time tells the queue's order.
        var a1 = await TicketContracts.SignAsync(system, ByPriority, clientA, desk);
        var a2 = await TicketContracts.SignAsync(system, ByPriority, clientA, desk);
        var b = await TicketContracts.SignAsync(system, ByPriority, clientB, desk);
        var aElsewhere = await TicketContracts.SignAsync(system, ByPriority, clientA, otherDesk);
        using var managerA = await ContractParty.SignInAsync(system, clientA, Roles.ContractManager, "Claire Moreau", "incidents");
        using var requesterA = await ContractParty.SignInAsync(system, clientA, Roles.Requester, "Rémi Blanc", "incidents");
        using var managerB = await ContractParty.SignInAsync(system, clientB, Roles.ContractManager, "Nadia Colin", "incidents");
        using var agent = await ContractParty.SignInAsync(system, desk, Roles.AgentL1, "Yanis Perrin", "incidents");
        using var otherAgent = await ContractParty.SignInAsync(system, otherDesk, Roles.AgentL1, "Eva Lambert", "incidents");

        async Task<Guid> Open(ContractParty who, Guid contractId, string impact, string urgency) =>
            (await who.PostAsync("/tickets", new { contractId, kind = "incident", title = $"{impact}/{urgency}", impact, urgency }, HttpStatusCode.Created))
            .GetProperty("id").GetGuid();

        var p3OnB = await Open(managerB, b, "medium", "medium");
        var p2OnA1 = await Open(requesterA, a1, "high", "medium");
        var p1OnB = await Open(managerB, b, "high", "high");
        var p4OnA2 = await Open(managerA, a2, "low", "low");
        var waiting = await Open(managerA, a1, "high", "high");
        var elsewhere = await Open(managerA, aElsewhere, "high", "high");
        var resolved = await Open(managerB, b, "high", "high");
        await agent.PostAsync($"/tickets/{waiting}/assignment", new { toMe = true });
        await agent.PostAsync($"/tickets/{waiting}/status", new { status = "pendingClient", pendingSide = "client", reason = "Quel poste ?" });
        await agent.PostAsync($"/tickets/{resolved}/assignment", new { toMe = true });
        await agent.PostAsync($"/tickets/{resolved}/status", new { status = "resolved", resolution = "Doublon du précédent." });

        // The desk: its open tickets of both clients, earliest due first, a ticket waiting on its client last; two by two.
        var queue = await AllPagesAsync(agent, "/tickets?limit=2");
        Assert.Equal([p1OnB, p2OnA1, p3OnB, p4OnA2, waiting], queue.Select(Id));
        Assert.Equal(["P1", "P2", "P3", "P4", "P1"], queue.Select(t => t.GetProperty("priority").GetString()));
        var dues = queue.Take(4).Select(t => t.GetProperty("slaDueAt").GetDateTimeOffset()).ToList();
        Assert.Equal(dues.Order(), dues);
        Assert.False(queue[4].TryGetProperty("slaDueAt", out _));

        // Its filters, across clients and within one.
        Assert.Equal([p1OnB, p3OnB], Ids(await AllPagesAsync(agent, $"/tickets?limit=1&tenantId={clientB}")));
        Assert.Equal([p2OnA1, waiting], Ids(await AllPagesAsync(agent, $"/tickets?limit=1&contractId={a1}")));
        Assert.Equal([p1OnB, waiting], Ids(await AllPagesAsync(agent, "/tickets?limit=1&priority=P1")));
        Assert.Equal([waiting], Ids(await AllPagesAsync(agent, "/tickets?assignee=me")));
        Assert.Equal([resolved], Ids(await AllPagesAsync(agent, "/tickets?status=resolved")));
        AssertNewestFirst([resolved, waiting, p4OnA2, p1OnB, p2OnA1, p3OnB], await AllPagesAsync(agent, "/tickets?limit=2&sort=newest"));

        // The other provider serves client A on one contract only: it sees that contract's ticket and nothing else.
        Assert.Equal([elsewhere], Ids(await AllPagesAsync(otherAgent, "/tickets?limit=1")));

        // Client A: every ticket of its contracts, whoever the provider, newest first; its requester only its own.
        AssertNewestFirst([elsewhere, waiting, p4OnA2, p2OnA1], await AllPagesAsync(managerA, "/tickets?limit=2"));
        Assert.Equal([p2OnA1], Ids(await AllPagesAsync(requesterA, "/tickets")));
        AssertNewestFirst([elsewhere, waiting, p4OnA2, p2OnA1], await AllPagesAsync(managerA, "/tickets?limit=1&status=open"));
        AssertNewestFirst([waiting, p2OnA1], await AllPagesAsync(managerA, $"/tickets?limit=1&contractId={a1}"));

        // Client B never sees client A's tickets, even when it names A or A's contract.
        AssertNewestFirst([resolved, p1OnB, p3OnB], await AllPagesAsync(managerB, "/tickets?limit=2"));
        Assert.Empty(await AllPagesAsync(managerB, $"/tickets?contractId={a1}"));
        Assert.Empty(await AllPagesAsync(managerB, $"/tickets?tenantId={clientA}"));

        // A cursor from elsewhere or made up is refused on its field.
        Assert.True((await agent.GetAsync("/tickets?cursor=bm90LWEtY3Vyc29y", HttpStatusCode.UnprocessableEntity))
            .GetProperty("errors").TryGetProperty("cursor", out _));
        Assert.True((await agent.GetAsync("/tickets?limit=101", HttpStatusCode.UnprocessableEntity)).GetProperty("errors").TryGetProperty("limit", out _));
    }

    private static ContractTerms ByPriority(ContractTerms terms) => TicketContracts.AlwaysOpen(terms, new SlaDuration(10, "minutes"), new SlaDuration(8, "hours")) with
    {
        Sla = terms.Sla with
        {
            Targets = [.. new[] { 10, 20, 40, 80 }.Select((minutes, i) => new SlaTarget($"P{i + 1}", new SlaDuration(minutes, "minutes"), new SlaDuration(8, "hours")))],
            WarningThresholds = [50, 75],
        },
    };

    /// <summary>Every page of a list, following its cursors; fails on a ticket listed twice.</summary>
    internal static async Task<List<JsonElement>> AllPagesAsync(ContractParty caller, string path)
    {
        var items = new List<JsonElement>();
        var url = path;
        while (true)
        {
            var page = await caller.GetAsync(url);
            items.AddRange(page.GetProperty("items").EnumerateArray());
            if (!page.TryGetProperty("nextCursor", out var next) || next.GetString() is not { } cursor)
            {
                break;
            }

            url = $"{path}{(path.Contains('?') ? '&' : '?')}cursor={Uri.EscapeDataString(cursor)}";
        }

        Assert.Equal(items.Count, items.Select(Id).Distinct().Count());
        return items;
    }

    /// <summary>
    /// Exactly these tickets, newest first: by creation time, and within one second (times are kept to the second) by
    /// id, as PostgreSQL orders uuids (their text in ordinal order).
    /// </summary>
    private static void AssertNewestFirst(Guid[] expected, List<JsonElement> listed)
    {
        Assert.Equal(expected.Order(), Ids(listed).Order());
        var created = listed.Select(t => t.GetProperty("createdAt").GetDateTimeOffset()).ToList();
        Assert.Equal(created.OrderDescending(), created);
        var ids = Ids(listed).Select(id => id.ToString()).ToList();
        Assert.Equal(ids.OrderDescending(StringComparer.Ordinal), ids);
    }

    private static Guid Id(JsonElement ticket) => ticket.GetProperty("id").GetGuid();

    private static IEnumerable<Guid> Ids(IEnumerable<JsonElement> tickets) => tickets.Select(Id);
}
