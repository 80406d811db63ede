using System.Globalization;
using Infogerance.Contracts.Domain;
using Infogerance.Data;
using Infogerance.ServiceDefaults;

namespace Infogerance.Contracts.Api;

public sealed record IndexValue(string Month, decimal Value, string Series);

public sealed record IndexValueRequest(decimal? Value, string? Series);

/// <summary>The Syntec index, maintained by the platform's Operators and read by everyone for price revisions.</summary>
public static class IndicesApi
{
    public static void MapIndicesApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/indices/syntec", ListAsync).RequireAuthorization();
        app.MapPut("/indices/syntec/{month}", PublishAsync).RequireAuthorization(Policies.Operator);
    }

    public static async Task<IReadOnlyList<SyntecIndex>> AllAsync(UnitOfWork unitOfWork) =>
        [.. await unitOfWork.QueryAsync<SyntecIndex>("SELECT month, value, series FROM syntec_indices ORDER BY month")];

    public static async Task<IResult> ListAsync(Database database, CancellationToken cancellationToken)
    {
        await using var unitOfWork = await database.BeginAsync([], cancellationToken);
        return TypedResults.Ok((await AllAsync(unitOfWork)).Select(index => new IndexValue(index.Month, index.Value, index.Series)).ToArray());
    }

    public static async Task<IResult> PublishAsync(string month, IndexValueRequest request, CurrentUser user, Database database, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        if (!DateOnly.TryParseExact($"{month}-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
        {
            errors["month"] = ["A month written yyyy-MM."];
        }

        if (request.Value is not (> 0 and < 100_000) || decimal.Round(request.Value.Value, 1) != request.Value)
        {
            errors["value"] = ["A positive index value with at most one decimal."];
        }

        if (errors.Count > 0)
        {
            return Problems.Invalid(errors);
        }

        if (request.Series is not (null or SyntecSeries.Old or SyntecSeries.New))
        {
            return Problems.Invalid(new Dictionary<string, string[]>() { ["series"] = [$"\"{SyntecSeries.New}\" (the default) or \"{SyntecSeries.Old}\"."] });
        }

        var series = request.Series ?? SyntecSeries.New;
        await using var unitOfWork = await database.BeginAsync(PlatformOrganisation.Id, cancellationToken);
        var before = await unitOfWork.QuerySingleOrDefaultAsync<IndexValue>(
            "SELECT month, value, series FROM syntec_indices WHERE month = @month AND series = @series", new { month, series });
        var after = new IndexValue(month, request.Value!.Value, series);
        await unitOfWork.ExecuteAsync(
            """
            INSERT INTO syntec_indices (month, value, series, updated_at) VALUES (@Month, @Value, @Series, now())
            ON CONFLICT (month, series) DO UPDATE SET value = excluded.value, series = excluded.series, updated_at = excluded.updated_at
            """,
            after);
        await AuditLog.WriteAsync(unitOfWork, PlatformOrganisation.Id, AuditLog.Actor.Of(user), "syntec.published", "index",
            Guid.Empty, before, after);
        await unitOfWork.CommitAsync();
        return TypedResults.Ok(after);
    }
}

/// <summary>Loads the known Syntec values on first start, so that revisions work before any Operator has published one.</summary>
public sealed class SyntecSeed(Database database) : IStartupTask
{
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var known = SyntecReference.Load();
        await using var unitOfWork = await database.BeginAsync([], cancellationToken);
        await unitOfWork.ExecuteAsync(
            """
            INSERT INTO syntec_indices (month, value, series, updated_at)
            SELECT month, value, series, now() FROM unnest(@months, @values, @series) AS i(month, value, series)
            ON CONFLICT (month, series) DO NOTHING
            """,
            new { months = known.Select(i => i.Month).ToArray(), values = known.Select(i => i.Value).ToArray(), series = known.Select(i => i.Series).ToArray() });
        await unitOfWork.CommitAsync();
    }
}
