using Infogerance.Incidents.Domain;

namespace Infogerance.Incidents.Tests;

/// <summary>What a saved view of a list may hold.</summary>
public sealed class SavedViewsTests
{
    [Theory]
    [InlineData("tickets", "Mes P1", "priority=P1&assignee=me")]
    [InlineData("tickets", "  Tout  ", "")]
    [InlineData("tickets", "Recherche", "q=imprimante%203e&sort=title&order=desc")]
    public void A_view_of_a_known_list_with_a_name_and_an_address_query_is_accepted(string list, string name, string query) =>
        Assert.True(SavedViews.Check(list, name, query).IsEmpty);

    [Theory]
    [InlineData(null, "Vue", "q=a", "list")]
    [InlineData("contracts", "Vue", "q=a", "list")]
    [InlineData("tickets", null, "q=a", "name")]
    [InlineData("tickets", "   ", "q=a", "name")]
    [InlineData("tickets", "Vue\u0000", "q=a", "name")]
    [InlineData("tickets", "Vue", null, "query")]
    [InlineData("tickets", "Vue", "?q=a", "query")]
    [InlineData("tickets", "Vue", "q=a b", "query")]
    public void Anything_else_names_its_field(string? list, string? name, string? query, string field) =>
        Assert.Equal([field], SavedViews.Check(list, name, query).Fields);

    [Fact]
    public void The_name_and_the_query_have_their_lengths()
    {
        Assert.True(SavedViews.Check("tickets", new string('v', SavedViews.MaxName), new string('q', SavedViews.MaxQuery)).IsEmpty);
        Assert.Equal(["name", "query"], SavedViews.Check("tickets", new string('v', SavedViews.MaxName + 1), new string('q', SavedViews.MaxQuery + 1)).Fields.Order());
    }
}
