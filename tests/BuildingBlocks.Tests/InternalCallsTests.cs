using Infogerance.ServiceDefaults;

namespace Infogerance.BuildingBlocks.Tests;

/// <summary>The services' internal key: what a caller must present, and when a service has none at all.</summary>
public sealed class InternalCallsTests
{
    private const string Key = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

    [Theory]
    [InlineData(Key, true)]
    [InlineData(Key + "0", false)]
    [InlineData("0123456789abcdef", false)]
    [InlineData("1123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void Only_the_very_key_opens_the_internal_routes(string? presented, bool opens) =>
        Assert.Equal(opens, InternalCalls.KeyMatches(Key, presented));

    [Fact]
    public void A_service_without_a_key_of_enough_length_has_its_internal_routes_off_and_no_key_matches_nothing()
    {
        Assert.False(new InternalCallSettings().IsConfigured);
        Assert.False(new InternalCallSettings { Key = "short" }.IsConfigured);
        Assert.True(new InternalCallSettings { Key = Key }.IsConfigured);
        Assert.False(InternalCalls.KeyMatches(null, null));
        Assert.False(InternalCalls.KeyMatches("", ""));
    }
}
