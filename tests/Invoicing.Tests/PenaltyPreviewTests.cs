using System.Text.Json;
using Infogerance.Invoicing.Domain;
using Infogerance.Validation;

namespace Infogerance.Invoicing.Tests;

/// <summary>The preview's request as the API reads it (web JSON), and the checks the computation needs.</summary>
public class PenaltyPreviewTests
{
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    public const string IssueExample = """
        { "month": "2027-03", "monthlyFee": 13200.00,
          "rules": { "perBreach": [ { "priority": "P1", "kind": "fixed", "amount": 500, "clock": "resolve" } ],
                     "monthlyFreeBreaches": 1,
                     "successRateTargets": [ { "priority": "P2", "clock": "resolve", "targetPercent": 95, "creditPercentPerPoint": 0.5, "maxCreditPercent": 5 } ],
                     "availabilityBands": [ { "belowPercent": 99.5, "penaltyPercentOfFee": 5 } ],
                     "monthlyCapPercent": 25, "annualCapPercent": 12, "minimumTotal": 100 },
          "breaches": [ { "ticket": 1042, "priority": "P1", "clock": "resolve", "breachedAt": "2027-03-02T10:00:00+01:00" } ],
          "clocks": [ { "priority": "P2", "clock": "resolve", "met": true } ],
          "availability": [ { "service": "ERP", "percent": 99.1 } ],
          "yearToDate": 55000.00 }
        """;

    private static PenaltyPreviewRequest Read(string json) => JsonSerializer.Deserialize<PenaltyPreviewRequest>(json, Web)!;

    [Fact]
    public void The_issue_example_reads_and_computes_as_worked_out_by_hand()
    {
        var (input, errors) = PenaltyPreview.Check(Read(IssueExample));

        Assert.True(errors.IsEmpty);
        var result = PenaltyStatement.Compute(input!);
        Assert.Equal((1_160m, 500m, 0m, 660m, true, 0m), (result.GrossAmount, result.FreeAmount, result.MonthlyCapDeducted, result.AnnualCapDeducted, result.BelowMinimum, result.Total));
        Assert.Equal("Europe/Paris", input!.Month.Zone.Id);
    }

    [Fact]
    public void Each_bad_field_is_named_by_its_json_path()
    {
        var request = Read("""
            { "month": "2027-13", "monthlyFee": -1, "timeZone": "Europe/Paris",
              "rules": { "perBreach": [ { "priority": "P9", "kind": "percent", "amount": -5, "clock": "fix" }, null ],
                         "monthlyFreeBreaches": -1,
                         "successRateTargets": [ { "priority": "P2", "clock": "both", "targetPercent": 101, "creditPercentPerPoint": -1, "maxCreditPercent": 200 } ],
                         "availabilityBands": [ { "belowPercent": 120, "penaltyPercentOfFee": -5 } ],
                         "monthlyCapPercent": 101, "annualCapPercent": -1, "minimumTotal": -100 },
              "breaches": [ { "ticket": 0, "priority": "P1", "clock": "resolve" }, null ],
              "clocks": [ { "priority": "P2", "clock": "resolve" } ],
              "availability": [ { "service": " ", "percent": 101 } ],
              "yearToDate": -1 }
            """);

        var (input, errors) = PenaltyPreview.Check(request);

        Assert.Null(input);
        Assert.Equal(
            [
                "month", "monthlyFee", "yearToDate",
                "rules.perBreach[0].priority", "rules.perBreach[0].clock", "rules.perBreach[0].kind", "rules.perBreach[0].amount", "rules.perBreach[1]",
                "rules.monthlyFreeBreaches",
                "rules.successRateTargets[0].clock", "rules.successRateTargets[0].targetPercent", "rules.successRateTargets[0].creditPercentPerPoint", "rules.successRateTargets[0].maxCreditPercent",
                "rules.availabilityBands[0].belowPercent", "rules.availabilityBands[0].penaltyPercentOfFee",
                "rules.monthlyCapPercent", "rules.annualCapPercent", "rules.minimumTotal",
                "breaches[0].ticket", "breaches[0].breachedAt", "breaches[1]",
                "clocks[0].met",
                "availability[0].service", "availability[0].percent",
            ],
            errors.Fields);
        Assert.All(errors.ByField.Values.SelectMany(m => m), m => Assert.NotEqual(m.English, m.French));
        Assert.All(errors.ByField.Values.SelectMany(m => m), m => Assert.Matches("^[a-z][A-Za-z]*(\\.[a-z][A-Za-z0-9]*)+$", m.Code));
    }

    [Fact]
    public void A_breach_or_a_completion_outside_the_month_of_the_zone_is_refused_under_its_path()
    {
        // 1 April 00:30 in Paris (summer time) is 31 March 22:30 UTC: April's in Paris, March's in UTC.
        var json = IssueExample
            .Replace("\"breaches\": [", "\"breaches\": [ { \"ticket\": 7, \"priority\": \"P2\", \"clock\": \"respond\", \"breachedAt\": \"2027-03-31T22:30:00Z\" },", StringComparison.Ordinal)
            .Replace("\"clocks\": [", "\"clocks\": [ { \"priority\": \"P2\", \"clock\": \"resolve\", \"met\": false, \"ticket\": 7, \"completedAt\": \"2027-03-31T22:15:00Z\" },", StringComparison.Ordinal);

        var (_, paris) = PenaltyPreview.Check(Read(json));
        Assert.Equal(["breaches[0].breachedAt", "clocks[0].completedAt"], paris.Fields);
        Assert.Equal("penalty.breach.outsideMonth", paris["breaches[0].breachedAt"].Single().Code);
        Assert.Equal("2027-03", paris["breaches[0].breachedAt"].Single().Parameters["month"]);

        var (utcInput, utc) = PenaltyPreview.Check(Read(json.Replace("{ \"month\"", "{ \"timeZone\": \"UTC\", \"month\"", StringComparison.Ordinal)));
        Assert.True(utc.IsEmpty);
        Assert.Equal(2, utcInput!.Breaches.Count);
    }

    [Fact]
    public void Required_parts_and_unknown_zones_are_named()
    {
        var (_, errors) = PenaltyPreview.Check(Read("""{ "timeZone": "Mars/Olympus" }"""));

        Assert.Equal(["timeZone", "month", "monthlyFee", "rules"], errors.Fields);
    }

    [Fact]
    public void Absent_lists_mean_none_absent_numbers_and_explicit_nulls_are_refused()
    {
        const string Numbers = """ "monthlyFreeBreaches": 0, "monthlyCapPercent": 0, "annualCapPercent": 0, "minimumTotal": 0 """;
        var (input, errors) = PenaltyPreview.Check(Read($$"""{ "month": "2027-03", "monthlyFee": 1000, "rules": { {{Numbers}} } }"""));
        Assert.True(errors.IsEmpty);
        Assert.Equal(0m, PenaltyStatement.Compute(input!).Total);

        // A zero says "none"; a number left out is no answer (the API names it in a 422).
        var missing = Assert.Throws<JsonException>(() => Read("""{ "month": "2027-03", "monthlyFee": 1000, "rules": {} }"""));
        Assert.Contains("missing required properties", missing.Message, StringComparison.Ordinal);

        var (_, nulls) = PenaltyPreview.Check(Read($$"""{ "month": "2027-03", "monthlyFee": 1000, "rules": { {{Numbers}}, "perBreach": null, "availabilityBands": null } }"""));
        Assert.Equal(["rules.perBreach", "rules.availabilityBands"], nulls.Fields);
    }
}
