using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Infogerance.Validation;

namespace Infogerance.Gateway.Bff;

public sealed record IssuedToken(string AccessToken, DateTimeOffset ExpiresAt);

/// <summary>A user, session or service account whose tokens stop counting from <see cref="RevokedAt"/>.</summary>
public sealed record RevokedSubject(Guid Subject, DateTimeOffset RevokedAt);

/// <summary>Identity's answer: the revocations since the instant asked, and the instant it read them at.</summary>
public sealed record RevocationsAnswer(IReadOnlyList<RevokedSubject> Items, DateTimeOffset AsOf);

/// <summary>The Identity service's internal sign-in routes, which only the gateway calls.</summary>
public sealed class IdentityClient(HttpClient http)
{
    public const string BaseAddress = "http://identity";

    private sealed record SessionResponse(string Session, string AccessToken, DateTimeOffset ExpiresAt);

    /// <summary>The new session and its first token, or Identity's refusal passed on as it is.</summary>
    /// <param name="address">The caller's network address: wrong passwords pause it, not the account.</param>
    public async Task<(string? Session, IssuedToken? Token, HttpResponseMessage Response)> LogInAsync(
        string? email, string? password, string? address, CancellationToken cancellationToken)
    {
        using var request = InCallersLanguage(new HttpRequestMessage(HttpMethod.Post, "/internal/sessions") { Content = JsonContent.Create(new { email, password, address }) });
        var response = await http.SendAsync(request, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            return (null, null, response);
        }

        var session = (await response.Content.ReadFromJsonAsync<SessionResponse>(JsonSerializerOptions.Web, cancellationToken))!;
        return (session.Session, new IssuedToken(session.AccessToken, session.ExpiresAt), response);
    }

    public Task<IssuedToken?> RefreshAsync(string session, CancellationToken cancellationToken) =>
        TokenAsync("/internal/sessions/token", new { session }, cancellationToken);

    public Task<IssuedToken?> ExchangeApiKeyAsync(string apiKey, CancellationToken cancellationToken) =>
        TokenAsync("/internal/api-keys/token", new { apiKey }, cancellationToken);

    /// <summary>Whose access Identity took away since <paramref name="since"/>.</summary>
    public async Task<RevocationsAnswer> RevocationsAsync(DateTimeOffset since, CancellationToken cancellationToken) =>
        (await http.GetFromJsonAsync<RevocationsAnswer>(
            $"/internal/revocations?since={Uri.EscapeDataString(since.ToString("O", System.Globalization.CultureInfo.InvariantCulture))}",
            JsonSerializerOptions.Web, cancellationToken))!;

    /// <summary>Uses an e-mailed unlock link for the device at <paramref name="address"/>: false when Identity knows no such usable link.</summary>
    public async Task<bool> UnlockAsync(string link, string? address, CancellationToken cancellationToken)
    {
        using var response = await http.PostAsJsonAsync("/internal/sessions/unlock", new { link, address }, cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return false;
        }

        response.EnsureSuccessStatusCode();
        return true;
    }

    public async Task EndSessionAsync(string session, CancellationToken cancellationToken) =>
        (await http.PostAsJsonAsync("/internal/sessions/end", new { session }, cancellationToken)).EnsureSuccessStatusCode();

    /// <summary>Identity's <c>/me</c> for the holder of <paramref name="accessToken"/>.</summary>
    public async Task<HttpResponseMessage> GetUserAsync(string accessToken, CancellationToken cancellationToken)
    {
        using var request = InCallersLanguage(new HttpRequestMessage(HttpMethod.Get, "/me"));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        return await http.SendAsync(request, cancellationToken);
    }

    /// <summary>Identity's answers are passed on as they are: they must be written in the caller's language.</summary>
    private static HttpRequestMessage InCallersLanguage(HttpRequestMessage request)
    {
        request.Headers.AcceptLanguage.Add(new StringWithQualityHeaderValue(
            Languages.IsFrench(CultureInfo.CurrentUICulture) ? Languages.French : Languages.English));
        return request;
    }

    private async Task<IssuedToken?> TokenAsync(string path, object body, CancellationToken cancellationToken)
    {
        using var response = await http.PostAsJsonAsync(path, body, cancellationToken);
        if (response.StatusCode == HttpStatusCode.Unauthorized)
        {
            return null;
        }

        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<IssuedToken>(JsonSerializerOptions.Web, cancellationToken);
    }
}
