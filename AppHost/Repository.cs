using System.Reflection;
using System.Runtime.Versioning;
using Infogerance.AppHost.Infrastructure;

namespace Infogerance.AppHost;

/// <summary>
/// A service to run. Services of a later <see cref="Wave"/> start once every earlier one is healthy: RabbitMQ drops an
/// event published before any consumer's queue exists, and a service's queues are declared when its bus starts, so on
/// a fresh broker the services whose start-up publishes (the demo data) wait for the consumers.
/// </summary>
internal sealed record ServiceDefinition(string Name, string Project, int Wave = 0);

/// <summary>The repository the AppHost was built in, and where the services' build output lies in it.</summary>
internal sealed record Repository(string Root, string SolutionFile)
{
    public static readonly ServiceDefinition[] Backends =
    [
        new("identity", "Identity"),
        new("contracts", "Contracts", Wave: 1),
        new("incidents", "Incidents"),
        new("invoicing", "Invoicing"),
        new("reporting", "Reporting"),
    ];

    public static readonly ServiceDefinition Gateway = new("gateway", "Gateway");

    public static readonly ServiceDefinition[] Services = [.. Backends, Gateway];

    // The services are run from the configuration the AppHost itself was built with.
    public static readonly string Configuration =
        typeof(Repository).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";

    // `dotnet new sln` writes the .slnx format from .NET 10 on.
    private static readonly string[] SolutionNames = ["Infogerance.sln", "Infogerance.slnx"];

    private static readonly string TargetFramework =
        $"net{new FrameworkName(AppContext.TargetFrameworkName!).Version.ToString(2)}";

    public static Repository Locate()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            var solution = SolutionNames
                .Select(name => Path.Combine(folder.FullName, name))
                .FirstOrDefault(File.Exists);
            if (solution is not null) return new Repository(folder.FullName, Path.GetFileName(solution));
        }
        throw new InfrastructureException(
            $"No Infogerance.sln found above {AppContext.BaseDirectory}: run the AppHost from its build output inside the repository");
    }

    public string AssemblyPath(ServiceDefinition service) =>
        Path.Combine(Root, "src", service.Project, "bin", Configuration, TargetFramework, $"Infogerance.{service.Project}.dll");
}
