using System.Text.Json;
using Infogerance.Contracts.Domain;
using Infogerance.Data;
using Infogerance.IntegrationEvents;
using Infogerance.Messaging;
using Infogerance.ServiceLevels;
using Npgsql;

namespace Infogerance.Contracts.Data;

public sealed record ContractRow(
    Guid TenantId, Guid ContractId, string Reference, string Title, Guid ProviderOrganisationId, string Phase, string? Handover,
    DateTimeOffset CreatedAt, string CreatedBy, DateTimeOffset? SignedAt, string? SignedBy, DateOnly? TerminatesOn, DateOnly? ClosedOn,
    long RowVersion);

public sealed record VersionRow(
    int Number, string Status, string Origin, string Terms, DateOnly? EffectiveFrom, string? Reason, Guid? EvolutionRequestId,
    string? ProposedBy, string? ProposedSide, DateTimeOffset? ProposedAt, string? CountersignedBy, DateTimeOffset? CountersignedAt,
    DateTimeOffset CreatedAt)
{
    public ContractTerms ReadTerms() => ContractStore.ReadTerms(Terms);

    public VersionDates Dates => new(Number, Status, EffectiveFrom);
}

/// <summary>
/// The contract aggregate's queries and the writes every change shares: phase changes with their events, versions,
/// the audit trail. Callers hold the contract's row lock (<see cref="LoadAsync"/> with forUpdate) while changing it,
/// so that changes to one contract apply one after the other.
/// </summary>
public static class ContractStore
{
    public static readonly JsonSerializerOptions Json = CreateJson();

    private const string SelectContract =
        """
        SELECT tenant_id, contract_id, reference, title, provider_organisation_id, phase, handover, created_at, created_by,
               signed_at, signed_by, terminates_on, closed_on, row_version
        FROM contracts
        """;

    private const string SelectVersion =
        """
        SELECT number, status, origin, terms::text AS terms, effective_from, reason, evolution_request_id, proposed_by, proposed_side,
               proposed_at, countersigned_by, countersigned_at, created_at
        FROM contract_versions
        """;

    public static ContractTerms ReadTerms(string json) =>
        JsonSerializer.Deserialize<ContractTerms>(json, Json) ?? throw new InvalidOperationException("Stored terms are empty.");

    public static string WriteTerms(ContractTerms terms) => JsonSerializer.Serialize(terms, Json);

    // A search of the list on a contract's reference and title. It is written into a statement only when there is one:
    // "@pattern IS NULL OR …" would leave PostgreSQL to plan the statement again on every call, for the parameter's value.
    private const string Searched = "(reference ILIKE @pattern OR title ILIKE @pattern)";

    /// <summary>
    /// The contracts the unit of work sees, those whose reference or title is like <paramref name="pattern"/> when given,
    /// in no order (the list sorts them on values computed from the terms, <see cref="ContractList"/>), and their
    /// versions still standing (<see cref="StandingVersions"/>): in one round trip.
    /// </summary>
    public static async Task<(IReadOnlyList<ContractRow> Contracts, IReadOnlyList<ListedVersion> Versions)> ListAsync(UnitOfWork unitOfWork, string? pattern)
    {
        using var results = await unitOfWork.QueryMultipleAsync(
            $"{(pattern is null ? SelectContract : $"{SelectContract} WHERE {Searched}")};\n{StandingVersions(pattern)}", new { pattern });
        return ([.. await results.ReadAsync<ContractRow>()], [.. await results.ReadAsync<ListedVersion>()]);
    }

    /// <summary>
    /// The contract if the unit of work sees it; locked until the transaction ends when <paramref name="forUpdate"/>.
    /// NO KEY UPDATE: changes to one contract queue behind each other, while inserts referencing it (the notice
    /// scheduler's alerts) still pass their foreign-key checks, so the two cannot deadlock.
    /// </summary>
    public static Task<ContractRow?> LoadAsync(UnitOfWork unitOfWork, Guid contractId, bool forUpdate = false) =>
        unitOfWork.QuerySingleOrDefaultAsync<ContractRow>(
            $"{SelectContract} WHERE contract_id = @contractId {(forUpdate ? "FOR NO KEY UPDATE" : "")}", new { contractId });

    /// <summary>Inserts a new contract; false when its reference is already taken in the tenant.</summary>
    public static async Task<bool> InsertAsync(UnitOfWork unitOfWork, ContractRow contract)
    {
        try
        {
            await unitOfWork.ExecuteAsync(
                """
                INSERT INTO contracts (tenant_id, contract_id, reference, title, provider_organisation_id, phase, created_at, created_by, row_version)
                VALUES (@TenantId, @ContractId, @Reference, @Title, @ProviderOrganisationId, @Phase, @CreatedAt, @CreatedBy, @RowVersion)
                """,
                contract);
            return true;
        }
        catch (PostgresException exception) when (exception is { SqlState: PostgresErrorCodes.UniqueViolation, TableName: "contracts" })
        {
            return false;
        }
    }

    /// <summary>
    /// A version as the contract list needs it: its standing (<see cref="Dates"/>) and the five values of its terms the
    /// summary shows (<see cref="Terms"/>), the fee null while a draft's is not entered.
    /// </summary>
    public sealed record ListedVersion(
        Guid ContractId, int Number, string Status, DateOnly? EffectiveFrom, DateOnly StartDate, int InitialTermMonths, int RenewalPeriodMonths,
        int NoticeMonths, decimal? MonthlyFee)
    {
        public VersionDates Dates => new(Number, Status, EffectiveFrom);

        public SummaryTerms Terms => new(new RenewalTerms(StartDate, InitialTermMonths, RenewalPeriodMonths, NoticeMonths), MonthlyFee);
    }

    /// <summary>
    /// The query of every version still standing (not withdrawn) of the contracts the unit of work sees, those matching
    /// <paramref name="pattern"/> (as in <see cref="ListAsync"/>) when given, with the five values of its terms the summary
    /// shows: the database keeps them beside the terms as it writes them, so the list never reads the terms themselves
    /// (2 KB compressed each, stored out of line: fetching and decompressing them was a third of the list's time in the
    /// database, and most of it as versions pile up).
    /// </summary>
    private static string StandingVersions(string? pattern)
    {
        var searched = pattern is null
            ? ""
            : $" AND EXISTS (SELECT FROM contracts c WHERE c.tenant_id = v.tenant_id AND c.contract_id = v.contract_id AND {Searched})";
        return
            $"""
            SELECT v.contract_id, v.number, v.status, v.effective_from, v.start_date, v.initial_term_months, v.renewal_period_months, v.notice_months,
                   v.monthly_fee
            FROM contract_versions v
            WHERE v.status <> 'withdrawn'{searched}
            """;
    }

    public static Task<IEnumerable<VersionRow>> VersionsAsync(UnitOfWork unitOfWork, ContractRow contract) =>
        unitOfWork.QueryAsync<VersionRow>(
            $"{SelectVersion} WHERE tenant_id = @TenantId AND contract_id = @ContractId ORDER BY number", new { contract.TenantId, contract.ContractId });

    public static Task<VersionRow?> VersionAsync(UnitOfWork unitOfWork, ContractRow contract, int number) =>
        unitOfWork.QuerySingleOrDefaultAsync<VersionRow>(
            $"{SelectVersion} WHERE tenant_id = @TenantId AND contract_id = @ContractId AND number = @number",
            new { contract.TenantId, contract.ContractId, number });

    /// <summary>The active version in force on <paramref name="day"/>, or the first one when none has started yet.</summary>
    public static VersionRow? InForce(IEnumerable<VersionRow> versions, DateOnly day)
    {
        var list = versions as IReadOnlyCollection<VersionRow> ?? [.. versions];
        return VersionStanding.InForce(list.Select(version => version.Dates), day) is { } number ? list.First(version => version.Number == number) : null;
    }

    /// <summary>Each version's status on <paramref name="day"/>, as people read it (<see cref="VersionStanding"/>).</summary>
    public static IReadOnlyDictionary<int, string> Statuses(IEnumerable<VersionRow> versions, DateOnly day) =>
        VersionStanding.Statuses([.. versions.Select(version => version.Dates)], day);

    /// <summary>The version a new amendment starts from (<see cref="VersionStanding.Latest"/>).</summary>
    public static VersionRow? Latest(IEnumerable<VersionRow> versions)
    {
        var list = versions as IReadOnlyCollection<VersionRow> ?? [.. versions];
        return VersionStanding.Latest(list.Select(version => version.Dates)) is { } number ? list.First(version => version.Number == number) : null;
    }

    public static async Task<int> InsertVersionAsync(
        UnitOfWork unitOfWork, ContractRow contract, string status, string origin, ContractTerms terms, DateOnly? effectiveFrom, string? reason,
        Guid? evolutionRequestId = null)
    {
        return await unitOfWork.ExecuteScalarAsync<int>(
            """
            INSERT INTO contract_versions (tenant_id, contract_id, number, status, origin, terms, effective_from, reason, evolution_request_id, created_at)
            SELECT @TenantId, @ContractId, coalesce(max(number), 0) + 1, @status, @origin, @terms::jsonb, @effectiveFrom, @reason, @evolutionRequestId, now()
            FROM contract_versions WHERE tenant_id = @TenantId AND contract_id = @ContractId
            RETURNING number
            """,
            new { contract.TenantId, contract.ContractId, status, origin, terms = WriteTerms(terms), effectiveFrom, reason, evolutionRequestId });
    }

    /// <summary>Signature: version 1 is in force from the start date, countersigned by the signatory.</summary>
    public static Task ActivateFirstVersionAsync(UnitOfWork unitOfWork, ContractRow contract, DateOnly startDate, string signatory) =>
        unitOfWork.ExecuteAsync(
            """
            UPDATE contract_versions SET status = 'active', effective_from = @startDate, countersigned_by = @signatory, countersigned_at = now()
            WHERE tenant_id = @TenantId AND contract_id = @ContractId AND number = 1
            """,
            new { contract.TenantId, contract.ContractId, startDate, signatory });

    public static Task UpdateTermsAsync(UnitOfWork unitOfWork, ContractRow contract, int number, ContractTerms terms) =>
        unitOfWork.ExecuteAsync(
            "UPDATE contract_versions SET terms = @terms::jsonb WHERE tenant_id = @TenantId AND contract_id = @ContractId AND number = @number",
            new { contract.TenantId, contract.ContractId, number, terms = WriteTerms(terms) });

    public static Task ProposeVersionAsync(UnitOfWork unitOfWork, ContractRow contract, int number, string proposedBy, string side) =>
        unitOfWork.ExecuteAsync(
            """
            UPDATE contract_versions SET status = 'proposed', proposed_by = @proposedBy, proposed_side = @side, proposed_at = now()
            WHERE tenant_id = @TenantId AND contract_id = @ContractId AND number = @number
            """,
            new { contract.TenantId, contract.ContractId, number, proposedBy, side });

    public static Task CountersignVersionAsync(UnitOfWork unitOfWork, ContractRow contract, int number, string countersignedBy) =>
        unitOfWork.ExecuteAsync(
            """
            UPDATE contract_versions SET status = 'active', countersigned_by = @countersignedBy, countersigned_at = now()
            WHERE tenant_id = @TenantId AND contract_id = @ContractId AND number = @number
            """,
            new { contract.TenantId, contract.ContractId, number, countersignedBy });

    public static Task WithdrawVersionAsync(UnitOfWork unitOfWork, ContractRow contract, int number) =>
        unitOfWork.ExecuteAsync(
            "UPDATE contract_versions SET status = 'withdrawn' WHERE tenant_id = @TenantId AND contract_id = @ContractId AND number = @number",
            new { contract.TenantId, contract.ContractId, number });

    /// <summary>Publishes a version now in force from its effective date, with its whole terms.</summary>
    public static Task AnnounceVersionAsync(UnitOfWork unitOfWork, ContractRow contract, int number, DateOnly effectiveFrom, ContractTerms terms) =>
        unitOfWork.AddEventAsync(new ContractVersionActivated
        {
            TenantId = contract.TenantId,
            ContractId = contract.ContractId,
            ProviderOrganisationId = contract.ProviderOrganisationId,
            VersionNumber = number,
            EffectiveFrom = effectiveFrom,
            Terms = terms,
        });

    /// <summary>
    /// Moves the contract to <paramref name="to"/>: audited, announced, and — since access follows open contracts —
    /// the parties replicated (here at once, elsewhere through the event).
    /// </summary>
    /// <param name="at">When the phase changed, if not now (the demo's contract went into run long ago).</param>
    public static async Task<ContractRow> ChangePhaseAsync(
        UnitOfWork unitOfWork, ContractRow contract, string to, AuditLog.Actor actor, object? details = null, DateTimeOffset? at = null)
    {
        var changed = contract with
        {
            Phase = to,
            RowVersion = contract.RowVersion + 1,
            ClosedOn = to == Phases.Closed ? DateOnly.FromDateTime(DateTime.UtcNow) : contract.ClosedOn,
        };
        await unitOfWork.ExecuteAsync(
            """
            UPDATE contracts SET phase = @Phase, row_version = @RowVersion, closed_on = @ClosedOn, handover = @Handover,
                                 terminates_on = @TerminatesOn, signed_at = @SignedAt, signed_by = @SignedBy
            WHERE tenant_id = @TenantId AND contract_id = @ContractId
            """,
            changed);
        await AuditAsync(unitOfWork, contract, actor, "contract.phase-changed", "contract", contract.ContractId,
            new { contract.Phase }, new { Phase = to, Details = details });
        await unitOfWork.AddEventAsync(new ContractPhaseChanged
        {
            TenantId = contract.TenantId, ContractId = contract.ContractId, From = contract.Phase, To = to, OccurredAt = at ?? DateTimeOffset.UtcNow,
        });
        await AnnouncePartiesAsync(unitOfWork, changed);
        if (to == Phases.Closed)
        {
            await unitOfWork.AddEventAsync(new ContractClosed { TenantId = contract.TenantId, ContractId = contract.ContractId, ClosedOn = changed.ClosedOn!.Value });
            await unitOfWork.ExecuteAsync("DELETE FROM notice_schedule WHERE contract_id = @ContractId", new { contract.ContractId });
            // Nothing can be countersigned on a closed contract.
            await unitOfWork.ExecuteAsync(
                "UPDATE contract_versions SET status = 'withdrawn' WHERE tenant_id = @TenantId AND contract_id = @ContractId AND status IN ('draft', 'proposed')",
                contract);
        }

        return changed;
    }

    public static async Task AnnouncePartiesAsync(UnitOfWork unitOfWork, ContractRow contract)
    {
        var parties = new ContractPartiesChanged
        {
            TenantId = contract.TenantId,
            ContractId = contract.ContractId,
            ProviderOrganisationId = contract.ProviderOrganisationId,
            IsOpen = Phases.IsOpen(contract.Phase),
            Version = contract.RowVersion,
        };
        await ContractPartiesReplica.ApplyAsync(unitOfWork, parties);
        await unitOfWork.AddEventAsync(parties);
    }

    /// <summary>
    /// Publishes the contract's whole inventory after a change, for the services that let tickets name an item and
    /// the invoice control that caps work units by the count of a type.
    /// </summary>
    public static async Task InventoryChangedAsync(UnitOfWork unitOfWork, ContractRow contract)
    {
        var items = await unitOfWork.QueryAsync<InventoryItemSummary>(
            """
            SELECT item_id, type, name, criticality, quantity FROM inventory_items
            WHERE tenant_id = @TenantId AND contract_id = @ContractId ORDER BY lower(name), item_id
            """,
            new { contract.TenantId, contract.ContractId });
        await unitOfWork.AddEventAsync(new ContractInventoryChanged { TenantId = contract.TenantId, ContractId = contract.ContractId, Items = [.. items] });
    }

    public static Task AuditAsync(
        UnitOfWork unitOfWork, ContractRow contract, AuditLog.Actor actor, string action, string entityType, Guid entityId, object? before, object? after) =>
        AuditLog.WriteAsync(unitOfWork, contract.TenantId, actor, action, entityType, entityId, before, after, contract.ContractId);

    /// <summary>Keeps the notice scheduler's next look at this contract current (after signature and each change of terms).</summary>
    public static Task ScheduleNoticeAsync(UnitOfWork unitOfWork, ContractRow contract, DateOnly dueOn) =>
        unitOfWork.ExecuteAsync(
            """
            INSERT INTO notice_schedule (contract_id, tenant_id, due_on) VALUES (@ContractId, @TenantId, @dueOn)
            ON CONFLICT (contract_id) DO UPDATE SET due_on = excluded.due_on
            """,
            new { contract.ContractId, contract.TenantId, dueOn });

    private static JsonSerializerOptions CreateJson()
    {
        var options = new JsonSerializerOptions();
        Infogerance.ServiceDefaults.Extensions.ConfigureJson(options);
        return options;
    }
}
