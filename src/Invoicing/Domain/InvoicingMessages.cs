using System.Globalization;
using Infogerance.Validation;

namespace Infogerance.Invoicing.Domain;

/// <summary>
/// Every sentence the Invoicing service says to a person, in English and French, each with its stable code and the
/// values it names.
/// </summary>
public static class InvoicingMessages
{
    private static readonly CultureInfo French = CultureInfo.GetCultureInfo("fr-FR");

    public static Message Required { get; } = new("value.required", "This value is required.", "Cette valeur est requise.");

    public static Message ItemMissing { get; } = new("item.missing", "The item is missing.", "L’élément est absent.");

    public static Message AmountNegative { get; } = new("amount.negative", "The amount cannot be negative.", "Le montant ne peut pas être négatif.");

    public static Message AmountTooLarge { get; } = new("amount.tooLarge", "The amount is too large.", "Le montant est trop élevé.");

    public static Message PercentRange { get; } =
        new Message("percent.range", "The percentage is between 0 and 100.", "Le pourcentage est compris entre 0 et 100.").With("min", 0).With("max", 100);

    public static Message PriorityUnknown { get; } = new("priority.unknown", "The priority is P1, P2, P3 or P4.", "La priorité est P1, P2, P3 ou P4.");

    public static Message PenaltyKind { get; } = new(
        "penalty.kind",
        "The kind is fixed (euros) or percentOfFee (of the monthly fee).",
        "Le type est fixed (en euros) ou percentOfFee (en pourcentage de la redevance mensuelle).");

    public static Message ClockUnknown { get; } = new(
        "clock.unknown",
        "The clock is respond or resolve.",
        "Le délai est respond (prise en charge) ou resolve (résolution).");

    public static Message FreeBreachesNegative { get; } = new(
        "penalty.freeBreaches.negative",
        "The number of free breaches is zero (no franchise) or more.",
        "Le nombre de dépassements gratuits est nul (pas de franchise) ou positif.");

    public static Message Month(int firstYear, int lastYear) =>
        new Message(
                "month.format",
                $"The month is required, as yyyy-MM, between {firstYear} and {lastYear}.",
                $"Le mois est requis, au format aaaa-MM, entre {firstYear} et {lastYear}.")
            .With("min", firstYear).With("max", lastYear);

    public static Message TimeZoneUnknown { get; } = new(
        "timeZone.unknown",
        "Unknown time zone: give an IANA name such as Europe/Paris.",
        "Fuseau horaire inconnu\u00A0: indiquez un nom IANA, par exemple Europe/Paris.");

    public static Message TicketNumber { get; } = new(
        "ticket.number",
        "The ticket number is a positive whole number.",
        "Le numéro de ticket est un entier positif.");

    public static Message ServiceRequired { get; } = new("service.required", "The service's name is required.", "Le nom du service est requis.");

    public static Message InstantRequired { get; } = new(
        "instant.required",
        "The date and time are required, in ISO 8601 with their offset.",
        "La date et l’heure sont requises, au format ISO 8601 avec leur décalage horaire.");

    public static Message BreachOutsideMonth(string month, string zone) =>
        new Message(
                "penalty.breach.outsideMonth",
                $"The breach is not in {month} in the {zone} time zone.",
                $"Le dépassement n’a pas lieu en {month} dans le fuseau {zone}.")
            .With("month", month).With("timeZone", zone);

    public static Message CompletionOutsideMonth(string month, string zone) =>
        new Message(
                "penalty.clock.outsideMonth",
                $"The clock was not completed in {month} in the {zone} time zone.",
                $"Le délai n’a pas été clos en {month} dans le fuseau {zone}.")
            .With("month", month).With("timeZone", zone);

    public static Message TooMany(int max) =>
        new Message(
                "list.tooMany",
                string.Create(CultureInfo.InvariantCulture, $"Give at most {max:N0} items."),
                string.Create(French, $"Indiquez au plus {max:N0} éléments."))
            .With("max", max);
}
