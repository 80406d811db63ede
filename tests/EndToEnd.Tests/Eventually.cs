namespace Infogerance.EndToEnd.Tests;

/// <summary>Waits for what another service does in its own time: an event consumed, a row replicated.</summary>
public static class Eventually
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    /// <summary>Until <paramref name="done"/> says yes, or fails after 30 seconds saying <paramref name="what"/> never came.</summary>
    public static Task UntilAsync(Func<Task<bool>> done, string what) => UntilAsync(done, seen => seen, _ => what);

    /// <summary>
    /// Reads until <paramref name="done"/> accepts what was read, and gives it back; or fails after 30 seconds (or
    /// <paramref name="patience"/>) with what <paramref name="what"/> says of the last thing read.
    /// </summary>
    public static async Task<T> UntilAsync<T>(Func<Task<T>> read, Func<T, bool> done, Func<T, string> what, TimeSpan? patience = null)
    {
        ArgumentNullException.ThrowIfNull(read);
        ArgumentNullException.ThrowIfNull(done);
        ArgumentNullException.ThrowIfNull(what);
        var deadline = DateTime.UtcNow + (patience ?? Patience);
        while (true)
        {
            var seen = await read();
            if (done(seen))
            {
                return seen;
            }

            Assert.True(DateTime.UtcNow < deadline, what(seen));
            await Task.Delay(100);
        }
    }

    /// <summary>A GET's status and body, for <see cref="UntilAsync{T}"/> to wait on an answer.</summary>
    public static async Task<(System.Net.HttpStatusCode Status, string Body)> GetAsync(HttpClient client, string path)
    {
        ArgumentNullException.ThrowIfNull(client);
        using var response = await client.GetAsync(path);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }
}
