using Infogerance.Data;

namespace Infogerance.Identity.Data;

/// <summary>A subject (user, session or service account) whose tokens stop counting from <see cref="RevokedAt"/>.</summary>
public sealed record Revocation(Guid Subject, DateTimeOffset RevokedAt);

/// <summary>
/// The feed of lost access the gateway polls, written in the transaction of the change that takes the access away.
/// </summary>
public static class Revocations
{
    public static readonly TimeSpan KeptFor = TimeSpan.FromDays(1);

    public static Task RecordAsync(UnitOfWork unitOfWork, Guid subject) =>
        unitOfWork.ExecuteAsync(
            """
            INSERT INTO revocations (subject, revoked_at) VALUES (@subject, now());
            DELETE FROM revocations WHERE revoked_at < now() - @KeptFor
            """,
            new { subject, KeptFor });

    /// <summary>The revocations since <paramref name="since"/>, and the instant they were read at.</summary>
    public static async Task<(IReadOnlyList<Revocation> Items, DateTimeOffset AsOf)> SinceAsync(UnitOfWork unitOfWork, DateTimeOffset since)
    {
        // One round trip, so one implicit transaction in a read: the instant is that of the rows read.
        using var results = await unitOfWork.QueryMultipleAsync(
            """
            SELECT now();
            SELECT subject, revoked_at FROM revocations WHERE revoked_at >= @since ORDER BY revoked_at
            """,
            new { since });
        var asOf = await results.ReadSingleAsync<DateTimeOffset>();
        return ([.. await results.ReadAsync<Revocation>()], asOf);
    }
}
