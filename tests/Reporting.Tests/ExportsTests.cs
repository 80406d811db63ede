using System.Globalization;
using System.Text;
using System.Text.Json;
using ClosedXML.Excel;
using Infogerance.IntegrationEvents;
using Infogerance.Reporting.Data;
using Infogerance.Reporting.Domain;
using Infogerance.Reporting.Exports;
using Infogerance.Validation;
using UglyToad.PdfPig;
using static Infogerance.Reporting.Tests.Months;

namespace Infogerance.Reporting.Tests;

/// <summary>The scorecard and the review's pack as files, read back: the PDF's texts in each language, the spreadsheets' tables.</summary>
public class ExportsTests
{
    private static readonly DateTimeOffset Later = At("2026-06-15T12:00:00Z");

    [Fact]
    public void The_scorecard_pdf_speaks_the_caller_s_language_and_writes_euros_its_way()
    {
        var scorecard = March();

        var french = Text(Languages.In("fr", () => ReportExports.ScorecardPdf(scorecard)));
        Assert.Contains("Tableau de bord mensuel — Mars 2026", french);
        Assert.Contains("ACME-INFOG-01", french);
        Assert.Contains("Taux de réussite SLA", french);
        Assert.Contains("1 250,50 €", french);
        Assert.Contains("66,67 %", french);
        Assert.Contains("Page 1 sur", french);

        var english = Text(Languages.In("en", () => ReportExports.ScorecardPdf(scorecard)));
        Assert.Contains("Monthly scorecard — March 2026", english);
        Assert.Contains("€1,250.50", english);
        Assert.Contains("66.67%", english);
        Assert.DoesNotContain("Tableau", english);
    }

    [Fact]
    public void The_review_pack_pdf_holds_the_figures_the_minutes_and_the_action_plan()
    {
        var review = Review();

        var french = Text(Languages.In("fr", () => ReportExports.ReviewPdf(review)));
        Assert.Contains("Bilan de pilotage — T1 2026", french);
        Assert.Contains("Totaux de la période", french);
        Assert.Contains("Mois par mois", french);
        Assert.Contains("Le P2 reste sous la cible", french);
        Assert.Contains("Plan d'actions", french);
        Assert.Contains("Sondes de supervision", french);
        Assert.Contains("en retard", french);
        Assert.Contains("Technologie à adopter", french);
        Assert.Contains("Approuvé par Marc Dubois", french);
        Assert.Contains("Pas encore approuvé", french);

        var english = Text(Languages.In("en", () => ReportExports.ReviewPdf(review)));
        Assert.Contains("Periodic review — Q1 2026", english);
        Assert.Contains("Action plan", english);
        Assert.Contains("overdue", english);
    }

    [Fact]
    public void The_spreadsheets_keep_codes_and_numbers_with_a_label_in_the_caller_s_language()
    {
        var review = Review();

        var csv = Encoding.UTF8.GetString(Languages.In("fr", () => Sheets.Csv(ReportExports.ReviewSheets(review)))).TrimStart('\uFEFF');
        var lines = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        // One column per name across the sheets: the header's value and the figures' share theirs.
        Assert.StartsWith("sheet,field,value,period,figure,label,priority,clock,kind,subject,target,status,indicator", lines[0]);
        Assert.Contains(lines, l => l.StartsWith("figures,,66.67,2026-01..2026-03,sla.successRate,Taux de réussite SLA,P2,resolve,,,95.00,red", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("actions,", StringComparison.Ordinal) && l.Contains("Sondes de supervision", StringComparison.Ordinal));

        using var workbook = new XLWorkbook(new MemoryStream(Sheets.Xlsx(ReportExports.ReviewSheets(review))));
        Assert.Equal(["review", "figures", "comments", "decisions", "improvements", "actions"], workbook.Worksheets.Select(s => s.Name));
        var actions = workbook.Worksheet("actions");
        Assert.Equal("Sondes de supervision", actions.Cell(2, 1).GetString());
        Assert.Equal(new DateTime(2026, 3, 15), actions.Cell(2, 4).GetDateTime());
        Assert.True(actions.Cell(2, 6).GetBoolean());
    }

    [Fact]
    public void A_snapshot_reads_back_as_it_was_stored()
    {
        var snapshot = Review().Snapshot;

        var stored = JsonSerializer.Serialize(snapshot, ReviewStore.Json);
        var read = JsonSerializer.Deserialize<ReviewSnapshot>(stored, ReviewStore.Json)!;

        Assert.Equal(stored, JsonSerializer.Serialize(read, ReviewStore.Json));
        Assert.Equal(snapshot.Months[0].Sla.Count, read.Months[0].Sla.Count);
        Assert.Null(read.ForSide(ReviewSides.Provider).Months[0].Budget);
        Assert.Null(read.ForSide(ReviewSides.Provider).Totals.Budget);
        Assert.NotNull(read.ForSide(ReviewSides.Client).Totals.Budget);
    }

    private static Scorecard March(int month = 3) => Scorecards.Compute(Input(Month(2026, month), Later,
        Terms(new PenaltyRules { SuccessRateTargets = [new SuccessRateTarget("P2", SlaClocks.Resolve, 95m, 1m, 10m)] }),
        tickets: [Ticket($"2026-{month:D2}-05T10:00:00+01:00", $"2026-{month:D2}-06T10:00:00+01:00", score: 4, ratedAt: $"2026-{month:D2}-06T12:00:00+01:00")],
        clocks: [Clock($"2026-{month:D2}-06T10:00:00+01:00", met: true), Clock($"2026-{month:D2}-07T10:00:00+01:00", met: true),
                 Clock($"2026-{month:D2}-08T10:00:00+01:00", met: false)],
        outages: [new OutageFact(Guid.NewGuid(), "ERP", At($"2026-{month:D2}-10T10:00:00+01:00"), At($"2026-{month:D2}-10T12:00:00+01:00"))],
        statement: new StatementFact(1_250.50m, 0m, 0m, 0m, 0m, false, 1_250.50m, 0m, 1_250.50m, 1),
        budget: new BudgetFact(120_000m, new Dictionary<int, decimal>()))) with { Reference = "ACME-INFOG-01" };

    private static Review Review()
    {
        var months = new[] { March(1), March(2), March(3) };
        var snapshot = new ReviewSnapshot(At("2026-04-02T08:00:00Z"), months, ScorecardTotals.Of(months));
        var id = Guid.NewGuid();
        var header = new ReviewHeader(
            id, Guid.NewGuid(), 1, "2026-Q1", Cadences.Quarterly, months[0].From, months[^1].To, "Comité du premier trimestre", new DateOnly(2026, 4, 10),
            ReviewStatuses.Open, 4, At("2026-04-02T08:00:00Z"), "Marc Dubois", ReviewSides.Client,
            Approvals.None.With(ReviewSides.Client, new Approval("Marc Dubois", Guid.NewGuid(), At("2026-04-10T15:00:00Z"))), null) { Reference = "ACME-INFOG-01" };
        var action = new ActionItem(Guid.NewGuid(), id, "Sondes de supervision", ReviewSides.Provider, "Antoine Garnier", new DateOnly(2026, 3, 15),
            ActionStatuses.InProgress, 2, At("2026-04-02T09:00:00Z"), "Marc Dubois", At("2026-04-02T09:00:00Z"),
            [new ActionNote(Guid.NewGuid(), At("2026-04-03T09:00:00Z"), "Antoine Garnier", ReviewSides.Provider, "Commandées.", "open", "inProgress")])
        { Overdue = true };
        return new Review(header, snapshot,
            [new IndicatorComment(Figures.Sla, ReviewSides.Client, "Le P2 reste sous la cible depuis trois mois.", "Marc Dubois", At("2026-04-10T09:00:00Z"), 1)],
            [new ReviewPoint(Guid.NewGuid(), PointKinds.Decision, null, "Revoir la cible P2 au prochain avenant.", ReviewSides.Client, "Marc Dubois",
                At("2026-04-10T09:00:00Z"), At("2026-04-10T09:00:00Z"), 1)],
            [new ReviewPoint(Guid.NewGuid(), PointKinds.Improvement, ImprovementAxes.Technology, "Superviser les serveurs par sondes.", ReviewSides.Provider,
                "Antoine Garnier", At("2026-04-10T09:00:00Z"), At("2026-04-10T09:00:00Z"), 1)],
            [action]);
    }

    /// <summary>Every page's text, with the narrow and no-break spaces numbers are written with read as plain spaces.</summary>
    private static string Text(byte[] pdf)
    {
        Assert.StartsWith("%PDF-", Encoding.ASCII.GetString(pdf, 0, 5));
        using var document = PdfDocument.Open(pdf);
        var text = string.Join("\n", document.GetPages().Select(page =>
            string.Join(" ", page.GetWords().Select(w => w.Text))));
        return text.Replace('\u202f', ' ').Replace('\u00a0', ' ');
    }
}
