using System.Text.Json;
using Infogerance.Data;
using Infogerance.IntegrationEvents;
using Infogerance.Reporting.Domain;

namespace Infogerance.Reporting.Data;

/// <summary>
/// Reads a contract's month from the read models: every query is bounded by the contract and the month's instants (or
/// the backlog's instant), so a month costs what it holds, not what the contract's history holds.
/// </summary>
public static class ScorecardStore
{
    private sealed record VersionRow(Guid ContractId, int VersionNumber, DateOnly EffectiveFrom, string Terms);

    private sealed record BacklogRow(Guid TenantId, Guid ContractId, Guid TicketId, DateTimeOffset OpenedFrom, DateTimeOffset OpenUntil);

    private sealed record TicketRow(
        Guid ContractId, Guid TicketId, long Number, string Kind, string Priority, DateTimeOffset OpenedAt, DateTimeOffset? ResolvedAt, int? Score,
        DateTimeOffset? RatedAt);

    private sealed record ClockRow(
        Guid ContractId, Guid TicketId, long? Number, string? Kind, string Priority, string Clock, bool Met, long BusinessSecondsUsed,
        long TargetBusinessSeconds, DateTimeOffset DueAt, DateTimeOffset CompletedAt);

    private sealed record BreachRow(Guid ContractId, Guid TicketId, long? Number, string? Kind, string Priority, string Clock, DateTimeOffset DueAt);

    private sealed record OutageRow(Guid ContractId, Guid OutageId, string Service, DateTimeOffset StartedAt, DateTimeOffset? EndedAt);

    private sealed record StatementRow(
        Guid ContractId, string Month, decimal GrossAmount, decimal FreeAmount, decimal WaivedAmount, decimal MonthlyCapDeducted, decimal AnnualCapDeducted,
        bool BelowMinimum, decimal Total, decimal AdjustmentTotal, decimal TotalDue, int Lines);

    private sealed record InvoiceRow(
        Guid ContractId, Guid InvoiceId, string Number, string? Kind, DateOnly? BillingDay, decimal? TotalWithoutVat, bool Approved, string? Result,
        int DiscrepancyCount, decimal TotalAtStake);

    private sealed record BudgetRow(Guid ContractId, int Year, decimal? Annual, string Monthly);

    private sealed record EvolutionRow(Guid ContractId, Guid EvolutionId, Guid EventId, DateTimeOffset At, string From, string To);

    private sealed record TicketTallyRow(int Index, string Kind, string Priority, int? RatedScore, int Opened, int Resolved, int ResolvedRated, int Count);

    private sealed record OpenTicketRow(int Index, string Kind, string Priority, DateTimeOffset OpenedAt);

    private sealed record ClockTallyRow(int Index, string Priority, string Clock, int Completed, int Met, long UsedSum, long? UsedP90);

    private sealed record BreachTallyRow(int Index, string Priority, string Clock, int Count);

    /// <summary>Every version of the contract's terms in the replica, in order.</summary>
    public static async Task<IReadOnlyList<TermsVersion>> VersionsAsync(UnitOfWork unitOfWork, Guid contractId) =>
        (await VersionsAsync(unitOfWork, [contractId])).GetValueOrDefault(contractId, []);

    /// <summary>Every version of each contract's terms in the replica, in order, by contract (absent: none replicated).</summary>
    private static async Task<IReadOnlyDictionary<Guid, IReadOnlyList<TermsVersion>>> VersionsAsync(UnitOfWork unitOfWork, IReadOnlyCollection<Guid> contractIds) =>
        Parsed(await unitOfWork.QueryAsync<VersionRow>(
            """
            SELECT contract_id, version_number, effective_from, terms::text AS terms FROM contract_terms
            WHERE contract_id = ANY (@contractIds) ORDER BY contract_id, version_number
            """,
            new { contractIds = contractIds.ToArray() }))
            .GroupBy(version => version.ContractId)
            .ToDictionary(versions => versions.Key, versions => (IReadOnlyList<TermsVersion>)[.. versions.Select(v => v.Version)]);

    /// <summary>
    /// Every version of each contract's terms in the replica, in order, by contract (absent: none replicated), those
    /// parsed lately taken from <paramref name="cache"/>: only the versions' keys are read, then the terms of those not
    /// known yet.
    /// </summary>
    public static async Task<IReadOnlyDictionary<Guid, IReadOnlyList<TermsVersion>>> VersionsAsync(
        UnitOfWork unitOfWork, TermsCache cache, IReadOnlyCollection<Guid> contractIds)
    {
        ArgumentNullException.ThrowIfNull(unitOfWork);
        ArgumentNullException.ThrowIfNull(cache);
        var keys = (await unitOfWork.QueryAsync<TermsCache.Key>(
            """
            SELECT contract_id, version_number, effective_from, activated_at FROM contract_terms
            WHERE contract_id = ANY (@contractIds) ORDER BY contract_id, version_number
            """,
            new { contractIds = contractIds.ToArray() })).ToList();
        var unknown = keys.Where(key => cache.Find(key) is null).ToList();
        if (unknown.Count > 0)
        {
            var read = Parsed(await unitOfWork.QueryAsync<VersionRow>(
                """
                SELECT t.contract_id, t.version_number, t.effective_from, t.terms::text AS terms
                FROM unnest(@contracts, @numbers) AS k (contract_id, version_number)
                JOIN contract_terms t ON t.contract_id = k.contract_id AND t.version_number = k.version_number
                """,
                new { contracts = unknown.Select(k => k.ContractId).ToArray(), numbers = unknown.Select(k => k.VersionNumber).ToArray() }))
                .ToDictionary(v => (v.ContractId, v.Version.Number), v => v.Version);
            foreach (var key in unknown)
            {
                // A version written between the two reads is left for the next call.
                if (read.TryGetValue((key.ContractId, key.VersionNumber), out var version) && version.EffectiveFrom == key.EffectiveFrom)
                {
                    cache.Keep(key, version);
                }
            }
        }

        return keys.Select(key => (key.ContractId, Version: cache.Find(key)))
            .Where(v => v.Version is not null)
            .GroupBy(v => v.ContractId)
            .ToDictionary(versions => versions.Key, versions => (IReadOnlyList<TermsVersion>)[.. versions.Select(v => v.Version!)]);
    }

    private static IEnumerable<(Guid ContractId, TermsVersion Version)> Parsed(IEnumerable<VersionRow> rows) =>
        rows.Select(row => (row.ContractId, new TermsVersion(
            row.VersionNumber, row.EffectiveFrom,
            JsonSerializer.Deserialize<ContractTerms>(row.Terms, EventTypeRegistry.SerializerOptions)
                ?? throw new InvalidOperationException("Stored terms are empty."))));

    /// <summary>The facts of the contract's month as of <paramref name="now"/>.</summary>
    public static async Task<ScorecardInput> InputAsync(UnitOfWork unitOfWork, Guid contractId, ContractMonth month, DateTimeOffset now) =>
        (await InputsAsync(unitOfWork, [(contractId, month)], now))[0];

    /// <summary>
    /// The facts of several contracts' months as of <paramref name="now"/> (a contract may come with several months), in
    /// the order asked: one query per kind of fact over all of them, bounded by the contracts and the months' instants
    /// (from the earliest start to the latest end), then each month takes its own rows by the same bounds as one month
    /// alone. A portfolio of contracts costs a few queries, not a scorecard's queries per contract.
    /// </summary>
    public static async Task<IReadOnlyList<ScorecardInput>> InputsAsync(
        UnitOfWork unitOfWork, IReadOnlyList<(Guid ContractId, ContractMonth Month)> months, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(months);
        if (months.Count == 0)
        {
            return [];
        }

        var periods = months.Select(m => new ScorecardPeriod(m.Month.Month, now)).ToList();
        var contractIds = months.Select(m => m.ContractId).Distinct().ToArray();
        var range = RangeOf(months, periods);
        // The backlog first, on its own: few rows, which the planner cannot foresee from the two bounds of a period (it
        // would guess a large share of the contracts' tickets and read them all rather than look these few up). The
        // spans open at some instant between the earliest and the latest month's end: each month keeps those open at its own.
        var spans = (await unitOfWork.QueryAsync<BacklogRow>(
            """
            SELECT tenant_id, contract_id, ticket_id, opened_from, open_until FROM ticket_open_periods
            WHERE contract_id = ANY (@contractIds) AND open_until > @firstAsOf AND opened_from <= @lastAsOf
            """,
            range)).ToList();
        var backlog = spans.DistinctBy(b => b.TicketId).ToList();
        // The months' tickets in one pass over the heap: the three ranges are OR-ed, which the planner answers with a
        // bitmap of its three indexes (a UNION of three scans read the rows twice and sorted them to drop the repeats:
        // 80 ms for a month of 17,500 tickets against 10 ms). The backlog's tickets follow; one found twice is kept once.
        var tickets = (await unitOfWork.QueryAsync<TicketRow>(
            """
            SELECT contract_id, ticket_id, number, kind, priority, opened_at, resolved_at, score::integer AS score, rated_at FROM tickets
            WHERE contract_id = ANY (@contractIds) AND opened_at IS NOT NULL
              AND (opened_at >= @start AND opened_at < @end OR resolved_at >= @start AND resolved_at < @end OR rated_at >= @start AND rated_at < @end)
            UNION ALL
            SELECT t.contract_id, t.ticket_id, t.number, t.kind, t.priority, t.opened_at, t.resolved_at, t.score::integer, t.rated_at
            FROM unnest(@backlogTenants::uuid[], @backlogTickets::uuid[]) AS b (tenant_id, ticket_id)
            JOIN tickets t ON t.tenant_id = b.tenant_id AND t.ticket_id = b.ticket_id
            WHERE t.opened_at IS NOT NULL
            """,
            new
            {
                contractIds, start = months.Min(m => m.Month.Month.Start).UtcDateTime, end = months.Max(m => m.Month.Month.End).UtcDateTime, backlogTenants = backlog.Select(b => b.TenantId).ToArray(),
                backlogTickets = backlog.Select(b => b.TicketId).ToArray(),
            })).DistinctBy(t => t.TicketId).ToLookup(t => t.ContractId);
        var spansOf = spans.ToLookup(s => s.TicketId);

        var clocks = (await unitOfWork.QueryAsync<ClockRow>(
            """
            SELECT contract_id, ticket_id, number, kind, priority, clock, met, used_seconds AS business_seconds_used,
                   target_seconds AS target_business_seconds, due_at, completed_at
            FROM sla_completions WHERE contract_id = ANY (@contractIds) AND completed_at >= @start AND completed_at < @end
            """,
            range)).ToLookup(c => c.ContractId);

        var breaches = (await unitOfWork.QueryAsync<BreachRow>(
            """
            SELECT contract_id, ticket_id, number, kind, priority, clock, due_at
            FROM sla_breaches WHERE contract_id = ANY (@contractIds) AND due_at >= @start AND due_at < @end
            """,
            range)).ToLookup(b => b.ContractId);

        var few = await FewFactsAsync(unitOfWork, range);
        return [.. months.Select((asked, index) =>
        {
            var (contractId, month) = asked;
            var period = periods[index];
            var (start, end, asOf) = (month.Month.Start, month.Month.End, period.AsOf);
            bool Within(DateTimeOffset? at) => at >= start && at < end;
            var facts = few.Of(contractId, month, asOf);
            return new ScorecardInput(
                period, month.Version?.Number, month.Version?.Terms,
                [.. tickets[contractId]
                    .Select(t => new TicketFact(
                        t.TicketId, t.Number, t.Kind, t.Priority, t.OpenedAt, t.ResolvedAt, t.Score, t.RatedAt,
                        spansOf[t.TicketId].Any(s => s.OpenUntil > asOf && s.OpenedFrom <= asOf)))
                    .Where(t => t.OpenAtEnd || Within(t.OpenedAt) || Within(t.ResolvedAt) || Within(t.RatedAt))],
                [.. clocks[contractId].Where(c => Within(c.CompletedAt)).Select(c => new ClockFact(
                    c.TicketId, c.Number, c.Kind, c.Priority, c.Clock, c.Met, c.BusinessSecondsUsed, c.TargetBusinessSeconds, c.DueAt, c.CompletedAt))],
                [.. breaches[contractId].Where(b => Within(b.DueAt)).Select(b => new BreachFact(b.TicketId, b.Number, b.Kind, b.Priority, b.Clock, b.DueAt))],
                facts.Outages, facts.Statement, facts.Invoices, facts.Budget, facts.Evolutions);
        })];
    }

    /// <summary>The month of the contract as of <paramref name="now"/>, counted (see <see cref="TalliesAsync(UnitOfWork, MonthCountsCache, IReadOnlyList{ValueTuple{Guid, ContractMonth}}, DateTimeOffset, bool)"/>).</summary>
    public static async Task<ScorecardTallies> TalliesAsync(UnitOfWork unitOfWork, MonthCountsCache cache, Guid contractId, ContractMonth month, DateTimeOffset now) =>
        (await TalliesAsync(unitOfWork, cache, [(contractId, month)], now, times: true))[0];

    /// <summary>
    /// Several contracts' months as of <paramref name="now"/>, in the order asked, with their many facts counted by the
    /// database rather than read: the tickets opened, resolved and rated by kind and priority, the ratings by score, the
    /// backlog by kind, priority and age bucket, the completed clocks (with their 90th percentile, nearest rank, as
    /// <see cref="Scorecards.Percentile"/>) and the breaches by priority and clock. Each month is bounded by its own
    /// instants in its calendar's zone, and the counting rules are those of <see cref="ScorecardTallies.Of"/> (a test
    /// holds the two to the same figures). A month of 20,000 tickets and 34,000 clocks comes back as a few dozen rows.
    /// The counts of a month whose contract has not changed since they were last read come from <paramref name="cache"/>;
    /// the running months' backlogs, whose ages move with the clock, are counted every time.
    /// Without <paramref name="times"/>, the clocks' 90th percentile is left out (null), for readers that show no times.
    /// </summary>
    public static async Task<IReadOnlyList<ScorecardTallies>> TalliesAsync(
        UnitOfWork unitOfWork, MonthCountsCache cache, IReadOnlyList<(Guid ContractId, ContractMonth Month)> months, DateTimeOffset now, bool times)
    {
        ArgumentNullException.ThrowIfNull(unitOfWork);
        ArgumentNullException.ThrowIfNull(cache);
        ArgumentNullException.ThrowIfNull(months);
        if (months.Count == 0)
        {
            return [];
        }

        var periods = months.Select(m => new ScorecardPeriod(m.Month.Month, now)).ToList();
        var versions = (await unitOfWork.QueryAsync<(Guid ContractId, long Version)>(
            "SELECT contract_id, sum(version)::bigint FROM contract_fact_versions WHERE contract_id = ANY (@contractIds) GROUP BY contract_id",
            new { contractIds = months.Select(m => m.ContractId).Distinct().ToArray() })).ToDictionary(v => v.ContractId, v => v.Version);
        var counts = months.Select(m => cache.Find(
            m.ContractId, m.Month.Month.Start, m.Month.Month.End, times, versions.GetValueOrDefault(m.ContractId))).ToArray();
        var all = Enumerable.Range(0, months.Count).ToList();
        var counted = await CountAsync(unitOfWork, months, [.. all.Where(i => counts[i] is null)], times);
        var open = await OpenTicketsAsync(unitOfWork, months, periods, [.. all.Where(i => counts[i]?.OpenAt(periods[i].AsOf) != true)]);
        var few = await FewFactsAsync(unitOfWork, RangeOf(months, periods));
        return [.. months.Select((month, index) =>
        {
            var (contractId, contractMonth) = month;
            var period = periods[index];
            if (counts[index] is not { } found || !found.OpenAt(period.AsOf))
            {
                var (tickets, from, until) = open[index];
                found = (counts[index] ?? counted[index]) with { Open = tickets, OpenFrom = from, OpenUntil = until };
                cache.Keep(contractId, contractMonth.Month.Start, contractMonth.Month.End, times, versions.GetValueOrDefault(contractId), found);
            }

            var facts = few.Of(contractId, contractMonth, period.AsOf);
            return new ScorecardTallies(
                period, contractMonth.Version?.Number, contractMonth.Version?.Terms, found.Tickets, found.Ratings,
                ScorecardTallies.BacklogOf(found.Open, period.AsOf), found.Clocks, found.Breaches,
                facts.Outages, facts.Statement, facts.Invoices, facts.Budget, facts.Evolutions);
        })];
    }

    /// <summary>
    /// The counts of the months at <paramref name="indexes"/> but their open tickets (asked of <see cref="OpenTicketsAsync"/>),
    /// by index: the tickets opened, resolved and rated with the ratings, the completed clocks and the breaches.
    /// </summary>
    private static async Task<Dictionary<int, MonthCounts>> CountAsync(
        UnitOfWork unitOfWork, IReadOnlyList<(Guid ContractId, ContractMonth Month)> months, int[] indexes, bool times)
    {
        if (indexes.Length == 0)
        {
            return [];
        }

        var asked = new
        {
            indexes,
            monthContracts = indexes.Select(i => months[i].ContractId).ToArray(),
            contractIds = indexes.Select(i => months[i].ContractId).Distinct().ToArray(),
            start = indexes.Min(i => months[i].Month.Month.Start).UtcDateTime,
            end = indexes.Max(i => months[i].Month.Month.End).UtcDateTime,
            starts = indexes.Select(i => months[i].Month.Month.Start.UtcDateTime).ToArray(),
            ends = indexes.Select(i => months[i].Month.Month.End.UtcDateTime).ToArray(),
        };

        // Each month's tickets from the bitmap of its three ranges' indexes, one month after another (OFFSET 0 keeps the
        // months a nested loop: joined whole, the planner walks every ticket of the contracts by their opening). Grouped by
        // the score given in the month too, they give the month's ratings in the same pass.
        var tickets = (await unitOfWork.QueryAsync<TicketTallyRow>(
            """
            SELECT m.index, t.kind, t.priority, t.rated_score,
                   (count(*) FILTER (WHERE t.opened_at >= m.starts AND t.opened_at < m.ends))::integer AS opened,
                   (count(*) FILTER (WHERE t.resolved_at >= m.starts AND t.resolved_at < m.ends))::integer AS resolved,
                   (count(*) FILTER (WHERE t.resolved_at >= m.starts AND t.resolved_at < m.ends AND t.score IS NOT NULL))::integer AS resolved_rated,
                   count(*)::integer AS count
            FROM unnest(@indexes, @monthContracts, @starts, @ends) AS m (index, contract_id, starts, ends)
            CROSS JOIN LATERAL (
                SELECT kind, priority, opened_at, resolved_at, score,
                       CASE WHEN rated_at >= m.starts AND rated_at < m.ends THEN score::integer END AS rated_score
                FROM tickets
                WHERE contract_id = m.contract_id AND opened_at IS NOT NULL
                  AND (opened_at >= m.starts AND opened_at < m.ends OR resolved_at >= m.starts AND resolved_at < m.ends
                       OR rated_at >= m.starts AND rated_at < m.ends)
                OFFSET 0) AS t
            GROUP BY m.index, t.kind, t.priority, t.rated_score
            """,
            asked)).ToLookup(t => t.Index);

        // Each month's clocks from their index alone, one month after another. Their 90th percentile sorts every clock
        // of every priority: asked only when the times are wanted.
        var p90 = times ? "percentile_disc(0.9) WITHIN GROUP (ORDER BY c.used_seconds)" : "NULL::bigint";
        var clocks = (await unitOfWork.QueryAsync<ClockTallyRow>(
            $"""
            SELECT m.index, c.priority, c.clock, count(*)::integer AS completed, (count(*) FILTER (WHERE c.met))::integer AS met,
                   sum(c.used_seconds)::bigint AS used_sum, {p90} AS used_p90
            FROM unnest(@indexes, @monthContracts, @starts, @ends) AS m (index, contract_id, starts, ends)
            CROSS JOIN LATERAL (
                SELECT priority, clock, met, used_seconds FROM sla_completions
                WHERE contract_id = m.contract_id AND completed_at >= m.starts AND completed_at < m.ends
                OFFSET 0) AS c
            GROUP BY m.index, c.priority, c.clock
            """,
            asked)).ToLookup(c => c.Index);

        var breaches = (await unitOfWork.QueryAsync<BreachTallyRow>(
            """
            SELECT m.index, b.priority, b.clock, count(*)::integer AS count
            FROM sla_breaches b
            JOIN unnest(@indexes, @monthContracts, @starts, @ends) AS m (index, contract_id, starts, ends)
              ON m.contract_id = b.contract_id AND b.due_at >= m.starts AND b.due_at < m.ends
            WHERE b.contract_id = ANY (@contractIds) AND b.due_at >= @start AND b.due_at < @end
            GROUP BY m.index, b.priority, b.clock
            """,
            asked)).ToLookup(b => b.Index);

        return indexes.ToDictionary(index => index, index => new MonthCounts(
            [.. tickets[index].GroupBy(t => (t.Kind, t.Priority)).Select(g => new TicketTally(
                g.Key.Kind, g.Key.Priority, g.Sum(t => t.Opened), g.Sum(t => t.Resolved), g.Sum(t => t.ResolvedRated)))],
            [.. tickets[index].Where(t => t.RatedScore is not null).GroupBy(t => t.RatedScore!.Value)
                .Select(g => new RatingTally(g.Key, g.Sum(t => t.Count)))],
            [.. clocks[index].Select(c => new ClockTally(c.Priority, c.Clock, c.Completed, c.Met, c.UsedSum, c.UsedP90))],
            [.. breaches[index].Select(b => new BreachTally(b.Priority, b.Clock, b.Count))],
            Open: [], OpenFrom: DateTimeOffset.MaxValue, OpenUntil: null));
    }

    /// <summary>
    /// The tickets open at the periods' instants of the months at <paramref name="indexes"/>, by index, each with the
    /// instants between which they stay the open ones. A ticket open at the instant is found by its open spans: those
    /// open at some instant between the earliest and the latest month's end, read by the index of their bounds, then each
    /// month keeps those open at its own. The ticket is then read by its key, one lookup per open ticket (LIMIT keeps the
    /// lookup a nested loop: joined, the planner cannot foresee how few they are and reads every ticket). A running
    /// month's tickets stay the open ones until a span of its contract begins or ends after the instant (none does but
    /// for a clock running ahead elsewhere: such spans are few, found by the bounds' indexes); an ended month is only ever
    /// measured at its last second.
    /// </summary>
    private static async Task<Dictionary<int, (IReadOnlyList<OpenTicket> Tickets, DateTimeOffset From, DateTimeOffset? Until)>> OpenTicketsAsync(
        UnitOfWork unitOfWork, IReadOnlyList<(Guid ContractId, ContractMonth Month)> months, IReadOnlyList<ScorecardPeriod> periods, int[] indexes)
    {
        if (indexes.Length == 0)
        {
            return [];
        }

        var asked = new
        {
            indexes,
            monthContracts = indexes.Select(i => months[i].ContractId).ToArray(),
            contractIds = indexes.Select(i => months[i].ContractId).Distinct().ToArray(),
            asOfs = indexes.Select(i => periods[i].AsOf.UtcDateTime).ToArray(),
            firstAsOf = indexes.Min(i => periods[i].AsOf).UtcDateTime,
            lastAsOf = indexes.Max(i => periods[i].AsOf).UtcDateTime,
            running = indexes.Where(i => !periods[i].Complete).ToArray(),
            runningContracts = indexes.Where(i => !periods[i].Complete).Select(i => months[i].ContractId).ToArray(),
            runningAsOfs = indexes.Where(i => !periods[i].Complete).Select(i => periods[i].AsOf.UtcDateTime).ToArray(),
        };
        var open = (await unitOfWork.QueryAsync<OpenTicketRow>(
            """
            WITH spans AS MATERIALIZED (
                SELECT tenant_id, contract_id, ticket_id, opened_from, open_until FROM ticket_open_periods
                WHERE contract_id = ANY (@contractIds) AND open_until > @firstAsOf AND opened_from <= @lastAsOf),
            open_tickets AS (
                SELECT DISTINCT m.index, s.tenant_id, s.ticket_id
                FROM spans s
                JOIN unnest(@indexes, @monthContracts, @asOfs) AS m (index, contract_id, as_of)
                  ON m.contract_id = s.contract_id AND s.open_until > m.as_of AND s.opened_from <= m.as_of)
            SELECT o.index, t.kind, t.priority, t.opened_at
            FROM open_tickets o
            CROSS JOIN LATERAL (
                SELECT kind, priority, opened_at FROM tickets
                WHERE tenant_id = o.tenant_id AND ticket_id = o.ticket_id AND opened_at IS NOT NULL LIMIT 1) AS t
            """,
            asked)).ToLookup(t => t.Index, t => new OpenTicket(t.Kind, t.Priority, t.OpenedAt));
        var changes = (await unitOfWork.QueryAsync<(int Index, DateTimeOffset Until)>(
            """
            SELECT m.index, min(s.at) AS until
            FROM unnest(@running, @runningContracts, @runningAsOfs) AS m (index, contract_id, as_of)
            CROSS JOIN LATERAL (
                SELECT open_until AS at FROM ticket_open_periods
                WHERE contract_id = m.contract_id AND open_until > m.as_of AND open_until < 'infinity'
                UNION ALL
                SELECT opened_from FROM ticket_open_periods WHERE contract_id = m.contract_id AND opened_from > m.as_of) AS s
            GROUP BY m.index
            """,
            asked)).ToDictionary(c => c.Index, c => c.Until);
        return indexes.ToDictionary(index => index, index => (
            (IReadOnlyList<OpenTicket>)[.. open[index]], periods[index].AsOf,
            periods[index].Complete ? periods[index].AsOf.AddTicks(1) : changes.TryGetValue(index, out var until) ? until : (DateTimeOffset?)null));
    }

    /// <summary>
    /// The parameters bounding the months' reads: the contracts, from the earliest month's start to the latest's end, the
    /// earliest and latest instants the months are measured at, their months and calendar years, and the days from the
    /// first year's start to the day after the latest month.
    /// </summary>
    private static object RangeOf(IReadOnlyList<(Guid ContractId, ContractMonth Month)> months, IReadOnlyList<ScorecardPeriod> periods)
    {
        var firstYear = months.Min(m => m.Month.Month.Month.Year);
        return new
        {
            contractIds = months.Select(m => m.ContractId).Distinct().ToArray(),
            start = months.Min(m => m.Month.Month.Start).UtcDateTime,
            end = months.Max(m => m.Month.Month.End).UtcDateTime,
            firstAsOf = periods.Min(p => p.AsOf).UtcDateTime,
            lastAsOf = periods.Max(p => p.AsOf).UtcDateTime,
            monthTexts = months.Select(m => m.Month.Month.Text).Distinct().ToArray(),
            years = months.Select(m => m.Month.Month.Month.Year).Distinct().ToArray(),
            first = new DateOnly(firstYear, 1, 1),
            next = months.Max(m => m.Month.Month.Month.PlusMonths(1).OnDayOfMonth(1).ToDateOnly()),
        };
    }

    /// <summary>A month's few facts of one contract beside its tickets and clocks.</summary>
    private sealed record MonthFacts(
        IReadOnlyList<OutageFact> Outages, StatementFact? Statement, IReadOnlyList<InvoiceFact> Invoices, BudgetFact? Budget, IReadOnlyList<EvolutionFact> Evolutions);

    /// <summary>The few facts of several contracts' months, read at once; each month takes its own by its bounds.</summary>
    private sealed class FewFacts(
        ILookup<Guid, OutageRow> outages, Dictionary<(Guid, string), StatementRow> statements, ILookup<Guid, InvoiceRow> invoices,
        Dictionary<(Guid, int), BudgetRow> budgets, ILookup<Guid, EvolutionRow> evolutions)
    {
        public MonthFacts Of(Guid contractId, ContractMonth month, DateTimeOffset asOf)
        {
            var (start, end) = (month.Month.Start, month.Month.End);
            var year = month.Month.Month.Year;
            var next = month.Month.Month.PlusMonths(1).OnDayOfMonth(1).ToDateOnly();
            var budget = budgets.GetValueOrDefault((contractId, year));
            var statement = statements.GetValueOrDefault((contractId, month.Month.Text));
            return new MonthFacts(
                [.. outages[contractId].Where(o => o.StartedAt < end && (o.EndedAt is not { } ended || ended > start))
                    .Select(o => new OutageFact(o.OutageId, o.Service, o.StartedAt, o.EndedAt))],
                statement is null ? null : new StatementFact(
                    statement.GrossAmount, statement.FreeAmount, statement.WaivedAmount, statement.MonthlyCapDeducted, statement.AnnualCapDeducted,
                    statement.BelowMinimum, statement.Total, statement.AdjustmentTotal, statement.TotalDue, statement.Lines),
                [.. invoices[contractId].Where(i => i.BillingDay is { } day && day >= new DateOnly(year, 1, 1) && day < next).Select(i => new InvoiceFact(
                    i.InvoiceId, i.Number, i.Kind, i.BillingDay, i.TotalWithoutVat, i.Approved, i.Result, i.DiscrepancyCount, i.TotalAtStake))],
                budget is null ? null : new BudgetFact(budget.Annual, JsonSerializer.Deserialize<Dictionary<int, decimal>>(budget.Monthly) ?? []),
                [.. evolutions[contractId].Where(e => e.At <= asOf)
                    .Select(row => new EvolutionFact(row.EvolutionId, new StateChange(row.EventId, row.At, row.From, row.To)))]);
        }
    }

    /// <summary>The outages, statements, invoices, budgets and evolution requests of the contracts over the months' range (see <see cref="RangeOf"/>).</summary>
    private static async Task<FewFacts> FewFactsAsync(UnitOfWork unitOfWork, object range)
    {
        var outages = (await unitOfWork.QueryAsync<OutageRow>(
            """
            SELECT contract_id, outage_id, service, started_at, ended_at FROM service_outages
            WHERE contract_id = ANY (@contractIds) AND started_at < @end AND (ended_at IS NULL OR ended_at > @start)
            """,
            range)).ToLookup(o => o.ContractId);

        var statements = (await unitOfWork.QueryAsync<StatementRow>(
            """
            SELECT contract_id, month, gross_amount, free_amount, waived_amount, monthly_cap_deducted, annual_cap_deducted, below_minimum, total,
                   adjustment_total, total_due, jsonb_array_length(lines) AS lines
            FROM penalty_statements WHERE contract_id = ANY (@contractIds) AND month = ANY (@monthTexts)
            """,
            range)).ToDictionary(s => (s.ContractId, s.Month));

        var invoices = (await unitOfWork.QueryAsync<InvoiceRow>(
            """
            SELECT contract_id, invoice_id, number, kind, billing_day, total_without_vat, approved_at IS NOT NULL AS approved, result, discrepancy_count,
                   total_at_stake
            FROM invoices WHERE contract_id = ANY (@contractIds) AND billing_day >= @first AND billing_day < @next
            """,
            range)).ToLookup(i => i.ContractId);

        var budgets = (await unitOfWork.QueryAsync<BudgetRow>(
            "SELECT contract_id, year, annual, monthly::text AS monthly FROM budget_plans WHERE contract_id = ANY (@contractIds) AND year = ANY (@years)",
            range)).ToDictionary(b => (b.ContractId, b.Year));

        var evolutions = (await unitOfWork.QueryAsync<EvolutionRow>(
            """
            SELECT contract_id, evolution_id, event_id, occurred_at AS at, from_state AS "from", to_state AS "to"
            FROM evolution_changes WHERE contract_id = ANY (@contractIds) AND occurred_at <= @lastAsOf
            """,
            range)).ToLookup(e => e.ContractId);

        return new FewFacts(outages, statements, invoices, budgets, evolutions);
    }
}
