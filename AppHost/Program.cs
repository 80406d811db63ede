using System.Diagnostics;
using Infogerance.AppHost;
using Infogerance.LocalServers;

var sinceStart = Stopwatch.StartNew();
if (args is ["-h" or "--help" or "help"])
{
    Console.WriteLine(CommandLine.Usage);
    return 0;
}

// What run.sh and the launch profile set, for runs of the built AppHost without them (benchmarks, tests): the
// dashboard over plain http, as there is no trusted development certificate here.
foreach (var (variable, value) in new[]
{
    ("ASPIRE_ALLOW_UNSECURED_TRANSPORT", "true"),
    ("ASPNETCORE_URLS", "http://localhost:18888"),
    ("ASPIRE_DASHBOARD_OTLP_HTTP_ENDPOINT_URL", "http://localhost:18889"),
})
{
    if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable(variable)))
    {
        Environment.SetEnvironmentVariable(variable, value);
    }
}

try
{
    var options = CommandLine.Parse(args);
    // Our options are not Aspire's configuration.
    var builder = DistributedApplication.CreateBuilder([]);
    await builder.AddInfogeranceAsync(options, Repository.FindRoot(), sinceStart);
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
