using System.Net.Http.Headers;

namespace Infogerance.Contracts;

/// <summary>
/// The register of provider organisations is Identity's: a contract names its provider from it, as the client's people
/// pick one there. Asked with the caller's own credentials, so that it answers with what they may name; while Identity
/// cannot answer, the call's failure is the service's 503 for a dependency out.
/// </summary>
public sealed class ProviderRegister(HttpClient http)
{
    public const string ClientName = "identity";

    public async Task<bool> ListsAsync(Guid provider, string authorization, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/organisations/providers");
        request.Headers.Authorization = AuthenticationHeaderValue.Parse(authorization);
        using var response = await http.SendAsync(request, cancellationToken);
        response.EnsureSuccessStatusCode();
        var providers = await response.Content.ReadFromJsonAsync<Provider[]>(cancellationToken) ?? [];
        return providers.Any(entry => entry.Id == provider);
    }

    private sealed record Provider(Guid Id);
}
