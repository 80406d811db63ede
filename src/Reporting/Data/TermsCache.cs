using Infogerance.Reporting.Domain;
using Microsoft.Extensions.Caching.Memory;

namespace Infogerance.Reporting.Data;

/// <summary>
/// The versions of contracts' terms read lately, parsed. A version is written once into the replica and never changed,
/// so it is known again by its contract, number, first day and activation: a portfolio of 200 contracts reads their
/// versions' keys, not 800 KB of terms to parse at every call.
/// </summary>
public sealed class TermsCache : IDisposable
{
    /// <summary>How many versions the cache holds at most.</summary>
    public const long VersionLimit = 20_000;

    private static readonly TimeSpan Idle = TimeSpan.FromHours(1);

    private readonly MemoryCache cache = new(new MemoryCacheOptions { SizeLimit = VersionLimit });

    public sealed record Key(Guid ContractId, int VersionNumber, DateOnly EffectiveFrom, DateTimeOffset ActivatedAt);

    public TermsVersion? Find(Key key) => cache.TryGetValue(key, out TermsVersion? version) ? version : null;

    public void Keep(Key key, TermsVersion version) =>
        cache.Set(key, version, new MemoryCacheEntryOptions { Size = 1, SlidingExpiration = Idle });

    public void Dispose() => cache.Dispose();
}
