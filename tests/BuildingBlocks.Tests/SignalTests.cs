using Infogerance.Data;

namespace Infogerance.BuildingBlocks.Tests;

/// <summary>The wake-up of a background worker: notifications before it wakes count as one, and none is lost after.</summary>
public sealed class SignalTests
{
    private static readonly TimeSpan Short = TimeSpan.FromMilliseconds(50);

    [Fact]
    public async Task Many_notifications_before_the_worker_wakes_wake_it_once()
    {
        var signal = new Signal();
        Parallel.For(0, 1_000, _ => signal.Notify());

        Assert.True(await signal.WaitAsync(Short, TestContext.Current.CancellationToken));
        Assert.False(await signal.WaitAsync(Short, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task A_notification_after_the_worker_woke_wakes_it_again()
    {
        var signal = new Signal();
        Assert.False(await signal.WaitAsync(Short, TestContext.Current.CancellationToken));
        for (var round = 0; round < 3; round++)
        {
            var waiting = signal.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
            signal.Notify();
            Assert.True(await waiting);
        }
    }
}
