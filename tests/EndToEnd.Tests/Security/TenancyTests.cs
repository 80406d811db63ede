extern alias identity;

using System.Net;
using System.Net.Http.Json;
using Infogerance.Data;
using Infogerance.DemoData;
using Infogerance.ServiceDefaults;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Infogerance.EndToEnd.Tests.Security;

/// <summary>Who reaches which tenant: providers through open contracts, everyone else only their own organisation.</summary>
[Collection(SystemCollection.Name)]
public sealed class TenancyTests(InfogeranceSystem system)
{
    [Fact]
    public async Task A_provider_sees_exactly_the_tenants_its_open_contracts_name_and_loses_them_at_close()
    {
        var (provider, agentEmail) = await NewProviderWithAgentAsync();
        using var agent = system.CreateBrowserLikeClient(out _);
        Assert.Equal(HttpStatusCode.OK, (await agent.PostAsJsonAsync("/bff/login", new { email = agentEmail, password = Password })).StatusCode);
        Assert.Empty((await TenantsAsync(agent)));

        var acmeContract = Guid.CreateVersion7();
        var belvedereContract = Guid.CreateVersion7();
        await system.PublishContractPartiesAsync(DemoWorld.Acme, acmeContract, provider, isOpen: true, version: 1);
        await system.PublishContractPartiesAsync(DemoWorld.Belvedere, belvedereContract, provider, isOpen: true, version: 1);
        // Another provider's contract with Acme shows to nobody here.
        await system.PublishContractPartiesAsync(DemoWorld.Acme, Guid.CreateVersion7(), DemoWorld.Nordlys, isOpen: true, version: 1);
        await WaitForTenantsAsync(agent, ["Acme Industries", "Belvédère Santé"]);

        await system.PublishContractPartiesAsync(DemoWorld.Belvedere, belvedereContract, provider, isOpen: false, version: 2);
        await WaitForTenantsAsync(agent, ["Acme Industries"]);

        await system.PublishContractPartiesAsync(DemoWorld.Acme, acmeContract, provider, isOpen: false, version: 2);
        await WaitForTenantsAsync(agent, []);
    }

    [Fact]
    public async Task The_application_role_cannot_read_or_write_another_organisations_identity_rows_with_hand_written_sql()
    {
        var database = system.IdentityServices.GetRequiredService<Database>();
        await using (var acme = await database.BeginAsync(DemoWorld.Acme, CancellationToken.None))
        {
            Assert.True(await acme.ExecuteScalarAsync<long>("SELECT count(*) FROM users WHERE email LIKE '%@acme.example'") >= 4);
            foreach (var table in new[] { "users", "login_directory", "sessions", "invitations", "service_accounts", "audit_log" })
            {
                Assert.Equal(0, await acme.ExecuteScalarAsync<long>($"SELECT count(*) FROM {table} WHERE tenant_id <> @Acme", new { DemoWorld.Acme }));
            }

            Assert.Equal(0, await acme.ExecuteAsync("UPDATE users SET display_name = 'stolen' WHERE tenant_id = @Belvedere", new { DemoWorld.Belvedere }));
        }

        await using (var acme = await database.BeginAsync(DemoWorld.Acme, CancellationToken.None))
        {
            var planted = await Assert.ThrowsAsync<PostgresException>(() => acme.ExecuteAsync(
                """
                INSERT INTO users (tenant_id, id, email, display_name, roles, status, created_at, updated_at)
                VALUES (@Belvedere, @id, 'planted@belvedere-sante.example', 'Planted', '{TenantAdmin}', 'active', now(), now())
                """,
                new { DemoWorld.Belvedere, id = Guid.CreateVersion7() }));
            Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, planted.SqlState);
        }
    }

    private const string Password = "Provider-password-7";

    private static async Task<IReadOnlyList<string>> TenantsAsync(HttpClient client) =>
        [.. (await client.GetFromJsonAsync<UserInfo>("/bff/user"))!.Tenants.Select(t => t.Name)];

    private static Task WaitForTenantsAsync(HttpClient client, string[] expected) =>
        Eventually.UntilAsync(
            () => TenantsAsync(client), seen => seen.SequenceEqual(expected),
            seen => $"the session's tenants are {string.Join(", ", expected)}, not {string.Join(", ", seen)}");

    /// <summary>A provider organisation registered by the Operator, and its first user (its account manager), active.</summary>
    private async Task<(Guid Provider, string AgentEmail)> NewProviderWithAgentAsync()
    {
        using var operatorClient = system.CreateBrowserLikeClient(out _);
        Assert.Equal(HttpStatusCode.OK, (await operatorClient.PostAsJsonAsync("/bff/login",
            new { email = "operator@infogerance.example", password = DemoWorld.Password })).StatusCode);
        var created = await operatorClient.PostAsJsonAsync("/api/identity/organisations", new { name = $"Provider {Guid.NewGuid():N}", kind = "provider" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var provider = (await created.Content.ReadFromJsonAsync<IdOnly>())!.Id;

        var email = $"agent-{Guid.NewGuid():N}@provider.example";
        var invited = await operatorClient.PostAsJsonAsync($"/api/identity/organisations/{provider}/invitations",
            new { email, displayName = "Account manager", roles = new[] { Roles.AccountManager } });
        Assert.Equal(HttpStatusCode.Created, invited.StatusCode);
        var link = (await invited.Content.ReadFromJsonAsync<Invitation>())!.InvitationUrl;
        using var anonymous = system.CreateBrowserLikeClient(out _);
        Assert.Equal(HttpStatusCode.NoContent,
            (await anonymous.PostAsJsonAsync($"/api/identity/invitations/{link[(link.LastIndexOf('/') + 1)..]}/accept", new { password = Password })).StatusCode);
        return (provider, email);
    }

    private sealed record IdOnly(Guid Id);
    private sealed record Tenant(Guid Id, string Name);
    private sealed record UserInfo(Tenant[] Tenants);
    private sealed record Invitation(string InvitationUrl);
}
