using Infogerance.LocalServers;

if (args is ["-h" or "--help" or "help"])
{
    Terminal.WriteLine(InfraCommand.Usage);
    return 0;
}

using var shutdown = new ShutdownSignal();
try
{
    await InfraCommand.RunAsync(args, shutdown);
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
