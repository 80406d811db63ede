extern alias identity;

using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Infogerance.DemoData;
using Infogerance.Documents;
using Infogerance.EndToEnd.Tests.Incidents;
using Infogerance.EndToEnd.Tests.Invoicing;
using Infogerance.IntegrationEvents;
using Infogerance.LocalServers;
using Infogerance.ServiceDefaults;
using TokenSubject = identity::Infogerance.Identity.Tokens.TokenSubject;

namespace Infogerance.EndToEnd.Tests.Contracts;

/// <summary>
/// The contract's dossier the user downloads through the gateway: the Contracts service's files, with Invoicing's and
/// Incidents' parts fetched by the gateway with the caller's credentials; who gets it, who does not, and never a
/// dossier missing a part.
/// </summary>
[Collection(SystemCollection.Name)]
public sealed class DossierTests(InfogeranceSystem system)
{
    [Fact]
    public async Task The_dossier_carries_the_invoices_with_their_originals_the_statements_and_the_tickets_for_those_who_oversee_the_contract()
    {
        // A contract running since the first of last month, with a budget, an invoice, its statements and a ticket.
        var first = new DateOnly(DateTime.UtcNow.Year, DateTime.UtcNow.Month, 1).AddMonths(-1);
        var last = first.AddMonths(1).AddDays(-1);
        var contractId = await TicketContracts.SignAsync(system, terms => terms with { StartDate = first, Prices = terms.Prices with { MonthlyFee = 10_000m }, Revision = null });
        await using (var unitOfWork = await system.ContractsPublisher.Database.BeginAsync(DemoWorld.Acme, CancellationToken.None))
        {
            await unitOfWork.AddEventAsync(new ContractPhaseChanged
            {
                TenantId = DemoWorld.Acme, ContractId = contractId, From = "upgrade", To = "run",
                OccurredAt = new DateTimeOffset(first.ToDateTime(new TimeOnly(9, 0)), TimeSpan.Zero),
            });
            await unitOfWork.CommitAsync();
        }

        using var account = await ContractParty.SignInAsync(system, DemoWorld.Antares, Roles.AccountManager, "Hugo Lemaire", "invoicing");
        using var manager = await ContractParty.SignInAsync(system, DemoWorld.Acme, Roles.ContractManager, "Marc Dubois", "invoicing");
        var lastMonth = first.ToString("yyyy-MM", CultureInfo.InvariantCulture);
        await UntilAsync(account, $"/contracts/{contractId}/statements", HttpStatusCode.OK, statements => statements.Contains(lastMonth, StringComparison.Ordinal));
        var year = DateTime.UtcNow.Year;
        await UntilAsync(manager, $"/contracts/{contractId}/budgets/{year}", HttpStatusCode.OK);
        await manager.PutAsync($"/contracts/{contractId}/budgets/{year}", new { annual = 150_000m });

        var number = $"FA-{Guid.NewGuid():N}"[..14];
        var invoiceFile = InvoiceFiles.FacturX(number, last, first, last, [new GeneratedLine("Redevance mensuelle forfaitaire", 1m, 10_000m)]);
        var invoiceId = (await account.UploadAsync($"/contracts/{contractId}/invoices", "facture.pdf", invoiceFile, HttpStatusCode.Created)).GetProperty("id").GetGuid();

        using var requester = await ContractParty.SignInAsync(system, DemoWorld.Acme, Roles.Requester, "Rachel Petit", "incidents");
        var ticket = await requester.PostAsync("/tickets", new { contractId, kind = "incident", title = "Messagerie indisponible", impact = "high", urgency = "high" },
            HttpStatusCode.Created);
        var ticketNumber = ticket.GetProperty("number").GetInt64();

        // The client's auditor gets every part in one archive whose one manifest proves it whole.
        using var response = await GetDossierAsync(DemoWorld.Acme, Roles.Auditor, contractId);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/zip", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("-dossier-", response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName, StringComparison.Ordinal);
        var (manifest, files) = DossierArchive.Read(await response.Content.ReadAsStreamAsync());
        Assert.Equal(contractId, manifest.ContractId);
        Assert.StartsWith("TKT-", manifest.Reference, StringComparison.Ordinal);
        Assert.Contains("contract.json", files.Keys);
        Assert.Contains("versions/v1.json", files.Keys);

        // Invoicing's part: the invoice as controlled, with the file it was received as, byte for byte.
        Assert.Equal(invoiceFile, files[$"invoicing/invoices/{invoiceId}/original/facture.pdf"]);
        var invoice = Json(files[$"invoicing/invoices/{invoiceId}/invoice.json"]);
        Assert.Equal((number, "controlled"), (invoice.GetProperty("number").GetString(), invoice.GetProperty("status").GetString()));
        Assert.Equal(["received", "controlled"], invoice.GetProperty("history").EnumerateArray().Select(entry => entry.GetProperty("status").GetString()));
        Assert.True(invoice.TryGetProperty("discrepancies", out _));
        Assert.Contains(number, Text(files["invoicing/invoices.csv"]), StringComparison.Ordinal);
        var statement = Json(files[$"invoicing/statements/{lastMonth}-draft.json"]);
        Assert.Equal((lastMonth, "draft"), (statement.GetProperty("month").GetString(), statement.GetProperty("status").GetString()));
        Assert.Contains("totalDue", Text(files[$"invoicing/statements/{lastMonth}-draft.csv"]), StringComparison.Ordinal);
        Assert.Equal(150_000m, Json(files[$"invoicing/budgets/{year}.json"]).GetProperty("budget").GetProperty("planned").GetDecimal());

        // Incidents' part: the ticket with its clocks and history, the list of tickets, the outages.
        var record = Json(files[$"incidents/tickets/{ticketNumber}/ticket.json"]);
        Assert.Equal("Messagerie indisponible", record.GetProperty("ticket").GetProperty("title").GetString());
        Assert.Equal(2, record.GetProperty("ticket").GetProperty("clocks").GetArrayLength());
        Assert.NotEqual(0, record.GetProperty("history").GetArrayLength());
        Assert.Contains("Messagerie indisponible", Text(files["incidents/tickets.csv"]), StringComparison.Ordinal);
        Assert.Contains("incidents/outages.json", files.Keys);

        // The provider's account manager gets it too, without the client's budgets.
        using (var provider = await GetDossierAsync(DemoWorld.Antares, Roles.AccountManager, contractId))
        {
            Assert.Equal(HttpStatusCode.OK, provider.StatusCode);
            var (_, providerFiles) = DossierArchive.Read(await provider.Content.ReadAsStreamAsync());
            Assert.Equal(invoiceFile, providerFiles[$"invoicing/invoices/{invoiceId}/original/facture.pdf"]);
            Assert.Contains($"incidents/tickets/{ticketNumber}/ticket.json", providerFiles.Keys);
            Assert.DoesNotContain(providerFiles.Keys, path => path.StartsWith("invoicing/budgets/", StringComparison.Ordinal));
        }

        // Another provider and another tenant do not see the contract; a requester may not export it.
        foreach (var (organisation, role, expected) in new[]
        {
            (DemoWorld.Nordlys, Roles.AccountManager, HttpStatusCode.NotFound),
            (DemoWorld.Belvedere, Roles.ContractManager, HttpStatusCode.NotFound),
            (DemoWorld.Acme, Roles.Requester, HttpStatusCode.Forbidden),
        })
        {
            using var refused = await GetDossierAsync(organisation, role, contractId);
            Assert.True(refused.StatusCode == expected, $"{role} of {organisation}: {(int)refused.StatusCode}, expected {(int)expected}");
            Assert.NotEqual("application/zip", refused.Content.Headers.ContentType?.MediaType);
        }
    }

    [Theory]
    [InlineData("invoicing")]
    [InlineData("incidents")]
    public async Task Each_part_is_for_those_who_oversee_the_contract_and_a_draft_has_an_empty_part(string service)
    {
        using var contracts = await ContractParty.SignInAsync(system, DemoWorld.Acme, Roles.ContractManager, "Marc Dubois");
        var contractId = (await contracts.PostAsync("/", new { reference = $"DRAFT-{Guid.NewGuid():N}"[..16], title = "Brouillon", providerOrganisationId = DemoWorld.Antares },
            HttpStatusCode.Created)).GetProperty("id").GetGuid();
        var path = $"/contracts/{contractId}/dossier";

        // Seen by the client's auditor and the provider's account manager as soon as the service knows the contract's parties.
        using var auditor = await ContractParty.SignInAsync(system, DemoWorld.Acme, Roles.Auditor, "Aurélien Roux", service);
        await UntilAsync(auditor, path, HttpStatusCode.OK);
        using var account = await ContractParty.SignInAsync(system, DemoWorld.Antares, Roles.AccountManager, "Hugo Lemaire", service);
        using var part = await account.Client.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, part.StatusCode);
        var (manifest, files) = DossierArchive.Read(await part.Content.ReadAsStreamAsync());
        Assert.Equal(contractId, manifest.ContractId);
        string[] empty = service == "invoicing" ? ["invoices.csv"] : ["outages.json", "tickets.csv"];
        Assert.Equal(empty, files.Keys.Order(StringComparer.Ordinal));

        using var requester = await ContractParty.SignInAsync(system, DemoWorld.Acme, Roles.Requester, "Rachel Petit", service);
        await requester.GetAsync(path, HttpStatusCode.Forbidden);
        using var otherTenant = await ContractParty.SignInAsync(system, DemoWorld.Belvedere, Roles.ContractManager, "Bea Belvedere", service);
        await otherTenant.GetAsync(path, HttpStatusCode.NotFound);
        using var otherProvider = await ContractParty.SignInAsync(system, DemoWorld.Nordlys, Roles.AccountManager, "Ingrid Solberg", service);
        await otherProvider.GetAsync(path, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_part_that_cannot_be_had_fails_the_download_rather_than_leave_it_out()
    {
        using var contracts = await ContractParty.SignInAsync(system, DemoWorld.Acme, Roles.ContractManager, "Marc Dubois");
        var contractId = (await contracts.PostAsync("/", new { reference = $"GONE-{Guid.NewGuid():N}"[..16], title = "Sans facturation", providerOrganisationId = DemoWorld.Antares },
            HttpStatusCode.Created)).GetProperty("id").GetGuid();
        var url = $"http://127.0.0.1:{Ports.GetFreePort()}";
        await using var gateway = system.CreateGateway(url, new Dictionary<string, string> { ["services:invoicing:http:0"] = $"http://127.0.0.1:{Ports.GetFreePort()}" });
        gateway.StartServer();

        using var response = await GetDossierAsync(DemoWorld.Acme, Roles.ContractManager, contractId, url, "fr-FR");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("dossier.part.unavailable", problem.GetProperty("code").GetString());
        Assert.Contains("invoicing", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal("Dossier incomplet", problem.GetProperty("title").GetString());
    }

    /// <summary>GET of the contract's dossier through a gateway, as a user of <paramref name="organisation"/> with <paramref name="role"/>.</summary>
    private async Task<HttpResponseMessage> GetDossierAsync(Guid organisation, string role, Guid contractId, string? gateway = null, string? language = null)
    {
        var kind = Enum.GetValues<OrganisationKind>().First(kind => Roles.Of(kind).Contains(role));
        var token = await system.IssueTokenAsync(new TokenSubject(Guid.NewGuid(), "Dossier", null, organisation, kind, [role], null, IsServiceAccount: false));
        using var client = new HttpClient { BaseAddress = new Uri(gateway ?? system.GatewayUrl) };
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/contracts/{contractId}/dossier");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token.Token);
        if (language is not null)
        {
            request.Headers.AcceptLanguage.ParseAdd(language);
        }

        var response = await client.SendAsync(request);
        await response.Content.LoadIntoBufferAsync();
        return response;
    }

    /// <summary>Asks until the answer is <paramref name="expected"/> (and its body satisfies <paramref name="done"/>): events take a moment to arrive.</summary>
    private static Task UntilAsync(ContractParty party, string path, HttpStatusCode expected, Func<string, bool>? done = null) =>
        Eventually.UntilAsync(
            () => Eventually.GetAsync(party.Client, path),
            answer => answer.Status == expected && (done is null || done(answer.Body)),
            answer => $"GET {path} still answers {(int)answer.Status}: {answer.Body}");

    private static JsonElement Json(byte[] content) => JsonDocument.Parse(content).RootElement.Clone();

    private static string Text(byte[] content) => Encoding.UTF8.GetString(content);
}
