using System.Globalization;
using Infogerance.Contracts.Domain;
using Infogerance.IntegrationEvents;

namespace Infogerance.Contracts.Tests;

/// <summary>The prices in force on a date, against the shipped Syntec table unless a test needs its own.</summary>
public sealed class PricesInForceTests
{
    private static readonly IReadOnlyList<SyntecIndex> Table = SyntecReference.Load();

    private static DateOnly D(string iso) => DateOnly.Parse(iso, CultureInfo.InvariantCulture);

    private static readonly PriceSchedule Prices = new()
    {
        MonthlyFee = 12_500.00m,
        WorkUnits = [new("UO-INT", "Intervention sur site", 450.00m), new("UO-DEV", "Journée de développement", 620.00m)],
    };

    private static RevisionClause Clause(string referenceMonth = "2024-01", string anniversary = "2024-03-01") =>
        new() { A = 0.15m, B = 0.85m, ReferenceMonth = referenceMonth, Anniversary = D(anniversary) };

    private static PricedVersion Version(string effectiveFrom = "2024-03-01", RevisionClause? clause = null, decimal fee = 12_500.00m, int number = 1) =>
        new(number, D(effectiveFrom), Prices with { MonthlyFee = fee }, clause ?? Clause());

    private static PricesInForce On(PricedVersion version, string on, IReadOnlyList<SyntecIndex>? table = null)
    {
        var (prices, missing) = PricesRule.On(version, D(on), table ?? Table);
        Assert.Null(missing);
        return prices!;
    }

    // ---- either side of an anniversary --------------------------------------------------------------------------

    [Theory]
    [InlineData("2024-03-01")]   // the start: the anniversary of the start date does not revise the prices just signed
    [InlineData("2024-11-15")]
    [InlineData("2025-02-28")]   // the day before the first anniversary
    public void Before_the_first_anniversary_the_prices_are_P0(string on)
    {
        var prices = On(Version(), on);
        Assert.Equal(Prices, prices.Prices);
        Assert.Null(prices.Revision);
        Assert.Equal(D("2024-03-01"), prices.EffectiveOn);
    }

    [Theory]
    [InlineData("2025-03-01")]   // on the anniversary
    [InlineData("2025-09-30")]
    [InlineData("2026-02-28")]   // the day before the next one
    public void From_the_anniversary_the_prices_are_revised_with_the_index_of_the_month_before(string on)
    {
        // S0 = January 2024 = 310.5; S = the latest month strictly before March 2025 in the table = January 2025 = 315.2.
        // S / S0 = 1.0151369…; factor = 0.15 + 0.85 × 1.0151369 = 1.0128663…
        // 12,500 × 1.0128663 = 12,660.829… → 12,660.83; 450 → 455.789… → 455.79; 620 → 627.977… → 627.98.
        var prices = On(Version(), on);
        Assert.Equal(12_660.83m, prices.Prices.MonthlyFee);
        Assert.Equal([455.79m, 627.98m], prices.Prices.WorkUnits.Select(unit => unit.UnitPrice));
        Assert.Equal(["UO-INT", "UO-DEV"], prices.Prices.WorkUnits.Select(unit => unit.Code));
        Assert.Equal(new AppliedRevision(D("2025-03-01"), new("2024-01", 310.5m, SyntecSeries.New), new("2025-01", 315.2m, SyntecSeries.New), 1m), prices.Revision);
        Assert.Equal(D("2025-03-01"), prices.EffectiveOn);
        Assert.Equal(12_500.00m, prices.Version.Prices.MonthlyFee);
    }

    [Fact]
    public void Each_anniversary_revises_from_P0_with_the_latest_index()
    {
        // March 2026: S = October 2025 = 322.2 (the latest month before March 2026 in the table).
        // 12,500 × (0.15 + 0.85 × 322.2 / 310.5) = 12,500 × 1.0320290 = 12,900.362… → 12,900.36.
        var prices = On(Version(), "2026-03-01");
        Assert.Equal(12_900.36m, prices.Prices.MonthlyFee);
        Assert.Equal("2025-10", prices.Revision!.S.Month);
    }

    // ---- versions -----------------------------------------------------------------------------------------------

    [Fact]
    public void A_version_that_changes_prices_mid_year_is_P0_until_its_first_anniversary()
    {
        var amendment = Version("2025-07-01", fee: 13_000.00m, number: 2);
        var active = new[] { Version(), amendment };
        Assert.Equal(1, PricesRule.VersionOn(active, D("2025-06-30"))!.Number);
        Assert.Equal(2, PricesRule.VersionOn(active, D("2025-07-01"))!.Number);

        // The 2025-03-01 anniversary predates the amendment: its 13,000 is the price until the next anniversary.
        var inJuly = On(amendment, "2025-08-01");
        Assert.Equal(13_000.00m, inJuly.Prices.MonthlyFee);
        Assert.Equal(D("2025-07-01"), inJuly.EffectiveOn);
        Assert.Null(inJuly.Revision);

        // 13,000 × (0.15 + 0.85 × 322.2 / 310.5) = 13,000 × 1.0320290 = 13,416.376… → 13,416.38.
        Assert.Equal(13_416.38m, On(amendment, "2026-03-01").Prices.MonthlyFee);
    }

    [Fact]
    public void Without_a_revision_clause_the_prices_stay_P0() =>
        Assert.Equal(Prices, On(Version() with { Revision = null }, "2031-05-01").Prices);

    [Fact]
    public void Before_any_version_starts_there_is_none_in_force() =>
        Assert.Null(PricesRule.VersionOn([Version()], D("2024-02-29")));

    // ---- the series change --------------------------------------------------------------------------------------

    [Fact]
    public void An_old_series_S0_is_linked_into_the_new_series()
    {
        // The example of the preview: S0 = March 2021 = 274.6 (old), R = 2025-04-01, S = January 2025 = 315.2 (new).
        // 274.6 × 0.97975 = 269.03935; 315.2 / 269.03935 = 1.1715758…; 13,200 × (0.15 + 0.85 × 1.1715758) = 15,125.080… → 15,125.08.
        var version = new PricedVersion(1, D("2021-04-01"), new PriceSchedule { MonthlyFee = 13_200.00m }, Clause("2021-03", "2021-04-01"));
        var prices = On(version, "2025-04-01");
        Assert.Equal(15_125.08m, prices.Prices.MonthlyFee);
        Assert.Equal(new SyntecIndex("2021-03", 274.6m, SyntecSeries.Old), prices.Revision!.S0);
        Assert.Equal(SyntecSeries.LinkingCoefficient, prices.Revision.Coefficient);
    }

    [Fact]
    public void A_new_series_S0_against_an_old_series_S_links_S()
    {
        // Own table: S0 = 300.0 (new), S = 310.0 (old) → 310 × 0.97975 = 303.7225; 303.7225 / 300 = 1.0124083…;
        // 10,000 × (0.15 + 0.85 × 1.0124083) = 10,105.470… → 10,105.47 (the raw ratio would give 10,283.33).
        IReadOnlyList<SyntecIndex> table = [new("2023-01", 300.0m, SyntecSeries.New), new("2023-06", 310.0m, SyntecSeries.Old)];
        var version = new PricedVersion(1, D("2023-02-01"), new PriceSchedule { MonthlyFee = 10_000m }, Clause("2023-01", "2023-02-01"));
        var prices = On(version, "2024-02-01", table);
        Assert.Equal(10_105.47m, prices.Prices.MonthlyFee);
        Assert.Equal(SyntecSeries.LinkingCoefficient, prices.Revision!.Coefficient);
    }

    [Fact]
    public void A_month_in_both_series_is_read_in_the_revised_one()
    {
        // S0 = August 2022 = 280.6 (revised, not the old 286.4); S = February 2023 = 298.5 (the latest before March 2023).
        // 10,000 × (0.15 + 0.85 × 298.5 / 280.6) = 10,000 × 1.0542231… = 10,542.23; no link needed, coefficient 1.
        // Had the old 286.4 been read (linked: 280.6004), the price would be 10,542.22.
        var version = new PricedVersion(1, D("2022-09-01"), new PriceSchedule { MonthlyFee = 10_000m }, Clause("2022-08", "2023-03-01"));
        var prices = On(version, "2023-03-01");
        Assert.Equal(new SyntecIndex("2022-08", 280.6m, SyntecSeries.New), prices.Revision!.S0);
        Assert.Equal(1m, prices.Revision.Coefficient);
        Assert.Equal(10_542.23m, prices.Prices.MonthlyFee);
        // R = 2022-09-01: S is August 2022 itself, in the revised series, so S = S0 and the price is unchanged.
        var early = new PricedVersion(1, D("2022-08-15"), new PriceSchedule { MonthlyFee = 10_000m }, Clause("2022-08", "2022-09-01"));
        Assert.Equal(new SyntecIndex("2022-08", 280.6m, SyntecSeries.New), On(early, "2022-09-01").Revision!.S);
        Assert.Equal(10_000m, On(early, "2022-09-01").Prices.MonthlyFee);
    }

    // ---- 29 February --------------------------------------------------------------------------------------------

    [Theory]
    [InlineData("2025-02-28", null)]
    [InlineData("2025-03-01", "2025-03-01")]   // a common year: the anniversary is 1 March
    [InlineData("2028-02-28", "2027-03-01")]
    [InlineData("2028-02-29", "2028-02-29")]   // a leap year: back to the 29th
    public void A_29_February_anniversary(string on, string? anniversary)
    {
        var version = new PricedVersion(1, D("2024-02-29"), Prices, Clause("2024-01", "2024-02-29"));
        Assert.Equal(anniversary is null ? null : D(anniversary), On(version, on).Revision?.Anniversary);
    }

    // ---- a missing index ----------------------------------------------------------------------------------------

    [Fact]
    public void A_missing_reference_index_is_said_not_guessed()
    {
        // 2022-03 to 2022-07 are not in the table (the old series' last months were never loaded).
        var (prices, missing) = PricesRule.On(Version("2022-06-01", Clause("2022-03", "2022-06-01")), D("2023-06-01"), Table);
        Assert.Null(prices);
        Assert.Equal(new MissingIndex("s0", "2022-03"), missing);
    }

    [Fact]
    public void A_missing_revision_index_is_said_not_guessed()
    {
        IReadOnlyList<SyntecIndex> table = [new("2025-06", 320.0m, SyntecSeries.New)];
        var (prices, missing) = PricesRule.On(Version("2024-01-01", Clause("2025-06", "2024-01-01")), D("2025-01-01"), table);
        Assert.Null(prices);
        Assert.Equal(new MissingIndex("s", "2024-12"), missing);
    }

    [Fact]
    public void No_index_is_needed_before_the_first_anniversary() =>
        Assert.Equal(Prices, On(Version("2022-06-01", Clause("2022-03", "2022-06-01")), "2023-05-31", []).Prices);

    // ---- when to look again -------------------------------------------------------------------------------------

    [Fact]
    public void The_next_change_is_the_next_anniversary_or_a_later_version()
    {
        var first = Version();
        Assert.Equal(D("2025-03-01"), PricesRule.NextChange([first], D("2024-06-01")));
        Assert.Equal(D("2024-09-01"), PricesRule.NextChange([first, Version("2024-09-01", number: 2)], D("2024-06-01")));
        Assert.Equal(D("2024-03-01"), PricesRule.NextChange([first], D("2024-01-15")));   // signed for later
        Assert.Null(PricesRule.NextChange([first with { Revision = null }], D("2024-06-01")));
    }
}
