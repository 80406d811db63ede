extern alias contracts;

using System.Net;
using System.Text.Json;
using Infogerance.DemoData;
using Infogerance.IntegrationEvents;
using Infogerance.ServiceDefaults;
using PriceRevisions = contracts::Infogerance.Contracts.PriceRevisions;

namespace Infogerance.EndToEnd.Tests.Contracts;

/// <summary>The revised prices in force, the revision preview and <see cref="PricesRevised"/>, over real PostgreSQL and RabbitMQ.</summary>
[Collection(SystemCollection.Name)]
public sealed class PricesInForceTests(InfogeranceSystem system)
{
    [Fact]
    public async Task Prices_follow_the_anniversaries_with_published_indices_and_each_change_is_announced_once()
    {
        using var manager = await ContractParty.SignInAsync(system, DemoWorld.Acme, Roles.ContractManager, "Marc Dubois");
        using var provider = await ContractParty.SignInAsync(system, DemoWorld.Antares, Roles.AccountManager, "Antoine Garnier");
        using var stranger = await ContractParty.SignInAsync(system, DemoWorld.Belvedere, Roles.ContractManager, "Bruno Caron");
        using var operatorUser = await ContractParty.SignInAsync(system, DemoWorld.Platform, Roles.Operator, "Olivia Opérateur");
        var id = (await manager.PostAsync("/", new { reference = $"PRX-{Guid.NewGuid():N}"[..14], title = "Prix révisés", providerOrganisationId = DemoWorld.Antares },
            HttpStatusCode.Created)).GetProperty("id").GetGuid();
        await manager.GetAsync($"/{id}/prices", HttpStatusCode.Conflict);   // a draft has no prices in force

        // Started on 2024-06-01, revised every 1 June from S0 = June 2024, a month the shipped table lacks.
        var terms = await manager.DraftTermsAsync(id);
        var start = new DateOnly(2024, 6, 1);
        await manager.PutAsync($"/{id}/versions/1/terms", terms with
        {
            StartDate = start,
            Prices = new PriceSchedule { MonthlyFee = 12_500.00m, WorkUnits = [new("UO-INT", "Intervention sur site", 450.00m), new("UO-DEV", "Journée de développement", 620.00m)] },
            Revision = terms.Revision! with { A = 0.15m, B = 0.85m, ReferenceMonth = "2024-06", Anniversary = start },
        });
        await manager.PostAsync($"/{id}/sign");

        // Before the first anniversary no index is needed; from it, the missing S0 is said (409), never a 500.
        var before = await provider.GetAsync($"/{id}/prices?at=2025-05-31");
        Assert.Equal(12_500.00m, before.GetProperty("monthlyFee").GetProperty("inForce").GetDecimal());
        Assert.False(before.GetProperty("revision").TryGetProperty("anniversary", out _), "no anniversary has passed since the start");
        var missing = await manager.GetAsync($"/{id}/prices?at=2025-06-01", HttpStatusCode.Conflict);
        Assert.Equal("prices.referenceIndex.missing", missing.GetProperty("code").GetString());

        // The Operator publishes S0 and the May values: the pass, run by two replicas at once, announces the prices once.
        await operatorUser.PutAsync("/indices/syntec/2024-06", new { value = 313.5m });
        await operatorUser.PutAsync("/indices/syntec/2025-05", new { value = 318.0m });
        await operatorUser.PutAsync("/indices/syntec/2026-05", new { value = 321.0m });
        var pass = (PriceRevisions)system.Services["contracts"].GetService(typeof(PriceRevisions))!;
        await Task.WhenAll(pass.RunOnceAsync(CancellationToken.None), pass.RunOnceAsync(CancellationToken.None));
        await pass.RunOnceAsync(CancellationToken.None);

        // 2026-06-01: S = May 2026 = 321.0; 321 / 313.5 = 1.0239234…; 12,500 × (0.15 + 0.85 × 1.0239234) = 12,754.186… → 12,754.19;
        // 450 → 459.150… → 459.15; 620 → 632.607… → 632.61.
        var announced = await system.Events.WaitForAsync<PricesRevised>(e => e.ContractId == id, count: 2, timeout: TimeSpan.FromSeconds(5));
        var revised = Assert.Single(announced);
        Assert.Equal((1, new DateOnly(2026, 6, 1), 12_754.19m), (revised.VersionNumber, revised.EffectiveOn, revised.MonthlyFee));
        Assert.Equal([459.15m, 632.61m], revised.WorkUnits.Select(unit => unit.UnitPrice));
        Assert.Equal(new RevisionUsed(new DateOnly(2026, 6, 1), 0.15m, 0.85m, new("2024-06", 313.5m, "new"), new("2026-05", 321.0m, "new"), 1m), revised.Revision);

        // 2025-06-01: S = May 2025 = 318.0; 318 / 313.5 = 1.0143541…; 12,500 × (0.15 + 0.85 × 1.0143541) = 12,652.511… → 12,652.51;
        // 450 → 455.490… → 455.49; 620 → 627.564… → 627.56.
        foreach (var reader in new[] { manager, provider })
        {
            var first = await reader.GetAsync($"/{id}/prices?at=2025-06-01");
            Assert.Equal(12_500.00m, first.GetProperty("monthlyFee").GetProperty("base").GetDecimal());
            Assert.Equal(12_652.51m, first.GetProperty("monthlyFee").GetProperty("inForce").GetDecimal());
            Assert.Equal([455.49m, 627.56m], first.GetProperty("workUnits").EnumerateArray().Select(unit => unit.GetProperty("inForce").GetDecimal()));
            Assert.Equal("2025-06-01", first.GetProperty("effectiveOn").GetString());
            var revision = first.GetProperty("revision");
            Assert.Equal("2025-06-01", revision.GetProperty("anniversary").GetString());
            Assert.Equal("2025-05", revision.GetProperty("s").GetProperty("month").GetString());
            Assert.Equal(318.0m, revision.GetProperty("s").GetProperty("value").GetDecimal());
            Assert.Equal(313.5m, revision.GetProperty("s0").GetProperty("value").GetDecimal());
            Assert.Equal(1m, revision.GetProperty("coefficient").GetDecimal());
        }

        Assert.Equal(12_652.51m, (await manager.GetAsync($"/{id}/prices?at=2026-05-31")).GetProperty("monthlyFee").GetProperty("inForce").GetDecimal());
        var today = await manager.GetAsync($"/{id}/prices");
        Assert.Equal(12_754.19m, today.GetProperty("monthlyFee").GetProperty("inForce").GetDecimal());
        Assert.Equal("2026-06-01", today.GetProperty("revision").GetProperty("anniversary").GetString());

        // Nobody else reads them; a malformed date is named.
        await stranger.GetAsync($"/{id}/prices", HttpStatusCode.NotFound);
        using var anonymous = system.DirectClients["contracts"]();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync($"/{id}/prices")).StatusCode);
        var bad = await manager.GetAsync($"/{id}/prices?at=2025-02-30", HttpStatusCode.UnprocessableEntity);
        Assert.True(bad.GetProperty("errors").TryGetProperty("at", out _));

        // An Operator corrects May 2026 after the anniversary: the prices in force change, and are announced once more.
        // 322.0 / 313.5 = 1.0271132…; 12,500 × (0.15 + 0.85 × 1.0271132) = 12,788.078… → 12,788.08; 450 → 460.37; 620 → 634.29.
        await operatorUser.PutAsync("/indices/syntec/2026-05", new { value = 322.0m });
        await Task.WhenAll(pass.RunOnceAsync(CancellationToken.None), pass.RunOnceAsync(CancellationToken.None));
        announced = await system.Events.WaitForAsync<PricesRevised>(e => e.ContractId == id, count: 3, timeout: TimeSpan.FromSeconds(5));
        Assert.Equal(2, announced.Count);
        var corrected = announced.Single(e => e.EventId != revised.EventId);
        Assert.Equal((new DateOnly(2026, 6, 1), 12_788.08m), (corrected.EffectiveOn, corrected.MonthlyFee));
        Assert.Equal([460.37m, 634.29m], corrected.WorkUnits.Select(unit => unit.UnitPrice));
        Assert.Equal(322.0m, corrected.Revision!.S.Value);
        Assert.Equal(12_788.08m, (await provider.GetAsync($"/{id}/prices")).GetProperty("monthlyFee").GetProperty("inForce").GetDecimal());
    }

    [Fact]
    public async Task Signature_and_amendments_announce_their_prices_in_their_own_transaction()
    {
        using var manager = await ContractParty.SignInAsync(system, DemoWorld.Belvedere, Roles.ContractManager, "Bruno Caron");
        using var provider = await ContractParty.SignInAsync(system, DemoWorld.Nordlys, Roles.AccountManager, "Ingrid Solberg");
        var id = (await manager.PostAsync("/", new { reference = $"PRV-{Guid.NewGuid():N}"[..14], title = "Avenants", providerOrganisationId = DemoWorld.Nordlys },
            HttpStatusCode.Created)).GetProperty("id").GetGuid();
        var terms = await manager.DraftTermsAsync(id);
        // Started a month ago: no anniversary has passed, so the prices in force are the version's own.
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var start = today.AddMonths(-1);
        await manager.PutAsync($"/{id}/versions/1/terms", terms with
        {
            StartDate = start,
            Revision = terms.Revision! with { ReferenceMonth = $"{start.AddMonths(-2):yyyy-MM}", Anniversary = start },
        });
        await manager.PostAsync($"/{id}/sign");
        var signed = Assert.Single(await system.Events.WaitForAsync<PricesRevised>(e => e.ContractId == id));
        Assert.Equal((1, start, terms.Prices.MonthlyFee, (RevisionUsed?)null), (signed.VersionNumber, signed.EffectiveOn, signed.MonthlyFee, signed.Revision));

        // An amendment in force today with another fee is announced at its countersignature.
        await provider.PostAsync($"/{id}/amendments", new { effectiveFrom = today.ToString("yyyy-MM-dd"), reason = "Hausse du périmètre" }, HttpStatusCode.Created);
        await provider.PutAsync($"/{id}/versions/2/terms", terms with { StartDate = start, Prices = terms.Prices with { MonthlyFee = 13_000m } });
        await provider.PostAsync($"/{id}/versions/2/propose");
        await manager.PostAsync($"/{id}/versions/2/countersign");
        var amended = await system.Events.WaitForAsync<PricesRevised>(e => e.ContractId == id && e.VersionNumber == 2);
        Assert.Equal((today, 13_000m), (Assert.Single(amended).EffectiveOn, amended[0].MonthlyFee));

        // One signed for later says nothing yet; the prices endpoint still reads version 2 today and version 3 from its date.
        var later = today.AddDays(10);
        await provider.PostAsync($"/{id}/amendments", new { effectiveFrom = later.ToString("yyyy-MM-dd"), reason = "Extension" }, HttpStatusCode.Created);
        await provider.PutAsync($"/{id}/versions/3/terms", terms with { StartDate = start, Prices = terms.Prices with { MonthlyFee = 14_000m } });
        await provider.PostAsync($"/{id}/versions/3/propose");
        await manager.PostAsync($"/{id}/versions/3/countersign");
        Assert.Equal(13_000m, (await provider.GetAsync($"/{id}/prices?at={today:yyyy-MM-dd}")).GetProperty("monthlyFee").GetProperty("inForce").GetDecimal());
        Assert.Equal(14_000m, (await provider.GetAsync($"/{id}/prices?at={later:yyyy-MM-dd}")).GetProperty("monthlyFee").GetProperty("inForce").GetDecimal());
        Assert.Empty(await system.Events.WaitForAsync<PricesRevised>(e => e.ContractId == id && e.VersionNumber == 3, timeout: TimeSpan.FromSeconds(2)));
        Assert.Equal(2, (await system.Events.WaitForAsync<PricesRevised>(e => e.ContractId == id, count: 3, timeout: TimeSpan.FromSeconds(2))).Count);
    }

    [Fact]
    public async Task The_demo_contract_announced_its_revised_prices_at_seeding()
    {
        // ACME-INFOG-01 started 32 months ago with an amendment a year in: version 2, revised at its latest anniversary.
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var seeded = await system.Events.WaitForAsync<PricesRevised>(e => e.ContractId == DemoWorld.AcmeContract);
        var revised = Assert.Single(seeded, e => e.Revision is not null);
        Assert.Equal(2, revised.VersionNumber);
        Assert.InRange(revised.EffectiveOn, today.AddYears(-1), today);
        Assert.Equal(revised.EffectiveOn, revised.Revision!.Anniversary);
        Assert.True(revised.MonthlyFee > 13_200m, "the amended fee of 13,200 rose with the index");
        Assert.Contains(revised.WorkUnits, unit => unit.Code == "UO-ASTR");
    }

    [Fact]
    public async Task The_preview_answers_the_example_of_the_specification_with_the_shipped_indices()
    {
        using var provider = await ContractParty.SignInAsync(system, DemoWorld.Nordlys, Roles.AgentL1, "Ingrid Solberg");
        // S0 = March 2021 = 274.6 (old series); S = the latest month before April 2025 in the table = January 2025 = 315.2 (new).
        // 274.6 × 0.97975 = 269.03935; 315.2 / 269.03935 = 1.1715758…; 13,200 × (0.15 + 0.85 × 1.1715758) = 15,125.080… → 15,125.08.
        var preview = await provider.PostAsync("/revision/preview", new { price = 13_200.00m, a = 0.15m, b = 0.85m, referenceMonth = "2021-03", revisionDate = "2025-04-01" });
        Assert.Equal(("2021-03", 274.6m, "old"), Index(preview.GetProperty("s0")));
        Assert.Equal(("2025-01", 315.2m, "new"), Index(preview.GetProperty("s")));
        Assert.Equal(0.97975m, preview.GetProperty("coefficient").GetDecimal());
        Assert.Equal(15_125.08m, preview.GetProperty("revisedPrice").GetDecimal());
        Assert.Equal(["coefficient", "revisedPrice", "s", "s0"], preview.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));

        await Refused(provider, new { price = 100m, a = 0.15m, b = 0.85m, referenceMonth = "2018-01", revisionDate = "2025-04-01" }, "s0");
        await Refused(provider, new { price = 100m, a = 0.15m, b = 0.85m, referenceMonth = "2019-01", revisionDate = "2019-01-15" }, "s");
        await Refused(provider, new { price = 100m, a = 0.2m, b = 0.7m, referenceMonth = "2021-03", revisionDate = "2025-04-01" }, "b");
        await Refused(provider, new { price = -1m, a = 0.15m, b = 0.85m, referenceMonth = "2021-13", revisionDate = "2025-02-30" }, "price", "referenceMonth", "revisionDate");
        await Refused(provider, new { }, "price", "a", "b", "referenceMonth", "revisionDate");

        using var anonymous = system.DirectClients["contracts"]();
        using var body = JsonContent(new { price = 1m });
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsync("/revision/preview", body)).StatusCode);
    }

    private static (string?, decimal, string?) Index(JsonElement index) =>
        (index.GetProperty("month").GetString(), index.GetProperty("value").GetDecimal(), index.GetProperty("series").GetString());

    private static async Task Refused(ContractParty caller, object request, params string[] fields)
    {
        var problem = await caller.PostAsync("/revision/preview", request, HttpStatusCode.UnprocessableEntity);
        Assert.Equal(fields.Order(StringComparer.Ordinal), problem.GetProperty("errors").EnumerateObject().Select(error => error.Name).Order(StringComparer.Ordinal));
    }

    private static StringContent JsonContent(object body) => new(JsonSerializer.Serialize(body), System.Text.Encoding.UTF8, "application/json");
}
