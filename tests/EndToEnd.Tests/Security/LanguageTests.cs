using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Infogerance.DemoData;
using Infogerance.ServiceDefaults;

namespace Infogerance.EndToEnd.Tests.Security;

/// <summary>
/// Identity's and the gateway's refusals answer in the caller's language (Accept-Language) and carry the same
/// code whatever the language, so that a program acts on the code and a person reads the text.
/// </summary>
[Collection(SystemCollection.Name)]
public sealed class LanguageTests(InfogeranceSystem system)
{
    [Fact]
    public async Task A_weak_password_is_refused_in_french_with_the_codes_of_the_english_answer()
    {
        using var admin = await LoggedInAsync("admin@belvedere-sante.example");
        var invited = await admin.PostAsJsonAsync("/api/identity/users/invitations",
            new { email = $"langue-{Guid.NewGuid():N}@example.org", displayName = "Invitée", roles = new[] { Roles.Requester } });
        Assert.Equal(HttpStatusCode.Created, invited.StatusCode);
        var link = (await invited.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("invitationUrl").GetString()!;
        var path = $"/api/identity/invitations/{link[(link.LastIndexOf('/') + 1)..]}/accept";

        using var anonymous = system.CreateBrowserLikeClient(out _);
        var french = await SendAsync(anonymous, HttpMethod.Post, path, "fr-FR,fr;q=0.9", new { password = "court" });
        var english = await SendAsync(anonymous, HttpMethod.Post, path, "en", new { password = "court" });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, french.Status);
        Assert.Equal("La requête contient des champs invalides.", french.Body.GetProperty("title").GetString());
        Assert.Equal(["Au moins 12 caractères sont requis.", "Utilisez au moins une lettre et un chiffre."], Texts(french.Body, "password"));
        Assert.Equal(["At least 12 characters are required.", "Use at least one letter and one digit."], Texts(english.Body, "password"));
        Assert.Equal(["password.tooShort", "password.letterAndDigit"], Codes(french.Body, "password"));
        Assert.Equal(Codes(english.Body, "password"), Codes(french.Body, "password"));
        Assert.Equal(12, french.Body.GetProperty("errorCodes").GetProperty("password")[0].GetProperty("parameters").GetProperty("min").GetInt32());
    }

    [Fact]
    public async Task A_conflict_says_why_in_the_callers_language()
    {
        using var admin = await LoggedInAsync("admin@acme.example");
        var me = (await admin.GetFromJsonAsync<JsonElement>("/bff/user")).GetProperty("id").GetGuid();

        var french = await SendAsync(admin, HttpMethod.Post, $"/api/identity/users/{me}/deactivate", "fr");
        var english = await SendAsync(admin, HttpMethod.Post, $"/api/identity/users/{me}/deactivate", "en-GB");

        Assert.Equal(HttpStatusCode.Conflict, french.Status);
        Assert.Equal("Vous ne pouvez pas vous désactiver vous-même.", french.Body.GetProperty("detail").GetString());
        Assert.Equal("You cannot deactivate yourself.", english.Body.GetProperty("detail").GetString());
        Assert.Equal("user.deactivate.self", french.Body.GetProperty("code").GetString());
        Assert.Equal("user.deactivate.self", english.Body.GetProperty("code").GetString());
    }

    [Fact]
    public async Task The_gateways_own_refusals_and_identitys_passed_on_answer_in_french()
    {
        using var browser = system.CreateBrowserLikeClient(out _);
        var refused = await SendAsync(browser, HttpMethod.Post, "/bff/login", "fr", new { email = "admin@acme.example", password = "Pas-le-bon-1" });
        Assert.Equal(HttpStatusCode.Unauthorized, refused.Status);
        Assert.Equal("Connexion refusée", refused.Body.GetProperty("title").GetString());
        Assert.Equal("L'adresse e-mail ou le mot de passe est incorrect.", refused.Body.GetProperty("detail").GetString());
        Assert.Equal("signIn.refused", refused.Body.GetProperty("code").GetString());

        // Identity's own answer, passed on by the gateway, is asked for in the caller's language.
        var missing = await SendAsync(browser, HttpMethod.Post, "/bff/login", "fr", new { email = "", password = "x" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, missing.Status);
        Assert.Equal(["Requis."], Texts(missing.Body, "email"));
        Assert.Equal(["required"], Codes(missing.Body, "email"));

        using var noHeader = new HttpClient { BaseAddress = new Uri(system.GatewayUrl) };
        var forged = await SendAsync(noHeader, HttpMethod.Post, "/bff/logout", "fr");
        var forgedInEnglish = await SendAsync(noHeader, HttpMethod.Post, "/bff/logout", "en");
        Assert.Equal(HttpStatusCode.BadRequest, forged.Status);
        Assert.Equal("En-tête anti-falsification manquant", forged.Body.GetProperty("title").GetString());
        Assert.Equal("Missing anti-forgery header", forgedInEnglish.Body.GetProperty("title").GetString());
        Assert.Equal("State-changing requests must send the header X-CSRF: 1.", forgedInEnglish.Body.GetProperty("detail").GetString());
        Assert.Equal(["Requis, avec la valeur 1."], Texts(forged.Body, "X-CSRF"));
        Assert.Equal("antiforgery.missing", forged.Body.GetProperty("code").GetString());
        Assert.Equal(["antiforgery.header.required"], Codes(forged.Body, "X-CSRF"));
    }

    private static async Task<(HttpStatusCode Status, JsonElement Body)> SendAsync(
        HttpClient client, HttpMethod method, string path, string language, object? body = null)
    {
        using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
        request.Headers.AcceptLanguage.ParseAdd(language);
        using var response = await client.SendAsync(request);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return (response.StatusCode, await response.Content.ReadFromJsonAsync<JsonElement>());
    }

    private static string[] Texts(JsonElement problem, string field) =>
        [.. problem.GetProperty("errors").GetProperty(field).EnumerateArray().Select(text => text.GetString()!)];

    private static string[] Codes(JsonElement problem, string field) =>
        [.. problem.GetProperty("errorCodes").GetProperty(field).EnumerateArray().Select(code => code.GetProperty("code").GetString()!)];

    private async Task<HttpClient> LoggedInAsync(string email)
    {
        var client = system.CreateBrowserLikeClient(out _);
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync("/bff/login", new { email, password = DemoWorld.Password })).StatusCode);
        return client;
    }
}
