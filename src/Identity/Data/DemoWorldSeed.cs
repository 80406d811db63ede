using Infogerance.Data;
using Infogerance.DemoData;
using Infogerance.ServiceDefaults;
using Infogerance.Validation;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Infogerance.Identity.Data;

/// <summary>Loads the demo organisations and users once, when <see cref="IdentitySettings.SeedDemoData"/> is set.</summary>
public sealed class DemoWorldSeed(Database database, IOptions<IdentitySettings> settings, ILogger<DemoWorldSeed> logger) : IStartupTask
{
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        if (!settings.Value.SeedDemoData)
        {
            return;
        }

        // One transaction over every demo organisation: the world is loaded whole or not at all.
        await using var unitOfWork = await database.BeginAsync(DemoWorld.Logins.Select(login => login.OrganisationId), cancellationToken);
        // Serialises replicas starting together; the organisations' presence says the world is loaded.
        await unitOfWork.ExecuteAsync("SELECT pg_advisory_xact_lock(hashtext('identity.demo-world'))");
        var seeded = await unitOfWork.ExecuteAsync(
                """
                INSERT INTO organisations (id, name, kind, created_at, updated_at)
                SELECT id, name, kind, now(), now() FROM unnest(@ids, @names, @kinds) AS o(id, name, kind)
                ON CONFLICT DO NOTHING
                """,
                new
                {
                    ids = DemoWorld.Organisations.Select(o => o.Id).ToArray(),
                    names = DemoWorld.Organisations.Select(o => o.Name).ToArray(),
                    kinds = DemoWorld.Organisations.Select(o => o.Kind.ToString().ToLowerInvariant()).ToArray(),
                });
        if (seeded == 0)
        {
            return;
        }

        var hash = new PasswordHasher<UserAccount>().HashPassword(null!, DemoWorld.Password);
        foreach (var login in DemoWorld.Logins)
        {
            await unitOfWork.ExecuteAsync(
                "INSERT INTO login_directory (email, tenant_id, user_id) VALUES (@Email, @OrganisationId, @UserId)", login);
            var user = await Accounts.CreateUserAsync(unitOfWork, new NewUser(
                login.OrganisationId, login.UserId, login.Email, login.DisplayName, [login.Role], UserAccount.Active, Languages.French, hash));
            await AuditLog.WriteAsync(unitOfWork, login.OrganisationId, AuditLog.Actor.System, "user.created", "user", user.Id, null, user.AuditView);
        }

        await unitOfWork.CommitAsync();

        logger.LogInformation("Demo world loaded: {Organisations} organisations, {Users} users", DemoWorld.Organisations.Count, DemoWorld.Logins.Count);
    }
}
