using Infogerance.Validation;

namespace Infogerance.Invoicing.Domain;

/// <summary>What the invoices' endpoints say to a person, in English and French.</summary>
public static class InvoiceMessages
{
    public const int MaxReasonLength = 2000;
    public const int MaxNumberLength = 100;
    public const int MaxDescriptionLength = 1000;
    public const int MaxLines = 10_000;

    public static Message ReasonRequired { get; } = new Message(
            "invoice.reason.required",
            $"A reason is required (at most {MaxReasonLength} characters).",
            $"Un motif est requis ({MaxReasonLength} caractères au plus).")
        .With("max", MaxReasonLength);

    public static Message MessageRequired { get; } = new Message(
            "invoice.dispute.messageRequired",
            $"Say what the provider is to correct (at most {MaxReasonLength} characters).",
            $"Indiquez ce que le prestataire doit corriger ({MaxReasonLength} caractères au plus).")
        .With("max", MaxReasonLength);

    public static Message AcceptanceRequired(string key) => new Message(
            "invoice.approve.reasonRequired",
            $"The blocking discrepancy {key} needs a reason to be accepted (at most {MaxReasonLength} characters).",
            $"L’écart bloquant {key} ne s’accepte qu’avec un motif ({MaxReasonLength} caractères au plus).")
        .With("key", key).With("max", MaxReasonLength);

    public static Message OtherContract(string named, string reference) => new Message(
            "invoice.contractReference.other",
            $"The invoice names contract {named}, not {reference}: upload it under its own contract.",
            $"La facture désigne le contrat {named} et non {reference}\u00A0: déposez-la sous son propre contrat.")
        .With("named", named).With("reference", reference);

    public static Message NotAwaitingDecision(string status) => new Message(
            "invoice.status.notControlled",
            $"This invoice is {status}: only a controlled invoice (or one answered by a credit note) is approved or disputed.",
            $"Cette facture est au statut «\u00A0{status}\u00A0»\u00A0: seule une facture contrôlée (ou répondue par un avoir) s’approuve ou se conteste.")
        .With("status", status);

    public static Message NotApproved(string status) => new Message(
            "invoice.status.notApproved",
            $"This invoice is {status}: only an approved invoice is marked paid.",
            $"Cette facture est au statut «\u00A0{status}\u00A0»\u00A0: seule une facture approuvée se marque payée.")
        .With("status", status);

    public static Message Settled(string status) => new Message(
            "invoice.status.settled",
            $"This invoice is {status}: its control no longer changes.",
            $"Cette facture est au statut «\u00A0{status}\u00A0»\u00A0: son contrôle ne change plus.")
        .With("status", status);

    public static Message PaidInFuture { get; } = new(
        "invoice.paidOn.future",
        "The payment date cannot be in the future.",
        "La date de paiement ne peut pas être dans le futur.");

    public static Message PaidBeforeApproval(DateOnly approvedOn) => new Message(
            "invoice.paidOn.beforeApproval",
            $"The payment date cannot be before the approval, on {approvedOn:yyyy-MM-dd}.",
            $"La date de paiement ne peut pas précéder l’approbation, le {approvedOn:dd/MM/yyyy}.")
        .With("approvedOn", approvedOn.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));

    public static Message Required { get; } = new("invoice.field.required", "This field is required.", "Ce champ est obligatoire.");

    public static Message TooLong(int max) => new Message(
            "invoice.field.tooLong", $"At most {max} characters.", $"{max} caractères au plus.")
        .With("max", max);

    public static Message KindUnknown { get; } = new(
        "invoice.kind.unknown",
        "The kind is invoice or creditNote.",
        "Le type est « invoice » (facture) ou « creditNote » (avoir).");

    public static Message LineKindUnknown { get; } = new Message(
            "invoice.line.kindUnknown",
            $"The line's kind is one of {string.Join(", ", InvoiceLineKinds.All)}.",
            $"Le type de ligne est l’un de {string.Join(", ", InvoiceLineKinds.All)}.")
        .With("allowed", InvoiceLineKinds.All);

    public static Message PeriodReversed { get; } = new(
        "invoice.period.reversed",
        "The period ends before it starts.",
        "La période se termine avant de commencer.");

    public static Message PeriodHalf { get; } = new(
        "invoice.period.half",
        "Give both the start and the end of the line's period, or neither.",
        "Indiquez le début et la fin de la période de la ligne, ou aucun des deux.");

    public static Message NoLines { get; } = new Message(
            "invoice.lines.count",
            $"An invoice has from 1 to {MaxLines} lines.",
            $"Une facture a de 1 à {MaxLines} lignes.")
        .With("max", MaxLines);

    public static Message NumberOutOfRange { get; } = new Message(
            "invoice.number.outOfRange",
            "The number is out of range (at most ±1,000,000,000,000,000).",
            "Le nombre est hors limites (±1 000 000 000 000 000 au plus).")
        .With("max", InvoiceReaders.MaxNumber);

    public static Message VatRateOutOfRange { get; } = new(
        "invoice.vatRate.outOfRange",
        "The VAT rate is a percentage from 0 to 100.",
        "Le taux de TVA est un pourcentage de 0 à 100.");

    public static Message CurrencyInvalid { get; } = new(
        "invoice.currency.invalid",
        "The currency is a three-letter ISO 4217 code (EUR).",
        "La devise est un code ISO 4217 de trois lettres (EUR).");

    public static Message NotDuplicate { get; } = new(
        "invoice.duplicate.unknown",
        "This invoice is not reported as a duplicate of that one.",
        "Cette facture n’est pas signalée comme doublon de celle-ci.");
}
