using System.Xml.Linq;
using Infogerance.Documents;

namespace Infogerance.Invoicing.Domain;

/// <summary>
/// Reads a UN/CEFACT Cross Industry Invoice (D16B, the XML of Factur-X and ZUGFeRD 2) in the profiles that carry lines:
/// BASIC, EN 16931 (COMFORT) and EXTENDED, whose extra terms are left aside. MINIMUM and BASIC WL are refused, since
/// the control needs the lines. Each missing mandatory term or unreadable value is an error keyed by its element's path.
/// </summary>
public static class CiiReader
{
    public static readonly XNamespace Rsm = "urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100";
    public static readonly XNamespace Ram = "urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100";
    public static readonly XNamespace Udt = "urn:un:unece:uncefact:data:standard:UnqualifiedDataType:100";
    public static readonly XNamespace Qdt = "urn:un:unece:uncefact:data:standard:QualifiedDataType:100";

    public static readonly XName Root = Rsm + "CrossIndustryInvoice";

    private const string DateFormat = "yyyyMMdd (format 102)";

    private static readonly Dictionary<XNamespace, string> Prefixes = new()
    {
        [Rsm] = "rsm",
        [Ram] = "ram",
        [Udt] = "udt",
        [Qdt] = "qdt",
    };

    // The names read, once: XName.Get looks each up in a global table.
    private static readonly XName ExchangedDocumentContext = Rsm + "ExchangedDocumentContext";
    private static readonly XName ExchangedDocument = Rsm + "ExchangedDocument";
    private static readonly XName SupplyChainTradeTransaction = Rsm + "SupplyChainTradeTransaction";
    private static readonly XName GuidelineParameter = Ram + "GuidelineSpecifiedDocumentContextParameter";
    private static readonly XName Id = Ram + "ID";
    private static readonly XName TypeCode = Ram + "TypeCode";
    private static readonly XName IssueDateTime = Ram + "IssueDateTime";
    private static readonly XName DateTimeString = Udt + "DateTimeString";
    private static readonly XName LineItem = Ram + "IncludedSupplyChainTradeLineItem";
    private static readonly XName HeaderAgreement = Ram + "ApplicableHeaderTradeAgreement";
    private static readonly XName HeaderSettlement = Ram + "ApplicableHeaderTradeSettlement";
    private static readonly XName SellerParty = Ram + "SellerTradeParty";
    private static readonly XName BuyerParty = Ram + "BuyerTradeParty";
    private static readonly XName Name = Ram + "Name";
    private static readonly XName LegalOrganization = Ram + "SpecifiedLegalOrganization";
    private static readonly XName TaxRegistration = Ram + "SpecifiedTaxRegistration";
    private static readonly XName ContractDocument = Ram + "ContractReferencedDocument";
    private static readonly XName InvoiceReferencedDocument = Ram + "InvoiceReferencedDocument";
    private static readonly XName IssuerAssignedId = Ram + "IssuerAssignedID";
    private static readonly XName CurrencyCode = Ram + "InvoiceCurrencyCode";
    private static readonly XName BillingPeriod = Ram + "BillingSpecifiedPeriod";
    private static readonly XName StartDateTime = Ram + "StartDateTime";
    private static readonly XName EndDateTime = Ram + "EndDateTime";
    private static readonly XName PaymentTerms = Ram + "SpecifiedTradePaymentTerms";
    private static readonly XName DueDateDateTime = Ram + "DueDateDateTime";
    private static readonly XName AllowanceCharge = Ram + "SpecifiedTradeAllowanceCharge";
    private static readonly XName ChargeIndicator = Ram + "ChargeIndicator";
    private static readonly XName Indicator = Udt + "Indicator";
    private static readonly XName ActualAmount = Ram + "ActualAmount";
    private static readonly XName Reason = Ram + "Reason";
    private static readonly XName ReasonCode = Ram + "ReasonCode";
    private static readonly XName CategoryTradeTax = Ram + "CategoryTradeTax";
    private static readonly XName TradeTax = Ram + "ApplicableTradeTax";
    private static readonly XName CalculatedAmount = Ram + "CalculatedAmount";
    private static readonly XName BasisAmount = Ram + "BasisAmount";
    private static readonly XName CategoryCode = Ram + "CategoryCode";
    private static readonly XName RatePercent = Ram + "RateApplicablePercent";
    private static readonly XName HeaderSummation = Ram + "SpecifiedTradeSettlementHeaderMonetarySummation";
    private static readonly XName LineTotalAmount = Ram + "LineTotalAmount";
    private static readonly XName ChargeTotalAmount = Ram + "ChargeTotalAmount";
    private static readonly XName AllowanceTotalAmount = Ram + "AllowanceTotalAmount";
    private static readonly XName TaxBasisTotalAmount = Ram + "TaxBasisTotalAmount";
    private static readonly XName TaxTotalAmount = Ram + "TaxTotalAmount";
    private static readonly XName GrandTotalAmount = Ram + "GrandTotalAmount";
    private static readonly XName DuePayableAmount = Ram + "DuePayableAmount";
    private static readonly XName LineDocument = Ram + "AssociatedDocumentLineDocument";
    private static readonly XName IncludedNote = Ram + "IncludedNote";
    private static readonly XName Content = Ram + "Content";
    private static readonly XName Product = Ram + "SpecifiedTradeProduct";
    private static readonly XName SellerAssignedId = Ram + "SellerAssignedID";
    private static readonly XName LineAgreement = Ram + "SpecifiedLineTradeAgreement";
    private static readonly XName NetPrice = Ram + "NetPriceProductTradePrice";
    private static readonly XName ChargeAmount = Ram + "ChargeAmount";
    private static readonly XName BasisQuantity = Ram + "BasisQuantity";
    private static readonly XName LineDelivery = Ram + "SpecifiedLineTradeDelivery";
    private static readonly XName BilledQuantity = Ram + "BilledQuantity";
    private static readonly XName LineSettlement = Ram + "SpecifiedLineTradeSettlement";
    private static readonly XName LineSummation = Ram + "SpecifiedTradeSettlementLineMonetarySummation";
    private static readonly XName AdditionalDocument = Ram + "AdditionalReferencedDocument";

    /// <summary>Reads a CII XML file; the invoice only when there is no error.</summary>
    public static (InvoiceDocument? Invoice, ImportErrors Errors) Read(byte[] xml)
    {
        ArgumentNullException.ThrowIfNull(xml);
        var document = InvoiceXml.Load(xml, out var problem);
        return document is null ? (null, ImportErrors.OfFile(problem!)) : Read(document);
    }

    /// <summary>Reads a CII document already loaded (safely: <see cref="InvoiceXml.Load"/>).</summary>
    public static (InvoiceDocument? Invoice, ImportErrors Errors) Read(XDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var root = document.Root;
        if (root?.Name != Root)
        {
            return (null, ImportErrors.OfFile(InvoiceReadMessages.UnknownXml(root?.Name.LocalName ?? "")));
        }

        var terms = new XmlTerms(new ImportErrors(), Prefixes);
        var errors = terms.Errors;

        var guideline = XmlTerms.Element(root, ExchangedDocumentContext, GuidelineParameter, Id);
        if (guideline is not null && IsProfileWithoutLines(guideline.Value.Trim()))
        {
            terms.Add(guideline, InvoiceReadMessages.ProfileWithoutLines(guideline.Value.Trim()));
            return (null, errors);
        }

        var header = terms.RequiredElement(root, ExchangedDocument);
        var number = terms.RequiredText(header, Id);
        var typeCode = terms.RequiredElement(header, TypeCode);
        var issueDate = terms.RequiredDate(header, [IssueDateTime, DateTimeString], InvoiceXml.CiiDate, DateFormat);

        var transaction = terms.RequiredElement(root, SupplyChainTradeTransaction);
        var agreement = terms.RequiredElement(transaction, HeaderAgreement);
        var settlement = terms.RequiredElement(transaction, HeaderSettlement);

        var seller = Party(terms, agreement, SellerParty);
        var buyer = Party(terms, agreement, BuyerParty);
        var contract = XmlTerms.Text(agreement, ContractDocument, IssuerAssignedId);
        var preceding = XmlTerms.Text(settlement, InvoiceReferencedDocument, IssuerAssignedId);
        var currency = terms.RequiredText(settlement, CurrencyCode);
        var kind = terms.DocumentKind(typeCode, preceding);
        var period = Period(terms, settlement?.Element(BillingPeriod));
        var dueDate = terms.Date(XmlTerms.Element(settlement, PaymentTerms, DueDateDateTime, DateTimeString), InvoiceXml.CiiDate, DateFormat);

        var lines = new List<InvoiceLine>();
        if (transaction is not null)
        {
            foreach (var item in transaction.Elements(LineItem))
            {
                if (Line(terms, item, lines.Count + 1) is { } line)
                {
                    lines.Add(line);
                }
            }

            if (!transaction.Elements(LineItem).Any())
            {
                terms.Add(transaction, InvoiceReadMessages.NoLines);
            }
        }

        var allowancesCharges = (settlement?.Elements(AllowanceCharge) ?? []).Select(e => DocumentAllowanceCharge(terms, e)).ToList();
        var vat = (settlement?.Elements(TradeTax) ?? []).Select(e => Vat(terms, e)).ToList();
        var totals = Totals(terms, terms.RequiredElement(settlement, HeaderSummation), currency);

        if (!errors.IsEmpty)
        {
            return (null, errors);
        }

        return (new InvoiceDocument(
            number!, issueDate!.Value, kind!, currency!, seller!, buyer!, contract, preceding, period,
            lines, [.. allowancesCharges.OfType<InvoiceAllowanceCharge>()], [.. vat.OfType<VatBreakdown>()], totals!, dueDate), errors);
    }

    /// <summary>MINIMUM and BASIC WL, in Factur-X's and ZUGFeRD 2's spellings ("urn:factur-x.eu:1p0:basicwl").</summary>
    private static bool IsProfileWithoutLines(string guideline) =>
        guideline.EndsWith(":minimum", StringComparison.OrdinalIgnoreCase) || guideline.EndsWith(":basicwl", StringComparison.OrdinalIgnoreCase);

    private static InvoiceParty? Party(XmlTerms terms, XElement? agreement, XName role)
    {
        var party = terms.RequiredElement(agreement, role);
        var name = terms.RequiredText(party, Name);
        if (name is null)
        {
            return null;
        }

        var vatNumber = party!.Elements(TaxRegistration).Select(r => r.Element(Id))
            .FirstOrDefault(id => (string?)id?.Attribute("schemeID") == "VA")?.Value.Trim();
        return new InvoiceParty(name, XmlTerms.Text(party, LegalOrganization, Id), string.IsNullOrEmpty(vatNumber) ? null : vatNumber);
    }

    private static InvoicePeriod? Period(XmlTerms terms, XElement? period) =>
        period is null
            ? null
            : terms.Period(
                period,
                XmlTerms.Element(period, StartDateTime, DateTimeString),
                XmlTerms.Element(period, EndDateTime, DateTimeString),
                InvoiceXml.CiiDate,
                DateFormat);

    private static InvoiceLine? Line(XmlTerms terms, XElement item, int position)
    {
        var description = terms.RequiredText(item, Product, Name);
        var netPrice = terms.RequiredElement(item, LineAgreement, NetPrice);
        var price = terms.UnitPrice(terms.RequiredDecimal(netPrice, ChargeAmount), netPrice?.Element(BasisQuantity));

        var billed = XmlTerms.Element(item, LineDelivery, BilledQuantity);
        var quantity = terms.RequiredDecimal(item, LineDelivery, BilledQuantity);
        var settlement = terms.RequiredElement(item, LineSettlement);
        var net = terms.RequiredDecimal(settlement, LineSummation, LineTotalAmount);
        var vatRate = terms.Decimal(XmlTerms.Element(settlement, TradeTax, RatePercent));
        var period = Period(terms, settlement?.Element(BillingPeriod));

        var (allowances, charges) = (0m, 0m);
        foreach (var allowanceCharge in settlement?.Elements(AllowanceCharge) ?? [])
        {
            var isCharge = terms.Indicator(terms.RequiredElement(allowanceCharge, ChargeIndicator, Indicator));
            var amount = terms.RequiredDecimal(allowanceCharge, ActualAmount) ?? 0m;
            if (isCharge == true)
            {
                charges += amount;
            }
            else
            {
                allowances += amount;
            }
        }

        // BT-128, the invoice line object identifier (type 130): where a provider names the evolution request a line bills.
        var evolution = settlement?.Elements(AdditionalDocument)
            .FirstOrDefault(d => XmlTerms.Text(d, TypeCode) == "130") is { } objectReference
            ? XmlTerms.Text(objectReference, IssuerAssignedId)
            : null;
        var notes = item.Element(LineDocument)?.Elements(IncludedNote).Select(n => XmlTerms.Text(n, Content)).OfType<string>().ToList() ?? [];

        if (description is null || price is null || quantity is null || net is null)
        {
            return null;
        }

        return new InvoiceLine(
            position,
            description,
            quantity.Value,
            price.Value,
            net.Value,
            vatRate,
            (string?)billed?.Attribute("unitCode"),
            allowances,
            charges,
            period,
            XmlTerms.Text(item, Product, SellerAssignedId),
            Kind: null,
            evolution,
            notes.Count == 0 ? null : string.Join('\n', notes));
    }

    private static InvoiceAllowanceCharge? DocumentAllowanceCharge(XmlTerms terms, XElement element)
    {
        var isCharge = terms.Indicator(terms.RequiredElement(element, ChargeIndicator, Indicator));
        var amount = terms.RequiredDecimal(element, ActualAmount);
        var rate = terms.Decimal(XmlTerms.Element(element, CategoryTradeTax, RatePercent));
        var reason = XmlTerms.Text(element, Reason) ?? XmlTerms.Text(element, ReasonCode);
        return isCharge is null || amount is null ? null : new InvoiceAllowanceCharge(isCharge.Value, amount.Value, reason, rate);
    }

    private static VatBreakdown? Vat(XmlTerms terms, XElement element)
    {
        var tax = terms.RequiredDecimal(element, CalculatedAmount);
        var basis = terms.RequiredDecimal(element, BasisAmount);
        // BT-119 is absent for the categories outside VAT ("O"): no rate is a rate of 0.
        var rate = terms.Decimal(element.Element(RatePercent)) ?? 0m;
        return tax is null || basis is null ? null : new VatBreakdown(rate, basis.Value, tax.Value, XmlTerms.Text(element, CategoryCode));
    }

    private static InvoiceTotals? Totals(XmlTerms terms, XElement? summation, string? currency)
    {
        if (summation is null)
        {
            return null;
        }

        var lineTotal = terms.RequiredDecimal(summation, LineTotalAmount);
        var charges = terms.Decimal(summation, ChargeTotalAmount) ?? 0m;
        var allowances = terms.Decimal(summation, AllowanceTotalAmount) ?? 0m;
        var taxExclusive = terms.RequiredDecimal(summation, TaxBasisTotalAmount);
        // The VAT total may be given twice, in the invoice's currency and in the VAT accounting currency (BT-111).
        var taxTotalElement = summation.Elements(TaxTotalAmount).FirstOrDefault(e => (string?)e.Attribute("currencyID") is null || (string?)e.Attribute("currencyID") == currency)
            ?? summation.Element(TaxTotalAmount);
        if (taxTotalElement is null)
        {
            terms.Missing(summation, TaxTotalAmount);
        }

        var taxTotal = terms.Decimal(taxTotalElement);
        if (taxTotalElement is not null && XmlTerms.Text(taxTotalElement) is null)
        {
            terms.Add(taxTotalElement, ImportMessages.Required);
        }

        var grandTotal = terms.RequiredDecimal(summation, GrandTotalAmount);
        var payable = terms.RequiredDecimal(summation, DuePayableAmount);
        return lineTotal is null || taxExclusive is null || taxTotal is null || grandTotal is null || payable is null
            ? null
            : new InvoiceTotals(lineTotal.Value, allowances, charges, taxExclusive.Value, taxTotal.Value, grandTotal.Value, payable.Value);
    }
}
