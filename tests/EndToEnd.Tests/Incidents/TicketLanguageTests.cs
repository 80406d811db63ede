using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Infogerance.DemoData;
using Infogerance.EndToEnd.Tests.Contracts;
using Infogerance.IntegrationEvents;
using Infogerance.ServiceDefaults;

namespace Infogerance.EndToEnd.Tests.Incidents;

/// <summary>The Incidents service answers in the caller's language (Accept-Language), with the same codes in every language.</summary>
[Collection(SystemCollection.Name)]
public sealed class TicketLanguageTests(InfogeranceSystem system)
{
    [Fact]
    public async Task Refusals_come_in_French_to_a_French_caller_with_the_codes_of_the_English_ones()
    {
        var contractId = await TicketContracts.SignAsync(system,
            terms => TicketContracts.AlwaysOpen(terms, new SlaDuration(30, "minutes"), new SlaDuration(4, "hours")));
        using var requester = await ContractParty.SignInAsync(system, DemoWorld.Acme, Roles.Requester, "Rachel Petit", "incidents");
        using var manager = await ContractParty.SignInAsync(system, DemoWorld.Acme, Roles.ContractManager, "Marc Dubois", "incidents");
        using var agent = await ContractParty.SignInAsync(system, DemoWorld.Antares, Roles.AgentL1, "Léa Fontaine", "incidents");

        // A 422: the field's text in each language, its code the same.
        var badPriority = new { contractId, kind = "incident", title = "Imprimante", impact = "low", urgency = "low", priority = "P9" };
        var english = await SendAsync(requester, HttpMethod.Post, "/tickets", badPriority, "en", HttpStatusCode.UnprocessableEntity);
        var french = await SendAsync(requester, HttpMethod.Post, "/tickets", badPriority, "fr-FR,fr;q=0.9", HttpStatusCode.UnprocessableEntity);
        Assert.Equal("The priority is P1, P2, P3 or P4.", FieldText(english, "priority"));
        Assert.Equal("La priorité est P1, P2, P3 ou P4.", FieldText(french, "priority"));
        Assert.Equal("ticket.priority.unknown", FieldCode(english, "priority"));
        Assert.Equal(FieldCode(english, "priority"), FieldCode(french, "priority"));
        Assert.Equal("La requête contient des champs invalides.", french.GetProperty("title").GetString());

        // A 409 on a closed ticket: the detail in each language, the code and its parameters the same.
        var ticket = (await requester.PostAsync("/tickets",
            new { contractId, kind = "incident", title = "Imprimante", impact = "low", urgency = "low" }, HttpStatusCode.Created)).GetProperty("id").GetGuid();
        await agent.PostAsync($"/tickets/{ticket}/status", new { status = "resolved", resolution = "Bourrage papier retiré." });
        await requester.PostAsync($"/tickets/{ticket}/status", new { status = "closed" });
        english = await SendAsync(requester, HttpMethod.Post, $"/tickets/{ticket}/status", new { status = "closed" }, "en", HttpStatusCode.Conflict);
        french = await SendAsync(requester, HttpMethod.Post, $"/tickets/{ticket}/status", new { status = "closed" }, "fr", HttpStatusCode.Conflict);
        Assert.Equal("The ticket is already closed.", english.GetProperty("detail").GetString());
        Assert.Equal("Le ticket est déjà fermé.", french.GetProperty("detail").GetString());
        Assert.Equal(("ticket.status.already", "closed"), (Code(english), english.GetProperty("parameters").GetProperty("status").GetString()));
        Assert.Equal((Code(english), "closed"), (Code(french), french.GetProperty("parameters").GetProperty("status").GetString()));

        english = await SendAsync(requester, HttpMethod.Post, $"/tickets/{ticket}/comments", new { body = "Merci" }, "en", HttpStatusCode.Conflict);
        french = await SendAsync(requester, HttpMethod.Post, $"/tickets/{ticket}/comments", new { body = "Merci" }, "fr", HttpStatusCode.Conflict);
        Assert.Equal("The ticket is closed: reopen it or open a new one.", english.GetProperty("detail").GetString());
        Assert.Equal("Le ticket est fermé : rouvrez-le ou ouvrez-en un nouveau.", french.GetProperty("detail").GetString());
        Assert.Equal(("ticket.status.closed", "ticket.status.closed"), (Code(english), Code(french)));

        // A query parameter: the month of an availability.
        english = await SendAsync(manager, HttpMethod.Get, $"/contracts/{contractId}/availability?month=2025-13", null, "en", HttpStatusCode.UnprocessableEntity);
        french = await SendAsync(manager, HttpMethod.Get, $"/contracts/{contractId}/availability?month=2025-13", null, "fr", HttpStatusCode.UnprocessableEntity);
        Assert.StartsWith("A month as yyyy-MM", FieldText(english, "month"), StringComparison.Ordinal);
        Assert.StartsWith("Un mois au format aaaa-MM", FieldText(french, "month"), StringComparison.Ordinal);
        Assert.Equal(("outage.month.format", "outage.month.format"), (FieldCode(english, "month"), FieldCode(french, "month")));

        // A filter of the ticket list: 422 for a value out of range, 400 for one that is not a number, each naming it as written.
        french = await SendAsync(requester, HttpMethod.Get, "/tickets?limit=500", null, "fr", HttpStatusCode.UnprocessableEntity);
        Assert.Equal(("De 1 à 100.", "page.limit"), (FieldText(french, "limit"), FieldCode(french, "limit")));
        french = await SendAsync(requester, HttpMethod.Get, "/tickets?limit=beaucoup", null, "fr", HttpStatusCode.BadRequest);
        Assert.True(french.GetProperty("errors").TryGetProperty("limit", out _), french.ToString());
    }

    private static async Task<JsonElement> SendAsync(
        ContractParty party, HttpMethod method, string path, object? body, string language, HttpStatusCode expected)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = JsonContent.Create(body, options: ContractParty.Json);
        }

        request.Headers.AcceptLanguage.ParseAdd(language);
        using var response = await party.Client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"{method} {path}: {(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    private static string? Code(JsonElement problem) => problem.GetProperty("code").GetString();

    private static string? FieldText(JsonElement problem, string field) => problem.GetProperty("errors").GetProperty(field)[0].GetString();

    private static string? FieldCode(JsonElement problem, string field) => problem.GetProperty("errorCodes").GetProperty(field)[0].GetProperty("code").GetString();
}
