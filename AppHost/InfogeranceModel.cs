using System.Diagnostics;
using System.Security.Cryptography;
using Aspire.Hosting.ApplicationModel;
using Infogerance.LocalServers;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Infogerance.AppHost;

/// <summary>The system as Aspire resources: PostgreSQL, RabbitMQ, the mail catcher, the six services and the gateway.</summary>
internal static class InfogeranceModel
{
    private static readonly string[] EnvironmentNameVariables = ["ASPNETCORE_ENVIRONMENT", "DOTNET_ENVIRONMENT"];

    public static async Task AddInfogeranceAsync(
        this IDistributedApplicationBuilder builder, CommandLine options, string root, Stopwatch sinceStart)
    {
        EnsureGatewayAndDashboardPortsFree(builder.Configuration, options.GatewayPort);
        // Kept between runs so that demo data survives a restart.
        var data = options.DataDirectory ?? Path.Combine(root, ".data");
        string[] databases = ["identity", "contracts", "incidents", "invoicing", "reporting", "notifications"];
        var postgres = await builder.AddPostgresAsync("postgres", Path.Combine(data, "postgres"), options.PostgresPort, databases);
        var messaging = builder.AddRabbitMq("messaging", Path.Combine(data, "rabbitmq"), options.RabbitMqPort);

        var identity = builder.AddProject<Projects.Identity>("identity");
        var contracts = builder.AddProject<Projects.Contracts>("contracts");
        var incidents = builder.AddProject<Projects.Incidents>("incidents");
        var invoicing = builder.AddProject<Projects.Invoicing>("invoicing");
        var reporting = builder.AddProject<Projects.Reporting>("reporting");
        var notifications = builder.AddProject<Projects.Notifications>("notifications");
        IResourceBuilder<ProjectResource>[] backends = [identity, contracts, incidents, invoicing, reporting, notifications];
        var gateway = builder.AddProject<Projects.Gateway>("gateway")
            .WithHttpEndpoint(port: options.GatewayPort, name: "http", isProxied: false)
            .WithExternalHttpEndpoints()
            // The SPA as built by run.sh; without it the gateway serves the API alone (use Vite's dev server).
            .WithEnvironment("Spa__Root", Path.Combine(root, "src", "Web", "dist"));
        var ports = Ports.GetFreePorts(backends.Length);
        // The key the services (the gateway included, to sign in through Identity) present to one another's internal
        // routes: new at each start, known to them alone.
        var internalKey = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
        gateway.WithEnvironment("Internal__Key", internalKey);
        for (var i = 0; i < backends.Length; i++)
        {
            // Direct, not through DCP's proxy: one hop less on every call, and a restarted service keeps its address.
            backends[i].WithHttpEndpoint(port: ports[i], name: "http", isProxied: false)
                .WithEnvironment($"ConnectionStrings__{backends[i].Resource.Name}", postgres.Database(backends[i].Resource.Name))
                .WithReference(messaging.ConnectionString)
                .WithEnvironment("Internal__Key", internalKey)
                // The run command is the demo: each service loads its part of the demo world once.
                .WithEnvironment("Identity__SeedDemoData", "true")
                .WithEnvironment("Contracts__SeedDemoData", "true")
                .WithEnvironment("Incidents__SeedDemoData", "true")
                .WithEnvironment("Invoicing__SeedDemoData", "true")
                .WaitForServer(postgres)
                .WaitForServer(messaging);
        }

        var mailUrl = builder.AddMailCatcher(root, data, options, [(identity, "Identity"), (notifications, "Notifications")], out var mail);

        IResourceBuilder<ProjectResource>[] services = [.. backends, gateway];
        foreach (var service in services)
        {
            service.WithHttpHealthCheck(Infogerance.ServiceDefaults.Extensions.HealthPath);
            foreach (var other in services)
            {
                // Every service validates tokens against Identity's keys, itself included.
                service.WithEnvironment($"services__{other.Resource.Name}__http__0", other.GetEndpoint("http"));
            }
            if (options.TraceSampling is { } sampling)
            {
                // Aspire records every trace; under load the dashboard storing them costs as much CPU as a service. The
                // gateway decides for each request, whatever the caller's trace context asks (a client sending "sampled"
                // would have every request recorded), and the services follow its decision.
                service.WithEnvironment("OTEL_TRACES_SAMPLER", service == gateway ? "traceidratio" : "parentbased_traceidratio")
                    .WithEnvironment("OTEL_TRACES_SAMPLER_ARG", sampling.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }

            foreach (var variable in EnvironmentNameVariables)
            {
                if (builder.Configuration[variable] is null)
                {
                    service.WithEnvironment(variable, "Development");
                }
            }
        }

        // RabbitMQ drops an event published before any consumer's queue exists, and a service declares its queues
        // when its bus starts: Contracts, whose start-up publishes the demo contracts, waits for their consumers.
        foreach (var consumer in new[] { identity, incidents, invoicing, reporting, notifications })
        {
            contracts.WaitFor(consumer);
        }

        // Likewise the demo people, tickets and invoices: their services wait for Notifications, which tells of them.
        foreach (var publisher in new[] { identity, incidents, invoicing })
        {
            publisher.WaitFor(notifications);
        }

        // And the demo people for Incidents, which assigns tickets to the desk's agents only.
        identity.WaitFor(incidents);
        // Last, so that the public entry point opens once there is something behind it.
        foreach (var backend in backends)
        {
            gateway.WaitFor(backend);
        }

        IResourceBuilder<IResource>?[] servers = [postgres.Private, messaging.Private, mail];
        string[] resources = [.. services.Select(service => service.Resource.Name),
            .. servers.OfType<IResourceBuilder<IResource>>().Select(server => server.Resource.Name)];
        builder.Services.AddHostedService(provider => ActivatorUtilities.CreateInstance<CrashRestarter>(
            provider, (IReadOnlySet<string>)resources.ToHashSet()));
        var dashboardLoginUrl = DashboardLoginUrl(builder.Configuration);
        builder.Services.AddHostedService(provider => new StartupSummary(
            provider.GetRequiredService<ResourceNotificationService>(), resources,
            $"http://localhost:{options.GatewayPort}", dashboardLoginUrl, mailUrl, sinceStart));
    }

    private static IResourceBuilder<ProjectResource> WaitForServer(this IResourceBuilder<ProjectResource> service, Server server) =>
        server.Private is { } resource ? service.WaitFor(resource) : service;

    /// <summary>The dashboard's address with a login token of ours, so that it can be printed with the rest.</summary>
    private static string? DashboardLoginUrl(IConfiguration configuration)
    {
        if (configuration["ASPNETCORE_URLS"]?.Split(';')[0] is not { Length: > 0 } url) return null;
        const string TokenKey = "AppHost:BrowserToken";
        if (configuration[TokenKey] is not { Length: > 0 } token)
        {
            token = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
            configuration[TokenKey] = token;
        }
        return $"{url.TrimEnd('/')}/login?t={token}";
    }

    private static void EnsureGatewayAndDashboardPortsFree(IConfiguration configuration, int gatewayPort)
    {
        ServerResources.EnsurePortFree(gatewayPort, "gateway", "--port");
        foreach (var (variable, user) in new[]
        {
            ("ASPNETCORE_URLS", "dashboard"),
            ("ASPIRE_DASHBOARD_OTLP_HTTP_ENDPOINT_URL", "dashboard's OTLP endpoint"),
        })
        {
            if (Uri.TryCreate(configuration[variable]?.Split(';')[0], UriKind.Absolute, out var uri) && uri.IsLoopback)
            {
                ServerResources.EnsurePortFree(uri.Port, user, $"{variable} (an environment variable)");
            }
        }
    }
}
