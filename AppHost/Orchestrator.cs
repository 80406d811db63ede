using System.Diagnostics;
using Infogerance.AppHost.Infrastructure;
using Infogerance.ServiceDefaults;

namespace Infogerance.AppHost;

/// <summary>
/// `run`: PostgreSQL and RabbitMQ, then every service with the environment Aspire would give it, then the gateway,
/// until Ctrl-C.
/// </summary>
internal sealed class Orchestrator(CommandLine options, ShutdownSignal shutdown, Stopwatch sinceStart)
{
    /// <summary>
    /// The demo accounts to show once everything is up. Identity does not seed any yet: list them here when it does,
    /// with the same values as its Development seed.
    /// </summary>

    private static readonly string[] EnvironmentNameVariables = ["ASPNETCORE_ENVIRONMENT", "DOTNET_ENVIRONMENT"];

    public async Task RunAsync()
    {
        var repository = Repository.Locate();
        // Checked before starting anything, so that a forgotten build costs no infrastructure start.
        foreach (var service in Repository.Services)
        {
            var assembly = repository.AssemblyPath(service);
            if (!File.Exists(assembly))
            {
                throw new InfrastructureException(
                    $"Service '{service.Name}' is not built ({assembly} missing): run `dotnet build {repository.SolutionFile} -c {Repository.Configuration}`");
            }
        }
        if (!Ports.IsFree(options.GatewayPort))
        {
            throw new InfrastructureException(
                $"Port {options.GatewayPort} is already in use (gateway): free it or choose another with --port");
        }

        // Kept between runs so that demo data survives a restart.
        var dataDirectory = options.DataDirectory ?? Path.Combine(repository.Root, ".data");
        await using var infrastructure = await LocalInfrastructure.StartAsync(
            new InfrastructureOptions(
                dataDirectory, options.PostgresPort, options.RabbitMqPort, Fast: false,
                Environment.GetEnvironmentVariable("ConnectionStrings__postgres"),
                Environment.GetEnvironmentVariable("ConnectionStrings__messaging")),
            shutdown.Token);
        foreach (var service in Repository.Backends)
        {
            await infrastructure.Postgres.EnsureDatabaseAsync(service.Name, shutdown.Token);
        }

        var services = CreateServices(repository, infrastructure);
        var prometheusStart = PrometheusProcess.TryStartAsync(Path.Combine(dataDirectory, "prometheus"), services, shutdown.Token);
        try
        {
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
            var backends = services[..^1];
            var gateway = services[^1];
            foreach (var wave in backends.GroupBy(backend => backend.Definition.Wave).OrderBy(wave => wave.Key))
            {
                foreach (var backend in wave)
                {
                    backend.Start();
                }
                await Task.WhenAll(wave.Select(backend => backend.WaitHealthyAsync(http, shutdown.Token)));
            }
            // Last, so that the public entry point opens once there is something behind it.
            gateway.Start();
            await gateway.WaitHealthyAsync(http, shutdown.Token);

            PrintSummary(await prometheusStart);
            await WaitForStopAsync(services);
        }
        finally
        {
            await Task.WhenAll(services.Select(service => service.StopAsync()));
            if (await prometheusStart is { } prometheus)
            {
                await prometheus.DisposeAsync();
            }
        }
    }

    private ServiceProcess[] CreateServices(Repository repository, LocalInfrastructure infrastructure)
    {
        var ports = Ports.GetFreePorts(Repository.Backends.Length).Append(options.GatewayPort).ToArray();
        var urls = Repository.Services.Select((service, i) => (service.Name, Url: $"http://127.0.0.1:{ports[i]}")).ToArray();
        var width = Repository.Services.Max(service => service.Name.Length);

        return [.. Repository.Services.Select((service, i) =>
        {
            var isGateway = service == Repository.Gateway;
            // The rest of our environment, OTEL_EXPORTER_OTLP_ENDPOINT included, is inherited as it is.
            var environment = new Dictionary<string, string>
            {
                ["OTEL_SERVICE_NAME"] = service.Name,
                ["ASPNETCORE_URLS"] = isGateway ? $"http://localhost:{ports[i]}" : urls[i].Url,
            };
            foreach (var (name, url) in urls)
            {
                environment[$"services__{name}__http__0"] = url;
            }
            if (isGateway)
            {
                // The SPA as built by run.sh; without it the gateway serves the API alone (use Vite's dev server).
                environment["Spa__Root"] = Path.Combine(repository.Root, "src", "Web", "dist");
            }
            else
            {
                // The owner's credentials: each service creates the non-owner role it then runs its queries as.
                environment[$"ConnectionStrings__{service.Name}"] = infrastructure.Postgres.ConnectionStringFor(service.Name);
                environment["ConnectionStrings__messaging"] = infrastructure.RabbitMq.ConnectionString;
                // The run command is the demo: each service loads its part of the demo world once.
                environment["Identity__SeedDemoData"] = "true";
                environment["Contracts__SeedDemoData"] = "true";
                environment["Incidents__SeedDemoData"] = "true";
            }
            foreach (var variable in EnvironmentNameVariables)
            {
                if (Environment.GetEnvironmentVariable(variable) is null)
                {
                    environment[variable] = "Development";
                }
            }
            var log = new ServiceLog(Terminal.Prefix(service.Name, i, width));
            return new ServiceProcess(service, repository.AssemblyPath(service), ports[i], environment, log, shutdown.Token);
        })];
    }

    private void PrintSummary(PrometheusProcess? prometheus)
    {
        Terminal.WriteLine();
        Terminal.WriteLine($"All services healthy in {Terminal.Seconds(sinceStart.Elapsed)}");
        Terminal.WriteLine($"  Gateway:    http://localhost:{options.GatewayPort}");
        if (prometheus is not null)
        {
            Terminal.WriteLine($"  Prometheus: {prometheus.Url}");
        }
        Terminal.WriteLine($"  Demo logins (demo only), password {DemoWorld.Password}:");
        var organisations = DemoWorld.Organisations.ToDictionary(organisation => organisation.Id, organisation => organisation.Name);
        foreach (var login in DemoWorld.Logins)
        {
            var organisation = organisations.GetValueOrDefault(login.OrganisationId, "Platform");
            Terminal.WriteLine($"    {login.Email,-36} {login.Role,-16} {organisation}");
        }
        Terminal.WriteLine("Press Ctrl-C to stop.");
    }

    private async Task WaitForStopAsync(ServiceProcess[] services)
    {
        var firstDeath = Task.WhenAny(services.Select(service => service.GaveUp));
        await Task.WhenAny(firstDeath, Task.Delay(Timeout.Infinite, shutdown.Token));
        if (services.FirstOrDefault(service => service.GaveUp.IsCompleted) is { } dead)
        {
            throw new InfrastructureException(dead.DeathNotice);
        }
    }
}
