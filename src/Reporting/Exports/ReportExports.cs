using System.Globalization;
using Infogerance.Documents;
using Infogerance.Reporting.Domain;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Infogerance.Reporting.Exports;

/// <summary>
/// A month's scorecard and a review's pack as files: CSV and XLSX for spreadsheets (stable column codes, numbers as
/// numbers, a label in the caller's language), PDF for the steering committee (in the caller's language, amounts in
/// euros, charts drawn). The caller's side is already applied: the provider's files never hold the client's budget.
/// </summary>
public static class ReportExports
{
    public const string CsvType = "text/csv; charset=utf-8";
    public const string XlsxType = DocumentTypes.Xlsx;
    public const string PdfType = DocumentTypes.Pdf;

    public static FileContentHttpResult File(Scorecard scorecard, string format)
    {
        ArgumentNullException.ThrowIfNull(scorecard);
        var name = $"{scorecard.Reference}-{Word("scorecard", "tableau-de-bord")}-{scorecard.Month}";
        return format switch
        {
            ExportFormats.Pdf => Answer(ScorecardPdf(scorecard), PdfType, name, format),
            ExportFormats.Xlsx => Answer(Sheets.Xlsx([ScorecardSheet(scorecard)]), XlsxType, name, format),
            _ => Answer(Sheets.Csv([ScorecardSheet(scorecard)]), CsvType, name, format),
        };
    }

    public static FileContentHttpResult File(Review review, string format)
    {
        ArgumentNullException.ThrowIfNull(review);
        var name = $"{review.Header.Reference}-{Word("review", "bilan")}-{review.Header.Period}";
        return format switch
        {
            ExportFormats.Pdf => Answer(ReviewPdf(review), PdfType, name, format),
            ExportFormats.Xlsx => Answer(Sheets.Xlsx(ReviewSheets(review)), XlsxType, name, format),
            _ => Answer(Sheets.Csv(ReviewSheets(review)), CsvType, name, format),
        };
    }

    public static Sheet ScorecardSheet(Scorecard scorecard) => new("figures", Sheets.FigureColumns, [.. Sheets.FigureRows(scorecard)]);

    /// <summary>The pack's tables: the review's header, its figures (totals then each month), comments, decisions, improvement axes, action plan.</summary>
    public static IReadOnlyList<Sheet> ReviewSheets(Review review)
    {
        ArgumentNullException.ThrowIfNull(review);
        var h = review.Header;
        var header = new Sheet("review", ["field", "value"],
        [
            ["contract", h.Reference], ["period", h.Period], ["cadence", h.Cadence], ["number", h.Number], ["status", h.Status], ["title", h.Title],
            ["meetingOn", h.MeetingOn], ["preparedAt", h.PreparedAt], ["preparedBy", h.PreparedBy], ["frozenAt", review.Snapshot.TakenAt],
            ["clientApprovedBy", h.Approvals.Client?.By], ["clientApprovedAt", h.Approvals.Client?.At],
            ["providerApprovedBy", h.Approvals.Provider?.By], ["providerApprovedAt", h.Approvals.Provider?.At], ["closedAt", h.ClosedAt],
        ]);
        var figures = new Sheet("figures", Sheets.FigureColumns,
            [.. Sheets.FigureRows(review.Snapshot.Totals), .. review.Snapshot.Months.SelectMany(Sheets.FigureRows)]);
        var comments = new Sheet("comments", ["indicator", "label", "side", "author", "at", "text"],
            [.. review.Comments.Select(c => new object?[] { c.Indicator, ExportTexts.FigureName(c.Indicator), c.Side, c.Author, c.At, c.Text })]);
        var decisions = new Sheet("decisions", ["side", "author", "at", "text"],
            [.. review.Decisions.Select(d => new object?[] { d.Side, d.Author, d.UpdatedAt, d.Text })]);
        var improvements = new Sheet("improvements", ["axis", "label", "side", "author", "at", "text"],
            [.. review.Improvements.Select(i => new object?[] { i.Axis, ExportTexts.AxisName(i.Axis), i.Side, i.Author, i.UpdatedAt, i.Text })]);
        var actions = new Sheet("actions", ["title", "side", "owner", "dueOn", "status", "overdue", "carried", "carriedStatus", "lastNote"],
            [.. review.Actions.Select(a => new object?[]
            {
                a.Title, a.Side, a.Owner, a.DueOn, a.Status, a.Overdue, a.CarriedStatus is not null, a.CarriedStatus,
                a.Notes.LastOrDefault(n => n.Text is not null)?.Text,
            })]);
        return [header, figures, comments, decisions, improvements, actions];
    }

    public static byte[] ScorecardPdf(Scorecard scorecard)
    {
        ArgumentNullException.ThrowIfNull(scorecard);
        var title = $"{ExportTexts.ScorecardTitle.Text} — {ExportTexts.Month(scorecard.Month)}";
        using var pdf = new PdfReport(title, $"{scorecard.Reference} · {title}");
        pdf.Title(title, $"{ExportTexts.Contract.Text} {scorecard.Reference} · {ExportTexts.AsOf.Text} {ExportTexts.Instant(scorecard.AsOf, scorecard.TimeZone)} ({scorecard.TimeZone})");
        if (!scorecard.Complete)
        {
            pdf.Paragraph(ExportTexts.Incomplete.Text, muted: true);
        }

        Figures(pdf, scorecard.Opened, scorecard.Resolved, scorecard.Backlog, scorecard.Breaches, scorecard.Statuses, scorecard.Satisfaction, scorecard.Sla,
            scorecard.Availability, scorecard.Penalties, scorecard.Invoicing, scorecard.Budget);
        return pdf.Save();
    }

    public static byte[] ReviewPdf(Review review)
    {
        ArgumentNullException.ThrowIfNull(review);
        var h = review.Header;
        var snapshot = review.Snapshot;
        var title = $"{ExportTexts.ReviewTitle.Text} — {PeriodName(h.Period)}";
        var zone = snapshot.Months[^1].TimeZone;
        using var pdf = new PdfReport(title, $"{h.Reference} · {title}");
        pdf.Title(title, $"{ExportTexts.Contract.Text} {h.Reference} · {string.Format(ExportTexts.Culture, ExportTexts.PreparedBy.Text, h.PreparedBy, ExportTexts.Instant(h.PreparedAt, zone))}");
        if (h.Title is not null)
        {
            pdf.Paragraph(h.Title, bold: true);
        }

        if (h.MeetingOn is { } meeting)
        {
            pdf.Paragraph(string.Format(ExportTexts.Culture, ExportTexts.MeetingOn.Text, ExportTexts.Day(meeting)));
        }

        pdf.Paragraph(h.ClosedAt is { } closed ? string.Format(ExportTexts.Culture, ExportTexts.ClosedOn.Text, ExportTexts.Instant(closed, zone)) : ExportTexts.OpenReview.Text,
            muted: true);
        pdf.Paragraph($"{ExportTexts.Frozen.Text}{ExportTexts.Colon} {ExportTexts.Instant(snapshot.TakenAt, zone)} ({zone})", muted: true);
        if (!snapshot.Totals.Complete)
        {
            pdf.Paragraph(ExportTexts.Incomplete.Text, muted: true);
        }

        var totals = snapshot.Totals;
        pdf.Heading(snapshot.Months.Count > 1 ? ExportTexts.Totals.Text : ExportTexts.KeyFigures.Text);
        Figures(pdf, totals.Opened, totals.Resolved, totals.Backlog, totals.Breaches, totals.Statuses, totals.Satisfaction, totals.Sla, totals.Availability,
            totals.Penalties, totals.Invoicing, totals.Budget, withHeading: false);

        if (snapshot.Months.Count > 1)
        {
            pdf.Heading(ExportTexts.Months.Text);
            pdf.Table(
                [ExportTexts.Period.Text, ExportTexts.FigureName(Domain.Figures.Opened), ExportTexts.FigureName(Domain.Figures.Resolved),
                 ExportTexts.FigureName(Domain.Figures.Backlog), ExportTexts.FigureName(Domain.Figures.Breaches), ExportTexts.FigureName("satisfaction.mean"),
                 ExportTexts.FigureName("penalties.totalDue"), ExportTexts.FigureName("invoicing.invoiced")],
                [1.4, 1, 1, 1, 1, 1.1, 1.2, 1.3],
                snapshot.Months.Select(m => (IReadOnlyList<Cell>)
                [
                    ExportTexts.Month(m.Month), ExportTexts.Count(m.Opened), ExportTexts.Count(m.Resolved), ExportTexts.Count(m.Backlog),
                    new Cell(ExportTexts.Count(m.Breaches), m.Statuses.Breaches), ExportTexts.Number(m.Satisfaction.Mean),
                    new Cell(ExportTexts.Amount(m.Penalties?.TotalDue), m.Penalties?.Status), new Cell(ExportTexts.Amount(m.Invoicing.Invoiced), m.Invoicing.Status),
                ]));
            pdf.Image(Charts.Volumes(snapshot.Months), 0.9);
        }

        pdf.Heading(ExportTexts.Comments.Text);
        if (review.Comments.Count == 0)
        {
            pdf.Paragraph(ExportTexts.None.Text, muted: true);
        }
        else
        {
            pdf.Table([ExportTexts.Indicator.Text, ExportTexts.Side(ReviewSides.Client) + " / " + ExportTexts.Side(ReviewSides.Provider), ExportTexts.Comments.Text],
                [1.2, 1.2, 4],
                review.Comments.Select(c => (IReadOnlyList<Cell>)[ExportTexts.FigureName(c.Indicator), $"{ExportTexts.Side(c.Side)} — {c.Author}", c.Text]));
        }

        pdf.Heading(ExportTexts.Decisions.Text);
        Points(pdf, review.Decisions, withAxis: false);
        pdf.Heading(ExportTexts.Improvements.Text);
        Points(pdf, review.Improvements, withAxis: true);

        pdf.Heading(ExportTexts.ActionPlan.Text);
        if (review.Actions.Count == 0)
        {
            pdf.Paragraph(ExportTexts.None.Text, muted: true);
        }
        else
        {
            pdf.Table(
                [ExportTexts.ActionTitle.Text, ExportTexts.Owner.Text, ExportTexts.DueOn.Text, ExportTexts.Status.Text],
                [3.2, 1.8, 1.2, 1.4],
                review.Actions.Select(a => (IReadOnlyList<Cell>)
                [
                    a.CarriedStatus is null ? a.Title : $"{a.Title} ({ExportTexts.Carried.Text})",
                    $"{a.Owner} ({ExportTexts.Side(a.Side)})",
                    ExportTexts.Day(a.DueOn),
                    new Cell(
                        a.Overdue ? $"{ExportTexts.ActionStatusName(a.Status)}, {ExportTexts.Overdue.Text}" : ExportTexts.ActionStatusName(a.Status),
                        a.Overdue ? FigureStatus.Red : a.Status == ActionStatuses.Done ? FigureStatus.Green : null),
                ]));
        }

        pdf.Heading(ExportTexts.Approvals.Text);
        foreach (var side in ReviewSides.All)
        {
            var approval = h.Approvals.Of(side);
            pdf.Paragraph($"{ExportTexts.Side(side)}{ExportTexts.Colon} " + (approval is null
                ? ExportTexts.NotApproved.Text
                : string.Format(ExportTexts.Culture, ExportTexts.ApprovedBy.Text, approval.By, ExportTexts.Instant(approval.At, zone))));
        }

        return pdf.Save();
    }

    /// <summary>The figures both PDFs show: key figures, SLA table and chart, availability, penalties, invoices and budget.</summary>
    private static void Figures(
        PdfReport pdf, int opened, int resolved, int backlog, int breaches, FigureStatuses statuses, Satisfaction satisfaction, IReadOnlyList<SlaRate> sla,
        IReadOnlyList<ServiceAvailability> availability, PenaltyFigures? penalties, InvoicingFigures invoicing, BudgetFigures? budget, bool withHeading = true)
    {
        if (withHeading)
        {
            pdf.Heading(ExportTexts.KeyFigures.Text);
        }

        List<IReadOnlyList<Cell>> key =
        [
            [ExportTexts.FigureName(Domain.Figures.Opened), ExportTexts.Count(opened)],
            [ExportTexts.FigureName(Domain.Figures.Resolved), ExportTexts.Count(resolved)],
            [ExportTexts.FigureName(Domain.Figures.Backlog), ExportTexts.Count(backlog)],
            [ExportTexts.FigureName(Domain.Figures.Breaches), new Cell(ExportTexts.Count(breaches), statuses.Breaches)],
            [ExportTexts.FigureName(Domain.Figures.Sla), new Cell(ExportTexts.StatusName(statuses.Sla), statuses.Sla)],
            [ExportTexts.FigureName("satisfaction.mean"), $"{ExportTexts.Number(satisfaction.Mean)} ({ExportTexts.Count(satisfaction.Answers)})"],
            [ExportTexts.FigureName("penalties.totalDue"), new Cell(ExportTexts.Amount(penalties?.TotalDue), penalties?.Status)],
            [ExportTexts.FigureName("invoicing.invoiced"), new Cell(ExportTexts.Amount(invoicing.Invoiced), invoicing.Status)],
        ];
        if (budget is not null)
        {
            key.Add([ExportTexts.FigureName("budget.plannedToDate"), ExportTexts.Amount(budget.PlannedToDate)]);
            key.Add([ExportTexts.FigureName("budget.invoicedToDate"), new Cell(ExportTexts.Amount(budget.InvoicedToDate), budget.Status)]);
        }

        pdf.Table([ExportTexts.Indicator.Text, ExportTexts.Value.Text], [2, 3], key);

        pdf.Heading(ExportTexts.Sla.Text);
        // The priorities and clocks that completed clocks or have a target: rows of zeros without a target say nothing.
        var rates = sla.Where(rate => rate.Completed > 0 || rate.TargetPercent is not null).ToList();
        if (rates.Count == 0)
        {
            pdf.Paragraph(ExportTexts.None.Text, muted: true);
        }
        else
        {
            pdf.Table(
                [ExportTexts.Priority.Text, ExportTexts.Clock.Text, ExportTexts.Completed.Text, ExportTexts.Met.Text, ExportTexts.Rate.Text, ExportTexts.Target.Text],
                [1, 1.4, 1, 1, 1.3, 1],
                rates.Select(rate => (IReadOnlyList<Cell>)
                [
                    rate.Priority, ExportTexts.ClockName(rate.Clock), ExportTexts.Count(rate.Completed), ExportTexts.Count(rate.Met),
                    new Cell(ExportTexts.Percent(rate.SuccessRate), rate.Status), ExportTexts.Percent(rate.TargetPercent),
                ]));
        }
        if (Charts.SlaRates(sla) is { } chart)
        {
            pdf.Image(chart, 0.9);
        }

        if (availability.Count > 0)
        {
            pdf.Heading(ExportTexts.Availability.Text);
            pdf.Table([ExportTexts.Service.Text, ExportTexts.Downtime.Text, ExportTexts.Availability.Text], [2, 1.5, 1.5],
                availability.Select(a => (IReadOnlyList<Cell>)[a.Service, ExportTexts.Duration(a.DownSeconds), new Cell(ExportTexts.Percent(a.Percent), a.Status)]));
        }

        pdf.Heading(ExportTexts.MoneyTitle.Text);
        var money = new List<IReadOnlyList<Cell>>();
        if (penalties is not null)
        {
            money.Add([ExportTexts.FigureName("penalties"), new Cell(ExportTexts.Amount(penalties.TotalDue), penalties.Status)]);
        }

        money.Add([ExportTexts.FigureName("invoicing.invoiced"), new Cell(ExportTexts.Amount(invoicing.Invoiced), invoicing.Status)]);
        money.Add([ExportTexts.FigureName("invoicing.invoices"), ExportTexts.Count(invoicing.Invoices)]);
        money.Add([ExportTexts.FigureName("invoicing.discrepancies"), ExportTexts.Count(invoicing.Discrepancies)]);
        money.Add([ExportTexts.FigureName("invoicing.atStake"), ExportTexts.Amount(invoicing.AtStake)]);
        if (budget is not null)
        {
            money.Add([ExportTexts.FigureName("budget.plannedYear"), $"{ExportTexts.Amount(budget.PlannedYear)} ({budget.Year.ToString(CultureInfo.InvariantCulture)})"]);
            money.Add([ExportTexts.FigureName("budget.invoicedToDate"), new Cell(ExportTexts.Amount(budget.InvoicedToDate), budget.Status)]);
        }

        pdf.Table([ExportTexts.Indicator.Text, ExportTexts.Value.Text], [2, 3], money);
    }

    private static void Points(PdfReport pdf, IReadOnlyList<ReviewPoint> points, bool withAxis)
    {
        if (points.Count == 0)
        {
            pdf.Paragraph(ExportTexts.None.Text, muted: true);
            return;
        }

        foreach (var point in points)
        {
            var lead = withAxis ? $"{ExportTexts.AxisName(point.Axis)} — " : "";
            pdf.Paragraph($"• {lead}{point.Text} ({ExportTexts.Side(point.Side)}, {point.Author})");
        }
    }

    /// <summary>A period as people say it: the month's name, or the quarter (<c>Q1 2026</c>, <c>T1 2026</c> in French).</summary>
    public static string PeriodName(string period)
    {
        ArgumentNullException.ThrowIfNull(period);
        return period.Length == 7 && period[5] == 'Q'
            ? $"{Word("Q", "T")}{period[6]} {period[..4]}"
            : ExportTexts.Month(period);
    }

    internal static string Word(string english, string french) => Validation.Languages.IsFrench(CultureInfo.CurrentUICulture) ? french : english;

    internal static FileContentHttpResult Answer(byte[] content, string type, string name, string format) =>
        TypedResults.File(content, type, DocumentTypes.SafeFileName($"{name}.{format}"));
}
