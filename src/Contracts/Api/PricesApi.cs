using System.Globalization;
using Infogerance.Contracts.Data;
using Infogerance.Contracts.Domain;
using Infogerance.IntegrationEvents;
using Infogerance.ServiceDefaults;
using Infogerance.Validation;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Infogerance.Contracts.Api;

/// <summary>A price as the version states it (P0) and as it is in force.</summary>
public sealed record PriceInForce(decimal Base, decimal InForce);

/// <summary>A work unit's price, P0 and in force.</summary>
public sealed record WorkUnitInForce(string Code, string Label, decimal Base, decimal InForce);

/// <summary>
/// The revision clause and what it used: a and b, S0 (the reference month's index), and, once an anniversary has passed
/// since the version took effect, that <see cref="Anniversary"/>, S and the linking coefficient that brought both to one
/// series (1 when they are in the same one).
/// </summary>
public sealed record RevisionInForce(decimal A, decimal B, string ReferenceMonth, DateOnly NextAnniversary, IndexUsed? S0, DateOnly? Anniversary, IndexUsed? S, decimal? Coefficient);

/// <summary>The prices in force on <see cref="At"/>: the version giving P0, since when these prices apply, and the revision.</summary>
public sealed record ContractPrices(
    Guid ContractId, DateOnly At, int VersionNumber, DateOnly VersionEffectiveFrom, DateOnly EffectiveOn,
    PriceInForce MonthlyFee, IReadOnlyList<WorkUnitInForce> WorkUnits, RevisionInForce? Revision);

/// <summary>A price to revise: P0, a and b, the reference month of S0 (<c>yyyy-MM</c>) and the revision date (<c>yyyy-MM-dd</c>).</summary>
public sealed record RevisionPreviewRequest(decimal? Price, decimal? A, decimal? B, string? ReferenceMonth, string? RevisionDate);

/// <summary>S0 and S as read in the index table, the linking coefficient applied, and the revised price.</summary>
public sealed record RevisionPreview(IndexUsed S0, IndexUsed S, decimal Coefficient, decimal RevisedPrice);

/// <summary>The revised prices in force of a contract, and the revision formula for anyone to try.</summary>
public static class PricesApi
{
    private const decimal MaxPrice = 1_000_000_000m;

    public static void MapPricesApi(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/{contractId:guid}").RequireAuthorization(Policies.ContractReaders).MapGet("/prices", PricesAsync);
        app.MapGroup("/revision").RequireAuthorization().MapPost("/preview", PreviewAsync);
    }

    /// <summary>The monthly fee and work-unit prices in force on a date (today in the contract calendar's zone by default), with the indices used.</summary>
    public static Task<Results<Ok<ContractPrices>, NotFound, ProblemHttpResult>> PricesAsync(
        Guid contractId, string? at, [AsParameters] ContractServices services, CancellationToken cancellationToken) =>
        services.ReadAsync<Results<Ok<ContractPrices>, NotFound, ProblemHttpResult>>(contractId, () => TypedResults.NotFound(), async (unitOfWork, contract) =>
        {
            DateOnly? asked = null;
            if (at is not null)
            {
                if (!DateOnly.TryParseExact(at, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
                {
                    return Problems.Invalid("at", ContractMessages.DateFormat);
                }

                asked = parsed;
            }

            var versions = (await ContractStore.VersionsAsync(unitOfWork, contract)).ToList();
            var active = PriceRevisions.Priced(versions);
            if (active.Count == 0)
            {
                return Problems.Conflict(ContractMessages.NoSignedTerms);
            }

            var on = asked ?? PriceRevisions.TodayFor(services.Clock, versions);
            // Before the first version starts, its own prices are those that will apply.
            var version = PricesRule.VersionOn(active, on) ?? active.MinBy(priced => priced.EffectiveFrom)!;
            var indices = await SyntecStore.AllAsync(unitOfWork);
            var (prices, missing) = PricesRule.On(version, on, indices);
            if (missing is not null)
            {
                return Problems.Conflict(MissingMessage(missing));
            }

            return TypedResults.Ok(Describe(contract.ContractId, on, prices!, indices));
        }, cancellationToken);

    /// <summary>Revises one price with the published indices: S0 of the reference month, S the latest month before the revision date's.</summary>
    public static async Task<Results<Ok<RevisionPreview>, ProblemHttpResult>> PreviewAsync(
        RevisionPreviewRequest request, Infogerance.Data.Database database, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (Check(request) is { IsEmpty: false } errors)
        {
            return Problems.Invalid(errors);
        }

        await using var unitOfWork = await database.ReadAsync([], cancellationToken);
        var indices = await SyntecStore.AllAsync(unitOfWork);
        var revisionDate = DateOnly.ParseExact(request.RevisionDate!, "yyyy-MM-dd", CultureInfo.InvariantCulture);
        if (PriceRevision.OfMonth(indices, request.ReferenceMonth!) is not { } s0)
        {
            return Problems.Invalid("s0", ContractMessages.ReferenceIndexMissing(request.ReferenceMonth!));
        }

        if (PriceRevision.LatestPublishedBefore(indices, revisionDate) is not { } s)
        {
            return Problems.Invalid("s", ContractMessages.RevisionIndexMissing(MonthBefore(revisionDate)));
        }

        var clause = new RevisionClause { A = request.A!.Value, B = request.B!.Value, ReferenceMonth = s0.Month, Anniversary = revisionDate };
        return TypedResults.Ok(new RevisionPreview(Used(s0), Used(s), PriceRevision.CoefficientBetween(s0, s), PriceRevision.Revise(request.Price!.Value, clause, s0, s)));
    }

    /// <summary>Each malformed field under its name; a + b must be 1, said under <c>b</c> as the terms rules say it.</summary>
    public static FieldErrors Check(RevisionPreviewRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var errors = new FieldErrors();
        switch (request.Price)
        {
            case null:
                errors.Add("price", ContractMessages.ValueRequired);
                break;
            case < 0:
                errors.Add("price", ContractMessages.AmountNegative);
                break;
            case >= MaxPrice:
                errors.Add("price", ContractMessages.AmountTooLarge);
                break;
            case { } price when decimal.Round(price, 2) != price:
                errors.Add("price", ContractMessages.AmountCents);
                break;
        }

        if (request.A is not { } a)
        {
            errors.Add("a", ContractMessages.ValueRequired);
        }
        else if (a < 0)
        {
            errors.Add("a", ContractMessages.FixedPartNegative);
        }

        if (request.B is not { } b)
        {
            errors.Add("b", ContractMessages.ValueRequired);
        }
        else if (b < 0)
        {
            errors.Add("b", ContractMessages.IndexedPartNegative);
        }
        else if (request.A is >= 0 && request.A + b != 1m)
        {
            errors.Add("b", ContractMessages.PartsSum(request.A.Value, b));
        }

        if (TermsRules.ParseMonth(request.ReferenceMonth) is null)
        {
            errors.Add("referenceMonth", ContractMessages.ReferenceMonthFormat);
        }

        if (!DateOnly.TryParseExact(request.RevisionDate, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
        {
            errors.Add("revisionDate", ContractMessages.DateFormat);
        }

        return errors;
    }

    private static ContractPrices Describe(Guid contractId, DateOnly on, PricesInForce prices, IReadOnlyList<SyntecIndex> indices)
    {
        var version = prices.Version;
        var revision = version.Revision is not { } clause ? null : new RevisionInForce(
            clause.A, clause.B, clause.ReferenceMonth, PriceRevision.NextAnniversary(clause, on),
            (prices.Revision?.S0 ?? PriceRevision.OfMonth(indices, clause.ReferenceMonth)) is { } s0 ? Used(s0) : null,
            prices.Revision?.Anniversary, prices.Revision is { } applied ? Used(applied.S) : null, prices.Revision?.Coefficient);
        return new ContractPrices(
            contractId, on, version.Number, version.EffectiveFrom, prices.EffectiveOn,
            new PriceInForce(version.Prices.AgreedFee(), prices.Prices.AgreedFee()),
            [.. version.Prices.WorkUnits.Zip(prices.Prices.WorkUnits, (unit, revised) => new WorkUnitInForce(unit.Code, unit.Label, unit.UnitPrice, revised.UnitPrice))],
            revision);
    }

    private static Message MissingMessage(MissingIndex missing) =>
        missing.Field == "s0" ? ContractMessages.ReferenceIndexMissing(missing.Month) : ContractMessages.RevisionIndexMissing(missing.Month);

    private static string MonthBefore(DateOnly date) => date.AddMonths(-1).ToString("yyyy-MM", CultureInfo.InvariantCulture);

    private static IndexUsed Used(SyntecIndex index) => new(index.Month, index.Value, index.Series);
}
