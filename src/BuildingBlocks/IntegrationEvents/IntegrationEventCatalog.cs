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
    };
}
