extern alias identity;
extern alias incidents;

using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Infogerance.DemoData;
using Infogerance.LocalServers;
using Infogerance.ServiceDefaults;
using Infogerance.TestSupport;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using TokenSubject = identity::Infogerance.Identity.Tokens.TokenSubject;

namespace Infogerance.EndToEnd.Tests.Faults;

/// <summary>
/// A service whose PostgreSQL goes away: it answers 503 with Retry-After and a problem (directly and through the
/// gateway), says it is not ready, and serves again by itself once the server is back. The Incidents service here runs
/// over a PostgreSQL and a RabbitMQ of the test's own, so that stopping them disturbs no other test (and its queues
/// take no other test's events); the system's Identity signs its tokens.
/// </summary>
[Collection(SystemCollection.Name)]
public sealed class DatabaseOutageTests(InfogeranceSystem system)
{
    private static readonly TimeSpan RecoveryLimit = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_service_whose_database_stops_answers_503_then_recovers_by_itself_when_it_returns()
    {
        var ct = TestContext.Current.CancellationToken;
        using var data = new TemporaryDirectory("infogerance-outage-");
        var postgresData = Path.Combine(data.Path, "postgres");
        var postgresPort = Ports.GetFreePort();
        var postgres = await PostgresServer.StartPrivateAsync(postgresData, postgresPort, fast: true, ct);
        await using var rabbitMq = await RabbitMqServer.StartPrivateAsync(Path.Combine(data.Path, "rabbitmq"), Ports.GetFreePort(), ct);
        try
        {
            await postgres.EnsureDatabaseAsync("incidents", ct);
            var incidentsUrl = $"http://127.0.0.1:{Ports.GetFreePort()}";
            await using var incidents = StartIncidents(incidentsUrl, postgres.ConnectionStringFor("incidents"), rabbitMq.ConnectionString);
            var gatewayUrl = $"http://127.0.0.1:{Ports.GetFreePort()}";
            await using var gateway = system.CreateGateway(gatewayUrl, new Dictionary<string, string> { ["services:incidents:http:0"] = incidentsUrl });
            gateway.StartServer();
            using var direct = await ClientAsync(incidentsUrl);
            using var throughGateway = await ClientAsync(gatewayUrl);

            Assert.Equal(HttpStatusCode.OK, (await SendAsync(direct, Tickets())).Status);
            Assert.Equal(HttpStatusCode.OK, (await SendAsync(direct, Health())).Status);

            await postgres.DisposeAsync(); // pg_ctl stop -m fast: sessions end with admin_shutdown, then connections are refused
            foreach (var (client, request) in new[]
            {
                (direct, Tickets()), (direct, OpenTicket()), (throughGateway, Tickets("/api/incidents", "fr-FR")), (throughGateway, OpenTicket("/api/incidents")),
            })
            {
                var (status, headers, body) = await SendAsync(client, request);
                Assert.True(status == HttpStatusCode.ServiceUnavailable, $"{request.Method} {request.RequestUri}: {(int)status} {body}");
                Assert.Equal(TimeSpan.FromSeconds(5), headers.RetryAfter?.Delta);
                var problem = JsonDocument.Parse(body).RootElement;
                Assert.Equal(503, problem.GetProperty("status").GetInt32());
                Assert.Equal("unavailable.database", problem.GetProperty("code").GetString());
                Assert.Equal(5, problem.GetProperty("parameters").GetProperty("retryAfterSeconds").GetInt32());
                if (request.Headers.AcceptLanguage.Count > 0)
                {
                    // The service's own answer, passed through the gateway unchanged.
                    Assert.Equal("Le service est indisponible : réessayez plus tard.", problem.GetProperty("title").GetString());
                }
            }

            Assert.Equal(HttpStatusCode.ServiceUnavailable, (await SendAsync(direct, Health())).Status);

            postgres = await PostgresServer.StartPrivateAsync(postgresData, postgresPort, fast: true, ct);
            var back = Stopwatch.StartNew();
            while ((await SendAsync(direct, Tickets())).Status != HttpStatusCode.OK)
            {
                Assert.True(back.Elapsed < RecoveryLimit, $"the service answered again within {RecoveryLimit.TotalSeconds} s of PostgreSQL's return");
                await Task.Delay(100, ct);
            }

            // Recovered for good: no broken connection left in the pool to fail a later request.
            for (var i = 0; i < 20; i++)
            {
                var (status, _, body) = await SendAsync(i % 2 == 0 ? direct : throughGateway, Tickets(i % 2 == 0 ? "" : "/api/incidents"));
                Assert.True(status == HttpStatusCode.OK, $"request {i} after recovery: {(int)status} {body}");
            }

            Assert.Equal(HttpStatusCode.OK, (await SendAsync(direct, Health())).Status);
            TestContext.Current.SendDiagnosticMessage($"first success {back.ElapsedMilliseconds} ms after PostgreSQL accepted connections again");
        }
        finally
        {
            await postgres.DisposeAsync();
        }
    }

    [Fact]
    public async Task The_gateway_answers_a_problem_with_retry_after_when_a_service_does_not_answer()
    {
        var gatewayUrl = $"http://127.0.0.1:{Ports.GetFreePort()}";
        await using var gateway = system.CreateGateway(
            gatewayUrl, new Dictionary<string, string> { ["services:incidents:http:0"] = $"http://127.0.0.1:{Ports.GetFreePort()}" });
        gateway.StartServer();
        using var client = await ClientAsync(gatewayUrl);

        foreach (var (request, title, detail) in new[]
        {
            (Tickets("/api/incidents"), "The service is unavailable: retry later.", "The incidents service does not answer for the moment: retry in a few seconds."),
            (Tickets("/api/incidents", "fr-FR"), "Le service est indisponible : réessayez plus tard.",
                "Le service incidents ne répond pas pour le moment : réessayez dans quelques secondes."),
        })
        {
            var (status, headers, body) = await SendAsync(client, request);
            Assert.True(status == HttpStatusCode.ServiceUnavailable, $"{(int)status} {body}");
            Assert.Equal(TimeSpan.FromSeconds(5), headers.RetryAfter?.Delta);
            Assert.Equal("nosniff", headers.GetValues("X-Content-Type-Options").Single());
            var problem = JsonDocument.Parse(body).RootElement;
            Assert.Equal("unavailable.service", problem.GetProperty("code").GetString());
            Assert.Equal("incidents", problem.GetProperty("parameters").GetProperty("service").GetString());
            Assert.Equal(title, problem.GetProperty("title").GetString());
            Assert.Equal(detail, problem.GetProperty("detail").GetString());
        }
    }

    private WebApplicationFactory<incidents::Program> StartIncidents(string url, string database, string broker)
    {
        var factory = new WebApplicationFactory<incidents::Program>().WithWebHostBuilder(web => web
            .UseSetting("ConnectionStrings:incidents", database)
            .UseSetting("ConnectionStrings:messaging", broker)
            .UseSetting("services:identity:http:0", system.IdentityUrl)
            .UseSetting("Internal:Key", InfogeranceSystem.InternalKey)
            .UseSetting("Logging:LogLevel:Default", "Error")
            .UseUrls(url));
        factory.UseKestrel();
        factory.StartServer();
        return factory;
    }

    private async Task<HttpClient> ClientAsync(string baseAddress)
    {
        var subject = new TokenSubject(Guid.NewGuid(), "Rachel Petit", null, DemoWorld.Acme, OrganisationKind.Client, [Roles.Requester], null, IsServiceAccount: false);
        var token = await system.IssueTokenAsync(subject, TimeSpan.FromMinutes(10));
        var client = new HttpClient { BaseAddress = new Uri(baseAddress) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.Token);
        return client;
    }

    private static HttpRequestMessage Tickets(string prefix = "", string? language = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, $"{prefix}/tickets");
        if (language is not null)
        {
            request.Headers.AcceptLanguage.ParseAdd(language);
        }

        return request;
    }

    private static HttpRequestMessage OpenTicket(string prefix = "") => new(HttpMethod.Post, $"{prefix}/tickets")
    {
        Content = JsonContent.Create(new
        {
            contractId = Guid.NewGuid(), kind = "incident", title = "La messagerie ne se synchronise plus", description = "Depuis ce matin.",
            impact = "high", urgency = "high",
        }),
    };

    private static HttpRequestMessage Health() => new(HttpMethod.Get, Extensions.HealthPath);

    private static async Task<(HttpStatusCode Status, HttpResponseHeaders Headers, string Body)> SendAsync(HttpClient client, HttpRequestMessage request)
    {
        using (request)
        {
            using var response = await client.SendAsync(request);
            return (response.StatusCode, response.Headers, await response.Content.ReadAsStringAsync());
        }
    }
}
