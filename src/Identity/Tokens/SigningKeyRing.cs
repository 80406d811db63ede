using System.Security.Cryptography;
using System.Text.Json;
using Dapper;
using Infogerance.ServiceDefaults;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using Infogerance.Data;
using Infogerance.Identity.Data;

namespace Infogerance.Identity.Tokens;

/// <summary>
/// The ES256 keys that sign access tokens. A new key is published <see cref="IdentitySettings.KeyPublicationLead"/>
/// before it signs anything, so the services' cached JWKS already hold it; the previous key stays published
/// a day after it stopped signing. Every replica reads the same keys from the database.
/// </summary>
public sealed class SigningKeyRing(Database database, IOptions<IdentitySettings> settings, TimeProvider time, ILogger<SigningKeyRing> logger)
    : IStartupTask
{
    private static readonly TimeSpan ReloadEvery = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan KeptAfterUse = TimeSpan.FromDays(1);

    private readonly SemaphoreSlim _reload = new(1, 1);
    private KeySet? _keys;

    private sealed record KeySet(DateTimeOffset LoadedAt, SigningCredentials Active, IReadOnlyList<JsonWebKey> Published);

    private sealed record StoredKey(string Id, byte[] PrivateKey, string PublicJwk, DateTimeOffset ActivatesAt, DateTimeOffset RetiresAt);

    public Task RunAsync(CancellationToken cancellationToken) => RotateIfDueAsync(cancellationToken);

    public async Task<SigningCredentials> SigningCredentialsAsync(CancellationToken cancellationToken) =>
        (await KeysAsync(cancellationToken)).Active;

    public async Task<IReadOnlyList<JsonWebKey>> PublishedKeysAsync(CancellationToken cancellationToken) =>
        (await KeysAsync(cancellationToken)).Published;

    /// <summary>Forgets the cached keys: the next use reads them again.</summary>
    public void Invalidate() => _keys = null;

    /// <summary>
    /// A token named a key we do not know: re-read the keys, but at most every few seconds, so that a flood of
    /// tokens with made-up key ids cannot turn into a flood of queries.
    /// </summary>
    public void RequestReload()
    {
        if (_keys is { } keys && time.GetUtcNow() - keys.LoadedAt > TimeSpan.FromSeconds(10))
        {
            _keys = null;
        }
    }

    /// <summary>Creates the first key, or the next one when the active key's time is nearly up. Safe on several replicas.</summary>
    public async Task RotateIfDueAsync(CancellationToken cancellationToken)
    {
        var options = settings.Value;
        // In the platform's scope: key changes are audited in the platform's log.
        await using var unitOfWork = await database.BeginAsync(PlatformOrganisation.Id, cancellationToken);
        await unitOfWork.ExecuteAsync("SELECT pg_advisory_xact_lock(hashtext('identity.signing_keys'))");

        var now = time.GetUtcNow();
        var (active, pending) = await unitOfWork.QuerySingleOrDefaultAsync<(DateTimeOffset? Active, bool Pending)>(
            """
            SELECT (SELECT max(activates_at) FROM signing_keys WHERE activates_at <= @now AND retires_at > @now),
                   EXISTS (SELECT 1 FROM signing_keys WHERE activates_at > @now)
            """,
            new { now });
        DateTimeOffset? activatesAt = (active, pending) switch
        {
            // None signs now (first start, or the service was down past the last key's retirement): one at once.
            (null, _) => now,
            (_, true) => null,
            ({ } current, false) when current + options.KeyRotationInterval - options.KeyPublicationLead <= now =>
                Max(current + options.KeyRotationInterval, now + options.KeyPublicationLead),
            _ => null,
        };
        if (activatesAt is { } activation)
        {
            var key = NewKey(now, activation, activation + options.KeyRotationInterval + KeptAfterUse);
            await unitOfWork.ExecuteAsync(
                """
                INSERT INTO signing_keys (id, private_key, public_jwk, created_at, activates_at, retires_at)
                VALUES (@Id, @PrivateKey, @PublicJwk::jsonb, @Now, @Activation, @Retirement)
                """,
                key);
            await AuditLog.WriteAsync(unitOfWork, PlatformOrganisation.Id, AuditLog.Actor.System, "signing-key.created", "signing-key", key.AuditId, null,
                new { key.Id, ActivatesAt = activation, RetiresAt = key.Retirement });
            logger.LogInformation("Signing key created, signing from {ActivatesAt}", activation);
        }

        await unitOfWork.CommitAsync();
        Invalidate();
    }

    private async Task<KeySet> KeysAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (_keys is { } fresh && now - fresh.LoadedAt < ReloadEvery)
        {
            return fresh;
        }

        await _reload.WaitAsync(cancellationToken);
        try
        {
            if (_keys is { } reloaded && now - reloaded.LoadedAt < ReloadEvery)
            {
                return reloaded;
            }

            await using var connection = await database.DataSource.OpenConnectionAsync(cancellationToken);
            var stored = (await connection.QueryAsync<StoredKey>(
                """
                SELECT id, private_key, public_jwk::text AS public_jwk, activates_at, retires_at
                FROM signing_keys WHERE retires_at > @now ORDER BY activates_at
                """,
                new { now })).ToList();
            var active = stored.LastOrDefault(key => key.ActivatesAt <= now)
                ?? throw new InvalidOperationException("No signing key is active: the key rotation has not run.");

            var ecdsa = ECDsa.Create();
            ecdsa.ImportPkcs8PrivateKey(active.PrivateKey, out _);
            var credentials = new SigningCredentials(new ECDsaSecurityKey(ecdsa) { KeyId = active.Id }, SecurityAlgorithms.EcdsaSha256);
            _keys = new KeySet(now, credentials, [.. stored.Select(key => new JsonWebKey(key.PublicJwk))]);
            return _keys;
        }
        finally
        {
            _reload.Release();
        }
    }

    private sealed record NewSigningKey(string Id, byte[] PrivateKey, string PublicJwk, DateTimeOffset Now, DateTimeOffset Activation, DateTimeOffset Retirement)
    {
        public Guid AuditId { get; } = Guid.CreateVersion7();
    }

    private static NewSigningKey NewKey(DateTimeOffset now, DateTimeOffset activation, DateTimeOffset retirement)
    {
        using var ecdsa = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var id = Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(12));
        var parameters = ecdsa.ExportParameters(includePrivateParameters: false);
        var publicJwk = JsonSerializer.Serialize(new Dictionary<string, string>
        {
            ["kty"] = "EC",
            ["crv"] = "P-256",
            ["x"] = Base64UrlEncoder.Encode(parameters.Q.X),
            ["y"] = Base64UrlEncoder.Encode(parameters.Q.Y),
            ["kid"] = id,
            ["use"] = "sig",
            ["alg"] = SecurityAlgorithms.EcdsaSha256,
        });
        return new NewSigningKey(id, ecdsa.ExportPkcs8PrivateKey(), publicJwk, now, activation, retirement);
    }

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;
}

/// <summary>Checks the rotation every few minutes.</summary>
public sealed class SigningKeyRotation(SigningKeyRing keys, ILogger<SigningKeyRotation> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMinutes(5));
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await keys.RotateIfDueAsync(stoppingToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                logger.LogError(exception, "Signing key rotation failed; retrying at the next tick");
            }
        }
    }
}
