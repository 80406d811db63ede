using Infogerance.Data;
using Infogerance.Validation;

namespace Infogerance.Contracts.Domain;

/// <summary>
/// The phases of a contract and what may move it from one to the next.
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
    public static Message? RefuseTransition(string from, string to, Facts facts) => (from, to) switch
    {
        (Signed, Takeover) => null,
        (Upgrade, Run) when facts.UnfinishedWorkstreams > 0 =>
            ContractMessages.WorkstreamsUnfinished(facts.UnfinishedWorkstreams),
        (Upgrade, Run) => null,
        (Run, Reversibility) => null,
        (Draft, Signed) => ContractMessages.DraftSignedBySigning,
        (Takeover, _) or (Reversibility, _) => ContractMessages.PhaseClosesByAcceptance(from),
        _ when !All.Contains(to) => ContractMessages.NotAPhase(to),
        _ => ContractMessages.TransitionRefused(from, to),
    };

    /// <summary>Why the closure of <paramref name="phase"/> cannot be accepted now, the contract being in <paramref name="current"/>; null when it can.</summary>
    public static Message? RefuseClosure(string current, string phase, int items, int itemsNotAcceptedByBoth)
    {
        if (!WithChecklist.Contains(phase))
        {
            return ContractMessages.ClosureOnlyWithChecklist;
        }

        if (current != phase)
        {
            return ContractMessages.NotInPhase(phase);
        }

        if (items == 0)
        {
            return ContractMessages.ChecklistEmpty;
        }

        return itemsNotAcceptedByBoth > 0
            ? ContractMessages.ItemsPending(itemsNotAcceptedByBoth)
            : null;
    }

    /// <summary>Where a phase closed by both sides leads: the upgrade when one is planned, else the run.</summary>
    public static string After(string closedPhase, bool upgradePlanned) => closedPhase switch
    {
        Takeover => upgradePlanned ? Upgrade : Run,
        Reversibility => Closed,
        _ => throw new ArgumentOutOfRangeException(nameof(closedPhase), closedPhase, "This phase does not close by mutual acceptance."),
    };

    /// <summary>
    /// The phases the contract went past without entering them: the upgrade, once the run is reached, when no workstream
    /// was planned (the takeover then led straight to the run, see <see cref="After"/>).
    /// </summary>
    public static IReadOnlyList<string> Skipped(string current, bool upgradePlanned) =>
        current is Run or Reversibility or Closed && !upgradePlanned ? [Upgrade] : [];

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
