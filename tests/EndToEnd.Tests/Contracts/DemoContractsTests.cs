extern alias contracts;

using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Infogerance.DemoData;
using Infogerance.EndToEnd.Tests.Notifications;
using Infogerance.ServiceDefaults;
using DemoContractsSeed = contracts::Infogerance.Contracts.Data.DemoContractsSeed;

namespace Infogerance.EndToEnd.Tests.Contracts;

/// <summary>The demo world's contracts, as the run command loads them: realistic, in two phases, and visible to the right people only.</summary>
[Collection(SystemCollection.Name)]
public sealed class DemoContractsTests(InfogeranceSystem system)
{
    [Fact]
    public async Task The_demo_world_has_a_running_contract_near_its_notice_deadline_and_one_in_takeover()
    {
        using var acme = await ContractParty.SignInAsync(system, DemoWorld.Acme, Roles.ContractManager, "Marc Dubois");
        using var antares = await ContractParty.SignInAsync(system, DemoWorld.Antares, Roles.AgentL2, "Karim Benali");
        using var belvedere = await ContractParty.SignInAsync(system, DemoWorld.Belvedere, Roles.Auditor, "Hugo Lefèvre");

        var running = await acme.GetAsync($"/{DemoContractsSeed.AcmeContract}");
        Assert.Equal("run", running.GetProperty("phase").GetString());
        Assert.Equal(2, running.GetProperty("currentVersion").GetInt32());
        // The amendment in force replaced version 1: only one version reads as in force.
        Assert.Equal(["superseded", "active"], running.GetProperty("versions").EnumerateArray().Select(v => v.GetProperty("status").GetString()));
        Assert.Equal("superseded", (await acme.GetAsync($"/{DemoContractsSeed.AcmeContract}/versions/1")).GetProperty("status").GetString());
        Assert.Equal(13_200m, running.GetProperty("monthlyFee").GetDecimal());
        var deadline = DateOnly.Parse(running.GetProperty("noticeDeadline").GetString()!);
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        Assert.Equal(new DateOnly(today.Year, today.Month, 1).AddMonths(1).AddDays(-1), deadline);
        var terms = (await acme.GetAsync($"/{DemoContractsSeed.AcmeContract}/versions/1")).GetProperty("terms");
        Assert.Equal(["FR"], terms.GetProperty("calendar").GetProperty("holidayPacks").EnumerateArray().Select(p => p.GetString()));
        Assert.Equal(4, terms.GetProperty("sla").GetProperty("targets").GetArrayLength());
        Assert.Equal("SYNTEC", terms.GetProperty("revision").GetProperty("index").GetString());
        Assert.True((await acme.GetAsync($"/{DemoContractsSeed.AcmeContract}/inventory")).GetArrayLength() >= 8);

        // The scheduler caught up at start-up: the latest alert due before the deadline is raised, and it is in the bell
        // of the demo's client manager and of its provider's account manager.
        foreach (var email in new[] { "manager@acme.example", "manager@antares.example" })
        {
            using var person = await Person.DemoAsync(system, email);
            var alert = await person.WaitForAsync(DemoContractsSeed.AcmeContract, "noticeDeadlineApproaching");
            Assert.Equal(deadline, DateOnly.Parse(alert.GetProperty("data").GetProperty("noticeDeadline").GetString()!));
            Assert.Equal("ACME-INFOG-01", alert.GetProperty("contractReference").GetString());
        }

        var takeover = await belvedere.GetAsync($"/{DemoContractsSeed.BelvedereContract}");
        Assert.Equal("takeover", takeover.GetProperty("phase").GetString());
        var checklist = (await belvedere.GetAsync($"/{DemoContractsSeed.BelvedereContract}/checklists/takeover")).EnumerateArray().ToList();
        Assert.Contains(checklist, item => item.TryGetProperty("providerAcceptedAt", out _));
        Assert.Contains(checklist, item => !item.TryGetProperty("clientAcceptedAt", out _));

        // Antares serves Acme, not Belvédère; and Identity knows it from the contract events.
        await antares.GetAsync($"/{DemoContractsSeed.AcmeContract}");
        await antares.GetAsync($"/{DemoContractsSeed.BelvedereContract}", HttpStatusCode.NotFound);
        await acme.GetAsync($"/{DemoContractsSeed.BelvedereContract}", HttpStatusCode.NotFound);
        var token = await system.IssueTokenAsync(new(Guid.NewGuid(), "Karim Benali", null, DemoWorld.Antares, OrganisationKind.Provider, [Roles.AgentL2], null, IsServiceAccount: false));
        using var identity = system.DirectClients["identity"]();
        identity.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.Token);
        await Eventually.UntilAsync(
            async () => (await identity.GetFromJsonAsync<JsonElement>("/me")).GetProperty("tenants").EnumerateArray()
                .Any(tenant => tenant.GetProperty("id").GetGuid() == DemoWorld.Acme),
            "Identity learnt from the contract events that Antares serves Acme");
    }
}
