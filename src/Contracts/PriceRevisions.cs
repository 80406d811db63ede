using System.Text.Json;
using Infogerance.Contracts.Api;
using Infogerance.Contracts.Data;
using Infogerance.Contracts.Domain;
using Infogerance.Data;
using Infogerance.IntegrationEvents;
using Microsoft.Extensions.Options;
using NodaTime;

namespace Infogerance.Contracts;

/// <summary>
/// Announces the prices in force (<see cref="PricesRevised"/>) whenever they change: at each anniversary of the
/// revision clause, when a version signed for later takes effect, and after an Operator publishes an index that changes
/// a revision already made. Changes made through the API (signature, countersignature, renewal) announce in their own
/// transaction through <see cref="SyncAsync"/>; this pass handles the dates nobody acts on. Replicas share the work
/// through <see cref="SchedulePass"/>; the <c>published_prices</c> row makes an announcement happen once per change.
/// After downtime it announces the prices in force now (not those of anniversaries already superseded).
/// </summary>
public sealed class PriceRevisions(Database database, TimeProvider clock, IOptions<PriceRevisionSettings> settings, ILogger<PriceRevisions> logger)
    : SchedulePass(database, clock, settings.Value.Interval, "price_schedule", logger)
{
    /// <summary>Processes every contract due today (in its calendar's zone) or earlier; returns the number of announcements.</summary>
    public override Task<int> RunOnceAsync(CancellationToken cancellationToken) =>
        // A day ahead of UTC: contracts in zones already in tomorrow are found; each is then taken by its own date.
        DrainAsync(ContractsApi.Today(Clock).AddDays(1), ProcessAsync, cancellationToken);

    private async Task<(bool Processed, int Raised)> ProcessAsync(Guid contractId, Guid tenantId, CancellationToken cancellationToken)
    {
        await using var unitOfWork = await Database.BeginAsync(tenantId, cancellationToken);
        var contract = await ContractStore.LoadAsync(unitOfWork, contractId);
        var versions = contract is null ? [] : (await ContractStore.VersionsAsync(unitOfWork, contract)).ToList();
        var today = TodayFor(Clock, versions);
        if (!await TakeAsync(unitOfWork, contractId, today))
        {
            return (false, 0);
        }

        if (contract is null)
        {
            await unitOfWork.ExecuteAsync("DELETE FROM price_schedule WHERE contract_id = @contractId", new { contractId });
            await unitOfWork.CommitAsync();
            return (true, 0);
        }

        var raised = await SyncAsync(unitOfWork, contract, versions, today, await SyntecStore.AllAsync(unitOfWork));
        await unitOfWork.CommitAsync();
        return (true, raised ? 1 : 0);
    }

    /// <summary>The date in the zone of the calendar of the version in force (UTC when none is).</summary>
    public static DateOnly TodayFor(TimeProvider clock, IReadOnlyList<VersionRow> versions)
    {
        ArgumentNullException.ThrowIfNull(clock);
        var utcToday = ContractsApi.Today(clock);
        var zone = ContractStore.InForce(versions, utcToday)?.ReadTerms().Calendar.TimeZone;
        return zone is not null && DateTimeZoneProviders.Tzdb.GetZoneOrNull(zone) is { } tz
            ? Instant.FromDateTimeOffset(clock.GetUtcNow()).InZone(tz).Date.ToDateOnly()
            : utcToday;
    }

    /// <summary>The active versions as the prices rule reads them.</summary>
    public static IReadOnlyList<PricedVersion> Priced(IEnumerable<VersionRow> versions) =>
        [.. versions.Where(version => version.Status == "active" && version.EffectiveFrom is not null).Select(version =>
        {
            var terms = version.ReadTerms();
            return new PricedVersion(version.Number, version.EffectiveFrom!.Value, terms.Prices, terms.Revision);
        })];

    /// <summary>
    /// Announces the prices in force on <paramref name="today"/> if they differ from those last announced, and schedules
    /// the next look (next anniversary or later version; tomorrow while an index is missing). In the caller's transaction.
    /// </summary>
    public static async Task<bool> SyncAsync(
        UnitOfWork unitOfWork, ContractRow contract, IReadOnlyList<VersionRow> versions, DateOnly today, IReadOnlyList<SyntecIndex> indices)
    {
        ArgumentNullException.ThrowIfNull(unitOfWork);
        ArgumentNullException.ThrowIfNull(contract);
        if (!Phases.IsSigned(contract.Phase))
        {
            await unitOfWork.ExecuteAsync("DELETE FROM price_schedule WHERE contract_id = @ContractId", new { contract.ContractId });
            return false;
        }

        var active = Priced(versions);
        var announced = false;
        DateOnly? next;
        if (PricesRule.VersionOn(active, today) is not { } version)
        {
            next = PricesRule.NextChange(active, today);
        }
        else if (PricesRule.On(version, today, indices) is not ({ } prices, null))
        {
            // An index the revision needs is missing: look again tomorrow (an Operator's publication brings it forward).
            next = today.AddDays(1);
        }
        else
        {
            announced = await AnnounceAsync(unitOfWork, contract, prices);
            next = PricesRule.NextChange(active, today);
        }

        if (next is { } dueOn)
        {
            await unitOfWork.ExecuteAsync(
                """
                INSERT INTO price_schedule (contract_id, tenant_id, due_on) VALUES (@ContractId, @TenantId, @dueOn)
                ON CONFLICT (contract_id) DO UPDATE SET due_on = excluded.due_on
                """,
                new { contract.ContractId, contract.TenantId, dueOn });
        }
        else
        {
            await unitOfWork.ExecuteAsync("DELETE FROM price_schedule WHERE contract_id = @ContractId", new { contract.ContractId });
        }

        return announced;
    }

    /// <summary>After a version changed (signature, countersignature, renewal): announces at once what took effect, schedules the rest.</summary>
    public static async Task AfterVersionChangeAsync(UnitOfWork unitOfWork, ContractRow contract, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(unitOfWork);
        var versions = (await ContractStore.VersionsAsync(unitOfWork, contract)).ToList();
        await SyncAsync(unitOfWork, contract, versions, TodayFor(clock, versions), await SyntecStore.AllAsync(unitOfWork));
    }

    /// <summary>After an index is published, every scheduled contract is looked at again at the next pass.</summary>
    public static Task LookAgainAsync(UnitOfWork unitOfWork, DateOnly today) =>
        unitOfWork.ExecuteAsync("UPDATE price_schedule SET due_on = @today WHERE due_on > @today", new { today });

    private static async Task<bool> AnnounceAsync(UnitOfWork unitOfWork, ContractRow contract, PricesInForce prices)
    {
        var revised = new PricesRevised
        {
            TenantId = contract.TenantId,
            ContractId = contract.ContractId,
            VersionNumber = prices.Version.Number,
            EffectiveOn = prices.EffectiveOn,
            MonthlyFee = prices.Prices.AgreedFee(),
            WorkUnits = prices.Prices.WorkUnits,
            Revision = prices.Revision is { } applied && prices.Version.Revision is { } clause
                ? new RevisionUsed(applied.Anniversary, clause.A, clause.B, Used(applied.S0), Used(applied.S), applied.Coefficient)
                : null,
        };
        // The prices and the revision behind them (its anniversary included, so each anniversary is announced even when
        // the index did not move); a version taking effect with the same prices and no revision changes nothing.
        var fingerprint = JsonSerializer.Serialize(new { revised.MonthlyFee, revised.WorkUnits, revised.Revision }, ContractStore.Json);
        // Inserted, or updated only when different: a replica racing waits for the row and then finds nothing to change.
        var changed = await unitOfWork.ExecuteScalarAsync<int?>(
            """
            INSERT INTO published_prices (tenant_id, contract_id, version_number, effective_on, monthly_fee, fingerprint, published_at)
            VALUES (@TenantId, @ContractId, @VersionNumber, @EffectiveOn, @MonthlyFee, @fingerprint, now())
            ON CONFLICT (tenant_id, contract_id) DO UPDATE
                SET version_number = excluded.version_number, effective_on = excluded.effective_on, monthly_fee = excluded.monthly_fee,
                    fingerprint = excluded.fingerprint, published_at = excluded.published_at
                WHERE published_prices.fingerprint <> excluded.fingerprint
            RETURNING 1
            """,
            new { revised.TenantId, revised.ContractId, revised.VersionNumber, EffectiveOn = revised.EffectiveOn, revised.MonthlyFee, fingerprint });
        if (changed is null)
        {
            return false;
        }

        await unitOfWork.AddEventAsync(revised);
        return true;
    }

    private static IndexUsed Used(SyntecIndex index) => new(index.Month, index.Value, index.Series);
}
