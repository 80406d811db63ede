using System.Globalization;
using System.Xml;
using System.Xml.Linq;
using Infogerance.Documents;
using Infogerance.Validation;

namespace Infogerance.Invoicing.Domain;

/// <summary>
/// Loading an invoice XML safely, and reading its values with each problem located by its element's path. Shared by
/// <see cref="CiiReader"/> and <see cref="UblReader"/>.
/// </summary>
internal static class InvoiceXml
{
    /// <summary>
    /// No DTD (so no entity expansion, internal or external: an XXE or a "billion laughs" file is refused before it is
    /// read), no resolver, nothing fetched. Comments and processing instructions carry nothing an invoice needs.
    /// </summary>
    private static readonly XmlReaderSettings Settings = new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
        IgnoreWhitespace = true,
        CloseInput = true,
    };

    /// <summary>Whether the content starts like XML: a '&lt;' after an optional byte order mark and white space.</summary>
    public static bool LooksLikeXml(ReadOnlySpan<byte> content)
    {
        var step = 1;
        if (content.StartsWith("\uFEFF"u8))
        {
            content = content[3..];
        }
        else if (content.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]) || content.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
        {
            // UTF-16: every other byte is the character we look at.
            content = content[(content[0] == 0xFF ? 2 : 3)..];
            step = 2;
        }

        for (var i = 0; i < content.Length; i += step)
        {
            switch (content[i])
            {
                case (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n':
                    continue;
                case (byte)'<':
                    return true;
                default:
                    return false;
            }
        }

        return false;
    }

    /// <summary>The document with line information (the errors' order), or the whole file's problem.</summary>
    public static XDocument? Load(byte[] content, out Message? problem)
    {
        problem = null;
        try
        {
            using var reader = XmlReader.Create(new MemoryStream(content, writable: false), Settings);
            return XDocument.Load(reader, LoadOptions.SetLineInfo);
        }
        catch (XmlException e)
        {
            problem = HasDoctype(content) ? InvoiceReadMessages.DoctypeRefused : InvoiceReadMessages.NotXml(e.LineNumber, e.LinePosition);
            return null;
        }
    }

    /// <summary>The root element's name, read without loading the document; null when the content is not XML.</summary>
    public static XName? RootName(byte[] content)
    {
        try
        {
            using var reader = XmlReader.Create(new MemoryStream(content, writable: false), Settings);
            return reader.MoveToContent() == XmlNodeType.Element ? XName.Get(reader.LocalName, reader.NamespaceURI) : null;
        }
        catch (XmlException)
        {
            return null;
        }
    }

    /// <summary>
    /// Whether the refused file declared a DTD: a framework's text cannot be shown, and "not well-formed" would
    /// mislead its author, whose file may be well formed.
    /// </summary>
    private static bool HasDoctype(ReadOnlySpan<byte> content) =>
        content.IndexOf("<!DOCTYPE"u8) >= 0 || content.IndexOf("<\0!\0D\0O\0C\0T\0Y\0P\0E\0"u8) >= 0 || content.IndexOf("\0<\0!\0D\0O\0C\0T\0Y\0P\0E"u8) >= 0;

    /// <summary>An invoice date written as EN 16931's CII syntax asks: format 102, yyyyMMdd.</summary>
    public static DateOnly? CiiDate(string text) =>
        DateOnly.TryParseExact(text, "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : null;

    /// <summary>A date as UBL writes it (xs:date without a zone): yyyy-MM-dd.</summary>
    public static DateOnly? IsoDate(string text) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : null;

    /// <summary>An xs:decimal: optional sign, digits, optional decimal point; never a thousands separator or an exponent.</summary>
    public static decimal? Decimal(string text) =>
        decimal.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value) ? value : null;

    /// <summary>An xs:boolean.</summary>
    public static bool? Indicator(string text) => text switch
    {
        "true" or "1" => true,
        "false" or "0" => false,
        _ => null,
    };
}

/// <summary>
/// Reads the values of one XML invoice, adding a located error for each term that is missing or cannot be read. Every
/// method takes the parent it starts from, which may be null when that parent was itself missing (and already
/// reported): then it reads nothing and reports nothing more, so a missing block is one error, not one per term.
/// </summary>
/// <param name="prefixes">The prefix each path writes for a namespace, whatever prefixes the file itself chose.</param>
internal sealed class XmlTerms(ImportErrors errors, IReadOnlyDictionary<XNamespace, string> prefixes)
{
    public ImportErrors Errors => errors;

    /// <summary>The element at the end of <paramref name="path"/>, the first of each name; null when any step is absent.</summary>
    public static XElement? Element(XElement? parent, params ReadOnlySpan<XName> path)
    {
        var current = parent;
        foreach (var name in path)
        {
            current = current?.Element(name);
        }

        return current;
    }

    /// <summary>The element at the end of <paramref name="path"/>, or null with "required" at the first step that is absent.</summary>
    public XElement? RequiredElement(XElement? parent, params ReadOnlySpan<XName> path)
    {
        if (parent is null)
        {
            return null;
        }

        var current = parent;
        for (var i = 0; i < path.Length; i++)
        {
            var next = current.Element(path[i]);
            if (next is null)
            {
                Missing(current, path[i]);
                return null;
            }

            current = next;
        }

        return current;
    }

    /// <summary>The trimmed text of the element, null when it is absent or empty.</summary>
    public static string? Text(XElement? parent, params ReadOnlySpan<XName> path) => Value(Element(parent, path));

    public string? RequiredText(XElement? parent, params ReadOnlySpan<XName> path)
    {
        var element = RequiredElement(parent, path);
        var text = Value(element);
        if (element is not null && text is null)
        {
            Add(element, ImportMessages.Required);
        }

        return text;
    }

    public decimal? Decimal(XElement? parent, params ReadOnlySpan<XName> path) => Decimal(Element(parent, path));

    public decimal? RequiredDecimal(XElement? parent, params ReadOnlySpan<XName> path)
    {
        var element = RequiredElement(parent, path);
        if (element is not null && Value(element) is null)
        {
            Add(element, ImportMessages.Required);
            return null;
        }

        return Decimal(element);
    }

    /// <summary>The element's decimal, or null (with the error when its text is not a number).</summary>
    public decimal? Decimal(XElement? element)
    {
        if (Value(element) is not { } text)
        {
            return null;
        }

        var value = InvoiceXml.Decimal(text);
        if (value is null)
        {
            Add(element!, InvoiceReadMessages.NotNumber(text));
        }
        else if (Math.Abs(value.Value) > InvoiceReaders.MaxNumber)
        {
            Add(element!, InvoiceReadMessages.NumberOutOfRange);
            return null;
        }

        return value;
    }

    /// <summary>
    /// The price of one unit of quantity: the price as stated, divided by the base quantity it is given for when there is
    /// one (BT-149: 65.00 for 0.1 day is 650.00 a day), so that quantity × unit price is the line's amount.
    /// </summary>
    public decimal? UnitPrice(decimal? price, XElement? baseQuantity)
    {
        var basis = Decimal(baseQuantity);
        if (basis is null || price is null)
        {
            return price;
        }

        if (basis <= 0m)
        {
            Add(baseQuantity!, InvoiceReadMessages.NotPositive);
            return null;
        }

        // A tiny base quantity could give a unit price beyond what a decimal holds: compared without dividing.
        if (basis < 1m && Math.Abs(price.Value) > InvoiceReaders.MaxNumber * basis)
        {
            Add(baseQuantity!, InvoiceReadMessages.NumberOutOfRange);
            return null;
        }

        return price / basis;
    }

    /// <summary>The element's date read by <paramref name="parse"/>, or null (with the error naming <paramref name="expected"/> when it cannot be read).</summary>
    public DateOnly? Date(XElement? element, Func<string, DateOnly?> parse, string expected)
    {
        if (Value(element) is not { } text)
        {
            return null;
        }

        var date = parse(text);
        if (date is null)
        {
            Add(element!, InvoiceReadMessages.NotDate(text, expected));
        }

        return date;
    }

    public DateOnly? RequiredDate(XElement? parent, ReadOnlySpan<XName> path, Func<string, DateOnly?> parse, string expected)
    {
        var element = RequiredElement(parent, path);
        if (element is not null && Value(element) is null)
        {
            Add(element, ImportMessages.Required);
            return null;
        }

        return Date(element, parse, expected);
    }

    public bool? Indicator(XElement? element)
    {
        if (Value(element) is not { } text)
        {
            return null;
        }

        var value = InvoiceXml.Indicator(text);
        if (value is null)
        {
            Add(element!, InvoiceReadMessages.NotIndicator(text));
        }

        return value;
    }

    /// <summary>
    /// The kind of a document type code (BT-3, the same code list in CII and UBL): 380 invoice, 381 credit note, 384
    /// corrected invoice (an invoice that must name the one it corrects); the others are not provider invoices we read.
    /// </summary>
    public string? DocumentKind(XElement? typeCode, string? precedingInvoice)
    {
        if (typeCode is null)
        {
            return null;
        }

        switch (typeCode.Value.Trim())
        {
            case "380":
                return InvoiceKinds.Invoice;
            case "381":
                return InvoiceKinds.CreditNote;
            case "384" when precedingInvoice is null:
                Add(typeCode, InvoiceReadMessages.CorrectionWithoutPreceding);
                return null;
            case "384":
                return InvoiceKinds.Invoice;
            case "":
                Add(typeCode, ImportMessages.Required);
                return null;
            case var other:
                Add(typeCode, InvoiceReadMessages.UnknownTypeCode(other));
                return null;
        }
    }

    /// <summary>A period from its start and end elements: both dates, or null (EN 16931 allows either alone; the model keeps whole periods).</summary>
    public InvoicePeriod? Period(XElement? period, XElement? start, XElement? end, Func<string, DateOnly?> parse, string expected)
    {
        var from = Date(start, parse, expected);
        var to = Date(end, parse, expected);
        if (from is null || to is null)
        {
            return null;
        }

        if (to < from)
        {
            Add(period ?? end!, InvoiceReadMessages.PeriodReversed);
            return null;
        }

        return new InvoicePeriod(from.Value, to.Value);
    }

    public void Add(XElement element, Message message) => errors.Add(FilePlace.Xml(PathOf(element), Order(element)), "", message);

    /// <summary>"Required" at the child <paramref name="name"/> that <paramref name="parent"/> lacks.</summary>
    public void Missing(XElement parent, XName name) =>
        errors.Add(FilePlace.Xml(PathOf(parent), Order(parent)), Prefixed(name), ImportMessages.Required);

    /// <summary>The element's path from the root: prefixed names, an index where siblings share the name ("ram:IncludedSupplyChainTradeLineItem[3]").</summary>
    public string PathOf(XElement element)
    {
        var segments = new List<string>();
        for (var current = element; current is not null; current = current.Parent)
        {
            var segment = Prefixed(current.Name);
            if (current.Parent is { } parent)
            {
                var (index, count) = (0, 0);
                foreach (var sibling in parent.Elements(current.Name))
                {
                    count++;
                    if (ReferenceEquals(sibling, current))
                    {
                        index = count;
                    }
                }

                if (count > 1)
                {
                    segment += $"[{index}]";
                }
            }

            segments.Add(segment);
        }

        segments.Reverse();
        return "/" + string.Join('/', segments);
    }

    private string Prefixed(XName name) =>
        prefixes.TryGetValue(name.Namespace, out var prefix)
            ? prefix.Length == 0 ? name.LocalName : $"{prefix}:{name.LocalName}"
            : name.LocalName;

    /// <summary>Sorts the errors in the order of the file: line, then position.</summary>
    private static long Order(XElement element) =>
        element is IXmlLineInfo info && info.HasLineInfo() ? info.LineNumber * 1_000_000L + info.LinePosition : 0;

    private static string? Value(XElement? element) => element?.Value.Trim() is { Length: > 0 } text ? text : null;
}
