using System.Globalization;
using System.Text;
using Infogerance.Documents;
using Infogerance.Validation;

namespace Infogerance.Invoicing.Domain;

/// <summary>
/// Reads an invoice written as CSV by a provider without e-invoices: a header naming the columns (English or French,
/// any order), then one row per invoice line. The document's fields (number, dates, parties…) are on the first row and,
/// on the others, left empty or repeated as they are: one file is one invoice. ',' or ';', UTF-8 with or without a byte
/// order mark (or Windows-1252), decimal points or French decimal commas. The file states no totals: they are the sums
/// of its lines, and its VAT breakdown is one per rate, the tax rounded to the cent. Described in docs/invoicing-api.md.
/// </summary>
public static class InvoiceCsvReader
{
    /// <summary>The most invoice lines one file takes.</summary>
    public const int MaxLines = 10_000;

    public const string DateFormats = "yyyy-MM-dd or dd/MM/yyyy";

    private static readonly string[] DateFormatPatterns = ["yyyy-MM-dd", "dd/MM/yyyy", "d/M/yyyy"];

    // Compared by Labels.Key: "Prix unitaire", "prix_unitaire" and "PrixUnitaire" are one heading.
    private static readonly LabelAliases HeaderAliases = new(
        ("number", ["number", "invoiceNumber", "numéro", "numéro de facture", "n° facture", "n°"]),
        ("issueDate", ["issueDate", "invoiceDate", "date", "date de facture", "date d'émission"]),
        ("kind", ["kind", "documentKind", "type de document", "nature du document"]),
        ("currency", ["currency", "devise"]),
        ("contractReference", ["contractReference", "contract", "contrat", "référence du contrat", "référence contrat"]),
        ("precedingInvoice", ["precedingInvoice", "facture d'origine", "facture précédente", "facture rectifiée"]),
        ("periodStart", ["periodStart", "début de période", "début période", "début"]),
        ("periodEnd", ["periodEnd", "fin de période", "fin période", "fin"]),
        ("dueDate", ["dueDate", "échéance", "date d'échéance"]),
        ("seller", ["seller", "vendeur", "fournisseur", "prestataire"]),
        ("sellerLegalId", ["sellerLegalId", "SIREN vendeur", "SIRET vendeur", "SIREN fournisseur", "SIREN prestataire"]),
        ("sellerVatNumber", ["sellerVatNumber", "TVA vendeur", "n° TVA vendeur", "TVA intracommunautaire vendeur", "TVA fournisseur", "TVA prestataire"]),
        ("buyer", ["buyer", "acheteur", "client"]),
        ("buyerLegalId", ["buyerLegalId", "SIREN acheteur", "SIRET acheteur", "SIREN client"]),
        ("buyerVatNumber", ["buyerVatNumber", "TVA acheteur", "n° TVA acheteur", "TVA intracommunautaire acheteur", "TVA client"]),
        ("line", ["line", "ligne", "n° ligne", "numéro de ligne"]),
        ("description", ["description", "libellé", "désignation"]),
        ("itemCode", ["itemCode", "code", "code article", "article", "référence article"]),
        ("lineKind", ["lineKind", "type de ligne", "nature de la ligne"]),
        ("evolution", ["evolution", "evolutionReference", "référence évolution", "demande d'évolution"]),
        ("quantity", ["quantity", "quantité", "qté"]),
        ("unit", ["unit", "unitCode", "unité"]),
        ("unitPrice", ["unitPrice", "prix unitaire", "PU", "prix unitaire HT", "PU HT"]),
        ("netAmount", ["netAmount", "montant", "montant HT", "montant net", "total HT"]),
        ("vatRate", ["vatRate", "taux de TVA", "taux TVA", "TVA"]),
        ("note", ["note", "commentaire", "remarque"]));

    /// <summary>The document's own fields: given on the first row, empty or the same on the others.</summary>
    private static readonly string[] DocumentColumns =
    [
        "number", "issueDate", "kind", "currency", "contractReference", "precedingInvoice", "periodStart", "periodEnd", "dueDate",
        "seller", "sellerLegalId", "sellerVatNumber", "buyer", "buyerLegalId", "buyerVatNumber",
    ];

    private static readonly string[] RequiredColumns = ["number", "issueDate", "seller", "buyer", "description", "quantity", "unitPrice", "netAmount", "vatRate"];

    private const string CorrectedInvoice = "correctedInvoice";

    private static readonly LabelAliases KindAliases = new(
        (InvoiceKinds.Invoice, ["invoice", "facture", "380"]),
        (InvoiceKinds.CreditNote, ["creditNote", "avoir", "credit", "381"]),
        (CorrectedInvoice, ["correctedInvoice", "facture rectificative", "rectificative", "384"]));

    private static readonly LabelAliases LineKindAliases = new(
        (InvoiceLineKinds.MonthlyFee, ["monthlyFee", "redevance", "redevance mensuelle", "forfait", "forfait mensuel"]),
        (InvoiceLineKinds.WorkUnit, ["workUnit", "work units", "UO", "unité d'œuvre", "unité d'oeuvre", "unités d'œuvre", "unités d'oeuvre"]),
        (InvoiceLineKinds.Evolution, ["evolution"]),
        (InvoiceLineKinds.PenaltyCredit, ["penaltyCredit", "pénalité", "pénalités", "avoir pénalité", "crédit de pénalité"]),
        (InvoiceLineKinds.Other, ["other", "autre"]));

    /// <summary>Whether the content's first non-blank row names at least two invoice columns: how a CSV is told from any other text.</summary>
    public static bool LooksLikeCsv(byte[] content)
    {
        ArgumentNullException.ThrowIfNull(content);
        if (content.AsSpan().IndexOf((byte)0) >= 0)
        {
            return false;
        }

        var header = CsvText.ReadRows(content, HeaderAliases.Knows).FirstOrDefault(row => !row.Cells.All(string.IsNullOrWhiteSpace));
        return header is not null && header.Cells.Count(cell => HeaderAliases.Knows(cell.Trim())) >= 2;
    }

    /// <summary>Reads a CSV invoice; the invoice only when there is no error, every problem keyed by its line.</summary>
    public static (InvoiceDocument? Invoice, ImportErrors Errors) Read(byte[] csv)
    {
        ArgumentNullException.ThrowIfNull(csv);
        var errors = new ImportErrors();
        Dictionary<int, string>? columnAt = null;
        Dictionary<string, string?>? first = null;
        var firstLine = 0;
        var lines = new List<InvoiceLine>();
        var positions = new HashSet<int>();
        var count = 0;

        foreach (var row in CsvText.ReadRows(csv, HeaderAliases.Knows))
        {
            if (row.Problem is null && row.Cells.All(string.IsNullOrWhiteSpace))
            {
                continue;
            }

            if (columnAt is null)
            {
                columnAt = Header(row, errors);
                if (columnAt.Count == 0)
                {
                    return (null, ImportErrors.OfFile(InvoiceReadMessages.CsvNoHeader));
                }

                if (!errors.IsEmpty)
                {
                    // Without a sound header every value would land in the wrong field: report the header alone.
                    return (null, errors);
                }

                continue;
            }

            if (++count > MaxLines)
            {
                return (null, ImportErrors.OfFile(InvoiceReadMessages.CsvTooManyLines(MaxLines)));
            }

            var place = FilePlace.Line(row.LineNumber);
            if (row.Problem is not null)
            {
                errors.Add(place, "line", ImportMessages.LowerFirst(row.Problem));
                continue;
            }

            var values = Values(row, columnAt, place, errors);
            if (first is null)
            {
                first = values;
                firstLine = row.LineNumber;
            }
            else
            {
                foreach (var column in DocumentColumns)
                {
                    if (values.GetValueOrDefault(column) is { } value && value != first.GetValueOrDefault(column))
                    {
                        errors.Add(place, column, InvoiceReadMessages.CsvDiffersFromFirstLine(firstLine, first.GetValueOrDefault(column) ?? ""));
                    }
                }
            }

            if (Line(values, count, place, positions, errors) is { } line)
            {
                lines.Add(line);
            }
        }

        if (columnAt is null)
        {
            return (null, ImportErrors.OfFile(InvoiceReadMessages.CsvNoHeader));
        }

        if (first is null)
        {
            // Lines there were, none readable: their errors say why.
            return (null, errors.IsEmpty ? ImportErrors.OfFile(InvoiceReadMessages.CsvEmpty) : errors);
        }

        var invoice = Document(first, FilePlace.Line(firstLine), lines, errors);
        return errors.IsEmpty ? (invoice, errors) : (null, errors);
    }

    /// <summary>A number as people type it: "1250.50", "1 250,50" (French), "1,250.50", "-500", "20 %", "650,00 €".</summary>
    public static decimal? ParseNumber(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var builder = new StringBuilder(text.Length);
        foreach (var c in text.Trim().TrimEnd('€', '%', ' ', '\u00A0', '\u202F'))
        {
            switch (c)
            {
                // Thousands as French writes them (spaces, non-breaking or narrow), as Swiss does (apostrophes).
                case ' ' or '\u00A0' or '\u202F' or '\'' or '’':
                    continue;
                // The typographic minus a word processor puts in.
                case '\u2212':
                    builder.Append('-');
                    break;
                default:
                    builder.Append(c);
                    break;
            }
        }

        var number = builder.ToString();
        var (lastComma, lastDot) = (number.LastIndexOf(','), number.LastIndexOf('.'));
        if (lastComma >= 0 && lastDot >= 0)
        {
            // Both: the last one is the decimal separator, the other groups thousands ("1.250,50", "1,250.50").
            number = lastComma > lastDot ? number.Replace(".", "").Replace(',', '.') : number.Replace(",", "");
        }
        else if (lastComma >= 0)
        {
            // One comma is a French decimal comma; several only group thousands ("1,250,000").
            number = number.IndexOf(',') == lastComma ? number.Replace(',', '.') : number.Replace(",", "");
        }
        else if (lastDot >= 0 && number.IndexOf('.') != lastDot)
        {
            number = number.Replace(".", "");
        }

        return decimal.TryParse(number, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value)
            ? value
            : null;
    }

    /// <summary>A date as ISO writes it (2026-11-30) or as French does (30/11/2026).</summary>
    public static DateOnly? ParseDate(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return DateOnly.TryParseExact(text.Trim(), DateFormatPatterns, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : null;
    }

    private static Dictionary<int, string> Header(CsvTextRow row, ImportErrors errors)
    {
        var place = FilePlace.Line(row.LineNumber);
        var columnAt = HeaderAliases.Columns(row.Cells, place, errors, InvoiceReadMessages.CsvUnknownColumn);

        if (columnAt.Count > 0)
        {
            foreach (var missing in RequiredColumns.Where(c => !columnAt.ContainsValue(c)))
            {
                errors.Add(place, missing, ImportMessages.LowerFirst(ImportMessages.ColumnMissing));
            }
        }

        return columnAt;
    }

    private static Dictionary<string, string?> Values(CsvTextRow row, Dictionary<int, string> columnAt, FilePlace place, ImportErrors errors)
    {
        var values = new Dictionary<string, string?>(StringComparer.Ordinal);
        for (var i = 0; i < row.Cells.Length; i++)
        {
            var value = row.Cells[i].Trim();
            if (columnAt.TryGetValue(i, out var field))
            {
                values[field] = value.Length == 0 ? null : value;
            }
            else if (value.Length > 0)
            {
                errors.Add(place, FilePlace.Column(i + 1), ImportMessages.ValueUnderNoHeading(value));
            }
        }

        return values;
    }

    private static InvoiceLine? Line(Dictionary<string, string?> values, int order, FilePlace place, HashSet<int> positions, ImportErrors errors)
    {
        var position = order;
        if (values.GetValueOrDefault("line") is { } lineText)
        {
            if (!int.TryParse(lineText, NumberStyles.None, CultureInfo.InvariantCulture, out position) || position < 1)
            {
                errors.Add(place, "line", ImportMessages.LowerFirst(InvoiceReadMessages.CsvNotLineNumber(lineText)));
                position = 0;
            }
        }

        if (position > 0 && !positions.Add(position))
        {
            errors.Add(place, "line", InvoiceReadMessages.CsvLineNumberTwice(position));
        }

        var description = Required(values, "description", place, errors);
        var quantity = RequiredNumber(values, "quantity", place, errors);
        var unitPrice = RequiredNumber(values, "unitPrice", place, errors);
        var netAmount = RequiredNumber(values, "netAmount", place, errors);
        var vatRate = RequiredNumber(values, "vatRate", place, errors);
        if (vatRate is < 0m or > 100m)
        {
            // The VAT breakdown is computed from it.
            errors.Add(place, "vatRate", ImportMessages.LowerFirst(InvoiceReadMessages.VatRateOutOfRange));
        }
        var lineKind = values.GetValueOrDefault("lineKind");
        var kind = LineKindAliases.CodeOf(lineKind);
        if (lineKind is not null && kind is null)
        {
            errors.Add(place, "lineKind", ImportMessages.LowerFirst(InvoiceReadMessages.CsvUnknownLineKind(lineKind)));
        }

        if (description is null || quantity is null || unitPrice is null || netAmount is null || vatRate is null || errors.Has(place.Key))
        {
            return null;
        }

        return new InvoiceLine(
            position,
            description,
            quantity.Value,
            unitPrice.Value,
            netAmount.Value,
            vatRate,
            values.GetValueOrDefault("unit"),
            ItemCode: values.GetValueOrDefault("itemCode"),
            Kind: kind,
            EvolutionReference: values.GetValueOrDefault("evolution"),
            Note: values.GetValueOrDefault("note"));
    }

    private static InvoiceDocument? Document(Dictionary<string, string?> values, FilePlace place, List<InvoiceLine> lines, ImportErrors errors)
    {
        var number = Required(values, "number", place, errors);
        var issueDate = Date(values, "issueDate", place, errors, required: true);
        var dueDate = Date(values, "dueDate", place, errors, required: false);
        var seller = Required(values, "seller", place, errors);
        var buyer = Required(values, "buyer", place, errors);
        var preceding = values.GetValueOrDefault("precedingInvoice");

        var kind = InvoiceKinds.Invoice;
        if (values.GetValueOrDefault("kind") is { } kindText)
        {
            switch (KindAliases.CodeOf(kindText))
            {
                case null:
                    errors.Add(place, "kind", ImportMessages.LowerFirst(InvoiceReadMessages.CsvUnknownKind(kindText)));
                    break;
                case CorrectedInvoice when preceding is null:
                    errors.Add(place, "precedingInvoice", ImportMessages.LowerFirst(InvoiceReadMessages.CorrectionWithoutPreceding));
                    break;
                case CorrectedInvoice:
                    break;
                case var code:
                    kind = code;
                    break;
            }
        }

        // The model keeps whole periods: one end given asks for the other.
        var start = Date(values, "periodStart", place, errors, required: values.GetValueOrDefault("periodEnd") is not null);
        var end = Date(values, "periodEnd", place, errors, required: start is not null);
        InvoicePeriod? period = null;
        if (start is not null && end is not null)
        {
            if (end < start)
            {
                errors.Add(place, "periodEnd", ImportMessages.LowerFirst(InvoiceReadMessages.PeriodReversed));
            }
            else
            {
                period = new InvoicePeriod(start.Value, end.Value);
            }
        }

        if (number is null || issueDate is null || seller is null || buyer is null || !errors.IsEmpty)
        {
            return null;
        }

        var vat = lines
            .GroupBy(line => line.VatRate ?? 0m)
            .OrderByDescending(group => group.Key)
            .Select(group =>
            {
                var basis = group.Sum(line => line.NetAmount);
                return new VatBreakdown(group.Key, basis, Math.Round(basis * group.Key / 100m, 2, MidpointRounding.AwayFromZero));
            })
            .ToList();
        var lineTotal = lines.Sum(line => line.NetAmount);
        var taxTotal = vat.Sum(breakdown => breakdown.TaxAmount);
        var totals = new InvoiceTotals(lineTotal, 0m, 0m, lineTotal, taxTotal, lineTotal + taxTotal, lineTotal + taxTotal);

        return new InvoiceDocument(
            number,
            issueDate.Value,
            kind,
            values.GetValueOrDefault("currency")?.ToUpperInvariant() ?? "EUR",
            new InvoiceParty(seller, values.GetValueOrDefault("sellerLegalId"), values.GetValueOrDefault("sellerVatNumber")),
            new InvoiceParty(buyer, values.GetValueOrDefault("buyerLegalId"), values.GetValueOrDefault("buyerVatNumber")),
            values.GetValueOrDefault("contractReference"),
            preceding,
            period,
            lines,
            [],
            vat,
            totals,
            dueDate);
    }

    private static string? Required(Dictionary<string, string?> values, string field, FilePlace place, ImportErrors errors)
    {
        var value = values.GetValueOrDefault(field);
        if (value is null)
        {
            errors.Add(place, field, ImportMessages.LowerFirst(ImportMessages.Required));
        }

        return value;
    }

    private static decimal? RequiredNumber(Dictionary<string, string?> values, string field, FilePlace place, ImportErrors errors)
    {
        if (Required(values, field, place, errors) is not { } text)
        {
            return null;
        }

        var number = ParseNumber(text);
        if (number is null)
        {
            errors.Add(place, field, ImportMessages.LowerFirst(InvoiceReadMessages.NotCsvNumber(text)));
        }
        else if (Math.Abs(number.Value) > InvoiceReaders.MaxNumber)
        {
            errors.Add(place, field, ImportMessages.LowerFirst(InvoiceReadMessages.NumberOutOfRange));
            return null;
        }

        return number;
    }

    private static DateOnly? Date(Dictionary<string, string?> values, string field, FilePlace place, ImportErrors errors, bool required)
    {
        var text = required ? Required(values, field, place, errors) : values.GetValueOrDefault(field);
        if (text is null)
        {
            return null;
        }

        var date = ParseDate(text);
        if (date is null)
        {
            errors.Add(place, field, ImportMessages.LowerFirst(InvoiceReadMessages.NotDate(text, DateFormats)));
        }

        return date;
    }
}
