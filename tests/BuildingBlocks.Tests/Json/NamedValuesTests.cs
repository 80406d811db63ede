using System.Text.Json;
using Infogerance.ServiceDefaults;

namespace Infogerance.BuildingBlocks.Tests.Json;

/// <summary>Named values (enums) in request bodies: read by their camelCase names only.</summary>
public sealed class NamedValuesTests
{
    private static readonly JsonSerializerOptions Options = RequestJson.Options;

    private sealed record Organisation(OrganisationKind? Kind);

    [Fact]
    public void A_name_is_read() =>
        Assert.Equal(OrganisationKind.Provider, JsonSerializer.Deserialize<Organisation>("""{"kind": "provider"}""", Options)!.Kind);

    [Theory]
    [InlineData("42")]
    [InlineData("1")]
    [InlineData("\"42\"")]
    public void A_number_is_refused_naming_the_field_even_one_a_member_has(string value)
    {
        var refused = Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<Organisation>($$"""{"kind": {{value}}}""", Options));
        Assert.Equal("$.kind", refused.Path);
    }

    [Fact]
    public void Answers_still_write_names()
    {
        var options = new JsonSerializerOptions();
        Extensions.ConfigureJson(options);
        Assert.Equal("""{"kind":"client"}""", JsonSerializer.Serialize(new Organisation(OrganisationKind.Client), options));
    }
}
