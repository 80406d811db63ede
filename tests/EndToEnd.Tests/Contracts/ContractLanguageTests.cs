using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Infogerance.DemoData;
using Infogerance.ServiceDefaults;

namespace Infogerance.EndToEnd.Tests.Contracts;

/// <summary>The Contracts service answers in the caller's language, with the same codes whatever the language.</summary>
[Collection(SystemCollection.Name)]
public sealed class ContractLanguageTests(InfogeranceSystem system)
{
    [Fact]
    public async Task A_notice_as_long_as_the_term_is_refused_in_French_with_the_code_of_the_English_answer()
    {
        using var manager = await ContractParty.SignInAsync(system, DemoWorld.Acme, Roles.ContractManager, "Marc Dubois");
        var id = await DraftAsync(manager);
        var terms = (await manager.GetAsync($"/{id}/versions/1")).GetProperty("terms");
        var bad = Changed(terms, json => json["noticeMonths"] = json["initialTermMonths"]!.GetValue<int>());

        var english = await SendAsync(manager, HttpMethod.Put, $"/{id}/versions/1/terms", bad, "en", HttpStatusCode.UnprocessableEntity);
        var french = await SendAsync(manager, HttpMethod.Put, $"/{id}/versions/1/terms", bad, "fr-FR,fr;q=0.9,en;q=0.5", HttpStatusCode.UnprocessableEntity);

        Assert.Equal("The notice period must be shorter than the initial term.", Text(english, "noticeMonths"));
        Assert.Equal("Le préavis doit être plus court que la durée initiale.", Text(french, "noticeMonths"));
        Assert.Equal("terms.notice.notShorterThanTerm", Code(english, "noticeMonths"));
        Assert.Equal(Code(english, "noticeMonths"), Code(french, "noticeMonths"));
        Assert.Equal("La requête contient des champs invalides.", french.GetProperty("title").GetString());
        Assert.Equal("invalid", french.GetProperty("code").GetString());
    }

    [Fact]
    public async Task A_taken_reference_is_refused_in_French_naming_it_with_the_code_of_the_English_answer()
    {
        using var manager = await ContractParty.SignInAsync(system, DemoWorld.Acme, Roles.ContractManager, "Marc Dubois");
        var reference = $"LANG-{Guid.NewGuid():N}"[..16];
        var contract = new { reference, title = "Infogérance du SI", providerOrganisationId = DemoWorld.Antares };
        await manager.PostAsync("/", contract, HttpStatusCode.Created);

        var english = await SendAsync(manager, HttpMethod.Post, "/", contract, "en", HttpStatusCode.Conflict);
        var french = await SendAsync(manager, HttpMethod.Post, "/", contract, "fr", HttpStatusCode.Conflict);

        Assert.Equal($"A contract with the reference \"{reference}\" already exists.", english.GetProperty("detail").GetString());
        Assert.Equal($"Un contrat de référence « {reference} » existe déjà.", french.GetProperty("detail").GetString());
        Assert.Equal("contract.reference.taken", english.GetProperty("code").GetString());
        Assert.Equal("contract.reference.taken", french.GetProperty("code").GetString());
        Assert.Equal(reference, french.GetProperty("parameters").GetProperty("reference").GetString());
        Assert.Equal("La demande est incompatible avec l'état actuel.", french.GetProperty("title").GetString());
    }

    [Fact]
    public async Task Field_errors_of_a_new_contract_and_a_refused_transition_are_in_French()
    {
        using var manager = await ContractParty.SignInAsync(system, DemoWorld.Acme, Roles.ContractManager, "Marc Dubois");
        var invalid = await SendAsync(
            manager, HttpMethod.Post, "/", new { reference = "", title = new string('t', 201), providerOrganisationId = DemoWorld.Acme }, "fr",
            HttpStatusCode.UnprocessableEntity);
        Assert.Equal("Une référence de 1 à 50 caractères est requise.", Text(invalid, "reference"));
        Assert.Equal("Un intitulé de 1 à 200 caractères est requis.", Text(invalid, "title"));
        Assert.Equal("Choisissez l’organisation du prestataire.", Text(invalid, "providerOrganisationId"));
        Assert.Equal("contract.reference.length", Code(invalid, "reference"));
        Assert.Equal("title.length", Code(invalid, "title"));
        Assert.Equal("contract.provider.required", Code(invalid, "providerOrganisationId"));
        Assert.Equal(200, invalid.GetProperty("errorCodes").GetProperty("title")[0].GetProperty("parameters").GetProperty("max").GetInt32());

        var id = await DraftAsync(manager);
        var refused = await SendAsync(manager, HttpMethod.Post, $"/{id}/transitions", new { to = "signed" }, "fr", HttpStatusCode.Conflict);
        Assert.Equal("Un brouillon devient signé en le signant.", refused.GetProperty("detail").GetString());
        Assert.Equal("contract.transition.signByTransition", refused.GetProperty("code").GetString());
    }

    [Fact]
    public async Task An_empty_start_date_in_the_terms_answers_a_400_saying_what_is_expected_in_French()
    {
        using var manager = await ContractParty.SignInAsync(system, DemoWorld.Acme, Roles.ContractManager, "Marc Dubois");
        var id = await DraftAsync(manager);
        var terms = (await manager.GetAsync($"/{id}/versions/1")).GetProperty("terms");
        var empty = Changed(terms, json => json["startDate"] = "");

        var english = await SendAsync(manager, HttpMethod.Put, $"/{id}/versions/1/terms", empty, "en", HttpStatusCode.BadRequest);
        var french = await SendAsync(manager, HttpMethod.Put, $"/{id}/versions/1/terms", empty, "fr", HttpStatusCode.BadRequest);

        Assert.Equal("Expected a date written yyyy-MM-dd.", Text(english, "startDate"));
        Assert.Equal("Valeur attendue : une date écrite aaaa-mm-jj.", Text(french, "startDate"));
        Assert.Equal(Code(english, "startDate"), Code(french, "startDate"));
        Assert.Equal("La requête est mal formée.", french.GetProperty("title").GetString());
    }

    private static async Task<Guid> DraftAsync(ContractParty manager)
    {
        var reference = $"LANG-{Guid.NewGuid():N}"[..16];
        var draft = await manager.PostAsync("/", new { reference, title = "Infogérance du SI", providerOrganisationId = DemoWorld.Antares }, HttpStatusCode.Created);
        return draft.GetProperty("id").GetGuid();
    }

    private static JsonNode Changed(JsonElement terms, Action<JsonObject> change)
    {
        var json = JsonNode.Parse(terms.GetRawText())!.AsObject();
        change(json);
        return json;
    }

    private static string? Text(JsonElement problem, string field) => problem.GetProperty("errors").GetProperty(field)[0].GetString();

    private static string? Code(JsonElement problem, string field) =>
        problem.GetProperty("errorCodes").GetProperty(field)[0].GetProperty("code").GetString();

    private static async Task<JsonElement> SendAsync(
        ContractParty party, HttpMethod method, string path, object body, string language, HttpStatusCode expected)
    {
        using var request = new HttpRequestMessage(method, path) { Content = JsonContent.Create(body, options: ContractParty.Json) };
        request.Headers.AcceptLanguage.ParseAdd(language);
        using var response = await party.Client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"{method} {path} in {language} answered {(int)response.StatusCode}, expected {(int)expected}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }
}
