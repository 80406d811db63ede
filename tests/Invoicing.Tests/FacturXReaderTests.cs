using Infogerance.Documents;
using Infogerance.Invoicing.Domain;
using static Infogerance.Invoicing.Tests.InvoiceSamples;

namespace Infogerance.Invoicing.Tests;

/// <summary>Factur-X PDFs: the invoice is the XML attached to the PDF, the pages are not read.</summary>
public class FacturXReaderTests
{
    [Fact]
    public void The_attached_factur_x_xml_reads_every_term()
    {
        var pdf = Pdf(("factur-x.xml", Bytes(CiiEn16931)));

        AssertSameInvoice(November2026Invoice(), Readable(FacturXReader.Read(pdf)));
    }

    [Fact]
    public void A_compressed_attachment_as_most_producers_write_it_reads()
    {
        var pdf = CompressedFacturXPdf("factur-x.xml", Bytes(CiiEn16931));

        AssertSameInvoice(November2026Invoice(), Readable(FacturXReader.Read(pdf)));
    }

    [Fact]
    public void A_decompression_bomb_is_refused_before_it_inflates()
    {
        var bomb = DecompressionBomb(megabytes: 300);
        Assert.True(bomb.Length < 1024 * 1024);
        var before = GC.GetTotalAllocatedBytes(precise: true);

        Assert.Equal((ImportErrors.FileKey, "invoice.pdf.tooLarge"), SingleError(FacturXReader.Read(bomb)));
        Assert.True(GC.GetTotalAllocatedBytes(precise: true) - before < 32 * 1024 * 1024);
    }

    [Fact]
    public void An_attachment_below_the_budget_is_read()
    {
        var result = FacturXReader.Read(DecompressionBomb(megabytes: 40));

        // Read as the empty invoice it is: its errors are those of the XML.
        Assert.False(result.Errors.Has(ImportErrors.FileKey));
        Assert.Equal("/rsm:CrossIndustryInvoice/rsm:ExchangedDocument", result.Errors.Keys.First());
    }

    [Theory]
    [InlineData("ZUGFeRD-invoice.xml")]
    [InlineData("zugferd-invoice.xml")]
    [InlineData("xrechnung.xml")]
    [InlineData("FA-2026-1142.xml")]
    public void The_older_names_and_any_attached_invoice_xml_are_read(string name)
    {
        var pdf = Pdf(("conditions-generales.txt", Utf8("Conditions générales de vente")), (name, Bytes(CiiBasic)));

        AssertSameInvoice(November2026BasicInvoice(), Readable(FacturXReader.Read(pdf)));
    }

    [Fact]
    public void An_xrechnung_in_ubl_is_read_too()
    {
        var pdf = Pdf(("xrechnung.xml", Bytes(UblCreditNote)));

        AssertSameInvoice(December2026CreditNote(), Readable(FacturXReader.Read(pdf)));
    }

    [Fact]
    public void The_named_invoice_is_preferred_to_another_attached_xml()
    {
        var pdf = Pdf(("annexe.xml", Bytes(UblCreditNote)), ("factur-x.xml", Bytes(CiiEn16931)));

        Assert.Equal("FA-2026-1142", Readable(FacturXReader.Read(pdf)).Number);
    }

    [Fact]
    public void A_pdf_without_an_attachment_is_refused()
    {
        Assert.Equal((ImportErrors.FileKey, "invoice.pdf.noEmbeddedInvoice"), SingleError(FacturXReader.Read(Pdf())));
    }

    [Fact]
    public void A_pdf_whose_attachments_are_not_invoices_is_refused()
    {
        var pdf = Pdf(("releve.csv", Utf8("a;b\n1;2\n")), ("commande.xml", Utf8("<Order xmlns=\"urn:oasis:names:specification:ubl:schema:xsd:Order-2\"/>")));

        Assert.Equal((ImportErrors.FileKey, "invoice.pdf.noEmbeddedInvoice"), SingleError(FacturXReader.Read(pdf)));
    }

    [Fact]
    public void A_damaged_pdf_is_refused()
    {
        var damaged = Utf8("%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\ngarbage without a cross-reference table");

        Assert.Equal((ImportErrors.FileKey, "invoice.pdf.unreadable"), SingleError(FacturXReader.Read(damaged)));
    }

    [Fact]
    public void Content_that_is_not_a_pdf_is_refused()
    {
        Assert.Equal((ImportErrors.FileKey, "invoice.file.notPdf"), SingleError(FacturXReader.Read(Bytes(CiiEn16931))));
    }

    [Fact]
    public void Errors_in_the_attached_xml_are_located_by_their_path()
    {
        var xml = Text(CiiEn16931).Replace("<ram:LineTotalAmount>-500.00</ram:LineTotalAmount>", "<ram:LineTotalAmount>-500.00 EUR</ram:LineTotalAmount>");

        var result = FacturXReader.Read(Pdf(("factur-x.xml", Utf8(xml))));

        Assert.Equal(
            ("/rsm:CrossIndustryInvoice/rsm:SupplyChainTradeTransaction/ram:IncludedSupplyChainTradeLineItem[4]/ram:SpecifiedLineTradeSettlement/ram:SpecifiedTradeSettlementLineMonetarySummation/ram:LineTotalAmount", "invoice.value.notNumber"),
            SingleError(result));
    }

    [Fact]
    public void An_attached_xml_with_an_external_entity_is_refused()
    {
        var xml = Text(CiiEn16931)
            .Replace("<rsm:CrossIndustryInvoice ", "<!DOCTYPE rsm:CrossIndustryInvoice [ <!ENTITY xxe SYSTEM \"file:///etc/hostname\"> ]>\n<rsm:CrossIndustryInvoice ")
            .Replace("<ram:ID>FA-2026-1142</ram:ID>", "<ram:ID>&xxe;</ram:ID>");

        Assert.Equal((ImportErrors.FileKey, "invoice.xml.doctype"), SingleError(FacturXReader.Read(Pdf(("factur-x.xml", Utf8(xml))))));
    }
}
