using System.Text;
using Infogerance.IntegrationEvents;
using Infogerance.Invoicing.Data;
using Infogerance.Invoicing.Domain;
using NodaTime;

namespace Infogerance.Invoicing.Tests;

/// <summary>The pure parts of the stored statements: availability from outages, the contract year, waivers, the export.</summary>
public sealed class StatementDraftTests
{
    private static readonly StatementMonth March = Statements.March2027;
    private static readonly DateTimeOffset Later = new(2027, 5, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Availability_counts_overlapping_outages_once_over_the_whole_month_in_the_zone()
    {
        // March 2027 in Paris: 743 hours (the spring change). Two overlapping outages of ERP: 10:00–12:00 and 11:00–13:00 = 3 h.
        OutagePeriod[] outages =
        [
            new("ERP", Statements.March(2, 10), Statements.March(2, 12)),
            new(" erp ", Statements.March(2, 11), Statements.March(2, 13)),
            new("Mail", Statements.March(30, 0), null),
        ];
        var availability = MonthlyAvailability.Of(outages, March, Later);
        var erp = Assert.Single(availability, service => service.Service == "ERP");

        // (743 − 3) / 743 = 99.5962…% cut to 99.59.
        Assert.Equal(99.59m, erp.Percent);

        // Mail is down from the 30th at midnight to the month's end (still open): 48 hours of 743 → 93.5397… → 93.53.
        Assert.Equal(93.53m, Assert.Single(availability, service => service.Service == "Mail").Percent);
    }

    [Fact]
    public void Availability_ignores_outages_outside_the_month_and_cuts_those_across_its_edges()
    {
        OutagePeriod[] outages =
        [
            new("ERP", new(2027, 2, 28, 22, 0, 0, TimeSpan.FromHours(1)), Statements.March(1, 1)),
            new("CRM", new(2027, 2, 1, 0, 0, 0, TimeSpan.Zero), new(2027, 2, 2, 0, 0, 0, TimeSpan.Zero)),
        ];
        var erp = Assert.Single(MonthlyAvailability.Of(outages, March, Later));
        Assert.Equal("ERP", erp.Service);
        Assert.Equal(MonthlyAvailability.Percent(3600, 743 * 3600), erp.Percent);
    }

    [Fact]
    public void Percent_is_cut_not_rounded_so_a_band_threshold_is_not_reached_by_rounding()
    {
        // 99.4999…% stays below a 99.5 band.
        Assert.Equal(99.49m, MonthlyAvailability.Percent(101, 20_000));
        Assert.Equal(99.5m, MonthlyAvailability.Percent(100, 20_000));
        Assert.Equal(100m, MonthlyAvailability.Percent(0, 200));
        Assert.Equal(0m, MonthlyAvailability.Percent(500, 200));
    }

    [Theory]
    [InlineData("2026-03-15", "2026-02", "2026-03")] // before the start: the first contract year
    [InlineData("2026-03-15", "2026-03", "2026-03")]
    [InlineData("2026-03-15", "2027-03", "2026-03")] // 1 March 2027 is before the anniversary of the 15th
    [InlineData("2026-03-15", "2027-04", "2027-03")]
    [InlineData("2026-03-01", "2027-03", "2027-03")]
    [InlineData("2026-03-01", "2027-02", "2026-03")]
    public void The_contract_year_starts_at_the_latest_anniversary_on_or_before_the_month(string start, string month, string expected)
    {
        var first = ContractYear.FirstMonth(DateOnly.Parse(start, System.Globalization.CultureInfo.InvariantCulture), StatementMonth.Parse(month)!.Value);
        Assert.Equal(StatementMonth.Parse(expected), first);
    }

    [Fact]
    public void A_waived_line_leaves_the_net_before_the_caps_and_the_minimum()
    {
        var rules = new PenaltyRules
        {
            PerBreach = [new BreachPenalty("P1", PenaltyKinds.Fixed, 500m)],
            MonthlyFreeBreaches = 1,
            MinimumTotal = 600m,
        };
        var result = Statements.Compute(rules, breaches:
        [
            Statements.Breach(1, "P1", "respond", Statements.March(2)),
            Statements.Breach(2, "P1", "respond", Statements.March(3)),
            Statements.Breach(3, "P1", "respond", Statements.March(4)),
        ]);
        Assert.Equal(1000m, result.Total);
        var lines = result.Lines.Select(line => new StatementLine(
            StatementLines.KeyOf(line, Guid.Empty), null, line.Ticket, line.Ticket is 1 or 3, line, null)).ToList();

        // Ticket 1 is free (nothing more to waive); ticket 3's 500 leaves the net: 500 is below the 600 minimum.
        var (waived, _, _, below, total) = StatementLines.Settle(result, lines, 13_200m, rules, 0m);
        Assert.Equal((500m, true, 0m), (waived, below, total));
    }

    [Fact]
    public void Lines_keys_name_the_breach_the_target_or_the_service()
    {
        var id = Guid.Parse("0197a3c2-0000-7000-8000-000000000001");
        Assert.Equal($"breach:{id}:resolve", StatementLines.KeyOf(new PenaltyLine { Kind = PenaltyLineKinds.Breach, Amount = 1, Clock = "resolve" }, id));
        Assert.Equal("successRate:successRateTargets[1]", StatementLines.KeyOf(new PenaltyLine { Kind = PenaltyLineKinds.SuccessRate, Amount = 1, Rule = "successRateTargets[1]" }, null));
        Assert.Equal("availability:ERP", StatementLines.KeyOf(new PenaltyLine { Kind = PenaltyLineKinds.Availability, Amount = 1, Service = "Erp" }, null));
    }

    [Fact]
    public void Months_between_are_listed_latest_first()
    {
        Assert.Equal(
            [new YearMonth(2027, 1), new YearMonth(2026, 12), new YearMonth(2026, 11)],
            StatementLines.MonthsBetween(new YearMonth(2026, 11), new YearMonth(2027, 1)));
        Assert.Empty(StatementLines.MonthsBetween(new YearMonth(2027, 2), new YearMonth(2027, 1)));
    }

    [Fact]
    public void Late_increases_are_billed_only_within_what_is_left_of_the_annual_cap_oldest_first()
    {
        StatementAdjustment[] adjustments = [new("2027-02", 300m), new("2027-01", 200m), new("2026-12", -50m)];

        // 400 left after this month: the refund of 50 adds to it; January's 200 whole, then 250 of February's 300.
        var recapped = StatementLines.Recap(adjustments, 400m);
        Assert.Equal(
            [("2026-12", -50m, 0m), ("2027-01", 200m, 0m), ("2027-02", 300m, 50m)],
            recapped.Select(a => (a.ForMonth, a.Amount, a.CapDeducted)));
        Assert.Equal(400m, recapped.Sum(a => a.Due));

        // The cap already used up by this month's total: the refund's 50 is the only room, which January's increase takes.
        Assert.Equal([-50m, 50m, 0m], StatementLines.Recap(adjustments, -20m).Select(a => a.Due));

        // Exactly enough room: nothing deducted. No annual cap: the differences whole.
        Assert.All(StatementLines.Recap([new("2027-01", 150m)], 150m), a => Assert.Equal(0m, a.CapDeducted));
        Assert.Same(adjustments, StatementLines.Recap(adjustments, null));
    }

    [Fact]
    public void The_export_has_a_row_per_line_then_the_totals_and_escapes_formulas()
    {
        var statement = new StatementView(
            Guid.NewGuid(), "2027-03", StatementStatuses.Draft, null, "Europe/Paris", 1, 13_200m, 0m, 1_160m, 500m, 0m, 0m, 0m, false, 660m,
            [new StatementAdjustment("2027-02", -12.5m)], 647.5m,
            [
                new StatementLine("breach:x:resolve", Guid.Empty, 1042, false,
                    new PenaltyLine { Kind = PenaltyLineKinds.Breach, Amount = 500m, Free = true, Ticket = 1042, Priority = "P1", Clock = "resolve", BreachedAt = Statements.March(2) }, null),
                new StatementLine("availability:=ERP", null, null, false,
                    new PenaltyLine { Kind = PenaltyLineKinds.Availability, Amount = 660m, Service = "=ERP", AvailabilityPercent = 99.1m }, null),
            ]);
        var csv = Encoding.UTF8.GetString(StatementExport.Csv(statement)).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("kind,key,ticketId,ticketNumber", csv[0]);
        Assert.Contains("2027-03-02T10:00:00+01:00", csv[1]);
        Assert.EndsWith(",true,false,,500", csv[1]);
        Assert.DoesNotContain(",=ERP", csv[2]);
        Assert.Equal("adjustment 2027-02,,,,,,,,,,,,,,,-12.5", csv[3]);
        Assert.Equal("totalDue,,,,,,,,,,,,,,,647.5", csv[^1]);
        Assert.Equal(2 + 1 + 8 + 1, csv.Length);

        using var workbook = new ClosedXML.Excel.XLWorkbook(new MemoryStream(StatementExport.Xlsx(statement)));
        var sheet = workbook.Worksheet("2027-03");
        Assert.Equal("P1", sheet.Cell(2, 5).GetString());
        Assert.Equal(647.5, sheet.Cell(12, 16).GetDouble());
    }
}
