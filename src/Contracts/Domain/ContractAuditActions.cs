namespace Infogerance.Contracts.Domain;

/// <summary>
/// Every action a contract's audit trail records: the codes its filter accepts, and the ones the application must
/// turn into a sentence in each language (a test checks that none is missing).
/// </summary>
public static class ContractAuditActions
{
    public static IReadOnlyList<string> All { get; } =
    [
        "contract.created", "contract.phase-changed", "phase.closure-accepted", "renewal.decided",
        "version.amendment-opened", "version.terms-changed", "version.proposed", "version.countersigned", "version.withdrawn",
        "requirement.added", "requirement.changed", "requirement.removed",
        "inventory.added", "inventory.changed", "inventory.removed", "inventory.imported",
        "checklist.item-added", "checklist.item-accepted", "checklist.item-unaccepted", "document.attached",
        "workstream.added", "workstream.changed",
        "evolution.specified", .. EvolutionWorkflow.Steps.Select(step => $"evolution.{step.To}").Distinct(),
        "syntec.published",
    ];
}
