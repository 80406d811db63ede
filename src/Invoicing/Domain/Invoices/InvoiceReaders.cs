using System.Xml.Linq;
using Infogerance.Documents;

namespace Infogerance.Invoicing.Domain;

/// <summary>The formats a provider's invoice file is read from.</summary>
public enum InvoiceFileFormat { FacturX, Cii, Ubl, Csv }

/// <summary>
/// Reads a provider's invoice file whatever its format, told from its content rather than its name or declared type,
/// so a wrongly named file still reads: a PDF (Factur-X), an XML whose root is a CII or UBL invoice, else a CSV with the
/// invoice columns. A file with any error yields no invoice.
/// </summary>
public static class InvoiceReaders
{
    /// <summary>
    /// The largest number an invoice states, in amount, quantity or price (a thousand trillion): beyond it a value is
    /// refused, so that no sum or product the readers and the control make can overflow a decimal.
    /// </summary>
    public const decimal MaxNumber = 1_000_000_000_000_000m;

    /// <summary>Reads the file; the name and type only choose the message for content that is none of the formats.</summary>
    public static (InvoiceDocument? Invoice, ImportErrors Errors) Read(string fileName, string? contentType, byte[] content)
    {
        ArgumentNullException.ThrowIfNull(content);
        if (content.Length == 0)
        {
            return (null, ImportErrors.OfFile(InvoiceReadMessages.Empty));
        }

        switch (Detect(content))
        {
            case InvoiceFileFormat.FacturX:
                return FacturXReader.Read(content);
            case InvoiceFileFormat.Cii or InvoiceFileFormat.Ubl:
                return ReadXml(content);
            case InvoiceFileFormat.Csv:
                return InvoiceCsvReader.Read(content);
        }

        // XML that is malformed or not an invoice: the XML reading says which, and where.
        if (InvoiceXml.LooksLikeXml(content))
        {
            return ReadXml(content);
        }

        var extension = Path.GetExtension(fileName ?? "").ToLowerInvariant();
        var type = contentType?.Split(';')[0].Trim().ToLowerInvariant();
        if (extension == ".pdf" || type == DocumentTypes.Pdf)
        {
            return (null, ImportErrors.OfFile(InvoiceReadMessages.NotPdf));
        }

        // Text sent as a CSV whose header names too few of our columns: the CSV reading names the columns it does not know.
        var isText = content.AsSpan().IndexOf((byte)0) < 0;
        return isText && (extension is ".csv" or ".txt" || type is DocumentTypes.Csv or DocumentTypes.Text)
            ? InvoiceCsvReader.Read(content)
            : (null, ImportErrors.OfFile(InvoiceReadMessages.UnknownFormat));
    }

    /// <summary>The format the content is in, by its content alone; null when it is none of them (or XML of another kind).</summary>
    public static InvoiceFileFormat? Detect(byte[] content)
    {
        ArgumentNullException.ThrowIfNull(content);
        if (FacturXReader.IsPdf(content))
        {
            return InvoiceFileFormat.FacturX;
        }

        if (InvoiceXml.LooksLikeXml(content))
        {
            var root = InvoiceXml.RootName(content);
            return root == CiiReader.Root ? InvoiceFileFormat.Cii
                : root == UblReader.InvoiceRoot || root == UblReader.CreditNoteRoot ? InvoiceFileFormat.Ubl
                : null;
        }

        return InvoiceCsvReader.LooksLikeCsv(content) ? InvoiceFileFormat.Csv : null;
    }

    internal static bool IsInvoiceRoot(XName root) => root == CiiReader.Root || root == UblReader.InvoiceRoot || root == UblReader.CreditNoteRoot;

    /// <summary>An invoice XML, CII or UBL by its root element, loaded once (safely).</summary>
    internal static (InvoiceDocument? Invoice, ImportErrors Errors) ReadXml(byte[] xml)
    {
        var document = InvoiceXml.Load(xml, out var problem);
        if (document is null)
        {
            return (null, ImportErrors.OfFile(problem!));
        }

        var root = document.Root!.Name;
        return root == CiiReader.Root ? CiiReader.Read(document)
            : root == UblReader.InvoiceRoot || root == UblReader.CreditNoteRoot ? UblReader.Read(document)
            : (null, ImportErrors.OfFile(InvoiceReadMessages.UnknownXml(root.LocalName)));
    }
}
