using System.Globalization;
using CsvHelper;
using Infogerance.IntegrationEvents;
using Infogerance.ServiceLevels;

namespace Infogerance.Contracts.Domain;

/// <summary>One monthly value of the Syntec index. <see cref="Month"/> is <c>yyyy-MM</c>; <see cref="Series"/> is <see cref="SyntecSeries.Old"/> or <see cref="SyntecSeries.New"/>.</summary>
public sealed record SyntecIndex(string Month, decimal Value, string Series);

/// <summary>
/// The two Syntec series. The federation replaced the index in August 2022 (base 100 in 1961 → revised index) and
/// published a linking coefficient (coefficient de raccordement) of 0.97975 so that contracts whose S0 predates the
/// change can still be revised.
/// </summary>
public static class SyntecSeries
{
    public const string Old = "old";
    public const string New = "new";

    /// <summary>
    /// new = old × 0.97975. The reference table holds August 2022 in both series: 286.4 in the old one and 280.6 in the
    /// revised one, and 280.6 / 286.4 = 0.97975 — the revised series is the lower, so an old-series value is multiplied
    /// by the coefficient to be expressed in the new series (and a new-series value divided by it to go back). A note
    /// in the table quoting a "corrected" 2025 value as new × 0.97975 applies it the other way round and contradicts
    /// the August 2022 pair, so it is not followed.
    /// </summary>
    public const decimal LinkingCoefficient = 0.97975m;

    /// <summary>The value expressed in the new series, so that any two indices can be divided.</summary>
    public static decimal InNewSeries(SyntecIndex index) => index.Series switch
    {
        New => index.Value,
        Old => index.Value * LinkingCoefficient,
        _ => throw new ArgumentException($"Unknown Syntec series '{index.Series}'.", nameof(index)),
    };
}

/// <summary>The known Syntec values shipped with the service (<c>Reference/syntec.csv</c>), the seed of the operators' index table.</summary>
public static class SyntecReference
{
    public const string ResourceName = "Infogerance.Contracts.Reference.syntec.csv";

    /// <summary>Every row of the table in file order; August 2022 appears twice, once per series.</summary>
    public static IReadOnlyList<SyntecIndex> Load()
    {
        using var stream = typeof(SyntecReference).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The embedded resource {ResourceName} is missing.");
        using var reader = new StreamReader(stream);
        return Parse(reader);
    }

    /// <summary>Columns <c>month,value,series,source_url,note</c>; a row that does not parse is a broken build, so it throws.</summary>
    public static IReadOnlyList<SyntecIndex> Parse(TextReader reader)
    {
        using var csv = CsvReader.Create(reader, CsvReaderOptions.Default, leaveOpen: true);
        var rows = new List<SyntecIndex>();
        while (csv.Read())
        {
            var row = csv.RowNumber;
            var month = csv.GetString("month");
            if (TermsRules.ParseMonth(month) is null)
            {
                throw new InvalidDataException($"Syntec reference row {row}: '{month}' is not a yyyy-MM month.");
            }

            if (!decimal.TryParse(csv.GetString("value"), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value) || value <= 0)
            {
                throw new InvalidDataException($"Syntec reference row {row}: the value is not a positive number.");
            }

            rows.Add(new SyntecIndex(month, value, NormaliseSeries(csv.GetString("series"), row)));
        }

        return rows;
    }

    // The file names the series in French and sometimes with their base ("ancien (base 100 1961)", "révisé").
    private static string NormaliseSeries(string? series, long row) => series?.Trim() switch
    {
        { } s when s.StartsWith("ancien", StringComparison.OrdinalIgnoreCase) => SyntecSeries.Old,
        { } s when s.StartsWith("révisé", StringComparison.OrdinalIgnoreCase) || s.StartsWith("revise", StringComparison.OrdinalIgnoreCase) => SyntecSeries.New,
        _ => throw new InvalidDataException($"Syntec reference row {row}: unknown series '{series}'."),
    };
}

/// <summary>The Syntec revision formula P = P0 × (a + b × S / S0).</summary>
public static class PriceRevision
{
    /// <summary>
    /// The revised price, to the cent. Both indices are brought to the new series first when they differ (see
    /// <see cref="SyntecSeries.LinkingCoefficient"/>); the ratio is kept at full precision, only the price is rounded.
    /// </summary>
    public static decimal Revise(decimal price, RevisionClause clause, SyntecIndex s0, SyntecIndex s)
    {
        ArgumentNullException.ThrowIfNull(clause);
        ArgumentNullException.ThrowIfNull(s0);
        ArgumentNullException.ThrowIfNull(s);
        var (reference, current) = s0.Series == s.Series
            ? (s0.Value, s.Value)
            : (SyntecSeries.InNewSeries(s0), SyntecSeries.InNewSeries(s));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(reference, nameof(s0));
        ArgumentOutOfRangeException.ThrowIfNegative(current, nameof(s));
        return decimal.Round(price * (clause.A + clause.B * current / reference), 2, MidpointRounding.AwayFromZero);
    }

    /// <summary>
    /// S: the index of the latest month strictly before the revision date's month among those in the table (a value
    /// is in the table once it is published). When a month is there in both series (August 2022), the new one wins:
    /// the old series ended in July 2022 and its August value was only a basis for the linking coefficient.
    /// </summary>
    public static SyntecIndex? LatestPublishedBefore(IEnumerable<SyntecIndex> indices, DateOnly revisionDate)
    {
        ArgumentNullException.ThrowIfNull(indices);
        var limit = revisionDate.ToString("yyyy-MM", CultureInfo.InvariantCulture);
        return indices
            .Where(i => i is not null && TermsRules.ParseMonth(i.Month) is not null && string.CompareOrdinal(i.Month, limit) < 0)
            .OrderByDescending(i => i.Month, StringComparer.Ordinal)
            .ThenByDescending(i => i.Series == SyntecSeries.New)
            .FirstOrDefault();
    }

    /// <summary>
    /// The first revision date strictly after <paramref name="after"/>: the anniversary's day and month (its year is
    /// ignored). A 29 February anniversary falls on 1 March in common years, the way <see cref="RenewalTerms.AddMonths"/>
    /// counts months, so revisions and renewal periods agree on the day.
    /// </summary>
    public static DateOnly NextAnniversary(RevisionClause clause, DateOnly after)
    {
        ArgumentNullException.ThrowIfNull(clause);
        var candidate = InYear(clause.Anniversary, after.Year);
        return candidate > after ? candidate : InYear(clause.Anniversary, after.Year + 1);
    }

    /// <summary>
    /// The latest anniversary on or before <paramref name="on"/> and strictly after <paramref name="after"/> (the day
    /// the version took effect: a version starting on its anniversary already carries that year's prices), or null.
    /// </summary>
    public static DateOnly? LatestAnniversary(RevisionClause clause, DateOnly after, DateOnly on)
    {
        ArgumentNullException.ThrowIfNull(clause);
        var candidate = InYear(clause.Anniversary, on.Year);
        var latest = candidate <= on ? candidate : InYear(clause.Anniversary, on.Year - 1);
        return latest > after ? latest : null;
    }

    /// <summary>S0: the index of the reference month, the revised series when the month is in both.</summary>
    public static SyntecIndex? OfMonth(IEnumerable<SyntecIndex> indices, string month)
    {
        ArgumentNullException.ThrowIfNull(indices);
        return indices.Where(i => i is not null && i.Month == month).OrderByDescending(i => i.Series == SyntecSeries.New).FirstOrDefault();
    }

    /// <summary>
    /// The linking coefficient applied to bring both indices to one series: 1 when they are in the same series,
    /// <see cref="SyntecSeries.LinkingCoefficient"/> (applied to the old-series one) when they are not.
    /// </summary>
    public static decimal CoefficientBetween(SyntecIndex s0, SyntecIndex s)
    {
        ArgumentNullException.ThrowIfNull(s0);
        ArgumentNullException.ThrowIfNull(s);
        return s0.Series == s.Series ? 1m : SyntecSeries.LinkingCoefficient;
    }

    private static DateOnly InYear(DateOnly anniversary, int year) => RenewalTerms.AddMonths(anniversary, 12 * (year - anniversary.Year));
}
