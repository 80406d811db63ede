using System.Xml.Linq;
using Infogerance.Documents;

namespace Infogerance.Invoicing.Domain;

/// <summary>
/// Reads an OASIS UBL 2.1 <c>Invoice</c> or <c>CreditNote</c> (as EN 16931 and Peppol BIS Billing 3 use them). Each
/// missing mandatory term or unreadable value is an error keyed by its element's path ("/Invoice/cac:InvoiceLine[2]/cac:Price/cbc:PriceAmount").
/// </summary>
public static class UblReader
{
    public static readonly XNamespace InvoiceNamespace = "urn:oasis:names:specification:ubl:schema:xsd:Invoice-2";
    public static readonly XNamespace CreditNoteNamespace = "urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2";
    public static readonly XNamespace Cac = "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2";
    public static readonly XNamespace Cbc = "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2";

    public static readonly XName InvoiceRoot = InvoiceNamespace + "Invoice";
    public static readonly XName CreditNoteRoot = CreditNoteNamespace + "CreditNote";

    private const string DateFormat = "yyyy-MM-dd";

    private static readonly Dictionary<XNamespace, string> Prefixes = new()
    {
        [InvoiceNamespace] = "",
        [CreditNoteNamespace] = "",
        [Cac] = "cac",
        [Cbc] = "cbc",
    };

    private static readonly XName Id = Cbc + "ID";
    private static readonly XName IssueDate = Cbc + "IssueDate";
    private static readonly XName DueDate = Cbc + "DueDate";
    private static readonly XName PaymentMeans = Cac + "PaymentMeans";
    private static readonly XName PaymentDueDate = Cbc + "PaymentDueDate";
    private static readonly XName InvoiceTypeCode = Cbc + "InvoiceTypeCode";
    private static readonly XName CreditNoteTypeCode = Cbc + "CreditNoteTypeCode";
    private static readonly XName CurrencyCode = Cbc + "DocumentCurrencyCode";
    private static readonly XName PeriodElement = Cac + "InvoicePeriod";
    private static readonly XName StartDate = Cbc + "StartDate";
    private static readonly XName EndDate = Cbc + "EndDate";
    private static readonly XName BillingReference = Cac + "BillingReference";
    private static readonly XName InvoiceDocumentReference = Cac + "InvoiceDocumentReference";
    private static readonly XName ContractDocumentReference = Cac + "ContractDocumentReference";
    private static readonly XName SupplierParty = Cac + "AccountingSupplierParty";
    private static readonly XName CustomerParty = Cac + "AccountingCustomerParty";
    private static readonly XName Party = Cac + "Party";
    private static readonly XName PartyName = Cac + "PartyName";
    private static readonly XName Name = Cbc + "Name";
    private static readonly XName LegalEntity = Cac + "PartyLegalEntity";
    private static readonly XName RegistrationName = Cbc + "RegistrationName";
    private static readonly XName CompanyId = Cbc + "CompanyID";
    private static readonly XName PartyTaxScheme = Cac + "PartyTaxScheme";
    private static readonly XName TaxScheme = Cac + "TaxScheme";
    private static readonly XName AllowanceCharge = Cac + "AllowanceCharge";
    private static readonly XName ChargeIndicator = Cbc + "ChargeIndicator";
    private static readonly XName Reason = Cbc + "AllowanceChargeReason";
    private static readonly XName ReasonCode = Cbc + "AllowanceChargeReasonCode";
    private static readonly XName Amount = Cbc + "Amount";
    private static readonly XName TaxCategory = Cac + "TaxCategory";
    private static readonly XName Percent = Cbc + "Percent";
    private static readonly XName TaxTotal = Cac + "TaxTotal";
    private static readonly XName TaxAmount = Cbc + "TaxAmount";
    private static readonly XName TaxSubtotal = Cac + "TaxSubtotal";
    private static readonly XName TaxableAmount = Cbc + "TaxableAmount";
    private static readonly XName MonetaryTotal = Cac + "LegalMonetaryTotal";
    private static readonly XName LineExtensionAmount = Cbc + "LineExtensionAmount";
    private static readonly XName TaxExclusiveAmount = Cbc + "TaxExclusiveAmount";
    private static readonly XName TaxInclusiveAmount = Cbc + "TaxInclusiveAmount";
    private static readonly XName AllowanceTotalAmount = Cbc + "AllowanceTotalAmount";
    private static readonly XName ChargeTotalAmount = Cbc + "ChargeTotalAmount";
    private static readonly XName PayableAmount = Cbc + "PayableAmount";
    private static readonly XName InvoiceLineElement = Cac + "InvoiceLine";
    private static readonly XName CreditNoteLineElement = Cac + "CreditNoteLine";
    private static readonly XName InvoicedQuantity = Cbc + "InvoicedQuantity";
    private static readonly XName CreditedQuantity = Cbc + "CreditedQuantity";
    private static readonly XName Note = Cbc + "Note";
    private static readonly XName DocumentReference = Cac + "DocumentReference";
    private static readonly XName DocumentTypeCode = Cbc + "DocumentTypeCode";
    private static readonly XName Item = Cac + "Item";
    private static readonly XName SellersItemIdentification = Cac + "SellersItemIdentification";
    private static readonly XName ClassifiedTaxCategory = Cac + "ClassifiedTaxCategory";
    private static readonly XName Price = Cac + "Price";
    private static readonly XName PriceAmount = Cbc + "PriceAmount";
    private static readonly XName BaseQuantity = Cbc + "BaseQuantity";

    /// <summary>Reads a UBL XML file; the invoice only when there is no error.</summary>
    public static (InvoiceDocument? Invoice, ImportErrors Errors) Read(byte[] xml)
    {
        ArgumentNullException.ThrowIfNull(xml);
        var document = InvoiceXml.Load(xml, out var problem);
        return document is null ? (null, ImportErrors.OfFile(problem!)) : Read(document);
    }

    /// <summary>Reads a UBL document already loaded (safely: <see cref="InvoiceXml.Load"/>).</summary>
    public static (InvoiceDocument? Invoice, ImportErrors Errors) Read(XDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var root = document.Root;
        var isCreditNote = root?.Name == CreditNoteRoot;
        if (root is null || !(isCreditNote || root.Name == InvoiceRoot))
        {
            return (null, ImportErrors.OfFile(InvoiceReadMessages.UnknownXml(root?.Name.LocalName ?? "")));
        }

        var terms = new XmlTerms(new ImportErrors(), Prefixes);
        var errors = terms.Errors;

        var number = terms.RequiredText(root, Id);
        var issueDate = terms.RequiredDate(root, [IssueDate], InvoiceXml.IsoDate, DateFormat);
        var dueDate = terms.Date(root.Element(DueDate) ?? XmlTerms.Element(root, PaymentMeans, PaymentDueDate), InvoiceXml.IsoDate, DateFormat);
        var typeCode = terms.RequiredElement(root, isCreditNote ? CreditNoteTypeCode : InvoiceTypeCode);
        var currency = terms.RequiredText(root, CurrencyCode);
        var period = Period(terms, root.Element(PeriodElement));
        var preceding = XmlTerms.Text(root, BillingReference, InvoiceDocumentReference, Id);
        var contract = XmlTerms.Text(root, ContractDocumentReference, Id);
        var kind = terms.DocumentKind(typeCode, preceding);
        var seller = PartyOf(terms, root, SupplierParty);
        var buyer = PartyOf(terms, root, CustomerParty);

        var lineName = isCreditNote ? CreditNoteLineElement : InvoiceLineElement;
        var lines = new List<InvoiceLine>();
        foreach (var element in root.Elements(lineName))
        {
            if (Line(terms, element, isCreditNote ? CreditedQuantity : InvoicedQuantity, lines.Count + 1) is { } line)
            {
                lines.Add(line);
            }
        }

        if (!root.Elements(lineName).Any())
        {
            terms.Missing(root, lineName);
        }

        var allowancesCharges = root.Elements(AllowanceCharge).Select(e => DocumentAllowanceCharge(terms, e)).ToList();

        // A second TaxTotal, without subtotals, gives the VAT in the accounting currency (BT-111): the first with subtotals, or in the invoice's currency, is the one.
        var taxTotal = root.Elements(TaxTotal).FirstOrDefault(t => t.Element(TaxSubtotal) is not null)
            ?? root.Elements(TaxTotal).FirstOrDefault(t => (string?)t.Element(TaxAmount)?.Attribute("currencyID") == currency)
            ?? terms.RequiredElement(root, TaxTotal);
        var taxAmount = terms.RequiredDecimal(taxTotal, TaxAmount);
        var vat = (taxTotal?.Elements(TaxSubtotal) ?? []).Select(e => Vat(terms, e)).ToList();
        var totals = Totals(terms, terms.RequiredElement(root, MonetaryTotal), taxAmount);

        if (!errors.IsEmpty)
        {
            return (null, errors);
        }

        return (new InvoiceDocument(
            number!, issueDate!.Value, kind!, currency!, seller!, buyer!, contract, preceding, period,
            lines, [.. allowancesCharges.OfType<InvoiceAllowanceCharge>()], [.. vat.OfType<VatBreakdown>()], totals!, dueDate), errors);
    }

    /// <summary>The legal name (BT-27, <c>RegistrationName</c>), or the trading name when a file gives only that.</summary>
    private static InvoiceParty? PartyOf(XmlTerms terms, XElement root, XName role)
    {
        var party = terms.RequiredElement(root, role, Party);
        if (party is null)
        {
            return null;
        }

        var name = XmlTerms.Text(party, LegalEntity, RegistrationName) ?? XmlTerms.Text(party, PartyName, Name);
        if (name is null)
        {
            terms.RequiredText(party, LegalEntity, RegistrationName);
            return null;
        }

        var vatNumber = party.Elements(PartyTaxScheme)
            .FirstOrDefault(scheme => XmlTerms.Text(scheme, TaxScheme, Id) == "VAT") is { } vatScheme
            ? XmlTerms.Text(vatScheme, CompanyId)
            : null;
        return new InvoiceParty(name, XmlTerms.Text(party, LegalEntity, CompanyId), vatNumber);
    }

    private static InvoicePeriod? Period(XmlTerms terms, XElement? period) =>
        period is null ? null : terms.Period(period, period.Element(StartDate), period.Element(EndDate), InvoiceXml.IsoDate, DateFormat);

    private static InvoiceLine? Line(XmlTerms terms, XElement line, XName quantityName, int position)
    {
        var quantityElement = line.Element(quantityName);
        var quantity = terms.RequiredDecimal(line, quantityName);
        var net = terms.RequiredDecimal(line, LineExtensionAmount);
        var item = terms.RequiredElement(line, Item);
        var description = terms.RequiredText(item, Name);
        var priceElement = terms.RequiredElement(line, Price);
        var price = terms.UnitPrice(terms.RequiredDecimal(priceElement, PriceAmount), priceElement?.Element(BaseQuantity));

        var vatRate = terms.Decimal(XmlTerms.Element(item, ClassifiedTaxCategory, Percent));
        var period = Period(terms, line.Element(PeriodElement));

        var (allowances, charges) = (0m, 0m);
        foreach (var allowanceCharge in line.Elements(AllowanceCharge))
        {
            var isCharge = terms.Indicator(terms.RequiredElement(allowanceCharge, ChargeIndicator));
            var amount = terms.RequiredDecimal(allowanceCharge, Amount) ?? 0m;
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
        var evolution = line.Elements(DocumentReference).FirstOrDefault(d => XmlTerms.Text(d, DocumentTypeCode) == "130") is { } objectReference
            ? XmlTerms.Text(objectReference, Id)
            : null;
        var notes = line.Elements(Note).Select(n => XmlTerms.Text(n)).OfType<string>().ToList();

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
            (string?)quantityElement?.Attribute("unitCode"),
            allowances,
            charges,
            period,
            XmlTerms.Text(item, SellersItemIdentification, Id),
            Kind: null,
            evolution,
            notes.Count == 0 ? null : string.Join('\n', notes));
    }

    private static InvoiceAllowanceCharge? DocumentAllowanceCharge(XmlTerms terms, XElement element)
    {
        var isCharge = terms.Indicator(terms.RequiredElement(element, ChargeIndicator));
        var amount = terms.RequiredDecimal(element, Amount);
        var rate = terms.Decimal(XmlTerms.Element(element, TaxCategory, Percent));
        var reason = XmlTerms.Text(element, Reason) ?? XmlTerms.Text(element, ReasonCode);
        return isCharge is null || amount is null ? null : new InvoiceAllowanceCharge(isCharge.Value, amount.Value, reason, rate);
    }

    private static VatBreakdown? Vat(XmlTerms terms, XElement subtotal)
    {
        var basis = terms.RequiredDecimal(subtotal, TaxableAmount);
        var tax = terms.RequiredDecimal(subtotal, TaxAmount);
        var category = terms.RequiredElement(subtotal, TaxCategory);
        // BT-119 is absent for the categories outside VAT ("O"): no rate is a rate of 0.
        var rate = terms.Decimal(category?.Element(Percent)) ?? 0m;
        return tax is null || basis is null ? null : new VatBreakdown(rate, basis.Value, tax.Value, XmlTerms.Text(category, Id));
    }

    private static InvoiceTotals? Totals(XmlTerms terms, XElement? total, decimal? taxAmount)
    {
        if (total is null)
        {
            return null;
        }

        var lineTotal = terms.RequiredDecimal(total, LineExtensionAmount);
        var taxExclusive = terms.RequiredDecimal(total, TaxExclusiveAmount);
        var taxInclusive = terms.RequiredDecimal(total, TaxInclusiveAmount);
        var allowances = terms.Decimal(total, AllowanceTotalAmount) ?? 0m;
        var charges = terms.Decimal(total, ChargeTotalAmount) ?? 0m;
        var payable = terms.RequiredDecimal(total, PayableAmount);
        return lineTotal is null || taxExclusive is null || taxInclusive is null || payable is null || taxAmount is null
            ? null
            : new InvoiceTotals(lineTotal.Value, allowances, charges, taxExclusive.Value, taxAmount.Value, taxInclusive.Value, payable.Value);
    }
}
