using Infogerance.Documents;
using Infogerance.Invoicing.Domain;
using static Infogerance.Invoicing.Tests.InvoiceSamples;

namespace Infogerance.Invoicing.Tests;

/// <summary>The Cross Industry Invoice (Factur-X XML): each term where EN 16931 puts it, each problem at its element's path.</summary>
public class CiiReaderTests
{
    private const string Transaction = "/rsm:CrossIndustryInvoice/rsm:SupplyChainTradeTransaction";
    private const string Settlement = Transaction + "/ram:ApplicableHeaderTradeSettlement";

    private static (InvoiceDocument? Invoice, ImportErrors Errors) ReadCii(string xml) => CiiReader.Read(Utf8(xml));

    private static string Sample => Text(CiiEn16931);

    [Fact]
    public void The_en16931_sample_reads_every_term()
    {
        var invoice = Readable(CiiReader.Read(Bytes(CiiEn16931)));

        AssertSameInvoice(November2026Invoice(), invoice);
    }

    [Fact]
    public void The_basic_sample_reads_its_lines_without_item_identifiers()
    {
        var invoice = Readable(CiiReader.Read(Bytes(CiiBasic)));

        AssertSameInvoice(November2026BasicInvoice(), invoice);
    }

    [Fact]
    public void A_credit_note_381_reads_as_a_credit_note_naming_the_invoice_it_credits()
    {
        var xml = Sample
            .Replace("<ram:TypeCode>380</ram:TypeCode>", "<ram:TypeCode>381</ram:TypeCode>")
            .Replace("    </ram:ApplicableHeaderTradeSettlement>", """
                  <ram:InvoiceReferencedDocument>
                    <ram:IssuerAssignedID>FA-2026-1031</ram:IssuerAssignedID>
                    <ram:FormattedIssueDateTime><qdt:DateTimeString format="102">20261031</qdt:DateTimeString></ram:FormattedIssueDateTime>
                  </ram:InvoiceReferencedDocument>
                </ram:ApplicableHeaderTradeSettlement>
            """);

        var invoice = Readable(ReadCii(xml));

        Assert.Equal((InvoiceKinds.CreditNote, "FA-2026-1031"), (invoice.Kind, invoice.PrecedingInvoice));
        Assert.Equal(22_620m, invoice.Totals.Payable);
    }

    [Fact]
    public void A_corrected_invoice_384_is_an_invoice_that_must_name_the_one_it_corrects()
    {
        var corrected = Sample.Replace("<ram:TypeCode>380</ram:TypeCode>", "<ram:TypeCode>384</ram:TypeCode>");

        Assert.Equal(
            ("/rsm:CrossIndustryInvoice/rsm:ExchangedDocument/ram:TypeCode", "invoice.precedingInvoice.required"),
            SingleError(ReadCii(corrected)));

        var withReference = corrected.Replace("    </ram:ApplicableHeaderTradeSettlement>", """
                  <ram:InvoiceReferencedDocument><ram:IssuerAssignedID>FA-2026-1140</ram:IssuerAssignedID></ram:InvoiceReferencedDocument>
                </ram:ApplicableHeaderTradeSettlement>
            """);
        var invoice = Readable(ReadCii(withReference));
        Assert.Equal((InvoiceKinds.Invoice, "FA-2026-1140"), (invoice.Kind, invoice.PrecedingInvoice));
    }

    [Theory]
    [InlineData("386")]
    [InlineData("389")]
    [InlineData("ABC")]
    public void Another_type_code_is_refused_at_its_element(string code)
    {
        var result = ReadCii(Sample.Replace("<ram:TypeCode>380</ram:TypeCode>", $"<ram:TypeCode>{code}</ram:TypeCode>"));

        Assert.Equal(("/rsm:CrossIndustryInvoice/rsm:ExchangedDocument/ram:TypeCode", "invoice.typeCode.unknown"), SingleError(result));
        Assert.Contains("381", result.Errors.ToDictionary().Single().Value[0], StringComparison.Ordinal);
    }

    [Fact]
    public void An_unreadable_price_is_located_at_its_line_items_element()
    {
        var xml = Sample.Replace("<ram:ChargeAmount>4200.00</ram:ChargeAmount>", "<ram:ChargeAmount>4 200,00</ram:ChargeAmount>");

        var result = ReadCii(xml);

        Assert.Equal(
            (Transaction + "/ram:IncludedSupplyChainTradeLineItem[3]/ram:SpecifiedLineTradeAgreement/ram:NetPriceProductTradePrice/ram:ChargeAmount", "invoice.value.notNumber"),
            SingleError(result));
        var message = Assert.Single(result.Errors[result.Errors.Keys.Single()]);
        Assert.Equal("\"4 200,00\" is not a number (digits, a decimal point, e.g. 1250.50).", message.English);
        Assert.Equal("« 4 200,00 » n'est pas un nombre (des chiffres, un point décimal, par exemple 1250.50).", message.French);
    }

    [Fact]
    public void Missing_mandatory_terms_are_each_reported_at_their_path_in_the_order_of_the_file()
    {
        var xml = Sample
            .Replace("<ram:ID>FA-2026-1142</ram:ID>", "<ram:ID> </ram:ID>")
            .Replace("<ram:Name>Antares Services</ram:Name>", "")
            .Replace("<ram:BilledQuantity unitCode=\"C62\">3</ram:BilledQuantity>", "")
            .Replace("<ram:DuePayableAmount>22620.00</ram:DuePayableAmount>", "");

        var result = ReadCii(xml);

        Assert.Null(result.Invoice);
        Assert.Equal(
            [
                "/rsm:CrossIndustryInvoice/rsm:ExchangedDocument/ram:ID",
                Transaction + "/ram:IncludedSupplyChainTradeLineItem[2]/ram:SpecifiedLineTradeDelivery/ram:BilledQuantity",
                Transaction + "/ram:ApplicableHeaderTradeAgreement/ram:SellerTradeParty/ram:Name",
                Settlement + "/ram:SpecifiedTradeSettlementHeaderMonetarySummation/ram:DuePayableAmount",
            ],
            result.Errors.Keys);
        Assert.All(result.Errors.Keys, key => Assert.Equal("import.value.required", Assert.Single(result.Errors[key]).Code));
    }

    [Fact]
    public void A_missing_block_is_one_error_not_one_per_term()
    {
        var start = Sample.IndexOf("<ram:SpecifiedTradeSettlementHeaderMonetarySummation>", StringComparison.Ordinal);
        var end = Sample.IndexOf("</ram:SpecifiedTradeSettlementHeaderMonetarySummation>", StringComparison.Ordinal) + "</ram:SpecifiedTradeSettlementHeaderMonetarySummation>".Length;

        var result = ReadCii(Sample.Remove(start, end - start));

        Assert.Equal((Settlement + "/ram:SpecifiedTradeSettlementHeaderMonetarySummation", "import.value.required"), SingleError(result));
    }

    [Theory]
    [InlineData("2026-11-30")]
    [InlineData("20261131")]
    public void An_issue_date_not_written_yyyymmdd_is_refused(string date)
    {
        // The issue date is the file's first date.
        var at = Sample.IndexOf("20261130", StringComparison.Ordinal);
        var xml = string.Concat(Sample.AsSpan(0, at), date, Sample.AsSpan(at + "20261130".Length));

        Assert.Equal(("/rsm:CrossIndustryInvoice/rsm:ExchangedDocument/ram:IssueDateTime/udt:DateTimeString", "invoice.value.notDate"), SingleError(ReadCii(xml)));
    }

    [Theory]
    [InlineData("urn:factur-x.eu:1p0:minimum")]
    [InlineData("urn:factur-x.eu:1p0:basicwl")]
    [InlineData("urn:zugferd.de:2p0:basicwl")]
    public void Profiles_without_lines_are_refused_by_name(string profile)
    {
        var xml = Sample.Replace("<ram:ID>urn:cen.eu:en16931:2017</ram:ID>", $"<ram:ID>{profile}</ram:ID>");

        Assert.Equal(
            ("/rsm:CrossIndustryInvoice/rsm:ExchangedDocumentContext/ram:GuidelineSpecifiedDocumentContextParameter/ram:ID", "invoice.xml.profileWithoutLines"),
            SingleError(ReadCii(xml)));
    }

    [Fact]
    public void The_extended_profile_reads_like_en16931()
    {
        var xml = Sample.Replace("<ram:ID>urn:cen.eu:en16931:2017</ram:ID>", "<ram:ID>urn:cen.eu:en16931:2017#conformant#urn:factur-x.eu:1p0:extended</ram:ID>");

        AssertSameInvoice(November2026Invoice(), Readable(ReadCii(xml)));
    }

    [Fact]
    public void An_invoice_without_lines_is_refused()
    {
        var first = Sample.IndexOf("    <ram:IncludedSupplyChainTradeLineItem>", StringComparison.Ordinal);
        var last = Sample.IndexOf("    <ram:ApplicableHeaderTradeAgreement>", StringComparison.Ordinal);

        Assert.Equal((Transaction, "invoice.lines.none"), SingleError(ReadCii(Sample.Remove(first, last - first))));
    }

    [Fact]
    public void Allowances_charges_a_base_quantity_and_the_vat_in_an_accounting_currency_are_read()
    {
        var xml = Sample
            .Replace("""
                      <ram:ChargeAmount>650.00</ram:ChargeAmount>
                      <ram:BasisQuantity unitCode="C62">1</ram:BasisQuantity>
            """, """
                      <ram:ChargeAmount>6500.00</ram:ChargeAmount>
                      <ram:BasisQuantity unitCode="C62">10</ram:BasisQuantity>
            """)
            .Replace("""
                    <ram:SpecifiedTradeSettlementLineMonetarySummation>
                      <ram:LineTotalAmount>1950.00</ram:LineTotalAmount>
            """, """
                    <ram:SpecifiedTradeAllowanceCharge>
                      <ram:ChargeIndicator><udt:Indicator>false</udt:Indicator></ram:ChargeIndicator>
                      <ram:ActualAmount>100.00</ram:ActualAmount>
                      <ram:Reason>Remise volume</ram:Reason>
                    </ram:SpecifiedTradeAllowanceCharge>
                    <ram:SpecifiedTradeAllowanceCharge>
                      <ram:ChargeIndicator><udt:Indicator>true</udt:Indicator></ram:ChargeIndicator>
                      <ram:ActualAmount>40.00</ram:ActualAmount>
                    </ram:SpecifiedTradeAllowanceCharge>
                    <ram:SpecifiedTradeSettlementLineMonetarySummation>
                      <ram:LineTotalAmount>1890.00</ram:LineTotalAmount>
            """)
            .Replace("      <ram:SpecifiedTradePaymentTerms>", """
                  <ram:SpecifiedTradeAllowanceCharge>
                    <ram:ChargeIndicator><udt:Indicator>false</udt:Indicator></ram:ChargeIndicator>
                    <ram:ActualAmount>250.00</ram:ActualAmount>
                    <ram:Reason>Geste commercial</ram:Reason>
                    <ram:CategoryTradeTax><ram:TypeCode>VAT</ram:TypeCode><ram:CategoryCode>S</ram:CategoryCode><ram:RateApplicablePercent>20</ram:RateApplicablePercent></ram:CategoryTradeTax>
                  </ram:SpecifiedTradeAllowanceCharge>
                  <ram:SpecifiedTradeAllowanceCharge>
                    <ram:ChargeIndicator><udt:Indicator>1</udt:Indicator></ram:ChargeIndicator>
                    <ram:ActualAmount>35.00</ram:ActualAmount>
                    <ram:ReasonCode>FC</ram:ReasonCode>
                  </ram:SpecifiedTradeAllowanceCharge>
                  <ram:SpecifiedTradePaymentTerms>
            """)
            .Replace("""<ram:TaxTotalAmount currencyID="EUR">3770.00</ram:TaxTotalAmount>""",
                """<ram:TaxTotalAmount currencyID="CHF">3510.00</ram:TaxTotalAmount><ram:TaxTotalAmount currencyID="EUR">3770.00</ram:TaxTotalAmount>""");

        var invoice = Readable(ReadCii(xml));

        var line = invoice.Lines[1];
        Assert.Equal((3m, 650m, 1_890m, 100m, 40m), (line.Quantity, line.UnitPrice, line.NetAmount, line.AllowanceAmount, line.ChargeAmount));
        Assert.Equal([new InvoiceAllowanceCharge(false, 250m, "Geste commercial", 20m), new InvoiceAllowanceCharge(true, 35m, "FC", null)], invoice.AllowancesCharges);
        Assert.Equal(3_770m, invoice.Totals.TaxTotal);
    }

    [Fact]
    public void Paths_use_the_standard_prefixes_whatever_prefixes_the_file_chose()
    {
        var xml = Sample
            .Replace("xmlns:ram=", "xmlns:r=")
            .Replace("<ram:", "<r:")
            .Replace("</ram:", "</r:")
            .Replace("<r:ChargeAmount>13200.00</r:ChargeAmount>", "<r:ChargeAmount>douze</r:ChargeAmount>");

        Assert.Equal(
            (Transaction + "/ram:IncludedSupplyChainTradeLineItem[1]/ram:SpecifiedLineTradeAgreement/ram:NetPriceProductTradePrice/ram:ChargeAmount", "invoice.value.notNumber"),
            SingleError(ReadCii(xml)));
    }

    [Fact]
    public void A_default_namespace_reads_the_same()
    {
        var xml = Sample
            .Replace("xmlns:ram=", "xmlns=")
            .Replace("<ram:", "<")
            .Replace("</ram:", "</");

        AssertSameInvoice(November2026Invoice(), Readable(ReadCii(xml)));
    }

    [Fact]
    public void Malformed_xml_is_refused_with_its_line_and_position()
    {
        var xml = Sample.Replace("<ram:ID>FA-2026-1142</ram:ID>", "<ram:ID>FA-2026-1142</ram:Id>");
        var line = Sample[..Sample.IndexOf("FA-2026-1142", StringComparison.Ordinal)].Count(c => c == '\n') + 1;

        var result = ReadCii(xml);

        Assert.Equal((ImportErrors.FileKey, "invoice.xml.malformed"), SingleError(result));
        var message = Assert.Single(result.Errors[ImportErrors.FileKey]);
        Assert.Equal(line, message.Parameters["line"]);
        Assert.StartsWith($"The file is not well-formed XML (line {line}, position ", message.English, StringComparison.Ordinal);
        Assert.StartsWith($"Le fichier n'est pas un XML bien formé (ligne {line}, position ", message.French, StringComparison.Ordinal);
    }

    [Fact]
    public void An_external_entity_is_never_resolved()
    {
        var secret = Path.GetTempFileName();
        File.WriteAllText(secret, "SECRET-FROM-DISK");
        try
        {
            var xml = Sample
                .Replace("<rsm:CrossIndustryInvoice ", $"<!DOCTYPE rsm:CrossIndustryInvoice [ <!ENTITY xxe SYSTEM \"{new Uri(secret).AbsoluteUri}\"> ]>\n<rsm:CrossIndustryInvoice ")
                .Replace("<ram:ID>FA-2026-1142</ram:ID>", "<ram:ID>&xxe;</ram:ID>");

            var result = ReadCii(xml);

            Assert.Equal((ImportErrors.FileKey, "invoice.xml.doctype"), SingleError(result));
            Assert.DoesNotContain("SECRET", string.Join(' ', result.Errors.ToDictionary().SelectMany(e => e.Value)), StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(secret);
        }
    }

    [Fact]
    public void An_entity_expansion_bomb_is_refused_before_it_expands()
    {
        var xml = """
            <?xml version="1.0"?>
            <!DOCTYPE lolz [
              <!ENTITY lol "lol">
              <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
              <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
              <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
            ]>
            <rsm:CrossIndustryInvoice xmlns:rsm="urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100">&lol4;</rsm:CrossIndustryInvoice>
            """;

        Assert.Equal((ImportErrors.FileKey, "invoice.xml.doctype"), SingleError(ReadCii(xml)));
    }

    [Fact]
    public void Another_xml_document_is_named_by_its_root()
    {
        var result = ReadCii("<Order xmlns=\"urn:oasis:names:specification:ubl:schema:xsd:Order-2\"/>");

        Assert.Equal((ImportErrors.FileKey, "invoice.xml.unknownRoot"), SingleError(result));
        Assert.Equal("Order", result.Errors[ImportErrors.FileKey][0].Parameters["root"]);
    }
}
