namespace Infogerance.IntegrationEvents;

/// <summary>
/// The explicit list of integration events and their stable wire names. The outbox stores the name,
/// never a CLR type name, so renaming or moving a record cannot strand events already written.
/// </summary>
public static class IntegrationEventCatalog
{
    public static IReadOnlyDictionary<string, Type> Events { get; } = new Dictionary<string, Type>
    {
        ["contracts.contract-parties-changed.v1"] = typeof(ContractPartiesChanged),
        ["contracts.contract-signed.v1"] = typeof(ContractSigned),
        ["contracts.contract-version-activated.v1"] = typeof(ContractVersionActivated),
        ["contracts.contract-phase-changed.v1"] = typeof(ContractPhaseChanged),
        ["contracts.evolution-request-state-changed.v1"] = typeof(EvolutionRequestStateChanged),
        ["contracts.notice-deadline-approaching.v1"] = typeof(NoticeDeadlineApproaching),
        ["contracts.renewal-decided.v1"] = typeof(RenewalDecided),
        ["contracts.contract-closed.v1"] = typeof(ContractClosed),
    };
}
