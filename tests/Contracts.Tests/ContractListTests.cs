using Infogerance.Contracts.Domain;
using Infogerance.Validation;

namespace Infogerance.Contracts.Tests;

/// <summary>The contract list sorted on a column, ties on the id, contracts without a deadline last.</summary>
public sealed class ContractListTests
{
    private static readonly ContractSortFields A = new(Guid.Parse("00000000-0000-7000-8000-000000000001"), "acme-01", "Run", Phases.Run, 900m, new(2026, 1, 1), new(2026, 9, 30));
    private static readonly ContractSortFields B = new(Guid.Parse("00000000-0000-7000-8000-000000000002"), "BETA-01", "draft work", Phases.Draft, 1200m, new(2026, 3, 1), null);
    private static readonly ContractSortFields C = new(Guid.Parse("00000000-0000-7000-8000-000000000003"), "Cobalt", "Run", Phases.Takeover, 900m, new(2025, 6, 1), new(2026, 6, 30));

    private static string[] Sorted(string sort, bool descending) =>
        [.. ContractList.Sort([C, A, B], new ListOrder(sort, descending), c => c).Select(c => c.Reference)];

    [Theory]
    [InlineData(ContractSorts.Reference, false, new[] { "acme-01", "BETA-01", "Cobalt" })]
    [InlineData(ContractSorts.Reference, true, new[] { "Cobalt", "BETA-01", "acme-01" })]
    [InlineData(ContractSorts.Title, false, new[] { "BETA-01", "acme-01", "Cobalt" })]
    [InlineData(ContractSorts.Title, true, new[] { "Cobalt", "acme-01", "BETA-01" })]
    [InlineData(ContractSorts.Phase, false, new[] { "BETA-01", "Cobalt", "acme-01" })]
    [InlineData(ContractSorts.MonthlyFee, false, new[] { "acme-01", "Cobalt", "BETA-01" })]
    [InlineData(ContractSorts.StartDate, true, new[] { "BETA-01", "acme-01", "Cobalt" })]
    [InlineData(ContractSorts.NoticeDeadline, false, new[] { "Cobalt", "acme-01", "BETA-01" })]
    [InlineData(ContractSorts.NoticeDeadline, true, new[] { "acme-01", "Cobalt", "BETA-01" })]
    public void The_list_follows_the_column_and_direction_asked(string sort, bool descending, string[] expected) =>
        Assert.Equal(expected, Sorted(sort, descending));

    [Fact]
    public void Every_sort_the_api_accepts_is_one_the_list_knows()
    {
        foreach (var sort in ContractSorts.All)
        {
            Assert.Equal(3, Sorted(sort, false).Distinct().Count());
        }
    }
}
