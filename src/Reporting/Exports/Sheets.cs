using ClosedXML.Excel;
using CsvHelper;
using Infogerance.Documents;
using Infogerance.Reporting.Domain;

namespace Infogerance.Reporting.Exports;

/// <summary>A table of an export: its name, its columns (stable codes, as in the API) and its rows of cells (text, numbers, days, booleans or null).</summary>
public sealed record Sheet(string Name, IReadOnlyList<string> Columns, IReadOnlyList<object?[]> Rows);

/// <summary>
/// Exports for spreadsheets: each table a sheet of the XLSX workbook; in CSV, one table whose first column names the
/// sheet each row comes from and whose columns are all the sheets' columns, in order.
/// </summary>
public static class Sheets
{
    public static readonly IReadOnlyList<string> FigureColumns = ["period", "figure", "label", "priority", "clock", "kind", "subject", "value", "target", "status"];

    /// <summary>One row per figure of a month's scorecard (and per priority, clock, kind, service, state or score where it has several).</summary>
    public static IEnumerable<object?[]> FigureRows(Scorecard scorecard)
    {
        ArgumentNullException.ThrowIfNull(scorecard);
        var rows = Common(scorecard.Month, scorecard.Opened, scorecard.Resolved, scorecard.Backlog, scorecard.Breaches, scorecard.Sla, scorecard.BreachesByClock,
            scorecard.Satisfaction, scorecard.Availability, scorecard.Penalties, scorecard.Invoicing, scorecard.Budget, scorecard.Statuses).ToList();
        var p = scorecard.Month;
        rows.AddRange(scorecard.Times.SelectMany(t => new[]
        {
            Row(p, "times.meanBusinessSeconds", t.Priority, t.Clock, null, null, t.MeanBusinessSeconds),
            Row(p, "times.p90BusinessSeconds", t.Priority, t.Clock, null, null, t.P90BusinessSeconds),
        }));
        rows.AddRange(scorecard.Volumes.SelectMany(v => new[]
        {
            Row(p, "volumes.opened", v.Priority, null, v.Kind, null, v.Opened),
            Row(p, "volumes.resolved", v.Priority, null, v.Kind, null, v.Resolved),
            Row(p, "volumes.backlog", v.Priority, null, v.Kind, null, v.Backlog),
        }));
        rows.Add(Row(p, "backlogAge.count", null, null, null, null, scorecard.BacklogAge.Count));
        rows.Add(Row(p, "backlogAge.meanSeconds", null, null, null, null, scorecard.BacklogAge.MeanSeconds));
        rows.Add(Row(p, "backlogAge.oldestSeconds", null, null, null, null, scorecard.BacklogAge.OldestSeconds));
        rows.AddRange(scorecard.BacklogAge.Buckets.Select(b => Row(p, "backlogAge.bucket", null, null, null, $"{b.FromDays}-{b.ToDays?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? ""}", b.Count)));
        rows.AddRange(scorecard.Evolutions.SelectMany(e => new[]
        {
            Row(p, "evolutions.count", null, null, null, e.State, e.Count),
            Row(p, "evolutions.entered", null, null, null, e.State, e.Entered),
        }));
        return rows;
    }

    /// <summary>The rows of a review period's totals (period named <c>first..last</c> month).</summary>
    public static IEnumerable<object?[]> FigureRows(PeriodTotals totals)
    {
        ArgumentNullException.ThrowIfNull(totals);
        return Common($"{totals.FirstMonth}..{totals.LastMonth}", totals.Opened, totals.Resolved, totals.Backlog, totals.Breaches, totals.Sla, totals.BreachesByClock,
            totals.Satisfaction, totals.Availability, totals.Penalties, totals.Invoicing, totals.Budget, totals.Statuses);
    }

    private static IEnumerable<object?[]> Common(
        string p, int opened, int resolved, int backlog, int breaches, IReadOnlyList<SlaRate> sla, IReadOnlyList<BreachCount> byClock, Satisfaction satisfaction,
        IReadOnlyList<ServiceAvailability> availability, PenaltyFigures? penalties, InvoicingFigures invoicing, BudgetFigures? budget, FigureStatuses statuses)
    {
        yield return Row(p, Figures.Opened, null, null, null, null, opened);
        yield return Row(p, Figures.Resolved, null, null, null, null, resolved);
        yield return Row(p, Figures.Backlog, null, null, null, null, backlog);
        yield return Row(p, Figures.Breaches, null, null, null, null, breaches, status: statuses.Breaches);
        foreach (var b in byClock)
        {
            yield return Row(p, Figures.Breaches, b.Priority, b.Clock, null, null, b.Count);
        }

        foreach (var rate in sla)
        {
            yield return Row(p, "sla.completed", rate.Priority, rate.Clock, null, null, rate.Completed);
            yield return Row(p, "sla.met", rate.Priority, rate.Clock, null, null, rate.Met);
            yield return Row(p, "sla.successRate", rate.Priority, rate.Clock, null, null, rate.SuccessRate, rate.TargetPercent, rate.Status);
        }

        yield return Row(p, "satisfaction.mean", null, null, null, null, satisfaction.Mean);
        yield return Row(p, "satisfaction.answers", null, null, null, null, satisfaction.Answers);
        yield return Row(p, "satisfaction.answerRate", null, null, null, null, satisfaction.AnswerRate);
        foreach (var score in satisfaction.Distribution)
        {
            yield return Row(p, "satisfaction.score", null, null, null, score.Score.ToString(System.Globalization.CultureInfo.InvariantCulture), score.Count);
        }

        foreach (var service in availability)
        {
            yield return Row(p, "availability.percent", null, null, null, service.Service, service.Percent, service.Band?.BelowPercent, service.Status);
            yield return Row(p, "availability.downSeconds", null, null, null, service.Service, service.DownSeconds);
        }

        if (penalties is not null)
        {
            yield return Row(p, "penalties.grossAmount", null, null, null, null, penalties.GrossAmount);
            yield return Row(p, "penalties.total", null, null, null, null, penalties.Total);
            yield return Row(p, "penalties.totalDue", null, null, null, null, penalties.TotalDue, status: penalties.Status);
        }

        yield return Row(p, "invoicing.invoices", null, null, null, null, invoicing.Invoices);
        yield return Row(p, "invoicing.invoiced", null, null, null, null, invoicing.Invoiced, status: invoicing.Status);
        yield return Row(p, "invoicing.discrepancies", null, null, null, null, invoicing.Discrepancies);
        yield return Row(p, "invoicing.atStake", null, null, null, null, invoicing.AtStake);
        if (budget is not null)
        {
            yield return Row(p, "budget.plannedYear", null, null, null, null, budget.PlannedYear);
            yield return Row(p, "budget.plannedToDate", null, null, null, null, budget.PlannedToDate);
            yield return Row(p, "budget.invoicedMonth", null, null, null, null, budget.InvoicedMonth);
            yield return Row(p, "budget.invoicedToDate", null, null, null, null, budget.InvoicedToDate, budget.PlannedToDate, budget.Status);
        }
    }

    private static object?[] Row(
        string period, string figure, string? priority, string? clock, string? kind, string? subject, object? value, decimal? target = null, string? status = null) =>
        [period, figure, Label(figure), priority, clock, kind, subject, value, target, status];

    /// <summary>A detailed figure (<c>sla.met</c>) is named by its own label when it has one, else by its figure's.</summary>
    private static string Label(string figure) => ExportTexts.FigureName(figure) is var own && own != figure ? own : ExportTexts.FigureName(figure.Split('.')[0]);

    public static byte[] Csv(IReadOnlyList<Sheet> sheets)
    {
        ArgumentNullException.ThrowIfNull(sheets);
        var columns = sheets.SelectMany(s => s.Columns).Distinct().ToList();
        using var buffer = new MemoryStream();
        using (var csv = CsvWriter.Create(buffer, CsvCells.Options, leaveOpen: true))
        {
            csv.WriteHeader(["sheet", .. columns]);
            foreach (var sheet in sheets)
            {
                var at = sheet.Columns.Select((column, i) => (column, i)).ToDictionary(c => c.column, c => c.i);
                foreach (var row in sheet.Rows)
                {
                    CsvCells.Write(csv, sheet.Name);
                    foreach (var column in columns)
                    {
                        CsvCells.Write(csv, at.TryGetValue(column, out var i) ? row[i] : null);
                    }

                    csv.EndRecord();
                }
            }
        }

        return buffer.ToArray();
    }

    public static byte[] Xlsx(IReadOnlyList<Sheet> sheets)
    {
        ArgumentNullException.ThrowIfNull(sheets);
        using var workbook = new XLWorkbook();
        foreach (var table in sheets)
        {
            var sheet = workbook.Worksheets.Add(table.Name);
            for (var c = 0; c < table.Columns.Count; c++)
            {
                sheet.Cell(1, c + 1).SetValue(table.Columns[c]);
            }

            sheet.Row(1).Style.Font.Bold = true;
            sheet.SheetView.FreezeRows(1);
            for (var r = 0; r < table.Rows.Count; r++)
            {
                for (var c = 0; c < table.Columns.Count; c++)
                {
                    var cell = sheet.Cell(r + 2, c + 1);
                    SheetCells.Write(cell, table.Rows[r][c]);
                }
            }

            // Fixed widths: AdjustToContents measures text through System.Drawing, which needs GDI+ and fails on Linux.
            for (var c = 1; c <= table.Columns.Count; c++)
            {
                sheet.Column(c).Width = table.Columns[c - 1] is "label" or "text" or "title" ? 48 : 16;
            }
        }

        using var buffer = new MemoryStream();
        workbook.SaveAs(buffer);
        return buffer.ToArray();
    }
}
