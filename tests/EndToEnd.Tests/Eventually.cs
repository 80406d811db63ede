namespace Infogerance.EndToEnd.Tests;

/// <summary>Waits for what another service does in its own time: an event consumed, a row replicated.</summary>
public static class Eventually
{
    /// <summary>Until <paramref name="done"/> says yes, or fails after 30 seconds saying <paramref name="what"/> never came.</summary>
    public static async Task UntilAsync(Func<Task<bool>> done, string what)
    {
        ArgumentNullException.ThrowIfNull(done);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!await done())
        {
            Assert.True(DateTime.UtcNow < deadline, what);
            await Task.Delay(100);
        }
    }
}
