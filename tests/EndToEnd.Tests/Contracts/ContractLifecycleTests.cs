extern alias contracts;

using System.Net;
using System.Text;
using System.Text.Json;
using Infogerance.DemoData;
using Infogerance.Documents;
using Infogerance.EndToEnd.Tests.Notifications;
using Infogerance.IntegrationEvents;
using Infogerance.ServiceDefaults;
using NoticeAlerts = contracts::Infogerance.Contracts.NoticeAlerts;

namespace Infogerance.EndToEnd.Tests.Contracts;

/// <summary>A contract's whole life through the Contracts API over real PostgreSQL and RabbitMQ, with its events.</summary>
[Collection(SystemCollection.Name)]
public sealed class ContractLifecycleTests(InfogeranceSystem system)
{
    private static readonly byte[] Pdf = Encoding.ASCII.GetBytes("%PDF-1.7\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n");

    [Fact]
    public async Task A_new_draft_has_no_fee_and_is_signed_only_once_the_manager_enters_one()
    {
        using var manager = await ContractParty.SignInAsync(system, DemoWorld.Acme, Roles.ContractManager, "Marc Dubois");
        var created = await manager.PostAsync("/", new { reference = $"FEE-{Guid.NewGuid():N}"[..16], title = "Redevance", providerOrganisationId = DemoWorld.Antares },
            HttpStatusCode.Created);
        var id = created.GetProperty("id").GetGuid();

        // No made-up figure: the draft, its terms and the list all read the fee as absent.
        Assert.False(created.TryGetProperty("monthlyFee", out _));
        var draft = (await manager.GetAsync($"/{id}/versions/1")).GetProperty("terms");
        Assert.False(draft.GetProperty("prices").TryGetProperty("monthlyFee", out _));
        Assert.True(draft.GetProperty("prices").GetProperty("workUnits").GetArrayLength() > 0, "the rest of the template is there");
        var listed = (await manager.GetAsync("/")).EnumerateArray().Single(c => c.GetProperty("id").GetGuid() == id);
        Assert.False(listed.TryGetProperty("monthlyFee", out _));

        // Signing without it is refused naming it, and changes nothing.
        var refused = await manager.PostAsync($"/{id}/sign", expected: HttpStatusCode.UnprocessableEntity);
        Assert.Equal(["terms.prices.monthlyFee"], refused.GetProperty("errors").EnumerateObject().Select(error => error.Name));
        Assert.Equal("The monthly fee is required.", refused.GetProperty("errors").GetProperty("terms.prices.monthlyFee")[0].GetString());
        Assert.Equal("draft", (await manager.GetAsync($"/{id}")).GetProperty("phase").GetString());
        var terms = JsonSerializer.Deserialize<ContractTerms>(draft, ContractParty.Json)!;
        var saved = await manager.PutAsync($"/{id}/versions/1/terms", terms, HttpStatusCode.UnprocessableEntity);
        Assert.Equal(["prices.monthlyFee"], saved.GetProperty("errors").EnumerateObject().Select(error => error.Name));

        // Entered, it is signed and activated with the figure entered.
        await manager.PutAsync($"/{id}/versions/1/terms", terms with { Prices = terms.Prices with { MonthlyFee = 9_800m } });
        Assert.Equal("signed", (await manager.PostAsync($"/{id}/sign")).GetProperty("phase").GetString());
        var activated = Assert.Single(await system.Events.WaitForAsync<ContractVersionActivated>(e => e.ContractId == id));
        Assert.Equal(9_800m, activated.Terms.Prices.MonthlyFee);
        Assert.Equal(9_800m, (await manager.GetAsync($"/{id}")).GetProperty("monthlyFee").GetDecimal());
    }

    [Fact]
    public async Task A_contract_lives_from_draft_to_closure_with_both_sides_and_its_events()
    {
        using var manager = await ContractParty.SignInAsync(system, DemoWorld.Acme, Roles.ContractManager, "Marc Dubois");
        using var requester = await ContractParty.SignInAsync(system, DemoWorld.Acme, Roles.Requester, "Rachel Petit");
        using var provider = await ContractParty.SignInAsync(system, DemoWorld.Antares, Roles.AccountManager, "Antoine Garnier");
        using var agent = await ContractParty.SignInAsync(system, DemoWorld.Antares, Roles.AgentL1, "Léa Fontaine");
        using var otherProvider = await ContractParty.SignInAsync(system, DemoWorld.Nordlys, Roles.AccountManager, "Ingrid Solberg");
        using var operatorUser = await ContractParty.SignInAsync(system, DemoWorld.Platform, Roles.Operator, "Olivia Opérateur");

        // Draft: the client writes it, its provider reads it, another provider does not see it.
        var reference = $"LIFE-{Guid.NewGuid():N}"[..16];
        var draft = await manager.PostAsync("/", new { reference, title = "Infogérance du SI", providerOrganisationId = DemoWorld.Antares }, HttpStatusCode.Created);
        var id = draft.GetProperty("id").GetGuid();
        Assert.Equal("draft", draft.GetProperty("phase").GetString());
        Assert.Contains("sign", Strings(draft.GetProperty("can")));
        await manager.PostAsync("/", new { reference, title = "Twice", providerOrganisationId = DemoWorld.Antares }, HttpStatusCode.Conflict);
        var nul = await manager.PostAsync("/", new { reference = "NUL\u0000", title = "x", providerOrganisationId = DemoWorld.Antares }, HttpStatusCode.BadRequest);
        Assert.True(nul.GetProperty("errors").TryGetProperty("reference", out _), "the NUL character is refused naming its field");
        Assert.Contains(id, (await agent.GetAsync("/")).EnumerateArray().Select(c => c.GetProperty("id").GetGuid()));
        await otherProvider.GetAsync($"/{id}", HttpStatusCode.NotFound);
        await provider.PostAsync($"/{id}/sign", expected: HttpStatusCode.Forbidden);

        await manager.PostAsync($"/{id}/requirements",
            new { category = "Support", expectedLevel = "8 h 30 – 18 h jours ouvrés", acceptanceCriterion = "95 % des appels décrochés en 60 s" }, HttpStatusCode.Created);

        // Terms: inconsistent ones are refused field by field and change nothing.
        var terms = JsonSerializer.Deserialize<ContractTerms>(
            (await manager.GetAsync($"/{id}/versions/1")).GetProperty("terms"), ContractParty.Json)!;
        var bad = terms with
        {
            NoticeMonths = 40,
            Prices = terms.Prices with { MonthlyFee = -1, WorkUnits = [.. terms.Prices.WorkUnits, new("UO-BUR", "Bureautique", 10m, CountedOn: "desk")] },
            InvoiceTolerance = new InvoiceTolerance(Percent: 100.5m),
            Revision = terms.Revision! with { A = 0.2m, B = 0.7m },
            Calendar = terms.Calendar with
            {
                TimeZone = "Europe/Atlantis",
                Weekly = [new("monday", "08:00", "12:00"), new("monday", "11:00", "14:00")],
            },
        };
        var refused = await manager.PutAsync($"/{id}/versions/1/terms", bad, HttpStatusCode.UnprocessableEntity);
        var fields = refused.GetProperty("errors").EnumerateObject().Select(error => error.Name).ToList();
        Assert.Contains("noticeMonths", fields);
        Assert.Contains("prices.monthlyFee", fields);
        Assert.Contains("revision.b", fields);
        Assert.Contains("calendar.timeZone", fields);
        Assert.Contains("calendar.weekly[1]", fields);
        Assert.Contains($"prices.workUnits[{terms.Prices.WorkUnits.Count}].countedOn", fields);
        Assert.Contains("invoiceTolerance.percent", fields);
        Assert.False((await manager.GetAsync($"/{id}/versions/1")).GetProperty("terms").GetProperty("prices").TryGetProperty("monthlyFee", out _));
        await manager.PutAsync($"/{id}/versions/1/terms", terms with { Prices = terms.Prices with { MonthlyFee = 11_000m } });

        // Signature freezes version 1 and publishes it whole.
        var signed = await manager.PostAsync($"/{id}/sign");
        Assert.Equal("signed", signed.GetProperty("phase").GetString());
        await manager.PostAsync($"/{id}/sign", expected: HttpStatusCode.Conflict);
        await manager.PutAsync($"/{id}/versions/1/terms", terms, HttpStatusCode.Conflict);
        await manager.PostAsync($"/{id}/requirements", new { category = "Late", expectedLevel = "x", acceptanceCriterion = "y" }, HttpStatusCode.Conflict);
        var activated = Assert.Single(await system.Events.WaitForAsync<ContractVersionActivated>(e => e.ContractId == id));
        Assert.Equal(11_000m, activated.Terms.Prices.MonthlyFee);
        Assert.Equal(4, activated.Terms.Sla.Targets.Count);
        Assert.Equal("Europe/Paris", activated.Terms.Calendar.TimeZone);
        Assert.NotEmpty(activated.Terms.Penalties.PerBreach);
        // What invoice control needs of the terms travels with them.
        Assert.Equal("workstation", activated.Terms.Prices.WorkUnits.Single(unit => unit.Code == "UO-POSTE").CountedOn);
        Assert.Equal(new InvoiceTolerance(1.00m), activated.Terms.InvoiceTolerance);
        Assert.Single(await system.Events.WaitForAsync<ContractSigned>(e => e.ContractId == id));

        // Takeover: both sides accept every item, with a document, then both accept the closure.
        await manager.PostAsync($"/{id}/transitions", new { to = "run" }, HttpStatusCode.Conflict);
        await provider.PostAsync($"/{id}/transitions", new { to = "takeover" });
        var items = (await agent.GetAsync($"/{id}/checklists/takeover")).EnumerateArray().ToList();
        Assert.Equal(6, items.Count);
        await manager.PostAsync($"/{id}/phases/takeover/close", expected: HttpStatusCode.Conflict);
        Assert.DoesNotContain("close:takeover", Strings((await manager.GetAsync($"/{id}")).GetProperty("can")));
        var paq = items.First(item => item.GetProperty("category").GetString() == "deliverable").GetProperty("id").GetGuid();
        var document = await provider.UploadAsync($"/{id}/checklist-items/{paq}/documents", "PAQ v1.pdf", Pdf, HttpStatusCode.Created);
        await provider.UploadAsync($"/{id}/checklist-items/{paq}/documents", "setup.pdf", [0x4D, 0x5A, 0x90, 0x00], HttpStatusCode.UnprocessableEntity);
        var downloaded = await provider.Client.GetByteArrayAsync($"/{id}/documents/{document.GetProperty("id").GetGuid()}");
        Assert.Equal(Pdf, downloaded);
        foreach (var item in items.Select(item => item.GetProperty("id").GetGuid()))
        {
            await manager.PostAsync($"/{id}/checklist-items/{item}/accept");
            await agent.PostAsync($"/{id}/checklist-items/{item}/accept", expected: HttpStatusCode.Forbidden);
            var accepted = await provider.PostAsync($"/{id}/checklist-items/{item}/accept");
            Assert.Equal("Marc Dubois", accepted.GetProperty("clientAcceptedBy").GetString());
            Assert.Equal("Antoine Garnier", accepted.GetProperty("providerAcceptedBy").GetString());
        }

        Assert.Contains("close:takeover", Strings((await provider.GetAsync($"/{id}")).GetProperty("can")));
        var halfClosed = await manager.PostAsync($"/{id}/phases/takeover/close");
        Assert.Equal("takeover", halfClosed.GetProperty("phase").GetString());
        await manager.PostAsync($"/{id}/phases/takeover/close", expected: HttpStatusCode.Conflict);
        // The client has accepted the closure: no new item may hold the phase open.
        await provider.PostAsync($"/{id}/checklists/takeover/items", new { category = "legal", title = "Late" }, HttpStatusCode.Conflict);
        var running = await provider.PostAsync($"/{id}/phases/takeover/close");
        Assert.Equal("run", running.GetProperty("phase").GetString());
        Assert.Equal(2, running.GetProperty("closures").GetArrayLength());
        await system.Events.WaitForAsync<ContractPhaseChanged>(e => e.ContractId == id && e.To == "run");
        // Each side's first acceptance of an item, and of the closure, is told the other side, which acts next.
        var itemAcceptances = await system.Events.WaitForAsync<ChecklistItemAccepted>(e => e.ContractId == id && e.Phase == "takeover", items.Count * 2);
        Assert.Equal(items.Count * 2, itemAcceptances.Count);
        Assert.All(itemAcceptances.Where(e => e.Side == "client"), e => Assert.Equal(("provider", false), (e.AwaitingSide, e.PhaseReadyToClose)));
        Assert.All(itemAcceptances.Where(e => e.Side == "provider"), e => Assert.Null(e.AwaitingSide));
        Assert.Equal("Antoine Garnier", Assert.Single(itemAcceptances, e => e.PhaseReadyToClose).AcceptedBy);
        var closureAcceptances = await system.Events.WaitForAsync<PhaseClosureAccepted>(e => e.ContractId == id && e.Phase == "takeover", 2);
        Assert.Equal([("client", "provider"), ("provider", null)], closureAcceptances.Select(e => (e.Side, e.AwaitingSide)).OrderBy(e => e.Side));

        // An evolution request goes its whole way, each step by its side, and becomes an amendment.
        var evolution = (await manager.PostAsync($"/{id}/evolutions",
            new { title = "Supervision des automates", specification = "Superviser les 40 automates de la ligne 3." }, HttpStatusCode.Created)).GetProperty("id").GetGuid();
        await manager.PostAsync($"/{id}/evolutions/{evolution}/propose", new { solution = "x", quoteAmount = 1, plan = "y" }, HttpStatusCode.Forbidden);
        await provider.PostAsync($"/{id}/evolutions/{evolution}/validate", expected: HttpStatusCode.Forbidden);
        await provider.PostAsync($"/{id}/evolutions/{evolution}/propose", new { solution = "Sondes SNMP", quoteAmount = -5, plan = "6 semaines" }, HttpStatusCode.UnprocessableEntity);
        await provider.PostAsync($"/{id}/evolutions/{evolution}/start", expected: HttpStatusCode.Conflict);
        await provider.PostAsync($"/{id}/evolutions/{evolution}/propose", new { solution = "Sondes SNMP", quoteAmount = 18_400.00m, plan = "6 semaines" });
        await manager.PostAsync($"/{id}/evolutions/{evolution}/validate");
        await provider.PostAsync($"/{id}/evolutions/{evolution}/start");
        await provider.PostAsync($"/{id}/evolutions/{evolution}/deliver");
        var acceptedEvolution = await manager.PostAsync($"/{id}/evolutions/{evolution}/accept");
        Assert.Equal("accepted", acceptedEvolution.GetProperty("state").GetString());
        Assert.Equal(6, (await system.Events.WaitForAsync<EvolutionRequestStateChanged>(e => e.EvolutionRequestId == evolution, 6)).Count);

        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var amendment = await manager.PostAsync($"/{id}/evolutions/{evolution}/amend", new { effectiveFrom = today.AddDays(-1).ToString("yyyy-MM-dd") }, HttpStatusCode.UnprocessableEntity);
        Assert.True(amendment.GetProperty("errors").TryGetProperty("effectiveFrom", out _), "an amendment cannot take effect before the version it amends");
        var effective = terms.StartDate.AddMonths(1);
        var version2 = await manager.PostAsync($"/{id}/evolutions/{evolution}/amend", new { effectiveFrom = effective.ToString("yyyy-MM-dd") }, HttpStatusCode.Created);
        Assert.Equal(2, version2.GetProperty("number").GetInt32());
        await manager.PostAsync($"/{id}/amendments", new { effectiveFrom = effective.ToString("yyyy-MM-dd"), reason = "Another" }, HttpStatusCode.Conflict);
        var amendedTerms = terms with
        {
            Prices = terms.Prices with
            {
                MonthlyFee = 12_533.33m,
                WorkUnits = [.. terms.Prices.WorkUnits, new WorkUnitPrice("UO-SUP", "Supervision d’un automate", 38m, CountedOn: "other")],
            },
            InvoiceTolerance = new InvoiceTolerance(1.00m, 0.5m),
        };
        await provider.PutAsync($"/{id}/versions/2/terms", amendedTerms);
        await provider.PostAsync($"/{id}/versions/2/propose");
        await provider.PostAsync($"/{id}/versions/2/countersign", expected: HttpStatusCode.Conflict);
        var countersigned = await manager.PostAsync($"/{id}/versions/2/countersign");
        // Only one version is in force at a time: the amendment replaces version 1 from its effective date.
        Assert.Equal(effective <= today ? "active" : "scheduled", countersigned.GetProperty("status").GetString());
        var listed = (await manager.GetAsync($"/{id}")).GetProperty("versions").EnumerateArray()
            .ToDictionary(v => v.GetProperty("number").GetInt32(), v => v.GetProperty("status").GetString());
        Assert.Equal(effective <= today ? ("superseded", "active") : ("active", "scheduled"), (listed[1], listed[2]));
        Assert.Equal("Antoine Garnier", countersigned.GetProperty("proposedBy").GetString());
        Assert.Equal("Marc Dubois", countersigned.GetProperty("countersignedBy").GetString());
        var activated2 = Assert.Single(await system.Events.WaitForAsync<ContractVersionActivated>(e => e.ContractId == id && e.VersionNumber == 2));
        Assert.Equal(effective, activated2.EffectiveFrom);
        Assert.Equal(12_533.33m, activated2.Terms.Prices.MonthlyFee);
        Assert.Equal("other", activated2.Terms.Prices.WorkUnits.Single(unit => unit.Code == "UO-SUP").CountedOn);
        Assert.Equal(2, (await manager.GetAsync($"/{id}/evolutions"))[0].GetProperty("amendmentVersion").GetInt32());

        var changes = (await requester.GetAsync($"/{id}/versions/compare?from=1&to=2")).EnumerateArray()
            .ToDictionary(change => change.GetProperty("field").GetString()!, change => change.GetProperty("after").GetString());
        Assert.Equal("12533.33", changes["prices.monthlyFee"]);
        Assert.Contains(changes.Keys, field => field.StartsWith("prices.workUnits[UO-SUP]", StringComparison.Ordinal));
        Assert.Equal("other", changes["prices.workUnits[UO-SUP].countedOn"]);
        Assert.Equal("0.5", changes["invoiceTolerance.percent"]);

        // The Operator publishes the index the revision needs; renewing produces the revised price.
        await manager.PostAsync($"/{id}/renewal-decisions", new { decision = "renew" }, HttpStatusCode.Conflict);
        await manager.PutAsync($"/indices/syntec/{terms.Revision!.ReferenceMonth}", new { value = 300.0m }, HttpStatusCode.Forbidden);
        var referenceMonth = DateOnly.ParseExact(terms.Revision.ReferenceMonth + "-01", "yyyy-MM-dd");
        await operatorUser.PutAsync($"/indices/syntec/{terms.Revision.ReferenceMonth}", new { value = 300.0m });
        await operatorUser.PutAsync($"/indices/syntec/{referenceMonth.AddMonths(1):yyyy-MM}", new { value = 309.0m });
        await operatorUser.PutAsync("/indices/syntec/2026-13", new { value = 1m }, HttpStatusCode.UnprocessableEntity);
        await manager.PostAsync($"/{id}/renewal-decisions", new { decision = "maybe" }, HttpStatusCode.UnprocessableEntity);
        var revision = await manager.PostAsync($"/{id}/renewal-decisions", new { decision = "renew" });
        Assert.Equal("revision", revision.GetProperty("origin").GetString());
        // 12,533.33 × (0.15 + 0.85 × 309 / 300) = 12,533.33 × 1.0255 = 12,852.93
        Assert.Equal(12_852.93m, revision.GetProperty("terms").GetProperty("prices").GetProperty("monthlyFee").GetDecimal());
        await manager.PostAsync($"/{id}/renewal-decisions", new { decision = "terminate" }, HttpStatusCode.Conflict);
        Assert.Equal(12_852.93m, Assert.Single(await system.Events.WaitForAsync<RenewalDecided>(e => e.ContractId == id)).RevisedMonthlyFee);

        // An amendment still under way at closure is withdrawn with it: nothing can be countersigned afterwards.
        var lastAmendment = await provider.PostAsync($"/{id}/amendments",
            new { effectiveFrom = revision.GetProperty("effectiveFrom").GetString(), reason = "Dernier avenant" }, HttpStatusCode.Created);
        var lastNumber = lastAmendment.GetProperty("number").GetInt32();
        await provider.PostAsync($"/{id}/versions/{lastNumber}/propose");

        // Reversibility to a new provider, closed by both sides: the provider loses access.
        await manager.PostAsync($"/{id}/transitions", new { to = "reversibility" }, HttpStatusCode.UnprocessableEntity);
        await manager.PostAsync($"/{id}/transitions", new { to = "reversibility", handover = "newProvider" });
        foreach (var item in (await manager.GetAsync($"/{id}/checklists/reversibility")).EnumerateArray().Select(item => item.GetProperty("id").GetGuid()))
        {
            await manager.PostAsync($"/{id}/checklist-items/{item}/accept");
            await provider.PostAsync($"/{id}/checklist-items/{item}/accept");
        }

        await provider.PostAsync($"/{id}/phases/reversibility/close");
        var closed = await manager.PostAsync($"/{id}/phases/reversibility/close");
        Assert.Equal("closed", closed.GetProperty("phase").GetString());
        Assert.Single(await system.Events.WaitForAsync<ContractClosed>(e => e.ContractId == id));
        Assert.Contains(await system.Events.WaitForAsync<ContractPartiesChanged>(e => e.ContractId == id && !e.IsOpen), e => !e.IsOpen);
        await provider.GetAsync($"/{id}", HttpStatusCode.NotFound);
        Assert.Equal("withdrawn", (await manager.GetAsync($"/{id}/versions/{lastNumber}")).GetProperty("status").GetString());
        await manager.PostAsync($"/{id}/versions/{lastNumber}/countersign", expected: HttpStatusCode.Conflict);
        await manager.PostAsync($"/{id}/inventory", new { type = "server", name = "Late", quantity = 1, criticality = "low" }, HttpStatusCode.Conflict);

        // The audit trail tells the story, to those who answer for the contract only.
        await requester.GetAsync($"/{id}/audit", HttpStatusCode.Forbidden);
        var actions = (await manager.GetAsync($"/{id}/audit?limit=200")).GetProperty("items").EnumerateArray()
            .Select(entry => entry.GetProperty("action").GetString()).ToList();
        foreach (var action in new[]
        {
            "contract.created", "requirement.added", "version.terms-changed", "contract.phase-changed", "checklist.item-accepted",
            "document.attached", "phase.closure-accepted", "evolution.accepted", "version.countersigned", "renewal.decided",
        })
        {
            Assert.Contains(action, actions);
        }
    }

    [Fact]
    public async Task Import_with_a_bad_line_imports_nothing_and_the_dossier_holds_what_the_api_holds()
    {
        using var manager = await ContractParty.SignInAsync(system, DemoWorld.Acme, Roles.ContractManager, "Marc Dubois");
        using var auditor = await ContractParty.SignInAsync(system, DemoWorld.Acme, Roles.Auditor, "Aurélien Roux");
        var id = (await manager.PostAsync("/", new { reference = $"DOS-{Guid.NewGuid():N}"[..14], title = "Dossier", providerOrganisationId = DemoWorld.Antares },
            HttpStatusCode.Created)).GetProperty("id").GetGuid();

        var badFile = "type;name;quantity;criticality;location\nserver;SRV-01;2;high;Lyon\nserveur;SRV-02;deux;critique;Lyon\nrouter;;1;low;\n";
        using (var truncated = new StringContent("--XYZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.csv\"\r\n\r\ntype,na"))
        {
            truncated.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse("multipart/form-data; boundary=XYZ");
            using var malformed = await manager.Client.PostAsync($"/{id}/inventory/import", truncated);
            Assert.Equal(HttpStatusCode.UnprocessableEntity, malformed.StatusCode);
        }

        var report = await manager.UploadAsync($"/{id}/inventory/import", "inventaire.csv", Encoding.UTF8.GetBytes(badFile), HttpStatusCode.UnprocessableEntity);
        var lines = report.GetProperty("errors").EnumerateObject().Select(error => error.Name).ToList();
        Assert.Equal(["line 3", "line 4"], lines);
        Assert.Equal(0, (await manager.GetAsync($"/{id}/inventory")).GetArrayLength());
        var nul = await manager.UploadAsync($"/{id}/inventory/import", "nul.csv", Encoding.UTF8.GetBytes("type,name,quantity,criticality\nserver,SRV\0-01,2,high\n"), HttpStatusCode.UnprocessableEntity);
        Assert.Equal(["line 2"], nul.GetProperty("errors").EnumerateObject().Select(error => error.Name));
        Assert.Equal(0, (await manager.GetAsync($"/{id}/inventory")).GetArrayLength());

        var goodFile = "type,name,quantity,criticality,location\nserver,SRV-01,2,high,Lyon\ndatabase,PostgreSQL,3,critical,Lyon\nworkstation,Postes,120,medium,\n";
        var imported = await manager.UploadAsync($"/{id}/inventory/import", "inventory.csv", Encoding.UTF8.GetBytes(goodFile));
        Assert.Equal(3, imported.GetProperty("imported").GetInt32());
        var replaced = await manager.UploadAsync($"/{id}/inventory/import?mode=replace", "inventory.csv", Encoding.UTF8.GetBytes(goodFile));
        Assert.Equal(3, replaced.GetProperty("total").GetInt32());
        var xlsx = await manager.Client.GetByteArrayAsync($"/{id}/inventory/export?format=xlsx");
        var roundTrip = await manager.UploadAsync($"/{id}/inventory/import?mode=replace", "export.xlsx", xlsx);
        Assert.Equal(3, roundTrip.GetProperty("total").GetInt32());
        // Each line's quantity travels, for invoice control to cap the work units counted on its type.
        var published = await system.Events.WaitForAsync<ContractInventoryChanged>(e => e.ContractId == id && e.Items.Count == 3);
        Assert.Equal([("database", 3), ("server", 2), ("workstation", 120)], published[^1].Items.Select(item => (item.Type, item.Quantity)).Order());

        await manager.PostAsync($"/{id}/requirements", new { category = "Sauvegardes", expectedLevel = "Quotidienne", acceptanceCriterion = "Restauration testée" }, HttpStatusCode.Created);
        await manager.PutAsync($"/{id}/versions/1/terms", await manager.DraftTermsAsync(id));
        await manager.PostAsync($"/{id}/sign");

        using var response = await auditor.Client.GetAsync($"/{id}/dossier");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/zip", response.Content.Headers.ContentType?.MediaType);
        var (manifest, files) = DossierArchive.Read(await response.Content.ReadAsStreamAsync());
        Assert.Equal(id, manifest.ContractId);
        Assert.Contains("versions/v1.json", files.Keys);
        var version = JsonDocument.Parse(files["versions/v1.json"]).RootElement;
        Assert.Equal("active", version.GetProperty("status").GetString());
        var inventory = Encoding.UTF8.GetString(files["inventory.csv"]).Trim('\uFEFF').Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal(4, inventory.Length);
        Assert.Contains(inventory, line => line.Contains("PostgreSQL", StringComparison.Ordinal) && line.Contains("critical", StringComparison.Ordinal));
        Assert.Contains("Sauvegardes", Encoding.UTF8.GetString(files["requirements.csv"]), StringComparison.Ordinal);
        var contract = JsonDocument.Parse(files["contract.json"]).RootElement;
        Assert.Equal("signed", contract.GetProperty("phase").GetString());
        Assert.Contains("contract.created", Encoding.UTF8.GetString(files["audit.json"]), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Notice_alerts_are_raised_once_on_time_even_by_replicas_racing_and_after_downtime()
    {
        using var manager = await ContractParty.SignInAsync(system, DemoWorld.Belvedere, Roles.ContractManager, "Bruno Caron");
        var id = (await manager.PostAsync("/", new { reference = $"NOT-{Guid.NewGuid():N}"[..14], title = "Échéance proche", providerOrganisationId = DemoWorld.Nordlys },
            HttpStatusCode.Created)).GetProperty("id").GetGuid();
        var terms = await manager.DraftTermsAsync(id);
        // Started long ago: the notice deadline (start + 33 months − 1 day) is 20 days away, so the 180-, 90- and
        // 30-day alerts all fell due while nobody looked; only the latest of them says something true today.
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var start = today.AddDays(21).AddMonths(-33);
        await manager.PutAsync($"/{id}/versions/1/terms", terms with
        {
            StartDate = start,
            Revision = terms.Revision! with { ReferenceMonth = $"{start.AddMonths(-2):yyyy-MM}", Anniversary = start },
        });
        var signed = await manager.PostAsync($"/{id}/sign");
        var deadline = DateOnly.Parse(signed.GetProperty("noticeDeadline").GetString()!);
        Assert.InRange(deadline.DayNumber - today.DayNumber, 18, 22);

        var alerts = system.Services["contracts"].GetService(typeof(NoticeAlerts)) as NoticeAlerts;
        await Task.WhenAll(alerts!.RunOnceAsync(CancellationToken.None), alerts.RunOnceAsync(CancellationToken.None), alerts.RunOnceAsync(CancellationToken.None));
        await alerts.RunOnceAsync(CancellationToken.None);

        var raised = await system.Events.WaitForAsync<NoticeDeadlineApproaching>(e => e.ContractId == id);
        Assert.Equal(30, Assert.Single(raised).DaysBefore);
        Assert.Equal(deadline, raised[0].NoticeDeadline);
        var renewal = (await manager.GetAsync($"/{id}")).GetProperty("renewal");
        var raisedAlerts = renewal.GetProperty("alerts").EnumerateArray().Where(alert => alert.TryGetProperty("raisedAt", out _)).ToList();
        Assert.Equal(30, Assert.Single(raisedAlerts).GetProperty("daysBefore").GetInt32());

        // The Notifications service tells both sides' managers, once each.
        foreach (var email in new[] { "manager@belvedere-sante.example", "manager@nordlys.example" })
        {
            using var person = await Person.DemoAsync(system, email);
            var notification = await person.WaitForAsync(id, "noticeDeadlineApproaching");
            Assert.Equal(30, notification.GetProperty("data").GetProperty("daysBefore").GetInt32());
            Assert.Equal(deadline, DateOnly.Parse(notification.GetProperty("data").GetProperty("noticeDeadline").GetString()!));
            Assert.Single(await person.NotificationsAsync(id));
        }
    }

    [Fact]
    public async Task Amendments_take_effect_on_their_date_and_the_decision_at_term_is_recorded()
    {
        using var manager = await ContractParty.SignInAsync(system, DemoWorld.Acme, Roles.ContractManager, "Marc Dubois");
        using var provider = await ContractParty.SignInAsync(system, DemoWorld.Antares, Roles.AccountManager, "Antoine Garnier");
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var running = await BringToRunAsync(manager, provider, start: new DateOnly(today.Year, today.Month, 1).AddMonths(-6));
        var terms = JsonSerializer.Deserialize<ContractTerms>((await manager.GetAsync($"/{running}/versions/1")).GetProperty("terms"), ContractParty.Json)!;

        // An amendment taking effect today is in force at once.
        await manager.PostAsync($"/{running}/amendments", new { effectiveFrom = today.ToString("yyyy-MM-dd"), reason = "Correction" }, HttpStatusCode.Created);
        await manager.PutAsync($"/{running}/versions/2/terms", terms with { Prices = terms.Prices with { MonthlyFee = 12_800m } });
        await manager.PostAsync($"/{running}/versions/2/propose");
        await provider.PostAsync($"/{running}/versions/2/countersign");
        var detail = await manager.GetAsync($"/{running}");
        Assert.Equal(2, detail.GetProperty("currentVersion").GetInt32());
        Assert.Equal(12_800m, detail.GetProperty("monthlyFee").GetDecimal());

        // A withdrawn proposal changes nothing; one signed for later waits for its date.
        await provider.PostAsync($"/{running}/amendments", new { effectiveFrom = today.AddDays(10).ToString("yyyy-MM-dd"), reason = "Essai" }, HttpStatusCode.Created);
        await provider.PostAsync($"/{running}/versions/3/propose");
        await manager.PostAsync($"/{running}/versions/3/withdraw");
        Assert.Equal("withdrawn", (await manager.GetAsync($"/{running}/versions/3")).GetProperty("status").GetString());
        await manager.PostAsync($"/{running}/amendments", new { effectiveFrom = today.AddDays(-1).ToString("yyyy-MM-dd"), reason = "Trop tôt" }, HttpStatusCode.UnprocessableEntity);
        await provider.PostAsync($"/{running}/amendments", new { effectiveFrom = today.AddDays(10).ToString("yyyy-MM-dd"), reason = "Hausse du périmètre" }, HttpStatusCode.Created);
        await provider.PutAsync($"/{running}/versions/4/terms", terms with { Prices = terms.Prices with { MonthlyFee = 15_000m } });
        await provider.PostAsync($"/{running}/versions/4/propose");
        await manager.PostAsync($"/{running}/versions/4/countersign");
        detail = await manager.GetAsync($"/{running}");
        Assert.Equal(2, detail.GetProperty("currentVersion").GetInt32());
        Assert.Equal(12_800m, detail.GetProperty("monthlyFee").GetDecimal());
        Assert.Equal(today.AddDays(10), Assert.Single(await system.Events.WaitForAsync<ContractVersionActivated>(e => e.ContractId == running && e.VersionNumber == 4)).EffectiveFrom);

        // Renegotiation at term opens an amendment from the next period.
        var periodEnd = DateOnly.Parse(detail.GetProperty("renewal").GetProperty("periodEnd").GetString()!);
        var renegotiation = await manager.PostAsync($"/{running}/renewal-decisions", new { decision = "renegotiate" }, HttpStatusCode.Created);
        Assert.Equal("draft", renegotiation.GetProperty("status").GetString());
        Assert.Equal(periodEnd.AddDays(1), DateOnly.Parse(renegotiation.GetProperty("effectiveFrom").GetString()!));
        Assert.Equal("renegotiate", (await manager.GetAsync($"/{running}")).GetProperty("renewal").GetProperty("decision").GetProperty("decision").GetString());

        // Termination ends the contract with its period and starts the reversibility, back to the client.
        var ending = await BringToRunAsync(manager, provider, start: new DateOnly(today.Year, today.Month, 1).AddMonths(-6));
        var terminated = await manager.PostAsync($"/{ending}/renewal-decisions", new { decision = "terminate" });
        Assert.Equal("reversibility", terminated.GetProperty("phase").GetString());
        Assert.Equal("client", terminated.GetProperty("handover").GetString());
        Assert.False(terminated.TryGetProperty("renewal", out _), "a terminated contract has no next notice deadline");
        var terminatesOn = DateOnly.Parse(terminated.GetProperty("terminatesOn").GetString()!);
        Assert.True(terminatesOn > today);
        Assert.Equal(5, (await provider.GetAsync($"/{ending}/checklists/reversibility")).GetArrayLength());
        var decided = Assert.Single(await system.Events.WaitForAsync<RenewalDecided>(e => e.ContractId == ending));
        Assert.Equal("terminate", decided.Decision);
        Assert.Equal(terminatesOn, decided.PeriodEnd);
        await manager.PostAsync($"/{ending}/renewal-decisions", new { decision = "renew" }, HttpStatusCode.Conflict);
    }

    /// <summary>A signed contract between Acme and Antares taken over by both sides, in its run phase.</summary>
    internal static async Task<Guid> BringToRunAsync(ContractParty manager, ContractParty provider, DateOnly start)
    {
        var id = (await manager.PostAsync("/", new { reference = $"RUN-{Guid.NewGuid():N}"[..14], title = "En exploitation", providerOrganisationId = DemoWorld.Antares },
            HttpStatusCode.Created)).GetProperty("id").GetGuid();
        var terms = await manager.DraftTermsAsync(id);
        await manager.PutAsync($"/{id}/versions/1/terms", terms with
        {
            StartDate = start,
            Revision = terms.Revision! with { ReferenceMonth = $"{start.AddMonths(-2):yyyy-MM}", Anniversary = start },
        });
        await manager.PostAsync($"/{id}/sign");
        await manager.PostAsync($"/{id}/transitions", new { to = "takeover" });
        foreach (var item in (await manager.GetAsync($"/{id}/checklists/takeover")).EnumerateArray().Select(item => item.GetProperty("id").GetGuid()))
        {
            await manager.PostAsync($"/{id}/checklist-items/{item}/accept");
            await provider.PostAsync($"/{id}/checklist-items/{item}/accept");
        }

        await manager.PostAsync($"/{id}/phases/takeover/close");
        Assert.Equal("run", (await provider.PostAsync($"/{id}/phases/takeover/close")).GetProperty("phase").GetString());
        return id;
    }

    private static IEnumerable<string> Strings(JsonElement array) => array.EnumerateArray().Select(item => item.GetString()!);
}
