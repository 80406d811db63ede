using System.Globalization;
using Infogerance.Contracts.Domain;
using Infogerance.Contracts.Data;
using Infogerance.Data;
using Infogerance.ServiceDefaults;
using Infogerance.Validation;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Infogerance.Contracts.Api;

/// <summary>A month's Syntec index value (<c>yyyy-MM</c>) in its series, <c>new</c> or <c>old</c>.</summary>
public sealed record IndexValue(string Month, decimal Value, string Series);

/// <summary>The value to publish for a month, in the new series unless <c>old</c> is named.</summary>
public sealed record IndexValueRequest(decimal? Value, string? Series);

/// <summary>The Syntec index, maintained by the platform's Operators and read by everyone for price revisions.</summary>
public static class IndicesApi
{
    public static void MapIndicesApi(this IEndpointRouteBuilder app)
    {
        var indices = app.MapGroup("/indices/syntec").RequireAuthorization();
        indices.MapGet("", ListAsync);
        indices.MapPut("/{month}", PublishAsync).RequireAuthorization(Policies.Operator);
    }

    /// <summary>Lists every published Syntec value, by month.</summary>
    public static async Task<Ok<IndexValue[]>> ListAsync(Database database, CancellationToken cancellationToken)
    {
        await using var unitOfWork = await database.ReadAsync([], cancellationToken);
        return TypedResults.Ok((await SyntecStore.AllAsync(unitOfWork)).Select(index => new IndexValue(index.Month, index.Value, index.Series)).ToArray());
    }

    /// <summary>An Operator publishes (or corrects) a month's Syntec value.</summary>
    public static async Task<Results<Ok<IndexValue>, ProblemHttpResult>> PublishAsync(
        string month, IndexValueRequest request, CurrentUser user, Database database, TimeProvider clock, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        if (!DateOnly.TryParseExact($"{month}-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
        {
            errors.Add("month", ContractMessages.IndexMonth);
        }

        if (request.Value is not (> 0 and < 100_000) || decimal.Round(request.Value.Value, 1) != request.Value)
        {
            errors.Add("value", ContractMessages.IndexValue);
        }

        if (!errors.IsEmpty)
        {
            return Problems.Invalid(errors);
        }

        if (request.Series is not (null or SyntecSeries.Old or SyntecSeries.New))
        {
            return Problems.Invalid("series", ContractMessages.IndexSeries(SyntecSeries.New, SyntecSeries.Old));
        }

        var series = request.Series ?? SyntecSeries.New;
        await using var unitOfWork = await database.BeginAsync(PlatformOrganisation.Id, cancellationToken);
        var before = await SyntecStore.FindAsync(unitOfWork, month, series);
        var after = new IndexValue(month, request.Value!.Value, series);
        await SyntecStore.UpsertAsync(unitOfWork, new SyntecIndex(after.Month, after.Value, after.Series));
        // A revision that waited for this index, or used an older one, is looked at again at the next pass.
        await PriceRevisions.LookAgainAsync(unitOfWork, ContractsApi.Today(clock));
        await AuditLog.WriteAsync(unitOfWork, PlatformOrganisation.Id, AuditLog.Actor.Of(user), "syntec.published", "index",
            Guid.Empty, before is null ? null : new IndexValue(before.Month, before.Value, before.Series), after);
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
        await SyntecStore.InsertMissingAsync(unitOfWork, known);
        await unitOfWork.CommitAsync();
    }
}
