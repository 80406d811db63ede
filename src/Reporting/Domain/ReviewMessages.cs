using Infogerance.Validation;

namespace Infogerance.Reporting.Domain;

/// <summary>What the periodic review says to people, in English and French.</summary>
public static class ReviewMessages
{
    public static readonly Message PeriodFormat = new Message(
        "reporting.review.period.format", "A period is a month (yyyy-MM, e.g. 2026-03) or a quarter (yyyy-Qn, e.g. 2026-Q1).",
        "Une période est un mois (aaaa-MM, par exemple 2026-03) ou un trimestre (aaaa-Qn, par exemple 2026-Q1 pour le premier).")
        .With("cadences", Cadences.All);

    public static readonly Message PeriodNotBegun = new(
        "reporting.review.period.future", "That period has not begun yet in the contract calendar's zone.",
        "Cette période n'a pas encore commencé dans le fuseau du calendrier du contrat.");

    public static readonly Message PeriodTaken = new(
        "reporting.review.period.taken", "The contract already has a review of that period.", "Le contrat a déjà un bilan de cette période.");

    public static readonly Message StillOpen = new(
        "reporting.review.stillOpen", "The contract's previous review is not closed yet: both sides approve it (or delete it) before the next one is prepared.",
        "Le bilan précédent du contrat n'est pas encore clos : les deux parties l'approuvent (ou le suppriment) avant de préparer le suivant.");

    public static readonly Message Closed = new(
        "reporting.review.closed", "This review is closed: both sides approved its minutes, which no longer change.",
        "Ce bilan est clos : les deux parties ont approuvé son compte rendu, qui ne change plus.");

    public static readonly Message Stale = new(
        "reporting.review.stale", "Someone changed this since you read it: read it again, then make your change.",
        "Quelqu'un l'a modifié depuis votre lecture : relisez-le, puis refaites votre modification.");

    public static readonly Message AlreadyApproved = new(
        "reporting.review.alreadyApproved", "Your side has already approved these minutes.", "Votre partie a déjà approuvé ce compte rendu.");

    public static readonly Message VersionRequired = new(
        "reporting.review.version.required", "The version you read is required (0 for something new).",
        "La version lue est obligatoire (0 pour un nouvel élément).");

    public static readonly Message IndicatorUnknown = new Message(
        "reporting.review.indicator.unknown", $"The indicators are {string.Join(", ", Indicators.All)}.",
        $"Les indicateurs sont {string.Join(", ", Indicators.All)}.")
        .With("allowed", Indicators.All);

    public static readonly Message BudgetIsTheClients = new(
        "reporting.review.indicator.clientOnly", "The budget is the client's own: only the client's side comments on it.",
        "Le budget est celui du client : seule la partie cliente le commente.");

    public static readonly Message AxisUnknown = new Message(
        "reporting.review.axis.unknown", "An improvement axis is service, needs or technology.",
        "Un axe d'amélioration vaut service, needs (besoins) ou technology (technologie).")
        .With("allowed", ImprovementAxes.All);

    public static readonly Message SideUnknown = new Message(
        "reporting.review.side.unknown", "The side responsible is client or provider.", "La partie responsable vaut client ou provider (prestataire).")
        .With("allowed", ReviewSides.All);

    public static readonly Message StatusUnknown = new Message(
        "reporting.review.action.status.unknown", "An action's status is open, inProgress, done or dropped.",
        "Le statut d'une action vaut open (ouverte), inProgress (en cours), done (faite) ou dropped (abandonnée).")
        .With("allowed", ActionStatuses.All);

    public static readonly Message DueOnRequired = new(
        "reporting.review.action.dueOn.required", "The due date is required (yyyy-MM-dd).", "L'échéance est obligatoire (aaaa-MM-jj).");

    public static readonly Message DueOnRange = new Message(
        "reporting.review.action.dueOn.range", $"A due date between {ReviewRules.FirstYear} and {ReviewRules.LastYear}.",
        $"Une échéance entre {ReviewRules.FirstYear} et {ReviewRules.LastYear}.")
        .With("min", ReviewRules.FirstYear).With("max", ReviewRules.LastYear);

    public static readonly Message ActionNotOnReview = new(
        "reporting.review.action.notOnPlan", "That action is not on this review's plan.", "Cette action ne figure pas au plan d'actions de ce bilan.");

    public static readonly Message FormatUnknown = new Message(
        "reporting.export.format.unknown", "An export is csv, xlsx or pdf.", "Un export est au format csv, xlsx ou pdf.")
        .With("allowed", ExportFormats.All);

    public static readonly Message TitleRequired = new("reporting.review.title.required", "The title is required.", "Le titre est obligatoire.");

    public static readonly Message OwnerRequired = new(
        "reporting.review.owner.required", "The person responsible is required.", "La personne responsable est obligatoire.");

    public static readonly Message TextRequired = new("reporting.review.text.required", "The text is required.", "Le texte est obligatoire.");

    public static Message TooLong(int max) => new Message(
        "reporting.review.text.tooLong", $"At most {max} characters.", $"Au plus {max} caractères.")
        .With("max", max);
}
