namespace Infogerance.Data;

/// <summary>
/// Wakes this process's outbox dispatcher as soon as a unit of work with events commits, so events leave
/// within milliseconds instead of at the next poll. The poll remains for other replicas' rows and restarts.
/// </summary>
public sealed class OutboxSignal
{
    private readonly SemaphoreSlim _pending = new(0, 1);

    public void Notify()
    {
        try
        {
            _pending.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already signalled: the dispatcher will see every committed row on its next pass.
        }
    }

    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => _pending.WaitAsync(timeout, cancellationToken);
}
