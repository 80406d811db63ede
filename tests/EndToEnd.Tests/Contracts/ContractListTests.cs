using System.Net;
using System.Text.Json;
using Infogerance.DemoData;
using Infogerance.EndToEnd.Tests.Incidents;
using Infogerance.IntegrationEvents;
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

        Assert.Equal([cloud, hosting, network], Ids(await manager.GetAsync("/")));
        Assert.Equal([cloud, network], Ids(await manager.GetAsync($"/?q={Uri.EscapeDataString("RÉSEAU")}")));
        Assert.Equal([network], Ids(await manager.GetAsync($"/?q=net-{tag}")));
        Assert.Equal([hosting], Ids(await manager.GetAsync("/?q=100%25")));
        // "_" is taken literally too: as a wildcard it would find "réseau" twice.
        Assert.Empty(Ids(await manager.GetAsync("/?q=r_seau")));
        Assert.Equal([network, hosting, cloud], Ids(await manager.GetAsync("/?sort=reference&order=desc")));
        Assert.Equal([hosting, cloud, network], Ids(await manager.GetAsync("/?sort=title")));
        Assert.Equal([network, cloud], Ids(await manager.GetAsync($"/?q=r%C3%A9seau&sort=title&order=desc")));

        // Another client's contract never shows, however it is searched.
        Assert.Empty(Ids(await manager.GetAsync($"/?q=NET2-{tag}")));
        Assert.Equal([foreign], Ids(await otherManager.GetAsync($"/?q={tag}")));

        var refused = await manager.GetAsync($"/?sort=fee&order=down&q={new string('x', 101)}", HttpStatusCode.UnprocessableEntity);
        Assert.Equal(["order", "q", "sort"], refused.GetProperty("errors").EnumerateObject().Select(e => e.Name).Order());
    }

    /// <summary>What the list shows of a contract, as the detail also shows it first.</summary>
    private static readonly string[] SummaryFields =
    [
        "id", "tenantId", "providerOrganisationId", "reference", "title", "phase", "currentVersion", "monthlyFee", "startDate", "nextPeriodEnd",
        "noticeDeadline",
    ];

    [Fact]
    public async Task The_list_summarises_every_shape_of_contract_as_its_detail_does_searched_and_sorted()
    {
        // A client of its own: its list holds these contracts and nothing else.
        var client = Guid.NewGuid();
        using var manager = await ContractParty.SignInAsync(system, client, Roles.ContractManager, "Claire Moreau");
        using var provider = await ContractParty.SignInAsync(system, DemoWorld.Antares, Roles.AccountManager, "Antoine Garnier");
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var started = new DateOnly(today.Year, today.Month, 1).AddMonths(-6);

        async Task<Guid> Draft(string reference) =>
            (await manager.PostAsync("/", new { reference, title = "Forme", providerOrganisationId = DemoWorld.Antares }, HttpStatusCode.Created))
            .GetProperty("id").GetGuid();

        var draft = await Draft($"DRAFT-{Guid.NewGuid():N}"[..14]);
        var priced = await Draft($"PRICED-{Guid.NewGuid():N}"[..14]);
        // Trailing zeros are part of the figure entered: the list keeps them as the detail does.
        await manager.PutAsync($"/{priced}/versions/1/terms", await manager.DraftTermsAsync(priced, 9_800.50m));
        var signed = await Draft($"SIGNED-{Guid.NewGuid():N}"[..14]);
        await manager.PutAsync($"/{signed}/versions/1/terms", await manager.DraftTermsAsync(signed, 11_000.10m));
        await manager.PostAsync($"/{signed}/sign");

        // In run, an amendment in force since today and another countersigned for later, with a withdrawn one between.
        var amended = await ContractLifecycleTests.BringToRunAsync(manager, provider, started);
        var terms = JsonSerializer.Deserialize<ContractTerms>((await manager.GetAsync($"/{amended}/versions/1")).GetProperty("terms"), ContractParty.Json)!;
        async Task Amend(int number, DateOnly from, decimal fee, bool countersign = true)
        {
            await manager.PostAsync($"/{amended}/amendments", new { effectiveFrom = from.ToString("yyyy-MM-dd"), reason = "Avenant" }, HttpStatusCode.Created);
            await manager.PutAsync($"/{amended}/versions/{number}/terms", terms with { Prices = terms.Prices with { MonthlyFee = fee } });
            await manager.PostAsync($"/{amended}/versions/{number}/propose");
            await (countersign ? provider.PostAsync($"/{amended}/versions/{number}/countersign") : manager.PostAsync($"/{amended}/versions/{number}/withdraw"));
        }

        await Amend(2, today, 12_800m);
        await Amend(3, today.AddDays(5), 99m, countersign: false);
        await Amend(4, today.AddDays(10), 15_000.00m);

        // Terminated: in reversibility until its period ends, with no deadline left; then closed by both sides.
        var terminated = await ContractLifecycleTests.BringToRunAsync(manager, provider, started);
        await manager.PostAsync($"/{terminated}/renewal-decisions", new { decision = "terminate" });
        var closed = await ContractLifecycleTests.BringToRunAsync(manager, provider, started);
        await manager.PostAsync($"/{closed}/renewal-decisions", new { decision = "terminate" });
        foreach (var item in (await manager.GetAsync($"/{closed}/checklists/reversibility")).EnumerateArray().Select(item => item.GetProperty("id").GetGuid()))
        {
            await manager.PostAsync($"/{closed}/checklist-items/{item}/accept");
            await provider.PostAsync($"/{closed}/checklist-items/{item}/accept");
        }

        await provider.PostAsync($"/{closed}/phases/reversibility/close");
        await manager.PostAsync($"/{closed}/phases/reversibility/close");

        var details = new Dictionary<Guid, JsonElement>();
        foreach (var id in new[] { draft, priced, signed, amended, terminated, closed })
        {
            details[id] = await manager.GetAsync($"/{id}");
        }

        static IEnumerable<(string, string)> Fields(JsonElement contract) =>
            contract.EnumerateObject().Where(p => SummaryFields.Contains(p.Name)).Select(p => (p.Name, p.Value.GetRawText()));

        // Every field of every summary, as written, is the detail's: the two cannot drift apart.
        var list = (await manager.GetAsync("/")).EnumerateArray().ToList();
        Assert.Equal(details.Keys.Order(), list.Select(c => c.GetProperty("id").GetGuid()).Order());
        foreach (var listed in list)
        {
            Assert.Equal(Fields(details[listed.GetProperty("id").GetGuid()]), Fields(listed));
            Assert.Equal(Fields(listed).Count(), listed.EnumerateObject().Count());
        }

        // The shapes are the ones meant, so that the comparison above covers each rule of the summary.
        var byId = list.ToDictionary(c => c.GetProperty("id").GetGuid());
        Assert.False(byId[draft].TryGetProperty("monthlyFee", out _));
        Assert.False(byId[draft].TryGetProperty("currentVersion", out _));
        Assert.False(byId[draft].TryGetProperty("noticeDeadline", out _));
        Assert.Equal("9800.50", byId[priced].GetProperty("monthlyFee").GetRawText());
        Assert.Equal(("signed", 1, "11000.10"), (byId[signed].GetProperty("phase").GetString(), byId[signed].GetProperty("currentVersion").GetInt32(),
            byId[signed].GetProperty("monthlyFee").GetRawText()));
        Assert.True(byId[signed].TryGetProperty("noticeDeadline", out _));
        Assert.Equal((2, "12800"), (byId[amended].GetProperty("currentVersion").GetInt32(), byId[amended].GetProperty("monthlyFee").GetRawText()));
        Assert.Equal(started, DateOnly.Parse(byId[amended].GetProperty("startDate").GetString()!));
        Assert.True(byId[amended].TryGetProperty("nextPeriodEnd", out _));
        Assert.Equal("reversibility", byId[terminated].GetProperty("phase").GetString());
        Assert.True(details[terminated].TryGetProperty("terminatesOn", out _));
        Assert.False(byId[terminated].TryGetProperty("noticeDeadline", out _));
        Assert.Equal("closed", byId[closed].GetProperty("phase").GetString());
        Assert.False(byId[closed].TryGetProperty("nextPeriodEnd", out _));

        // Searched or sorted, each contract reads the same, written the same.
        var whole = list.ToDictionary(c => c.GetProperty("id").GetGuid(), c => c.GetRawText());
        foreach (var query in new[] { "?q=SIGNED", "?q=forme", "?q=RUN-" }
            .Concat(new[] { "reference", "title", "phase", "monthlyFee", "startDate", "noticeDeadline" }.SelectMany(sort => new[] { $"?sort={sort}", $"?sort={sort}&order=desc" })))
        {
            var answer = (await manager.GetAsync($"/{query}")).EnumerateArray().ToList();
            Assert.NotEmpty(answer);
            Assert.All(answer, c => Assert.Equal(whole[c.GetProperty("id").GetGuid()], c.GetRawText()));
        }

        Assert.Equal([signed], Ids(await manager.GetAsync("/?q=signed")));
        Assert.Equal(new[] { amended, terminated, closed }.Order(), Ids(await manager.GetAsync("/?q=run-")).Order());
        Assert.Empty(Ids(await manager.GetAsync("/?q=%25")));
    }

    private static Guid[] Ids(JsonElement list) => [.. list.EnumerateArray().Select(c => c.GetProperty("id").GetGuid())];
}
