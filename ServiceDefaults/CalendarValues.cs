using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;

namespace Infogerance.ServiceDefaults;

/// <summary>
/// The days and instants the API accepts: from 1900 to 2199, which holds every contract, ticket and index the product
/// knows, and refuses 0001-01-01 and 9999-12-31 before any rule has to think about them.
/// </summary>
public static class CalendarBounds
{
    public static readonly DateOnly FirstDay = new(1900, 1, 1);
    public static readonly DateOnly LastDay = new(2199, 12, 31);

    /// <summary>The exception's text, by which the 400 handler recognises it.</summary>
    public const string Refusal = "The date is outside the years 1900 to 2199.";

    public static bool Holds(DateOnly day) => day >= FirstDay && day <= LastDay;

    public static bool Holds(DateTimeOffset instant) => Holds(DateOnly.FromDateTime(instant.UtcDateTime));
}

/// <summary>A day of the API, within <see cref="CalendarBounds"/>.</summary>
public sealed class BoundedDay : JsonConverter<DateOnly>
{
    /// <summary>The exception's text, by which the 400 handler recognises it.</summary>
    public const string Refusal = "Expected a date written yyyy-MM-dd.";

    public override DateOnly Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String
            || !DateOnly.TryParseExact(reader.GetString(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            throw new JsonException(Refusal);
        }

        return CalendarBounds.Holds(day) ? day : throw new JsonException(CalendarBounds.Refusal);
    }

    public override void Write(Utf8JsonWriter writer, DateOnly value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
}

/// <summary>
/// An instant of the API: ISO 8601 with its offset (<c>Z</c> or <c>±hh:mm</c>), within <see cref="CalendarBounds"/>.
/// One without an offset is refused, never guessed: the server's zone, UTC and the contract calendar's zone would each
/// give another instant.
/// </summary>
public sealed partial class InstantWithOffset : JsonConverter<DateTimeOffset>
{
    /// <summary>The exception's text, by which the 400 handler recognises it.</summary>
    public const string Refusal = "Expected a date and time with its offset.";

    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String || !OffsetPattern().IsMatch(reader.GetString()!) || !reader.TryGetDateTimeOffset(out var instant))
        {
            throw new JsonException(Refusal);
        }

        return CalendarBounds.Holds(instant) ? instant : throw new JsonException(CalendarBounds.Refusal);
    }

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) => writer.WriteStringValue(value);

    [GeneratedRegex(@"T\d{2}:\d{2}(:\d{2}(\.\d+)?)?([Zz]|[+-]\d{2}:\d{2})$")]
    private static partial Regex OffsetPattern();
}
