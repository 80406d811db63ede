using System.Text.Json;
using Infogerance.Data;

namespace Infogerance.BuildingBlocks.Tests;

public sealed class AuditChangesTests
{
    private static JsonElement? J(string? json) => json is null ? null : JsonDocument.Parse(json).RootElement.Clone();

    private static AuditLog.Change C(string field, string? before, string? after) => new(field, before, after);

    [Fact]
    public void Names_the_leaves_that_differ_by_json_path_lists_of_plain_values_as_one_leaf()
    {
        var changes = AuditChanges.Between(
            J("""{"prices":{"monthlyFee":1000,"workUnits":[{"code":"A","unitPrice":10}]},"roles":["Requester"],"same":"x"}"""),
            J("""{"prices":{"monthlyFee":1200,"workUnits":[{"code":"A","unitPrice":12},{"code":"B","unitPrice":5}]},"roles":["Requester","Auditor"],"same":"x"}"""));

        Assert.Equal(
            [
                C("prices.monthlyFee", "1000", "1200"), C("prices.workUnits[0].unitPrice", "10", "12"), C("prices.workUnits[1].code", null, "B"),
                C("prices.workUnits[1].unitPrice", null, "5"), C("roles", """["Requester"]""", """["Requester","Auditor"]"""),
            ],
            changes);
    }

    [Fact]
    public void A_creation_is_every_field_going_from_nothing_to_its_value_and_a_removal_the_reverse()
    {
        Assert.Equal([C("title", null, "New"), C("quantity", null, "2")], AuditChanges.Between(null, J("""{"title":"New","quantity":2}""")));
        Assert.Equal([C("title", "Old", null)], AuditChanges.Between(J("""{"title":"Old"}"""), J("null")));
    }

    [Fact]
    public void Plain_values_are_one_leaf_without_a_name_and_equal_snapshots_change_nothing()
    {
        Assert.Equal([C("", "draft", "signed")], AuditChanges.Between(J("\"draft\""), J("\"signed\"")));
        Assert.Empty(AuditChanges.Between(J("""{"a":1}"""), J("""{"a":1}""")));
        Assert.Empty(AuditChanges.Between(null, null));
    }

    [Fact]
    public void An_entry_that_records_its_changes_is_read_as_recorded()
    {
        var changes = AuditChanges.Between(
            J("""{"version":2,"changes":[{"field":"prices.monthlyFee","before":"12500","after":"13200"},{"field":"calendar.weekly","before":null,"after":"monday 08:00–12:00"}]}"""),
            J("""{"version":2,"terms":{"noticeMonths":3}}"""));

        Assert.Equal([C("prices.monthlyFee", "12500", "13200"), C("calendar.weekly", null, "monday 08:00–12:00")], changes);
    }

    [Fact]
    public void A_changes_property_of_another_shape_is_compared_as_any_other()
    {
        Assert.Equal([C("changes", "3", "4")], AuditChanges.Between(J("""{"changes":3}"""), J("""{"changes":4}""")));
        Assert.Equal([C("changes[0]", "[1]", "[2]")], AuditChanges.Between(J("""{"changes":[[1]]}"""), J("""{"changes":[[2]]}""")));
    }
}
