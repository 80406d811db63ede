extern alias gateway;
extern alias identity;

using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Claims;
using System.Security.Cryptography;
using Dapper;
using Infogerance.DemoData;
using Infogerance.LocalServers;
using Infogerance.ServiceDefaults;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using OpaqueToken = identity::Infogerance.Identity.Domain.OpaqueToken;
using TokenSubject = identity::Infogerance.Identity.Tokens.TokenSubject;
using Credentials = gateway::Infogerance.Gateway.Bff.Credentials;
using IssuedToken = gateway::Infogerance.Gateway.Bff.IssuedToken;
using RevokedSubjects = gateway::Infogerance.Gateway.Bff.RevokedSubjects;

namespace Infogerance.EndToEnd.Tests.Security;

/// <summary>Everything that must stop a caller at the gateway or at a service, each on its own.</summary>
[Collection(SystemCollection.Name)]
public sealed class SignInTests(InfogeranceSystem system)
{
    private static readonly TimeSpan TokenTurnover = InfogeranceSystem.TokenLifetime + TimeSpan.FromSeconds(1);

    [Fact]
    public async Task Logging_in_sets_a_strict_http_only_cookie_that_logging_out_ends()
    {
        using var client = system.CreateBrowserLikeClient(out var cookies);
        var login = await client.PostAsJsonAsync("/bff/login", new { email = "admin@acme.example", password = DemoWorld.Password });
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        var setCookie = Assert.Single(login.Headers.GetValues("Set-Cookie"));
        Assert.Contains("httponly", setCookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", setCookie, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("secure", setCookie, StringComparison.OrdinalIgnoreCase); // plain http here; Secure over HTTPS
        var user = await login.Content.ReadFromJsonAsync<UserInfo>();
        Assert.Equal("Acme Industries", user!.Organisation.Name);
        Assert.Equal([Roles.TenantAdmin], user.Roles);
        Assert.DoesNotContain("ey", await login.Content.ReadAsStringAsync()); // no token in the SPA's hands

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/bff/user")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/identity/users")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await client.PostAsync("/bff/logout", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/bff/user")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/identity/users")).StatusCode);
    }

    [Fact]
    public async Task Wrong_passwords_pause_their_address_alone_and_the_pause_looks_like_any_failed_sign_in()
    {
        var email = await InviteAndActivateAsync(DemoWorld.Belvedere, Roles.Requester);
        using var attacker = system.CreateBrowserLikeClient(out _);
        string? wrongAnswer = null;
        for (var attempt = 0; attempt < 5; attempt++)
        {
            var wrong = await attacker.PostAsJsonAsync("/bff/login", new { email, password = "Wrong-password-1" });
            Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
            wrongAnswer = WithoutTrace(await wrong.Content.ReadAsStringAsync());
        }

        // From the paused address even the right password gets the very answer of a wrong one (or of an unknown account).
        var paused = await attacker.PostAsJsonAsync("/bff/login", new { email, password = Password });
        Assert.Equal(HttpStatusCode.Unauthorized, paused.StatusCode);
        Assert.Equal(wrongAnswer, WithoutTrace(await paused.Content.ReadAsStringAsync()));
        var stranger = await attacker.PostAsJsonAsync("/bff/login", new { email = $"nobody-{Guid.NewGuid():N}@example.org", password = Password });
        Assert.Equal(wrongAnswer, WithoutTrace(await stranger.Content.ReadAsStringAsync()));

        // The owner, elsewhere, signs in as usual.
        using var owner = CreateBrowserLikeClientFrom(IPAddress.Parse("127.0.0.2"));
        Assert.Equal(HttpStatusCode.OK, (await owner.PostAsJsonAsync("/bff/login", new { email, password = Password })).StatusCode);
    }

    [Fact]
    public async Task An_account_paused_everywhere_lets_in_the_device_that_opens_the_emailed_link()
    {
        var email = await InviteAndActivateAsync(DemoWorld.Belvedere, Roles.Requester);
        // Guessing from many addresses at once, four wrong passwords each (a fifth would pause the address): 52, past the
        // account's 50.
        await Task.WhenAll(Enumerable.Range(1, 13).Select(async n =>
        {
            using var guesser = CreateBrowserLikeClientFrom(IPAddress.Parse($"127.0.1.{n}"));
            for (var attempt = 0; attempt < 4; attempt++)
            {
                Assert.Equal(HttpStatusCode.Unauthorized, (await guesser.PostAsJsonAsync("/bff/login", new { email, password = "Wrong-password-1" })).StatusCode);
            }
        }));

        // A new device is refused, the right password notwithstanding; one link was made for the owner, good while the pause lasts.
        using var device = CreateBrowserLikeClientFrom(IPAddress.Parse("127.0.2.1"));
        Assert.Equal(HttpStatusCode.Unauthorized, (await device.PostAsJsonAsync("/bff/login", new { email, password = Password })).StatusCode);
        await using var owner = await system.OpenIdentityAsOwnerAsync();
        await owner.ExecuteAsync("SELECT set_config('app.tenant_ids', @tenant, false)", new { tenant = DemoWorld.Belvedere.ToString() });
        var (userId, pausedUntil, linkExpiresAt) = await owner.QuerySingleAsync<(Guid, DateTime, DateTime)>(
            "SELECT u.id, u.locked_until, l.expires_at FROM users u JOIN unlock_links l ON l.user_id = u.id WHERE u.email = @email", new { email });
        Assert.Equal(pausedUntil, linkExpiresAt);

        // The link itself is e-mailed (UnlockMailerTests), and this system sends Identity's mail nowhere: one of the test's
        // making stands in for it, kept as Identity keeps its own.
        var link = OpaqueToken.Create(OpaqueToken.Unlock, DemoWorld.Belvedere);
        await owner.ExecuteAsync(
            "INSERT INTO unlock_links (tenant_id, token_hash, user_id, expires_at) VALUES (@tenant, @hash, @userId, @linkExpiresAt)",
            new { tenant = DemoWorld.Belvedere, hash = link.Hash, userId, linkExpiresAt });
        Assert.Equal(HttpStatusCode.NoContent, (await device.PostAsJsonAsync("/bff/unlock", new { link = link.Value })).StatusCode);

        // Once: another new device is still refused, and the link is of no more use to it.
        using var other = CreateBrowserLikeClientFrom(IPAddress.Parse("127.0.2.2"));
        Assert.Equal(HttpStatusCode.Unauthorized, (await other.PostAsJsonAsync("/bff/login", new { email, password = Password })).StatusCode);
        var reused = await other.PostAsJsonAsync("/bff/unlock", new { link = link.Value });
        Assert.Equal(HttpStatusCode.NotFound, reused.StatusCode);
        Assert.Equal("application/problem+json", reused.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.NotFound, (await other.PostAsJsonAsync("/bff/unlock", new { link = "unl_nothing" })).StatusCode);

        // The device that opened it signs in; the owner's sign-in does not lift the pause for the guessing.
        Assert.Equal(HttpStatusCode.OK, (await device.PostAsJsonAsync("/bff/login", new { email, password = Password })).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await other.PostAsJsonAsync("/bff/login", new { email, password = Password })).StatusCode);

        // An administrator's unlock ends the pause, and with it every link made for it.
        var late = OpaqueToken.Create(OpaqueToken.Unlock, DemoWorld.Belvedere);
        await owner.ExecuteAsync(
            "INSERT INTO unlock_links (tenant_id, token_hash, user_id, expires_at) VALUES (@tenant, @hash, @userId, @linkExpiresAt)",
            new { tenant = DemoWorld.Belvedere, hash = late.Hash, userId, linkExpiresAt });
        var adminEmail = DemoWorld.Logins.First(login => login.OrganisationId == DemoWorld.Belvedere && login.Role == Roles.TenantAdmin).Email;
        using var admin = await LoggedInAsync(adminEmail, DemoWorld.Password);
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"/api/identity/users/{userId}/unlock", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.PostAsJsonAsync("/bff/unlock", new { link = late.Value })).StatusCode);
    }

    private static string WithoutTrace(string problem) =>
        System.Text.RegularExpressions.Regex.Replace(problem, "\"traceId\":\"[^\"]*\"", "");

    /// <summary>A browser-like client whose connections leave from <paramref name="local"/> (any 127.x address is this machine).</summary>
    private HttpClient CreateBrowserLikeClientFrom(IPAddress local)
    {
        var handler = LoopbackDevice.Handler(local, new IPEndPoint(IPAddress.Loopback, new Uri(system.GatewayUrl).Port));
        handler.CookieContainer = new CookieContainer();
        var client = new HttpClient(handler) { BaseAddress = new Uri(system.GatewayUrl) };
        client.DefaultRequestHeaders.Add("X-CSRF", "1");
        return client;
    }

    [Fact]
    public async Task An_expired_session_is_refused()
    {
        var email = await InviteAndActivateAsync(DemoWorld.Acme, Roles.Auditor);
        using var client = await LoggedInAsync(email);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/identity/me")).StatusCode);

        await using (var owner = await system.OpenIdentityAsOwnerAsync())
        {
            await using var transaction = await owner.BeginTransactionAsync();
            await owner.ExecuteAsync("SELECT set_config('app.tenant_ids', @tenant, true)", new { tenant = DemoWorld.Acme.ToString() }, transaction);
            await owner.ExecuteAsync(
                "UPDATE sessions SET last_seen_at = now() - interval '31 minutes' WHERE user_id = (SELECT id FROM users WHERE email = @email)",
                new { email }, transaction);
            await transaction.CommitAsync();
        }

        await Task.Delay(TokenTurnover);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/identity/me")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/bff/user")).StatusCode);
    }

    [Fact]
    public async Task Losing_access_stops_a_token_at_the_gateway_within_seconds_not_at_its_expiry()
    {
        var email = await InviteAndActivateAsync(DemoWorld.Acme, Roles.ContractManager);
        using var user = await LoggedInAsync(email);
        var me = (await user.GetFromJsonAsync<UserInfo>("/bff/user"))!;
        // A token that would live ten minutes, presented as an API client would present it.
        var token = (await system.IssueTokenAsync(
            new TokenSubject(me.Id, me.DisplayName, email, DemoWorld.Acme, OrganisationKind.Client, [Roles.ContractManager], null, IsServiceAccount: false),
            TimeSpan.FromMinutes(10))).Token;
        using var bearer = system.CreateBrowserLikeClient(out _);
        bearer.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        Assert.Equal(HttpStatusCode.OK, (await bearer.GetAsync("/api/contracts/")).StatusCode);

        using var admin = await LoggedInAsync("admin@acme.example", DemoWorld.Password);
        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync($"/api/identity/users/{me.Id}/roles", new { roles = new[] { Roles.Auditor } })).StatusCode);
        await RefusedWithinRevocationAsync(bearer, "/api/contracts/", "the token issued with the former roles is still accepted after 5 s");
    }

    [Fact]
    public async Task A_deactivated_users_session_is_refused_within_5_s_though_its_token_still_lives()
    {
        var email = await InviteAndActivateAsync(DemoWorld.Acme, Roles.ContractManager);
        using var admin = await LoggedInAsync("admin@acme.example", DemoWorld.Password);
        using var user = system.CreateBrowserLikeClient(out var cookies);
        Assert.Equal(HttpStatusCode.OK, (await user.PostAsJsonAsync("/bff/login", new { email, password = Password })).StatusCode);
        var me = (await user.GetFromJsonAsync<UserInfo>("/bff/user"))!;
        // The gateway renews a session's token 5 s before it expires, and tokens live 8 s here: the session's token is
        // given ten minutes, as a token that lives a minute in production would still have, so that only the revocation,
        // not a renewal, can end it within the 5 s.
        var session = cookies.GetCookies(new Uri(system.GatewayUrl))["ifg-session"]!.Value;
        var token = await system.IssueTokenAsync(
            new TokenSubject(me.Id, me.DisplayName, email, DemoWorld.Acme, OrganisationKind.Client, [Roles.ContractManager], null, IsServiceAccount: false),
            TimeSpan.FromMinutes(10));
        system.Services["gateway"].GetRequiredService<Credentials>().Remember(session, new IssuedToken(token.Token, token.ExpiresAt));
        Assert.Equal(HttpStatusCode.OK, (await user.GetAsync("/api/contracts/")).StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"/api/identity/users/{me.Id}/deactivate", null)).StatusCode);
        await RefusedWithinRevocationAsync(user, "/api/contracts/", "the deactivated user's session is still accepted after 5 s");

        using var again = system.CreateBrowserLikeClient(out _);
        Assert.Equal(HttpStatusCode.Unauthorized, (await again.PostAsJsonAsync("/bff/login", new { email, password = Password })).StatusCode);
    }

    [Fact]
    public async Task A_revoked_api_key_is_refused()
    {
        using var admin = await LoggedInAsync("manager@antares.example", DemoWorld.Password);
        var created = await admin.PostAsJsonAsync("/api/identity/service-accounts", new { name = "Ticket pusher", roles = new[] { Roles.AgentL1 } });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var key = (await created.Content.ReadFromJsonAsync<NewServiceAccount>())!;

        using var machine = new HttpClient { BaseAddress = new Uri(system.GatewayUrl) };
        machine.DefaultRequestHeaders.Add("X-Api-Key", key.ApiKey);
        var me = await machine.GetFromJsonAsync<UserInfo>("/api/identity/me");
        Assert.Equal("Ticket pusher", me!.DisplayName);
        Assert.Equal([Roles.AgentL1], me.Roles);
        // A machine client needs no anti-forgery header: it carries its own credential, not an ambient cookie.
        Assert.NotEqual(HttpStatusCode.BadRequest, (await machine.PostAsJsonAsync("/api/identity/service-accounts", new { })).StatusCode);

        // Tokens live 8 s here, so the key's token would be renewed (and refused) within 3 s anyway: what is asked of the
        // gateway is that it hears of the revocation within 5 s, as it must for a token that lives a minute.
        var revocations = system.Services["gateway"].GetRequiredService<RevokedSubjects>();
        var issuedBefore = DateTimeOffset.UtcNow;
        Assert.False(revocations.Revokes(key.ServiceAccount.Id, null, issuedBefore));
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"/api/identity/service-accounts/{key.ServiceAccount.Id}/revoke", null)).StatusCode);
        await Eventually.UntilAsync(
            () => Task.FromResult(revocations.Revokes(key.ServiceAccount.Id, null, issuedBefore)), heard => heard,
            _ => "the gateway had not heard of the revocation after 5 s", Revocation);
        await RefusedWithinRevocationAsync(machine, "/api/identity/me", "the revoked key is still accepted after 5 s");

        using var stranger = new HttpClient { BaseAddress = new Uri(system.GatewayUrl) };
        stranger.DefaultRequestHeaders.Add("X-Api-Key", "ifgk_0196000000007000800000000000a001_" + new string('x', 43));
        Assert.Equal(HttpStatusCode.Unauthorized, (await stranger.GetAsync("/api/identity/me")).StatusCode);
    }

    [Fact]
    public async Task Forged_expired_and_foreign_tokens_are_refused_by_the_services()
    {
        var subject = new TokenSubject(Guid.NewGuid(), "Mallory", null, DemoWorld.Acme, OrganisationKind.Client, [Roles.Requester], null, false);
        var genuine = (await system.IssueTokenAsync(subject)).Token;
        using var identityClient = system.DirectClients["identity"]();
        Assert.Equal(HttpStatusCode.OK, await StatusWith(identityClient, genuine));
        using var contractsClient = system.DirectClients["contracts"]();
        Assert.Equal(HttpStatusCode.OK, await StatusWith(contractsClient, genuine, "/health"));

        // Forged: the payload says TenantAdmin, the signature was computed over Requester.
        var parts = genuine.Split('.');
        var payload = Base64UrlEncoder.Decode(parts[1]).Replace(Roles.Requester, Roles.TenantAdmin);
        var forged = $"{parts[0]}.{Base64UrlEncoder.Encode(payload)}.{parts[2]}";
        Assert.Equal(HttpStatusCode.Unauthorized, await StatusWith(identityClient, forged));

        // Signed by a key Identity never published.
        using var foreignKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var foreign = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = "http://identity",
            Audience = AuthenticationExtensions.Audience,
            Expires = DateTime.UtcNow.AddMinutes(1),
            Subject = new ClaimsIdentity(
            [
                new Claim("sub", Guid.NewGuid().ToString()), new Claim("org", DemoWorld.Acme.ToString()),
                new Claim("org_kind", "client"), new Claim("role", Roles.TenantAdmin), new Claim("name", "Mallory"),
            ]),
            SigningCredentials = new SigningCredentials(new ECDsaSecurityKey(foreignKey) { KeyId = "mallory" }, SecurityAlgorithms.EcdsaSha256),
        });
        Assert.Equal(HttpStatusCode.Unauthorized, await StatusWith(identityClient, foreign));

        // Expired: past its lifetime and the 5 s clock skew.
        var expiring = (await system.IssueTokenAsync(subject, TimeSpan.FromSeconds(1))).Token;
        await Task.Delay(TimeSpan.FromSeconds(7));
        Assert.Equal(HttpStatusCode.Unauthorized, await StatusWith(identityClient, expiring));

        // The same refusals through the gateway, which passes bearer tokens on untouched.
        using var viaGateway = new HttpClient { BaseAddress = new Uri(system.GatewayUrl) };
        Assert.Equal(HttpStatusCode.Unauthorized, await StatusWith(viaGateway, forged, "/api/identity/me"));
        Assert.Equal(HttpStatusCode.OK, await StatusWith(viaGateway, (await system.IssueTokenAsync(subject)).Token, "/api/identity/me"));
    }

    [Fact]
    public async Task A_cookie_borne_change_without_the_anti_forgery_header_is_refused()
    {
        using var admin = await LoggedInAsync("admin@acme.example", DemoWorld.Password);
        admin.DefaultRequestHeaders.Remove("X-CSRF");
        var invite = new { email = $"csrf-{Guid.NewGuid():N}@acme.example", displayName = "Csrf", roles = new[] { Roles.Requester } };
        var refused = await admin.PostAsJsonAsync("/api/identity/users/invitations", invite);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("X-CSRF", await refused.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.PostAsync("/bff/logout", null)).StatusCode);

        admin.DefaultRequestHeaders.Add("X-CSRF", "1");
        Assert.Equal(HttpStatusCode.Created, (await admin.PostAsJsonAsync("/api/identity/users/invitations", invite)).StatusCode);
    }

    [Fact]
    public async Task The_gateway_sets_security_headers_and_hides_internal_routes()
    {
        using var client = system.CreateBrowserLikeClient(out _);
        var page = await client.GetAsync("/");
        Assert.Equal("nosniff", page.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("DENY", page.Headers.GetValues("X-Frame-Options").Single());
        Assert.Contains("frame-ancestors 'none'", page.Headers.GetValues("Content-Security-Policy").Single());
        Assert.False(page.Headers.Contains("Strict-Transport-Security")); // sent over HTTPS only

        Assert.Equal(HttpStatusCode.NotFound, (await client.PostAsJsonAsync("/api/identity/internal/sessions",
            new { email = "admin@acme.example", password = DemoWorld.Password })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/api/identity/metrics")).StatusCode);
    }

    [Fact]
    public async Task Identitys_sign_in_routes_answer_the_gateway_alone_not_whoever_reaches_its_port()
    {
        using var direct = system.DirectClients["identity"]();
        var credentials = new { email = "auditor@acme.example", password = DemoWorld.Password };
        Assert.Equal(HttpStatusCode.Unauthorized, (await direct.PostAsJsonAsync("/internal/sessions", credentials)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await direct.PostAsJsonAsync("/internal/api-keys/token", new { apiKey = "ifgk_x" })).StatusCode);
        direct.DefaultRequestHeaders.Add(InternalCalls.KeyHeader, "a-guess-of-the-internal-key-that-is-long-enough");
        Assert.Equal(HttpStatusCode.Unauthorized, (await direct.PostAsJsonAsync("/internal/sessions", credentials)).StatusCode);

        using var withKey = system.DirectClients["identity"]();
        withKey.DefaultRequestHeaders.Add(InternalCalls.KeyHeader, InfogeranceSystem.InternalKey);
        Assert.Equal(HttpStatusCode.OK, (await withKey.PostAsJsonAsync("/internal/sessions", credentials)).StatusCode);
    }

    [Fact]
    public async Task Log_ins_are_rate_limited_per_address()
    {
        var url = $"http://127.0.0.1:{Ports.GetFreePort()}";
        await using var gateway = system.CreateGateway(url, new Dictionary<string, string> { ["RateLimits:LoginsPerAddressPerMinute"] = "3" });
        gateway.StartServer();
        using var client = new HttpClient { BaseAddress = new Uri(url) };
        client.DefaultRequestHeaders.Add("X-CSRF", "1");
        for (var attempt = 0; attempt < 3; attempt++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized,
                (await client.PostAsJsonAsync("/bff/login", new { email = "nobody@acme.example", password = "Whatever-123456" })).StatusCode);
        }

        var limited = await client.PostAsJsonAsync("/bff/login", new { email = "nobody@acme.example", password = "Whatever-123456" });
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.True(limited.Headers.RetryAfter is not null);
    }

    private const string Password = "Chosen-password-42";

    private static async Task<HttpStatusCode> StatusWith(HttpClient client, string token, string path = "/me")
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return (await client.SendAsync(request)).StatusCode;
    }

    /// <summary>How soon a revocation takes effect across the gateway.</summary>
    private static readonly TimeSpan Revocation = TimeSpan.FromSeconds(5);

    /// <summary>Asks <paramref name="path"/> until it is refused (401), failing if it is still answered after <see cref="Revocation"/>.</summary>
    private static async Task RefusedWithinRevocationAsync(HttpClient client, string path, string what)
    {
        var since = System.Diagnostics.Stopwatch.StartNew();
        while ((await client.GetAsync(path)).StatusCode == HttpStatusCode.OK)
        {
            Assert.True(since.Elapsed < Revocation, what);
            await Task.Delay(100);
        }

        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync(path)).StatusCode);
    }

    private async Task<HttpClient> LoggedInAsync(string email, string password = Password)
    {
        var client = system.CreateBrowserLikeClient(out _);
        var login = await client.PostAsJsonAsync("/bff/login", new { email, password });
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        return client;
    }

    /// <summary>A fresh user of <paramref name="organisation"/>, invited by its admin and active with <see cref="Password"/>.</summary>
    private async Task<string> InviteAndActivateAsync(Guid organisation, string role)
    {
        var adminEmail = DemoWorld.Logins.First(login => login.OrganisationId == organisation && login.Role == Roles.AdministratorOf(KindOf(organisation))).Email;
        using var admin = await LoggedInAsync(adminEmail, DemoWorld.Password);
        var email = $"user-{Guid.NewGuid():N}@example.org";
        var invited = await admin.PostAsJsonAsync("/api/identity/users/invitations", new { email, displayName = "Test User", roles = new[] { role } });
        Assert.Equal(HttpStatusCode.Created, invited.StatusCode);
        var link = (await invited.Content.ReadFromJsonAsync<Invitation>())!.InvitationUrl;
        var token = link[(link.LastIndexOf('/') + 1)..];

        using var anonymous = system.CreateBrowserLikeClient(out _);
        Assert.Equal(HttpStatusCode.NoContent,
            (await anonymous.PostAsJsonAsync($"/api/identity/invitations/{token}/accept", new { password = Password })).StatusCode);
        return email;
    }

    private static OrganisationKind KindOf(Guid organisation) =>
        DemoWorld.Organisations.FirstOrDefault(o => o.Id == organisation)?.Kind ?? OrganisationKind.Platform;

    private sealed record OrganisationSummary(Guid Id, string Name);
    private sealed record UserInfo(Guid Id, string DisplayName, OrganisationSummary Organisation, string[] Roles, OrganisationSummary[] Tenants);
    private sealed record IdOnly(Guid Id);
    private sealed record NewServiceAccount(IdOnly ServiceAccount, string ApiKey);
    private sealed record Invitation(string InvitationUrl, bool Emailed);
}
