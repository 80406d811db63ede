using Infogerance.Invoicing.Domain;
using Infogerance.ServiceDefaults;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Infogerance.Invoicing.Api;

/// <summary>
/// A month's penalties computed from figures the caller gives, before any statement exists: the terms editor shows
/// what its rules mean, and outside checks compare their own computation with ours. The same rules as the statements.
/// Open to anyone signed in, client or provider: it reads nothing stored.
/// </summary>
public static class PenaltiesApi
{
    public static void MapPenaltiesApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/penalties").RequireAuthorization();
        group.MapPost("/preview", PreviewAsync);
    }

    /// <summary>Computes a month's penalties (breaches, franchise, success-rate credits, availability bands, caps, minimum) from the figures given.</summary>
    public static Task<Results<Ok<PenaltyStatementResult>, ProblemHttpResult>> PreviewAsync(PenaltyPreviewRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var (input, errors) = PenaltyPreview.Check(request);
        Results<Ok<PenaltyStatementResult>, ProblemHttpResult> result = input is null
            ? Problems.Invalid(errors)
            : TypedResults.Ok(PenaltyStatement.Compute(input));
        return Task.FromResult(result);
    }
}
