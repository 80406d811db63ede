using System.Net;
using System.Net.Sockets;
using Infogerance.AppHost.Infrastructure;
using Infogerance.TestSupport;

namespace Infogerance.EndToEnd.Tests;

/// <summary>The run command's orchestrator, driven as a real process, as on a fresh machine.</summary>
public sealed class AppHostTests
{
    private static readonly string[] Services = ["identity", "contracts", "incidents", "invoicing", "reporting"];

    [Fact]
    public async Task Run_brings_every_service_to_healthy_through_the_gateway_and_stops_cleanly()
    {
        using var data = new TemporaryDirectory("infogerance-apphost-");
        var gatewayPort = Ports.GetFreePort();
        var postgresPort = Ports.GetFreePort();
        await using var appHost = ProgramRun.Start(Repository.AppHostDll,
            ["run", "--data", data.Path, "--port", $"{gatewayPort}", "--postgres-port", $"{postgresPort}", "--rabbitmq-port", $"{Ports.GetFreePort()}"]);

        Assert.True(
            await appHost.WaitForOutputAsync(line => line.Contains("All services healthy"), TimeSpan.FromMinutes(3)),
            "the AppHost did not report every service healthy:\n" + appHost.Transcript());
        Assert.Contains(appHost.Output, line => line.Contains($"http://localhost:{gatewayPort}"));

        using var client = new HttpClient { BaseAddress = new Uri($"http://localhost:{gatewayPort}") };
        foreach (var service in Services)
        {
            var response = await client.GetAsync($"/api/{service}/health", TestContext.Current.CancellationToken);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{service} through the gateway: {(int)response.StatusCode}");
            Assert.Equal("Healthy", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
            // Metrics are scraped inside the network, never served to the public.
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/{service}/metrics", TestContext.Current.CancellationToken)).StatusCode);
        }

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health", TestContext.Current.CancellationToken)).StatusCode);

        appHost.Terminate();
        Assert.True(await appHost.WaitForExitAsync(TimeSpan.FromSeconds(60)), "the AppHost did not stop:\n" + appHost.Transcript());
        Assert.Equal(0, appHost.ExitCode);
        Assert.True(Ports.IsFree(gatewayPort) && Ports.IsFree(postgresPort), "the gateway or PostgreSQL still listens after the stop");
    }

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
