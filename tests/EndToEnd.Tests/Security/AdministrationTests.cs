using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Infogerance.DemoData;
using Infogerance.LocalServers;
using Infogerance.ServiceDefaults;

namespace Infogerance.EndToEnd.Tests.Security;

/// <summary>Administration through the gateway: invitations, roles, the audit trail and the limits on who may do what.</summary>
[Collection(SystemCollection.Name)]
public sealed class AdministrationTests(InfogeranceSystem system)
{
    [Fact]
    public async Task An_invitation_works_once_and_inviting_again_replaces_the_link()
    {
        using var admin = await LoggedInAsync("admin@belvedere-sante.example");
        var email = $"twice-{Guid.NewGuid():N}@example.org";
        var first = await InviteAsync(admin, email, Roles.Requester);
        var second = await InviteAsync(admin, email, Roles.Auditor);

        using var anonymous = system.CreateBrowserLikeClient(out _);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync($"/api/identity/invitations/{first}")).StatusCode);
        var pending = await anonymous.GetFromJsonAsync<JsonElement>($"/api/identity/invitations/{second}");
        Assert.Equal("Belvédère Santé", pending.GetProperty("organisationName").GetString());

        var weak = await anonymous.PostAsJsonAsync($"/api/identity/invitations/{second}/accept", new { password = "short" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, weak.StatusCode);
        Assert.True((await weak.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("password", out _));

        Assert.Equal(HttpStatusCode.NoContent, (await anonymous.PostAsJsonAsync($"/api/identity/invitations/{second}/accept", new { password = "Accepted-once-1" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.PostAsJsonAsync($"/api/identity/invitations/{second}/accept", new { password = "Accepted-twice-2" })).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await admin.PostAsJsonAsync("/api/identity/users/invitations",
            new { email, displayName = "Again", roles = new[] { Roles.Requester } })).StatusCode); // now active: taken
    }

    [Fact]
    public async Task Role_changes_are_checked_and_audited_with_before_and_after()
    {
        using var admin = await LoggedInAsync("admin@acme.example");
        var email = $"roles-{Guid.NewGuid():N}@example.org";
        await InviteAsync(admin, email, Roles.Requester);
        var users = await admin.GetFromJsonAsync<JsonElement[]>("/api/identity/users");
        var id = users!.Single(u => u.GetProperty("email").GetString() == email).GetProperty("id").GetGuid();

        var foreignRole = await admin.PutAsJsonAsync($"/api/identity/users/{id}/roles", new { roles = new[] { Roles.AgentL1 } });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, foreignRole.StatusCode);
        Assert.True((await foreignRole.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("roles", out _));

        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync($"/api/identity/users/{id}/roles",
            new { roles = new[] { Roles.ContractManager, Roles.Auditor } })).StatusCode);
        var audit = await admin.GetFromJsonAsync<JsonElement>("/api/identity/audit?limit=5");
        var entry = audit.GetProperty("items").EnumerateArray().First(e => e.GetProperty("entityId").GetGuid() == id);
        Assert.Equal("user.roles-changed", entry.GetProperty("action").GetString());
        Assert.Equal("Alice Martin", entry.GetProperty("actorName").GetString());
        Assert.Equal([Roles.Requester], entry.GetProperty("before").GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        Assert.Equal([Roles.ContractManager, Roles.Auditor], entry.GetProperty("after").GetProperty("roles").EnumerateArray().Select(r => r.GetString()));

        // Belvédère's admin reads only Belvédère's log.
        using var other = await LoggedInAsync("admin@belvedere-sante.example");
        var otherAudit = await other.GetFromJsonAsync<JsonElement>("/api/identity/audit?limit=200");
        Assert.DoesNotContain(otherAudit.GetProperty("items").EnumerateArray(), e => e.GetProperty("entityId").GetGuid() == id);

        var me = (await admin.GetFromJsonAsync<JsonElement>("/bff/user")).GetProperty("id").GetGuid();
        Assert.Equal(HttpStatusCode.Conflict, (await admin.PutAsJsonAsync($"/api/identity/users/{me}/roles", new { roles = new[] { Roles.Auditor } })).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await admin.PostAsync($"/api/identity/users/{me}/deactivate", null)).StatusCode);
    }

    [Fact]
    public async Task An_operator_invites_only_a_new_organisations_first_administrator()
    {
        using var operatorClient = await LoggedInAsync("operator@infogerance.example");
        var acmeInvite = await operatorClient.PostAsJsonAsync($"/api/identity/organisations/{DemoWorld.Acme}/invitations",
            new { email = $"op-{Guid.NewGuid():N}@example.org", displayName = "Sneaky", roles = new[] { Roles.TenantAdmin } });
        Assert.Equal(HttpStatusCode.Conflict, acmeInvite.StatusCode); // Acme has its administrator

        var created = await operatorClient.PostAsJsonAsync("/api/identity/organisations", new { name = $"Client {Guid.NewGuid():N}", kind = "client" });
        var organisation = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var notAdmin = await operatorClient.PostAsJsonAsync($"/api/identity/organisations/{organisation}/invitations",
            new { email = $"op-{Guid.NewGuid():N}@example.org", displayName = "Requester", roles = new[] { Roles.Requester } });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, notAdmin.StatusCode);
        var first = await operatorClient.PostAsJsonAsync($"/api/identity/organisations/{organisation}/invitations",
            new { email = $"op-{Guid.NewGuid():N}@example.org", displayName = "First Admin", roles = new[] { Roles.TenantAdmin } });
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);

        var platformAudit = await operatorClient.GetFromJsonAsync<JsonElement>("/api/identity/audit?limit=10");
        Assert.Contains(platformAudit.GetProperty("items").EnumerateArray(), e => e.GetProperty("action").GetString() == "organisation.user-invited");
        Assert.Contains(platformAudit.GetProperty("items").EnumerateArray(), e => e.GetProperty("action").GetString() == "organisation.created");

        var duplicate = await operatorClient.PostAsJsonAsync("/api/identity/organisations", new { name = "acme industries", kind = "client" });
        Assert.Equal(HttpStatusCode.Conflict, duplicate.StatusCode);
        var renamedOver = await operatorClient.PutAsJsonAsync($"/api/identity/organisations/{organisation}", new { name = "acme industries" });
        Assert.Equal(HttpStatusCode.Conflict, renamedOver.StatusCode);
        var badKind = await operatorClient.PostAsJsonAsync("/api/identity/organisations", new { name = "X", kind = "platform" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, badKind.StatusCode);
    }

    [Fact]
    public async Task Malformed_requests_get_a_problem_not_a_server_error()
    {
        using var admin = await LoggedInAsync("admin@acme.example");
        foreach (var body in new[] { "{", "[]", "{\"email\": 42, \"roles\": \"x\"}", "null" })
        {
            var response = await admin.PostAsync("/api/identity/users/invitations", new StringContent(body, Encoding.UTF8, "application/json"));
            Assert.True(response.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.UnprocessableEntity, $"{body} → {(int)response.StatusCode}");
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }

        // A limit that is not a number is refused as the audit trail's other filters are: a 422 naming it.
        var notANumber = await admin.GetAsync("/api/identity/audit?limit=abc");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, notANumber.StatusCode);
        Assert.Contains("limit", await notANumber.Content.ReadAsStringAsync());
        var outOfRange = await admin.GetAsync("/api/identity/audit?limit=100000");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, outOfRange.StatusCode);
        Assert.Contains("limit", await outOfRange.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_service_account_cannot_administer_its_organisation_and_api_calls_are_limited_per_tenant()
    {
        using var admin = await LoggedInAsync("admin@acme.example");
        var created = await admin.PostAsJsonAsync("/api/identity/service-accounts", new { name = "Admin robot", roles = new[] { Roles.TenantAdmin } });
        var apiKey = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("apiKey").GetString()!;

        var url = $"http://127.0.0.1:{Ports.GetFreePort()}";
        await using var gateway = system.CreateGateway(url, new Dictionary<string, string>
        {
            ["RateLimits:RequestsPerSecond"] = "1",
            ["RateLimits:Burst"] = "3",
        });
        gateway.StartServer();
        using var robot = new HttpClient { BaseAddress = new Uri(url) };
        robot.DefaultRequestHeaders.Add("X-Api-Key", apiKey);
        Assert.Equal(HttpStatusCode.Forbidden, (await robot.PostAsJsonAsync("/api/identity/service-accounts",
            new { name = "Minted", roles = new[] { Roles.ContractManager } })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await robot.GetAsync("/api/identity/users")).StatusCode);

        var statuses = new List<HttpStatusCode>();
        for (var call = 0; call < 6; call++)
        {
            statuses.Add((await robot.GetAsync("/api/identity/me")).StatusCode);
        }

        Assert.Contains(HttpStatusCode.TooManyRequests, statuses);
    }

    private async Task<HttpClient> LoggedInAsync(string email)
    {
        var client = system.CreateBrowserLikeClient(out _);
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync("/bff/login", new { email, password = DemoWorld.Password })).StatusCode);
        return client;
    }

    private static async Task<string> InviteAsync(HttpClient admin, string email, string role)
    {
        var invited = await admin.PostAsJsonAsync("/api/identity/users/invitations", new { email, displayName = "Invitee", roles = new[] { role } });
        Assert.Equal(HttpStatusCode.Created, invited.StatusCode);
        var link = (await invited.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("invitationUrl").GetString()!;
        return link[(link.LastIndexOf('/') + 1)..];
    }
}
