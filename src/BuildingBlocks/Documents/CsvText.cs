using System.Text;
using System.Text.Unicode;
using CsvHelper;
using Infogerance.Validation;

namespace Infogerance.Documents;

/// <summary>A line of a CSV file as cells, with its 1-based line number and the defect the reader stepped over, if any.</summary>
public sealed record CsvTextRow(int LineNumber, string[] Cells, Message? Problem);

/// <summary>
/// Reading an uploaded CSV file the same way in every importer: UTF-8 with or without a byte order mark, or
/// Windows-1252 when the bytes are not valid UTF-8; ',' or ';' chosen from the header; malformed lines reported, not thrown.
/// </summary>
public static class CsvText
{
    /// <summary>
    /// Every line of <paramref name="bytes"/>, blank ones included, header not skipped. The separator is ',' or ';' by
    /// whichever splits the first non-blank line into more cells that <paramref name="isKnownHeader"/> accepts
    /// (',' on a tie). CsvHelper's own detection looks at the data lines too, where a name full of commas or pipes
    /// could mislead it; the header is the one line we know.
    /// </summary>
    public static IEnumerable<CsvTextRow> ReadRows(byte[] bytes, Func<string, bool> isKnownHeader)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        ArgumentNullException.ThrowIfNull(isKnownHeader);
        return Rows(bytes, isKnownHeader);
    }

    private static IEnumerable<CsvTextRow> Rows(byte[] bytes, Func<string, bool> isKnownHeader)
    {
        var offset = bytes.AsSpan().StartsWith("\uFEFF"u8) ? 3 : 0;

        // Files saved by French Excel as plain "CSV" are Windows-1252, not UTF-8: read them as what they are rather
        // than turn their accents into replacement characters.
        string? legacyText = null;
        if (!Utf8.IsValid(bytes.AsSpan(offset)))
        {
            legacyText = CodePagesEncodingProvider.Instance.GetEncoding(1252)!.GetString(bytes);
        }

        var separator = DetectSeparator(bytes, legacyText, isKnownHeader);
        var problems = new Dictionary<long, Message>();
        var options = CsvReaderOptions.Default with
        {
            Separator = separator,
            HasHeader = false,
            TrackLineNumbers = true,
            OnMalformedRecord = record => problems[record.LineNumber] = record.Reason switch
            {
                CsvMalformedReason.UnterminatedQuote => ImportMessages.UnterminatedQuote,
                _ => ImportMessages.MisplacedQuote,
            },
        };

        using var reader = legacyText is null ? CsvReader.Create(bytes, options) : CsvReader.FromText(legacyText, options);
        while (reader.Read())
        {
            var cells = new string[reader.FieldCount];
            for (var i = 0; i < cells.Length; i++)
            {
                cells[i] = reader.GetString(i);
            }

            // No database keeps a NUL in text: the line is refused here, where its number is known.
            var problem = problems.GetValueOrDefault(reader.LineNumber)
                ?? (cells.Any(cell => cell.Contains('\0')) ? ImportMessages.NulCharacter : null);
            yield return new CsvTextRow(checked((int)reader.LineNumber), cells, problem);
        }
    }

    private static char DetectSeparator(byte[] bytes, string? legacyText, Func<string, bool> isKnownHeader)
    {
        int KnownColumns(char separator)
        {
            var options = CsvReaderOptions.Default with { Separator = separator, HasHeader = false };
            using var reader = legacyText is null ? CsvReader.Create(bytes, options) : CsvReader.FromText(legacyText, options);
            while (reader.Read())
            {
                var cells = Enumerable.Range(0, reader.FieldCount).Select(reader.GetString).ToArray();
                if (!cells.All(string.IsNullOrWhiteSpace))
                {
                    return cells.Count(isKnownHeader);
                }
            }

            return 0;
        }

        return KnownColumns(';') > KnownColumns(',') ? ';' : ',';
    }
}
