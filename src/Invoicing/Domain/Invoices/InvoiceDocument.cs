namespace Infogerance.Invoicing.Domain;

/// <summary>Whether a document bills (<c>invoice</c>, EN 16931 type 380) or credits (<c>creditNote</c>, type 381).</summary>
public static class InvoiceKinds
{
    public const string Invoice = "invoice";
    public const string CreditNote = "creditNote";
}

/// <summary>What a line bills, recognised from its content or chosen by the provider.</summary>
public static class InvoiceLineKinds
{
    public const string MonthlyFee = "monthlyFee";
    public const string WorkUnit = "workUnit";
    public const string Evolution = "evolution";
    public const string PenaltyCredit = "penaltyCredit";
    public const string Other = "other";

    public static readonly IReadOnlyList<string> All = [MonthlyFee, WorkUnit, Evolution, PenaltyCredit, Other];
}

/// <summary>A seller or buyer (EN 16931 BG-4 / BG-7): its name, legal identifier (SIREN, SIRET…) and VAT number.</summary>
public sealed record InvoiceParty(string Name, string? LegalId = null, string? VatNumber = null);

/// <summary>A billing period (BG-14 / BG-26), both days included.</summary>
public sealed record InvoicePeriod(DateOnly Start, DateOnly End);

/// <summary>A document-level allowance or charge (BG-20 / BG-21), excluding VAT; the amount is stated positive, <see cref="IsCharge"/> says which.</summary>
public sealed record InvoiceAllowanceCharge(bool IsCharge, decimal Amount, string? Reason, decimal? VatRate);

/// <summary>
/// An invoice line (BG-25). <see cref="NetAmount"/> is as billed (BT-131), not recomputed: the control checks it against
/// quantity × unit price − allowances + charges. <see cref="ItemCode"/> is the seller's item identifier (BT-155), where a
/// provider puts a work-unit code; <see cref="Kind"/> is the provider's own choice when given (null: recognised later);
/// <see cref="EvolutionReference"/> names an evolution request when the line bills one.
/// </summary>
public sealed record InvoiceLine(
    int Position,
    string Description,
    decimal Quantity,
    decimal UnitPrice,
    decimal NetAmount,
    decimal? VatRate = null,
    string? UnitCode = null,
    decimal AllowanceAmount = 0m,
    decimal ChargeAmount = 0m,
    InvoicePeriod? Period = null,
    string? ItemCode = null,
    string? Kind = null,
    string? EvolutionReference = null,
    string? Note = null);

/// <summary>One VAT rate's breakdown (BG-23): the base and the tax as stated on the document.</summary>
public sealed record VatBreakdown(decimal Rate, decimal TaxableAmount, decimal TaxAmount, string? Category = null);

/// <summary>The document totals as stated (BG-22): sums of lines, allowances, charges, without VAT, VAT, with VAT, due.</summary>
public sealed record InvoiceTotals(
    decimal LineTotal, decimal AllowanceTotal, decimal ChargeTotal, decimal TaxExclusive, decimal TaxTotal, decimal TaxInclusive, decimal Payable);

/// <summary>
/// A provider's invoice or credit note, whatever it came in (Factur-X, CII, UBL 2.1, CSV or the form): the EN 16931 terms
/// the control needs. Amounts are as the document states them, in <see cref="Currency"/>; a credit note's amounts are
/// positive (its kind says it credits). <see cref="ContractReference"/> is BT-12; <see cref="PrecedingInvoice"/> (BT-25)
/// names the invoice a credit note or corrected invoice refers to.
/// </summary>
public sealed record InvoiceDocument(
    string Number,
    DateOnly IssueDate,
    string Kind,
    string Currency,
    InvoiceParty Seller,
    InvoiceParty Buyer,
    string? ContractReference,
    string? PrecedingInvoice,
    InvoicePeriod? Period,
    IReadOnlyList<InvoiceLine> Lines,
    IReadOnlyList<InvoiceAllowanceCharge> AllowancesCharges,
    IReadOnlyList<VatBreakdown> Vat,
    InvoiceTotals Totals,
    DateOnly? DueDate = null);
