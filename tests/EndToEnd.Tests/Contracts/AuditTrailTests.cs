extern alias contracts;
extern alias identity;

using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Infogerance.DemoData;
using Infogerance.ServiceDefaults;
using ContractAuditActions = contracts::Infogerance.Contracts.Domain.ContractAuditActions;
using DemoContractsSeed = contracts::Infogerance.Contracts.Data.DemoContractsSeed;

namespace Infogerance.EndToEnd.Tests.Contracts;

/// <summary>
/// A contract's audit trail as people read it: who by name (the demo's history by a readable name, in the reader's
/// language), a stable action code, the fields changed one by one; filtered by actor, action and days, and exported.
/// </summary>
[Collection(SystemCollection.Name)]
public sealed class AuditTrailTests(InfogeranceSystem system)
{
    private static readonly string Trail = $"/{DemoContractsSeed.AcmeContract}/audit";

    [Fact]
    public async Task The_trail_names_who_did_what_field_by_field_and_filters_by_actor_action_and_day()
    {
        using var manager = await ContractParty.SignInAsync(system, DemoWorld.Acme, Roles.ContractManager, "Marc Dubois");
        manager.Client.DefaultRequestHeaders.AcceptLanguage.Add(new StringWithQualityHeaderValue("fr"));

        var items = (await manager.GetAsync($"{Trail}?limit=200")).GetProperty("items").EnumerateArray().ToList();
        Assert.NotEmpty(items);
        Assert.All(items, item => Assert.Contains(item.GetProperty("action").GetString(), ContractAuditActions.All));
        var phase = items.First(item => item.GetProperty("action").GetString() == "contract.phase-changed");
        Assert.Equal("Données de démonstration", phase.GetProperty("actor").GetString());
        var change = Assert.Single(phase.GetProperty("changes").EnumerateArray(), c => c.GetProperty("field").GetString() == "phase");
        Assert.NotEqual(change.GetProperty("before").GetString(), change.GetProperty("after").GetString());

        var phases = (await manager.GetAsync($"{Trail}?action=contract.phase-changed&actor=DEM")).GetProperty("items").EnumerateArray().ToList();
        Assert.NotEmpty(phases);
        Assert.All(phases, item => Assert.Equal("contract.phase-changed", item.GetProperty("action").GetString()));

        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var future = (await manager.GetAsync($"{Trail}?from={today.AddDays(2):yyyy-MM-dd}")).GetProperty("items");
        Assert.Equal(0, future.GetArrayLength());
        var upToToday = (await manager.GetAsync($"{Trail}?limit=200&to={today.AddDays(1):yyyy-MM-dd}")).GetProperty("items");
        Assert.Equal(items.Count, upToToday.GetArrayLength());

        var firstPage = await manager.GetAsync($"{Trail}?limit=1");
        var next = await manager.GetAsync($"{Trail}?limit=1&before={firstPage.GetProperty("nextCursor").GetString()}");
        Assert.Equal(items[1].GetProperty("id").GetGuid(), next.GetProperty("items")[0].GetProperty("id").GetGuid());
    }

    [Theory]
    [InlineData("action=contract.unknown", "action")]
    [InlineData("from=2026-02-30", "from")]
    [InlineData("to=yesterday", "to")]
    [InlineData("from=2026-05-02&to=2026-05-01", "to")]
    [InlineData("limit=0", "limit")]
    public async Task A_bad_filter_is_refused_naming_its_field_on_the_trail_and_its_export(string query, string field)
    {
        using var manager = await ContractParty.SignInAsync(system, DemoWorld.Acme, Roles.ContractManager, "Marc Dubois");
        foreach (var path in new[] { $"{Trail}?{query}", $"{Trail}/export?{query}" })
        {
            var problem = await manager.GetAsync(path, HttpStatusCode.UnprocessableEntity);
            Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
        }
    }

    [Fact]
    public async Task The_export_is_the_filtered_trail_as_csv_for_those_who_see_the_contract_only()
    {
        using var manager = await ContractParty.SignInAsync(system, DemoWorld.Acme, Roles.ContractManager, "Marc Dubois");
        using var response = await manager.Client.GetAsync($"{Trail}/export?action=contract.phase-changed");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        var lines = Encoding.UTF8.GetString(await response.Content.ReadAsByteArrayAsync()).Trim('\uFEFF')
            .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal("occurredAt,actor,action,entityType,entityId,changes", lines[0]);
        Assert.True(lines.Length > 1);
        Assert.All(lines.Skip(1), line => Assert.Contains(",contract.phase-changed,", line, StringComparison.Ordinal));
        Assert.Contains("phase: ", lines[1], StringComparison.Ordinal);

        using var stranger = await ContractParty.SignInAsync(system, DemoWorld.Belvedere, Roles.Auditor, "Hugo Lefèvre");
        await stranger.GetAsync(Trail, HttpStatusCode.NotFound);
        await stranger.GetAsync($"{Trail}/export", HttpStatusCode.NotFound);
        using var requester = await ContractParty.SignInAsync(system, DemoWorld.Acme, Roles.Requester, "Julie Martin");
        await requester.GetAsync($"{Trail}/export", HttpStatusCode.Forbidden);
    }

    [Fact]
    public void Every_action_the_trails_record_has_a_sentence_in_both_languages()
    {
        var actions = ContractAuditActions.All.Concat(identity::Infogerance.Identity.Domain.IdentityAuditActions.All).ToList();
        foreach (var language in new[] { "en", "fr" })
        {
            using var locale = JsonDocument.Parse(File.ReadAllText(Path.Combine(Infogerance.TestSupport.Repository.Root, "src", "Web", "src", "locales", $"{language}.json")));
            var sentences = locale.RootElement.GetProperty("audit").GetProperty("actions");
            var missing = actions.Where(action => !Resolves(sentences, action)).ToList();
            Assert.True(missing.Count == 0, $"{language}: no sentence for {string.Join(", ", missing)}");
        }
    }

    private static bool Resolves(JsonElement node, string key)
    {
        foreach (var part in key.Split('.'))
        {
            if (node.ValueKind != JsonValueKind.Object || !node.TryGetProperty(part, out node))
            {
                return false;
            }
        }

        return node.ValueKind == JsonValueKind.String;
    }
}
