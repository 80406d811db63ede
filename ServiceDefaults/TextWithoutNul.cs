using System.Text.Json;
using System.Text.Json.Serialization;
using Infogerance.Validation;
using Microsoft.AspNetCore.Http;

namespace Infogerance.ServiceDefaults;

/// <summary>
/// JSON allows "\u0000" in a string; PostgreSQL's text and jsonb do not. Refused on the way in, as the malformed
/// input it is (400 naming the field), rather than failing at the database.
/// </summary>
public sealed class TextWithoutNul : JsonConverter<string>
{
    /// <summary>The exception's text, by which the 400 handler recognises it.</summary>
    public const string Refusal = "Text may not contain the NUL character.";

    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var text = reader.GetString();
        return text is not null && text.Contains('\0') ? throw new JsonException(Refusal) : text;
    }

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);
}

/// <summary>
/// A NUL in the path or in a query parameter is refused before any endpoint reads it, as <see cref="TextWithoutNul"/>
/// refuses it in a body: 400 naming the parameter (or <c>path</c>), never a server error at the database.
/// </summary>
public sealed class NulInRequestRefusal(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        var field = request.Path.Value?.Contains('\0') == true
            ? "path"
            : request.Query.FirstOrDefault(parameter => parameter.Key.Contains('\0') || parameter.Value.Any(value => value?.Contains('\0') == true)).Key;
        if (field is null)
        {
            return next(context);
        }

        var details = Problems.ValidationProblem(FieldErrors.Of(field.Replace("\0", "", StringComparison.Ordinal), BadRequestTexts.Nul), StatusCodes.Status400BadRequest);
        details.Detail = BadRequestTexts.SeeFields.Text;
        return TypedResults.Problem(details).ExecuteAsync(context);
    }
}
