using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Infogerance.DemoData;
using Infogerance.IntegrationEvents;
using Infogerance.ServiceDefaults;

namespace Infogerance.EndToEnd.Tests.Contracts;

/// <summary>A draft's penalty rules through the Contracts API: refused field by field in both languages, saved whole, audited.</summary>
[Collection(SystemCollection.Name)]
public sealed class PenaltyRulesTests(InfogeranceSystem system)
{
    [Fact]
    public async Task Penalty_rules_are_checked_by_field_saved_whole_and_their_changes_audited()
    {
        using var manager = await ContractParty.SignInAsync(system, DemoWorld.Acme, Roles.ContractManager, "Marc Dubois");
        var reference = $"PEN-{Guid.NewGuid():N}"[..16];
        var id = (await manager.PostAsync("/", new { reference, title = "Pénalités", providerOrganisationId = DemoWorld.Antares }, HttpStatusCode.Created))
            .GetProperty("id").GetGuid();

        // A new draft starts from the default rules, whole.
        var terms = await manager.DraftTermsAsync(id);
        Assert.Contains(new BreachPenalty("P1", PenaltyKinds.Fixed, 500m, SlaClocks.Resolve), terms.Penalties.PerBreach);
        Assert.Equal(2, terms.Penalties.SuccessRateTargets.Count);
        Assert.Equal((1, 10m, 8m, 50m),
            (terms.Penalties.MonthlyFreeBreaches, terms.Penalties.MonthlyCapPercent, terms.Penalties.AnnualCapPercent, terms.Penalties.MinimumTotal));

        var bad = terms with
        {
            Penalties = terms.Penalties with
            {
                PerBreach = [new("P1", PenaltyKinds.Fixed, 500m), new("P1", PenaltyKinds.Fixed, 100m, SlaClocks.Respond), new("P2", PenaltyKinds.Fixed, 5m, "later")],
                MonthlyFreeBreaches = 1001,
                SuccessRateTargets = [new("P1", SlaClocks.Resolve, 100m, 0m, 200m)],
                AnnualCapPercent = 101m,
                MinimumTotal = -1m,
            },
        };
        var refused = await manager.PutAsync($"/{id}/versions/1/terms", bad, HttpStatusCode.UnprocessableEntity);
        Assert.Equal(
            new[]
            {
                "penalties.annualCapPercent", "penalties.minimumTotal", "penalties.monthlyFreeBreaches", "penalties.perBreach[1].priority",
                "penalties.perBreach[2].clock", "penalties.successRateTargets[0].creditPercentPerPoint",
                "penalties.successRateTargets[0].maxCreditPercent", "penalties.successRateTargets[0].targetPercent",
            }.Order(StringComparer.Ordinal),
            refused.GetProperty("errors").EnumerateObject().Select(error => error.Name).Order(StringComparer.Ordinal));
        Assert.Equal("Another penalty already applies to P1: a penalty without clock covers both clocks, so it stands alone.",
            refused.GetProperty("errors").GetProperty("penalties.perBreach[1].priority")[0].GetString());

        using (var french = new HttpRequestMessage(HttpMethod.Put, $"/{id}/versions/1/terms") { Content = JsonContent.Create(bad, options: ContractParty.Json) })
        {
            french.Headers.AcceptLanguage.ParseAdd("fr-FR");
            using var response = await manager.Client.SendAsync(french, TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
            var problem = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
            Assert.Equal("L’objectif est un pourcentage supérieur à 0 et inférieur à 100.",
                problem.GetProperty("errors").GetProperty("penalties.successRateTargets[0].targetPercent")[0].GetString());
        }

        // Nothing of the refused rules was written; good ones are saved whole and their changes audited leaf by leaf.
        Assert.Equal(8m, (await manager.GetAsync($"/{id}/versions/1")).GetProperty("terms").GetProperty("penalties").GetProperty("annualCapPercent").GetDecimal());
        var good = terms with
        {
            Penalties = terms.Penalties with
            {
                SuccessRateTargets = [.. terms.Penalties.SuccessRateTargets, new("P1", SlaClocks.Respond, 98m, 1m, 8m)],
                AnnualCapPercent = 12m,
                MinimumTotal = 100m,
            },
        };
        await manager.PutAsync($"/{id}/versions/1/terms", good);
        var saved = JsonSerializer.Deserialize<ContractTerms>((await manager.GetAsync($"/{id}/versions/1")).GetProperty("terms"), ContractParty.Json)!;
        Assert.Equal(good.Penalties.SuccessRateTargets, saved.Penalties.SuccessRateTargets);
        Assert.Equal(good.Penalties.PerBreach, saved.Penalties.PerBreach);
        Assert.Equal((12m, 100m), (saved.Penalties.AnnualCapPercent, saved.Penalties.MinimumTotal));

        var entry = (await manager.GetAsync($"/{id}/audit?limit=50")).GetProperty("items").EnumerateArray()
            .First(item => item.GetProperty("action").GetString() == "version.terms-changed");
        var changes = entry.GetProperty("before").GetProperty("changes").EnumerateArray()
            .ToDictionary(change => change.GetProperty("field").GetString()!, change => change.GetProperty("after").ToString());
        Assert.Equal("98", changes["penalties.successRateTargets[P1/respond].targetPercent"]);
        Assert.Equal("12", changes["penalties.annualCapPercent"]);
        Assert.Equal("100", changes["penalties.minimumTotal"]);
        Assert.Equal(12m, entry.GetProperty("after").GetProperty("terms").GetProperty("penalties").GetProperty("annualCapPercent").GetDecimal());
    }
}

/// <summary>Numbers of the terms: a required one left out, or one too long to keep, is refused naming it, never stored as 0 or rounded.</summary>
[Collection(SystemCollection.Name)]
public sealed class TermsNumbersTests(InfogeranceSystem system)
{
    [Theory]
    [InlineData("prices.workUnits[0].unitPrice", HttpStatusCode.UnprocessableEntity)]
    [InlineData("penalties.perBreach[0].amount", HttpStatusCode.UnprocessableEntity)]
    [InlineData("penalties.monthlyCapPercent", HttpStatusCode.UnprocessableEntity)]
    [InlineData("sla.targets[0].respond.value", HttpStatusCode.UnprocessableEntity)]
    public async Task A_number_left_out_is_a_422_naming_it_and_nothing_is_saved(string field, HttpStatusCode expected)
    {
        var (manager, id, terms) = await DraftAsync();
        using (manager)
        {
            var parent = (JsonObject)Walk(terms, field[..field.LastIndexOf('.')]);
            parent.Remove(field[(field.LastIndexOf('.') + 1)..]);
            var refused = await manager.PutAsync($"/{id}/versions/1/terms", terms, expected);
            Assert.Equal([field], refused.GetProperty("errors").EnumerateObject().Select(error => error.Name));
            Assert.Equal("This value is required.", refused.GetProperty("errors").GetProperty(field)[0].GetString());
            Assert.Equal(12_500m, (await manager.GetAsync($"/{id}/versions/1")).GetProperty("terms").GetProperty("prices").GetProperty("monthlyFee").GetDecimal());
        }
    }

    [Fact]
    public async Task A_number_with_more_digits_than_can_be_kept_is_refused_not_rounded()
    {
        var (manager, id, terms) = await DraftAsync();
        using (manager)
        {
            var body = terms.ToJsonString().Replace("\"monthlyFee\":12500", "\"monthlyFee\":13200." + new string('3', 400), StringComparison.Ordinal);
            using var content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");
            using var response = await manager.Client.PutAsync($"/{id}/versions/1/terms", content, TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            var problem = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
            Assert.Equal("malformed.number.inexact", problem.GetProperty("errorCodes").GetProperty("prices.monthlyFee")[0].GetProperty("code").GetString());
            Assert.Equal(12_500m, (await manager.GetAsync($"/{id}/versions/1")).GetProperty("terms").GetProperty("prices").GetProperty("monthlyFee").GetDecimal());
        }
    }

    [Theory]
    [InlineData("0001-01-01")]
    [InlineData("9999-12-31")]
    public async Task A_day_no_contract_can_have_is_refused_naming_it(string day)
    {
        var (manager, id, terms) = await DraftAsync();
        using (manager)
        {
            terms["revision"] = new JsonObject { ["index"] = "SYNTEC", ["a"] = 0.15, ["b"] = 0.85, ["referenceMonth"] = "2025-01", ["anniversary"] = day };
            var refused = await manager.PutAsync($"/{id}/versions/1/terms", terms, HttpStatusCode.UnprocessableEntity);
            Assert.Equal("malformed.date.outOfBounds",
                refused.GetProperty("errorCodes").GetProperty("revision.anniversary")[0].GetProperty("code").GetString());
        }
    }

    private async Task<(ContractParty Manager, Guid Id, JsonObject Terms)> DraftAsync()
    {
        var manager = await ContractParty.SignInAsync(system, DemoWorld.Acme, Roles.ContractManager, "Marc Dubois");
        var id = (await manager.PostAsync("/", new { reference = $"NUM-{Guid.NewGuid():N}"[..16], title = "Nombres", providerOrganisationId = DemoWorld.Antares },
            HttpStatusCode.Created)).GetProperty("id").GetGuid();
        var terms = JsonNode.Parse((await manager.GetAsync($"/{id}/versions/1")).GetProperty("terms").GetRawText())!.AsObject();
        terms["prices"]!["monthlyFee"] = 12_500;
        terms["prices"]!["workUnits"] = new JsonArray(new JsonObject { ["code"] = "INT", ["label"] = "Intervention", ["unitPrice"] = 450 });
        await manager.PutAsync($"/{id}/versions/1/terms", terms);
        return (manager, id, terms);
    }

    private static JsonNode Walk(JsonNode node, string path)
    {
        foreach (var part in path.Split('.'))
        {
            var bracket = part.IndexOf('[', StringComparison.Ordinal);
            node = bracket < 0 ? node[part]! : node[part[..bracket]]![int.Parse(part[(bracket + 1)..^1], System.Globalization.CultureInfo.InvariantCulture)]!;
        }

        return node;
    }
}
