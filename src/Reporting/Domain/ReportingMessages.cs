using Infogerance.ServiceLevels;
using Infogerance.Validation;

namespace Infogerance.Reporting.Domain;

/// <summary>What the Reporting service says to people, in English and French.</summary>
public static class ReportingMessages
{
    public const int MaxLimit = 1000;

    public static readonly Message MonthFormat = new Message(
        "reporting.month.format",
        $"A month as yyyy-MM, from {CalendarMonth.FirstYear} to {CalendarMonth.LastYear} (e.g. 2025-03).",
        $"Un mois au format aaaa-MM, de {CalendarMonth.FirstYear} à {CalendarMonth.LastYear} (par exemple 2025-03).")
        .With("min", CalendarMonth.FirstYear).With("max", CalendarMonth.LastYear);

    public static readonly Message MonthNotBegun = new(
        "reporting.month.future", "That month has not begun yet in the contract calendar's zone.",
        "Ce mois n'a pas encore commencé dans le fuseau du calendrier du contrat.");

    public static readonly Message MonthNotOver = new(
        "reporting.month.notOver", "That month is not over yet in the contract calendar's zone.",
        "Ce mois n'est pas encore terminé dans le fuseau du calendrier du contrat.");

    public static readonly Message SideUnknown = new Message(
        "reporting.side.unknown", "A side is client or provider.", "Une partie vaut client ou provider.")
        .With("allowed", new[] { Infogerance.Data.Sides.Client, Infogerance.Data.Sides.Provider });

    public static readonly Message PriorityUnknown = new Message(
        "reporting.priority.unknown", "A priority is P1, P2, P3 or P4.", "Une priorité vaut P1, P2, P3 ou P4.")
        .With("allowed", Scorecards.Priorities);

    public static readonly Message ClockUnknown = new Message(
        "reporting.clock.unknown", "A clock is respond or resolve, for the figures sla and breaches.",
        "Une horloge vaut respond ou resolve, pour les indicateurs sla et breaches.")
        .With("allowed", IntegrationEvents.SlaClocks.All);

    public static readonly Message OutcomeUnknown = new Message(
        "reporting.outcome.unknown", "An outcome is met or missed, for the figure sla.", "Un résultat vaut met ou missed, pour l'indicateur sla.")
        .With("allowed", Outcomes.All);

    public static readonly Message KindUnknown = new Message(
        "reporting.kind.unknown", "A kind of ticket is incident or request.", "Un type de ticket vaut incident ou request.")
        .With("allowed", Scorecards.Kinds);

    public static readonly Message Limit = new Message(
        "reporting.limit.range", $"Between 1 and {MaxLimit} tickets at a time.", $"Entre 1 et {MaxLimit} tickets à la fois.")
        .With("min", 1).With("max", MaxLimit);

    public static readonly Message TrendMonths = new Message(
        "reporting.months.range", $"Between 1 and {ScorecardTrends.MaxMonths} months.", $"Entre 1 et {ScorecardTrends.MaxMonths} mois.")
        .With("min", 1).With("max", ScorecardTrends.MaxMonths);

    public static readonly Message Offset = new(
        "reporting.offset.negative", "The offset is zero or more.", "Le décalage est positif ou nul.");

    public static Message FigureUnknown(IReadOnlyList<string> figures) => new Message(
        "reporting.figure.unknown", $"The figures whose tickets can be listed are {string.Join(", ", figures)}.",
        $"Les indicateurs dont on peut lister les tickets sont {string.Join(", ", figures)}.")
        .With("allowed", figures);
}
