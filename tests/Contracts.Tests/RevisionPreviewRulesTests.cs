using Infogerance.Contracts.Api;

namespace Infogerance.Contracts.Tests;

/// <summary>The preview's request rules: each malformed field under its own name.</summary>
public sealed class RevisionPreviewRulesTests
{
    private static readonly RevisionPreviewRequest Valid = new(13_200.00m, 0.15m, 0.85m, "2021-03", "2025-04-01");

    [Fact]
    public void The_example_of_the_specification_passes() => Assert.True(PricesApi.Check(Valid).IsEmpty);

    [Theory]
    [InlineData(-0.01, "price")]
    [InlineData(1_000_000_000, "price")]
    [InlineData(10.005, "price")]
    public void A_bad_price_is_named(double price, string field) =>
        Assert.Equal([field], PricesApi.Check(Valid with { Price = (decimal)price }).Fields);

    [Fact]
    public void A_and_b_must_add_up_to_one_said_under_b()
    {
        var errors = PricesApi.Check(Valid with { A = 0.2m, B = 0.7m });
        Assert.Equal(["b"], errors.Fields);
        Assert.Equal("terms.revision.sum", errors.ByField["b"][0].Code);
        Assert.Equal(["a"], PricesApi.Check(Valid with { A = -0.15m, B = 1.15m }).Fields);
        Assert.Equal(["b"], PricesApi.Check(Valid with { A = 1.1m, B = -0.1m }).Fields);
        Assert.True(PricesApi.Check(Valid with { A = 1m, B = 0m }).IsEmpty);
    }

    [Theory]
    [InlineData("2021-3", "2025-04-01", "referenceMonth")]
    [InlineData("2021-13", "2025-04-01", "referenceMonth")]
    [InlineData("2021-03", "2025-02-29", "revisionDate")]   // 2025 is not a leap year
    [InlineData("2021-03", "01/04/2025", "revisionDate")]
    public void A_malformed_month_or_date_is_named(string month, string date, string field) =>
        Assert.Equal([field], PricesApi.Check(Valid with { ReferenceMonth = month, RevisionDate = date }).Fields);

    [Fact]
    public void Every_missing_field_is_named() =>
        Assert.Equal(["price", "a", "b", "referenceMonth", "revisionDate"], PricesApi.Check(new(null, null, null, null, null)).Fields);
}
