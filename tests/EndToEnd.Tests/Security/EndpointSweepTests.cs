extern alias identity;

using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using Infogerance.DemoData;
using Infogerance.ServiceDefaults;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using TokenSubject = identity::Infogerance.Identity.Tokens.TokenSubject;

namespace Infogerance.EndToEnd.Tests.Security;

/// <summary>
/// One sweep over every endpoint every service registers: without a token → 401; with a role the endpoint does
/// not admit → 403; with an admitted role but from another tenant, on that tenant's object → 404 (never 403,
/// which would say the object exists). A new endpoint is swept without a new test; a new anonymous endpoint or a
/// new kind of route parameter fails the sweep until it is declared below.
/// </summary>
[Collection(SystemCollection.Name)]
public sealed class EndpointSweepTests(InfogeranceSystem system)
{
    /// <summary>Endpoints anyone may call, each for a reason.</summary>
    private static readonly HashSet<string> Anonymous =
    [
        "GET /health", "GET /alive", "GET /metrics",                         // probes and the in-cluster scraper
        "GET /.well-known/openid-configuration", "GET /.well-known/jwks.json", // public keys, by design
        "POST /internal/sessions", "POST /internal/sessions/token",            // sign-in: the gateway alone reaches these
        "POST /internal/sessions/end", "POST /internal/sessions/unlock", "POST /internal/api-keys/token", "GET /internal/revocations", // and the internal key opens them
        "GET /invitations/{token}", "POST /invitations/{token}/accept",        // the link's secret is the credential
        "GET /internal/contracts/{contractId}/scorecard/pdf",                   // services only: the internal key is the credential
    ];

    /// <summary>Endpoints for any signed-in caller, whatever the role; every other endpoint must name its roles.</summary>
    private static readonly HashSet<string> AnyRole =
    [
        "GET /me", "PUT /me/language", // the caller's own account
        "GET /indices/syntec", "GET /calendars/holidays", "POST /sla/preview", "POST /revision/preview",
        "POST /penalties/preview", // computes from the figures given, reads nothing stored
        "GET /openapi.json", // the API's description: what any caller may try, not what it holds
    ];

    /// <summary>Route parameters naming platform-wide objects, not a tenant's: no other tenant to try.</summary>
    private static readonly HashSet<string> PlatformParameters = ["organisationId", "month", "year"];

    [Fact]
    public async Task Every_endpoint_refuses_the_unauthenticated_the_wrong_role_and_other_tenants()
    {
        var samples = await AcmeSamplesAsync();
        var failures = new List<string>();
        var swept = 0;

        foreach (var (service, provider) in system.Services.Where(s => s.Key != "gateway"))
        {
            var policies = provider.GetRequiredService<IAuthorizationPolicyProvider>();
            foreach (var endpoint in provider.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
            {
                foreach (var method in endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["GET"])
                {
                    var name = $"{method} {Normalise(endpoint.RoutePattern.RawText!)}";
                    swept++;
                    if (endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null)
                    {
                        if (!Anonymous.Contains(name))
                        {
                            failures.Add($"{service}: {name} is anonymous but not declared so in this test");
                        }
                        else if (name.Contains(" /internal/", StringComparison.Ordinal))
                        {
                            // No person signs in there: the internal key is the credential, and without it nothing is answered.
                            var internalPath = Endpoints.Path(endpoint, p => samples.GetValueOrDefault(p.Name) ?? Guid.NewGuid().ToString());
                            await Expect(service, method, internalPath, null, HttpStatusCode.Unauthorized, $"{name} without the internal key", failures);
                        }

                        continue;
                    }

                    var allowed = await Endpoints.AllowedRolesAsync(endpoint, policies);
                    if (allowed.Count == Roles.All.Count && !AnyRole.Contains(name))
                    {
                        failures.Add($"{service}: {name} admits every role: name its roles, or declare it here as open to any signed-in caller");
                    }

                    var path = Endpoints.Path(endpoint, p => samples.GetValueOrDefault(p.Name) ?? Guid.NewGuid().ToString());

                    await Expect(service, method, path, null, HttpStatusCode.Unauthorized, $"{name} without a token", failures);

                    if (Roles.All.Except(allowed).FirstOrDefault() is { } wrongRole)
                    {
                        var wrong = await TokenAsync(Endpoints.HomeOf(wrongRole), wrongRole);
                        await Expect(service, method, path, wrong, HttpStatusCode.Forbidden, $"{name} as {wrongRole}", failures);
                    }

                    var parameters = endpoint.RoutePattern.Parameters.Select(p => p.Name).ToList();
                    if (parameters.Count == 0 || parameters.All(PlatformParameters.Contains))
                    {
                        continue;
                    }

                    if (parameters.FirstOrDefault(p => !samples.ContainsKey(p) && !PlatformParameters.Contains(p)) is { } unknown)
                    {
                        failures.Add($"{service}: {name} has the route parameter {{{unknown}}}, for which this test has no other tenant's object");
                        continue;
                    }

                    var role = allowed.First();
                    var outsider = await TokenAsync(Endpoints.OtherTenantOf(role), role);
                    var onAcme = await SendAsync(service, method, Endpoints.Path(endpoint, p => samples[p.Name]), outsider);
                    // A body the endpoint cannot even read (our "{}" where a full document or a file is required) is
                    // refused before any lookup: fine, as long as it is refused the same way for an object that does not exist.
                    var expected = onAcme is HttpStatusCode.BadRequest or HttpStatusCode.UnprocessableEntity
                        ? await SendAsync(service, method, Endpoints.Path(endpoint, p => p.Name == "contractId" ? Guid.NewGuid().ToString() : samples[p.Name]), outsider)
                        : HttpStatusCode.NotFound;
                    if (onAcme != expected)
                    {
                        failures.Add($"{service}: {name} as {role} of another tenant on Acme's object answered {(int)onAcme}, expected {(int)expected}");
                    }
                }
            }
        }

        Assert.True(swept > 20, $"only {swept} endpoints found: is the sweep looking at the services?");
        Assert.True(failures.Count == 0, string.Join('\n', failures));
    }

    private async Task Expect(string service, string method, string path, string? token, HttpStatusCode expected, string what, List<string> failures)
    {
        var status = await SendAsync(service, method, path, token);
        if (status != expected)
        {
            failures.Add($"{service}: {what} answered {(int)status}, expected {(int)expected}");
        }
    }

    private async Task<HttpStatusCode> SendAsync(string service, string method, string path, string? token)
    {
        using var client = system.DirectClients[service]();
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (method is "POST" or "PUT" or "PATCH")
        {
            request.Content = new StringContent("{}", Encoding.UTF8, "application/json");
        }

        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        using var response = await client.SendAsync(request);
        return response.StatusCode;
    }

    /// <summary>
    /// Objects of Acme Industries (or its provider Antares) for each kind of route parameter. Objects inside a
    /// contract are looked up after the contract, so under Acme's contract any id shows whether the contract leaks.
    /// </summary>
    private async Task<Dictionary<string, string>> AcmeSamplesAsync()
    {
        using var contracts = system.DirectClients["contracts"]();
        contracts.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await TokenAsync(DemoWorld.Acme, Roles.ContractManager));
        var contract = await contracts.PostAsJsonAsync("/", new { reference = $"SWEEP-{Guid.NewGuid():N}"[..20], title = "Sweep sample", providerOrganisationId = DemoWorld.Antares });
        contract.EnsureSuccessStatusCode();
        var contractId = (await contract.Content.ReadFromJsonAsync<IdOnly>())!.Id;
        var requirement = await contracts.PostAsJsonAsync($"/{contractId}/requirements", new { category = "Support", expectedLevel = "8h-18h", acceptanceCriterion = "95 %" });
        requirement.EnsureSuccessStatusCode();

        // A ticket on the demo contract, once the Incidents service has received the contract's terms.
        using var incidents = system.DirectClients["incidents"]();
        var ticket = await Eventually.UntilAsync(
            async () =>
            {
                // A fresh token each time: the sweep's tokens are short-lived.
                incidents.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await TokenAsync(DemoWorld.Acme, Roles.ContractManager));
                return await incidents.PostAsJsonAsync("/tickets",
                    new { contractId = DemoWorld.AcmeContract, kind = "incident", title = "Sweep sample", impact = "low", urgency = "low" });
            },
            response => response.IsSuccessStatusCode,
            response => $"the demo contract never reached the Incidents service ({(int)response.StatusCode})");
        var savedView = await incidents.PostAsJsonAsync("/saved-views", new { list = "tickets", name = $"Sweep {Guid.NewGuid():N}", query = "q=sweep" });
        savedView.EnsureSuccessStatusCode();
        incidents.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await TokenAsync(DemoWorld.Antares, Roles.AccountManager));
        var cannedReply = await incidents.PostAsJsonAsync("/canned-replies", new { titleEn = "Sweep", titleFr = "Sweep", textEn = "Sweep", textFr = "Sweep" });
        cannedReply.EnsureSuccessStatusCode();

        using var client = system.DirectClients["identity"]();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await TokenAsync(DemoWorld.Acme, Roles.TenantAdmin));
        var users = await client.GetFromJsonAsync<List<IdOnly>>("/users");
        var created = await client.PostAsJsonAsync("/service-accounts", new { name = "Sweep sample", roles = new[] { Roles.Requester } });
        created.EnsureSuccessStatusCode();
        var serviceAccount = (await created.Content.ReadFromJsonAsync<NewServiceAccount>())!.ServiceAccount.Id;
        return new Dictionary<string, string>
        {
            ["userId"] = users![0].Id.ToString(),
            ["serviceAccountId"] = serviceAccount.ToString(),
            ["contractId"] = contractId.ToString(),
            ["number"] = "1",
            ["phase"] = "takeover",
            ["itemId"] = (await requirement.Content.ReadFromJsonAsync<IdOnly>())!.Id.ToString(),
            ["documentId"] = Guid.NewGuid().ToString(),
            ["evolutionId"] = Guid.NewGuid().ToString(),
            ["workstreamId"] = Guid.NewGuid().ToString(),
            ["notificationId"] = Guid.NewGuid().ToString(),
            ["ticketId"] = (await ticket.Content.ReadFromJsonAsync<IdOnly>())!.Id.ToString(),
            ["attachmentId"] = Guid.NewGuid().ToString(),
            ["viewId"] = (await savedView.Content.ReadFromJsonAsync<IdOnly>())!.Id.ToString(),
            ["replyId"] = (await cannedReply.Content.ReadFromJsonAsync<IdOnly>())!.Id.ToString(),
            ["outageId"] = Guid.NewGuid().ToString(),
            ["reviewId"] = Guid.NewGuid().ToString(),
            ["pointId"] = Guid.NewGuid().ToString(),
            ["actionId"] = Guid.NewGuid().ToString(),
            ["indicator"] = "sla",
            ["month"] = DateTime.UtcNow.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture),
            ["key"] = "availability:ERP",
            ["id"] = Guid.NewGuid().ToString(),
            ["otherId"] = Guid.NewGuid().ToString(),
            ["year"] = DateTime.UtcNow.Year.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
    }

    private Task<string> TokenAsync(Guid organisation, string role) => TokenAsync(organisation, Endpoints.KindOf(role), role);

    private async Task<string> TokenAsync(Guid organisation, OrganisationKind kind, string role) =>
        (await system.IssueTokenAsync(new TokenSubject(Guid.NewGuid(), "Sweep", null, organisation, kind, [role], null, IsServiceAccount: false))).Token;

    /// <summary>"/users/{userId:guid}/roles/" → "/users/{userId}/roles".</summary>
    private static string Normalise(string pattern) =>
        "/" + string.Join('/', pattern.Trim('/').Split('/').Select(segment =>
            segment.StartsWith('{') ? "{" + segment.Trim('{', '}').Split(':')[0] + "}" : segment));

    private sealed record IdOnly(Guid Id);
    private sealed record NewServiceAccount(IdOnly ServiceAccount);
}
