using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;

namespace Infogerance.ServiceDefaults;

/// <summary>
/// A body that is not JSON, or a value of the wrong type, is the caller's mistake: 400 with a problem naming the
/// field (the JSON path) rather than a server error. Minimal APIs throw these in every environment (see
/// <c>ThrowOnBadRequest</c>) so that this one handler shapes them all.
/// </summary>
public sealed class BadRequestExceptionHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not BadHttpRequestException bad)
        {
            return false;
        }

        context.Response.StatusCode = bad.StatusCode;
        var field = bad.InnerException is JsonException { Path: { } path } ? path.TrimStart('$', '.') : null;
        var details = new HttpValidationProblemDetails(field is null ? [] : new Dictionary<string, string[]>
        {
            [field.Length == 0 ? "body" : field] = [bad.InnerException!.Message],
        })
        {
            Status = bad.StatusCode,
            Title = "The request is malformed.",
            Detail = bad.Message,
        };
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = details, Exception = exception });
    }
}
