using Infogerance.Documents;
using Infogerance.Invoicing.Domain;
using static Infogerance.Invoicing.Tests.InvoiceSamples;

namespace Infogerance.Invoicing.Tests;

/// <summary>UBL 2.1 invoices and credit notes: each term where EN 16931 puts it, each problem at its element's path.</summary>
public class UblReaderTests
{
    private static (InvoiceDocument? Invoice, ImportErrors Errors) ReadUbl(string xml) => UblReader.Read(Utf8(xml));

    private static string Sample => Text(UblInvoice);

    [Fact]
    public void The_invoice_sample_reads_every_term()
    {
        AssertSameInvoice(November2026Invoice(), Readable(UblReader.Read(Bytes(UblInvoice))));
    }

    [Fact]
    public void The_credit_note_sample_reads_as_a_credit_note_with_positive_amounts_naming_the_invoice_it_credits()
    {
        AssertSameInvoice(December2026CreditNote(), Readable(UblReader.Read(Bytes(UblCreditNote))));
    }

    [Fact]
    public void An_unreadable_price_is_located_at_its_lines_element()
    {
        var xml = Sample.Replace("""<cbc:PriceAmount currencyID="EUR">650.00</cbc:PriceAmount>""", """<cbc:PriceAmount currencyID="EUR">650,00</cbc:PriceAmount>""");

        Assert.Equal(("/Invoice/cac:InvoiceLine[2]/cac:Price/cbc:PriceAmount", "invoice.value.notNumber"), SingleError(ReadUbl(xml)));
    }

    [Fact]
    public void A_credit_note_line_is_located_under_its_own_name()
    {
        var xml = Text(UblCreditNote).Replace("""<cbc:CreditedQuantity unitCode="C62">1</cbc:CreditedQuantity>""", "");

        Assert.Equal(("/CreditNote/cac:CreditNoteLine/cbc:CreditedQuantity", "import.value.required"), SingleError(ReadUbl(xml)));
    }

    [Fact]
    public void A_party_without_its_legal_name_falls_back_on_its_trading_name_and_is_refused_without_either()
    {
        var withoutLegalName = Sample.Replace("<cbc:RegistrationName>Antares Services</cbc:RegistrationName>", "");

        Assert.Equal("Antares", Readable(ReadUbl(withoutLegalName)).Seller.Name);

        var withoutName = withoutLegalName.Replace("<cbc:Name>Antares</cbc:Name>", "");
        Assert.Equal(
            ("/Invoice/cac:AccountingSupplierParty/cac:Party/cac:PartyLegalEntity/cbc:RegistrationName", "import.value.required"),
            SingleError(ReadUbl(withoutName)));
    }

    [Fact]
    public void Missing_mandatory_terms_are_each_reported_at_their_path()
    {
        var xml = Sample
            .Replace("<cbc:IssueDate>2026-11-30</cbc:IssueDate>", "")
            .Replace("<cbc:InvoiceTypeCode>380</cbc:InvoiceTypeCode>", "<cbc:InvoiceTypeCode>326</cbc:InvoiceTypeCode>")
            .Replace("""<cbc:PayableAmount currencyID="EUR">22620.00</cbc:PayableAmount>""", "");

        var result = ReadUbl(xml);

        Assert.Null(result.Invoice);
        Assert.Equal(
            ["/Invoice/cbc:IssueDate", "/Invoice/cbc:InvoiceTypeCode", "/Invoice/cac:LegalMonetaryTotal/cbc:PayableAmount"],
            result.Errors.Keys);
        Assert.Equal(["import.value.required", "invoice.typeCode.unknown", "import.value.required"], result.Errors.Keys.Select(k => result.Errors[k][0].Code));
    }

    [Fact]
    public void An_invoice_without_lines_is_refused()
    {
        var first = Sample.IndexOf("  <cac:InvoiceLine>", StringComparison.Ordinal);
        var last = Sample.IndexOf("</Invoice>", StringComparison.Ordinal);

        Assert.Equal(("/Invoice/cac:InvoiceLine", "import.value.required"), SingleError(ReadUbl(Sample.Remove(first, last - first))));
    }

    [Fact]
    public void A_date_not_written_yyyy_mm_dd_is_refused()
    {
        var xml = Sample.Replace("<cbc:DueDate>2026-12-30</cbc:DueDate>", "<cbc:DueDate>30/12/2026</cbc:DueDate>");

        Assert.Equal(("/Invoice/cbc:DueDate", "invoice.value.notDate"), SingleError(ReadUbl(xml)));
    }

    [Fact]
    public void A_period_that_ends_before_it_starts_is_refused()
    {
        var xml = Sample.Replace("""
                <cbc:StartDate>2026-11-01</cbc:StartDate>
                <cbc:EndDate>2026-11-30</cbc:EndDate>
              </cac:InvoicePeriod>
              <cac:ContractDocumentReference>
            """, """
                <cbc:StartDate>2026-11-30</cbc:StartDate>
                <cbc:EndDate>2026-11-01</cbc:EndDate>
              </cac:InvoicePeriod>
              <cac:ContractDocumentReference>
            """);

        Assert.Equal(("/Invoice/cac:InvoicePeriod", "invoice.period.reversed"), SingleError(ReadUbl(xml)));
    }

    [Fact]
    public void Document_allowances_and_the_vat_total_in_an_accounting_currency_are_read()
    {
        var xml = Sample
            .Replace("  <cac:TaxTotal>", """
                  <cac:AllowanceCharge>
                    <cbc:ChargeIndicator>false</cbc:ChargeIndicator>
                    <cbc:AllowanceChargeReasonCode>95</cbc:AllowanceChargeReasonCode>
                    <cbc:AllowanceChargeReason>Remise fidélité</cbc:AllowanceChargeReason>
                    <cbc:Amount currencyID="EUR">150.00</cbc:Amount>
                    <cac:TaxCategory><cbc:ID>S</cbc:ID><cbc:Percent>20</cbc:Percent><cac:TaxScheme><cbc:ID>VAT</cbc:ID></cac:TaxScheme></cac:TaxCategory>
                  </cac:AllowanceCharge>
                  <cac:TaxTotal>
                    <cbc:TaxAmount currencyID="CHF">3510.00</cbc:TaxAmount>
                  </cac:TaxTotal>
                  <cac:TaxTotal>
                """)
            .Replace("""<cbc:AllowanceTotalAmount currencyID="EUR">0.00</cbc:AllowanceTotalAmount>""", """<cbc:AllowanceTotalAmount currencyID="EUR">150.00</cbc:AllowanceTotalAmount>""");

        var invoice = Readable(ReadUbl(xml));

        Assert.Equal([new InvoiceAllowanceCharge(false, 150m, "Remise fidélité", 20m)], invoice.AllowancesCharges);
        Assert.Equal((150m, 3_770m), (invoice.Totals.AllowanceTotal, invoice.Totals.TaxTotal));
        Assert.Equal([new VatBreakdown(20m, 18_850m, 3_770m, "S")], invoice.Vat);
    }

    [Fact]
    public void A_price_for_a_base_quantity_is_brought_to_one_unit()
    {
        var xml = Sample.Replace("""
                  <cbc:PriceAmount currencyID="EUR">650.00</cbc:PriceAmount>
                  <cbc:BaseQuantity unitCode="C62">1</cbc:BaseQuantity>
            """, """
                  <cbc:PriceAmount currencyID="EUR">65.00</cbc:PriceAmount>
                  <cbc:BaseQuantity unitCode="C62">0.1</cbc:BaseQuantity>
            """);

        Assert.Equal(650m, Readable(ReadUbl(xml)).Lines[1].UnitPrice);
    }

    [Theory]
    [InlineData("0", "invoice.value.notPositive")]
    [InlineData("-1", "invoice.value.notPositive")]
    [InlineData("0.0000000000001", "invoice.value.outOfRange")]
    public void A_base_quantity_that_gives_no_sound_unit_price_is_refused(string baseQuantity, string code)
    {
        var xml = Sample.Replace("""<cbc:BaseQuantity unitCode="C62">1</cbc:BaseQuantity>""", $"""<cbc:BaseQuantity unitCode="C62">{baseQuantity}</cbc:BaseQuantity>""");

        Assert.Equal(("/Invoice/cac:InvoiceLine[2]/cac:Price/cbc:BaseQuantity", code), SingleError(ReadUbl(xml)));
    }

    [Theory]
    [InlineData("1000000000000000.01", "invoice.value.outOfRange")]
    [InlineData("-79228162514264337593543950335", "invoice.value.outOfRange")]
    [InlineData("792281625142643375935439503350", "invoice.value.notNumber")]
    public void A_number_beyond_what_an_invoice_states_is_refused(string amount, string code)
    {
        var xml = Sample.Replace("""<cbc:LineExtensionAmount currencyID="EUR">4200.00</cbc:LineExtensionAmount>""", $"""<cbc:LineExtensionAmount currencyID="EUR">{amount}</cbc:LineExtensionAmount>""");

        Assert.Equal(("/Invoice/cac:InvoiceLine[3]/cbc:LineExtensionAmount", code), SingleError(ReadUbl(xml)));
    }

    [Fact]
    public void An_external_entity_is_never_resolved()
    {
        var xml = Sample
            .Replace("<Invoice ", "<!DOCTYPE Invoice [ <!ENTITY xxe SYSTEM \"file:///etc/passwd\"> ]>\n<Invoice ")
            .Replace("<cbc:ID>FA-2026-1142</cbc:ID>", "<cbc:ID>&xxe;</cbc:ID>");

        Assert.Equal((ImportErrors.FileKey, "invoice.xml.doctype"), SingleError(ReadUbl(xml)));
    }
}
