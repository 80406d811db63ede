using Infogerance.Contracts.Domain;
using Infogerance.Data;

namespace Infogerance.Contracts.Data;

/// <summary>The Syntec index values, shared by every tenant.</summary>
public static class SyntecStore
{
    public static async Task<IReadOnlyList<SyntecIndex>> AllAsync(UnitOfWork unitOfWork) =>
        [.. await unitOfWork.QueryAsync<SyntecIndex>("SELECT month, value, series FROM syntec_indices ORDER BY month")];

    public static Task<SyntecIndex?> FindAsync(UnitOfWork unitOfWork, string month, string series) =>
        unitOfWork.QuerySingleOrDefaultAsync<SyntecIndex>(
            "SELECT month, value, series FROM syntec_indices WHERE month = @month AND series = @series", new { month, series });

    /// <summary>Publishes a month's value in its series, replacing the one published before.</summary>
    public static Task UpsertAsync(UnitOfWork unitOfWork, SyntecIndex index) =>
        unitOfWork.ExecuteAsync(
            """
            INSERT INTO syntec_indices (month, value, series, updated_at) VALUES (@Month, @Value, @Series, now())
            ON CONFLICT (month, series) DO UPDATE SET value = excluded.value, series = excluded.series, updated_at = excluded.updated_at
            """,
            index);

    /// <summary>Adds the values not yet there, leaving those an Operator published untouched.</summary>
    public static Task InsertMissingAsync(UnitOfWork unitOfWork, IReadOnlyList<SyntecIndex> known) =>
        unitOfWork.ExecuteAsync(
            """
            INSERT INTO syntec_indices (month, value, series, updated_at)
            SELECT month, value, series, now() FROM unnest(@months, @values, @series) AS i(month, value, series)
            ON CONFLICT (month, series) DO NOTHING
            """,
            new { months = known.Select(i => i.Month).ToArray(), values = known.Select(i => i.Value).ToArray(), series = known.Select(i => i.Series).ToArray() });
}
