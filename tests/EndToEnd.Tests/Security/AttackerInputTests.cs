using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Infogerance.DemoData;

namespace Infogerance.EndToEnd.Tests.Security;

/// <summary>Requests an attacker would send, each answered as any bad input is: a 4xx problem, nothing leaked.</summary>
[Collection(SystemCollection.Name)]
public sealed class AttackerInputTests(InfogeranceSystem system)
{
    [Fact]
    public async Task Invitation_links_lead_to_the_configured_origin_whatever_the_request_says_its_host_is()
    {
        using var admin = await SignedInAsync("admin@acme.example");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/identity/users/invitations")
        {
            Content = JsonContent.Create(new { email = $"host-{Guid.NewGuid():N}@example.org", displayName = "Host Test", roles = new[] { "Requester" } }),
        };
        request.Headers.Host = "evil.example";
        request.Headers.Add("X-Forwarded-Host", "evil.example");
        request.Headers.Add("X-Forwarded-Proto", "https");
        var invited = await admin.SendAsync(request);
        Assert.Equal(HttpStatusCode.Created, invited.StatusCode);
        var link = (await invited.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("invitationUrl").GetString()!;
        Assert.StartsWith($"{system.GatewayUrl}/invitation/", link, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Inviting_another_organisations_person_answers_as_a_new_address_and_leaves_their_sign_in_theirs()
    {
        using var belvedere = await SignedInAsync("admin@belvedere-sante.example");
        var fresh = await belvedere.PostAsJsonAsync("/api/identity/users/invitations",
            new { email = $"fresh-{Guid.NewGuid():N}@example.org", displayName = "Fresh", roles = new[] { "Auditor" } });
        var taken = await belvedere.PostAsJsonAsync("/api/identity/users/invitations",
            new { email = "Manager@Acme.example", displayName = "Someone Else's", roles = new[] { "Auditor" } });
        Assert.Equal(HttpStatusCode.Created, fresh.StatusCode);
        Assert.Equal(HttpStatusCode.Created, taken.StatusCode);
        var freshBody = await fresh.Content.ReadFromJsonAsync<JsonElement>();
        var takenBody = await taken.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(Shape(freshBody), Shape(takenBody));
        Assert.Equal("invited", takenBody.GetProperty("user").GetProperty("status").GetString());

        // The link reaches the address's owner, who is told why it cannot join a second organisation with it.
        var link = takenBody.GetProperty("invitationUrl").GetString()!;
        using var anonymous = system.CreateBrowserLikeClient(out _);
        var accept = await anonymous.PostAsJsonAsync($"/api/identity/invitations/{link[(link.LastIndexOf('/') + 1)..]}/accept", new { password = "Another-password-2026" });
        Assert.Equal(HttpStatusCode.Conflict, accept.StatusCode);
        Assert.Equal("invitation.address.signsInElsewhere", (await accept.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());

        using var owner = await SignedInAsync("manager@acme.example");
        var me = await owner.GetFromJsonAsync<JsonElement>("/bff/user");
        Assert.Equal("Acme Industries", me.GetProperty("organisation").GetProperty("name").GetString());
    }

    private static string Shape(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => "{" + string.Join(",", element.EnumerateObject().Select(p => $"{p.Name}:{Shape(p.Value)}")) + "}",
        JsonValueKind.Array => "[]",
        _ => element.ValueKind.ToString(),
    };

    [Theory]
    [InlineData("2034-06-09T08:46:12")]
    [InlineData("2034-06-09")]
    public async Task An_instant_without_its_offset_is_refused_naming_it_not_read_as_utc(string startedAt)
    {
        using var client = await SignedInAsync("manager@acme.example");
        var preview = await client.PostAsJsonAsync("/api/incidents/sla/preview", new
        {
            calendar = new { timeZone = "Europe/Paris", alwaysOpen = true },
            target = new { value = 4, unit = "hours" },
            startedAt,
        });
        Assert.Equal(HttpStatusCode.BadRequest, preview.StatusCode);
        var problem = await preview.Content.ReadFromJsonAsync<JsonElement>();
        var code = problem.GetProperty("errorCodes").GetProperty("startedAt")[0];
        Assert.Equal("instant", code.GetProperty("parameters").GetProperty("expected").GetString());
    }

    [Fact]
    public async Task Answers_name_no_server_and_signed_in_answers_are_not_cached()
    {
        using var client = await SignedInAsync("manager@acme.example");
        var me = await client.GetAsync("/api/identity/me");
        Assert.Equal(HttpStatusCode.OK, me.StatusCode);
        Assert.False(me.Headers.Contains("Server"), string.Join(",", me.Headers.Select(h => h.Key)));
        Assert.Contains("no-store", me.Headers.CacheControl?.ToString() ?? "", StringComparison.Ordinal);
        var contracts = await client.GetAsync("/api/contracts/");
        Assert.Contains("no-store", contracts.Headers.CacheControl?.ToString() ?? "", StringComparison.Ordinal);
        var bff = await client.GetAsync("/bff/user");
        Assert.Contains("no-store", bff.Headers.CacheControl?.ToString() ?? "", StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/api/incidents/tickets?team=%00", "team")]
    [InlineData("/api/incidents/tickets?status=%00", "status")]
    [InlineData("/api/incidents/tickets?contract=%00", "contract")]
    public async Task A_nul_character_in_a_query_is_refused_as_bad_input_naming_it(string path, string parameter)
    {
        using var client = await SignedInAsync("manager@acme.example");
        var answer = await client.GetAsync(path);
        Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode);
        Assert.Equal("application/problem+json", answer.Content.Headers.ContentType?.MediaType);
        var errors = (await answer.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.True(errors.TryGetProperty(parameter, out _), $"the problem names {parameter}: {errors}");
    }

    [Fact]
    public async Task An_overlong_address_is_answered_with_a_problem_naming_it()
    {
        using var client = await SignedInAsync("manager@acme.example");
        var huge = await client.GetAsync("/api/contracts/?search=" + new string('a', 10_000));
        Assert.Equal(HttpStatusCode.RequestUriTooLong, huge.StatusCode);
        Assert.Equal("application/problem+json", huge.Content.Headers.ContentType?.MediaType);
        Assert.Contains("\"query\"", await huge.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_nul_in_a_path_is_refused_by_the_server_before_any_code_of_ours()
    {
        // Kestrel rejects a request target whose path decodes to a NUL at the protocol level, with a bare 400 that no
        // middleware sees (and cannot shape); what matters is that the request goes no further.
        using var client = await SignedInAsync("manager@acme.example");
        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync("/api/contracts/%00")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync("/api/incidents/tickets/%00/comments")).StatusCode);
    }

    private async Task<HttpClient> SignedInAsync(string email)
    {
        var client = system.CreateBrowserLikeClient(out _);
        var login = await client.PostAsJsonAsync("/bff/login", new { email, password = DemoWorld.Password });
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        return client;
    }
}
