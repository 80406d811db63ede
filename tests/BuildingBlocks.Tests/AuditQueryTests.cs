using Infogerance.Data;

namespace Infogerance.BuildingBlocks.Tests;

public sealed class AuditQueryTests
{
    private static readonly string[] Actions = ["user.unlocked", "user.created"];

    private static (IReadOnlyCollection<string> Fields, AuditLog.Filter Filter) Check(AuditLog.Query query)
    {
        var errors = AuditLog.ValidateQuery(query, Actions, out _, out var filter);
        return ([.. errors.ToDictionary().Keys], filter);
    }

    [Fact]
    public void An_empty_query_reads_the_first_page_unfiltered()
    {
        var query = new AuditLog.Query();
        var (fields, filter) = Check(query);
        Assert.Empty(fields);
        Assert.Equal(AuditLog.Filter.None, filter);
        Assert.Equal(AuditLog.DefaultPageSize, query.PageSize);
    }

    [Fact]
    public void A_filter_is_read_as_written_blanks_as_absent()
    {
        var (fields, filter) = Check(new() { Limit = "200", Actor = "  Ada ", Action = "user.unlocked", From = "2026-02-28", To = "2026-02-28" });
        Assert.Empty(fields);
        Assert.Equal(new AuditLog.Filter("Ada", "user.unlocked", new DateOnly(2026, 2, 28), new DateOnly(2026, 2, 28)), filter);
        Assert.Equal(AuditLog.Filter.None, Check(new() { Actor = " ", Action = "", From = "" }).Filter);
    }

    [Theory]
    [InlineData("limit", "0")]
    [InlineData("limit", "201")]
    [InlineData("limit", "-1")]
    [InlineData("limit", "ten")]
    [InlineData("before", "not-a-cursor")]
    [InlineData("action", "contract.created")]
    [InlineData("action", "USER.UNLOCKED")]
    [InlineData("from", "2026-02-30")]
    [InlineData("to", "28/02/2026")]
    public void A_bad_value_is_refused_naming_its_field(string field, string value)
    {
        var query = field switch
        {
            "limit" => new AuditLog.Query { Limit = value },
            "before" => new AuditLog.Query { Before = value },
            "action" => new AuditLog.Query { Action = value },
            "from" => new AuditLog.Query { From = value },
            _ => new AuditLog.Query { To = value },
        };
        Assert.Equal([field], Check(query).Fields);
    }

    [Fact]
    public void The_last_day_may_not_come_before_the_first_and_an_actor_is_at_most_200_characters()
    {
        Assert.Equal(["to"], Check(new() { From = "2026-03-02", To = "2026-03-01" }).Fields);
        Assert.Empty(Check(new() { Actor = new string('a', 200) }).Fields);
        Assert.Equal(["actor"], Check(new() { Actor = new string('a', 201) }).Fields);
    }
}
