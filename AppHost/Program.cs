using System.Diagnostics;
using Infogerance.AppHost;
using Infogerance.AppHost.Infrastructure;

var sinceStart = Stopwatch.StartNew();
if (args is ["-h" or "--help" or "help"])
{
    Terminal.WriteLine(CommandLine.Usage);
    return 0;
}

using var shutdown = new ShutdownSignal();
try
{
    var options = CommandLine.Parse(args);
    await (options.Command == "infra"
        ? InfraCommand.RunAsync(options, shutdown)
        : new Orchestrator(options, shutdown, sinceStart).RunAsync());
    Terminal.WriteLine("Stopped.");
    return 0;
}
catch (InfrastructureException e)
{
    Terminal.WriteError(e.Message);
    return 1;
}
catch (OperationCanceledException) when (shutdown.Token.IsCancellationRequested)
{
    // Stopped before everything was up; whatever had started was stopped on the way out.
    Terminal.WriteLine("Stopped.");
    return 0;
}
