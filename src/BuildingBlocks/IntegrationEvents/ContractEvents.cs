namespace Infogerance.IntegrationEvents;

/// <summary>
/// The parties of a contract and whether it is still open (not closed). Raised by the Contracts service on every
/// change that matters to access; every service keeps a replica so that a provider's users reach a tenant's data
/// only through open contracts naming their organisation.
/// </summary>
public sealed record ContractPartiesChanged : IntegrationEvent
{
    public required Guid ContractId { get; init; }
    public required Guid ProviderOrganisationId { get; init; }
    public required bool IsOpen { get; init; }

    /// <summary>Increases with every change of the contract: replicas ignore an older event arriving late.</summary>
    public required long Version { get; init; }
}
