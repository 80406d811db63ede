using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Infogerance.DemoData;

/// <summary>
/// Loads a service's part of the demo world once, in the background: what it builds on (a contract's terms, its revised
/// prices) arrives from other services' events, so it tries again every second for up to ten minutes.
/// </summary>
public abstract class BackgroundDemoSeed(TimeProvider clock, ILogger logger) : BackgroundService
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(10);

    protected TimeProvider Clock { get; } = clock;

    protected ILogger Logger { get; } = logger;

    /// <summary>Whether this service loads its demo data (the run command's setting).</summary>
    protected abstract bool Enabled { get; }

    /// <summary>What is loaded, for the logs: "Demo tickets".</summary>
    protected abstract string What { get; }

    /// <returns>Whether the demo data is there (loaded now or before); false to try again.</returns>
    public abstract Task<bool> TrySeedAsync(CancellationToken cancellationToken);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!Enabled)
        {
            return;
        }

        var giveUp = Clock.GetUtcNow() + Patience;
        while (Clock.GetUtcNow() < giveUp)
        {
            try
            {
                if (await TrySeedAsync(stoppingToken))
                {
                    return;
                }
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                Logger.LogWarning(exception, "{What} not loaded yet; trying again", What);
            }

            await Task.Delay(TimeSpan.FromSeconds(1), Clock, stoppingToken);
        }

        Logger.LogWarning("What {What} needs never arrived: not loaded", What);
    }
}
