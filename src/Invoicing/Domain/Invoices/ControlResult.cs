using Infogerance.Validation;

namespace Infogerance.Invoicing.Domain;

/// <summary>The rule a discrepancy breaks.</summary>
public static class DiscrepancyCodes
{
    public const string Arithmetic = "arithmetic";
    public const string Duplicate = "duplicate";
    public const string Period = "period";
    public const string FixedFee = "fixedFee";
    public const string UnitPrice = "unitPrice";
    public const string Volume = "volume";
    public const string Evolution = "evolution";
    public const string PenaltyCredit = "penaltyCredit";

    public static readonly IReadOnlyList<string> All = [Arithmetic, Duplicate, Period, FixedFee, UnitPrice, Volume, Evolution, PenaltyCredit];
}

/// <summary>
/// What the arithmetic check found wrong: a line's net amount or one of the document's figures.
/// </summary>
public static class ArithmeticFields
{
    public const string LineNet = "lineNet";
    public const string LineTotal = "lineTotal";
    public const string AllowanceTotal = "allowanceTotal";
    public const string ChargeTotal = "chargeTotal";
    public const string TaxExclusive = "taxExclusive";
    public const string VatBase = "vatBase";
    public const string VatAmount = "vatAmount";
    public const string TaxTotal = "taxTotal";
    public const string TaxInclusive = "taxInclusive";
    public const string Payable = "payable";
}

/// <summary>
/// One departure of an invoice from its contract or from its own arithmetic. <see cref="Line"/> is the line's position
/// (from 1), or null for the whole document. <see cref="Expected"/> and <see cref="Actual"/> are the figures compared,
/// null when the rule does not compare numbers (dates, a duplicate). <see cref="AmountAtStake"/> is positive, in euros
/// excluding VAT but for the VAT figures themselves: what the client would overpay (units over the volume, an evolution
/// over its quote, a duplicate's whole total without VAT, a line outside the contract's life) or the absolute
/// difference (arithmetic, prices, penalty credits). A difference within the tolerance is not <see cref="Blocking"/>.
/// <see cref="Field"/> names the figure an arithmetic discrepancy is about (<see cref="ArithmeticFields"/>);
/// <see cref="DuplicateOf"/> the invoice a duplicate repeats.
/// </summary>
public sealed record Discrepancy(string Code, int? Line, decimal? Expected, decimal? Actual, decimal AmountAtStake, bool Blocking, Message Message)
{
    public string? Field { get; init; }

    public Guid? DuplicateOf { get; init; }
}

/// <summary>
/// The control's verdict: the discrepancies in the order of the checks (arithmetic, duplicates, period, fixed fee, work
/// units, evolutions, penalty credits), and each line's kind as recognised (<see cref="LineKinds"/>, in the order of the
/// document's lines). The invoice is <see cref="Compliant"/> when no discrepancy blocks it;
/// <see cref="TotalAtStake"/> sums the blocking ones.
/// </summary>
public sealed record ControlResult(IReadOnlyList<Discrepancy> Discrepancies, IReadOnlyList<string> LineKinds)
{
    public bool Compliant => Discrepancies.All(discrepancy => !discrepancy.Blocking);

    public decimal TotalAtStake => Discrepancies.Where(discrepancy => discrepancy.Blocking).Sum(discrepancy => discrepancy.AmountAtStake);
}
