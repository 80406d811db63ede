using System.Collections.Concurrent;
using System.Text.Json;
using Infogerance.Data;
using Infogerance.IntegrationEvents;
using Infogerance.ServiceLevels;
using NodaTime;

namespace Infogerance.Messaging;

/// <summary>The SLA policy and calendar of one version of a contract's terms, ready for the clocks.</summary>
public sealed record ServiceTerms(int VersionNumber, SlaPolicy Sla, BusinessCalendar Calendar);

/// <summary>A version of a contract's terms: the day it takes effect, in its calendar's zone.</summary>
public sealed record ContractVersionDay(int Number, DateOnly EffectiveFrom, string? TimeZone);

public sealed record ContractSummary(Guid TenantId, Guid ContractId, string Reference, Guid ProviderOrganisationId);

/// <summary>A contract still open to work, with the version of its terms in force at the instant asked (null before any).</summary>
public sealed record OpenContract(ContractSummary Contract, int? VersionInForce);

/// <summary>
/// A service's replica of the contracts it works under, kept from the Contracts service's events (see
/// <see cref="ContractReplicaExtensions.AddContractReplica"/>): their reference and provider, every version of their
/// terms, their inventory; and the terms of a version as the SLA clocks use them. A version's terms never change once
/// active, so their calendars are built once and kept: building one precomputes its opening periods.
/// </summary>
public sealed class ContractReplica
{

    private readonly ConcurrentDictionary<(Guid ContractId, int Version), ServiceTerms> _terms = new();

    private const string SelectContract =
        "SELECT tenant_id, contract_id, reference, provider_organisation_id FROM contracts WHERE contract_id = @contractId";

    private const string SelectVersions =
        """
        SELECT version_number AS number, effective_from, terms #>> '{calendar,timeZone}' AS time_zone
        FROM contract_terms WHERE contract_id = @contractId ORDER BY version_number
        """;

    public static Task<ContractSummary?> ContractAsync(UnitOfWork unitOfWork, Guid contractId) =>
        unitOfWork.QuerySingleOrDefaultAsync<ContractSummary>(SelectContract, new { contractId });

    /// <summary>
    /// The contract if the unit of work sees it, and the rows <paramref name="sql"/> reads of it (its only parameter is
    /// <c>@contractId</c>), in one round trip: a contract's list read whole, or not found.
    /// </summary>
    public static async Task<(ContractSummary? Contract, IReadOnlyList<TRow> Rows)> ContractAndRowsAsync<TRow>(UnitOfWork unitOfWork, Guid contractId, string sql)
    {
        ArgumentNullException.ThrowIfNull(unitOfWork);
        using var results = await unitOfWork.QueryMultipleAsync($"{SelectContract};\n{sql}", new { contractId });
        var contract = await results.ReadSingleOrDefaultAsync<ContractSummary>();
        // Read even when they are not wanted: a reader disposed with results unread cancels its command, which aborts a
        // transaction. Under a contract the caller does not see there are seldom any.
        var rows = await results.ReadAsync<TRow>();
        return (contract, contract is null ? [] : [.. rows]);
    }

    /// <summary>
    /// The contract if the unit of work sees it and it is still open (not ended) as its parties' replica says, with the
    /// version in force at <paramref name="at"/> (<see cref="VersionInForceAsync"/>): in one round trip, for work about to
    /// start under it.
    /// </summary>
    public static async Task<OpenContract?> OpenContractAsync(UnitOfWork unitOfWork, Guid contractId, DateTimeOffset at)
    {
        using var results = await unitOfWork.QueryMultipleAsync(
            $"""
            {SelectContract};
            SELECT EXISTS (SELECT FROM contract_parties WHERE contract_id = @contractId AND is_open);
            {SelectVersions};
            """,
            new { contractId });
        var contract = await results.ReadSingleOrDefaultAsync<ContractSummary>();
        var open = await results.ReadSingleAsync<bool>();
        var versions = (await results.ReadAsync<ContractVersionDay>()).ToList();
        return contract is not null && open ? new OpenContract(contract, InForce(versions, at)) : null;
    }

    /// <summary>
    /// Whether the caller's unit of work sees the contract, signed or not: the parties' replica holds every contract
    /// from its creation (<see cref="ContractAsync"/> only the signed ones), and this asks it what the row-level
    /// security of the contract tables allows, the whole tenant or this contract of a provider.
    /// </summary>
    public static Task<bool> SeesAsync(UnitOfWork unitOfWork, Guid contractId) =>
        unitOfWork.ExecuteScalarAsync<bool>(
            """
            SELECT EXISTS (
                SELECT FROM contract_parties
                WHERE contract_id = @contractId
                  AND (tenant_id = ANY (app_tenant_ids())
                       OR (tenant_id, contract_id) IN (SELECT scope.tenant_id, scope.contract_id FROM app_contract_pairs() AS scope)))
            """,
            new { contractId });

    /// <summary>Whether the contract's inventory lists the item.</summary>
    public static Task<bool> HasItemAsync(UnitOfWork unitOfWork, Guid contractId, Guid itemId) =>
        unitOfWork.ExecuteScalarAsync<bool>(
            "SELECT EXISTS (SELECT FROM inventory_items WHERE contract_id = @contractId AND item_id = @itemId)", new { contractId, itemId });

    /// <summary>The contract's versions in order, each with the day it takes effect and its calendar's zone.</summary>
    public static async Task<IReadOnlyList<ContractVersionDay>> VersionsAsync(UnitOfWork unitOfWork, Guid contractId) =>
        [.. await unitOfWork.QueryAsync<ContractVersionDay>(SelectVersions, new { contractId })];

    /// <summary>The version in force at <paramref name="at"/>: the latest whose effective day (in its calendar's zone) has come, else the first.</summary>
    public static async Task<int?> VersionInForceAsync(UnitOfWork unitOfWork, Guid contractId, DateTimeOffset at) =>
        InForce(await VersionsAsync(unitOfWork, contractId), at);

    /// <summary>Of <paramref name="versions"/> (in order), the one in force at <paramref name="at"/>, as <see cref="VersionInForceAsync"/>.</summary>
    public static int? InForce(IReadOnlyList<ContractVersionDay> versions, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(versions);
        foreach (var version in Enumerable.Reverse(versions))
        {
            var zone = DateTimeZoneProviders.Tzdb.GetZoneOrNull(version.TimeZone ?? "") ?? DateTimeZone.Utc;
            if (Instant.FromDateTimeOffset(at).InZone(zone).Date.ToDateOnly() >= version.EffectiveFrom)
            {
                return version.Number;
            }
        }

        return versions.Count > 0 ? versions[0].Number : null;
    }

    public async Task<ServiceTerms> TermsAsync(UnitOfWork unitOfWork, Guid contractId, int version)
    {
        if (_terms.TryGetValue((contractId, version), out var cached))
        {
            return cached;
        }

        var json = await unitOfWork.QuerySingleOrDefaultAsync<string>(
            "SELECT terms::text FROM contract_terms WHERE contract_id = @contractId AND version_number = @version", new { contractId, version })
            ?? throw new InvalidOperationException($"Version {version} of contract {contractId} is not in this service's replica.");
        var terms = JsonSerializer.Deserialize<ContractTerms>(json, EventTypeRegistry.SerializerOptions)
            ?? throw new InvalidOperationException("Stored terms are empty.");
        return _terms.GetOrAdd((contractId, version), new ServiceTerms(version, terms.Sla, new BusinessCalendar(terms.Calendar)));
    }

    public static Task ApplyAsync(UnitOfWork unitOfWork, ContractSigned signed) =>
        unitOfWork.ExecuteAsync(
            """
            INSERT INTO contracts (tenant_id, contract_id, reference, provider_organisation_id)
            VALUES (@TenantId, @ContractId, @Reference, @ProviderOrganisationId)
            ON CONFLICT (tenant_id, contract_id) DO UPDATE SET reference = excluded.reference, provider_organisation_id = excluded.provider_organisation_id
            """,
            new { signed.TenantId, signed.ContractId, signed.Reference, signed.ProviderOrganisationId });

    /// <summary>
    /// Stores a version's terms. The contract row may not be here yet (events of one contract can arrive out of order):
    /// it is created with a provisional reference that the signature event completes.
    /// </summary>
    public static async Task ApplyAsync(UnitOfWork unitOfWork, ContractVersionActivated activated)
    {
        await unitOfWork.ExecuteAsync(
            """
            INSERT INTO contracts (tenant_id, contract_id, reference, provider_organisation_id)
            VALUES (@TenantId, @ContractId, '', @ProviderOrganisationId)
            ON CONFLICT (tenant_id, contract_id) DO NOTHING
            """,
            new { activated.TenantId, activated.ContractId, activated.ProviderOrganisationId });
        await unitOfWork.ExecuteAsync(
            """
            INSERT INTO contract_terms (tenant_id, contract_id, version_number, effective_from, terms, activated_at)
            VALUES (@TenantId, @ContractId, @VersionNumber, @EffectiveFrom, @Terms::jsonb, @OccurredAt)
            ON CONFLICT (tenant_id, contract_id, version_number) DO NOTHING
            """,
            new
            {
                activated.TenantId, activated.ContractId, activated.VersionNumber, activated.EffectiveFrom,
                Terms = JsonSerializer.Serialize(activated.Terms, EventTypeRegistry.SerializerOptions),
                OccurredAt = activated.OccurredAt.UtcDateTime,
            });
    }

    /// <summary>Replaces the contract's inventory with the event's, unless a later one is already here.</summary>
    public static async Task ApplyAsync(UnitOfWork unitOfWork, ContractInventoryChanged changed)
    {
        var newer = await unitOfWork.ExecuteAsync(
            """
            INSERT INTO inventory_versions (tenant_id, contract_id, as_of) VALUES (@TenantId, @ContractId, @at)
            ON CONFLICT (tenant_id, contract_id) DO UPDATE SET as_of = excluded.as_of WHERE inventory_versions.as_of < excluded.as_of
            """,
            new { changed.TenantId, changed.ContractId, at = changed.OccurredAt.UtcDateTime });
        if (newer == 0)
        {
            return;
        }

        await unitOfWork.ExecuteAsync(
            "DELETE FROM inventory_items WHERE tenant_id = @TenantId AND contract_id = @ContractId", new { changed.TenantId, changed.ContractId });
        await unitOfWork.ExecuteAsync(
            """
            INSERT INTO inventory_items (tenant_id, contract_id, item_id, type, name, criticality, quantity)
            SELECT @TenantId, @ContractId, i.* FROM unnest(@ids, @types, @names, @criticalities, @quantities) AS i
            """,
            new
            {
                changed.TenantId, changed.ContractId, ids = changed.Items.Select(i => i.ItemId).ToArray(), types = changed.Items.Select(i => i.Type).ToArray(),
                names = changed.Items.Select(i => i.Name).ToArray(), criticalities = changed.Items.Select(i => i.Criticality).ToArray(),
                quantities = changed.Items.Select(i => i.Quantity).ToArray(),
            });
    }
}
