using System.Globalization;
using System.Text;
using ClosedXML.Excel;
using Infogerance.Data;
using Infogerance.IntegrationEvents;
using Infogerance.Reporting.Domain;
using Infogerance.Reporting.Exports;
using Infogerance.Validation;
using NodaTime;
using UglyToad.PdfPig;
using static Infogerance.Reporting.Tests.Months;

namespace Infogerance.Reporting.Tests;

/// <summary>The portfolio's rows from the scorecards, their trends, sorts, notice deadlines and files.</summary>
public class PortfolioTests
{
    private static readonly DateTimeOffset Later = At("2026-06-15T12:00:00Z");

    private static readonly PortfolioContract Contract =
        new(Guid.NewGuid(), "ACME-INFOG-01", Guid.NewGuid(), Guid.NewGuid(), "run", new DateOnly(2028, 9, 30));

    [Fact]
    public void A_row_takes_the_scorecard_s_figures_and_the_overall_rate_over_every_clock()
    {
        var march = Scorecard(3, met: 3, missed: 1, breaches: 2, penalties: 500m);
        var february = Scorecard(2, met: 1, missed: 1, breaches: 3, penalties: null);

        var row = Portfolios.Row(Contract, march, february, Sides.Client);

        Assert.Equal(("2026-03", 75.00m, 2, 500m), (row.Month, row.SuccessRate, row.Breaches, row.PenaltiesDue));
        Assert.Equal(march.Sla, row.Sla);
        Assert.Equal(march.Statuses.Sla, row.SlaStatus);
        Assert.Equal((march.Satisfaction.Mean, march.Satisfaction.Answers), (row.SatisfactionMean, row.SatisfactionAnswers));
        Assert.Equal(new Trend(Portfolios.Up, UpIsGood: true), row.Trends.SuccessRate);
        Assert.Equal(new Trend(Portfolios.Down, UpIsGood: false), row.Trends.Breaches);
        Assert.Equal(new Trend(null, UpIsGood: false), row.Trends.PenaltiesDue); // February's statement not issued
        Assert.Equal(Portfolios.Flat, row.Trends.Backlog.Direction);
        Assert.NotNull(row.Budget);
        Assert.Equal(new DateOnly(2028, 9, 30), row.NoticeDeadline);
    }

    [Fact]
    public void The_provider_s_row_has_no_budget()
    {
        var row = Portfolios.Row(Contract, Scorecard(3, 1, 0, 0, null), Scorecard(2, 1, 0, 0, null), Sides.Provider);
        Assert.Null(row.Budget);
    }

    [Fact]
    public void The_overall_rate_is_null_without_a_completed_clock_and_rounds_half_away_from_zero()
    {
        Assert.Null(Portfolios.SuccessRate(Scorecard(3, 0, 0, 0, null)));
        Assert.Equal(66.67m, Portfolios.SuccessRate(Scorecard(3, met: 2, missed: 1, 0, null)));
        Assert.Equal(new Trend(null, true), Portfolios.Trend(null, 50m, upIsGood: true));
    }

    [Theory]
    [InlineData("reference", "asc", "A,B,C")]
    [InlineData("reference", "desc", "C,B,A")]
    [InlineData("successRate", "asc", "C,A,B")]
    [InlineData("successRate", "desc", "A,C,B")] // no rate last either way
    [InlineData("breaches", "desc", "B,A,C")] // ties in reference order
    [InlineData("noticeDeadline", "asc", "C,B,A")]
    public void Rows_sort_on_a_headline_column_with_unknown_values_last(string sort, string order, string expected)
    {
        PortfolioRow Row(string reference, decimal? rate, int breaches, DateOnly? notice) =>
            Portfolios.Row(Contract with { Reference = reference, NoticeDeadline = notice }, Scorecard(3, 1, 0, 0, null), Scorecard(2, 1, 0, 0, null), Sides.Client)
                with { SuccessRate = rate, Breaches = breaches };
        var rows = new[]
        {
            Row("B", null, 4, new DateOnly(2027, 1, 1)), Row("C", 80m, 1, new DateOnly(2026, 12, 31)), Row("A", 90m, 1, null),
        };

        Assert.Equal(expected, string.Join(",", Portfolios.Sort(rows, sort, order).Select(r => r.Reference)));
    }

    [Fact]
    public void A_bad_sort_or_order_is_named()
    {
        Assert.True(Portfolios.CheckSort(null, null).IsEmpty);
        Assert.True(Portfolios.CheckSort("penaltiesDue", "desc").IsEmpty);
        Assert.Equal(["order", "sort"], Portfolios.CheckSort("budget", "up").Fields.Order());
    }

    [Fact]
    public void The_notice_deadline_follows_the_renewal_terms_in_force_and_none_for_an_ending_contract()
    {
        var terms = Terms(); // from 1 January 2026, 36 months, renewed by 12, notice 3
        Assert.Equal(new DateOnly(2028, 9, 30), Portfolios.NoticeDeadline(terms, "run", isOpen: true, new DateOnly(2026, 6, 15)));
        Assert.Equal(new DateOnly(2029, 9, 30), Portfolios.NoticeDeadline(terms, "run", isOpen: true, new DateOnly(2028, 10, 1)));
        Assert.Null(Portfolios.NoticeDeadline(terms, "reversibility", isOpen: true, new DateOnly(2026, 6, 15)));
        Assert.Null(Portfolios.NoticeDeadline(terms, "run", isOpen: false, new DateOnly(2026, 6, 15)));
        Assert.Null(Portfolios.NoticeDeadline(terms with { RenewalPeriodMonths = 0 }, "run", isOpen: true, new DateOnly(2028, 10, 1)));
        Assert.Null(Portfolios.NoticeDeadline(null, "run", isOpen: true, new DateOnly(2026, 6, 15)));
    }

    [Fact]
    public void A_month_is_read_as_yyyy_MM_or_absent()
    {
        Assert.True(ContractMonths.TryRead(null, out var none));
        Assert.Null(none);
        Assert.True(ContractMonths.TryRead("2026-03", out var march));
        Assert.Equal(new YearMonth(2026, 3), march);
        Assert.False(ContractMonths.TryRead("2026-13", out _));
    }

    [Fact]
    public void The_files_hold_one_row_per_contract_and_the_provider_s_no_budget()
    {
        var client = Page(Sides.Client);
        var csv = Encoding.UTF8.GetString(Languages.In("fr", () => Sheets.Csv([PortfolioExports.Sheet(client)]))).TrimStart('\uFEFF');
        var header = csv.Split('\n')[0];
        Assert.Contains("reference", header);
        Assert.Contains("successRate", header);
        Assert.Contains("plannedToDate", header);
        Assert.Contains("ACME-INFOG-01", csv);
        Assert.DoesNotContain("plannedToDate", Encoding.UTF8.GetString(Sheets.Csv([PortfolioExports.Sheet(Page(Sides.Provider))])));

        using var workbook = new XLWorkbook(new MemoryStream(Sheets.Xlsx([PortfolioExports.Sheet(client)])));
        var sheet = workbook.Worksheet("portfolio");
        Assert.Equal("reference", sheet.Cell(1, 2).GetString());
        Assert.Equal("ACME-INFOG-01", sheet.Cell(2, 2).GetString());
        Assert.Equal(75.00, sheet.Cell(2, 8).GetDouble());

        var pdf = Languages.In("fr", () => PortfolioExports.Pdf(client));
        Assert.StartsWith("%PDF-", Encoding.ASCII.GetString(pdf, 0, 5));
        using var document = PdfDocument.Open(pdf);
        var text = string.Join(" ", document.GetPages().SelectMany(p => p.GetWords()).Select(w => w.Text));
        Assert.Contains("Portefeuille", text);
        Assert.Contains("ACME-INFOG-01", text);
    }

    private static PortfolioPage Page(string side) => new(
        "2026-03", Later, side, PortfolioSorts.Reference, PortfolioSorts.Ascending,
        [Portfolios.Row(Contract, Scorecard(3, 3, 1, 2, 500m), Scorecard(2, 1, 1, 3, null), side)]);

    private static Scorecard Scorecard(int month, int met, int missed, int breaches, decimal? penalties)
    {
        var day = $"2026-{month.ToString("D2", CultureInfo.InvariantCulture)}";
        return Scorecards.Compute(Input(Month(2026, month), Later,
            Terms(new PenaltyRules { SuccessRateTargets = [new SuccessRateTarget("P2", SlaClocks.Resolve, 95m, 1m, 10m)] }),
            tickets: [Ticket($"{day}-05T10:00:00+01:00", $"{day}-06T10:00:00+01:00", score: 4, ratedAt: $"{day}-06T12:00:00+01:00")],
            clocks: [.. Enumerable.Range(0, met).Select(i => Clock($"{day}-06T1{i}:00:00+01:00", met: true)),
                     .. Enumerable.Range(0, missed).Select(i => Clock($"{day}-07T1{i}:00:00+01:00", met: false))],
            breaches: [.. Enumerable.Range(0, breaches).Select(i => Breach($"{day}-08T1{i}:00:00+01:00"))],
            statement: penalties is { } due ? new StatementFact(due, 0m, 0m, 0m, 0m, false, due, 0m, due, 1) : null,
            budget: new BudgetFact(120_000m, new Dictionary<int, decimal>())));
    }
}
