using System.Globalization;
using ClosedXML.Excel;

namespace Infogerance.Documents;

/// <summary>Writing the cells of the XLSX files people open in a spreadsheet, the same way in every export.</summary>
public static class SheetCells
{
    /// <summary>
    /// One cell. Numbers stay numbers and days stay days, so that a spreadsheet sums and sorts them; an instant is text
    /// with its offset (a spreadsheet has no time zones); null leaves the cell empty.
    /// </summary>
    public static void Write(IXLCell cell, object? value)
    {
        ArgumentNullException.ThrowIfNull(cell);
        switch (value)
        {
            case string text:
                cell.SetValue(text);
                break;
            case decimal number:
                cell.SetValue(number);
                break;
            case int number:
                cell.SetValue(number);
                break;
            case long number:
                cell.SetValue(number);
                break;
            case bool flag:
                cell.SetValue(flag);
                break;
            case DateOnly day:
                cell.SetValue(day.ToDateTime(TimeOnly.MinValue));
                cell.Style.DateFormat.Format = "yyyy-mm-dd";
                break;
            case DateTimeOffset instant:
                cell.SetValue(instant.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture));
                break;
        }
    }
}
