using Infogerance.Reporting.Domain;
using Microsoft.Extensions.Caching.Memory;

namespace Infogerance.Reporting.Data;

/// <summary>
/// A month's many facts of one contract as the database counted them: the tickets opened, resolved and rated, the ratings,
/// the completed clocks and the breaches, none of which depends on the instant the month is measured at; and the tickets
/// open at <see cref="OpenFrom"/>, which stay the open ones until <see cref="OpenUntil"/> (the next instant a ticket's
/// open span of the contract begins or ends; none: for ever), whatever events come, as long as none comes.
/// </summary>
public sealed record MonthCounts(
    IReadOnlyList<TicketTally> Tickets,
    IReadOnlyList<RatingTally> Ratings,
    IReadOnlyList<ClockTally> Clocks,
    IReadOnlyList<BreachTally> Breaches,
    IReadOnlyList<OpenTicket> Open,
    DateTimeOffset OpenFrom,
    DateTimeOffset? OpenUntil)
{
    public int Rows => Tickets.Count + Ratings.Count + Clocks.Count + Breaches.Count + Open.Count + 1;

    /// <summary>Whether <see cref="Open"/> are the tickets open at <paramref name="asOf"/>.</summary>
    public bool OpenAt(DateTimeOffset asOf) => asOf >= OpenFrom && (OpenUntil is not { } until || asOf < until);
}

/// <summary>
/// The months' counts read lately, each with the contract's fact version it was counted at (see the
/// <c>contract_fact_versions</c> table): a month's counts are served again only while its contract's version has not
/// moved, so an event applied since, a late one for a past month included, is always counted. A portfolio asks for 400
/// months of which most have not changed since the last time; the counts of those are not read again.
/// </summary>
public sealed class MonthCountsCache : IDisposable
{
    /// <summary>How many tally rows the cache holds at most (a month of a contract is a few dozen).</summary>
    public const long RowLimit = 500_000;

    private static readonly TimeSpan Idle = TimeSpan.FromMinutes(30);

    private readonly MemoryCache cache = new(new MemoryCacheOptions { SizeLimit = RowLimit });

    private sealed record Key(Guid ContractId, DateTimeOffset Start, DateTimeOffset End, bool Times);

    private sealed record Entry(long Version, MonthCounts Counts);

    /// <summary>The counts of the contract's month counted at <paramref name="version"/>, if remembered.</summary>
    public MonthCounts? Find(Guid contractId, DateTimeOffset start, DateTimeOffset end, bool times, long version) =>
        cache.TryGetValue(new Key(contractId, start, end, times), out Entry? entry) && entry!.Version == version ? entry.Counts : null;

    /// <summary>Remembers the counts of the contract's month, counted at <paramref name="version"/>.</summary>
    public void Keep(Guid contractId, DateTimeOffset start, DateTimeOffset end, bool times, long version, MonthCounts counts)
    {
        ArgumentNullException.ThrowIfNull(counts);
        cache.Set(
            new Key(contractId, start, end, times), new Entry(version, counts),
            new MemoryCacheEntryOptions { Size = counts.Rows, SlidingExpiration = Idle });
    }

    public void Dispose() => cache.Dispose();
}
