using System.Text.Json;
using System.Text.RegularExpressions;
using Infogerance.Validation;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;

namespace Infogerance.ServiceDefaults;

/// <summary>
/// A body that is not JSON, a value of the wrong type or a parameter that cannot be read is the caller's mistake:
/// 400 with a problem naming the field (the JSON path or the parameter) and saying, in the caller's language, what
/// was expected, rather than a server error or the framework's text (which names .NET types). Minimal APIs throw
/// these in every environment (see <c>ThrowOnBadRequest</c>) so that this one handler shapes them all.
/// </summary>
public sealed partial class BadRequestExceptionHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not BadHttpRequestException bad)
        {
            return false;
        }

        // A value left out, or a day no contract can have, is no malformed JSON: like any other value the rules refuse,
        // it is a 422 naming it.
        var json = bad.InnerException as JsonException;
        var missing = json is null ? [] : MissingFields(json);
        var status = missing.Count > 0 || json?.Message == CalendarBounds.Refusal ? StatusCodes.Status422UnprocessableEntity : bad.StatusCode;
        context.Response.StatusCode = status;
        var errors = missing.Count > 0 ? MissingErrors(missing)
            : bad.StatusCode == StatusCodes.Status400BadRequest ? FieldErrorsOf(bad) : new FieldErrors();
        if (status != bad.StatusCode)
        {
            context.Response.StatusCode = status;
        }

        var details = Problems.ValidationProblem(errors, status);
        details.Detail = errors.IsEmpty ? null : BadRequestTexts.SeeFields.Text;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = details, Exception = exception });
    }

    /// <summary>The JSON paths of the required members the serializer found missing (see <c>[JsonRequired]</c>).</summary>
    private static List<string> MissingFields(JsonException json)
    {
        var names = MissingPattern().Match(json.Message);
        if (!names.Success)
        {
            return [];
        }

        var parent = json.Path?.TrimStart('$', '.') ?? "";
        return [.. names.Groups["names"].Value.Split(", ").Select(name => name.Trim('\''))
            .Select(name => parent.Length == 0 ? name : $"{parent}.{name}")];
    }

    private static FieldErrors MissingErrors(IEnumerable<string> fields)
    {
        var errors = new FieldErrors();
        foreach (var field in fields)
        {
            errors.Add(field, BadRequestTexts.Required);
        }

        return errors;
    }

    private static FieldErrors FieldErrorsOf(BadHttpRequestException bad)
    {
        if (bad.InnerException is JsonException json)
        {
            var path = json.Path?.TrimStart('$', '.') ?? "";
            return FieldErrors.Of(path.Length == 0 ? "body" : path, MessageOf(json));
        }

        if (bad.Message.Contains("no body was provided", StringComparison.Ordinal))
        {
            return FieldErrors.Of("body", BadRequestTexts.BodyRequired);
        }

        // "Failed to bind parameter "int limit" from "abc"." and the like: the parameter's name and type are in
        // the framework's text, which is the only place they are given.
        if (ParameterPattern().Match(bad.Message) is { Success: true } parameter)
        {
            var field = IsBody(bad) ? "body" : parameter.Groups["name"].Value;
            return bad.Message.Contains("was not provided", StringComparison.Ordinal)
                ? FieldErrors.Of(field, IsBody(bad) ? BadRequestTexts.BodyRequired : BadRequestTexts.Required)
                : FieldErrors.Of(field, BadRequestTexts.Expected(ExpectationOf(parameter.Groups["type"].Value)));
        }

        return bad.Message.Contains("body", StringComparison.OrdinalIgnoreCase)
            ? FieldErrors.Of("body", BadRequestTexts.BodyUnreadable)
            : new FieldErrors();
    }

    private static bool IsBody(BadHttpRequestException bad) =>
        bad.Message.Contains("body", StringComparison.OrdinalIgnoreCase) || bad.InnerException is JsonException;

    private static Message MessageOf(JsonException json)
    {
        if (json.Message == TextWithoutNul.Refusal)
        {
            return BadRequestTexts.Nul;
        }

        if (json.Message == ExactDecimal.Refusal)
        {
            return BadRequestTexts.NumberNotExact;
        }

        if (json.Message == CalendarBounds.Refusal)
        {
            return BadRequestTexts.DateOutOfBounds;
        }

        if (json.Message == InstantWithOffset.Refusal)
        {
            return BadRequestTexts.Expected(BadRequestTexts.Instant);
        }

        if (json.Message == BoundedDay.Refusal)
        {
            return BadRequestTexts.Expected(BadRequestTexts.Date);
        }

        return ConversionPattern().Match(json.Message) is { Success: true } conversion
            ? BadRequestTexts.Expected(ExpectationOf(conversion.Groups["type"].Value))
            : BadRequestTexts.NotJson;
    }

    /// <summary>What a value of a .NET type looks like to the person who wrote it.</summary>
    public static BadRequestTexts.Expectation ExpectationOf(string typeName)
    {
        var type = typeName.Trim();
        var nullable = NullablePattern().Match(type);
        if (nullable.Success)
        {
            type = nullable.Groups["inner"].Value;
        }

        var simple = type[(type.LastIndexOf('.') + 1)..];
        return simple switch
        {
            "DateOnly" => BadRequestTexts.Date,
            "DateTimeOffset" or "DateTime" => BadRequestTexts.Instant,
            "TimeOnly" => BadRequestTexts.Time,
            "Guid" => BadRequestTexts.Identifier,
            "Int16" or "Int32" or "Int64" or "Byte" or "UInt16" or "UInt32" or "UInt64" or "short" or "int" or "long" => BadRequestTexts.WholeNumber,
            "Decimal" or "Double" or "Single" or "decimal" or "double" or "float" => BadRequestTexts.Number,
            "Boolean" or "bool" => BadRequestTexts.Boolean,
            "String" or "string" => BadRequestTexts.Text,
            _ when type.Contains("[]", StringComparison.Ordinal) || type.Contains("List", StringComparison.Ordinal)
                || type.Contains("Enumerable", StringComparison.Ordinal) => BadRequestTexts.List,
            _ => FindType(type) switch
            {
                { IsEnum: true } enumType => BadRequestTexts.OneOf(Enum.GetNames(enumType).Select(JsonNamingPolicy.CamelCase.ConvertName)),
                { IsClass: true } => BadRequestTexts.Object,
                _ => BadRequestTexts.Value,
            },
        };
    }

    /// <summary>Our own types, named in full by the serializer's text.</summary>
    private static Type? FindType(string fullName) =>
        fullName.StartsWith("Infogerance.", StringComparison.Ordinal)
            ? AppDomain.CurrentDomain.GetAssemblies().Select(assembly => assembly.GetType(fullName)).FirstOrDefault(type => type is not null)
            : null;

    [GeneratedRegex("""missing required properties including: (?<names>'[^']+'(, '[^']+')*)""")]
    private static partial Regex MissingPattern();

    [GeneratedRegex("""converted to (?<type>[^ .][^ ]*?)\. Path""")]
    private static partial Regex ConversionPattern();

    [GeneratedRegex("""parameter "(?<type>[^"]+) (?<name>[^" ]+)"\s""")]
    private static partial Regex ParameterPattern();

    [GeneratedRegex("""^System\.Nullable`1\[\[?(?<inner>[^,\]]+)|^(?<inner>[^?]+)\?$""")]
    private static partial Regex NullablePattern();
}

/// <summary>What a 400 says, in both languages.</summary>
public static class BadRequestTexts
{
    /// <summary>A kind of value, as a person would write it, with a stable code.</summary>
    public sealed record Expectation(string Code, string English, string French);

    public static readonly Expectation Date = new("date", "a date written yyyy-MM-dd", "une date écrite aaaa-mm-jj");
    public static readonly Expectation Instant = new(
        "instant", "a date and time with its offset, written yyyy-MM-ddTHH:mm:ss+01:00", "une date et une heure avec leur décalage, écrites aaaa-mm-jjTHH:mm:ss+01:00");
    public static readonly Expectation Time = new("time", "a time written HH:mm", "une heure écrite HH:mm");
    public static readonly Expectation Identifier = new("identifier", "an identifier (UUID)", "un identifiant (UUID)");
    public static readonly Expectation WholeNumber = new("wholeNumber", "a whole number", "un nombre entier");
    public static readonly Expectation Number = new("number", "a number", "un nombre");
    public static readonly Expectation Boolean = new("boolean", "true or false", "true ou false (vrai ou faux)");
    public static readonly Expectation Text = new("text", "text", "du texte");
    public static readonly Expectation List = new("list", "a list", "une liste");
    public static readonly Expectation Value = new("value", "one of the accepted values", "l'une des valeurs acceptées");
    public static readonly Expectation Object = new("object", "an object { … } with the documented fields", "un objet { … } avec les champs documentés");

    public static Expectation OneOf(IEnumerable<string> values)
    {
        var list = string.Join(", ", values);
        return new("oneOf", $"one of {list}", $"l'une des valeurs {list}");
    }

    public static Message Expected(Expectation expectation) =>
        new Message("malformed.value", $"Expected {expectation.English}.", $"Valeur attendue : {expectation.French}.").With("expected", expectation.Code);

    public static readonly Message NotJson = new("malformed.json", "The body is not valid JSON.", "Le corps de la requête n'est pas du JSON valide.");
    public static readonly Message NumberNotExact = new Message(
            "malformed.number.inexact",
            $"This number cannot be kept as written: at most {ExactDecimal.MaxDigits} significant digits and {ExactDecimal.MaxDigits} decimal places.",
            $"Ce nombre ne peut pas être conservé tel qu'écrit : au plus {ExactDecimal.MaxDigits} chiffres significatifs et {ExactDecimal.MaxDigits} décimales.")
        .With("maxDigits", ExactDecimal.MaxDigits);

    public static readonly Message DateOutOfBounds = new Message(
            "malformed.date.outOfBounds",
            "Dates run from the year 1900 to the year 2199.",
            "Les dates vont de l'année 1900 à l'année 2199.")
        .With("first", CalendarBounds.FirstDay).With("last", CalendarBounds.LastDay);

    public static readonly Message Nul = new("text.nul", "Text may not contain the NUL character.", "Le texte ne peut pas contenir le caractère NUL.");
    public static readonly Message Required = new("required", "This value is required.", "Cette valeur est requise.");
    public static readonly Message BodyRequired = new("body.required", "A JSON body is required.", "Un corps JSON est requis.");
    public static readonly Message BodyUnreadable = new("body.unreadable", "The body could not be read.", "Le corps de la requête n'a pas pu être lu.");
    public static readonly Message SeeFields = new("malformed", "Some values could not be read: see each field.", "Certaines valeurs n'ont pas pu être lues : voir chaque champ.");
}
