using Infogerance.Data;
using Infogerance.IntegrationEvents;

namespace Infogerance.Messaging;

/// <summary>Keeps this service's <c>contract_parties</c> replica, which scopes provider users' units of work.</summary>
public sealed class ContractPartiesReplica(Database database) : IdempotentConsumer<ContractPartiesChanged>(database)
{
    protected override string ConsumerName => "contract-parties-replica";

    protected override Task HandleAsync(ContractPartiesChanged @event, UnitOfWork unitOfWork) => ApplyAsync(unitOfWork, @event);

    /// <summary>
    /// Brings the replica up to <paramref name="event"/> unless it already holds a later version. The Contracts
    /// service applies it in the transaction that changes the parties, so its own scope never lags.
    /// </summary>
    public static Task ApplyAsync(UnitOfWork unitOfWork, ContractPartiesChanged @event) =>
        unitOfWork.ExecuteAsync(
            """
            INSERT INTO contract_parties (contract_id, tenant_id, provider_organisation_id, is_open, version, updated_at)
            VALUES (@ContractId, @TenantId, @ProviderOrganisationId, @IsOpen, @Version, @OccurredAt)
            ON CONFLICT (contract_id) DO UPDATE
            SET provider_organisation_id = excluded.provider_organisation_id,
                is_open = excluded.is_open,
                version = excluded.version,
                updated_at = excluded.updated_at
            WHERE contract_parties.version < excluded.version AND contract_parties.tenant_id = excluded.tenant_id
            """,
            new { @event.ContractId, @event.TenantId, @event.ProviderOrganisationId, @event.IsOpen, @event.Version, OccurredAt = @event.OccurredAt.UtcDateTime });
}
