using System.Diagnostics;
using Dapper;
using Infogerance.Data;
using Infogerance.TestSupport;
using Npgsql;

namespace Infogerance.BuildingBlocks.Tests;

/// <summary>
/// A unit of work writes the events it was given with its next command, in that command's round trip, or just before
/// its commit: every command answers as it would without them, and the events are kept exactly when the change is.
/// </summary>
public sealed class OutboxRowsTests(TestInfrastructure infrastructure)
{
    private static readonly Guid Tenant = Guid.CreateVersion7();

    [Fact]
    public async Task Events_ride_with_the_next_command_which_answers_as_it_would_without_them()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var db = await TestService.CreateAsync(infrastructure, "outbox-rows", messaging: false);
        var events = Enumerable.Range(0, 7).Select(Event).ToList();
        // The trace an event was raised in is the one it was added in, whenever its row is written.
        using var source = new ActivitySource("outbox-rows-tests");
        using var listener = new ActivityListener
        {
            ShouldListenTo = candidate => candidate == source,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
        };
        ActivitySource.AddActivityListener(listener);
        var activity = source.StartActivity("opening");
        Assert.NotNull(activity);

        await using (var unitOfWork = await db.Database.BeginAsync(Tenant, ct))
        {
            // Before the scope is even sent: the count is the statement's own.
            await unitOfWork.AddEventAsync(events[0]);
            Assert.Equal(1, await unitOfWork.ExecuteAsync("INSERT INTO items (tenant_id, id, name) VALUES (@Tenant, @id, 'x')", new { Tenant, id = Guid.CreateVersion7() }));

            await unitOfWork.AddEventAsync(events[1]);
            await unitOfWork.AddEventAsync(events[2]);
            Assert.Equal(3, await unitOfWork.ExecuteScalarAsync<long>("SELECT count(*) FROM outbox_messages"));

            await unitOfWork.AddEventAsync(events[3]);
            Assert.Equal(["x"], await unitOfWork.QueryAsync<string>("SELECT name FROM items"));

            await unitOfWork.AddEventAsync(events[4]);
            Assert.Equal(events[4].EventId, await unitOfWork.QuerySingleOrDefaultAsync<Guid>("SELECT event_id FROM outbox_messages ORDER BY sequence DESC LIMIT 1"));

            await unitOfWork.AddEventAsync(events[5]);
            using (var results = await unitOfWork.QueryMultipleAsync("SELECT count(*) FROM items; SELECT count(*) FROM outbox_messages"))
            {
                Assert.Equal(1, await results.ReadSingleAsync<long>());
                Assert.Equal(6, await results.ReadSingleAsync<long>());
            }

            await unitOfWork.AddEventAsync(events[6]);
            activity.Stop();
            Assert.Equal(0, await unitOfWork.ExecuteAsync("UPDATE items SET name = 'y' WHERE name = 'none'"));
            await unitOfWork.CommitAsync();
        }

        await using var owner = new NpgsqlConnection(db.Settings.OwnerConnectionString);
        var rows = (await owner.QueryAsync<(Guid EventId, Guid TenantId, string Type, int Index, string? Parent)>(
            "SELECT event_id, tenant_id, event_type, (payload->>'index')::int, trace_parent FROM outbox_messages ORDER BY sequence")).ToList();
        Assert.Equal(events.Select(e => e.EventId), rows.Select(r => r.EventId));
        Assert.All(rows, row => Assert.Equal((Tenant, "tests.item-added.v1", activity.Id), (row.TenantId, row.Type, row.Parent)));
        Assert.Equal(Enumerable.Range(0, 7), rows.Select(r => r.Index));
    }

    [Fact]
    public async Task Events_with_no_command_after_them_are_written_at_the_commit_and_never_without_it()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var db = await TestService.CreateAsync(infrastructure, "outbox-rows", messaging: false);
        var kept = Event(1);
        await using (var unitOfWork = await db.Database.BeginAsync(Tenant, ct))
        {
            await unitOfWork.AddEventAsync(kept);
            await unitOfWork.CommitAsync();
        }

        await using (var unitOfWork = await db.Database.BeginAsync(Tenant, ct))
        {
            await unitOfWork.ExecuteAsync("INSERT INTO items (tenant_id, id, name) VALUES (@Tenant, @id, 'rolled back')", new { Tenant, id = Guid.CreateVersion7() });
            await unitOfWork.AddEventAsync(Event(2));
            await unitOfWork.ExecuteAsync("SELECT 1");
            await unitOfWork.AddEventAsync(Event(3));
        }

        // A statement that fails with events ahead of it takes them down with the change.
        await using (var unitOfWork = await db.Database.BeginAsync(Tenant, ct))
        {
            await unitOfWork.AddEventAsync(Event(4));
            await Assert.ThrowsAsync<PostgresException>(() => unitOfWork.ExecuteAsync("INSERT INTO items (tenant_id, id, name) VALUES (@Tenant, @id, NULL)", new { Tenant, id = Guid.CreateVersion7() }));
        }

        await using var owner = new NpgsqlConnection(db.Settings.OwnerConnectionString);
        Assert.Equal([(kept.EventId, Tenant)], await owner.QueryAsync<(Guid, Guid)>("SELECT event_id, tenant_id FROM outbox_messages"));
        Assert.Equal(0, await owner.ExecuteScalarAsync<long>("SELECT count(*) FROM items"));
    }

    [Fact]
    public async Task Events_added_in_a_savepoint_are_kept_or_undone_with_its_work()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var db = await TestService.CreateAsync(infrastructure, "outbox-rows", messaging: false);
        var (before, inside, after) = (Event(1), Event(2), Event(5));
        Task<int> Insert(UnitOfWork unitOfWork, string? name) =>
            unitOfWork.ExecuteAsync("INSERT INTO items (tenant_id, id, name) VALUES (@Tenant, @id, @name)", new { Tenant, id = Guid.CreateVersion7(), name });
        await using (var unitOfWork = await db.Database.BeginAsync(Tenant, ct))
        {
            await unitOfWork.AddEventAsync(before);
            Assert.Equal(1, await unitOfWork.SavepointAsync(async () =>
            {
                await unitOfWork.AddEventAsync(inside);
                return await Insert(unitOfWork, "kept");
            }));

            // Undone by a statement that fails, and by the code's own exception with its event not written yet.
            await Assert.ThrowsAsync<PostgresException>(() => unitOfWork.SavepointAsync(async () =>
            {
                await unitOfWork.AddEventAsync(Event(3));
                await Insert(unitOfWork, "undone");
                await unitOfWork.AddEventAsync(Event(4));
                return await Insert(unitOfWork, null);
            }));
            // An event whose row cannot be written (its id taken) leaves with its work instead of failing the rollback.
            await Assert.ThrowsAsync<InvalidOperationException>(() => unitOfWork.SavepointAsync<int>(async () =>
            {
                await unitOfWork.AddEventAsync(before);
                throw new InvalidOperationException("refused");
            }));

            // The same, the event being the work's last step: its row goes with the release, and the work is undone.
            await Assert.ThrowsAsync<PostgresException>(() => unitOfWork.SavepointAsync(async () =>
            {
                await Insert(unitOfWork, "undone at the release");
                await unitOfWork.AddEventAsync(before);
                return 0;
            }));

            // Nested: the outer work goes on after the inner one failed, then fails itself; all of it is undone.
            await Assert.ThrowsAsync<InvalidOperationException>(() => unitOfWork.SavepointAsync<int>(async () =>
            {
                await Insert(unitOfWork, "outer");
                await Assert.ThrowsAsync<PostgresException>(() => unitOfWork.SavepointAsync(() => Insert(unitOfWork, null)));
                await Insert(unitOfWork, "outer again");
                throw new InvalidOperationException("refused");
            }));

            await unitOfWork.AddEventAsync(after);
            await unitOfWork.CommitAsync();
        }

        await using var owner = new NpgsqlConnection(db.Settings.OwnerConnectionString);
        Assert.Equal([before.EventId, inside.EventId, after.EventId], await owner.QueryAsync<Guid>("SELECT event_id FROM outbox_messages ORDER BY sequence"));
        Assert.Equal(["kept"], await owner.QueryAsync<string>("SELECT name FROM items"));
    }

    private static ItemAdded Event(int index) => new() { TenantId = Tenant, ItemId = Guid.CreateVersion7(), Index = index };
}
