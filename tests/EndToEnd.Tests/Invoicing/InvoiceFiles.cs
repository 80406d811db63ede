using System.Globalization;
using System.Text;
using Infogerance.Invoicing.Tests;

namespace Infogerance.EndToEnd.Tests.Invoicing;

/// <summary>A line of a generated invoice: its net is quantity × unit price.</summary>
public sealed record GeneratedLine(string Description, decimal Quantity, decimal UnitPrice, decimal VatRate = 20m);

/// <summary>
/// Invoices written as providers send them: a CII (EN 16931) document, alone or in a Factur-X PDF, its totals and VAT
/// computed from the lines.
/// </summary>
public static class InvoiceFiles
{
    public static byte[] FacturX(
        string number, DateOnly issueDate, DateOnly periodStart, DateOnly periodEnd, IReadOnlyList<GeneratedLine> lines,
        bool creditNote = false, string? precedingInvoice = null, string? contractReference = null) =>
        HandMadePdf.FacturX("factur-x.xml", Cii(number, issueDate, periodStart, periodEnd, lines, creditNote, precedingInvoice, contractReference));

    public static byte[] Cii(
        string number, DateOnly issueDate, DateOnly periodStart, DateOnly periodEnd, IReadOnlyList<GeneratedLine> lines,
        bool creditNote = false, string? precedingInvoice = null, string? contractReference = null)
    {
        static string Amount(decimal value) => value.ToString("0.00", CultureInfo.InvariantCulture);
        static string Day(DateOnly day) => day.ToString("yyyyMMdd", CultureInfo.InvariantCulture);
        var xml = new StringBuilder();
        xml.Append($"""
            <?xml version="1.0" encoding="UTF-8"?>
            <rsm:CrossIndustryInvoice xmlns:rsm="urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100"
                xmlns:ram="urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100"
                xmlns:udt="urn:un:unece:uncefact:data:standard:UnqualifiedDataType:100">
              <rsm:ExchangedDocumentContext><ram:GuidelineSpecifiedDocumentContextParameter><ram:ID>urn:cen.eu:en16931:2017</ram:ID></ram:GuidelineSpecifiedDocumentContextParameter></rsm:ExchangedDocumentContext>
              <rsm:ExchangedDocument>
                <ram:ID>{number}</ram:ID>
                <ram:TypeCode>{(creditNote ? "381" : "380")}</ram:TypeCode>
                <ram:IssueDateTime><udt:DateTimeString format="102">{Day(issueDate)}</udt:DateTimeString></ram:IssueDateTime>
              </rsm:ExchangedDocument>
              <rsm:SupplyChainTradeTransaction>
            """);
        var position = 0;
        foreach (var line in lines)
        {
            xml.Append($"""
                <ram:IncludedSupplyChainTradeLineItem>
                  <ram:AssociatedDocumentLineDocument><ram:LineID>{++position}</ram:LineID></ram:AssociatedDocumentLineDocument>
                  <ram:SpecifiedTradeProduct><ram:Name>{line.Description}</ram:Name></ram:SpecifiedTradeProduct>
                  <ram:SpecifiedLineTradeAgreement><ram:NetPriceProductTradePrice><ram:ChargeAmount>{Amount(line.UnitPrice)}</ram:ChargeAmount></ram:NetPriceProductTradePrice></ram:SpecifiedLineTradeAgreement>
                  <ram:SpecifiedLineTradeDelivery><ram:BilledQuantity unitCode="C62">{line.Quantity.ToString(CultureInfo.InvariantCulture)}</ram:BilledQuantity></ram:SpecifiedLineTradeDelivery>
                  <ram:SpecifiedLineTradeSettlement>
                    <ram:ApplicableTradeTax><ram:TypeCode>VAT</ram:TypeCode><ram:CategoryCode>S</ram:CategoryCode><ram:RateApplicablePercent>{Amount(line.VatRate)}</ram:RateApplicablePercent></ram:ApplicableTradeTax>
                    <ram:SpecifiedTradeSettlementLineMonetarySummation><ram:LineTotalAmount>{Amount(line.Quantity * line.UnitPrice)}</ram:LineTotalAmount></ram:SpecifiedTradeSettlementLineMonetarySummation>
                  </ram:SpecifiedLineTradeSettlement>
                </ram:IncludedSupplyChainTradeLineItem>
                """);
        }

        var total = lines.Sum(line => line.Quantity * line.UnitPrice);
        var vat = lines.GroupBy(line => line.VatRate).Select(group => (Rate: group.Key, Base: group.Sum(l => l.Quantity * l.UnitPrice))).ToList();
        var tax = vat.Sum(v => Math.Round(v.Base * v.Rate / 100m, 2, MidpointRounding.AwayFromZero));
        xml.Append($"""
                <ram:ApplicableHeaderTradeAgreement>
                  <ram:SellerTradeParty><ram:Name>Antares Services</ram:Name><ram:SpecifiedLegalOrganization><ram:ID schemeID="0002">812345676</ram:ID></ram:SpecifiedLegalOrganization><ram:SpecifiedTaxRegistration><ram:ID schemeID="VA">FR19812345676</ram:ID></ram:SpecifiedTaxRegistration></ram:SellerTradeParty>
                  <ram:BuyerTradeParty><ram:Name>Acme Industries</ram:Name><ram:SpecifiedLegalOrganization><ram:ID schemeID="0002">798765434</ram:ID></ram:SpecifiedLegalOrganization></ram:BuyerTradeParty>
                  {(contractReference is null ? "" : $"<ram:ContractReferencedDocument><ram:IssuerAssignedID>{contractReference}</ram:IssuerAssignedID></ram:ContractReferencedDocument>")}
                </ram:ApplicableHeaderTradeAgreement>
                <ram:ApplicableHeaderTradeDelivery/>
                <ram:ApplicableHeaderTradeSettlement>
                  <ram:InvoiceCurrencyCode>EUR</ram:InvoiceCurrencyCode>
            """);
        foreach (var (rate, taxBase) in vat)
        {
            xml.Append($"""
                  <ram:ApplicableTradeTax><ram:CalculatedAmount>{Amount(Math.Round(taxBase * rate / 100m, 2, MidpointRounding.AwayFromZero))}</ram:CalculatedAmount><ram:TypeCode>VAT</ram:TypeCode><ram:BasisAmount>{Amount(taxBase)}</ram:BasisAmount><ram:CategoryCode>S</ram:CategoryCode><ram:RateApplicablePercent>{Amount(rate)}</ram:RateApplicablePercent></ram:ApplicableTradeTax>
                """);
        }

        xml.Append($"""
                  <ram:BillingSpecifiedPeriod>
                    <ram:StartDateTime><udt:DateTimeString format="102">{Day(periodStart)}</udt:DateTimeString></ram:StartDateTime>
                    <ram:EndDateTime><udt:DateTimeString format="102">{Day(periodEnd)}</udt:DateTimeString></ram:EndDateTime>
                  </ram:BillingSpecifiedPeriod>
                  {(precedingInvoice is null ? "" : $"<ram:InvoiceReferencedDocument><ram:IssuerAssignedID>{precedingInvoice}</ram:IssuerAssignedID></ram:InvoiceReferencedDocument>")}
                  <ram:SpecifiedTradeSettlementHeaderMonetarySummation>
                    <ram:LineTotalAmount>{Amount(total)}</ram:LineTotalAmount>
                    <ram:ChargeTotalAmount>0.00</ram:ChargeTotalAmount>
                    <ram:AllowanceTotalAmount>0.00</ram:AllowanceTotalAmount>
                    <ram:TaxBasisTotalAmount>{Amount(total)}</ram:TaxBasisTotalAmount>
                    <ram:TaxTotalAmount currencyID="EUR">{Amount(tax)}</ram:TaxTotalAmount>
                    <ram:GrandTotalAmount>{Amount(total + tax)}</ram:GrandTotalAmount>
                    <ram:DuePayableAmount>{Amount(total + tax)}</ram:DuePayableAmount>
                  </ram:SpecifiedTradeSettlementHeaderMonetarySummation>
                </ram:ApplicableHeaderTradeSettlement>
              </rsm:SupplyChainTradeTransaction>
            </rsm:CrossIndustryInvoice>
            """);
        return Encoding.UTF8.GetBytes(xml.ToString());
    }
}
