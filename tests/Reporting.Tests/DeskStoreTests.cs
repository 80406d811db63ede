using Dapper;
using Infogerance.Data;
using Infogerance.IntegrationEvents;
using Infogerance.Reporting.Data;
using Infogerance.ServiceDefaults;
using Infogerance.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using static Infogerance.Reporting.Tests.Months;

namespace Infogerance.Reporting.Tests;

/// <summary>
/// The provider's desk on a real PostgreSQL, its tickets' events applied as the consumers apply them: the tickets open now
/// are those the open periods say, counted by client and priority, each client's oldest first by opening then number,
/// and only on the open contracts naming the provider.
/// </summary>
public sealed class DeskStoreTests(TestInfrastructure infrastructure) : IClassFixture<TestInfrastructure>
{
    private static readonly Guid Provider = Guid.CreateVersion7();
    private static readonly Guid OtherProvider = Guid.CreateVersion7();
    private static readonly Guid Acme = Guid.CreateVersion7();
    private static readonly Guid Belvedere = Guid.CreateVersion7();
    private static readonly DateTimeOffset Start = At("2026-11-02T08:00:00Z");
    private static readonly string[] Priorities = ["P1", "P2", "P3", "P4"];

    private sealed record Contract(Guid TenantId, Guid ContractId, string Reference, Guid ProviderId, bool IsOpen);

    [Fact]
    public async Task The_desk_counts_the_tickets_open_now_and_names_each_clients_oldest()
    {
        var cancellation = TestContext.Current.CancellationToken;
        var (host, connectionString) = await ReportingHost.StartAsync(infrastructure, "desk", cancellation);
        using var _host = host;
        var database = host.Services.GetRequiredService<Database>();
        Contract[] contracts =
        [
            new(Acme, Guid.CreateVersion7(), "ACME-1", Provider, true),
            new(Acme, Guid.CreateVersion7(), "ACME-2", Provider, true),
            new(Belvedere, Guid.CreateVersion7(), "BELV-1", Provider, true),
            new(Acme, Guid.CreateVersion7(), "ACME-OTHER", OtherProvider, true),
            new(Acme, Guid.CreateVersion7(), "ACME-CLOSED", Provider, false),
        ];
        await AddContractsAsync(connectionString, contracts, cancellation);

        // Random lives: opened, resolved, reopened, closed; a few tickets told only of a change, their opening not yet in.
        var random = new Random(20261207);
        var events = new List<IntegrationEvent>();
        var numbers = new Dictionary<Guid, long>();
        for (var n = 0; n < 400; n++)
        {
            var contract = contracts[random.Next(contracts.Length)];
            var number = numbers[contract.TenantId] = numbers.GetValueOrDefault(contract.TenantId) + 1;
            // Ten openings share each instant, so that the number decides between them.
            events.AddRange(Life(contract, Guid.CreateVersion7(), number, Start.AddMinutes(n / 10), random));
        }

        // Acme's oldest open ticket on the provider's contracts: opened before all others, on its second contract, with a lower
        // number than a ticket opened at the same instant on the first, which decides between them.
        var (first, second) = (Guid.CreateVersion7(), Guid.CreateVersion7());
        var earliest = Start.AddDays(-1);
        events.Add(Opened(contracts[1], first, 9_001, earliest, "P3"));
        events.Add(Opened(contracts[0], second, 9_002, earliest, "P1"));
        // Older still, but on the other provider's contract and on a closed one: not this desk's.
        events.Add(Opened(contracts[3], Guid.CreateVersion7(), 9_003, earliest.AddDays(-1), "P1"));
        events.Add(Opened(contracts[4], Guid.CreateVersion7(), 9_004, earliest.AddDays(-1), "P1"));

        await ApplyOneByOneAsync(database, events.OrderBy(_ => random.Next()), cancellation);

        var desk = await ReadDeskAsync(database, cancellation);

        var expected = await OpenByPeriodsAsync(connectionString, contracts.Where(c => c.ProviderId == Provider && c.IsOpen), cancellation);
        Assert.True(expected.Count > 50, "the desk has open tickets to count");
        Assert.True(expected.Select(t => t.Priority).Distinct().Count() == Priorities.Length, "the desk has tickets of every priority");
        Assert.True(expected.Count < 380, "some tickets are resolved or closed");
        Assert.Equal(
            expected.GroupBy(t => (t.ClientId, t.Priority)).Select(g => new DeskCount(g.Key.ClientId, g.Key.Priority, g.Count())).OrderBy(c => $"{c.ClientId} {c.Priority}"),
            desk.Counts.OrderBy(c => $"{c.ClientId} {c.Priority}"));
        Assert.Equal(
            expected.GroupBy(t => t.ClientId).Select(g => g.OrderBy(t => t.OpenedAt).ThenBy(t => t.Number).First()).OrderBy(t => t.ClientId.ToString()),
            desk.Oldest.OrderBy(t => t.ClientId.ToString()));
        Assert.Empty(desk.AtRisk);
        Assert.False(desk.MoreAtRisk);
        Assert.Equal((first, 9_001, "ACME-2", "P3"), desk.Oldest.Where(t => t.ClientId == Acme).Select(t => (t.TicketId, t.Number, t.Reference, t.Priority)).Single());

        // Resolved, it leaves the desk: the ticket opened at the same instant is Acme's oldest now.
        await using (var unitOfWork = await database.BeginAsync(Acme, cancellation))
        {
            await ReadModels.ApplyAsync(unitOfWork, Status(contracts[1], first, "new", "resolved", earliest.AddHours(1), "P3"));
            await unitOfWork.CommitAsync();
        }

        desk = await ReadDeskAsync(database, cancellation);

        Assert.Equal(second, desk.Oldest.Single(t => t.ClientId == Acme).TicketId);
        Assert.Equal(expected.Count - 1, desk.Counts.Sum(c => c.Count));
    }

    [Fact]
    public async Task The_counts_kept_hold_under_concurrent_batches_changes_of_priority_and_a_replay()
    {
        var cancellation = TestContext.Current.CancellationToken;
        var (host, connectionString) = await ReportingHost.StartAsync(infrastructure, "desk_counts", cancellation);
        using var _host = host;
        var database = host.Services.GetRequiredService<Database>();
        var journal = new Journal(database, EventTypeRegistry.Default);
        Contract[] contracts =
        [
            new(Acme, Guid.CreateVersion7(), "ACME-1", Provider, true),
            new(Acme, Guid.CreateVersion7(), "ACME-2", Provider, true),
            new(Belvedere, Guid.CreateVersion7(), "BELV-1", Provider, true),
        ];
        await AddContractsAsync(connectionString, contracts, cancellation);

        // Lives whose status changes also tell a new priority now and then, recorded as the consumers record them: in
        // batches of a few events, eight transactions at a time, the events of one ticket spread over several batches.
        var random = new Random(20261208);
        var events = new List<IntegrationEvent>();
        for (var n = 0; n < 600; n++)
        {
            var contract = contracts[random.Next(contracts.Length)];
            events.AddRange(Life(contract, Guid.CreateVersion7(), n + 1, Start.AddMinutes(n), random)
                .Select(@event => @event is TicketStatusChanged change && random.Next(3) == 0
                    ? change with { Priority = Priorities[random.Next(Priorities.Length)] }
                    : @event));
        }

        var batches = new Queue<IntegrationEvent[]>(events.OrderBy(_ => random.Next()).Chunk(7));
        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(async () =>
        {
            while (true)
            {
                IntegrationEvent[] batch;
                lock (batches)
                {
                    if (!batches.TryDequeue(out batch!))
                    {
                        return;
                    }
                }

                await using var unitOfWork = await database.BeginAsync(batch.Select(@event => @event.TenantId), cancellation);
                await journal.RecordAsync(unitOfWork, batch);
                await unitOfWork.CommitAsync();
            }
        }, cancellation)));

        var expected = (await OpenByPeriodsAsync(connectionString, contracts, cancellation))
            .GroupBy(t => (t.ClientId, t.Priority)).Select(g => new DeskCount(g.Key.ClientId, g.Key.Priority, g.Count()))
            .OrderBy(c => $"{c.ClientId} {c.Priority}").ToList();
        Assert.True(expected.Sum(c => c.Count) > 100, "the desk has open tickets to count");
        Assert.True(await FoldedAsync(connectionString, cancellation) > 0, "changes were folded into the counts as the events were applied");
        Assert.Equal(expected, (await ReadDeskAsync(database, cancellation)).Counts.OrderBy(c => $"{c.ClientId} {c.Priority}"));

        // The replay empties the tickets and feeds them again: their counts go down to nothing and back up.
        await journal.ReplayAsync(cancellation);

        Assert.Equal(expected, (await ReadDeskAsync(database, cancellation)).Counts.OrderBy(c => $"{c.ClientId} {c.Priority}"));

        // Row-level security alone keeps the counts to the contracts naming the reader: another provider's agent sees none.
        async Task<long> CountRowsAsync(Guid provider)
        {
            var agent = new CurrentUser(Guid.CreateVersion7(), "Agent", provider, OrganisationKind.Provider, [Roles.AgentL1], false, null);
            await using var read = await database.ReadAsync(agent, cancellation);
            return await read.ExecuteScalarAsync<long>("SELECT (SELECT count(*) FROM open_ticket_counts) + (SELECT count(*) FROM open_ticket_count_changes)");
        }

        Assert.True(await CountRowsAsync(Provider) > 0);
        Assert.Equal(0, await CountRowsAsync(OtherProvider));

        // Folded entirely, the counts alone say the same.
        await using var owner = new NpgsqlConnection(connectionString);
        await owner.OpenAsync(cancellation);
        await using (var fold = await owner.BeginTransactionAsync(cancellation))
        {
            await owner.ExecuteAsync("SELECT fold_open_ticket_counts()", transaction: fold);
            await fold.CommitAsync(cancellation);
        }

        Assert.Equal(0, await owner.ExecuteScalarAsync<int>("SELECT count(*)::integer FROM open_ticket_count_changes"));
        var counts = await owner.QueryAsync<DeskCount>(
            "SELECT tenant_id AS client_id, priority, sum(open)::integer AS count FROM open_ticket_counts GROUP BY tenant_id, priority HAVING sum(open) <> 0");
        Assert.Equal(expected, counts.OrderBy(c => $"{c.ClientId} {c.Priority}"));
    }

    /// <summary>How many tickets the counts kept hold, changes not yet folded left out.</summary>
    private static async Task<int> FoldedAsync(string connectionString, CancellationToken cancellation)
    {
        await using var owner = new NpgsqlConnection(connectionString);
        await owner.OpenAsync(cancellation);
        return await owner.ExecuteScalarAsync<int>("SELECT coalesce(sum(open), 0)::integer FROM open_ticket_counts");
    }

    [Fact]
    public async Task The_desk_lists_the_soonest_due_clocks_at_risk_and_says_there_are_more()
    {
        var cancellation = TestContext.Current.CancellationToken;
        var (host, connectionString) = await ReportingHost.StartAsync(infrastructure, "desk_at_risk", cancellation);
        using var _host = host;
        var database = host.Services.GetRequiredService<Database>();
        var contract = new Contract(Acme, Guid.CreateVersion7(), "ACME-1", Provider, true);
        await AddContractsAsync(connectionString, [contract], cancellation);

        // More warned clocks than the desk lists, due in a shuffled order.
        var random = new Random(20261207);
        var dues = Enumerable.Range(0, DeskStore.AtRiskShown + 5).Select(n => Start.AddMinutes(n)).OrderBy(_ => random.Next()).ToList();
        foreach (var (due, n) in dues.Select((due, n) => (due, n)))
        {
            var ticket = Guid.CreateVersion7();
            await using var unitOfWork = await database.BeginAsync(Acme, cancellation);
            await ReadModels.ApplyAsync(unitOfWork, Opened(contract, ticket, n + 1, Start.AddHours(-1), "P1"));
            await ReadModels.ApplyAsync(unitOfWork, new SlaWarningRaised
            {
                TenantId = Acme, ContractId = contract.ContractId, TicketId = ticket, Clock = "resolve", Priority = "P1", Percent = 75, DueAt = due,
                Number = n + 1, OccurredAt = Start,
            });
            await unitOfWork.CommitAsync();
        }

        var desk = await ReadDeskAsync(database, cancellation);

        Assert.Equal(dues.Order().Take(DeskStore.AtRiskShown), desk.AtRisk.Select(clock => clock.DueAt));
        Assert.True(desk.MoreAtRisk);
    }

    [Fact]
    public async Task The_clocks_at_risk_are_those_the_facts_say_whatever_order_the_events_came_in()
    {
        var cancellation = TestContext.Current.CancellationToken;
        var (host, connectionString) = await ReportingHost.StartAsync(infrastructure, "desk_risk_order", cancellation);
        using var _host = host;
        var database = host.Services.GetRequiredService<Database>();
        var contract = new Contract(Acme, Guid.CreateVersion7(), "ACME-1", Provider, true);
        await AddContractsAsync(connectionString, [contract], cancellation);

        // Random clock lives: warned or not, completed before or after the warning, breached, resolved, reopened and warned again.
        var random = new Random(20261208);
        var events = Enumerable.Range(1, 160).SelectMany(n => ClockLife(contract, Guid.CreateVersion7(), n, Start.AddMinutes(n), random)).ToList();
        await ApplyOneByOneAsync(database, events.OrderBy(_ => random.Next()), cancellation);

        var desk = await ReadDeskAsync(database, cancellation);

        var (atRisk, warned) = await AtRiskByFactsAsync(connectionString, cancellation);
        Assert.InRange(atRisk.Count, DeskStore.AtRiskShown + 1, warned - 40);
        Assert.Equal(atRisk.Take(DeskStore.AtRiskShown), desk.AtRisk.Select(clock => (clock.TicketId, clock.Clock)));
        Assert.True(desk.MoreAtRisk);

        // One more event of each kind that settles a clock still listed: each leaves the desk.
        // Resolving a ticket settles it once its opening is known (the status of a ticket of no opening is unknown).
        var told = events.OfType<TicketOpened>().Select(opened => opened.TicketId).ToHashSet();
        var resolved = desk.AtRisk.First(clock => told.Contains(clock.TicketId));
        var breached = desk.AtRisk.First(clock => clock.TicketId != resolved.TicketId);
        var completed = desk.AtRisk.First(clock => clock.TicketId != resolved.TicketId && clock.TicketId != breached.TicketId);
        IntegrationEvent[] settling =
        [
            Status(contract, resolved.TicketId, "inProgress", "resolved", Start.AddDays(2), resolved.Priority),
            new SlaBreached
            {
                TenantId = Acme, ContractId = contract.ContractId, TicketId = breached.TicketId, Clock = breached.Clock, Priority = breached.Priority,
                DueAt = breached.DueAt, OccurredAt = breached.DueAt,
            },
            Completion(contract, completed.TicketId, completed.Clock, completed.Priority, completed.DueAt, Start.AddDays(2), 9),
        ];
        await ApplyOneByOneAsync(database, settling, cancellation);

        var after = await ReadDeskAsync(database, cancellation);

        (atRisk, _) = await AtRiskByFactsAsync(connectionString, cancellation);
        Assert.Equal(atRisk.Take(DeskStore.AtRiskShown), after.AtRisk.Select(clock => (clock.TicketId, clock.Clock)));
        Assert.DoesNotContain(after.AtRisk, clock => clock.TicketId == resolved.TicketId && clock.Clock == resolved.Clock);
        Assert.DoesNotContain(after.AtRisk, clock => clock.TicketId == breached.TicketId && clock.Clock == breached.Clock);
        Assert.DoesNotContain(after.AtRisk, clock => clock.TicketId == completed.TicketId && clock.Clock == completed.Clock);
    }

    /// <summary>One transaction per event, as the consumers apply them.</summary>
    private static async Task ApplyOneByOneAsync(Database database, IEnumerable<IntegrationEvent> events, CancellationToken cancellation)
    {
        foreach (var @event in events)
        {
            await using var unitOfWork = await database.BeginAsync(@event.TenantId, cancellation);
            await ReadModels.ApplyAsync(unitOfWork, @event);
            await unitOfWork.CommitAsync();
        }
    }

    /// <summary>The desk as one of the provider's agents reads it.</summary>
    private static async Task<Desk> ReadDeskAsync(Database database, CancellationToken cancellation)
    {
        var agent = new CurrentUser(Guid.CreateVersion7(), "Agent", Provider, OrganisationKind.Provider, [Roles.AgentL1], false, null);
        await using var read = await database.ReadAsync(agent, cancellation);
        return await DeskStore.ReadAsync(read, Provider);
    }

    private static IEnumerable<IntegrationEvent> Life(Contract contract, Guid ticket, long number, DateTimeOffset opened, Random random)
    {
        var priority = Priorities[random.Next(Priorities.Length)];
        var told = random.Next(20) != 0;
        if (told)
        {
            yield return Opened(contract, ticket, number, opened, priority);
        }

        var status = "new";
        var at = opened;
        foreach (var next in (string[])(random.Next(4) switch
        {
            0 => [],
            1 => ["inProgress"],
            2 => ["inProgress", "resolved"],
            _ => ["inProgress", "resolved", "inProgress", random.Next(2) == 0 ? "resolved" : "closed"],
        }))
        {
            at = at.AddMinutes(random.Next(1, 600));
            yield return Status(contract, ticket, status, next, at, priority);
            status = next;
        }
    }

    /// <summary>
    /// A ticket's clocks as Incidents tells them: the response warned, then answered in time or late (and then breached);
    /// the resolution warned, resolved, perhaps reopened, warned again and resolved again (a higher completion).
    /// </summary>
    private static IEnumerable<IntegrationEvent> ClockLife(Contract contract, Guid ticket, long number, DateTimeOffset opened, Random random)
    {
        var priority = Priorities[random.Next(Priorities.Length)];
        if (random.Next(10) != 0)
        {
            yield return Opened(contract, ticket, number, opened, priority);
        }

        var respondDue = opened.AddMinutes(30);
        if (random.Next(3) != 0)
        {
            yield return Warning(contract, ticket, number, "respond", priority, respondDue, opened.AddMinutes(22));
        }

        if (random.Next(4) != 0)
        {
            var answered = opened.AddMinutes(random.Next(10, 50));
            yield return Completion(contract, ticket, "respond", priority, respondDue, answered, 1);
            if (answered > respondDue && random.Next(4) != 0)
            {
                yield return new SlaBreached
                {
                    TenantId = contract.TenantId, ContractId = contract.ContractId, TicketId = ticket, Clock = "respond", Priority = priority,
                    DueAt = respondDue, OccurredAt = respondDue,
                };
            }
        }

        var resolveDue = opened.AddHours(4);
        var at = opened.AddHours(1);
        yield return Status(contract, ticket, "new", "inProgress", at, priority);
        if (random.Next(3) != 0)
        {
            yield return Warning(contract, ticket, number, "resolve", priority, resolveDue, opened.AddHours(3));
        }

        if (random.Next(2) == 0)
        {
            yield break;
        }

        yield return Status(contract, ticket, "inProgress", "resolved", opened.AddHours(5), priority);
        yield return Completion(contract, ticket, "resolve", priority, resolveDue, opened.AddHours(5), 1);
        if (random.Next(2) == 0)
        {
            yield break;
        }

        yield return Status(contract, ticket, "resolved", "inProgress", opened.AddHours(6), priority);
        if (random.Next(2) == 0)
        {
            yield return Warning(contract, ticket, number, "resolve", priority, opened.AddHours(8), opened.AddHours(7));
        }

        if (random.Next(2) == 0)
        {
            yield return Status(contract, ticket, "inProgress", "resolved", opened.AddHours(9), priority);
            yield return Completion(contract, ticket, "resolve", priority, opened.AddHours(8), opened.AddHours(9), 2);
        }
    }

    private static SlaWarningRaised Warning(Contract contract, Guid ticket, long number, string clock, string priority, DateTimeOffset due, DateTimeOffset at) => new()
    {
        TenantId = contract.TenantId, ContractId = contract.ContractId, TicketId = ticket, Clock = clock, Priority = priority, Percent = 75, DueAt = due,
        Number = number, OccurredAt = at,
    };

    private static SlaClockCompleted Completion(
        Contract contract, Guid ticket, string clock, string priority, DateTimeOffset due, DateTimeOffset at, int completion) => new()
    {
        TenantId = contract.TenantId, ContractId = contract.ContractId, TicketId = ticket, Clock = clock, Priority = priority, Met = at <= due,
        BusinessSecondsUsed = 60, TargetBusinessSeconds = 60, StartedAt = due.AddHours(-1), DueAt = due, CompletedAt = at, Completion = completion,
        OccurredAt = at,
    };

    private static TicketOpened Opened(Contract contract, Guid ticket, long number, DateTimeOffset at, string priority) => new()
    {
        TenantId = contract.TenantId, ContractId = contract.ContractId, TicketId = ticket, Number = number, Kind = "incident", Priority = priority,
        OpenedAt = at, OccurredAt = at,
    };

    private static TicketStatusChanged Status(Contract contract, Guid ticket, string from, string to, DateTimeOffset at, string priority) => new()
    {
        TenantId = contract.TenantId, ContractId = contract.ContractId, TicketId = ticket, From = from, To = to, Priority = priority, OccurredAt = at,
    };

    /// <summary>The contracts as the replica and the access table hold them.</summary>
    private static async Task AddContractsAsync(string connectionString, IEnumerable<Contract> contracts, CancellationToken cancellation)
    {
        await using var owner = new NpgsqlConnection(connectionString);
        await owner.OpenAsync(cancellation);
        foreach (var contract in contracts)
        {
            await owner.ExecuteAsync(
                """
                SELECT set_config('app.tenant_ids', @TenantId::text, false);
                INSERT INTO contracts (tenant_id, contract_id, reference, provider_organisation_id) VALUES (@TenantId, @ContractId, @Reference, @ProviderId);
                INSERT INTO contract_parties (contract_id, tenant_id, provider_organisation_id, is_open, version, updated_at)
                VALUES (@ContractId, @TenantId, @ProviderId, @IsOpen, 1, now());
                """,
                contract);
        }
    }

    /// <summary>
    /// The warned clocks at risk by their definition, read from the facts as the owner (the latest warning of each clock,
    /// no breach of it, no completion since, the ticket not resolved or closed), in the desk's order; and how many were warned.
    /// </summary>
    private static async Task<(List<(Guid TicketId, string Clock)> AtRisk, int Warned)> AtRiskByFactsAsync(string connectionString, CancellationToken cancellation)
    {
        await using var owner = new NpgsqlConnection(connectionString);
        await owner.OpenAsync(cancellation);
        await owner.ExecuteAsync("SELECT set_config('app.tenant_ids', @tenants, false)", new { tenants = $"{Acme}" });
        var atRisk = await owner.QueryAsync<(Guid, string)>(
            """
            SELECT w.ticket_id, w.clock
            FROM sla_warnings w
            LEFT JOIN tickets t ON t.tenant_id = w.tenant_id AND t.ticket_id = w.ticket_id
            WHERE (t.status IS NULL OR t.status NOT IN ('resolved', 'closed'))
              AND NOT EXISTS (SELECT FROM sla_breaches b WHERE b.tenant_id = w.tenant_id AND b.ticket_id = w.ticket_id AND b.clock = w.clock)
              AND NOT EXISTS (
                  SELECT FROM sla_completions s
                  WHERE s.tenant_id = w.tenant_id AND s.ticket_id = w.ticket_id AND s.clock = w.clock AND s.completed_at >= w.raised_at)
            ORDER BY w.due_at, w.ticket_id, w.clock
            """);
        var warned = await owner.ExecuteScalarAsync<int>("SELECT count(*)::integer FROM sla_warnings");
        return ([.. atRisk], warned);
    }

    /// <summary>The tickets whose open period has no end, on the given contracts, as the owner reads them.</summary>
    private static async Task<List<DeskTicket>> OpenByPeriodsAsync(string connectionString, IEnumerable<Contract> contracts, CancellationToken cancellation)
    {
        await using var owner = new NpgsqlConnection(connectionString);
        await owner.OpenAsync(cancellation);
        await owner.ExecuteAsync("SELECT set_config('app.tenant_ids', @tenants, false)", new { tenants = $"{Acme},{Belvedere}" });
        var list = contracts.ToList();
        return [.. await owner.QueryAsync<DeskTicket>(
            """
            SELECT t.ticket_id, t.number, t.contract_id, c.reference, t.tenant_id AS client_id, t.priority, t.opened_at
            FROM ticket_open_periods p
            JOIN tickets t ON t.tenant_id = p.tenant_id AND t.ticket_id = p.ticket_id
            JOIN contracts c ON c.contract_id = t.contract_id
            WHERE p.open_until = 'infinity' AND t.opened_at IS NOT NULL AND p.contract_id = ANY(@ids)
            """,
            new { ids = list.Select(c => c.ContractId).ToArray() })];
    }
}
