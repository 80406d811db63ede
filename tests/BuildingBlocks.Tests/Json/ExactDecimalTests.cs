using System.Text.Json;
using Infogerance.ServiceDefaults;

namespace Infogerance.BuildingBlocks.Tests.Json;

/// <summary>Numbers in request bodies: read as written, or refused; never rounded on the way in.</summary>
public sealed class ExactDecimalTests
{
    private static readonly JsonSerializerOptions Options = RequestJson.Options;

    private sealed record Price(decimal Amount, decimal? Optional = null);

    [Theory]
    [InlineData("0", "0")]
    [InlineData("-0.00", "0")]
    [InlineData("12500", "12500")]
    [InlineData("12500.50", "12500.50")]
    [InlineData("1e3", "1000")]
    [InlineData("1.5E-2", "0.015")]
    [InlineData("79228162514264337593543950335", "79228162514264337593543950335")]
    [InlineData("0.0000000000000000000000000001", "0.0000000000000000000000000001")]
    [InlineData("1.000000000000000000000000000000000000000", "1")]
    public void A_number_a_decimal_holds_is_read_exactly(string text, string expected)
    {
        Assert.True(ExactDecimal.TryReadExactly(text, out var value));
        Assert.Equal(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), value);
        Assert.Equal(value, JsonSerializer.Deserialize<Price>($$"""{"amount": {{text}}}""", Options)!.Amount);
    }

    [Theory]
    [InlineData("0.123456789012345678901234567891")] // 30 significant digits
    [InlineData("79228162514264337593543950336")]   // above decimal's range
    [InlineData("1e29")]
    [InlineData("0.00000000000000000000000000001")] // 29 decimal places: would be read as 0
    [InlineData("1e-29")]
    [InlineData("1e999999999999")]
    [InlineData("1.0000000000000000000000000000001")]
    public void A_number_a_decimal_would_round_is_refused(string text)
    {
        Assert.False(ExactDecimal.TryReadExactly(text, out _));
        var refused = Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<Price>($$"""{"amount": 1, "optional": {{text}}}""", Options));
        Assert.Equal(ExactDecimal.Refusal, refused.Message);
        Assert.Equal("$.optional", refused.Path);
    }

    [Fact]
    public void Four_hundred_digits_are_refused_not_rounded() =>
        Assert.False(ExactDecimal.TryReadExactly("1." + new string('3', 400), out _));

    [Fact]
    public void A_string_where_a_number_is_expected_is_refused_as_the_default_reader_refuses_it()
    {
        var builtIn = Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<Price>("""{"amount": "12"}""", new JsonSerializerOptions { PropertyNamingPolicy = JsonNamingPolicy.CamelCase }));
        var refused = Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<Price>("""{"amount": "12"}""", Options));
        Assert.Equal(builtIn.Message, refused.Message);
    }
}
