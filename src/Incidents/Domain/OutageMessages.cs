using Infogerance.Validation;

namespace Infogerance.Incidents.Domain;

/// <summary>What the Incidents service says to people about service outages and availability.</summary>
public static class OutageMessages
{
    public static readonly Message OnIncidentsOnly = new(
        "outage.ticket.notIncident", "Outages are recorded on incidents, not on service requests.",
        "Les interruptions de service se déclarent sur des incidents, non sur des demandes de service.");

    public static readonly Message MonthFormat = new Message(
        "outage.month.format",
        $"A month as yyyy-MM, from {Availability.FirstYear} to {Availability.LastYear} (e.g. 2025-03).",
        $"Un mois au format aaaa-MM, de {Availability.FirstYear} à {Availability.LastYear} (par exemple 2025-03).")
        .With("min", Availability.FirstYear).With("max", Availability.LastYear);

    public static readonly Message ServiceRequired = new(
        "outage.service.required", "Name the service that was down.", "Indiquez le service qui a été interrompu.");

    public static readonly Message StartRequired = new("outage.start.required", "Say when the outage started.", "Indiquez quand l'interruption a commencé.");

    public static readonly Message StartInFuture = new("outage.start.future", "The start cannot be in the future.", "Le début ne peut pas être dans le futur.");

    public static readonly Message StartTooEarly = new Message(
        "outage.start.tooEarly", $"The start is from {Availability.FirstYear} on.", $"Le début est en {Availability.FirstYear} ou après.")
        .With("min", Availability.FirstYear);

    public static readonly Message EndInFuture = new(
        "outage.end.future", "The end cannot be in the future: leave it empty while the outage lasts.",
        "La fin ne peut pas être dans le futur : laissez-la vide tant que l'interruption dure.");

    public static readonly Message EndBeforeStart = new(
        "outage.end.beforeStart", "The end is after the start (at least one second).", "La fin suit le début (d'au moins une seconde).");
}
