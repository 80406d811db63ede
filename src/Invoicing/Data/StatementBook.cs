using System.Text.Json;
using Infogerance.Data;
using Infogerance.IntegrationEvents;
using Infogerance.Invoicing.Domain;
using Infogerance.Messaging;
using NodaTime;

namespace Infogerance.Invoicing.Data;

/// <summary>An issued statement as stored: its month, what it billed in all (adjustments included) and the statement itself.</summary>
public sealed record IssuedStatement(YearMonth Month, string Text, decimal TotalDue, StatementView View);

public sealed record LineDecisionRow(
    string Month, string LineKey, string Status, string? ContestReason, string? ContestedBy, DateTimeOffset? ContestedAt, string? Reason,
    string? DecidedBy, DateTimeOffset? DecidedAt);

/// <summary>
/// Everything a contract's statements over a window of months are computed from, read in a handful of queries whatever
/// the number of months: its versions and their terms, the fees announced, the facts of the window (breaches and
/// completed clocks by month of the calendar's zone, outages across it), the decisions on lines, the issued statements
/// and the adjustments they carried. Each month's draft is then computed in memory.
/// </summary>
public sealed class StatementBook
{
    private sealed record StoredRow(string Month, decimal Total, string Statement);

    private sealed record CarriedRow(string ForMonth, decimal Amount);

    private IReadOnlyList<ContractVersionDay> _versions = [];
    private IReadOnlyList<PriceRow> _prices = [];

    public IReadOnlyDictionary<int, ContractTerms> Terms { get; private init; } = new Dictionary<int, ContractTerms>();

    /// <summary>The issued statements by month (<c>yyyy-MM</c>).</summary>
    public IReadOnlyDictionary<string, IssuedStatement> Issued { get; private init; } = new Dictionary<string, IssuedStatement>();

    /// <summary>What earlier statements carried for each month, whole.</summary>
    public IReadOnlyDictionary<string, decimal> Carried { get; private init; } = new Dictionary<string, decimal>();

    public ILookup<YearMonth, BreachRow> Breaches { get; private init; } = Array.Empty<BreachRow>().ToLookup(_ => default(YearMonth));

    public ILookup<YearMonth, ClockRow> Clocks { get; private init; } = Array.Empty<ClockRow>().ToLookup(_ => default(YearMonth));

    /// <summary>The outages across the window (each month counts the part within it).</summary>
    public IReadOnlyList<OutageRow> Outages { get; private init; } = [];

    public IReadOnlyDictionary<(string Month, string Key), LineDecisionRow> Decisions { get; private init; } =
        new Dictionary<(string, string), LineDecisionRow>();

    public int? VersionAt(DateTimeOffset at) => ContractReplica.InForce(_versions, at);

    /// <summary>The monthly fee announced in force on <paramref name="day"/> (the latest on or before it), or null.</summary>
    public decimal? FeeOn(DateOnly day) => _prices.LastOrDefault(price => price.EffectiveOn <= day)?.MonthlyFee;

    /// <summary>The same book as it stood for a month's issue: only the statements issued for the months before it.</summary>
    public StatementBook AsIssuedBefore(YearMonth month) => new()
    {
        _versions = _versions, _prices = _prices, Terms = Terms, Carried = Carried, Breaches = Breaches, Clocks = Clocks, Outages = Outages,
        Decisions = Decisions, Issued = Issued.Where(entry => entry.Value.Month < month).ToDictionary(),
    };

    /// <summary>The contract's issued statements, in order.</summary>
    public static async Task<IReadOnlyList<IssuedStatement>> IssuedAsync(UnitOfWork unitOfWork, Guid contractId) =>
        [.. (await unitOfWork.QueryAsync<StoredRow>(
            "SELECT month, total, statement::text AS statement FROM penalty_statements WHERE contract_id = @contractId ORDER BY month",
            new { contractId })).Select(Stored)];

    /// <summary>The month's issued statement, or null while it is a draft.</summary>
    public static async Task<IssuedStatement?> IssuedAsync(UnitOfWork unitOfWork, Guid contractId, YearMonth month) =>
        await unitOfWork.QuerySingleOrDefaultAsync<StoredRow>(
            "SELECT month, total, statement::text AS statement FROM penalty_statements WHERE contract_id = @contractId AND month = @month",
            new { contractId, month = StatementMonth.Format(month) }) is { } row
            ? Stored(row)
            : null;

    private static IssuedStatement Stored(StoredRow row) => new(
        StatementMonth.Parse(row.Month)!.Value, row.Month, row.Total,
        JsonSerializer.Deserialize<StatementView>(row.Statement, EventTypeRegistry.SerializerOptions)!);

    /// <summary>Reads the book of the months <paramref name="from"/> to <paramref name="to"/> (the issued statements given, if read already).</summary>
    public static async Task<StatementBook> LoadAsync(
        UnitOfWork unitOfWork, StatementRange range, YearMonth from, YearMonth to, IReadOnlyList<IssuedStatement>? issued = null)
    {
        ArgumentNullException.ThrowIfNull(unitOfWork);
        ArgumentNullException.ThrowIfNull(range);
        var contractId = range.ContractId;
        var start = StatementMonth.Of(from, range.Zone).Start.ToDateTimeOffset();
        var end = StatementMonth.Of(to, range.Zone).End.ToDateTimeOffset();
        var versions = await ContractReplica.VersionsAsync(unitOfWork, contractId);
        var terms = new Dictionary<int, ContractTerms>();
        foreach (var version in versions)
        {
            if (await Statements.TermsAsync(unitOfWork, contractId, version.Number) is { } versionTerms)
            {
                terms[version.Number] = versionTerms;
            }
        }

        var prices = (await unitOfWork.QueryAsync<PriceRow>(
            "SELECT effective_on, version_number, monthly_fee FROM prices_in_force WHERE contract_id = @contractId ORDER BY effective_on, version_number",
            new { contractId })).ToList();
        var carried = (await unitOfWork.QueryAsync<CarriedRow>(
            "SELECT for_month, sum(amount) AS amount FROM penalty_adjustments WHERE contract_id = @contractId GROUP BY for_month",
            new { contractId })).ToDictionary(row => row.ForMonth, row => row.Amount);
        var decisions = (await unitOfWork.QueryAsync<LineDecisionRow>(
            """
            SELECT month, line_key, status, contest_reason, contested_by, contested_at, reason, decided_by, decided_at
            FROM penalty_line_decisions WHERE contract_id = @contractId
            """,
            new { contractId })).ToDictionary(row => (row.Month, row.LineKey));
        issued ??= await IssuedAsync(unitOfWork, contractId);
        return new StatementBook
        {
            _versions = versions,
            _prices = prices,
            Terms = terms,
            Carried = carried,
            Decisions = decisions,
            Issued = issued.ToDictionary(row => row.Text),
            Breaches = (await StatementFacts.BreachesAsync(unitOfWork, contractId, start, end)).ToLookup(row => StatementMonth.MonthOf(row.BreachedAt, range.Zone)),
            Clocks = (await StatementFacts.ClocksAsync(unitOfWork, contractId, start, end)).ToLookup(row => StatementMonth.MonthOf(row.CompletedAt, range.Zone)),
            Outages = await StatementFacts.OutagesAsync(unitOfWork, contractId, start, end),
        };
    }
}
