using Dapper;
using Infogerance.IntegrationEvents;
using Infogerance.ServiceDefaults;
using Infogerance.TestSupport;
using Npgsql;

namespace Infogerance.BuildingBlocks.Tests;

/// <summary>
/// Two-sided tenancy at the database: a provider's users reach, across client tenants, exactly the rows of the
/// open contracts naming their organisation, as told by the contracts' events — and lose them when a contract closes.
/// </summary>
public sealed class ContractAccessTests(TestInfrastructure infrastructure)
{
    private readonly Guid _acme = Guid.CreateVersion7();
    private readonly Guid _belvedere = Guid.CreateVersion7();
    private readonly Guid _provider = Guid.CreateVersion7();
    private readonly Guid _otherProvider = Guid.CreateVersion7();
    private readonly Guid _acmeContract = Guid.CreateVersion7();
    private readonly Guid _belvedereContract = Guid.CreateVersion7();
    private readonly Guid _acmeOtherContract = Guid.CreateVersion7();

    [Fact]
    public async Task A_provider_sees_exactly_its_open_contracts_rows_across_tenants()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var service = await TestService.StartAsync(infrastructure, $"access_{Guid.NewGuid():N}"[..20]);
        await using var contracts = await TestService.StartAsync(infrastructure, $"contracts_{Guid.NewGuid():N}"[..20]);
        await SeedAsync(service, _acme, (_acmeContract, "acme-1"), (_acmeContract, "acme-2"), (_acmeOtherContract, "acme-other"));
        await SeedAsync(service, _belvedere, (_belvedereContract, "belvedere-1"));

        var agent = new CurrentUser(Guid.CreateVersion7(), "Agent", _provider, OrganisationKind.Provider, [Roles.AgentL1], false, null);
        Assert.Empty(await VisibleAsync(service, agent)); // no contract yet: nothing

        await PublishAsync(contracts, _acme, _acmeContract, _provider, isOpen: true, version: 1);
        await PublishAsync(contracts, _belvedere, _belvedereContract, _provider, isOpen: true, version: 1);
        await PublishAsync(contracts, _acme, _acmeOtherContract, _otherProvider, isOpen: true, version: 1);
        await WaitForAsync(() => VisibleAsync(service, agent), ["acme-1", "acme-2", "belvedere-1"]);

        // A contract opens its own rows, not the client's whole-tenant data.
        await using (var scope = await service.Database.BeginAsync(agent, ct))
        {
            Assert.Empty(await scope.QueryAsync<string>("SELECT name FROM items"));
            Assert.Equal([_provider], scope.TenantIds);
            Assert.Equal(2, scope.Contracts.Count);
        }

        // A read carries the same scope with each command, and learns the contracts from its first.
        await using (var read = await service.Database.ReadAsync(agent, ct))
        {
            Assert.Equal([_provider], read.TenantIds);
            Assert.Throws<InvalidOperationException>(() => read.Contracts);
            Assert.Equal(["acme-1", "acme-2", "belvedere-1"], await read.QueryAsync<string>("SELECT name FROM contract_items ORDER BY name"));
            Assert.Empty(await read.QueryAsync<string>("SELECT name FROM items"));
            Assert.Equal(2, read.Contracts.Count);
            Assert.Equal(
                [(_acme, _acmeContract), (_belvedere, _belvedereContract)],
                (await read.QueryAsync<(Guid, Guid)>("SELECT tenant_id, contract_id FROM app_contract_pairs()")).OrderBy(pair => pair.Item1 == _belvedere));
        }

        // The contract scope is probed in a hash built once per query, not compared pair by pair on every row.
        await using (var scope = await service.Database.BeginAsync(agent, ct))
        {
            Assert.Contains("hashed SubPlan", string.Join('\n', await scope.QueryAsync<string>("EXPLAIN SELECT name FROM contract_items")));
        }

        // Narrowed to one client with the tenant switcher.
        Assert.Equal(["belvedere-1"], await VisibleAsync(service, agent with { SelectedTenantId = _belvedere }));

        // Hand-written SQL cannot step outside: another provider's contract, even in a tenant it serves.
        await using (var scope = await service.Database.BeginAsync(agent, ct))
        {
            Assert.Empty(await scope.QueryAsync<string>("SELECT name FROM contract_items WHERE contract_id = @_acmeOtherContract", new { _acmeOtherContract }));
            Assert.Equal(0, await scope.ExecuteAsync("UPDATE contract_items SET name = 'stolen' WHERE contract_id = @_acmeOtherContract", new { _acmeOtherContract }));
            var planted = await Assert.ThrowsAsync<PostgresException>(() => scope.ExecuteAsync(
                "INSERT INTO contract_items (tenant_id, contract_id, id, name) VALUES (@_acme, @_acmeOtherContract, @id, 'planted')",
                new { _acme, _acmeOtherContract, id = Guid.CreateVersion7() }));
            Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, planted.SqlState);
        }

        await using (var scope = await service.Database.BeginAsync(agent, ct))
        {
            // Its own contract, filed under another tenant it serves: the pair does not match, refused.
            var mismatched = await Assert.ThrowsAsync<PostgresException>(() => scope.ExecuteAsync(
                "INSERT INTO contract_items (tenant_id, contract_id, id, name) VALUES (@_belvedere, @_acmeContract, @id, 'misfiled')",
                new { _belvedere, _acmeContract, id = Guid.CreateVersion7() }));
            Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, mismatched.SqlState);
        }

        // The client's own users see all their contracts, and never the other client's.
        var client = new CurrentUser(Guid.CreateVersion7(), "Admin", _acme, OrganisationKind.Client, [Roles.TenantAdmin], false, null);
        Assert.Equal(["acme-1", "acme-2", "acme-other"], await VisibleAsync(service, client));
        Assert.Empty(await VisibleAsync(service, client with { SelectedTenantId = _belvedere }));

        // Closing the Belvédère contract takes it away; a late, older event does not bring it back. A read begun before
        // keeps the scope its first command found, as a transaction would: one request sees one scope.
        await using var begunBefore = await service.Database.ReadAsync(agent, ct);
        Assert.Equal(3, await begunBefore.ExecuteScalarAsync<long>("SELECT count(*) FROM contract_items"));
        await PublishAsync(contracts, _belvedere, _belvedereContract, _provider, isOpen: false, version: 2);
        await WaitForAsync(() => VisibleAsync(service, agent), ["acme-1", "acme-2"]);
        Assert.Equal(["acme-1", "acme-2", "belvedere-1"], await begunBefore.QueryAsync<string>("SELECT name FROM contract_items ORDER BY name"));
        Assert.Equal(2, begunBefore.Contracts.Count);
        await PublishAsync(contracts, _belvedere, _belvedereContract, _provider, isOpen: true, version: 1);
        await Task.Delay(1000, ct);
        Assert.Equal(["acme-1", "acme-2"], await VisibleAsync(service, agent));
    }

    private static async Task<IReadOnlyList<string>> VisibleAsync(TestService service, CurrentUser user)
    {
        await using var scope = await service.Database.BeginAsync(user, CancellationToken.None);
        return [.. await scope.QueryAsync<string>("SELECT name FROM contract_items ORDER BY name")];
    }

    private static async Task WaitForAsync(Func<Task<IReadOnlyList<string>>> read, string[] expected)
    {
        IReadOnlyList<string> seen = [];
        for (var attempt = 0; attempt < 100; attempt++)
        {
            seen = await read();
            if (seen.SequenceEqual(expected))
            {
                return;
            }

            await Task.Delay(100);
        }

        Assert.Equal(expected, seen);
    }

    private static async Task PublishAsync(TestService contracts, Guid tenant, Guid contract, Guid provider, bool isOpen, long version)
    {
        await using var unitOfWork = await contracts.Database.BeginAsync(tenant, CancellationToken.None);
        await unitOfWork.AddEventAsync(new ContractPartiesChanged
        {
            TenantId = tenant, ContractId = contract, ProviderOrganisationId = provider, IsOpen = isOpen, Version = version,
        });
        await unitOfWork.CommitAsync();
    }

    private static async Task SeedAsync(TestService service, Guid tenant, params (Guid Contract, string Name)[] rows)
    {
        await using var owner = new NpgsqlConnection(service.Settings.OwnerConnectionString);
        await owner.OpenAsync();
        await using var transaction = await owner.BeginTransactionAsync();
        await owner.ExecuteAsync("SELECT set_config('app.tenant_ids', @tenant, true)", new { tenant = tenant.ToString() }, transaction);
        // Whole-tenant data too, which no provider may see.
        await owner.ExecuteAsync("INSERT INTO items (tenant_id, id, name) VALUES (@tenant, @id, 'tenant-wide')",
            new { tenant, id = Guid.CreateVersion7() }, transaction);
        foreach (var (contract, name) in rows)
        {
            await owner.ExecuteAsync("INSERT INTO contract_items (tenant_id, contract_id, id, name) VALUES (@tenant, @contract, @id, @name)",
                new { tenant, contract, id = Guid.CreateVersion7(), name }, transaction);
        }

        await transaction.CommitAsync();
    }
}
