using Infogerance.Documents;
using Infogerance.Validation;
using UglyToad.PdfPig;

namespace Infogerance.Invoicing.Domain;

/// <summary>
/// Reads a Factur-X (or ZUGFeRD 2, or XRechnung) PDF: the invoice is the XML the PDF/A-3 carries as an embedded file,
/// read by <see cref="CiiReader"/> (or <see cref="UblReader"/> for an XRechnung in UBL); the visible pages are not read.
/// </summary>
public static class FacturXReader
{
    /// <summary>The names the specifications give the invoice XML, the current first; compared ignoring case.</summary>
    public static readonly IReadOnlyList<string> InvoiceFileNames = ["factur-x.xml", "zugferd-invoice.xml", "xrechnung.xml"];

    /// <summary>The most bytes the PDF's streams may decode to, all together: an invoice XML of 10,000 lines is about 10 MB.</summary>
    public const long MaxDecodedBytes = 64L * 1024 * 1024;

    /// <summary>Whether the content is a PDF: its header, which the format allows anywhere in the first kilobyte.</summary>
    public static bool IsPdf(ReadOnlySpan<byte> content) => content[..Math.Min(content.Length, 1024)].IndexOf("%PDF-"u8) >= 0;

    /// <summary>Reads the invoice the PDF carries; the invoice only when there is no error.</summary>
    public static (InvoiceDocument? Invoice, ImportErrors Errors) Read(byte[] pdf)
    {
        ArgumentNullException.ThrowIfNull(pdf);
        var xml = EmbeddedInvoice(pdf, out var problem);
        return xml is null ? (null, ImportErrors.OfFile(problem!)) : InvoiceReaders.ReadXml(xml);
    }

    /// <summary>
    /// The invoice XML embedded in the PDF: the attachment with one of <see cref="InvoiceFileNames"/>, else the first
    /// attached XML whose root is an invoice (some producers name it after the invoice number); null with the problem otherwise.
    /// </summary>
    public static byte[]? EmbeddedInvoice(byte[] pdf, out Message? problem)
    {
        ArgumentNullException.ThrowIfNull(pdf);
        problem = null;
        if (!IsPdf(pdf))
        {
            problem = InvoiceReadMessages.NotPdf;
            return null;
        }

        List<(string Name, byte[] Content)> attachments;
        try
        {
            var options = new ParsingOptions
            {
                UseLenientParsing = true,
                SkipMissingFonts = true,
                FilterProvider = new BudgetedFilterProvider(MaxDecodedBytes),
            };
            using var document = PdfDocument.Open(pdf, options);
            if (!document.Advanced.TryGetEmbeddedFiles(out var files))
            {
                problem = InvoiceReadMessages.NoEmbeddedInvoice;
                return null;
            }

            attachments = [.. files.Select(file => (FileName(file.Name, file.FileSpecification), file.Memory.ToArray()))];
        }
        catch (BudgetedFilterProvider.BudgetExceededException)
        {
            problem = InvoiceReadMessages.PdfTooLarge(MaxDecodedBytes);
            return null;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // A damaged or encrypted PDF: PdfPig throws a dozen different types for what it cannot parse.
            problem = InvoiceReadMessages.PdfUnreadable;
            return null;
        }

        foreach (var name in InvoiceFileNames)
        {
            if (attachments.FirstOrDefault(a => string.Equals(a.Name, name, StringComparison.OrdinalIgnoreCase)) is { Content: { } named })
            {
                return named;
            }
        }

        var invoice = attachments
            .Where(a => a.Name.EndsWith(".xml", StringComparison.OrdinalIgnoreCase))
            .Select(a => a.Content)
            .FirstOrDefault(content => InvoiceXml.RootName(content) is { } root && InvoiceReaders.IsInvoiceRoot(root));
        if (invoice is null)
        {
            problem = InvoiceReadMessages.NoEmbeddedInvoice;
        }

        return invoice;
    }

    /// <summary>The attachment's file name: the file specification's (/UF or /F), else its key in the name tree.</summary>
    private static string FileName(string? treeName, string? specification)
    {
        var name = string.IsNullOrWhiteSpace(specification) ? treeName ?? "" : specification;
        return name[(name.LastIndexOfAny(['/', '\\']) + 1)..].Trim();
    }
}
