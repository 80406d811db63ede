using Infogerance.AppHost;
using Infogerance.LocalServers;
using Microsoft.Extensions.DependencyInjection;

if (args is ["-h" or "--help" or "help"])
{
    Console.WriteLine(CommandLine.Usage);
    return 0;
}

try
{
    var options = CommandLine.Parse(args);
    // Our options are not Aspire's configuration.
    var builder = DistributedApplication.CreateBuilder([]);
    await builder.AddInfogeranceAsync(options, Repository.FindRoot());
    await builder.Build().RunAsync();
    await OrchestratorExit.WaitAsync();
    Console.WriteLine("Stopped.");
    return 0;
}
catch (InfrastructureException e)
{
    Console.Error.WriteLine(e.Message);
    return 1;
}
