namespace Infogerance.Contracts.Domain;

/// <summary>The two sides of a contract: the client company (the tenant) and its provider.</summary>
public static class Sides
{
    public const string Client = "client";
    public const string Provider = "provider";

    public static string Other(string side) => side == Client ? Provider : Client;
}

/// <summary>
/// The phases of a contract (DOMAIN.md, "The life of a contract") and what may move it from one to the next.
/// Takeover and reversibility close only by mutual acceptance: both sides accept every checklist item, then
/// each side accepts the phase's closure; the second acceptance moves the contract on.
/// </summary>
public static class Phases
{
    public const string Draft = "draft";
    public const string Signed = "signed";
    public const string Takeover = "takeover";
    public const string Upgrade = "upgrade";
    public const string Run = "run";
    public const string Reversibility = "reversibility";
    public const string Closed = "closed";

    public static IReadOnlyList<string> All { get; } = [Draft, Signed, Takeover, Upgrade, Run, Reversibility, Closed];

    /// <summary>The phases that hold a checklist accepted by both sides.</summary>
    public static IReadOnlyList<string> WithChecklist { get; } = [Takeover, Reversibility];

    /// <summary>Where the contract stands when an explicit transition is asked for.</summary>
    public sealed record Facts(int Workstreams, int UnfinishedWorkstreams);

    /// <summary>Why the contract cannot move from <paramref name="from"/> to <paramref name="to"/> on request; null when it can.</summary>
    public static string? RefuseTransition(string from, string to, Facts facts) => (from, to) switch
    {
        (Signed, Takeover) => null,
        (Upgrade, Run) when facts.UnfinishedWorkstreams > 0 =>
            $"{facts.UnfinishedWorkstreams} upgrade workstream(s) are not finished: the run phase starts when every workstream is at 100 %.",
        (Upgrade, Run) => null,
        (Run, Reversibility) => null,
        (Draft, Signed) => "A draft becomes signed by signing it.",
        (Takeover, _) or (Reversibility, _) => $"The {from} phase closes only when both sides accept its closure.",
        _ when !All.Contains(to) => $"\"{to}\" is not a phase.",
        _ => $"A contract in {from} cannot move to {to}.",
    };

    /// <summary>Why the closure of <paramref name="phase"/> cannot be accepted now; null when it can.</summary>
    public static string? RefuseClosure(string current, string phase, int items, int itemsNotAcceptedByBoth)
    {
        if (!WithChecklist.Contains(phase))
        {
            return $"Only the takeover and reversibility phases close by mutual acceptance.";
        }

        if (current != phase)
        {
            return $"The contract is not in its {phase} phase.";
        }

        if (items == 0)
        {
            return "The checklist is empty: add the items both sides must accept.";
        }

        return itemsNotAcceptedByBoth > 0
            ? $"{itemsNotAcceptedByBoth} checklist item(s) are not yet accepted by both sides."
            : null;
    }

    /// <summary>Where a phase closed by both sides leads: the upgrade when one is planned, else the run.</summary>
    public static string After(string closedPhase, bool upgradePlanned) => closedPhase switch
    {
        Takeover => upgradePlanned ? Upgrade : Run,
        Reversibility => Closed,
        _ => throw new ArgumentOutOfRangeException(nameof(closedPhase), closedPhase, "This phase does not close by mutual acceptance."),
    };

    /// <summary>The contract has parties that deal with each other: every phase but closed.</summary>
    public static bool IsOpen(string phase) => phase != Closed;

    /// <summary>Signed and not closed: its terms are in force or about to be.</summary>
    public static bool IsSigned(string phase) => phase is not (Draft or Closed);
}

/// <summary>The checklists a phase starts with (the seeds' transfers and deliverables); the parties add their own.</summary>
public static class ChecklistTemplates
{
    public const string KnowledgeTransfer = "knowledgeTransfer";
    public const string Legal = "legal";
    public const string Physical = "physical";
    public const string Deliverable = "deliverable";

    public static IReadOnlyList<string> Categories { get; } = [KnowledgeTransfer, Legal, Physical, Deliverable];

    public static IReadOnlyList<(string Category, string Title)> For(string phase, string? handover) => phase switch
    {
        Phases.Takeover =>
        [
            (KnowledgeTransfer, "Sessions de transfert de connaissances avec les équipes sortantes"),
            (Legal, "Transfert des droits de propriété et d’usage (logiciels, licences)"),
            (Legal, "Transfert du personnel (le cas échéant)"),
            (Physical, "Transfert des sites et des matériels"),
            (Deliverable, "Plan d’assurance qualité (PAQ)"),
            (Deliverable, "Conventions de service"),
        ],
        Phases.Reversibility =>
        [
            (KnowledgeTransfer, handover == "newProvider"
                ? "Sessions de transfert de connaissances vers le nouveau prestataire"
                : "Sessions de transfert de connaissances vers les équipes du client"),
            (Deliverable, "Export complet du dossier du contrat et des données"),
            (Deliverable, "Documentation d’exploitation à jour"),
            (Legal, "Restitution des droits d’usage et des licences"),
            (Physical, "Restitution des matériels et des accès"),
        ],
        _ => [],
    };
}
