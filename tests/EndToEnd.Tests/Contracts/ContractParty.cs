extern alias identity;

using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Infogerance.IntegrationEvents;
using Infogerance.ServiceDefaults;
using TokenSubject = identity::Infogerance.Identity.Tokens.TokenSubject;

namespace Infogerance.EndToEnd.Tests.Contracts;

/// <summary>Someone calling the Contracts service directly with a fresh access token of their organisation and role.</summary>
public sealed class ContractParty(HttpClient client, TokenSubject subject) : IDisposable
{
    /// <summary>The signed-in user's id.</summary>
    public Guid UserId => subject.Id;

    public static readonly JsonSerializerOptions Json = CreateJson();

    public HttpClient Client => client;

    /// <summary>Signs in a new user of <paramref name="organisation"/> calling <paramref name="service"/> directly.</summary>
    public static async Task<ContractParty> SignInAsync(
        InfogeranceSystem system, Guid organisation, string role, string name, string service = "contracts", Guid? userId = null)
    {
        var kind = Enum.GetValues<OrganisationKind>().First(kind => Roles.Of(kind).Contains(role));
        var subject = new TokenSubject(userId ?? Guid.NewGuid(), name, null, organisation, kind, [role], null, IsServiceAccount: false);
        var token = await system.IssueTokenAsync(subject, TimeSpan.FromMinutes(10));
        var client = system.DirectClients[service]();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.Token);
        return new ContractParty(client, subject);
    }

    /// <summary>Reads <paramref name="path"/> until it answers 200 with a body <paramref name="done"/> accepts: until the events have reached the service.</summary>
    public async Task<JsonElement> UntilAsync(string path, Func<JsonElement, bool> done)
    {
        var (_, body) = await Eventually.UntilAsync(
            () => Eventually.GetAsync(client, path),
            answer => answer.Status == HttpStatusCode.OK && done(JsonDocument.Parse(answer.Body).RootElement),
            answer => $"GET {path}: {(int)answer.Status} {answer.Body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    /// <summary>
    /// A draft version's terms as the API gives them, with the monthly fee a contract manager enters: a new draft has
    /// none, and cannot be signed without one.
    /// </summary>
    public async Task<ContractTerms> DraftTermsAsync(Guid contractId, decimal monthlyFee = 12_500m)
    {
        var terms = JsonSerializer.Deserialize<ContractTerms>((await GetAsync($"/{contractId}/versions/1")).GetProperty("terms"), Json)!;
        return terms with { Prices = terms.Prices with { MonthlyFee = monthlyFee } };
    }

    public async Task<JsonElement> GetAsync(string path, HttpStatusCode expected = HttpStatusCode.OK)
    {
        using var response = await client.GetAsync(path);
        return await ReadAsync(response, expected, $"GET {path}");
    }

    public async Task<JsonElement> PostAsync(string path, object? body = null, HttpStatusCode expected = HttpStatusCode.OK)
    {
        using var response = await client.PostAsJsonAsync(path, body ?? new { }, Json);
        return await ReadAsync(response, expected, $"POST {path}");
    }

    public async Task<JsonElement> PutAsync(string path, object body, HttpStatusCode expected = HttpStatusCode.OK)
    {
        using var response = await client.PutAsJsonAsync(path, body, Json);
        return await ReadAsync(response, expected, $"PUT {path}");
    }

    public async Task<JsonElement> UploadAsync(string path, string fileName, byte[] content, HttpStatusCode expected = HttpStatusCode.OK)
    {
        using var form = new MultipartFormDataContent { { new ByteArrayContent(content), "file", fileName } };
        using var response = await client.PostAsync(path, form);
        return await ReadAsync(response, expected, $"POST {path} ({fileName})");
    }

    public void Dispose() => client.Dispose();

    private static async Task<JsonElement> ReadAsync(HttpResponseMessage response, HttpStatusCode expected, string what)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"{what} answered {(int)response.StatusCode}, expected {(int)expected}: {body}");
        return body.Length == 0 ? default : JsonDocument.Parse(body).RootElement.Clone();
    }

    private static JsonSerializerOptions CreateJson()
    {
        var options = new JsonSerializerOptions();
        Infogerance.ServiceDefaults.Extensions.ConfigureJson(options);
        return options;
    }
}
