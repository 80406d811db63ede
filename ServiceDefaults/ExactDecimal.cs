using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Infogerance.ServiceDefaults;

/// <summary>
/// A number is read exactly as written or refused: <see cref="decimal"/> holds 28 significant digits and 28 decimal
/// places, and the default reader rounds whatever lies beyond (a 400-digit amount was silently stored rounded, a tiny
/// one as zero). Refused on the way in, as the 400 naming the field it is.
/// </summary>
public sealed class ExactDecimal : JsonConverter<decimal>
{
    /// <summary>The exception's text, by which the 400 handler recognises it.</summary>
    public const string Refusal = "The number cannot be held exactly.";

    public const int MaxDigits = 28;

    public override decimal Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.Number)
        {
            // The reader's own refusal, which the serializer turns into its usual error naming the type and the path.
            return reader.GetDecimal();
        }

        var text = reader.HasValueSequence ? Encoding.ASCII.GetString(reader.ValueSequence) : Encoding.ASCII.GetString(reader.ValueSpan);
        return TryReadExactly(text, out var value) ? value : throw new JsonException(Refusal);
    }

    public override void Write(Utf8JsonWriter writer, decimal value, JsonSerializerOptions options) => writer.WriteNumberValue(value);

    /// <summary>Reads a JSON number's text when a decimal holds it exactly: the same significant digits, none lost.</summary>
    public static bool TryReadExactly(string text, out decimal value)
    {
        ArgumentNullException.ThrowIfNull(text);
        value = 0;
        var digits = SignificantDigits(text);
        // A decimal's 96 bits hold 28 digits, and some numbers of 29: anything longer is refused before parsing.
        return digits.Length <= MaxDigits + 1
            && decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value)
            && SignificantDigits(Math.Abs(value).ToString(CultureInfo.InvariantCulture)) == digits;
    }

    /// <summary>The digits of a number's mantissa without sign, point, leading or trailing zeros.</summary>
    private static string SignificantDigits(string number)
    {
        var exponentAt = number.IndexOfAny(['e', 'E']);
        var mantissa = exponentAt < 0 ? number : number[..exponentAt];
        return mantissa.Replace("-", "", StringComparison.Ordinal).Replace(".", "", StringComparison.Ordinal).Trim('0');
    }
}
