using System.Net;
using System.Text.Json;
using Infogerance.EndToEnd.Tests.Contracts;
using Infogerance.ServiceDefaults;

namespace Infogerance.EndToEnd.Tests.Incidents;

/// <summary>
/// The ticket lists searched (<c>q</c>) and sorted on a column, page by page without gaps or repeats, their bad
/// parameters refused on their field, and a search that never reaches another client's tickets. Organisations of
/// their own, so that the other tests' tickets stay out of the lists.
/// </summary>
[Collection(SystemCollection.Name)]
public sealed class TicketSearchTests(InfogeranceSystem system)
{
    [Fact]
    public async Task The_lists_search_the_number_title_and_requester_and_sort_on_a_column_page_by_page()
    {
        Guid clientA = Guid.NewGuid(), clientB = Guid.NewGuid();
        var desk = await TicketContracts.NewProviderAsync(system);
        var always = (Func<IntegrationEvents.ContractTerms, IntegrationEvents.ContractTerms>)(terms =>
            TicketContracts.AlwaysOpen(terms, new IntegrationEvents.SlaDuration(1, "hours"), new IntegrationEvents.SlaDuration(8, "hours")));
        var a = await TicketContracts.SignAsync(system, always, clientA, desk);
        var b = await TicketContracts.SignAsync(system, always, clientB, desk);
        using var claire = await ContractParty.SignInAsync(system, clientA, Roles.ContractManager, "Claire Moreau", "incidents");
        using var remi = await ContractParty.SignInAsync(system, clientA, Roles.Requester, "Rémi Blanc", "incidents");
        using var nadia = await ContractParty.SignInAsync(system, clientB, Roles.ContractManager, "Nadia Colin", "incidents");
        using var agent = await ContractParty.SignInAsync(system, desk, Roles.AgentL1, "Yanis Perrin", "incidents");

        async Task<JsonElement> Open(ContractParty who, Guid contractId, string title, string impact) =>
            await who.PostAsync("/tickets", new { contractId, kind = "incident", title, impact, urgency = impact }, HttpStatusCode.Created);

        var printer = await Open(claire, a, "Imprimante du 3e en panne", "low");
        var vpn = await Open(remi, a, "VPN coupé", "high");
        var disk = await Open(claire, a, "Disque plein à 100%", "medium");
        var disk100 = await Open(remi, a, "Disque saturé, 100 Go", "medium");
        var printerB = await Open(nadia, b, "Imprimante en panne", "high");
        await agent.PostAsync($"/tickets/{Id(vpn)}/assignment", new { toMe = true });

        // Text anywhere in the title, whatever its case; the requester's name; the number, with or without '#'.
        Assert.Equal([Id(printer)], Ids(await TicketQueueTests.AllPagesAsync(claire, "/tickets?q=IMPRIMANTE")));
        Assert.Equal(new[] { Id(disk100), Id(vpn) }.Order(), Ids(await TicketQueueTests.AllPagesAsync(claire, $"/tickets?q={Uri.EscapeDataString("rémi")}")).Order());
        Assert.Equal([Id(disk)], Ids(await TicketQueueTests.AllPagesAsync(claire, $"/tickets?q=%23{disk.GetProperty("number").GetInt64()}")));
        Assert.Equal([Id(disk)], Ids(await TicketQueueTests.AllPagesAsync(claire, $"/tickets?q={disk.GetProperty("number").GetInt64()}")));
        // The search's own % and _ are text, not wildcards.
        Assert.Equal([Id(disk)], Ids(await TicketQueueTests.AllPagesAsync(claire, "/tickets?q=100%25")));
        Assert.Empty(await TicketQueueTests.AllPagesAsync(claire, "/tickets?q=Disque_"));
        Assert.Equal(new[] { Id(printerB), Id(printer) }.Order(), Ids(await TicketQueueTests.AllPagesAsync(agent, "/tickets?q=imprimante&status=new")).Order());

        // Sorted on a column either way, one ticket a page: every page follows the last without gaps or repeats.
        Assert.Equal([Id(disk), Id(disk100), Id(printer), Id(vpn)], Ids(await TicketQueueTests.AllPagesAsync(claire, "/tickets?sort=title&limit=1")));
        Assert.Equal([Id(vpn), Id(printer), Id(disk100), Id(disk)], Ids(await TicketQueueTests.AllPagesAsync(claire, "/tickets?sort=title&order=desc&limit=1")));
        Assert.Equal([Id(printer), Id(vpn), Id(disk), Id(disk100)], Ids(await TicketQueueTests.AllPagesAsync(claire, "/tickets?sort=number&limit=1")));
        // Oldest first: by the time-ordered id (tickets opened within one millisecond by id, as PostgreSQL orders uuids).
        var oldest = Ids(await TicketQueueTests.AllPagesAsync(claire, "/tickets?sort=newest&order=asc&limit=1")).Select(id => id.ToString()).ToList();
        Assert.Equal(oldest.Order(StringComparer.Ordinal), oldest);
        Assert.Equal(new[] { printer, vpn, disk, disk100 }.Select(t => Id(t).ToString()).Order(), oldest.Order());
        var byPriority = await TicketQueueTests.AllPagesAsync(claire, "/tickets?sort=priority&limit=1");
        Assert.Equal(["P1", "P3", "P3", "P4"], byPriority.Select(t => t.GetProperty("priority").GetString()));
        Assert.Equal(new[] { Id(disk), Id(disk100) }.Order(), Ids(byPriority.Skip(1).Take(2)).Order());
        Assert.Equal(["assigned", "new", "new", "new"], (await TicketQueueTests.AllPagesAsync(claire, "/tickets?sort=status&order=desc&limit=2")).Select(t => t.GetProperty("status").GetString()));
        var byRequester = Ids(await TicketQueueTests.AllPagesAsync(claire, "/tickets?sort=requester&limit=1")).ToList();
        Assert.Equal(new[] { Id(printer), Id(disk) }.Order(), byRequester.Take(2).Order());
        Assert.Equal(new[] { Id(vpn), Id(disk100) }.Order(), byRequester.Skip(2).Order());
        Assert.Equal([Id(disk), Id(disk100)], Ids(await TicketQueueTests.AllPagesAsync(agent, "/tickets?q=disque&sort=title&limit=1")));

        // Client B never finds client A's tickets, even naming A's contract or a ticket's number.
        Assert.Equal([Id(printerB)], Ids(await TicketQueueTests.AllPagesAsync(nadia, "/tickets?q=imprimante")));
        Assert.Empty(await TicketQueueTests.AllPagesAsync(nadia, $"/tickets?q={printer.GetProperty("number").GetInt64()}"));
        Assert.Empty(await TicketQueueTests.AllPagesAsync(nadia, $"/tickets?q=imprimante&contractId={a}"));

        // Bad parameters: a 422 naming each.
        var refused = await claire.GetAsync($"/tickets?sort=oldest&order=up&q={new string('x', 101)}", HttpStatusCode.UnprocessableEntity);
        Assert.Equal(["order", "q", "sort"], refused.GetProperty("errors").EnumerateObject().Select(e => e.Name).Order());
        var titlePage = await claire.GetAsync("/tickets?sort=title&limit=1");
        var cursor = Uri.EscapeDataString(titlePage.GetProperty("nextCursor").GetString()!);
        Assert.True((await claire.GetAsync($"/tickets?sort=requester&limit=1&cursor={cursor}", HttpStatusCode.UnprocessableEntity))
            .GetProperty("errors").TryGetProperty("cursor", out _));
        Assert.True((await claire.GetAsync($"/tickets?sort=title&order=desc&limit=1&cursor={cursor}", HttpStatusCode.UnprocessableEntity))
            .GetProperty("errors").TryGetProperty("cursor", out _));
    }

    private static Guid Id(JsonElement ticket) => ticket.GetProperty("id").GetGuid();

    private static IEnumerable<Guid> Ids(IEnumerable<JsonElement> tickets) => tickets.Select(Id);
}
