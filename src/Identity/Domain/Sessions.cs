namespace Infogerance.Identity.Domain;

/// <summary>A session ends after <see cref="IdleTimeout"/> without use, and in any case <see cref="Lifetime"/> after log-in.</summary>
public sealed record SessionPolicy(TimeSpan IdleTimeout, TimeSpan Lifetime)
{
    public bool IsAlive(DateTimeOffset lastSeenAt, DateTimeOffset expiresAt, DateTimeOffset now) =>
        now < expiresAt && now - lastSeenAt < IdleTimeout;
}
