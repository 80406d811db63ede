extern alias identity;

using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Infogerance.DemoData;
using Infogerance.EndToEnd.Tests.Security;
using Infogerance.IntegrationEvents;
using Infogerance.ServiceDefaults;
using TokenSubject = identity::Infogerance.Identity.Tokens.TokenSubject;

namespace Infogerance.EndToEnd.Tests.Identity;

/// <summary>
/// Identity publishes each account whole as it changes, with a version that grows, for the services that address
/// people from events alone; a person chooses their language; and an admin lets a paused user sign in again, which
/// is audited but not published. Each test works in an organisation of its own, so that no demo account changes.
/// </summary>
[Collection(SystemCollection.Name)]
public sealed class AccountEventsTests(InfogeranceSystem system)
{
    private const string Password = "Account-events-2026";

    [Fact]
    public async Task Each_change_of_an_account_publishes_it_once_whole_with_a_growing_version()
    {
        using var admin = await NewOrganisationAdminAsync();
        var organisation = (await admin.GetFromJsonAsync<JsonElement>("/bff/user")).GetProperty("organisation").GetProperty("id").GetGuid();
        var email = $"eve-{Guid.NewGuid():N}@example.org";

        // Invited in French by an English-speaking admin: the language is the inviter's choice.
        var (eve, link) = await InviteAsync(admin, new { email, displayName = "Eve Martin", roles = new[] { Roles.Requester }, language = "fr" });
        var invited = await PublishedAsync(eve, 1);
        Assert.Equal(organisation, invited.TenantId);
        Assert.Equal("client", invited.OrganisationKind);
        Assert.Equal(email, invited.Email);
        Assert.Equal("Eve Martin", invited.DisplayName);
        Assert.Equal([Roles.Requester], invited.Roles);
        Assert.Equal("invited", invited.Status);
        Assert.Equal("fr", invited.Language);

        await AcceptAsync(link);
        Assert.Equal("active", (await PublishedAsync(eve, 2)).Status);

        using (var person = await SignInAsync(email, Password))
        {
            Assert.Equal("fr", (await person.GetFromJsonAsync<JsonElement>("/bff/user")).GetProperty("language").GetString());
            Assert.Equal(HttpStatusCode.NoContent, (await person.PutAsJsonAsync("/api/identity/me/language", new { language = "en" })).StatusCode);
            var changed = await PublishedAsync(eve, 3);
            Assert.Equal("en", changed.Language);
            Assert.Equal("active", changed.Status);
            Assert.Equal("en", (await person.GetFromJsonAsync<JsonElement>("/bff/user")).GetProperty("language").GetString());

            // The same choice again changes nothing, and publishes nothing (counted below).
            Assert.Equal(HttpStatusCode.NoContent, (await person.PutAsJsonAsync("/api/identity/me/language", new { language = "en" })).StatusCode);
        }

        var audit = await admin.GetFromJsonAsync<JsonElement>("/api/identity/audit?limit=5");
        var entry = audit.GetProperty("items").EnumerateArray().First(e => e.GetProperty("entityId").GetGuid() == eve);
        Assert.Equal("user.language-changed", entry.GetProperty("action").GetString());
        Assert.Equal("Eve Martin", entry.GetProperty("actorName").GetString());
        Assert.Equal("fr", entry.GetProperty("before").GetProperty("language").GetString());
        Assert.Equal("en", entry.GetProperty("after").GetProperty("language").GetString());

        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync($"/api/identity/users/{eve}/roles",
            new { roles = new[] { Roles.ContractManager, Roles.Auditor } })).StatusCode);
        var roles = await PublishedAsync(eve, 4);
        Assert.Equal([Roles.ContractManager, Roles.Auditor], roles.Roles);
        Assert.Equal("en", roles.Language);

        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"/api/identity/users/{eve}/deactivate", null)).StatusCode);
        Assert.Equal("deactivated", (await PublishedAsync(eve, 5)).Status);
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"/api/identity/users/{eve}/reactivate", null)).StatusCode);
        var reactivated = await PublishedAsync(eve, 6);
        Assert.Equal("active", reactivated.Status);
        Assert.Equal(email, reactivated.Email);

        // One event per change, none for the log-in nor for the language chosen twice; a refused change publishes nothing.
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await admin.PutAsJsonAsync($"/api/identity/users/{eve}/roles",
            new { roles = new[] { Roles.AgentL1 } })).StatusCode);
        var all = await system.Events.WaitForAsync<UserAccountChanged>(e => e.UserId == eve, count: 7, timeout: TimeSpan.FromSeconds(2));
        Assert.Equal([1L, 2, 3, 4, 5, 6], all.Select(e => e.Version).Order());
    }

    [Fact]
    public async Task An_admin_sees_a_user_paused_by_wrong_passwords_and_unlocks_them_in_their_organisation_only()
    {
        using var admin = await NewOrganisationAdminAsync();
        var email = $"paula-{Guid.NewGuid():N}@example.org";
        var (paula, link) = await InviteAsync(admin, new { email, displayName = "Paula Pause", roles = new[] { Roles.Requester } });
        await AcceptAsync(link);
        var notLocked = await admin.PostAsync($"/api/identity/users/{paula}/unlock", null);
        Assert.Equal(HttpStatusCode.Conflict, notLocked.StatusCode);
        Assert.Equal("user.signIn.notPaused", (await notLocked.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());

        using (var anonymous = system.CreateBrowserLikeClient(out _))
        {
            for (var i = 0; i < 5; i++)
            {
                Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsJsonAsync("/bff/login", new { email, password = "Not-the-password-1" })).StatusCode);
            }

            Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsJsonAsync("/bff/login", new { email, password = Password })).StatusCode);
        }

        var listed = (await admin.GetFromJsonAsync<JsonElement>("/api/identity/users")).EnumerateArray().Single(u => u.GetProperty("id").GetGuid() == paula);
        var lockedUntil = listed.GetProperty("lockedUntil").GetDateTimeOffset();
        Assert.InRange(lockedUntil, DateTimeOffset.UtcNow.AddMinutes(10), DateTimeOffset.UtcNow.AddMinutes(16));
        Assert.Equal("active", listed.GetProperty("status").GetString());

        // Another organisation's admin does not see the user; somebody who is not an admin may not unlock at all.
        using (var stranger = await NewOrganisationAdminAsync())
        {
            Assert.Equal(HttpStatusCode.NotFound, (await stranger.PostAsync($"/api/identity/users/{paula}/unlock", null)).StatusCode);
        }

        using (var auditor = await SignInAsync("auditor@acme.example", DemoWorld.Password))
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await auditor.PostAsync($"/api/identity/users/{paula}/unlock", null)).StatusCode);
        }

        var unlocked = await admin.PostAsync($"/api/identity/users/{paula}/unlock", null);
        Assert.Equal(HttpStatusCode.OK, unlocked.StatusCode);
        var user = await unlocked.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(!user.TryGetProperty("lockedUntil", out var after) || after.ValueKind == JsonValueKind.Null, user.ToString());
        using (await SignInAsync(email, Password))
        {
        }

        var entry = (await admin.GetFromJsonAsync<JsonElement>("/api/identity/audit?limit=5")).GetProperty("items").EnumerateArray()
            .First(e => e.GetProperty("entityId").GetGuid() == paula);
        Assert.Equal("user.unlocked", entry.GetProperty("action").GetString());
        Assert.Equal(lockedUntil, entry.GetProperty("before").GetProperty("lockedUntil").GetDateTimeOffset());
        Assert.False(entry.GetProperty("after").TryGetProperty("lockedUntil", out var none) && none.ValueKind != JsonValueKind.Null, entry.ToString());
        Assert.Equal("Ada Admin", entry.GetProperty("actor").GetString());
        var change = Assert.Single(entry.GetProperty("changes").EnumerateArray());
        Assert.Equal("lockedUntil", change.GetProperty("field").GetString());
        Assert.False(change.TryGetProperty("after", out var cleared) && cleared.ValueKind != JsonValueKind.Null, change.ToString());

        // The administration's trail filters as a contract's does, and exports what it filters.
        var unlocks = (await admin.GetFromJsonAsync<JsonElement>("/api/identity/audit?action=user.unlocked&actor=ada")).GetProperty("items");
        Assert.Equal(paula, Assert.Single(unlocks.EnumerateArray()).GetProperty("entityId").GetGuid());
        var refused = await admin.GetAsync("/api/identity/audit/export?action=contract.created");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.True((await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("action", out _));
        var csv = await admin.GetStringAsync("/api/identity/audit/export?action=user.unlocked");
        Assert.Contains(",Ada Admin,user.unlocked,user,", csv, StringComparison.Ordinal);

        // A pause and its end are no change of the account other services see: only the invitation and its acceptance were published.
        var published = await system.Events.WaitForAsync<UserAccountChanged>(e => e.UserId == paula, count: 3, timeout: TimeSpan.FromSeconds(2));
        Assert.Equal([1L, 2], published.Select(e => e.Version).Order());
    }

    [Fact]
    public async Task An_invitation_is_in_the_inviters_language_unless_it_names_one_and_inviting_again_publishes_again()
    {
        using var admin = await NewOrganisationAdminAsync();
        var email = $"bob-{Guid.NewGuid():N}@example.org";

        var response = await admin.PostAsJsonAsync("/api/identity/users/invitations", new { email, displayName = "Bob", roles = new[] { Roles.Requester } });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var user = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("user");
        Assert.Equal("en", user.GetProperty("language").GetString());
        var bob = user.GetProperty("id").GetGuid();
        Assert.Equal("en", (await PublishedAsync(bob, 1)).Language);

        await InviteAsync(admin, new { email, displayName = "Robert", roles = new[] { Roles.Auditor }, language = "fr" });
        var again = await PublishedAsync(bob, 2);
        Assert.Equal(("Robert", "fr", "invited"), (again.DisplayName, again.Language, again.Status));
        Assert.Equal([Roles.Auditor], again.Roles);

        var unknown = await admin.PostAsJsonAsync("/api/identity/users/invitations",
            new { email = $"x-{Guid.NewGuid():N}@example.org", displayName = "X", roles = new[] { Roles.Requester }, language = "de" });
        await AssertInvalidLanguageAsync(unknown);
    }

    [Fact]
    public async Task A_person_alone_chooses_their_language_among_ours_and_a_service_account_has_none()
    {
        using var anonymous = system.CreateBrowserLikeClient(out _);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PutAsJsonAsync("/api/identity/me/language", new { language = "en" })).StatusCode);

        // Refused requests change nothing, so a demo account may make them.
        using var auditor = await SignInAsync("auditor@acme.example", DemoWorld.Password);
        foreach (var body in new object[] { new { language = "de" }, new { language = "EN" }, new { language = (string?)null }, new { } })
        {
            await AssertInvalidLanguageAsync(await auditor.PutAsJsonAsync("/api/identity/me/language", body));
        }

        using var identity = system.DirectClients["identity"]();
        var robot = await system.IssueTokenAsync(new TokenSubject(
            Guid.NewGuid(), "Robot", null, DemoWorld.Acme, OrganisationKind.Client, [Roles.Requester], null, IsServiceAccount: true));
        identity.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", robot.Token);
        var refused = await identity.PutAsJsonAsync("/me/language", new { language = "en" });
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Equal("serviceAccount.language", (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
        var me = await identity.GetFromJsonAsync<JsonElement>("/me");
        Assert.True(!me.TryGetProperty("language", out var language) || language.ValueKind == JsonValueKind.Null, me.ToString());
    }

    [Fact]
    public async Task The_demo_accounts_are_published_once_each_as_they_were_loaded()
    {
        await using var owner = await system.OpenIdentityAsOwnerAsync();
        await using var command = owner.CreateCommand();
        command.CommandText =
            """
            SELECT payload::text FROM outbox_messages
            WHERE event_type = 'identity.user-account-changed.v1' AND (payload->>'version')::bigint = 1
            """;
        var published = new List<UserAccountChanged>();
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                published.Add(JsonSerializer.Deserialize<UserAccountChanged>(reader.GetString(0), JsonSerializerOptions.Web)!);
            }
        }

        foreach (var login in DemoWorld.Logins)
        {
            var account = Assert.Single(published, e => e.UserId == login.UserId);
            Assert.Equal(login.OrganisationId, account.TenantId);
            Assert.Equal((login.Email, login.DisplayName, "active", "fr"), (account.Email, account.DisplayName, account.Status, account.Language));
            Assert.Equal([login.Role], account.Roles);
            Assert.Equal(Endpoints.KindOf(login.Role).ToString().ToLowerInvariant(), account.OrganisationKind);
        }
    }

    private static async Task AssertInvalidLanguageAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty("language", out _), problem.ToString());
        Assert.Equal("language.invalid", problem.GetProperty("errorCodes").GetProperty("language")[0].GetProperty("code").GetString());
    }

    /// <summary>The one event of <paramref name="user"/>'s account at <paramref name="version"/>.</summary>
    private async Task<UserAccountChanged> PublishedAsync(Guid user, long version) =>
        Assert.Single(await system.Events.WaitForAsync<UserAccountChanged>(e => e.UserId == user && e.Version == version));

    /// <summary>The first admin, signed in, of a client organisation the Operator registers for the test; the admin reads English.</summary>
    private async Task<HttpClient> NewOrganisationAdminAsync()
    {
        using var operatorClient = await SignInAsync("operator@infogerance.example", DemoWorld.Password);
        var created = await operatorClient.PostAsJsonAsync("/api/identity/organisations", new { name = $"Events {Guid.NewGuid():N}", kind = "client" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var organisation = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var email = $"ada-{Guid.NewGuid():N}@example.org";
        var (_, link) = await InviteAsync(operatorClient, new { email, displayName = "Ada Admin", roles = new[] { Roles.TenantAdmin }, language = "en" },
            $"/api/identity/organisations/{organisation}/invitations");
        await AcceptAsync(link);
        return await SignInAsync(email, Password);
    }

    private async Task<HttpClient> SignInAsync(string email, string password)
    {
        var client = system.CreateBrowserLikeClient(out _);
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync("/bff/login", new { email, password })).StatusCode);
        return client;
    }

    /// <summary>The invited user's id and the invitation link's secret.</summary>
    private static async Task<(Guid User, string Token)> InviteAsync(HttpClient admin, object invitation, string path = "/api/identity/users/invitations")
    {
        var invited = await admin.PostAsJsonAsync(path, invitation);
        Assert.Equal(HttpStatusCode.Created, invited.StatusCode);
        var body = await invited.Content.ReadFromJsonAsync<JsonElement>();
        var link = body.GetProperty("invitationUrl").GetString()!;
        return (body.GetProperty("user").GetProperty("id").GetGuid(), link[(link.LastIndexOf('/') + 1)..]);
    }

    private async Task AcceptAsync(string token)
    {
        using var anonymous = system.CreateBrowserLikeClient(out _);
        Assert.Equal(HttpStatusCode.NoContent, (await anonymous.PostAsJsonAsync($"/api/identity/invitations/{token}/accept", new { password = Password })).StatusCode);
    }
}
