using System.Net;
using System.Text;
using System.Text.Json;
using Infogerance.DemoData;
using Infogerance.EndToEnd.Tests.Contracts;
using Infogerance.IntegrationEvents;
using Infogerance.ServiceDefaults;

namespace Infogerance.EndToEnd.Tests.Incidents;

/// <summary>File imports and uploads answer their refusals in the caller's language, with the same keys and codes in each.</summary>
[Collection(SystemCollection.Name)]
public sealed class ImportAndUploadLanguageTests(InfogeranceSystem system)
{
    [Fact]
    public async Task A_refused_ticket_history_is_explained_in_French_under_the_same_keys_and_codes()
    {
        var contractId = await TicketContracts.SignAsync(system,
            terms => TicketContracts.AlwaysOpen(terms, new SlaDuration(30, "minutes"), new SlaDuration(4, "hours")));
        using var manager = await ContractParty.SignInAsync(system, DemoWorld.Acme, Roles.ContractManager, "Marc Dubois", "incidents");
        var file = Encoding.UTF8.GetBytes("""
            reference;at;status;kind;title;requester;priority
            A;2025-03-03 09:00;new;panne;Imprimante;Ann;P1
            A;2025-03-03 08:00;resolved;;;;
            """);

        var english = await UploadAsync(manager, $"/contracts/{contractId}/imports", "history.csv", file, "en", HttpStatusCode.UnprocessableEntity);
        var french = await UploadAsync(manager, $"/contracts/{contractId}/imports", "history.csv", file, "fr-FR,fr;q=0.9", HttpStatusCode.UnprocessableEntity);

        Assert.Equal(Keys(english), Keys(french));
        Assert.Equal(Codes(english, "line 2"), Codes(french, "line 2"));
        Assert.Equal(["ticketImport.kind.unknown"], Codes(french, "line 2"));
        Assert.Equal(["kind: \"panne\" is not known. The kind is incident or request."], Texts(english, "line 2"));
        Assert.Equal(["kind : « panne » n'est pas reconnu. Le type est « incident » ou « demande »."], Texts(french, "line 2"));
        Assert.Contains("resolution : Décrivez la résolution.", Texts(french, "line 3"));
        Assert.Equal(Codes(english, "line 3"), Codes(french, "line 3"));
    }

    [Fact]
    public async Task A_refused_inventory_is_explained_in_French_under_the_same_keys_and_codes()
    {
        using var manager = await ContractParty.SignInAsync(system, DemoWorld.Acme, Roles.ContractManager, "Marc Dubois");
        var id = (await manager.PostAsync("/", new { reference = $"LNG-{Guid.NewGuid():N}"[..14], title = "Langues", providerOrganisationId = DemoWorld.Antares },
            HttpStatusCode.Created)).GetProperty("id").GetGuid();
        var file = Encoding.UTF8.GetBytes("type;nom;quantité;criticité\nserveur;SRV-01;deux;haute\n");

        var english = await UploadAsync(manager, $"/{id}/inventory/import", "inventaire.csv", file, "en", HttpStatusCode.UnprocessableEntity);
        var french = await UploadAsync(manager, $"/{id}/inventory/import", "inventaire.csv", file, "fr", HttpStatusCode.UnprocessableEntity);

        Assert.Equal(["line 2"], Keys(french));
        Assert.Equal(["quantity: \"deux\" is not a whole number."], Texts(english, "line 2"));
        Assert.Equal(["quantity : « deux » n'est pas un nombre entier."], Texts(french, "line 2"));
        Assert.Equal(["inventory.quantity.notWholeNumber"], Codes(english, "line 2"));
        Assert.Equal(Codes(english, "line 2"), Codes(french, "line 2"));
    }

    [Fact]
    public async Task An_attachment_may_be_a_log_and_a_refusal_names_the_accepted_types_in_French()
    {
        var contractId = await TicketContracts.SignAsync(system,
            terms => TicketContracts.AlwaysOpen(terms, new SlaDuration(30, "minutes"), new SlaDuration(4, "hours")));
        using var requester = await ContractParty.SignInAsync(system, DemoWorld.Acme, Roles.Requester, "Rachel Petit", "incidents");
        var ticket = (await requester.PostAsync("/tickets",
            new { contractId, kind = "incident", title = "Pièce jointe", impact = "low", urgency = "medium" }, HttpStatusCode.Created))
            .GetProperty("id").GetGuid();
        byte[] exe = [(byte)'M', (byte)'Z', 0x90, 0, 3, 0, 0, 0, 4, 0];

        var english = await UploadAsync(requester, $"/tickets/{ticket}/attachments", "facture.pdf", exe, "en", HttpStatusCode.UnprocessableEntity);
        var french = await UploadAsync(requester, $"/tickets/{ticket}/attachments", "facture.pdf", exe, "fr", HttpStatusCode.UnprocessableEntity);
        var log = await UploadAsync(requester, $"/tickets/{ticket}/attachments", "agent.log",
            Encoding.UTF8.GetBytes("2026-12-06 10:00:01 ERREUR disque plein sur SRV-01\n"), "en", HttpStatusCode.Created);
        var binaryLog = await UploadAsync(requester, $"/tickets/{ticket}/attachments", "agent.log", exe, "en", HttpStatusCode.UnprocessableEntity);

        Assert.Equal(
            ["Types acceptés : PDF, PNG, JPEG, texte (.txt, .log), CSV, DOCX, XLSX ou ODT, jusqu'à 10 Mo, dont le contenu correspond à l'extension du fichier."],
            Texts(french, "file"));
        Assert.Equal(["upload.type.refused"], Codes(french, "file"));
        Assert.Equal(Codes(english, "file"), Codes(french, "file"));
        Assert.StartsWith("Accepted: PDF, PNG, JPEG, text (.txt, .log)", Texts(english, "file")[0], StringComparison.Ordinal);
        Assert.Equal(("agent.log", "text/plain"), (log.GetProperty("fileName").GetString(), log.GetProperty("contentType").GetString()));
        Assert.Equal(["upload.type.refused"], Codes(binaryLog, "file"));
    }

    private static async Task<JsonElement> UploadAsync(
        ContractParty party, string path, string fileName, byte[] content, string language, HttpStatusCode expected)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path)
        {
            Content = new MultipartFormDataContent { { new ByteArrayContent(content), "file", fileName } },
        };
        request.Headers.AcceptLanguage.ParseAdd(language);
        using var response = await party.Client.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"POST {path} ({fileName}) answered {(int)response.StatusCode}, expected {(int)expected}: {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    private static string[] Keys(JsonElement problem) => [.. problem.GetProperty("errors").EnumerateObject().Select(e => e.Name)];

    private static string[] Texts(JsonElement problem, string key) =>
        [.. problem.GetProperty("errors").GetProperty(key).EnumerateArray().Select(m => m.GetString()!)];

    private static string[] Codes(JsonElement problem, string key) =>
        [.. problem.GetProperty(Problems.ErrorCodesKey).GetProperty(key).EnumerateArray().Select(m => m.GetProperty("code").GetString()!)];
}
