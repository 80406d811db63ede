using System.Globalization;
using ClosedXML.Excel;
using CsvHelper;
using Infogerance.Documents;
using Infogerance.Invoicing.Domain;

namespace Infogerance.Invoicing.Data;

/// <summary>
/// A statement as a file for spreadsheets: one row per line (kind, key, ticket, priority, clock, breach instant, service,
/// figures, rule, free, waived, amount), then the totals as rows named in the first column. Amounts in euros.
/// </summary>
public static class StatementExport
{
    public const string CsvType = "text/csv; charset=utf-8";
    public const string XlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private static readonly string[] Columns =
    [
        "kind", "key", "ticketId", "ticketNumber", "priority", "clock", "breachedAt", "service", "availabilityPercent", "ratePercent",
        "targetPercent", "rule", "free", "waived", "decision", "amount",
    ];

    /// <summary>Each row's cells: text, decimals, booleans or null.</summary>
    public static IEnumerable<object?[]> Rows(StatementView statement)
    {
        ArgumentNullException.ThrowIfNull(statement);
        foreach (var line in statement.Lines)
        {
            var d = line.Detail;
            yield return
            [
                d.Kind, line.Key, line.TicketId?.ToString(), line.TicketNumber, d.Priority, d.Clock,
                d.BreachedAt?.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture), d.Service, d.AvailabilityPercent, d.RatePercent,
                d.TargetPercent, d.Rule, d.Free, line.Waived, line.Decision?.Status, d.Amount,
            ];
        }

        foreach (var adjustment in statement.Adjustments)
        {
            yield return Total($"adjustment {adjustment.ForMonth}", adjustment.Amount);
            if (adjustment.CapDeducted != 0)
            {
                yield return Total($"adjustment {adjustment.ForMonth} annualCapDeducted", adjustment.CapDeducted);
            }
        }

        yield return Total("grossAmount", statement.GrossAmount);
        yield return Total("freeAmount", statement.FreeAmount);
        yield return Total("waivedAmount", statement.WaivedAmount);
        yield return Total("monthlyCapDeducted", statement.MonthlyCapDeducted);
        yield return Total("annualCapDeducted", statement.AnnualCapDeducted);
        yield return Total("belowMinimum", statement.BelowMinimum);
        yield return Total("total", statement.Total);
        yield return Total("totalDue", statement.TotalDue);
    }

    private static object?[] Total(string name, object value)
    {
        var row = new object?[Columns.Length];
        row[0] = name;
        row[^1] = value;
        return row;
    }

    public static byte[] Csv(StatementView statement)
    {
        using var buffer = new MemoryStream();
        using (var csv = CsvWriter.Create(buffer, CsvCells.Options, leaveOpen: true))
        {
            csv.WriteHeader(Columns);
            foreach (var row in Rows(statement))
            {
                foreach (var cell in row)
                {
                    CsvCells.Write(csv, cell);
                }

                csv.EndRecord();
            }
        }

        return buffer.ToArray();
    }

    public static byte[] Xlsx(StatementView statement)
    {
        using var workbook = new XLWorkbook();
        var sheet = workbook.Worksheets.Add(statement.Month);
        for (var i = 0; i < Columns.Length; i++)
        {
            sheet.Cell(1, i + 1).SetValue(Columns[i]);
        }

        sheet.Row(1).Style.Font.Bold = true;
        sheet.SheetView.FreezeRows(1);
        var r = 2;
        foreach (var row in Rows(statement))
        {
            for (var c = 0; c < row.Length; c++)
            {
                var cell = sheet.Cell(r, c + 1);
                SheetCells.Write(cell, row[c]);
            }

            r++;
        }

        // Fixed widths: AdjustToContents measures text through System.Drawing, which needs GDI+ and fails on Linux.
        for (var c = 1; c <= Columns.Length; c++)
        {
            sheet.Column(c).Width = c == 2 ? 60 : 16;
        }

        using var buffer = new MemoryStream();
        workbook.SaveAs(buffer);
        return buffer.ToArray();
    }
}
