using Infogerance.Incidents.Domain;
using Infogerance.Validation;

namespace Infogerance.Incidents.Tests;

/// <summary>A list's search box and sort parameters, and the keyset cursor that pages a sorted ticket list.</summary>
public sealed class TicketListsTests
{
    [Theory]
    [InlineData("printer", "%printer%", null)]
    [InlineData("  VPN down ", "%VPN down%", null)]
    [InlineData("1234", "%1234%", 1234L)]
    [InlineData("#42", "%#42%", 42L)]
    [InlineData("100%_\\", "%100\\%\\_\\\\%", null)]
    [InlineData("1234567890123456789", "%1234567890123456789%", null)]
    public void A_search_finds_its_text_anywhere_and_reads_a_number(string q, string pattern, long? number)
    {
        var errors = new FieldErrors();
        var search = ListSearch.Parse(errors, "q", q);
        Assert.True(errors.IsEmpty);
        Assert.Equal(pattern, search!.Pattern);
        Assert.Equal(number, search.Number);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void An_empty_search_is_no_search(string? q)
    {
        var errors = new FieldErrors();
        Assert.Null(ListSearch.Parse(errors, "q", q));
        Assert.True(errors.IsEmpty);
    }

    [Theory]
    [InlineData(101)]
    [InlineData(100_000)]
    public void A_search_longer_than_the_maximum_names_the_field(int length)
    {
        var errors = new FieldErrors();
        Assert.Null(ListSearch.Parse(errors, "q", new string('a', length)));
        Assert.Equal("list.search", Assert.Single(errors["q"]).Code);
        Assert.Null(ListSearch.Parse(new FieldErrors(), "q", new string('a', 100))?.Number);
    }

    [Fact]
    public void A_search_with_a_control_character_names_the_field()
    {
        var errors = new FieldErrors();
        Assert.Null(ListSearch.Parse(errors, "q", "a\0b"));
        Assert.True(errors.Contains("q"));
    }

    [Theory]
    [InlineData(null, null, "urgency", false)]
    [InlineData("newest", null, "newest", true)]
    [InlineData("newest", "asc", "newest", false)]
    [InlineData("title", null, "title", false)]
    [InlineData("priority", "desc", "priority", true)]
    public void A_sort_defaults_to_the_list_s_and_to_its_own_direction(string? sort, string? order, string expected, bool descending)
    {
        var errors = new FieldErrors();
        var listOrder = ListOrder.Parse(errors, sort, order, TicketSorts.All, TicketSorts.Urgency, TicketSorts.DescendingByDefault);
        Assert.True(errors.IsEmpty);
        Assert.Equal(new ListOrder(expected, descending), listOrder);
    }

    [Theory]
    [InlineData("oldest", null, "sort")]
    [InlineData("Title", null, "sort")]
    [InlineData("title", "up", "order")]
    [InlineData("title", "DESC", "order")]
    public void An_unknown_sort_or_order_names_its_field(string sort, string? order, string field)
    {
        var errors = new FieldErrors();
        Assert.Null(ListOrder.Parse(errors, sort, order, TicketSorts.All, TicketSorts.Urgency));
        Assert.Equal([field], errors.Fields);
    }

    [Theory]
    [InlineData("title", false, "Imprimante en panne")]
    [InlineData("urgency", false, "2026-12-07T10:15:00.1234567Z")]
    [InlineData("newest", true, "")]
    [InlineData("requester", true, "Léa \u001e Fontaine:é")]
    public void A_cursor_gives_back_its_key_and_id_under_the_same_order(string sort, bool descending, string key)
    {
        var id = Guid.CreateVersion7();
        var cursor = TicketCursor.Write(sort, descending, id, key);
        Assert.DoesNotContain('=', cursor);
        Assert.DoesNotContain('+', cursor);
        Assert.DoesNotContain('/', cursor);
        Assert.Equal((id, key), TicketCursor.Read(cursor, sort, descending));
    }

    [Fact]
    public void A_cursor_read_under_another_sort_or_direction_or_forged_is_refused()
    {
        var cursor = TicketCursor.Write("title", false, Guid.CreateVersion7(), "A");
        Assert.Null(TicketCursor.Read(cursor, "requester", false));
        Assert.Null(TicketCursor.Read(cursor, "title", true));
        Assert.Null(TicketCursor.Read("not a cursor!", "title", false));
        Assert.Null(TicketCursor.Read(Convert.ToBase64String(Guid.CreateVersion7().ToByteArray()), "title", false));
        Assert.Null(TicketCursor.Read("", "title", false));
    }
}
