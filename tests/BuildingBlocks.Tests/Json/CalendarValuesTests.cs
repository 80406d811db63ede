using System.Text.Json;
using Infogerance.ServiceDefaults;

namespace Infogerance.BuildingBlocks.Tests.Json;

/// <summary>Days and instants in request bodies: with their offset, within the product's years, or refused naming the field.</summary>
public sealed class CalendarValuesTests
{
    private static readonly JsonSerializerOptions Options = RequestJson.Options;

    private sealed record Outage(DateTimeOffset StartedAt, DateTimeOffset? EndedAt = null, DateOnly? Anniversary = null);

    [Theory]
    [InlineData("2026-03-29T01:30:00Z", "2026-03-29T01:30:00+00:00")]
    [InlineData("2026-03-29T03:30:00+02:00", "2026-03-29T01:30:00+00:00")]
    [InlineData("2026-03-29T03:30:00.125-05:00", "2026-03-29T08:30:00.125+00:00")]
    [InlineData("1900-01-01T00:00:00Z", "1900-01-01T00:00:00+00:00")]
    public void An_instant_with_its_offset_is_read_as_that_instant(string text, string expected) =>
        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture),
            JsonSerializer.Deserialize<Outage>($$"""{"startedAt": "{{text}}"}""", Options)!.StartedAt);

    [Theory]
    [InlineData("2026-03-29T03:30:00")]
    [InlineData("2026-03-29")]
    [InlineData("2026-03-29 03:30:00+02:00")]
    [InlineData("yesterday")]
    public void An_instant_without_its_offset_is_refused_not_guessed(string text)
    {
        var refused = Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<Outage>($$"""{"startedAt": "2026-01-01T00:00:00Z", "endedAt": "{{text}}"}""", Options));
        Assert.Equal("$.endedAt", refused.Path);
        Assert.Equal(InstantWithOffset.Refusal, refused.Message);
    }

    [Theory]
    [InlineData("0001-01-01T00:00:00Z")]
    [InlineData("1899-12-31T23:59:59Z")]
    [InlineData("2200-01-01T00:00:00Z")]
    [InlineData("9999-12-31T23:59:59Z")]
    public void An_instant_outside_the_products_years_is_refused(string text)
    {
        var refused = Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<Outage>($$"""{"startedAt": "{{text}}"}""", Options));
        Assert.Equal(CalendarBounds.Refusal, refused.Message);
        Assert.Equal("$.startedAt", refused.Path);
    }

    [Theory]
    [InlineData("0001-01-01", false)]
    [InlineData("9999-12-31", false)]
    [InlineData("1899-12-31", false)]
    [InlineData("1900-01-01", true)]
    [InlineData("2199-12-31", true)]
    [InlineData("2200-01-01", false)]
    public void A_day_is_read_within_the_products_years(string text, bool accepted)
    {
        var json = $$"""{"startedAt": "2026-01-01T00:00:00Z", "anniversary": "{{text}}"}""";
        if (accepted)
        {
            Assert.Equal(DateOnly.Parse(text, System.Globalization.CultureInfo.InvariantCulture), JsonSerializer.Deserialize<Outage>(json, Options)!.Anniversary);
        }
        else
        {
            Assert.Equal(CalendarBounds.Refusal, Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<Outage>(json, Options)).Message);
        }
    }
}
