using System.Text.Json;
using Dapper;
using Infogerance.Data;
using Infogerance.IntegrationEvents;
using Infogerance.Reporting.Data;
using Infogerance.Reporting.Domain;
using Infogerance.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using NodaTime;
using Npgsql;
using static Infogerance.Reporting.Tests.Months;

namespace Infogerance.Reporting.Tests;

/// <summary>
/// The database counts a month's facts by the very rules the scorecard counts them in memory: on a real PostgreSQL with
/// the read models' schema, random months of two contracts give the same scorecard either way, boundaries, daylight-saving
/// months, reopened tickets and the current month included.
/// </summary>
public sealed class ScorecardTalliesStoreTests(TestInfrastructure infrastructure) : IClassFixture<TestInfrastructure>
{
    private static readonly Guid Tenant = Guid.CreateVersion7();
    private static readonly Guid[] Contracts = [Guid.CreateVersion7(), Guid.CreateVersion7()];
    private static readonly DateTimeOffset Now = At("2026-11-15T10:30:00Z");
    private static readonly string[] Priorities = ["P1", "P2", "P3", "P4", "P5"];

    [Fact]
    public async Task The_database_tallies_give_the_scorecard_the_facts_give()
    {
        var cancellation = TestContext.Current.CancellationToken;
        var (host, _) = await StartAsync("tallies", cancellation);
        using var _host = host;

        // March and October change the clocks in Paris; November is the current month, measured at now.
        var months = Contracts.SelectMany(contract => new[] { (2026, 2), (2026, 3), (2026, 10), (2026, 11) }
            .Select(m => (contract, ContractMonth(m.Item1, m.Item2))))
            .ToList();
        await using var unitOfWork = await host.Services.GetRequiredService<Database>().BeginAsync(Tenant, cancellation);
        using var cache = new MonthCountsCache();
        var inputs = await ScorecardStore.InputsAsync(unitOfWork, months, Now);
        var tallies = await ScorecardStore.TalliesAsync(unitOfWork, cache, months, Now, times: true);
        var remembered = await ScorecardStore.TalliesAsync(unitOfWork, cache, months, Now, times: true);

        Assert.True(inputs.Sum(i => i.Clocks.Count) > 400, "the months hold clocks to count");
        Assert.True(inputs.Sum(i => i.Tickets.Count(t => t.OpenAtEnd)) > 50, "the months hold a backlog to count");
        for (var i = 0; i < months.Count; i++)
        {
            Assert.Equal(Json(Scorecards.Compute(inputs[i])), Json(Scorecards.Compute(tallies[i])));
            Assert.Equal(Json(Scorecards.Compute(inputs[i])), Json(Scorecards.Compute(remembered[i])));
        }
    }

    [Fact]
    public async Task A_months_counts_are_read_again_once_an_event_changed_its_contract()
    {
        var cancellation = TestContext.Current.CancellationToken;
        var (host, connectionString) = await StartAsync("tallies_cache", cancellation);
        using var _host = host;
        var database = host.Services.GetRequiredService<Database>();
        using var cache = new MonthCountsCache();
        List<(Guid, ContractMonth)> months = [(Contracts[0], ContractMonth(2026, 2)), (Contracts[0], ContractMonth(2026, 11)), (Contracts[1], ContractMonth(2026, 2))];
        async Task<string[]> ScorecardsAsync(MonthCountsCache counts, DateTimeOffset now)
        {
            await using var unitOfWork = await database.BeginAsync(Tenant, cancellation);
            return [.. (await ScorecardStore.TalliesAsync(unitOfWork, counts, months, now, times: false)).Select(t => Json(Scorecards.Compute(t)))];
        }

        async Task<string[]> CountedAsync(DateTimeOffset now)
        {
            using var fresh = new MonthCountsCache();
            return await ScorecardsAsync(fresh, now);
        }

        async Task ApplyAsync(params IntegrationEvent[] events)
        {
            await using var unitOfWork = await database.BeginAsync(Tenant, cancellation);
            foreach (var @event in events)
            {
                await ReadModels.ApplyAsync(unitOfWork, @event);
            }

            await unitOfWork.CommitAsync();
        }

        SlaClockCompleted Completed(Guid ticket, string clock, DateTimeOffset at) => new()
        {
            TenantId = Tenant, ContractId = Contracts[0], TicketId = ticket, Clock = clock, Priority = "P1", Met = true, BusinessSecondsUsed = 60,
            TargetBusinessSeconds = 3600, StartedAt = at.AddMinutes(-1), DueAt = at.AddHours(1), CompletedAt = at, Completion = 1, OccurredAt = at,
        };

        // The contract's facts have changed once already: the version to move is not the first.
        var lateTicket = Guid.CreateVersion7();
        await ApplyAsync(Completed(lateTicket, SlaClocks.Respond, At("2026-02-10T00:01:00Z")));
        var before = await ScorecardsAsync(cache, Now);

        // Rows written behind the read models' back (no event, so no new fact version) are not seen: a late clock in
        // February, a ticket opened in October and still open, in November's backlog.
        await using (var owner = new NpgsqlConnection(connectionString))
        {
            await owner.ExecuteAsync(
                """
                SELECT set_config('app.tenant_ids', @scope, false);
                INSERT INTO sla_completions (tenant_id, contract_id, ticket_id, clock, priority, met, used_seconds, target_seconds, started_at, due_at,
                                             completed_at, completion)
                VALUES (@Tenant, @contract, @unseenTicket, 'resolve', 'P1', false, 99999, 14400, '2026-02-10Z', '2026-02-10 04:00Z', '2026-02-11Z', 1);
                INSERT INTO tickets (tenant_id, contract_id, ticket_id, number, kind, opened_at, priority, status)
                VALUES (@Tenant, @contract, @openTicket, 99001, 'incident', '2026-10-20Z', 'P1', 'open');
                INSERT INTO ticket_open_periods (tenant_id, contract_id, ticket_id, opened_from, open_until)
                VALUES (@Tenant, @contract, @openTicket, '2026-10-20Z', 'infinity');
                """,
                new { Tenant, scope = Tenant.ToString(), contract = Contracts[0], unseenTicket = Guid.CreateVersion7(), openTicket = Guid.CreateVersion7() });
        }

        var unseen = await ScorecardsAsync(cache, Now);
        var counted = await CountedAsync(Now);
        Assert.Equal(before, unseen);
        Assert.NotEqual(counted[0], unseen[0]);
        Assert.NotEqual(counted[1], unseen[1]);

        // A late event for February: its contract's months are counted again, the other contract's still remembered.
        await ApplyAsync(Completed(lateTicket, SlaClocks.Resolve, At("2026-02-12T00:00:00Z")));
        var after = await ScorecardsAsync(cache, Now);
        Assert.Equal(await CountedAsync(Now), after);
        Assert.NotEqual(counted[0], after[0]);
        Assert.Equal(before[2], after[2]);

        // Three days later, nothing new: the running month's backlog is the same tickets, older.
        var later = Now.AddDays(3);
        Assert.Equal(await CountedAsync(later), await ScorecardsAsync(cache, later));

        // A ticket resolved at an instant still ahead (a clock running ahead elsewhere): open now, no longer in two hours.
        var ahead = Guid.CreateVersion7();
        await ApplyAsync(
            new TicketOpened
            {
                TenantId = Tenant, ContractId = Contracts[0], TicketId = ahead, Number = 99002, Kind = "incident", Priority = "P2",
                OpenedAt = later.AddDays(-1), OccurredAt = later.AddDays(-1),
            },
            new TicketStatusChanged
            {
                TenantId = Tenant, ContractId = Contracts[0], TicketId = ahead, From = "new", To = "resolved", Priority = "P2", OccurredAt = later.AddHours(1),
            });
        var withAhead = await ScorecardsAsync(cache, later);
        Assert.Equal(await CountedAsync(later), withAhead);
        var past = await ScorecardsAsync(cache, later.AddHours(2));
        Assert.Equal(await CountedAsync(later.AddHours(2)), past);
    }

    [Fact]
    public async Task Terms_versions_parsed_once_are_known_again_by_their_keys()
    {
        var cancellation = TestContext.Current.CancellationToken;
        var (host, connectionString) = await StartAsync("terms_cache", cancellation);
        using var _host = host;
        var database = host.Services.GetRequiredService<Database>();
        using var cache = new TermsCache();
        await using var owner = new NpgsqlConnection(connectionString);
        async Task WriteAsync(int version, DateOnly from, ContractTerms terms) => await owner.ExecuteAsync(
            """
            SELECT set_config('app.tenant_ids', @scope, false);
            DELETE FROM contract_terms WHERE contract_id = @contract AND version_number = @version;
            INSERT INTO contract_terms (tenant_id, contract_id, version_number, effective_from, terms, activated_at)
            VALUES (@Tenant, @contract, @version, @from, @terms::jsonb, now());
            """,
            new { Tenant, scope = Tenant.ToString(), contract = Contracts[0], version, from, terms = JsonSerializer.Serialize(terms, EventTypeRegistry.SerializerOptions) });
        async Task<(string Cached, string Read)> VersionsAsync()
        {
            await using var unitOfWork = await database.BeginAsync(Tenant, cancellation);
            var cached = await ScorecardStore.VersionsAsync(unitOfWork, cache, Contracts);
            var read = await ScorecardStore.VersionsAsync(unitOfWork, Contracts[0]);
            Assert.False(cached.ContainsKey(Contracts[1]), "a contract with no version has none");
            return (JsonSerializer.Serialize(cached[Contracts[0]]), JsonSerializer.Serialize(read));
        }

        await WriteAsync(1, new DateOnly(2026, 1, 1), Terms());
        var first = await VersionsAsync();
        Assert.Equal(first.Read, first.Cached);
        Assert.Equal(first, await VersionsAsync());

        // A second version, then the first written again from another day (a replica rebuilt): both are read.
        await WriteAsync(2, new DateOnly(2026, 6, 1), Terms() with { Sla = Terms().Sla with { Targets = [.. Terms().Sla.Targets.Take(2)] } });
        await WriteAsync(1, new DateOnly(2025, 12, 1), Terms());
        var later = await VersionsAsync();
        Assert.Equal(later.Read, later.Cached);
        Assert.NotEqual(first.Cached, later.Cached);
    }

    private async Task<(IHost Host, string ConnectionString)> StartAsync(string name, CancellationToken cancellation)
    {
        var (host, connectionString) = await ReportingHost.StartAsync(infrastructure, name, cancellation);
        await SeedAsync(connectionString, new Random(20261206), cancellation);
        return (host, connectionString);
    }

    private static ContractMonth ContractMonth(int year, int month) => new(Month(year, month), new TermsVersion(1, new DateOnly(2026, 1, 1), Terms()));

    private static string Json(Scorecard scorecard) => JsonSerializer.Serialize(scorecard);

    /// <summary>Tickets from January to now, some reopened, their clocks and breaches, with instants on the months' edges too.</summary>
    private static async Task SeedAsync(string connectionString, Random random, CancellationToken cancellation)
    {
        var first = At("2026-01-01T00:00:00Z");
        var edges = new[] { Month(2026, 3).Start, Month(2026, 3).End, Month(2026, 10).Start, Month(2026, 10).End, Month(2026, 11).Start };
        DateTimeOffset Instant(DateTimeOffset from, DateTimeOffset to) =>
            (random.Next(10) == 0 && edges[random.Next(edges.Length)] is var edge && edge >= from && edge <= to ? edge
                : from.AddSeconds(random.NextInt64((long)(to - from).TotalSeconds + 1))).ToUniversalTime();

        await using var owner = new NpgsqlConnection(connectionString);
        await owner.OpenAsync(cancellation);
        await using var transaction = await owner.BeginTransactionAsync(cancellation);
        await owner.ExecuteAsync("SELECT set_config('app.tenant_ids', @tenant, true)", new { tenant = Tenant.ToString() }, transaction);
        for (var n = 0; n < 1_500; n++)
        {
            var contract = Contracts[n % 2];
            var ticket = Guid.CreateVersion7();
            var priority = Priorities[random.Next(random.Next(20) == 0 ? 5 : 4)];
            var kind = random.Next(3) == 0 ? "request" : "incident";
            var opened = Instant(first, Now);
            DateTimeOffset? resolved = random.Next(4) == 0 ? null : Instant(opened, Now);
            var reopened = resolved is { } r && random.Next(8) == 0 ? Instant(r, Now) : (DateTimeOffset?)null;
            DateTimeOffset? stillResolved = reopened is null ? resolved : random.Next(2) == 0 ? Instant(reopened.Value, Now) : null;
            var rated = stillResolved is { } done && random.Next(3) == 0 ? Instant(done, Now) : (DateTimeOffset?)null;
            await owner.ExecuteAsync(
                """
                INSERT INTO tickets (tenant_id, contract_id, ticket_id, number, kind, opened_at, priority, status, resolved_at, score, rated_at)
                VALUES (@Tenant, @contract, @ticket, @n, @kind, @opened, @priority, 'open', @stillResolved, @score, @rated)
                """,
                new { Tenant, contract, ticket, n, kind, opened, priority, stillResolved, score = rated is null ? (short?)null : (short)random.Next(1, 6), rated },
                transaction);
            var spans = new List<(DateTimeOffset From, DateTimeOffset Until)> { (opened, resolved ?? DateTimeOffset.MaxValue) };
            if (reopened is { } again)
            {
                spans.Add((again, stillResolved ?? DateTimeOffset.MaxValue));
            }

            foreach (var (from, until) in spans)
            {
                await owner.ExecuteAsync(
                    """
                    INSERT INTO ticket_open_periods (tenant_id, contract_id, ticket_id, opened_from, open_until)
                    VALUES (@Tenant, @contract, @ticket, @from, CASE WHEN @open THEN 'infinity'::timestamptz ELSE @until END)
                    """,
                    new { Tenant, contract, ticket, from, until = until == DateTimeOffset.MaxValue ? from : until, open = until == DateTimeOffset.MaxValue },
                    transaction);
            }

            foreach (var clock in new[] { SlaClocks.Respond, SlaClocks.Resolve })
            {
                if (stillResolved is { } completed)
                {
                    var completedAt = clock == SlaClocks.Respond ? Instant(opened, completed) : completed;
                    await owner.ExecuteAsync(
                        """
                        INSERT INTO sla_completions (tenant_id, contract_id, ticket_id, number, kind, clock, priority, met, used_seconds, target_seconds,
                                                     started_at, due_at, completed_at, completion)
                        VALUES (@Tenant, @contract, @ticket, @n, @kind, @clock, @priority, @met, @used, 14400, @opened, @due, @completedAt, 1)
                        """,
                        new { Tenant, contract, ticket, n, kind, clock, priority, met = random.Next(10) > 0, used = random.NextInt64(20_000), opened,
                            due = opened.AddHours(4), completedAt },
                        transaction);
                }

                if (random.Next(10) == 0)
                {
                    await owner.ExecuteAsync(
                        """
                        INSERT INTO sla_breaches (tenant_id, contract_id, ticket_id, number, kind, clock, priority, due_at)
                        VALUES (@Tenant, @contract, @ticket, @n, @kind, @clock, @priority, @due)
                        """,
                        new { Tenant, contract, ticket, n, kind, clock, priority, due = Instant(opened, Now) }, transaction);
                }
            }
        }

        await transaction.CommitAsync(cancellation);
    }
}
