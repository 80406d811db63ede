using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Infogerance.AppHost;

/// <summary>
/// Starts again a resource whose process died on its own, with back-off: DCP leaves a crashed executable exited.
/// A resource stopped on purpose (from the dashboard, or by the AppHost's own stop) goes through Stopping first and
/// is left alone.
/// </summary>
internal sealed class CrashRestarter(
    ResourceNotificationService notifications, ResourceCommandService commands, IHostApplicationLifetime lifetime,
    ILogger<CrashRestarter> logger, IReadOnlySet<string> watched) : BackgroundService
{
    private static readonly TimeSpan FirstDelay = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan LongestDelay = TimeSpan.FromSeconds(30);
    // A resource up this long since its last restart counts as recovered: the next crash starts the back-off afresh.
    private static readonly TimeSpan Recovered = TimeSpan.FromMinutes(1);

    private readonly Dictionary<string, (TimeSpan Delay, long RestartedAt)> backOff = [];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var states = new Dictionary<string, string?>();
        await foreach (var change in notifications.WatchAsync(stoppingToken))
        {
            if (!watched.Contains(change.Resource.Name)) continue;
            var state = change.Snapshot.State?.Text;
            var previous = states.GetValueOrDefault(change.ResourceId);
            states[change.ResourceId] = state;
            if (previous == KnownResourceStates.Running
                && state is not null && KnownResourceStates.TerminalStates.Contains(state)
                && !lifetime.ApplicationStopping.IsCancellationRequested)
            {
                _ = RestartAsync(change.Resource, change.Snapshot.ExitCode, stoppingToken);
            }
        }
    }

    private async Task RestartAsync(IResource resource, int? exitCode, CancellationToken ct)
    {
        var delay = NextDelay(resource.Name);
        logger.LogWarning("{Resource} exited (code {ExitCode}); starting it again in {Delay} s",
            resource.Name, exitCode, delay.TotalSeconds);
        try
        {
            await Task.Delay(delay, ct);
            if (lifetime.ApplicationStopping.IsCancellationRequested) return;
            var result = await commands.ExecuteCommandAsync(resource, KnownResourceCommands.StartCommand, ct);
            if (!result.Success)
            {
                logger.LogError("{Resource} could not be started again: {Error}", resource.Name, result.Message);
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // The AppHost is stopping.
        }
        catch (Exception e)
        {
            logger.LogError(e, "{Resource} could not be started again", resource.Name);
        }
    }

    private TimeSpan NextDelay(string resource)
    {
        lock (backOff)
        {
            var now = Environment.TickCount64;
            var delay = backOff.TryGetValue(resource, out var last) && now - last.RestartedAt < Recovered.TotalMilliseconds
                ? TimeSpan.FromTicks(Math.Min(last.Delay.Ticks * 2, LongestDelay.Ticks))
                : FirstDelay;
            backOff[resource] = (delay, now + (long)delay.TotalMilliseconds);
            return delay;
        }
    }
}
