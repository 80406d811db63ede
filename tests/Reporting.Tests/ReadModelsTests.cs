using Dapper;
using Infogerance.Data;
using Infogerance.IntegrationEvents;
using Infogerance.Reporting.Data;
using Infogerance.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using static Infogerance.Reporting.Tests.Months;

namespace Infogerance.Reporting.Tests;

/// <summary>
/// A ticket's rows in the read models depend only on the events received, not on their order: on a real PostgreSQL, the
/// opening applied first (the row written whole at once) or after the ticket's other events (the row derived again)
/// leaves the same rows.
/// </summary>
public sealed class ReadModelsTests(TestInfrastructure infrastructure) : IClassFixture<TestInfrastructure>
{
    private static readonly Guid Tenant = Guid.CreateVersion7();
    private static readonly Guid Contract = Guid.CreateVersion7();

    [Fact]
    public async Task A_tickets_rows_are_the_same_whatever_order_its_events_come_in()
    {
        var cancellation = TestContext.Current.CancellationToken;
        var (host, connectionString) = await ReportingHost.StartAsync(infrastructure, "read_models", cancellation);
        using var _host = host;
        var database = host.Services.GetRequiredService<Database>();

        // A ticket still open that was only rated (its opening alone makes its status and open period), and a whole life.
        await AssertSameRowsInAnyOrderAsync(database, connectionString, ticket => [.. Life(ticket).Where(e => e is TicketOpened or TicketRated)], 2);
        await AssertSameRowsInAnyOrderAsync(database, connectionString, Life, 12);
    }

    [Fact]
    public async Task A_tickets_events_consumed_at_the_same_time_leave_the_rows_of_one_at_a_time()
    {
        var cancellation = TestContext.Current.CancellationToken;
        var (host, connectionString) = await ReportingHost.StartAsync(infrastructure, "read_models_together", cancellation);
        using var _host = host;
        var database = host.Services.GetRequiredService<Database>();
        Task ConsumeAsync(IntegrationEvent @event) => RecordAsync(database, [@event]);

        var first = Guid.CreateVersion7();
        foreach (var @event in Life(first))
        {
            await ConsumeAsync(@event);
        }

        var oneAtATime = await RowsAsync(connectionString, first);
        for (var trial = 0; trial < 8; trial++)
        {
            var ticket = Guid.CreateVersion7();
            await Task.WhenAll(Life(ticket).Select(@event => Task.Run(() => ConsumeAsync(@event), cancellation)));
            Assert.Equal(oneAtATime, await RowsAsync(connectionString, ticket));
        }
    }

    [Fact]
    public async Task Batches_of_many_tickets_events_consumed_at_the_same_time_leave_the_rows_of_one_at_a_time()
    {
        var cancellation = TestContext.Current.CancellationToken;
        var (host, connectionString) = await ReportingHost.StartAsync(infrastructure, "read_models_batches", cancellation);
        using var _host = host;
        var database = host.Services.GetRequiredService<Database>();
        Task ConsumeAsync(IReadOnlyList<IntegrationEvent> batch) => RecordAsync(database, batch);

        var first = Guid.CreateVersion7();
        await ConsumeAsync(Life(first));
        var oneAtATime = await RowsAsync(connectionString, first);
        var versionBefore = await FactVersionAsync(connectionString);

        // Twelve tickets' events shuffled into batches of one to nine, each batch mixing tickets in its own order, all
        // applied at once: batches that share tickets take their locks in one order, so none waits on another in a circle.
        var random = new Random(20261207);
        var tickets = Enumerable.Range(0, 12).Select(_ => Guid.CreateVersion7()).ToList();
        var events = tickets.SelectMany(Life).OrderBy(_ => random.Next()).ToList();
        var batches = new List<List<IntegrationEvent>>();
        for (var taken = 0; taken < events.Count;)
        {
            var size = random.Next(1, 10);
            batches.Add(events.Skip(taken).Take(size).ToList());
            taken += size;
        }

        await Task.WhenAll(batches.Select(batch => Task.Run(() => ConsumeAsync(batch), cancellation)));
        foreach (var ticket in tickets)
        {
            Assert.Equal(oneAtATime, await RowsAsync(connectionString, ticket));
        }

        // Each batch kept all its events in the journal and moved its contract's version once.
        await using var owner = new NpgsqlConnection(connectionString);
        Assert.Equal(events.Count + Life(first).Count, await owner.ExecuteScalarAsync<int>("SELECT count(*) FROM event_journal"));
        Assert.Equal(versionBefore + batches.Count, await FactVersionAsync(connectionString));
    }

    /// <summary>As a consumer does a batch: one transaction, the events kept in the journal and applied.</summary>
    private static async Task RecordAsync(Database database, IReadOnlyList<IntegrationEvent> batch)
    {
        await using var unitOfWork = await database.BeginAsync(Tenant, TestContext.Current.CancellationToken);
        await new Journal(database, EventTypeRegistry.Default).RecordAsync(unitOfWork, batch);
        await unitOfWork.CommitAsync();
    }

    private static async Task<long> FactVersionAsync(string connectionString)
    {
        await using var owner = new NpgsqlConnection(connectionString);
        return await owner.ExecuteScalarAsync<long>("SELECT coalesce(sum(version), 0)::bigint FROM contract_fact_versions WHERE contract_id = @Contract", new { Contract });
    }

    private static async Task AssertSameRowsInAnyOrderAsync(Database database, string connectionString, Func<Guid, List<IntegrationEvent>> life, int trials)
    {
        var cancellation = TestContext.Current.CancellationToken;
        var random = new Random(20261207);
        string? inOrder = null;
        for (var trial = 0; trial < trials; trial++)
        {
            var ticket = Guid.CreateVersion7();
            var events = life(ticket);
            // The opening first, then last, then anywhere among the others.
            var order = trial switch
            {
                0 => events,
                1 => [.. events.Skip(1), events[0]],
                _ => [.. events.OrderBy(_ => random.Next())],
            };
            foreach (var @event in order)
            {
                // One transaction per event, as the consumers apply them.
                await using var unitOfWork = await database.BeginAsync(Tenant, cancellation);
                await ReadModels.ApplyAsync(unitOfWork, @event);
                await unitOfWork.CommitAsync();
            }

            var rows = await RowsAsync(connectionString, ticket);
            Assert.Contains("opened_from", rows);
            inOrder ??= rows;
            Assert.Equal(inOrder, rows);
        }
    }

    /// <summary>
    /// A ticket opened at P3, raised to P2, its response late, resolved, reopened, resolved again and rated. Every trial's
    /// ticket has the same events at the same instants, so their rows compare once the ticket's id is set aside.
    /// </summary>
    private static List<IntegrationEvent> Life(Guid ticket)
    {
        var opened = At("2026-03-02T09:00:00Z");
        TicketStatusChanged Status(string from, string to, double hours) => new()
        {
            TenantId = Tenant, ContractId = Contract, TicketId = ticket, From = from, To = to, Priority = "P2", OccurredAt = opened.AddHours(hours),
        };

        return
        [
            new TicketOpened
            {
                TenantId = Tenant, ContractId = Contract, TicketId = ticket, Number = 42, Kind = "incident", Priority = "P3", OpenedAt = opened,
                OccurredAt = opened,
            },
            new SlaBreached
            {
                TenantId = Tenant, ContractId = Contract, TicketId = ticket, Clock = "respond", Priority = "P2", DueAt = opened.AddHours(1),
                OccurredAt = opened.AddHours(1),
            },
            new SlaClockCompleted
            {
                TenantId = Tenant, ContractId = Contract, TicketId = ticket, Clock = "respond", Priority = "P2", Met = false, BusinessSecondsUsed = 5400,
                TargetBusinessSeconds = 3600, StartedAt = opened, DueAt = opened.AddHours(1), CompletedAt = opened.AddHours(1.5), Completion = 1,
                OccurredAt = opened.AddHours(1.5),
            },
            Status("new", "inProgress", 1.5),
            Status("inProgress", "resolved", 3),
            Status("resolved", "inProgress", 26),
            Status("inProgress", "resolved", 28),
            new TicketRated { TenantId = Tenant, ContractId = Contract, TicketId = ticket, Score = 4, OccurredAt = opened.AddHours(30) },
        ];
    }

    /// <summary>The ticket's rows in every read model that holds tickets, as text, its id left out.</summary>
    private static async Task<string> RowsAsync(string connectionString, Guid ticket)
    {
        await using var owner = new NpgsqlConnection(connectionString);
        await owner.ExecuteAsync("SELECT set_config('app.tenant_ids', @tenant, false)", new { tenant = Tenant.ToString() });
        var rows = await owner.QueryAsync<string>(
            """
            SELECT 'tickets ' || (to_jsonb(t) - 'ticket_id' - 'priority_event')::text FROM tickets t WHERE ticket_id = @ticket
            UNION ALL
            SELECT * FROM (SELECT 'period ' || (to_jsonb(p) - 'ticket_id')::text FROM ticket_open_periods p WHERE ticket_id = @ticket ORDER BY opened_from) AS periods
            UNION ALL
            SELECT 'completion ' || (to_jsonb(c) - 'ticket_id')::text FROM sla_completions c WHERE ticket_id = @ticket
            UNION ALL
            SELECT 'breach ' || (to_jsonb(b) - 'ticket_id')::text FROM sla_breaches b WHERE ticket_id = @ticket
            """,
            new { ticket });
        return string.Join('\n', rows);
    }
}
