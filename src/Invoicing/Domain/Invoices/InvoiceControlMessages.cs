using System.Globalization;
using Infogerance.Validation;

namespace Infogerance.Invoicing.Domain;

/// <summary>
/// What the invoice control says of each discrepancy, in English and French: the rule in words and the figures compared.
/// Amounts are written with two decimals and the euro sign (13,200.00 € / 13 200,00 €), dates as yyyy-MM-dd, months as
/// yyyy-MM; the parameters carry the same values unformatted.
/// </summary>
public static class InvoiceControlMessages
{
    private static readonly CultureInfo English = CultureInfo.InvariantCulture;
    private static readonly CultureInfo French = CultureInfo.GetCultureInfo("fr-FR");

    public static string EurosInEnglish(decimal amount) => amount.ToString("#,##0.00", English) + " €";

    public static string EurosInFrench(decimal amount) => amount.ToString("#,##0.00", French) + "\u00A0€";

    private static string QuantityInEnglish(decimal quantity) => quantity.ToString("#,##0.###", English);

    private static string QuantityInFrench(decimal quantity) => quantity.ToString("#,##0.###", French);

    private static string Rate(decimal rate, CultureInfo culture) => rate.ToString("0.###", culture);

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>A month billed whole is named by its month (2026-11), any other period by its days.</summary>
    private static (string English, string French) PeriodWords(InvoicePeriod period) =>
        BillingCalendar.IsWholeMonth(period)
            ? (BillingCalendar.MonthOf(period.Start), BillingCalendar.MonthOf(period.Start))
            : ($"{Day(period.Start)} to {Day(period.End)}", $"du {Day(period.Start)} au {Day(period.End)}");

    private static Message Compared(this Message message, decimal expected, decimal actual) =>
        message.With("expected", expected).With("actual", actual);

    // Arithmetic.

    public static Message LineNet(int line, decimal quantity, decimal unitPrice, decimal expected, decimal actual) =>
        new Message(
                "invoice.control.arithmetic.lineNet",
                $"Line {line}: quantity × unit price − allowances + charges ({QuantityInEnglish(quantity)} × {EurosInEnglish(unitPrice)}) is {EurosInEnglish(expected)}; billed {EurosInEnglish(actual)}.",
                $"Ligne {line}\u00A0: quantité × prix unitaire − remises + frais ({QuantityInFrench(quantity)} × {EurosInFrench(unitPrice)}) donne {EurosInFrench(expected)}\u00A0; facturé {EurosInFrench(actual)}.")
            .With("line", line).With("quantity", quantity).With("unitPrice", unitPrice).Compared(expected, actual);

    public static Message Total(string field, decimal expected, decimal actual)
    {
        var (english, french) = field switch
        {
            ArithmeticFields.LineTotal => ("The sum of the lines' net amounts", "La somme des montants nets des lignes"),
            ArithmeticFields.AllowanceTotal => ("The sum of the document's allowances", "La somme des remises du document"),
            ArithmeticFields.ChargeTotal => ("The sum of the document's charges", "La somme des frais du document"),
            ArithmeticFields.TaxExclusive => (
                "The total without VAT (lines − allowances + charges)", "Le total hors TVA (lignes − remises + frais)"),
            ArithmeticFields.TaxTotal => ("The total VAT (the sum of each rate's VAT)", "Le total de TVA (la somme de la TVA de chaque taux)"),
            ArithmeticFields.TaxInclusive => ("The total with VAT (without VAT + VAT)", "Le total TTC (hors TVA + TVA)"),
            _ => ("The amount due (the total with VAT)", "Le montant à payer (le total TTC)"),
        };
        return new Message(
                "invoice.control.arithmetic.total",
                $"{english} is {EurosInEnglish(expected)}; stated {EurosInEnglish(actual)}.",
                $"{french} est de {EurosInFrench(expected)}\u00A0; indiqué {EurosInFrench(actual)}.")
            .With("field", field).Compared(expected, actual);
    }

    public static Message VatBase(decimal rate, decimal expected, decimal actual) =>
        new Message(
                "invoice.control.arithmetic.vatBase",
                $"The base of VAT at {Rate(rate, English)} % (lines − allowances + charges at that rate) is {EurosInEnglish(expected)}; stated {EurosInEnglish(actual)}.",
                $"La base de TVA à {Rate(rate, French)}\u00A0% (lignes − remises + frais à ce taux) est de {EurosInFrench(expected)}\u00A0; indiqué {EurosInFrench(actual)}.")
            .With("rate", rate).Compared(expected, actual);

    public static Message VatAmount(decimal rate, decimal taxBase, decimal expected, decimal actual) =>
        new Message(
                "invoice.control.arithmetic.vatAmount",
                $"VAT at {Rate(rate, English)} % of {EurosInEnglish(taxBase)} is {EurosInEnglish(expected)}; stated {EurosInEnglish(actual)}.",
                $"La TVA à {Rate(rate, French)}\u00A0% de {EurosInFrench(taxBase)} est de {EurosInFrench(expected)}\u00A0; indiqué {EurosInFrench(actual)}.")
            .With("rate", rate).With("base", taxBase).Compared(expected, actual);

    // Duplicates.

    public static Message DuplicateNumber(string number, KnownInvoice other) =>
        new Message(
                "invoice.control.duplicate.number",
                $"The same seller already sent number {number} (document {other.Id}).",
                $"Le même fournisseur a déjà envoyé le numéro {number} (document {other.Id}).")
            .With("number", number).With("duplicateOf", other.Id);

    public static Message DuplicateContractPeriodTotal(InvoicePeriod period, decimal total, KnownInvoice other)
    {
        var (english, french) = PeriodWords(period);
        return new Message(
                "invoice.control.duplicate.contractPeriodTotal",
                $"Invoice {other.Number} (document {other.Id}) already bills this contract for {english} with the same total without VAT, {EurosInEnglish(total)}.",
                $"La facture {other.Number} (document {other.Id}) facture déjà ce contrat {(french.StartsWith("du ", StringComparison.Ordinal) ? french : "pour " + french)} avec le même total hors TVA, {EurosInFrench(total)}.")
            .With("otherNumber", other.Number).With("duplicateOf", other.Id).With("start", period.Start).With("end", period.End).With("total", total);
    }

    // Period.

    public static Message PeriodMissing { get; } = new(
        "invoice.control.period.missing",
        "The invoice states no billing period, neither for the document nor for its lines: the fee, prices and penalties cannot be checked against the contract.",
        "La facture n’indique pas de période de facturation, ni pour le document ni pour ses lignes\u00A0: la redevance, les prix et les pénalités ne peuvent pas être contrôlés au regard du contrat.");

    public static Message PeriodReversed(int? line, InvoicePeriod period) =>
        new Message(
                "invoice.control.period.reversed",
                $"{Where(line, french: false)}the billing period ends on {Day(period.End)}, before it starts on {Day(period.Start)}.",
                $"{Where(line, french: true)}la période de facturation se termine le {Day(period.End)}, avant son début le {Day(period.Start)}.")
            .With("line", line).With("start", period.Start).With("end", period.End);

    public static Message PeriodBeforeStart(int? line, InvoicePeriod period, DateOnly contractStart, int daysOutside) =>
        new Message(
                "invoice.control.period.beforeStart",
                $"{Where(line, french: false)}the billing period {Day(period.Start)} to {Day(period.End)} begins before the contract starts on {Day(contractStart)} ({DaysInEnglish(daysOutside)} outside the contract).",
                $"{Where(line, french: true)}la période de facturation du {Day(period.Start)} au {Day(period.End)} commence avant le début du contrat le {Day(contractStart)} ({DaysInFrench(daysOutside)} hors du contrat).")
            .With("line", line).With("start", period.Start).With("end", period.End).With("contractStart", contractStart).With("daysOutside", daysOutside);

    public static Message PeriodAfterEnd(int? line, InvoicePeriod period, ContractLife contract, int daysOutside)
    {
        var last = contract.LastBillableDay;
        var (english, french) = last == contract.ReversibilityEnd
            ? ("the end of reversibility", "la fin de la réversibilité")
            : last == contract.TerminatedOn
                ? ("the contract's termination", "la résiliation du contrat")
                : ("the end of the contract's current term", "la fin de la période en cours du contrat");
        return new Message(
                "invoice.control.period.afterEnd",
                $"{Where(line, french: false)}the billing period {Day(period.Start)} to {Day(period.End)} runs past {english} on {Day(last)} ({DaysInEnglish(daysOutside)} outside the contract).",
                $"{Where(line, french: true)}la période de facturation du {Day(period.Start)} au {Day(period.End)} dépasse {french} le {Day(last)} ({DaysInFrench(daysOutside)} hors du contrat).")
            .With("line", line).With("start", period.Start).With("end", period.End).With("lastBillableDay", last).With("daysOutside", daysOutside);
    }

    private static string DaysInEnglish(int days) => days == 1 ? "1 day" : $"{days} days";

    private static string DaysInFrench(int days) => days == 1 ? "1\u00A0jour" : $"{days}\u00A0jours";

    private static string Where(int? line, bool french) =>
        line is { } position
            ? french ? $"Ligne {position}\u00A0: " : $"Line {position}: "
            : french ? "Document\u00A0: " : "Document: ";

    // Fixed fee.

    public static Message FixedFee(InvoicePeriod period, decimal expected, decimal actual)
    {
        var (english, french) = PeriodWords(period);
        var prorated = !BillingCalendar.IsWholeMonths(period);
        return new Message(
                "invoice.control.fixedFee",
                $"Monthly fee for {english} is {EurosInEnglish(expected)} revised{(prorated ? " (prorated by calendar days)" : "")}; billed {EurosInEnglish(actual)}.",
                $"Redevance mensuelle {(french.StartsWith("du ", StringComparison.Ordinal) ? french : "de " + french)}\u00A0: {EurosInFrench(expected)} après révision{(prorated ? " (au prorata des jours calendaires)" : "")}\u00A0; facturé {EurosInFrench(actual)}.")
            .With("start", period.Start).With("end", period.End).Compared(expected, actual);
    }

    // Work units.

    public static Message UnitPrice(int line, string code, DateOnly on, decimal expected, decimal actual, decimal quantity) =>
        new Message(
                "invoice.control.unitPrice",
                $"Line {line}: the unit price of {code} on {Day(on)} is {EurosInEnglish(expected)} revised; billed {EurosInEnglish(actual)} × {QuantityInEnglish(quantity)}.",
                $"Ligne {line}\u00A0: le prix unitaire de {code} au {Day(on)} est de {EurosInFrench(expected)} après révision\u00A0; facturé {EurosInFrench(actual)} × {QuantityInFrench(quantity)}.")
            .With("line", line).With("code", code).With("on", on).With("quantity", quantity).Compared(expected, actual);

    public static Message WorkUnitUnknown(int line, string? code) =>
        new Message(
                "invoice.control.unitPrice.unknown",
                code is null
                    ? $"Line {line}: the work unit billed is not one of the contract's price schedule."
                    : $"Line {line}: work unit {code} is not priced by the contract on that date.",
                code is null
                    ? $"Ligne {line}\u00A0: l’unité d’œuvre facturée ne figure pas au bordereau de prix du contrat."
                    : $"Ligne {line}\u00A0: l’unité d’œuvre {code} n’est pas tarifée par le contrat à cette date.")
            .With("line", line).With("code", code);

    public static Message Volume(string code, string month, string inventoryType, decimal volume, decimal billed, decimal excess) =>
        new Message(
                "invoice.control.volume",
                $"{code} in {month}: {QuantityInEnglish(billed)} units billed with the approved invoices, over the {QuantityInEnglish(volume)} items of type {inventoryType} in the inventory; {QuantityInEnglish(excess)} too many on this invoice.",
                $"{code} en {month}\u00A0: {QuantityInFrench(billed)} unités facturées avec les factures approuvées, au-delà des {QuantityInFrench(volume)} éléments de type {inventoryType} de l’inventaire\u00A0; {QuantityInFrench(excess)} de trop sur cette facture.")
            .With("code", code).With("month", month).With("inventoryType", inventoryType).With("excess", excess).Compared(volume, billed);

    // Evolutions.

    public static Message EvolutionUnknown(int line, string? reference) =>
        new Message(
                "invoice.control.evolution.unknown",
                $"Line {line}: no evolution request of the contract matches{(reference is null ? "" : $" {reference}")}.",
                $"Ligne {line}\u00A0: aucune demande d’évolution du contrat ne correspond{(reference is null ? "" : $" à {reference}")}.")
            .With("line", line).With("reference", reference);

    public static Message EvolutionNotValidated(int line, ContractEvolution evolution) =>
        new Message(
                "invoice.control.evolution.notValidated",
                $"Line {line}: the evolution request “{evolution.Title}” has not been validated by the client.",
                $"Ligne {line}\u00A0: la demande d’évolution «\u00A0{evolution.Title}\u00A0» n’a pas été validée par le client.")
            .With("line", line).With("evolution", evolution.Id).With("state", evolution.State);

    public static Message EvolutionBeforeValidation(int line, ContractEvolution evolution, DateOnly billedOn, DateOnly validatedOn) =>
        new Message(
                "invoice.control.evolution.beforeValidation",
                $"Line {line}: the evolution request “{evolution.Title}” is billed on {Day(billedOn)}, before its validation on {Day(validatedOn)}.",
                $"Ligne {line}\u00A0: la demande d’évolution «\u00A0{evolution.Title}\u00A0» est facturée le {Day(billedOn)}, avant sa validation le {Day(validatedOn)}.")
            .With("line", line).With("evolution", evolution.Id).With("billedOn", billedOn).With("validatedOn", validatedOn);

    public static Message EvolutionOverQuote(ContractEvolution evolution, decimal quote, decimal billed, decimal excess) =>
        new Message(
                "invoice.control.evolution.overQuote",
                $"The evolution request “{evolution.Title}” is billed {EurosInEnglish(billed)} in all, over its quote of {EurosInEnglish(quote)} by {EurosInEnglish(excess)} on this invoice.",
                $"La demande d’évolution «\u00A0{evolution.Title}\u00A0» est facturée {EurosInFrench(billed)} au total, au-delà de son devis de {EurosInFrench(quote)}, de {EurosInFrench(excess)} sur cette facture.")
            .With("evolution", evolution.Id).With("excess", excess).Compared(quote, billed);

    // Penalty credits.

    public static Message PenaltyCreditMissing(IReadOnlyList<string> months, decimal expected) =>
        new Message(
                "invoice.control.penaltyCredit.missing",
                $"The penalties of {string.Join(", ", months)} ({EurosInEnglish(expected)}, issued statement) are not credited.",
                $"Les pénalités de {string.Join(", ", months)} ({EurosInFrench(expected)}, relevé émis) ne sont pas déduites.")
            .With("months", months).Compared(expected, 0m);

    public static Message PenaltyCreditDifferent(IReadOnlyList<string> months, decimal expected, decimal actual) =>
        new Message(
                "invoice.control.penaltyCredit.different",
                $"The penalties of {string.Join(", ", months)} are {EurosInEnglish(expected)} (issued statement); credited {EurosInEnglish(actual)}.",
                $"Les pénalités de {string.Join(", ", months)} s’élèvent à {EurosInFrench(expected)} (relevé émis)\u00A0; déduit {EurosInFrench(actual)}.")
            .With("months", months).Compared(expected, actual);
}
