using System.Text.Json;
using System.Text.Json.Serialization;

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
