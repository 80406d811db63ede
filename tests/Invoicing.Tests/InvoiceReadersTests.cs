using System.Reflection;
using Infogerance.Documents;
using Infogerance.Invoicing.Domain;
using Infogerance.Validation;
using static Infogerance.Invoicing.Tests.InvoiceSamples;

namespace Infogerance.Invoicing.Tests;

/// <summary>One entry for every format, told from the content: a wrongly named file still reads.</summary>
public class InvoiceReadersTests
{
    public static TheoryData<string, string, string?> WronglyNamedFiles => new()
    {
        { CiiEn16931, "facture.csv", "text/csv" },
        { CiiBasic, "facture.pdf", "application/pdf" },
        { UblInvoice, "facture.pdf", null },
        { UblCreditNote, "avoir.txt", "text/plain" },
        { Csv, "facture.xml", "application/xml" },
        { Csv, "facture", "application/octet-stream" },
    };

    [Fact]
    public void Each_format_is_detected_by_its_content()
    {
        Assert.Equal(InvoiceFileFormat.Cii, InvoiceReaders.Detect(Bytes(CiiEn16931)));
        Assert.Equal(InvoiceFileFormat.Cii, InvoiceReaders.Detect(Bytes(CiiBasic)));
        Assert.Equal(InvoiceFileFormat.Ubl, InvoiceReaders.Detect(Bytes(UblInvoice)));
        Assert.Equal(InvoiceFileFormat.Ubl, InvoiceReaders.Detect(Bytes(UblCreditNote)));
        Assert.Equal(InvoiceFileFormat.Csv, InvoiceReaders.Detect(Bytes(Csv)));
        Assert.Equal(InvoiceFileFormat.FacturX, InvoiceReaders.Detect(Pdf(("factur-x.xml", Bytes(CiiEn16931)))));
        Assert.Null(InvoiceReaders.Detect(Utf8("<html><body>Facture</body></html>")));
        Assert.Null(InvoiceReaders.Detect(Utf8("Bonjour, voici la facture de novembre.")));
        Assert.Null(InvoiceReaders.Detect([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]));
    }

    [Theory]
    [MemberData(nameof(WronglyNamedFiles))]
    public void A_wrongly_named_file_reads_by_its_content(string sample, string fileName, string? contentType)
    {
        var invoice = Readable(InvoiceReaders.Read(fileName, contentType, Bytes(sample)));

        Assert.Equal(sample == UblCreditNote ? "AV-2026-0031" : "FA-2026-1142", invoice.Number);
    }

    [Fact]
    public void A_factur_x_pdf_reads_whatever_its_name()
    {
        var pdf = Pdf(("factur-x.xml", Bytes(CiiEn16931)));

        AssertSameInvoice(November2026Invoice(), Readable(InvoiceReaders.Read("facture.xml", "application/xml", pdf)));
    }

    [Fact]
    public void Xml_in_utf16_with_a_byte_order_mark_reads()
    {
        var utf16 = System.Text.Encoding.Unicode.GetPreamble()
            .Concat(System.Text.Encoding.Unicode.GetBytes(Text(UblInvoice).Replace("encoding=\"UTF-8\"", "encoding=\"UTF-16\"")))
            .ToArray();

        AssertSameInvoice(November2026Invoice(), Readable(InvoiceReaders.Read("facture.xml", "application/xml", utf16)));
    }

    [Theory]
    [InlineData("facture.pdf", null)]
    [InlineData("facture", "application/pdf")]
    [InlineData("FACTURE.PDF", "application/octet-stream")]
    public void Content_that_is_not_a_pdf_sent_as_a_pdf_is_refused(string fileName, string? contentType)
    {
        byte[] png = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13];

        Assert.Equal((ImportErrors.FileKey, "invoice.file.notPdf"), SingleError(InvoiceReaders.Read(fileName, contentType, png)));
        Assert.Equal((ImportErrors.FileKey, "invoice.file.notPdf"), SingleError(InvoiceReaders.Read(fileName, contentType, Utf8("Bonjour"))));
    }

    [Fact]
    public void A_pdf_without_an_embedded_invoice_is_refused()
    {
        Assert.Equal((ImportErrors.FileKey, "invoice.pdf.noEmbeddedInvoice"), SingleError(InvoiceReaders.Read("facture.pdf", "application/pdf", Pdf())));
    }

    [Fact]
    public void Other_content_is_refused_by_what_it_is()
    {
        Assert.Equal((ImportErrors.FileKey, "invoice.file.empty"), SingleError(InvoiceReaders.Read("facture.pdf", null, [])));
        Assert.Equal((ImportErrors.FileKey, "invoice.file.unknownFormat"), SingleError(InvoiceReaders.Read("facture.bin", null, [0, 1, 2, 3])));
        Assert.Equal((ImportErrors.FileKey, "invoice.file.unknownFormat"), SingleError(InvoiceReaders.Read("facture.docx", null, Utf8("Bonjour"))));
        Assert.Equal((ImportErrors.FileKey, "invoice.xml.unknownRoot"), SingleError(InvoiceReaders.Read("facture.xml", null, Utf8("<html><body/></html>"))));
        Assert.Equal((ImportErrors.FileKey, "invoice.xml.malformed"), SingleError(InvoiceReaders.Read("facture.xml", null, Utf8("<Invoice><cbc:ID></Invoice>"))));
    }

    [Theory]
    [InlineData(new byte[] { (byte)'<', 0xC3, 0x28, (byte)'>' })]
    [InlineData(new byte[] { (byte)'<', (byte)'a', (byte)'>', 0, 0, 0 })]
    [InlineData(new byte[] { 0xEF, 0xBB, 0xBF, (byte)'<' })]
    [InlineData(new byte[] { 0xFF, 0xFE, (byte)'<', 0 })]
    public void Broken_xml_is_refused_never_thrown(byte[] content)
    {
        Assert.Equal((ImportErrors.FileKey, "invoice.xml.malformed"), SingleError(InvoiceReaders.Read("facture.xml", null, content)));
    }

    [Fact]
    public void Text_sent_as_csv_whose_header_is_not_ours_is_answered_by_the_csv_reading()
    {
        var result = InvoiceReaders.Read("facture.csv", "text/csv", Utf8("référence;montant\nFA-1;12\n"));

        Assert.Equal(["line 1"], result.Errors.Keys);
        Assert.Contains(result.Errors["line 1"], m => m.Code == "invoice.csv.column.unknown");
    }

    [Fact]
    public void An_xxe_attempt_is_refused_whatever_the_name()
    {
        var xml = Text(UblInvoice)
            .Replace("<Invoice ", "<!DOCTYPE Invoice [ <!ENTITY xxe SYSTEM \"file:///etc/passwd\"> ]>\n<Invoice ")
            .Replace("<cbc:ID>FA-2026-1142</cbc:ID>", "<cbc:ID>&xxe;</cbc:ID>");

        Assert.Equal((ImportErrors.FileKey, "invoice.xml.doctype"), SingleError(InvoiceReaders.Read("facture.csv", "text/csv", Utf8(xml))));
    }

    [Fact]
    public void Every_message_speaks_english_and_french()
    {
        var properties = typeof(InvoiceReadMessages).GetProperties(BindingFlags.Public | BindingFlags.Static)
            .Select(p => (Message)p.GetValue(null)!);
        var methods = typeof(InvoiceReadMessages).GetMethods(BindingFlags.Public | BindingFlags.Static)
            .Where(m => m.ReturnType == typeof(Message) && !m.IsSpecialName)
            .Select(m => (Message)m.Invoke(null, [.. m.GetParameters().Select(p => Convert.ChangeType(p.ParameterType == typeof(string) ? "x" : 3, p.ParameterType, System.Globalization.CultureInfo.InvariantCulture))])!);

        var messages = properties.Concat(methods).ToList();

        Assert.True(messages.Count > 25);
        Assert.All(messages, message =>
        {
            Assert.StartsWith("invoice.", message.Code, StringComparison.Ordinal);
            Assert.False(string.IsNullOrWhiteSpace(message.English));
            Assert.False(string.IsNullOrWhiteSpace(message.French));
            Assert.NotEqual(message.English, message.French);
        });
    }
}
