using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Infogerance.ServiceDefaults;

/// <summary>The problem-details answers our endpoints share.</summary>
public static class Problems
{
    /// <summary>422 naming each field that is wrong (camelCase, as in the request body).</summary>
    public static ProblemHttpResult Invalid(Dictionary<string, string[]> errors) =>
        TypedResults.Problem(new HttpValidationProblemDetails(errors)
        {
            Title = "The request has invalid fields.",
            Status = StatusCodes.Status422UnprocessableEntity,
        });

    public static ProblemHttpResult Conflict(string detail) =>
        TypedResults.Problem(detail: detail, statusCode: StatusCodes.Status409Conflict);
}
