using Infogerance.IntegrationEvents;

namespace Infogerance.Contracts.Domain;

/// <summary>What the prices in force are computed from: one active version's number, start, prices and revision clause.</summary>
public sealed record PricedVersion(int Number, DateOnly EffectiveFrom, PriceSchedule Prices, RevisionClause? Revision);

/// <summary>The revision applied: the anniversary R, both indices and the linking coefficient that brought them to one series.</summary>
public sealed record AppliedRevision(DateOnly Anniversary, SyntecIndex S0, SyntecIndex S, decimal Coefficient);

/// <summary>
/// The prices in force on a date: those of <see cref="Version"/> (its P0) revised at <see cref="Revision"/>'s
/// anniversary, or P0 itself when no anniversary has passed since the version took effect (or it has no clause).
/// <see cref="EffectiveOn"/> is when these prices began: the anniversary, else the version's start.
/// </summary>
public sealed record PricesInForce(PricedVersion Version, DateOnly EffectiveOn, PriceSchedule Prices, AppliedRevision? Revision);

/// <summary>An index a revision needs is not in the operators' table: <see cref="Field"/> is <c>s0</c> or <c>s</c>.</summary>
public sealed record MissingIndex(string Field, string Month);

/// <summary>The rule of the prices in force (pure: the versions and the index table are given).</summary>
public static class PricesRule
{
    /// <summary>
    /// The version in force on <paramref name="on"/> gives P0, a, b and S0. If an anniversary of its clause falls after
    /// the version took effect and on or before <paramref name="on"/>, the latest one R gives S, the index of the latest
    /// month strictly before R's month (<see cref="PriceRevision.LatestPublishedBefore"/>), and each price becomes
    /// P0 × (a + b × S / S0) to the cent (<see cref="PriceRevision.Revise"/>). An index that is needed and missing is
    /// said, never guessed.
    /// </summary>
    public static (PricesInForce? Prices, MissingIndex? Missing) On(PricedVersion version, DateOnly on, IReadOnlyList<SyntecIndex> indices)
    {
        ArgumentNullException.ThrowIfNull(version);
        ArgumentNullException.ThrowIfNull(indices);
        if (version.Revision is not { } clause || PriceRevision.LatestAnniversary(clause, version.EffectiveFrom, on) is not { } anniversary)
        {
            return (new PricesInForce(version, version.EffectiveFrom, version.Prices, null), null);
        }

        if (PriceRevision.OfMonth(indices, clause.ReferenceMonth) is not { } s0)
        {
            return (null, new MissingIndex("s0", clause.ReferenceMonth));
        }

        if (PriceRevision.LatestPublishedBefore(indices, anniversary) is not { } s)
        {
            return (null, new MissingIndex("s", anniversary.AddMonths(-1).ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture)));
        }

        var prices = version.Prices with
        {
            MonthlyFee = version.Prices.MonthlyFee is { } fee ? PriceRevision.Revise(fee, clause, s0, s) : null,
            WorkUnits = [.. version.Prices.WorkUnits.Select(unit => unit with { UnitPrice = PriceRevision.Revise(unit.UnitPrice, clause, s0, s) })],
        };
        return (new PricesInForce(version, anniversary, prices, new AppliedRevision(anniversary, s0, s, PriceRevision.CoefficientBetween(s0, s))), null);
    }

    /// <summary>The active version in force on a date (the latest started), or null before the first one starts.</summary>
    public static PricedVersion? VersionOn(IEnumerable<PricedVersion> active, DateOnly on) =>
        active.Where(version => version.EffectiveFrom <= on).OrderBy(version => version.Number).LastOrDefault();

    /// <summary>
    /// The next day the prices may change after <paramref name="today"/>: the next anniversary of the version in force,
    /// or the start of a later version, whichever comes first.
    /// </summary>
    public static DateOnly? NextChange(IReadOnlyList<PricedVersion> active, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(active);
        var later = active.Where(version => version.EffectiveFrom > today).Select(version => (DateOnly?)version.EffectiveFrom).Min();
        var anniversary = VersionOn(active, today) is { Revision: { } clause } ? PriceRevision.NextAnniversary(clause, today) : (DateOnly?)null;
        return (later, anniversary) switch
        {
            ({ } a, { } b) => a < b ? a : b,
            ({ } a, null) => a,
            (null, var b) => b,
        };
    }
}
