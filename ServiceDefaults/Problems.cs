using Infogerance.Validation;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Infogerance.ServiceDefaults;

/// <summary>
/// The problem-details answers our endpoints share. Each carries a stable <c>code</c> (and its
/// <c>parameters</c>) besides its text, written in the caller's language; a 422 also gives, beside each field's
/// texts in <c>errors</c>, their codes and parameters in <c>errorCodes</c> at the same positions.
/// </summary>
public static class Problems
{
    public const string CodeKey = "code";
    public const string ParametersKey = "parameters";
    public const string ErrorCodesKey = "errorCodes";

    /// <summary>A field's message as a program reads it.</summary>
    public sealed record FieldCode(string Code, IReadOnlyDictionary<string, object?> Parameters);

    /// <summary>422 naming each field that is wrong (camelCase, as in the request body).</summary>
    public static ProblemHttpResult Invalid(FieldErrors errors) => TypedResults.Problem(ValidationProblem(errors, StatusCodes.Status422UnprocessableEntity));

    public static ProblemHttpResult Invalid(string field, Message message) => Invalid(FieldErrors.Of(field, message));

    /// <summary>409: the request is sound but the object's state refuses it; the message says why.</summary>
    public static ProblemHttpResult Conflict(Message message) => Problem(StatusCodes.Status409Conflict, message);

    /// <summary>A problem of any status whose detail is <paramref name="message"/>.</summary>
    public static ProblemHttpResult Problem(int status, Message message) =>
        TypedResults.Problem(new Microsoft.AspNetCore.Mvc.ProblemDetails
        {
            Status = status,
            Title = ProblemTexts.TitleOf(status).Text,
            Detail = message.Text,
            Extensions = { [CodeKey] = message.Code, [ParametersKey] = message.Parameters },
        });

    /// <summary>The validation problem for <paramref name="errors"/>, texts in the current UI language.</summary>
    public static HttpValidationProblemDetails ValidationProblem(FieldErrors errors, int status)
    {
        ArgumentNullException.ThrowIfNull(errors);
        return new HttpValidationProblemDetails(errors.ToDictionary())
        {
            Title = ProblemTexts.TitleOf(status).Text,
            Status = status,
            Extensions =
            {
                [CodeKey] = status == StatusCodes.Status400BadRequest ? ProblemTexts.MalformedCode : ProblemTexts.InvalidCode,
                [ErrorCodesKey] = errors.ByField.ToDictionary(
                    entry => entry.Key,
                    entry => entry.Value.Select(message => new FieldCode(message.Code, message.Parameters)).ToArray()),
            },
        };
    }
}
