using Dapper;
using Infogerance.TestSupport;
using Npgsql;

namespace Infogerance.BuildingBlocks.Tests;

public sealed class RowLevelSecurityTests(TestInfrastructure infrastructure)
{
    private static readonly Guid TenantA = Guid.CreateVersion7();
    private static readonly Guid TenantB = Guid.CreateVersion7();

    [Fact]
    public async Task Application_role_sees_and_writes_only_the_tenants_in_scope()
    {
        await using var db = await TestService.CreateAsync(infrastructure, "rls", messaging: false);
        var ct = TestContext.Current.CancellationToken;
        await SeedAsync(db, TenantA, "a1", "a2");
        await SeedAsync(db, TenantB, "b1");

        await using (var scopeA = await db.Database.BeginAsync(TenantA, ct))
        {
            var names = await scopeA.QueryAsync<string>("SELECT name FROM items ORDER BY name");
            Assert.Equal(["a1", "a2"], names);

            // Hand-written SQL that forgets nothing still cannot reach tenant B.
            Assert.Empty(await scopeA.QueryAsync<string>("SELECT name FROM items WHERE tenant_id = @TenantB", new { TenantB }));
            Assert.Equal(0, await scopeA.ExecuteAsync("UPDATE items SET name = 'stolen' WHERE tenant_id = @TenantB", new { TenantB }));
            Assert.Equal(0, await scopeA.ExecuteAsync("DELETE FROM items WHERE tenant_id = @TenantB", new { TenantB }));
        }

        await using (var scopeA = await db.Database.BeginAsync(TenantA, ct))
        {
            var refused = await Assert.ThrowsAsync<PostgresException>(() => scopeA.ExecuteAsync(
                "INSERT INTO items (tenant_id, id, name) VALUES (@TenantB, @Id, 'planted')", new { TenantB, Id = Guid.CreateVersion7() }));
            Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, refused.SqlState);
        }

        await using (var scopeA = await db.Database.BeginAsync(TenantA, ct))
        {
            // Moving one's own row into another tenant is refused too (WITH CHECK).
            var moved = await Assert.ThrowsAsync<PostgresException>(() => scopeA.ExecuteAsync(
                "UPDATE items SET tenant_id = @TenantB WHERE name = 'a1'", new { TenantB }));
            Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, moved.SqlState);
        }

        await using (var both = await db.Database.BeginAsync([TenantA, TenantB], ct))
        {
            Assert.Equal(3, await both.ExecuteScalarAsync<long>("SELECT count(*) FROM items"));
        }

        await using (var none = await db.Database.BeginAsync([], ct))
        {
            Assert.Equal(0, await none.ExecuteScalarAsync<long>("SELECT count(*) FROM items"));
        }

        // Nothing was planted, moved or stolen.
        await using var owner = new NpgsqlConnection(db.Settings.OwnerConnectionString);
        var all = await owner.QueryAsync<(Guid, string)>("SELECT tenant_id, name FROM items ORDER BY name");
        Assert.Equal([(TenantA, "a1"), (TenantA, "a2"), (TenantB, "b1")], all);
    }

    [Fact]
    public async Task Without_a_transaction_scope_the_application_role_sees_nothing()
    {
        await using var db = await TestService.CreateAsync(infrastructure, "rls", messaging: false);
        await SeedAsync(db, TenantA, "a1");

        // A bare pooled connection, as a careless query would use: the tenant setting is unset, so no row shows.
        await using var connection = await db.Database.DataSource.OpenConnectionAsync(TestContext.Current.CancellationToken);
        Assert.Equal(0, await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM items"));
    }

    [Fact]
    public async Task Application_role_is_neither_superuser_nor_owner_and_cannot_lift_the_policy()
    {
        await using var db = await TestService.CreateAsync(infrastructure, "rls", messaging: false);
        await using var connection = await db.Database.DataSource.OpenConnectionAsync(TestContext.Current.CancellationToken);

        var role = await connection.QuerySingleAsync<(string Name, bool Super, bool BypassRls)>(
            "SELECT rolname, rolsuper, rolbypassrls FROM pg_roles WHERE rolname = current_user");
        Assert.Equal(db.Settings.AppRole, role.Name);
        Assert.False(role.Super);
        Assert.False(role.BypassRls);

        var ownsItems = await connection.ExecuteScalarAsync<bool>(
            "SELECT pg_get_userbyid(relowner) = current_user FROM pg_class WHERE relname = 'items'");
        Assert.False(ownsItems);

        var refused = await Assert.ThrowsAsync<PostgresException>(() => connection.ExecuteAsync("ALTER TABLE items DISABLE ROW LEVEL SECURITY"));
        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, refused.SqlState);

        var forced = await connection.ExecuteScalarAsync<bool>("SELECT relforcerowsecurity AND relrowsecurity FROM pg_class WHERE relname = 'items'");
        Assert.True(forced);
    }

    private static async Task SeedAsync(TestService db, Guid tenant, params string[] names)
    {
        await using var unitOfWork = await db.Database.BeginAsync(tenant, CancellationToken.None);
        foreach (var name in names)
        {
            await unitOfWork.ExecuteAsync("INSERT INTO items (tenant_id, id, name) VALUES (@tenant, @id, @name)", new { tenant, id = Guid.CreateVersion7(), name });
        }

        await unitOfWork.CommitAsync();
    }
}
