using Infogerance.Data;
using Infogerance.Reporting.Domain;
using Infogerance.Validation;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Infogerance.Reporting.Exports;

/// <summary>
/// A portfolio as files, by the conventions of the scorecard's: CSV and XLSX one row per contract (stable column codes,
/// numbers as numbers), PDF a table of the contracts with their statuses, in the caller's language. The provider's files
/// have no budget columns, as its portfolio has no budget.
/// </summary>
public static class PortfolioExports
{
    private static readonly Message Title = new("reporting.export.portfolio.title", "Contract portfolio", "Portefeuille de contrats");
    private static readonly Message Phase = new("reporting.export.portfolio.phase", "Phase", "Phase");
    private static readonly Message Breaches = new("reporting.export.portfolio.breaches", "Breaches", "Dépassements");
    private static readonly Message Backlog = new("reporting.export.portfolio.backlog", "Backlog", "Stock");
    private static readonly Message Satisfaction = new("reporting.export.portfolio.satisfaction", "Satisfaction", "Satisfaction");
    private static readonly Message Penalties = new("reporting.export.portfolio.penalties", "Penalties due", "Pénalités dues");
    private static readonly Message Invoiced = new("reporting.export.portfolio.invoiced", "Invoiced", "Facturé");
    private static readonly Message Budget = new("reporting.export.portfolio.budget", "Invoiced / plan to date", "Facturé / prévu à date");
    private static readonly Message Notice = new("reporting.export.portfolio.notice", "Notice by", "Préavis avant le");
    private static readonly Message NoContract = new("reporting.export.portfolio.none", "No contract.", "Aucun contrat.");

    public static FileContentHttpResult File(PortfolioPage page, string format)
    {
        ArgumentNullException.ThrowIfNull(page);
        var name = $"{ReportExports.Word("portfolio", "portefeuille")}-{page.Month}";
        return format switch
        {
            ExportFormats.Pdf => ReportExports.Answer(Pdf(page), ReportExports.PdfType, name, format),
            ExportFormats.Xlsx => ReportExports.Answer(Sheets.Xlsx([Sheet(page)]), ReportExports.XlsxType, name, format),
            _ => ReportExports.Answer(Sheets.Csv([Sheet(page)]), ReportExports.CsvType, name, format),
        };
    }

    /// <summary>One row per contract; the budget's columns only on the client's side.</summary>
    public static Sheet Sheet(PortfolioPage page)
    {
        ArgumentNullException.ThrowIfNull(page);
        var client = page.Side != Sides.Provider;
        List<string> columns =
        [
            "contractId", "reference", "clientId", "providerOrganisationId", "phase", "month", "complete", "successRate", "slaStatus", "successRateTrend",
            "breaches", "breachesStatus", "breachesTrend", "backlog", "backlogTrend", "satisfactionMean", "satisfactionAnswers", "satisfactionTrend",
            "penaltiesDue", "penaltiesStatus", "penaltiesDueTrend", "invoiced", "invoicingStatus", "invoicedTrend", "noticeDeadline",
        ];
        if (client)
        {
            columns.AddRange(["budgetYear", "plannedYear", "plannedToDate", "invoicedToDate", "budgetStatus"]);
        }

        return new Sheet("portfolio", columns, [.. page.Contracts.Select(r =>
        {
            List<object?> cells =
            [
                r.ContractId.ToString(), r.Reference, r.ClientId.ToString(), r.ProviderOrganisationId.ToString(), r.Phase, r.Month, r.Complete,
                r.SuccessRate, r.SlaStatus, r.Trends.SuccessRate.Direction, r.Breaches, r.BreachesStatus, r.Trends.Breaches.Direction, r.Backlog,
                r.Trends.Backlog.Direction, r.SatisfactionMean, r.SatisfactionAnswers, r.Trends.Satisfaction.Direction, r.PenaltiesDue, r.PenaltiesStatus,
                r.Trends.PenaltiesDue.Direction, r.Invoiced, r.InvoicingStatus, r.Trends.Invoiced.Direction, r.NoticeDeadline,
            ];
            if (client)
            {
                cells.AddRange([r.Budget?.Year, r.Budget?.PlannedYear, r.Budget?.PlannedToDate, r.Budget?.InvoicedToDate, r.Budget?.Status]);
            }

            return cells.ToArray();
        })]);
    }

    public static byte[] Pdf(PortfolioPage page)
    {
        ArgumentNullException.ThrowIfNull(page);
        var title = $"{Title.Text} — {ExportTexts.Month(page.Month)}";
        using var pdf = new PdfReport(title, title);
        pdf.Title(title, $"{ExportTexts.AsOf.Text} {ExportTexts.Instant(page.AsOf)} (UTC)");
        if (page.Contracts.Count == 0)
        {
            pdf.Paragraph(NoContract.Text, muted: true);
            return pdf.Save();
        }

        var client = page.Side != Sides.Provider;
        List<string> headers =
        [
            ExportTexts.Contract.Text, Phase.Text, ExportTexts.Rate.Text, Breaches.Text, Backlog.Text, Satisfaction.Text, Penalties.Text, Invoiced.Text,
        ];
        List<double> widths = [1.6, 1, 1, 0.9, 0.8, 0.9, 1.1, 1.1];
        if (client)
        {
            headers.Add(Budget.Text);
            widths.Add(1.4);
        }

        headers.Add(Notice.Text);
        widths.Add(1.1);
        pdf.Table(headers, widths, page.Contracts.Select(r =>
        {
            List<Cell> cells =
            [
                r.Reference, r.Phase,
                new Cell(Arrowed(ExportTexts.Percent(r.SuccessRate), r.Trends.SuccessRate), r.SlaStatus),
                new Cell(Arrowed(ExportTexts.Count(r.Breaches), r.Trends.Breaches), r.BreachesStatus),
                Arrowed(ExportTexts.Count(r.Backlog), r.Trends.Backlog),
                Arrowed($"{ExportTexts.Number(r.SatisfactionMean)} ({ExportTexts.Count(r.SatisfactionAnswers)})", r.Trends.Satisfaction),
                new Cell(Arrowed(ExportTexts.Amount(r.PenaltiesDue), r.Trends.PenaltiesDue), r.PenaltiesStatus),
                new Cell(Arrowed(ExportTexts.Amount(r.Invoiced), r.Trends.Invoiced), r.InvoicingStatus),
            ];
            if (client)
            {
                cells.Add(new Cell($"{ExportTexts.Amount(r.Budget?.InvoicedToDate)} / {ExportTexts.Amount(r.Budget?.PlannedToDate)}", r.Budget?.Status));
            }

            cells.Add(r.NoticeDeadline is { } day ? ExportTexts.Day(day) : "–");
            return (IReadOnlyList<Cell>)cells;
        }));
        return pdf.Save();
    }

    /// <summary>The value with its trend's arrow (the font has the arrows).</summary>
    private static string Arrowed(string value, Trend trend) => trend.Direction switch
    {
        Portfolios.Up => $"{value} ↑",
        Portfolios.Down => $"{value} ↓",
        Portfolios.Flat => $"{value} →",
        _ => value,
    };
}
