namespace Infogerance.Data;

/// <summary>
/// Wakes a background worker of this process as soon as there is work for it, instead of at its next poll: set
/// after the commit that made the work (<see cref="UnitOfWork.AfterCommit"/>). The poll remains for the work other
/// replicas commit and for restarts. Several notifications before the worker wakes count as one.
/// </summary>
public class Signal
{
    private readonly SemaphoreSlim _pending = new(0, 1);

    public void Notify()
    {
        // Already signalled: the worker will see every committed row on its next pass. Under load nearly every commit
        // finds it so, and a refused release throws: the count is looked at first, the catch left for two at once.
        if (_pending.CurrentCount > 0)
        {
            return;
        }

        try
        {
            _pending.Release();
        }
        catch (SemaphoreFullException)
        {
        }
    }

    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => _pending.WaitAsync(timeout, cancellationToken);
}
