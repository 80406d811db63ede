using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace Infogerance.Gateway.Bff;

/// <summary>The "Revocations" configuration section: how often the gateway asks Identity whose access was taken away.</summary>
public sealed class RevocationSettings
{
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Each poll asks again for this much before the previous answer: a revocation whose transaction committed after
    /// that answer was read, but is dated before it, is not missed.
    /// </summary>
    public TimeSpan Overlap { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long a revocation is remembered: longer than any access token lives.</summary>
    public TimeSpan RememberFor { get; set; } = TimeSpan.FromMinutes(5);
}

/// <summary>
/// Users, sessions and service accounts whose access was taken away, with when: a token issued to one of them before
/// then is no longer used (a cached one is dropped and asked for again, which Identity then refuses or reissues with
/// the new roles; a caller's own bearer token is refused). Fed by <see cref="RevocationFeed"/>.
/// </summary>
public sealed class RevokedSubjects
{
    private readonly ConcurrentDictionary<Guid, DateTimeOffset> _revokedAt = new();

    public void Revoke(Guid subject, DateTimeOffset at) =>
        _revokedAt.AddOrUpdate(subject, at, (_, known) => known > at ? known : at);

    /// <summary>True when the token of <paramref name="subject"/> (and <paramref name="session"/>) issued at <paramref name="issuedAt"/> was revoked since.</summary>
    public bool Revokes(Guid? subject, Guid? session, DateTimeOffset issuedAt) =>
        RevokedSince(subject, issuedAt) || RevokedSince(session, issuedAt);

    public void Forget(DateTimeOffset before)
    {
        foreach (var (subject, at) in _revokedAt)
        {
            if (at < before)
            {
                _revokedAt.TryRemove(KeyValuePair.Create(subject, at));
            }
        }
    }

    // Tokens carry their issue time to the second: one issued in the second of the revocation counts as before it.
    private bool RevokedSince(Guid? subject, DateTimeOffset issuedAt) =>
        subject is { } id && _revokedAt.TryGetValue(id, out var at) && at >= issuedAt.AddSeconds(-1);
}

/// <summary>Asks Identity every <see cref="RevocationSettings.PollInterval"/> whose access was taken away.</summary>
public sealed partial class RevocationFeed(
    IServiceScopeFactory scopes, RevokedSubjects revoked, IOptions<RevocationSettings> settings, TimeProvider time, ILogger<RevocationFeed> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var options = settings.Value;
        var since = time.GetUtcNow() - options.RememberFor;
        using var timer = new PeriodicTimer(options.PollInterval, time);
        do
        {
            try
            {
                using var scope = scopes.CreateScope();
                var answer = await scope.ServiceProvider.GetRequiredService<IdentityClient>().RevocationsAsync(since, stoppingToken);
                foreach (var revocation in answer.Items)
                {
                    revoked.Revoke(revocation.Subject, revocation.RevokedAt);
                }

                since = answer.AsOf - options.Overlap;
                revoked.Forget(answer.AsOf - options.RememberFor);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                LogPollFailed(logger, exception);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not read the revocations from Identity; tokens held stay in use until it answers or they expire")]
    private static partial void LogPollFailed(ILogger logger, Exception exception);
}
