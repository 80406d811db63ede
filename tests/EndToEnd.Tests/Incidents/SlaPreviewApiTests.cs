extern alias identity;

using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Infogerance.DemoData;
using Infogerance.ServiceDefaults;
using TokenSubject = identity::Infogerance.Identity.Tokens.TokenSubject;

namespace Infogerance.EndToEnd.Tests.Incidents;

/// <summary>The SLA preview, through the gateway as the SPA and outside checks call it.</summary>
[Collection(SystemCollection.Name)]
public sealed class SlaPreviewApiTests(InfogeranceSystem system)
{
    private const string Path = "/api/incidents/sla/preview";

    /// <summary>The worked example, verbatim.</summary>
    private const string WorkedExample = """
        { "calendar": { "timeZone": "Europe/Paris", "alwaysOpen": false,
                        "weekly": [ { "day": "monday", "open": "10:30", "close": "19:00" },
                                    { "day": "friday", "open": "08:30", "close": "12:00" },
                                    { "day": "friday", "open": "13:00", "close": "19:00" } ],
                        "holidayPacks": ["FR"], "closedDays": ["2034-06-12"] },
          "target": { "value": 4, "unit": "hours", "endOfWorkingDay": false },
          "startedAt": "2034-06-09T08:46:12+02:00",
          "pauses": [ { "from": "2034-06-09T09:15:27+02:00", "to": "2034-06-09T11:23:49+02:00" } ],
          "stoppedAt": null,
          "warningThresholds": [50, 75] }
        """;

    /// <summary>Monday to Friday 08:30–12:00 and 13:00–18:00 in Paris, French holidays.</summary>
    private static readonly object ParisOffice = new
    {
        timeZone = "Europe/Paris",
        weekly = new[] { "monday", "tuesday", "wednesday", "thursday", "friday" }
            .SelectMany(day => new[] { new { day, open = "08:30", close = "12:00" }, new { day, open = "13:00", close = "18:00" } }),
        holidayPacks = new[] { "FR" },
        closedDays = Array.Empty<string>(),
    };

    [Fact]
    public async Task The_worked_example_is_due_at_15_54_34_with_warnings_at_13_54_34_and_14_54_34()
    {
        using var client = await SignedInClientAsync();

        var preview = await PreviewAsync(client, WorkedExample);

        Assert.Equal("2034-06-09T15:54:34+02:00", preview.GetProperty("dueAt").GetString());
        Assert.Equal(7702, preview.GetProperty("pausedBusinessSeconds").GetInt64());
        Assert.Equal(14_400, preview.GetProperty("targetBusinessSeconds").GetInt64());
        Assert.Equal(
            [(50, "2034-06-09T13:54:34+02:00"), (75, "2034-06-09T14:54:34+02:00")],
            preview.GetProperty("warnings").EnumerateArray().Select(w => (w.GetProperty("percent").GetInt32(), w.GetProperty("at").GetString())));
        Assert.Equal(0, preview.GetProperty("elapsedBusinessSeconds").GetInt64());
        Assert.False(preview.GetProperty("breached").GetBoolean());
    }

    [Fact]
    public async Task Business_days_to_the_end_of_the_working_day_skip_the_national_holiday_and_the_weekend()
    {
        using var client = await SignedInClientAsync();

        // Thursday 13 July 2034; Friday 14 is Bastille Day: the second business day is Tuesday 18.
        var preview = await PreviewAsync(client, new
        {
            calendar = ParisOffice,
            target = new { value = 2, unit = "businessDays", endOfWorkingDay = true },
            startedAt = "2034-07-13T10:00:00+02:00",
        });

        Assert.Equal("2034-07-18T18:00:00+02:00", preview.GetProperty("dueAt").GetString());
        Assert.Equal(24 * 3600, preview.GetProperty("targetBusinessSeconds").GetInt64());
        Assert.Equal(
            ["2034-07-17T14:30:00+02:00", "2034-07-18T11:00:00+02:00"],
            preview.GetProperty("warnings").EnumerateArray().Select(w => w.GetProperty("at").GetString()));
    }

    [Fact]
    public async Task A_clock_stopped_after_its_due_time_tells_its_business_time_and_the_breach()
    {
        using var client = await SignedInClientAsync();
        var body = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(WorkedExample)!;
        body["stoppedAt"] = JsonSerializer.SerializeToElement("2034-06-09T16:30:00+02:00");

        var preview = await PreviewAsync(client, body);

        Assert.True(preview.GetProperty("breached").GetBoolean());
        // 08:46:12–12:00 and 13:00–16:30, less the pause's 7,702 s.
        Assert.Equal(11_628 + 12_600 - 7702, preview.GetProperty("elapsedBusinessSeconds").GetInt64());
        Assert.Equal("2034-06-09T15:54:34+02:00", preview.GetProperty("dueAt").GetString());
    }

    [Fact]
    public async Task A_24x7_calendar_counts_real_time_and_shows_each_instant_with_its_own_offset()
    {
        using var client = await SignedInClientAsync();

        // New York moves to daylight saving at 02:00 on 12 March 2034: 90 minutes from 01:30 EST end at 04:00 EDT.
        var preview = await PreviewAsync(client, new
        {
            calendar = new { timeZone = "America/New_York", alwaysOpen = true },
            target = new { value = 90, unit = "minutes" },
            startedAt = "2034-03-12T06:30:00Z",
            warningThresholds = new[] { 50 },
        });

        Assert.Equal("2034-03-12T04:00:00-04:00", preview.GetProperty("dueAt").GetString());
        Assert.Equal("2034-03-12T03:15:00-04:00", preview.GetProperty("warnings")[0].GetProperty("at").GetString());
    }

    [Fact]
    public async Task Bad_fields_are_named_by_their_json_path_and_malformed_json_is_a_400()
    {
        using var client = await SignedInClientAsync();

        using var bad = await client.PostAsJsonAsync(Path, new
        {
            calendar = new
            {
                timeZone = "Mars/Olympus",
                weekly = new[] { new { day = "monday", open = "08:00", close = "12:00" }, new { day = "friday", open = "13:00", close = "12:00" } },
                holidayPacks = new[] { "FR" },
            },
            target = new { value = 0, unit = "weeks" },
            pauses = new[] { new { from = "2034-06-09T11:00:00+02:00", to = "2034-06-09T10:00:00+02:00" } },
            stoppedAt = "2034-06-09T08:00:00+02:00",
            warningThresholds = new[] { 75, 50 },
        });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, bad.StatusCode);
        var errors = (await bad.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.Equal(
            ["calendar.timeZone", "calendar.weekly[1].close", "target.unit", "target.value", "warningThresholds", "startedAt", "pauses[0].to"],
            errors.EnumerateObject().Select(e => e.Name));

        using var stoppedEarly = await PostAsync(client, """
            { "calendar": { "timeZone": "UTC", "alwaysOpen": true }, "target": { "value": 1, "unit": "hours" },
              "startedAt": "2034-06-09T08:00:00Z", "stoppedAt": "2034-06-09T07:00:00Z" }
            """);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, stoppedEarly.StatusCode);
        Assert.True((await stoppedEarly.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("stoppedAt", out _));

        using var farAway = await PostAsync(client, """
            { "calendar": { "timeZone": "UTC", "alwaysOpen": true }, "target": { "value": 1, "unit": "hours" },
              "startedAt": "9999-12-31T23:00:00Z" }
            """);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, farAway.StatusCode);
        Assert.True((await farAway.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("startedAt", out _));

        using var malformed = await PostAsync(client, """{ "calendar": { "timeZone": "UTC" }, "startedAt": "yesterday" }""");
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
    }

    [Fact]
    public async Task Nobody_signed_in_gets_a_401()
    {
        using var client = new HttpClient { BaseAddress = new Uri(system.GatewayUrl) };
        client.DefaultRequestHeaders.Add("X-CSRF", "1");

        using var anonymous = await PostAsync(client, WorkedExample);

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
    }

    /// <summary>A provider's agent: the preview is for anyone signed in, client or provider.</summary>
    private async Task<HttpClient> SignedInClientAsync()
    {
        var token = await system.IssueTokenAsync(
            new TokenSubject(Guid.NewGuid(), "Léa Fontaine", null, DemoWorld.Antares, OrganisationKind.Provider, [Roles.AgentL1], null, IsServiceAccount: false),
            TimeSpan.FromMinutes(5));
        var client = new HttpClient { BaseAddress = new Uri(system.GatewayUrl) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.Token);
        return client;
    }

    private static Task<HttpResponseMessage> PostAsync(HttpClient client, string json) =>
        client.PostAsync(Path, new StringContent(json, Encoding.UTF8, "application/json"));

    private static async Task<JsonElement> PreviewAsync(HttpClient client, object body)
    {
        using var response = body is string json ? await PostAsync(client, json) : await client.PostAsJsonAsync(Path, body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }
}
