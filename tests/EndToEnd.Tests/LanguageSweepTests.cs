extern alias identity;

using System.Net;
using System.Net.Http.Headers;
using System.Reflection;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Infogerance.DemoData;
using Infogerance.EndToEnd.Tests.Security;
using Infogerance.ServiceDefaults;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using TokenSubject = identity::Infogerance.Identity.Tokens.TokenSubject;

namespace Infogerance.EndToEnd.Tests;

/// <summary>
/// Every refusal a person can meet, asked in English and in French: the same status and codes both times, each
/// text in the language asked (a French answer whose text is the English one was left untranslated), and no
/// framework text (a .NET type, a JSON reader's position) in either.
/// </summary>
[Collection(SystemCollection.Name)]
public sealed class LanguageSweepTests(InfogeranceSystem system)
{
    /// <summary>Fragments of framework texts that must never reach a person.</summary>
    private static readonly string[] FrameworkFragments =
        ["System.", "JSON value", "LineNumber", "BytePosition", "Path: $", "Failed to ", "parameter \"", "Microsoft.", "Infogerance."];

    [Fact]
    public async Task Every_unreadable_value_of_every_endpoint_is_refused_in_the_callers_language()
    {
        var failures = new List<string>();
        var swept = 0;
        foreach (var (service, provider) in system.Services.Where(s => s.Key != "gateway"))
        {
            var policies = provider.GetRequiredService<IAuthorizationPolicyProvider>();
            foreach (var endpoint in provider.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
            {
                if (endpoint.Metadata.GetMetadata<IAcceptsMetadata>() is not { RequestType: { } requestType } accepts
                    || !accepts.ContentTypes.Contains("application/json"))
                {
                    continue;
                }

                var method = endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods.FirstOrDefault() ?? "POST";
                var role = (await Endpoints.AllowedRolesAsync(endpoint, policies)).First();
                var token = await TokenAsync(role);
                var path = PathOf(endpoint);
                var name = $"{service}: {method} {endpoint.RoutePattern.RawText}";

                // Unreadable JSON, then each field of the wrong type: refused while binding, before the handler runs.
                await CompareAsync(name + " with unreadable JSON", service, method, path, token, () => Json("{\"x"), failures, HttpStatusCode.BadRequest);
                foreach (var property in requestType.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite || IsInit(p)))
                {
                    var field = JsonNamingPolicy.CamelCase.ConvertName(property.Name);
                    var body = new JsonObject { [field] = WrongValueFor(property.PropertyType) }.ToJsonString();
                    await CompareAsync($"{name} with {field} of the wrong type", service, method, path, token, () => Json(body), failures, HttpStatusCode.BadRequest);
                }

                swept++;
            }
        }

        Assert.True(swept > 20, $"only {swept} endpoints with a JSON body found: is the sweep looking at the services?");
        Assert.True(failures.Count == 0, string.Join('\n', failures));
    }

    [Fact]
    public async Task Validation_and_conflict_messages_are_in_the_callers_language()
    {
        var failures = new List<string>();
        var manager = await TokenAsync(Roles.ContractManager);

        // A draft of our own, so that nothing of the demo changes.
        var reference = $"LANG-{Guid.NewGuid():N}"[..16];
        var created = await SendAsync("contracts", "POST", "/", manager, "en",
            Json(JsonSerializer.Serialize(new { reference, title = "Langues", providerOrganisationId = DemoWorld.Antares })));
        Assert.Equal(HttpStatusCode.Created, created.Status);
        var contractId = created.Body!["id"]!.GetValue<Guid>();

        await CompareAsync("a contract without its fields", "contracts", "POST", "/", manager, () => Json("{}"), failures, HttpStatusCode.UnprocessableEntity);
        await CompareAsync("a duplicate contract reference", "contracts", "POST", "/", manager,
            () => Json(JsonSerializer.Serialize(new { reference, title = "Langues", providerOrganisationId = DemoWorld.Antares })), failures, HttpStatusCode.Conflict);

        var terms = (await SendAsync("contracts", "GET", $"/{contractId}/versions/1", manager, "en")).Body!["terms"]!;
        var emptyStart = terms.DeepClone();
        emptyStart["startDate"] = "";
        await CompareAsync("terms with an empty start date", "contracts", "PUT", $"/{contractId}/versions/1/terms", manager,
            () => Json(emptyStart.ToJsonString()), failures, HttpStatusCode.BadRequest);
        var wrongTerms = terms.DeepClone();
        wrongTerms["noticeMonths"] = wrongTerms["initialTermMonths"]!.GetValue<int>() + 1;
        wrongTerms["prices"]!["monthlyFee"] = -1;
        await CompareAsync("terms with a notice longer than the term and a negative fee", "contracts", "PUT", $"/{contractId}/versions/1/terms", manager,
            () => Json(wrongTerms.ToJsonString()), failures, HttpStatusCode.UnprocessableEntity);

        var badInventory = "type;name;quantity;criticality;location\nserver;SRV-01;2;high;Lyon\nserveur;SRV-02;deux;critique;Lyon\nrouter;;1;low;\n";
        await CompareAsync("an inventory file with bad lines", "contracts", "POST", $"/{contractId}/inventory/import", manager,
            () => File("inventaire.csv", Encoding.UTF8.GetBytes(badInventory)), failures, HttpStatusCode.UnprocessableEntity);

        var admin = await TokenAsync(Roles.TenantAdmin);
        await CompareAsync("an invitation to an invalid e-mail address", "identity", "POST", "/users/invitations", admin,
            () => Json(JsonSerializer.Serialize(new { email = "not-an-address", displayName = "X", roles = new[] { Roles.Requester } })), failures, HttpStatusCode.UnprocessableEntity);

        await CompareAsync("a language we do not speak", "identity", "PUT", "/me/language", manager,
            () => Json(JsonSerializer.Serialize(new { language = "de" })), failures, HttpStatusCode.UnprocessableEntity);
        await CompareAsync("a service account's language", "identity", "PUT", "/me/language", await ServiceAccountTokenAsync(),
            () => Json(JsonSerializer.Serialize(new { language = "en" })), failures, HttpStatusCode.Conflict);

        await CompareAsync("a ticket with unknown impact and urgency", "incidents", "POST", "/tickets", manager,
            () => Json(JsonSerializer.Serialize(new { contractId = DemoWorld.AcmeContract, kind = "incident", title = "", impact = "enormous", urgency = "later" })),
            failures, HttpStatusCode.UnprocessableEntity);
        await CompareAsync("an SLA preview of a wrong calendar", "incidents", "POST", "/sla/preview", manager,
            () => Json("""{ "calendar": { "timeZone": "Mars/Olympus", "weekly": [ { "day": "someday", "open": "25:00", "close": "08:00" } ], "holidayPacks": ["XX"], "closedDays": [] }, "target": { "value": 0, "unit": "weeks" }, "startedAt": "2027-03-02T10:00:00+01:00" }"""),
            failures, HttpStatusCode.UnprocessableEntity);

        var ticket = await DemoTicketAsync(manager);
        await CompareAsync("an executable renamed .pdf", "incidents", "POST", $"/tickets/{ticket}/attachments", manager,
            () => File("facture.pdf", [0x4D, 0x5A, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00]), failures, HttpStatusCode.UnprocessableEntity);
        await CompareAsync("an executable file", "incidents", "POST", $"/tickets/{ticket}/attachments", manager,
            () => File("outil.exe", Encoding.UTF8.GetBytes("MZ")), failures, HttpStatusCode.UnprocessableEntity);

        Assert.True(failures.Count == 0, string.Join('\n', failures));
    }

    /// <summary>Sends the same request in English and French and checks both answers against each other.</summary>
    private async Task CompareAsync(
        string what, string service, string method, string path, string token, Func<HttpContent> content, List<string> failures, HttpStatusCode expected)
    {
        var english = await SendAsync(service, method, path, token, "en", content());
        var french = await SendAsync(service, method, path, token, "fr-FR,fr;q=0.9", content());
        if (english.Status != expected || french.Status != expected)
        {
            failures.Add($"{what}: answered {(int)english.Status} in English and {(int)french.Status} in French, expected {(int)expected}");
            return;
        }

        if (english.Body is null || french.Body is null)
        {
            failures.Add($"{what}: no problem body");
            return;
        }

        var englishCodes = Codes(english.Body);
        var frenchCodes = Codes(french.Body);
        if (englishCodes != frenchCodes)
        {
            failures.Add($"{what}: codes differ between languages ({englishCodes} / {frenchCodes})");
        }

        if (french.Body["code"] is null)
        {
            failures.Add($"{what}: a problem without a code");
        }

        var englishTexts = Texts(english.Body);
        var frenchTexts = Texts(french.Body);
        foreach (var (key, frenchText) in frenchTexts)
        {
            if (englishTexts.GetValueOrDefault(key) == frenchText && frenchText.Any(char.IsLetter))
            {
                failures.Add($"{what}: {key} is the same in French as in English: \"{frenchText}\"");
            }
        }

        foreach (var (key, text) in englishTexts.Concat(frenchTexts))
        {
            if (FrameworkFragments.FirstOrDefault(fragment => text.Contains(fragment, StringComparison.Ordinal)) is { } fragment)
            {
                failures.Add($"{what}: {key} shows a framework text ({fragment}): \"{text}\"");
            }
        }
    }

    private static string Codes(JsonNode body) =>
        $"{body["code"]} {body["errorCodes"]?.ToJsonString()}";

    /// <summary>Each text of a problem by where it is: title, detail, errors.field[i].</summary>
    private static Dictionary<string, string> Texts(JsonNode body)
    {
        var texts = new Dictionary<string, string>();
        foreach (var key in new[] { "title", "detail" })
        {
            if (body[key] is JsonValue value && value.TryGetValue<string>(out var text))
            {
                texts[key] = text;
            }
        }

        if (body["errors"] is JsonObject errors)
        {
            foreach (var (field, messages) in errors)
            {
                var i = 0;
                foreach (var message in messages?.AsArray() ?? [])
                {
                    texts[$"errors.{field}[{i++}]"] = message!.GetValue<string>();
                }
            }
        }

        return texts;
    }

    private async Task<(HttpStatusCode Status, JsonNode? Body)> SendAsync(
        string service, string method, string path, string token, string language, HttpContent? content = null)
    {
        using var client = system.DirectClients[service]();
        using var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = content };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        request.Headers.AcceptLanguage.ParseAdd(language);
        using var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 ? null : JsonNode.Parse(text));
    }

    private async Task<Guid> DemoTicketAsync(string token)
    {
        var opened = await Eventually.UntilAsync(
            () => SendAsync("incidents", "POST", "/tickets", token, "en",
                Json(JsonSerializer.Serialize(new { contractId = DemoWorld.AcmeContract, kind = "incident", title = "Langues", impact = "low", urgency = "low" }))),
            opened => opened.Status == HttpStatusCode.Created,
            opened => $"the demo contract never reached the Incidents service ({(int)opened.Status})");
        return opened.Body!["id"]!.GetValue<Guid>();
    }

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    private static MultipartFormDataContent File(string name, byte[] bytes) => new() { { new ByteArrayContent(bytes), "file", name } };

    /// <summary>A JSON value no field of <paramref name="type"/> accepts.</summary>
    private static JsonNode WrongValueFor(Type type) =>
        (Nullable.GetUnderlyingType(type) ?? type) == typeof(string) ? JsonValue.Create(12345) : JsonValue.Create("not a value")!;

    private static bool IsInit(PropertyInfo property) => property.SetMethod is not null;

    private async Task<string> TokenAsync(string role) =>
        (await system.IssueTokenAsync(new TokenSubject(
            Guid.NewGuid(), "Langues", null, Endpoints.HomeOf(role), Endpoints.KindOf(role), [role], null, IsServiceAccount: false))).Token;

    private async Task<string> ServiceAccountTokenAsync() =>
        (await system.IssueTokenAsync(new TokenSubject(
            Guid.NewGuid(), "Robot", null, DemoWorld.Acme, OrganisationKind.Client, [Roles.Requester], null, IsServiceAccount: true))).Token;

    /// <summary>A value of the right shape for each route parameter: the body is refused before any lookup.</summary>
    private static string PathOf(RouteEndpoint endpoint) =>
        Endpoints.Path(endpoint, parameter =>
            parameter.ParameterPolicies.Any(p => p.Content == "int") ? "1"
            : parameter.Name == "phase" ? "takeover"
            : parameter.Name == "token" ? "inv_x"
            : Guid.NewGuid().ToString());

}
