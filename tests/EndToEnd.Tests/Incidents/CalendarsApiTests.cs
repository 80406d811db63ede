extern alias identity;

using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Infogerance.DemoData;
using Infogerance.ServiceDefaults;
using TokenSubject = identity::Infogerance.Identity.Tokens.TokenSubject;

namespace Infogerance.EndToEnd.Tests.Incidents;

/// <summary>The holidays endpoint, through the gateway like outside checks call it.</summary>
[Collection(SystemCollection.Name)]
public sealed class CalendarsApiTests(InfogeranceSystem system)
{
    [Fact]
    public async Task The_holidays_of_a_pack_and_year_are_listed_in_french_and_bad_queries_name_their_field()
    {
        var token = await system.IssueTokenAsync(
            new TokenSubject(Guid.NewGuid(), "Rachel Petit", null, DemoWorld.Acme, OrganisationKind.Client, [Roles.Requester], null, IsServiceAccount: false));
        using var client = new HttpClient { BaseAddress = new Uri(system.GatewayUrl) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.Token);

        var france = await client.GetFromJsonAsync<JsonElement>("/api/incidents/calendars/holidays?pack=FR&year=2027");
        var days = france.EnumerateArray().ToDictionary(day => day.GetProperty("date").GetString()!, day => day.GetProperty("name").GetString());
        Assert.Equal(11, days.Count);
        Assert.Equal("Ascension", days["2027-05-06"]);
        Assert.Equal("Lundi de Pâques", days["2027-03-29"]);
        var alsace = await client.GetFromJsonAsync<JsonElement>("/api/incidents/calendars/holidays?pack=FR-ALSACE-MOSELLE&year=2027");
        Assert.Equal(13, alsace.GetArrayLength());
        Assert.Contains(alsace.EnumerateArray(), day => day.GetProperty("date").GetString() == "2027-03-26");

        using var bad = await client.GetAsync("/api/incidents/calendars/holidays?pack=DE&year=20270");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, bad.StatusCode);
        var errors = (await bad.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.True(errors.TryGetProperty("pack", out _));
        Assert.True(errors.TryGetProperty("year", out _));

        client.DefaultRequestHeaders.Authorization = null;
        using var anonymous = await client.GetAsync("/api/incidents/calendars/holidays?pack=FR&year=2027");
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
    }
}
