using System.Globalization;
using ClosedXML.Excel;
using CsvHelper;
using Infogerance.Contracts.Domain;
using Infogerance.Documents;
using Infogerance.Validation;

namespace Infogerance.Contracts.Files;

public enum InventoryFileFormat { Csv, Xlsx }

/// <summary>
/// The lines that passed <see cref="InventoryRules.Check"/> and, keyed "line N" (or "file" when the whole file is
/// refused), the reasons the others did not. The API imports nothing unless <see cref="Errors"/> is empty.
/// </summary>
public sealed record InventoryFileResult(IReadOnlyList<InventoryItemInput> Items, ImportErrors Errors);

/// <summary>
/// Import and export of the état des lieux as CSV or XLSX with the columns <c>type,name,quantity,criticality,location</c>.
/// Import is forgiving about what people's spreadsheets look like (French headers and labels, ';' from French
/// Excel, any column order, blank lines) and strict about the values, which go through the same rules as the form.
/// A file written by <see cref="Write"/> reads back to the same items.
/// </summary>
public static class InventoryFiles
{
    /// <summary>The most data lines (header and blank lines not counted) one import takes.</summary>
    public const int MaxLines = 10_000;

    public const string FileErrorKey = ImportErrors.FileKey;
    public const string SheetName = "Inventory";

    private static readonly string[] Columns = ["type", "name", "quantity", "criticality", "location"];
    private static readonly string[] RequiredColumns = ["type", "name", "quantity", "criticality"];

    // Compared by Labels.Key: "Base de données", "base_de_donnees" and "BaseDeDonnées" all match.
    private static readonly LabelAliases HeaderAliases = new(
        ("type", ["type"]),
        ("name", ["name", "nom"]),
        ("quantity", ["quantity", "quantite"]),
        ("criticality", ["criticality", "criticite"]),
        ("location", ["location", "emplacement", "localisation"]));

    private static readonly LabelAliases TypeAliases = new(
        ("server", ["server", "servers", "serveur", "serveurs"]),
        ("workstation", ["workstation", "workstations", "postedetravail", "postesdetravail", "poste", "postes"]),
        ("network", ["network", "networks", "reseau", "reseaux"]),
        ("software", ["software", "logiciel", "logiciels"]),
        ("licence", ["licence", "licences", "license", "licenses"]),
        ("fileShare", ["fileshare", "fileshares", "partagedefichiers", "partagedefichier", "partagesdefichiers", "partage", "partages"]),
        ("database", ["database", "databases", "basededonnees", "basededonnee", "basesdedonnees", "bdd"]),
        ("other", ["other", "others", "autre", "autres"]));

    private static readonly LabelAliases CriticalityAliases = new(
        ("low", ["low", "faible", "basse", "bas"]),
        ("medium", ["medium", "moyenne", "moyen"]),
        ("high", ["high", "haute", "haut", "elevee", "eleve"]),
        ("critical", ["critical", "critique"]));

    // Spreadsheets run a text cell that starts with one of these as a formula (CSV injection); the CSV writer puts
    // a quote in front of such values and the reader takes it off again, so exports are safe to open and still round-trip.
    private const string InjectionCharacters = "=+-@\t\r";

    public static InventoryFileFormat? FormatOf(string fileName) =>
        Path.GetExtension(fileName).ToLowerInvariant() switch
        {
            ".csv" => InventoryFileFormat.Csv,
            ".xlsx" => InventoryFileFormat.Xlsx,
            _ => null,
        };

    /// <summary>
    /// Reads a whole file; the caller bounds its size (the upload limit), since a workbook is loaded in memory at once.
    /// Never throws for what the file contains: every problem is in <see cref="InventoryFileResult.Errors"/>.
    /// </summary>
    public static InventoryFileResult Read(Stream content, InventoryFileFormat format)
    {
        ArgumentNullException.ThrowIfNull(content);
        var bytes = ReadAll(content);
        try
        {
            var rows = format switch
            {
                InventoryFileFormat.Csv => CsvRows(bytes),
                InventoryFileFormat.Xlsx => XlsxRows(OpenWorkbook(bytes)),
                _ => throw new ArgumentOutOfRangeException(nameof(format)),
            };
            return Parse(rows);
        }
        catch (UnreadableFileException e)
        {
            return FileError(e.Problem);
        }
    }

    public static void Write(IEnumerable<InventoryItemInput> items, InventoryFileFormat format, Stream output)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(output);
        switch (format)
        {
            case InventoryFileFormat.Csv:
                WriteCsv(items, output);
                break;
            case InventoryFileFormat.Xlsx:
                WriteXlsx(items, output);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(format));
        }
    }

    /// <summary>A defect the reader stepped over, and the field it concerns ("line" for the whole line, "column N" for a cell).</summary>
    private sealed record RowProblem(string Field, Message Message);

    /// <summary>A line of the file as cells, whatever the format, with the defects the reader stepped over.</summary>
    private sealed record Row(int Line, IReadOnlyList<string?> Cells, IReadOnlyList<RowProblem> Problems)
    {
        /// <summary>Cells that could not be read (0-based); their field's "required" would only repeat the problem.</summary>
        public IReadOnlySet<int> UnreadableCells { get; init; } = new HashSet<int>();
    }

    private sealed class UnreadableFileException(Message problem) : Exception(problem.English)
    {
        public Message Problem { get; } = problem;
    }

    private static InventoryFileResult Parse(IEnumerable<Row> rows)
    {
        var items = new List<InventoryItemInput>();
        // Every bad line is answered: MaxLines bounds them.
        var errors = new ImportErrors(maxPlaces: int.MaxValue);
        Dictionary<int, string>? columnAt = null;
        var count = 0;

        foreach (var row in rows)
        {
            if (row.Problems.Count == 0 && row.Cells.All(string.IsNullOrWhiteSpace))
            {
                continue;
            }

            if (columnAt is null)
            {
                var headerErrors = new ImportErrors();
                columnAt = Header(row, headerErrors);
                if (columnAt.Count == 0)
                {
                    return FileError(InventoryFileMessages.NoHeader);
                }

                if (!headerErrors.IsEmpty)
                {
                    // Without a sound header every value would land in the wrong field: report the header alone.
                    return new([], headerErrors);
                }

                continue;
            }

            if (++count > MaxLines)
            {
                return FileError(InventoryFileMessages.TooManyLines(MaxLines));
            }

            if (Line(row, columnAt, errors) is { } item)
            {
                items.Add(item);
            }
        }

        return columnAt is null ? FileError(InventoryFileMessages.Empty) : new(items, errors);
    }

    private static Dictionary<int, string> Header(Row row, ImportErrors errors)
    {
        var place = FilePlace.Line(row.Line);
        var columnAt = HeaderAliases.Columns(row.Cells, place, errors, InventoryFileMessages.UnknownColumn);

        if (columnAt.Count > 0)
        {
            foreach (var missing in RequiredColumns.Where(c => !columnAt.ContainsValue(c)))
            {
                errors.Add(place, missing, ImportMessages.LowerFirst(ImportMessages.ColumnMissing));
            }
        }

        return columnAt;
    }

    /// <summary>The line's item when every value passed, or null with the reasons added to <paramref name="errors"/>.</summary>
    private static InventoryItemInput? Line(Row row, Dictionary<int, string> columnAt, ImportErrors errors)
    {
        var place = FilePlace.Line(row.Line);
        var values = new Dictionary<string, string?>();
        for (var i = 0; i < row.Cells.Count; i++)
        {
            var value = row.Cells[i]?.Trim();
            if (columnAt.TryGetValue(i, out var field))
            {
                values[field] = string.IsNullOrEmpty(value) ? null : value;
            }
            else if (!string.IsNullOrEmpty(value))
            {
                errors.Add(place, FilePlace.Column(i + 1), ImportMessages.ValueUnderNoHeading(value));
            }
        }

        var rawQuantity = values.GetValueOrDefault("quantity");
        int? quantity = null;
        Message? quantityProblem = null;
        if (rawQuantity is not null)
        {
            if (long.TryParse(rawQuantity, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var parsed))
            {
                // Beyond int the value is out of range anyway: clamp it so the rules report the range, not a parse error.
                quantity = (int)Math.Clamp(parsed, int.MinValue, int.MaxValue);
            }
            else
            {
                quantityProblem = InventoryFileMessages.NotWholeNumber(rawQuantity);
            }
        }

        var item = new InventoryItemInput(
            TypeAliases.Normalise(values.GetValueOrDefault("type")),
            values.GetValueOrDefault("name"),
            quantity,
            CriticalityAliases.Normalise(values.GetValueOrDefault("criticality")),
            values.GetValueOrDefault("location"));

        var check = InventoryRules.Check(item);
        var unreadable = row.UnreadableCells.Select(columnAt.GetValueOrDefault).ToHashSet();
        foreach (var field in Columns)
        {
            if (field == "quantity" && quantityProblem is not null)
            {
                errors.Add(place, field, quantityProblem);
            }
            else if (!unreadable.Contains(field))
            {
                foreach (var reason in check[field])
                {
                    errors.Add(place, field, reason);
                }
            }
        }

        foreach (var problem in row.Problems)
        {
            errors.Add(place, problem.Field, problem.Message);
        }

        return errors.Has(place.Key) ? null : item;
    }

    private static InventoryFileResult FileError(Message message) => new([], ImportErrors.OfFile(message));

    private static byte[] ReadAll(Stream content)
    {
        using var buffer = new MemoryStream();
        content.CopyTo(buffer);
        return buffer.ToArray();
    }

    private static IEnumerable<Row> CsvRows(byte[] bytes) =>
        CsvText.ReadRows(bytes, HeaderAliases.Knows)
            .Select(row => new Row(row.LineNumber, Array.ConvertAll<string, string?>(row.Cells, UnescapeInjection), row.Problem is null ? [] : [LineProblem(row.Problem)]));

    /// <summary>This importer's messages read "line: a quoted value is never closed." rather than the shared "A quoted value…".</summary>
    private static RowProblem LineProblem(Message problem) => new("line", ImportMessages.LowerFirst(problem));

    private static string UnescapeInjection(string value) =>
        value.Length > 1 && value[0] == '\'' && InjectionCharacters.Contains(value[1]) ? value[1..] : value;

    private static XLWorkbook OpenWorkbook(byte[] bytes)
    {
        try
        {
            return new XLWorkbook(new MemoryStream(bytes, writable: false));
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // Not a zip, a zip that is not a workbook, a damaged part: ClosedXML and OpenXml throw a dozen different types.
            throw new UnreadableFileException(ImportMessages.NotXlsx);
        }
    }

    private static IEnumerable<Row> XlsxRows(XLWorkbook workbook)
    {
        using (workbook)
        {
            var sheet = workbook.Worksheets.FirstOrDefault();
            if (sheet is null)
            {
                yield break;
            }

            foreach (var row in sheet.RowsUsed())
            {
                var last = row.LastCellUsed()?.Address.ColumnNumber ?? 0;
                var cells = new string?[last];
                var problems = new List<RowProblem>();
                var unreadable = new HashSet<int>();
                for (var column = 1; column <= last; column++)
                {
                    var (text, problem) = CellText(row.Cell(column), column);
                    cells[column - 1] = text;
                    if (problem is not null)
                    {
                        problems.Add(problem);
                        unreadable.Add(column - 1);
                    }
                }

                yield return new Row(row.RowNumber(), cells, problems) { UnreadableCells = unreadable };
            }
        }
    }

    private static (string? Text, RowProblem? Problem) CellText(IXLCell cell, int column)
    {
        if (cell.IsEmpty())
        {
            return (null, null);
        }

        // A formula is taken at the value the spreadsheet saved with it: ClosedXML's own evaluator knows few
        // functions and throws on the others, and an import has no business recalculating someone's workbook.
        var value = cell.HasFormula ? cell.CachedValue : cell.Value;
        return value switch
        {
            null or "" when cell.HasFormula => (null, new RowProblem(FilePlace.Column(column), ImportMessages.FormulaWithoutValue)),
            null => (null, null),
            // Numbers in invariant form, so a quantity typed as a number reads "12" whatever the server's culture.
            double number => (number.ToString(CultureInfo.InvariantCulture), null),
            DateTime date => (date.ToString(date.TimeOfDay == TimeSpan.Zero ? "yyyy-MM-dd" : "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture), null),
            IFormattable formattable => (formattable.ToString(null, CultureInfo.InvariantCulture), null),
            _ => (value.ToString(), null),
        };
    }

    private static void WriteCsv(IEnumerable<InventoryItemInput> items, Stream output)
    {
        // A byte order mark, or Excel opens UTF-8 as the local code page and mangles accents.
        var options = CsvWriterOptions.Default with { WriteByteOrderMark = true, Injection = CsvInjection.Escape, InjectionCharacters = InjectionCharacters };
        using var csv = CsvWriter.Create(output, options, leaveOpen: true);
        csv.WriteHeader(Columns);
        foreach (var item in items)
        {
            csv.WriteField(item.Type);
            csv.WriteField(item.Name);
            csv.WriteField(item.Quantity);
            csv.WriteField(item.Criticality);
            csv.WriteField(item.Location);
            csv.EndRecord();
        }
    }

    private static void WriteXlsx(IEnumerable<InventoryItemInput> items, Stream output)
    {
        using var workbook = new XLWorkbook();
        var sheet = workbook.Worksheets.Add(SheetName);
        for (var i = 0; i < Columns.Length; i++)
        {
            sheet.Cell(1, i + 1).SetValue(Columns[i]);
        }

        sheet.Row(1).Style.Font.Bold = true;
        sheet.SheetView.FreezeRows(1);

        var row = 2;
        foreach (var item in items)
        {
            // SetValue keeps text as text; assigning Value would turn a name like "0042" or "2024-01-01" into a number or a date.
            sheet.Cell(row, 1).SetValue(item.Type);
            sheet.Cell(row, 2).SetValue(item.Name);
            if (item.Quantity is { } quantity)
            {
                sheet.Cell(row, 3).SetValue(quantity);
            }

            sheet.Cell(row, 4).SetValue(item.Criticality);
            sheet.Cell(row, 5).SetValue(item.Location);
            row++;
        }

        // Fixed widths: AdjustToContents measures text through System.Drawing, which needs GDI+ and fails on Linux.
        double[] widths = [14, 40, 10, 12, 30];
        for (var i = 0; i < widths.Length; i++)
        {
            sheet.Column(i + 1).Width = widths[i];
        }

        // ClosedXML wants a seekable stream; an HTTP response body is not.
        using var buffer = new MemoryStream();
        workbook.SaveAs(buffer);
        buffer.Position = 0;
        buffer.CopyTo(output);
    }
}

/// <summary>What the inventory import says of a file, beside what every import says (<see cref="ImportMessages"/>).</summary>
public static class InventoryFileMessages
{
    public static readonly Message NoHeader = new(
        "inventory.file.noHeader",
        "The first line must be the header naming the columns: type, name, quantity, criticality, location.",
        "La première ligne doit être l'en-tête qui nomme les colonnes : type, name, quantity, criticality, location (ou nom, quantité, criticité, emplacement).");

    public static readonly Message Empty = new(
        "inventory.file.empty",
        "The file is empty: the first line must be the header naming the columns: type, name, quantity, criticality, location.",
        "Le fichier est vide : la première ligne doit être l'en-tête qui nomme les colonnes : type, name, quantity, criticality, location (ou nom, quantité, criticité, emplacement).");

    public static Message TooManyLines(int max) => new Message(
        "inventory.file.tooManyLines",
        $"The file has more than {max} lines; split it into several imports.",
        $"Le fichier compte plus de {max} lignes ; répartissez-le en plusieurs imports.").With("max", max);

    public static Message UnknownColumn(string label) => new Message(
        "inventory.column.unknown",
        $"\"{Labels.Shorten(label)}\" is not an inventory column (type, name, quantity, criticality, location).",
        $"« {Labels.Shorten(label)} » n'est pas une colonne de l'état des lieux (type, nom, quantité, criticité, emplacement).").With("label", label);

    public static Message NotWholeNumber(string value) => new Message(
        "inventory.quantity.notWholeNumber",
        $"\"{Labels.Shorten(value)}\" is not a whole number.",
        $"« {Labels.Shorten(value)} » n'est pas un nombre entier.").With("value", value);
}
