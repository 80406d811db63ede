using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Infogerance.Data;
using Infogerance.DemoData;
using Microsoft.Extensions.DependencyInjection;

namespace Infogerance.EndToEnd.Tests.Notifications;

/// <summary>
/// A real person of a demo organisation, for the tests that need their notifications: invited by the organisation's
/// administrator, signed up and signed in through the gateway, known to the Notifications service from Identity's event.
/// </summary>
public sealed class Person(HttpClient client, Guid id, Guid organisationId, string name, string email) : IDisposable
{
    private const string Password = "Notified-Person-2026";

    public HttpClient Client => client;
    public Guid Id => id;
    public Guid OrganisationId => organisationId;
    public string Name => name;
    public string Email => email;

    /// <summary>
    /// A new person with <paramref name="role"/> in the organisation whose administrator signs in as
    /// <paramref name="administrator"/>, once the Notifications service knows their account is active.
    /// </summary>
    public static async Task<Person> JoinAsync(InfogeranceSystem system, string administrator, string role, string name)
    {
        using var admin = system.CreateBrowserLikeClient(out _);
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsJsonAsync("/bff/login", new { email = administrator, password = DemoWorld.Password })).StatusCode);
        var email = $"notified-{Guid.NewGuid():N}@example.org";
        var invited = await admin.PostAsJsonAsync("/api/identity/users/invitations", new { email, displayName = name, roles = new[] { role } });
        Assert.Equal(HttpStatusCode.Created, invited.StatusCode);
        var invitation = await invited.Content.ReadFromJsonAsync<JsonElement>();
        var id = invitation.GetProperty("user").GetProperty("id").GetGuid();
        var link = invitation.GetProperty("invitationUrl").GetString()!;
        var organisation = DemoWorld.LoginOf(administrator).OrganisationId;

        var client = system.CreateBrowserLikeClient(out _);
        Assert.Equal(HttpStatusCode.NoContent,
            (await client.PostAsJsonAsync($"/api/identity/invitations/{link[(link.LastIndexOf('/') + 1)..]}/accept", new { password = Password })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync("/bff/login", new { email, password = Password })).StatusCode);
        await UntilKnownAsync(system, organisation, id, "active");
        return new Person(client, id, organisation, name, email);
    }

    /// <summary>A person of the demo world, signed in through the gateway with the demo password.</summary>
    public static async Task<Person> DemoAsync(InfogeranceSystem system, string email)
    {
        var login = DemoWorld.LoginOf(email);
        var client = system.CreateBrowserLikeClient(out _);
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync("/bff/login", new { email, password = DemoWorld.Password })).StatusCode);
        return new Person(client, login.UserId, login.OrganisationId, login.DisplayName, email);
    }

    /// <summary>The caller's notifications about <paramref name="contractId"/>, newest first (the first page of 200).</summary>
    public async Task<IReadOnlyList<JsonElement>> NotificationsAsync(Guid contractId, string? query = null)
    {
        var page = await client.GetFromJsonAsync<JsonElement>($"/api/notifications/?limit=200{query}");
        return [.. page.GetProperty("items").EnumerateArray().Where(n => n.GetProperty("contractId").GetGuid() == contractId)];
    }

    /// <summary>Waits until a notification of <paramref name="kind"/> about <paramref name="contractId"/> matching <paramref name="match"/> arrived.</summary>
    public async Task<JsonElement> WaitForAsync(Guid contractId, string kind, Func<JsonElement, bool>? match = null, TimeSpan? timeout = null)
    {
        var found = await Eventually.UntilAsync(
            async () => (await NotificationsAsync(contractId)).Where(n => n.GetProperty("kind").GetString() == kind && (match?.Invoke(n) ?? true)).ToList(),
            found => found.Count > 0,
            _ => $"{name} received no {kind} notification about contract {contractId}",
            timeout);
        return found[0];
    }

    public async Task<int> UnreadCountAsync() =>
        (await client.GetFromJsonAsync<JsonElement>("/api/notifications/unread-count")).GetProperty("count").GetInt32();

    /// <summary>Chooses the language the person reads the product (and their e-mails) in, once the Notifications service knows it.</summary>
    public async Task SpeakAsync(InfogeranceSystem system, string language)
    {
        Assert.Equal(HttpStatusCode.NoContent, (await client.PutAsJsonAsync("/api/identity/me/language", new { language })).StatusCode);
        await UntilKnownAsync(system, organisationId, id, "active", language);
    }

    public void Dispose() => client.Dispose();

    private static Task UntilKnownAsync(InfogeranceSystem system, Guid organisation, Guid id, string status, string? language = null)
    {
        var database = system.Services["notifications"].GetRequiredService<Database>();
        return Eventually.UntilAsync(
            async () =>
            {
                await using var unitOfWork = await database.BeginAsync(organisation, CancellationToken.None);
                return await unitOfWork.ExecuteScalarAsync<bool>(
                    "SELECT EXISTS (SELECT FROM people WHERE user_id = @id AND status = @status AND (@language::text IS NULL OR language = @language))",
                    new { id, status, language });
            },
            $"the Notifications service learnt that the person's account is {status} ({language ?? "any language"})");
    }
}
