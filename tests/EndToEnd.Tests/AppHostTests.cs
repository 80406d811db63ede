using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Infogerance.DemoData;
using Infogerance.LocalServers;
using Infogerance.ServiceDefaults;
using Infogerance.TestSupport;

namespace Infogerance.EndToEnd.Tests;

/// <summary>
/// The Aspire AppHost behind `./run.sh`, run once as a real process on free ports, as on a fresh machine: private
/// PostgreSQL and RabbitMQ, the mail catcher, every service, the gateway and the dashboard.
/// </summary>
public sealed class AppHostRun : IAsyncLifetime
{
    public static readonly string[] Services = ["identity", "contracts", "incidents", "invoicing", "reporting", "notifications"];

    private readonly TemporaryDirectory data = new("infogerance-apphost-");
    private readonly int[] ports = Ports.GetFreePorts(7);
    private ProgramRun? appHost;

    public int GatewayPort => ports[0];
    public int PostgresPort => ports[1];
    public string GatewayUrl => $"http://localhost:{GatewayPort}";
    public string DashboardUrl => $"http://localhost:{ports[3]}";
    public string DashboardApiKey { get; } = Guid.NewGuid().ToString("N");
    public string MailUrl => $"http://localhost:{ports[5]}";
    public ProgramRun AppHost => appHost!;

    public async ValueTask InitializeAsync()
    {
        appHost = ProgramRun.Start(Repository.AppHostDll,
            ["--data", data.Path, "--port", $"{ports[0]}", "--postgres-port", $"{ports[1]}", "--rabbitmq-port", $"{ports[2]}",
                "--mail-port", $"{ports[5]}", "--smtp-port", $"{ports[6]}"],
            new Dictionary<string, string>
            {
                ["ASPIRE_ALLOW_UNSECURED_TRANSPORT"] = "true",
                ["ASPNETCORE_URLS"] = DashboardUrl,
                ["ASPIRE_DASHBOARD_OTLP_HTTP_ENDPOINT_URL"] = $"http://localhost:{ports[4]}",
                // The dashboard's telemetry API, read by the trace test.
                ["AppHost__DashboardApiKey"] = DashboardApiKey,
            });
        // Printed once every resource (PostgreSQL, RabbitMQ, each service, the gateway) reports healthy.
        if (!await appHost.WaitForOutputAsync(line => line.Contains("All services healthy"), TimeSpan.FromMinutes(4)))
        {
            throw new InvalidOperationException("The AppHost did not report every resource healthy:\n" + appHost.Transcript());
        }
    }

    /// <summary>Stops it as Ctrl-C would, and fails the class if anything of it is left running.</summary>
    public async ValueTask DisposeAsync()
    {
        if (appHost is not null)
        {
            appHost.Terminate();
            var stopped = await appHost.WaitForExitAsync(TimeSpan.FromSeconds(90));
            var transcript = appHost.Transcript();
            var exitCode = stopped ? appHost.ExitCode : -1;
            await appHost.DisposeAsync();
            data.Dispose();
            if (!stopped || exitCode != 0 || !Ports.IsFree(GatewayPort) || !Ports.IsFree(PostgresPort))
            {
                throw new InvalidOperationException(
                    $"The AppHost did not stop cleanly (stopped: {stopped}, exit code {exitCode}, gateway port free: {Ports.IsFree(GatewayPort)}, PostgreSQL port free: {Ports.IsFree(PostgresPort)}):\n{transcript}");
            }
        }
    }

    /// <summary>The process of one of our services, found by the gateway address it was given (other runs may share the machine).</summary>
    public int? ServiceProcessId(string project) =>
        Directory.EnumerateDirectories("/proc")
            .Select(folder => int.TryParse(Path.GetFileName(folder), out var pid) ? pid : 0)
            .Where(pid => pid > 0)
            .Select(pid => (int?)pid)
            .FirstOrDefault(pid => Read($"/proc/{pid}/cmdline").EndsWith($"/Infogerance.{project}\0", StringComparison.Ordinal)
                && Read($"/proc/{pid}/environ").Contains($"\0services__gateway__http__0={GatewayUrl}\0", StringComparison.Ordinal));

    private static string Read(string path)
    {
        try
        {
            return "\0" + File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return "";
        }
    }
}

public sealed partial class AppHostTests(AppHostRun run) : IClassFixture<AppHostRun>
{
    [Fact]
    public async Task Every_resource_is_healthy_and_the_demo_manager_reads_the_demo_contract_through_the_gateway()
    {
        Assert.Contains(run.AppHost.Output, line => line.Contains(run.GatewayUrl));
        Assert.Contains(run.AppHost.Output, line => line.Contains($"{run.DashboardUrl}/login?t="));
        Assert.Contains(run.AppHost.Output, line => line.Contains("manager@acme.example"));
        Assert.Contains(run.AppHost.Output, line => line.Contains($"Mail:       {run.MailUrl}"));

        using var client = await SignedInClientAsync();
        foreach (var service in AppHostRun.Services)
        {
            var health = await client.GetAsync($"/api/{service}/health");
            Assert.True(health.StatusCode == HttpStatusCode.OK, $"{service} through the gateway: {(int)health.StatusCode}");
            // Metrics are scraped inside the network, never served to the public.
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/{service}/metrics")).StatusCode);
        }

        var contracts = await client.GetFromJsonAsync<JsonElement[]>("/api/contracts/");
        Assert.Contains(contracts!, contract => contract.GetProperty("reference").GetString() == "ACME-INFOG-01");

        // The demo contract's notice deadline alert is in the demo manager's bell, whatever order the start-up's events
        // reached the Notifications service in.
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!(await client.GetFromJsonAsync<JsonElement>("/api/notifications/?kind=noticeDeadlineApproaching")).GetProperty("items").EnumerateArray()
            .Any(notification => notification.GetProperty("contractReference").GetString() == "ACME-INFOG-01"))
        {
            Assert.True(DateTime.UtcNow < deadline, "the demo contract's notice deadline alert reached the demo manager's notifications");
            await Task.Delay(TimeSpan.FromSeconds(1));
        }

        // The demo desk's accounts reached Incidents at start (Identity waits for its queue): its agent may hand a ticket to a colleague.
        using var agent = await SignedInClientAsync("agent1@antares.example");
        var acmeContract = contracts!.Single(contract => contract.GetProperty("reference").GetString() == "ACME-INFOG-01").GetProperty("id").GetGuid();
        deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            // 404 until the demo contract itself has reached Incidents.
            using var desk = await agent.GetAsync($"/api/incidents/contracts/{acmeContract}/agents");
            if (desk.IsSuccessStatusCode && (await desk.Content.ReadFromJsonAsync<JsonElement[]>())!
                    .Select(person => person.GetProperty("displayName").GetString()).ToHashSet().IsSupersetOf(["Antoine Garnier", "Léa Fontaine", "Karim Benali"]))
            {
                break;
            }

            Assert.True(DateTime.UtcNow < deadline, "the demo desk's agents reached the Incidents service");
            await Task.Delay(TimeSpan.FromSeconds(1));
        }
    }

    [Fact]
    public async Task A_contract_signed_through_the_gateway_is_one_trace_on_the_dashboard_down_to_the_consumer_in_incidents()
    {
        using var client = await SignedInClientAsync();
        var created = await client.PostAsJsonAsync("/api/contracts/",
            new { reference = $"TRACE-{Guid.NewGuid():N}"[..16], title = "Trace", providerOrganisationId = DemoWorld.Antares });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var contractId = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        // A new draft has no monthly fee: the manager enters one before signing.
        var terms = JsonNode.Parse((await client.GetFromJsonAsync<JsonElement>($"/api/contracts/{contractId}/versions/1")).GetProperty("terms").GetRawText())!;
        terms["prices"]!["monthlyFee"] = 12_500;
        using var entered = await client.PutAsJsonAsync($"/api/contracts/{contractId}/versions/1/terms", terms);
        Assert.Equal(HttpStatusCode.OK, entered.StatusCode);

        // The signature's events leave through the outbox and reach Incidents' consumers under the request's trace.
        var traceId = ActivityTraceId.CreateRandom().ToHexString();
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/contracts/{contractId}/sign");
        request.Headers.Add("traceparent", $"00-{traceId}-{ActivitySpanId.CreateRandom().ToHexString()}-01");
        var signed = await client.SendAsync(request);
        Assert.True(signed.IsSuccessStatusCode, $"signing answered {(int)signed.StatusCode}: {await signed.Content.ReadAsStringAsync()}");
        string[] expected = ["gateway", "contracts", "incidents"];

        // The services export by OTLP/HTTP to the dashboard in batches (every few seconds); the dashboard's API reads them
        // back. Generous: on a loaded machine (the whole suite on two cores) export and ingestion lag.
        using var dashboard = new HttpClient { BaseAddress = new Uri(run.DashboardUrl), Timeout = TimeSpan.FromSeconds(20) };
        dashboard.DefaultRequestHeaders.Add("x-api-key", run.DashboardApiKey);
        var services = new HashSet<string>();
        var lastAnswer = "none";
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(150) && !expected.All(services.Contains))
        {
            await Task.Delay(TimeSpan.FromSeconds(2));
            try
            {
                using var response = await dashboard.GetAsync($"/api/telemetry/traces/{traceId}");
                lastAnswer = $"{(int)response.StatusCode}";
                if (response.StatusCode != HttpStatusCode.OK) continue;
                using var trace = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
                if (!trace.RootElement.TryGetProperty("data", out var data) || !data.TryGetProperty("resourceSpans", out var resourceSpans)) continue;
                foreach (var resourceSpan in resourceSpans.EnumerateArray())
                {
                    services.UnionWith(resourceSpan.GetProperty("resource").GetProperty("attributes").EnumerateArray()
                        .Where(attribute => attribute.GetProperty("key").GetString() == "service.name")
                        .Select(attribute => attribute.GetProperty("value").GetProperty("stringValue").GetString()!));
                }
            }
            catch (TaskCanceledException)
            {
                lastAnswer = "timed out";
            }
        }
        Assert.True(expected.All(services.Contains),
            $"the trace {traceId} reached the dashboard from: [{string.Join(", ", services)}] after {deadline.Elapsed.TotalSeconds:0} s "
            + $"(last answer {lastAnswer}); resources with telemetry: {await dashboard.GetStringAsync("/api/telemetry/resources")}");
    }

    [Fact]
    public async Task An_invitation_is_emailed_to_the_mail_catcher_whose_page_shows_it()
    {
        using var admin = await SignedInClientAsync("admin@acme.example");
        var email = $"caught-{Guid.NewGuid():N}@example.org";
        var invited = await admin.PostAsJsonAsync("/api/identity/users/invitations", new { email, displayName = "Camille Attrapée", roles = new[] { "Requester" } });
        Assert.Equal(HttpStatusCode.Created, invited.StatusCode);
        var invitation = await invited.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(invitation.GetProperty("emailed").GetBoolean());
        Assert.False(invitation.TryGetProperty("invitationUrl", out var url) && url.ValueKind == JsonValueKind.String);

        using var catcher = new HttpClient { BaseAddress = new Uri(run.MailUrl) };
        var messages = await catcher.GetFromJsonAsync<JsonElement>("/api/messages");
        var caught = Assert.Single(messages.GetProperty("results").EnumerateArray(),
            message => message.GetProperty("to").EnumerateArray().Any(to => to.GetString() == email));
        Assert.Contains("Acme", caught.GetProperty("subject").GetString());
    }

    [Fact]
    public async Task Guessing_from_many_addresses_emails_the_owner_a_link_that_lets_one_new_device_sign_in()
    {
        // A demo account no other test signs in with: its pause would refuse them from this machine's addresses.
        const string email = "auditor@belvedere-sante.example";
        for (var device = 10; device < 20; device++)
        {
            using var guesser = FromAddress(device);
            for (var guess = 0; guess < 5; guess++)
            {
                using var refused = await guesser.PostAsJsonAsync("/bff/login", new { email, password = $"guess-{device}-{guess}" });
                Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
            }
        }

        // Fifty wrong passwords from ten addresses: the account is paused for every address it is not known from.
        using var owner = FromAddress(30);
        using (var paused = await owner.PostAsJsonAsync("/bff/login", new { email, password = DemoWorld.Password }))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, paused.StatusCode);
        }

        // The owner's mailbox holds the one-time link (sent in the background).
        using var catcher = new HttpClient { BaseAddress = new Uri(run.MailUrl) };
        var link = await Eventually.UntilAsync(
            async () =>
            {
                var messages = await catcher.GetFromJsonAsync<JsonElement>("/api/messages");
                var mail = messages.GetProperty("results").EnumerateArray()
                    .FirstOrDefault(message => message.GetProperty("to").EnumerateArray().Any(to => to.GetString() == email));
                return mail.ValueKind == JsonValueKind.Undefined
                    ? null
                    : UnlockLink().Match(await catcher.GetStringAsync($"/api/messages/{mail.GetProperty("id").GetString()}/plaintext")).Value;
            },
            found => !string.IsNullOrEmpty(found), _ => $"no unlock link reached {email}'s mailbox");

        using (var unlocked = await owner.PostAsJsonAsync("/bff/unlock", new { link }))
        {
            Assert.Equal(HttpStatusCode.NoContent, unlocked.StatusCode);
        }

        using (var signedIn = await owner.PostAsJsonAsync("/bff/login", new { email, password = DemoWorld.Password }))
        {
            Assert.Equal(HttpStatusCode.OK, signedIn.StatusCode);
        }

        // The link let that device in, and no other; it works once.
        using var other = FromAddress(31);
        using (var refused = await other.PostAsJsonAsync("/bff/login", new { email, password = DemoWorld.Password }))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        }

        using var again = await other.PostAsJsonAsync("/bff/unlock", new { link });
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
    }

    [GeneratedRegex("unl_[0-9a-f]{32}_[A-Za-z0-9_-]{43}")]
    private static partial Regex UnlockLink();

    /// <summary>
    /// A client of the gateway whose connections come from 127.0.0.<paramref name="device"/>: to the gateway, a device of
    /// its own (the whole of 127.0.0.0/8 is this machine's loopback).
    /// </summary>
    private HttpClient FromAddress(int device)
    {
        var handler = LoopbackDevice.Handler(IPAddress.Parse($"127.0.0.{device}"), new IPEndPoint(IPAddress.Loopback, run.GatewayPort));
        handler.UseCookies = false;
        var client = new HttpClient(handler) { BaseAddress = new Uri(run.GatewayUrl) };
        client.DefaultRequestHeaders.Add("X-CSRF", "1");
        return client;
    }

    /// <summary>Signed in through the gateway's BFF as the browser does: a session cookie, and X-CSRF on every call.</summary>
    private async Task<HttpClient> SignedInClientAsync(string email = "manager@acme.example")
    {
        // No propagator: the test process has activity listeners (in-process services of other tests), and the handler
        // would add its own traceparent to the one the trace test sets.
        var handler = new SocketsHttpHandler { CookieContainer = new CookieContainer(), ActivityHeadersPropagator = null };
        var client = new HttpClient(handler) { BaseAddress = new Uri(run.GatewayUrl) };
        client.DefaultRequestHeaders.Add("X-CSRF", "1");
        var login = await client.PostAsJsonAsync("/bff/login", new { email, password = DemoWorld.Password });
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        return client;
    }
}

/// <summary>What the AppHost and the services say when their environment is wrong, each in one line.</summary>
public sealed class StartFailureTests
{
    [Fact]
    public async Task A_taken_port_stops_the_run_with_one_clear_line()
    {
        using var squatter = new TcpListener(IPAddress.Loopback, 0);
        squatter.Start();
        var takenPort = ((IPEndPoint)squatter.LocalEndpoint).Port;
        using var data = new TemporaryDirectory("infogerance-apphost-");
        await using var appHost = ProgramRun.Start(Repository.AppHostDll, ["run", "--data", data.Path, "--port", $"{takenPort}"]);

        Assert.True(await appHost.WaitForExitAsync(TimeSpan.FromSeconds(60)), appHost.Transcript());
        Assert.Equal(1, appHost.ExitCode);
        var error = Assert.Single(appHost.Errors);
        Assert.Contains($"{takenPort}", error);
        Assert.Contains("in use", error);
    }

    [Fact]
    public async Task A_service_given_an_unreachable_database_stops_with_one_clear_line()
    {
        await using var service = ProgramRun.Start(Repository.ServiceDll("Contracts"), [], new Dictionary<string, string>
        {
            ["ConnectionStrings__contracts"] = $"Host=127.0.0.1;Port={Ports.GetFreePort()};Username=owner;Password=secret;Database=contracts;Timeout=3",
            ["ConnectionStrings__messaging"] = "amqp://guest:guest@127.0.0.1:5672",
            ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{Ports.GetFreePort()}",
        });

        Assert.True(await service.WaitForExitAsync(TimeSpan.FromSeconds(60)), service.Transcript());
        Assert.Equal(1, service.ExitCode);
        var error = Assert.Single(service.Errors);
        Assert.Contains("cannot reach the 'contracts' database", error);
        Assert.Contains("ConnectionStrings__contracts", error);
    }

    [Theory]
    [InlineData("incidents")]
    [InlineData("messaging")]
    public async Task A_service_missing_a_connection_string_says_which_one(string missing)
    {
        var environment = new Dictionary<string, string>
        {
            ["ConnectionStrings__incidents"] = $"Host=127.0.0.1;Port={Ports.GetFreePort()};Username=owner;Password=secret;Database=incidents",
            ["ConnectionStrings__messaging"] = "amqp://guest:guest@127.0.0.1:5672",
            ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{Ports.GetFreePort()}",
        };
        environment.Remove($"ConnectionStrings__{missing}");
        await using var service = ProgramRun.Start(Repository.ServiceDll("Incidents"), [], environment);

        Assert.True(await service.WaitForExitAsync(TimeSpan.FromSeconds(60)), service.Transcript());
        Assert.Equal(1, service.ExitCode);
        Assert.Contains($"ConnectionStrings__{missing} is not set", Assert.Single(service.Errors));
    }
}
