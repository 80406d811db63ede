namespace Infogerance.Identity.Domain;

/// <summary>After <see cref="MaxFailures"/> wrong passwords in a row, the account refuses every log-in for a while.</summary>
public sealed record LockoutPolicy(int MaxFailures, TimeSpan Duration)
{
    public bool IsLocked(DateTimeOffset? lockedUntil, DateTimeOffset now) => lockedUntil > now;

    /// <summary>The failure count and lock after one more wrong password.</summary>
    public (int Failures, DateTimeOffset? LockedUntil) AfterFailure(int failures, DateTimeOffset now) =>
        failures + 1 >= MaxFailures ? (0, now + Duration) : (failures + 1, null);
}
