using System.Text.Json;
using Infogerance.Data;
using Infogerance.IntegrationEvents;
using Infogerance.Invoicing.Domain;
using NodaTime;

namespace Infogerance.Invoicing.Data;

/// <summary>
/// Where a contract's statements start and end, in the calendar's zone: the month its run began, the month it ended
/// (null while it runs), and the current month.
/// </summary>
public sealed record StatementRange(Guid TenantId, Guid ContractId, DateTimeZone Zone, YearMonth? FirstMonth, YearMonth? RunEndMonth, YearMonth CurrentMonth)
{
    /// <summary>The latest month with a statement: the current one, or the month the run ended.</summary>
    public YearMonth LastMonth => RunEndMonth is { } end && end < CurrentMonth ? end : CurrentMonth;

    public bool Has(YearMonth month) => FirstMonth is { } first && month >= first && month <= LastMonth;
}

/// <summary>
/// A contract's monthly statements. Drafts are never stored: each read computes them from the facts kept from events, so
/// a late fact (an outage corrected, a breach imported) is in the next read without any pass. An issued statement is
/// stored whole at its issue and read as it was issued; a fact that changes an issued month after that shows as an
/// adjustment of the next draft (the recomputed total less the issued one, less what earlier statements already carried).
/// </summary>
public static class Statements
{
    public static async Task<ContractTerms?> TermsAsync(UnitOfWork unitOfWork, Guid contractId, int version)
    {
        var json = await unitOfWork.QuerySingleOrDefaultAsync<string>(
            "SELECT terms::text FROM contract_terms WHERE contract_id = @contractId AND version_number = @version", new { contractId, version });
        return json is null ? null : JsonSerializer.Deserialize<ContractTerms>(json, EventTypeRegistry.SerializerOptions);
    }

    /// <summary>The contract's statement months: from the month its run began (in the calendar's zone) to the current one.</summary>
    public static async Task<StatementRange?> RangeAsync(UnitOfWork unitOfWork, Guid contractId, DateTimeOffset now)
    {
        if (await Infogerance.Messaging.ContractReplica.ContractAsync(unitOfWork, contractId) is not { } contract)
        {
            return null;
        }

        var zone = DateTimeZone.Utc;
        if (await Infogerance.Messaging.ContractReplica.VersionInForceAsync(unitOfWork, contractId, now) is { } version
            && await TermsAsync(unitOfWork, contractId, version) is { } terms)
        {
            zone = StatementMonth.ZoneOf(terms.Calendar.TimeZone) ?? DateTimeZone.Utc;
        }

        var phase = await StatementFacts.PhaseAsync(unitOfWork, contractId);
        return new StatementRange(
            contract.TenantId, contractId, zone, phase?.RunSince is { } since ? StatementMonth.MonthOf(since, zone) : null,
            phase?.RunUntil is { } until ? StatementMonth.MonthOf(until, zone) : null, StatementMonth.MonthOf(now, zone));
    }

    /// <summary>The months of the range, latest first: issued ones as stored, the others as drafts computed now.</summary>
    public static async Task<IReadOnlyList<StatementSummary>> ListAsync(UnitOfWork unitOfWork, StatementRange range, DateTimeOffset now) =>
        [.. (await AllAsync(unitOfWork, range, now)).Select(statement =>
            new StatementSummary(statement.Month, statement.Status, statement.IssuedAt, statement.GrossAmount, statement.Total, statement.TotalDue))];

    /// <summary>Every month's statement of the range, latest first: issued ones as stored, the others as drafts computed now.</summary>
    public static async Task<IReadOnlyList<StatementView>> AllAsync(UnitOfWork unitOfWork, StatementRange range, DateTimeOffset now)
    {
        if (range.FirstMonth is not { } first)
        {
            return [];
        }

        var book = await StatementBook.LoadAsync(unitOfWork, range, first, range.LastMonth);
        var statements = new List<StatementView>();
        foreach (var month in StatementLines.MonthsBetween(first, range.LastMonth))
        {
            if (Read(book, range, month, now) is { } statement)
            {
                statements.Add(statement);
            }
        }

        return statements;
    }

    /// <summary>The month's statement: as issued, else the draft computed now; null when the terms are not replicated yet.</summary>
    public static async Task<StatementView?> ReadAsync(UnitOfWork unitOfWork, StatementRange range, YearMonth month, DateTimeOffset now)
    {
        if (await StatementBook.IssuedAsync(unitOfWork, range.ContractId, month) is { } stored)
        {
            return stored.View;
        }

        // A draft carries the adjustments of every month issued before it: their facts are read with its own.
        var issued = await StatementBook.IssuedAsync(unitOfWork, range.ContractId);
        var from = issued.Select(row => row.Month).Where(m => m < month).DefaultIfEmpty(month).Min();
        return Read(await StatementBook.LoadAsync(unitOfWork, range, from, month, issued), range, month, now);
    }

    private static StatementView? Read(StatementBook book, StatementRange range, YearMonth month, DateTimeOffset now) =>
        book.Issued.TryGetValue(StatementMonth.Of(month, range.Zone).Text, out var issued)
            ? issued.View
            : Draft(book, range, month, now, withAdjustments: true);

    /// <summary>The draft of a month: its facts under the rules and fee in force, this year's issued totals, and the adjustments.</summary>
    private static StatementView? Draft(StatementBook book, StatementRange range, YearMonth yearMonth, DateTimeOffset now, bool withAdjustments)
    {
        var month = StatementMonth.Of(yearMonth, range.Zone);
        if (book.VersionAt(month.Start.ToDateTimeOffset()) is not { } version || book.Terms.GetValueOrDefault(version) is not { } terms)
        {
            return null;
        }

        var fee = book.FeeOn(yearMonth.OnDayOfMonth(1).ToDateOnly()) ?? terms.Prices.AgreedFee();
        var yearStart = ContractYear.FirstMonth(terms.StartDate, yearMonth);
        var yearToDate = book.Issued.Values.Where(row => row.Month >= yearStart && row.Month < yearMonth).Sum(row => row.TotalDue);

        var breachRows = book.Breaches[yearMonth].ToList();
        var numbers = TicketNumbers(breachRows);
        var tickets = breachRows.ToDictionary(row => (numbers[row.TicketId], row.Clock), row => row);
        var input = new StatementInput(
            month, fee, terms.Penalties,
            [.. breachRows.Select(row => new PenaltyBreach(numbers[row.TicketId], row.Priority, row.Clock, row.BreachedAt))],
            [.. book.Clocks[yearMonth].Select(row => new CompletedClock(row.Priority, row.Clock, row.Met))],
            MonthlyAvailability.Of(book.Outages.Select(row => new OutagePeriod(row.Service, row.StartedAt, row.EndedAt)), month, now),
            yearToDate);
        var result = PenaltyStatement.Compute(input);

        var lines = result.Lines.Select(line =>
        {
            var row = line.Kind == PenaltyLineKinds.Breach ? tickets[(line.Ticket!.Value, line.Clock!)] : null;
            var key = StatementLines.KeyOf(line, row?.TicketId);
            var decision = book.Decisions.GetValueOrDefault((month.Text, key)) is { } d
                ? new LineDecision(d.Status, d.ContestReason, d.ContestedBy, d.ContestedAt, d.Reason, d.DecidedBy, d.DecidedAt)
                : null;
            return new StatementLine(key, row?.TicketId, row?.Number, decision?.Status == LineStatuses.Waived, line, decision);
        }).ToList();
        var (waived, monthlyCap, annualCap, below, total) = StatementLines.Settle(result, lines, fee, terms.Penalties, yearToDate);

        IReadOnlyList<StatementAdjustment> adjustments = [];
        if (withAdjustments)
        {
            decimal? annualCapLeft = terms.Penalties.AnnualCapPercent > 0
                ? PenaltyStatement.PercentOf(12m * fee, terms.Penalties.AnnualCapPercent) - yearToDate - total
                : null;
            adjustments = StatementLines.Recap(Adjustments(book, range, yearMonth, now), annualCapLeft);
        }

        return new StatementView(
            range.ContractId, month.Text, StatementStatuses.Draft, null, range.Zone.Id, version, fee, yearToDate, result.GrossAmount, result.FreeAmount,
            waived, monthlyCap, annualCap, below, total, adjustments, total + adjustments.Sum(adjustment => adjustment.Due), lines);
    }

    /// <summary>Records a decision on a draft's line: a contest, or the client's waiver or answer (upheld or waived).</summary>
    public static async Task<LineDecision> DecideAsync(
        UnitOfWork unitOfWork, StatementRange range, string month, StatementLine line, string status, string reason, string by, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(line);
        var contest = status == LineStatuses.Contested;
        var decision = contest
            ? new LineDecision(status, reason, by, at, null, null, null)
            : new LineDecision(status, line.Decision?.ContestReason, line.Decision?.ContestedBy, line.Decision?.ContestedAt, reason, by, at);
        await unitOfWork.ExecuteAsync(
            """
            INSERT INTO penalty_line_decisions
                (tenant_id, contract_id, month, line_key, status, contest_reason, contested_by, contested_at, reason, decided_by, decided_at)
            VALUES (@TenantId, @ContractId, @month, @Key, @Status, @ContestReason, @ContestedBy, @ContestedAt, @Reason, @DecidedBy, @DecidedAt)
            ON CONFLICT (tenant_id, contract_id, month, line_key) DO UPDATE
            SET status = excluded.status, contest_reason = excluded.contest_reason, contested_by = excluded.contested_by,
                contested_at = excluded.contested_at, reason = excluded.reason, decided_by = excluded.decided_by, decided_at = excluded.decided_at
            """,
            new
            {
                range.TenantId, range.ContractId, month, line.Key, decision.Status, decision.ContestReason, decision.ContestedBy,
                ContestedAt = decision.ContestedAt?.UtcDateTime, decision.Reason, decision.DecidedBy, DecidedAt = decision.DecidedAt?.UtcDateTime,
            });
        return decision;
    }

    /// <summary>
    /// For each month issued before this one: its recomputed total less its issued total and the adjustments already
    /// carried for it (whole, even the part a cap left out, so that a difference is carried once). The month is
    /// recomputed with the statements issued before it, as at its issue.
    /// </summary>
    private static List<StatementAdjustment> Adjustments(StatementBook book, StatementRange range, YearMonth month, DateTimeOffset now)
    {
        var adjustments = new List<StatementAdjustment>();
        foreach (var row in book.Issued.Values.Where(row => row.Month < month).OrderBy(row => row.Month))
        {
            if (Draft(book.AsIssuedBefore(row.Month), range, row.Month, now, withAdjustments: false) is not { } recomputed)
            {
                continue;
            }

            var difference = recomputed.Total - row.View.Total - book.Carried.GetValueOrDefault(row.Text);
            if (difference != 0)
            {
                adjustments.Add(new StatementAdjustment(row.Text, difference));
            }
        }

        return adjustments;
    }

    /// <summary>Each ticket's number, or for a ticket whose opening is not known yet, a number after all known ones by ticket id.</summary>
    private static Dictionary<Guid, long> TicketNumbers(List<BreachRow> rows)
    {
        var numbers = new Dictionary<Guid, long>();
        var next = rows.Select(row => row.Number ?? 0).DefaultIfEmpty(0).Max() + 1_000_000_000;
        foreach (var row in rows.OrderBy(row => row.Number.HasValue ? 0 : 1).ThenBy(row => row.TicketId))
        {
            if (!numbers.ContainsKey(row.TicketId))
            {
                numbers[row.TicketId] = row.Number ?? next++;
            }
        }

        return numbers;
    }
}
