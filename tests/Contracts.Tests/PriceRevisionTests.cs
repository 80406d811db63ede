using System.Globalization;
using Infogerance.Contracts.Domain;
using Infogerance.IntegrationEvents;
using Infogerance.ServiceLevels;

namespace Infogerance.Contracts.Tests;

public sealed class PriceRevisionTests
{
    private static DateOnly D(string iso) => DateOnly.Parse(iso, CultureInfo.InvariantCulture);

    private static decimal M(string value) => decimal.Parse(value, CultureInfo.InvariantCulture);

    private static RevisionClause Clause(decimal a = 0.15m, decimal b = 0.85m, string anniversary = "2026-01-01") =>
        new() { A = a, B = b, ReferenceMonth = "2025-11", Anniversary = D(anniversary) };

    private static readonly IReadOnlyList<SyntecIndex> Table = SyntecReference.Load();

    private static SyntecIndex Index(string month, string series = SyntecSeries.New) =>
        Table.Single(i => i.Month == month && i.Series == series);

    // ---- the reference table ------------------------------------------------------------------------------------

    [Fact]
    public void Load_parses_every_row_of_the_embedded_table()
    {
        Assert.Equal(61, Table.Count);
        Assert.Equal(37, Table.Count(i => i.Series == SyntecSeries.Old));
        Assert.Equal(24, Table.Count(i => i.Series == SyntecSeries.New));
        Assert.Equal(new SyntecIndex("2019-01", 270.7m, SyntecSeries.Old), Table[0]);   // "ancien (base 100 1961)"
        Assert.Equal(new SyntecIndex("2025-10", 322.2m, SyntecSeries.New), Table[^1]);
        Assert.All(Table, i => Assert.NotNull(TermsRules.ParseMonth(i.Month)));
        Assert.All(Table, i => Assert.InRange(i.Value, 250m, 350m));
    }

    [Fact]
    public void August_2022_is_in_both_series_and_gives_the_linking_coefficient()
    {
        var old = Index("2022-08", SyntecSeries.Old);
        var revised = Index("2022-08", SyntecSeries.New);
        Assert.Equal((286.4m, 280.6m), (old.Value, revised.Value));
        // 280.6 / 286.4 = 0.979748… ≈ 0.97975: the revised series is the lower one, so old × coefficient = new.
        Assert.Equal(SyntecSeries.LinkingCoefficient, decimal.Round(revised.Value / old.Value, 5));
        Assert.Equal(280.6m, decimal.Round(SyntecSeries.InNewSeries(old), 1));
    }

    [Fact]
    public void A_broken_reference_row_throws()
    {
        Assert.Throws<InvalidDataException>(() => SyntecReference.Parse(new StringReader("month,value,series,source_url,note\n2024-13,300.1,révisé,,\n")));
        Assert.Throws<InvalidDataException>(() => SyntecReference.Parse(new StringReader("month,value,series,source_url,note\n2024-01,abc,révisé,,\n")));
        Assert.Throws<InvalidDataException>(() => SyntecReference.Parse(new StringReader("month,value,series,source_url,note\n2024-01,300.1,nouveau,,\n")));
    }

    [Fact]
    public void Quoted_notes_with_commas_do_not_shift_columns() =>
        Assert.Equal(
            [new SyntecIndex("2024-01", 310.5m, SyntecSeries.New)],
            SyntecReference.Parse(new StringReader("month,value,series,source_url,note\n2024-01,310.5,révisé,https://example.org,\"a, b, \"\"c\"\"\"\n")));

    // ---- the formula --------------------------------------------------------------------------------------------

    [Fact]
    public void A_worked_example_in_the_revised_series()
    {
        // P0 = 12,500.00, a = 0.15, b = 0.85, S0 = January 2023 = 293.9, S = January 2024 = 310.5 (both revised series).
        // S / S0 = 310.5 / 293.9 = 1.0564818…; 0.85 × 1.0564818 = 0.8980095…; + 0.15 = 1.0480095…;
        // × 12,500 = 13,100.119… → 13,100.12.
        Assert.Equal(13_100.12m, PriceRevision.Revise(12_500.00m, Clause(), Index("2023-01"), Index("2024-01")));
    }

    [Fact]
    public void A_worked_example_in_the_old_series()
    {
        // S0 = January 2019 = 270.7, S = December 2021 = 277.3 (old series): 277.3 / 270.7 = 1.0243812…;
        // 12,500 × (0.15 + 0.85 × 1.0243812) = 12,500 × 1.0207240… = 12,759.050… → 12,759.05.
        Assert.Equal(12_759.05m, PriceRevision.Revise(12_500m, Clause(), Index("2019-01", SyntecSeries.Old), Index("2021-12", SyntecSeries.Old)));
    }

    [Fact]
    public void Across_the_August_2022_change_the_old_index_is_linked_into_the_new_series()
    {
        // S0 = December 2021 = 277.3 (old) → 277.3 × 0.97975 = 271.684675 in the new series; S = January 2023 = 293.9 (new).
        // 293.9 / 271.684675 = 1.0817688…; 10,000 × (0.15 + 0.85 × 1.0817688) = 10,000 × 1.0695035… = 10,695.03.
        // Dividing the raw values (293.9 / 277.3) would give 10,508.84: the series change would be lost on the client.
        var s0 = Index("2021-12", SyntecSeries.Old);
        var s = Index("2023-01");
        Assert.Equal(10_695.03m, PriceRevision.Revise(10_000m, Clause(), s0, s));
        // Whichever of the two is in the old series, it is the one linked: here S is, 286.4 × 0.97975 = 280.6004 against
        // S0 = 280.6, so a fully indexed price barely moves: 10,000 × 1.0000014 = 10,000.01.
        Assert.Equal(10_000.01m, PriceRevision.Revise(10_000m, Clause(0m, 1m), Index("2022-08"), Index("2022-08", SyntecSeries.Old)));
    }

    [Fact]
    public void The_same_month_in_both_series_revises_to_practically_the_same_price()
    {
        // 286.4 × 0.97975 = 280.6004 against 280.6: a ratio of 0.9999986, so 10,000.00 → 9,999.99.
        // Applied the other way round (280.6 / 0.97975 against 286.4) the price would fall to about 9,660.
        Assert.Equal(9_999.99m, PriceRevision.Revise(10_000m, Clause(), Index("2022-08", SyntecSeries.Old), Index("2022-08")));
    }

    [Theory]
    [InlineData("1", "0", "100", "200", "10.005", "10.01")]      // a = 1: the price is kept, rounded half away from zero
    [InlineData("1", "0", "100", "200", "0.125", "0.13")]        // banker's rounding would give 0.12
    [InlineData("0", "1", "200", "220", "100.15", "110.17")]     // 110.165 → 110.17 (banker's: 110.16)
    [InlineData("0", "1", "200", "220", "100.05", "110.06")]     // 110.055
    [InlineData("0.15", "0.85", "300", "300", "1234.56", "1234.56")]
    [InlineData("0.15", "0.85", "300", "270", "1000", "915.00")] // the index fell: 1000 × (0.15 + 0.85 × 0.9) = 915
    [InlineData("0.15", "0.85", "300", "330", "0", "0")]
    public void Revise_rounds_to_the_cent_half_away_from_zero(string a, string b, string s0, string s, string price, string expected)
    {
        var revised = PriceRevision.Revise(M(price), Clause(M(a), M(b)), new("2024-01", M(s0), SyntecSeries.New), new("2025-01", M(s), SyntecSeries.New));
        Assert.Equal(M(expected), revised);
        Assert.Equal(revised, decimal.Round(revised, 2));
    }

    [Fact]
    public void A_zero_reference_index_is_refused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() =>
            PriceRevision.Revise(100m, Clause(), new("2024-01", 0m, SyntecSeries.New), new("2025-01", 300m, SyntecSeries.New)));

    [Fact]
    public void An_unknown_series_is_refused_when_series_differ() =>
        Assert.Throws<ArgumentException>(() =>
            PriceRevision.Revise(100m, Clause(), new("2024-01", 300m, "ancien"), new("2025-01", 300m, SyntecSeries.New)));

    // ---- S: the latest published index --------------------------------------------------------------------------

    [Theory]
    [InlineData("2024-02-01", "2024-01", "310.5", SyntecSeries.New)]
    [InlineData("2024-01-31", "2023-11", "307.0", SyntecSeries.New)]   // December 2023 is not in the table: not published
    [InlineData("2024-07-01", "2024-05", "313.3", SyntecSeries.New)]
    [InlineData("2024-08-31", "2024-05", "313.3", SyntecSeries.New)]   // strictly before August: August itself does not count
    [InlineData("2024-09-01", "2024-08", "314.1", SyntecSeries.New)]
    [InlineData("2022-09-01", "2022-08", "280.6", SyntecSeries.New)]   // August 2022 in both series: the revised one
    [InlineData("2022-08-15", "2021-12", "277.3", SyntecSeries.Old)]
    [InlineData("2030-01-01", "2025-10", "322.2", SyntecSeries.New)]
    public void The_latest_index_published_before_the_revision_month(string revisionDate, string month, string value, string series) =>
        Assert.Equal(new SyntecIndex(month, M(value), series), PriceRevision.LatestPublishedBefore(Table, D(revisionDate)));

    [Fact]
    public void Nothing_before_the_first_month_of_the_table()
    {
        Assert.Null(PriceRevision.LatestPublishedBefore(Table, D("2019-01-31")));
        Assert.Equal("2019-01", PriceRevision.LatestPublishedBefore(Table, D("2019-02-01"))!.Month);
        Assert.Null(PriceRevision.LatestPublishedBefore([], D("2026-01-01")));
    }

    [Fact]
    public void The_order_of_the_list_does_not_matter() =>
        Assert.Equal("2024-05", PriceRevision.LatestPublishedBefore(Table.Reverse(), D("2024-07-01"))!.Month);

    // ---- revision dates ------------------------------------------------------------------------------------------

    [Theory]
    [InlineData("2026-01-01", "2025-12-31", "2026-01-01")]
    [InlineData("2026-01-01", "2026-01-01", "2027-01-01")]   // strictly after
    [InlineData("2026-01-01", "2030-06-15", "2031-01-01")]
    [InlineData("2026-01-01", "2020-03-01", "2021-01-01")]   // the anniversary's year is ignored
    [InlineData("2025-10-31", "2026-10-30", "2026-10-31")]
    [InlineData("2024-02-29", "2024-02-28", "2024-02-29")]
    [InlineData("2024-02-29", "2024-02-29", "2025-03-01")]   // a common year has no 29 February: the whole of February runs, then 1 March
    [InlineData("2024-02-29", "2025-02-28", "2025-03-01")]
    [InlineData("2024-02-29", "2025-03-01", "2026-03-01")]
    [InlineData("2024-02-29", "2027-06-01", "2028-02-29")]   // back to the 29th in a leap year
    [InlineData("2024-02-29", "2100-01-01", "2100-03-01")]   // 2100 is not a leap year
    [InlineData("2028-02-29", "2025-01-10", "2025-03-01")]   // an anniversary dated in the future counts the same way
    public void The_next_anniversary(string anniversary, string after, string expected) =>
        Assert.Equal(D(expected), PriceRevision.NextAnniversary(Clause(anniversary: anniversary), D(after)));

    [Fact]
    public void A_29_February_anniversary_falls_on_the_day_a_renewal_period_would_start()
    {
        var renewal = new RenewalTerms(D("2024-02-29"), 12, 12, 3);
        var clause = Clause(anniversary: "2024-02-29");
        for (var index = 0; index < 9; index++)
        {
            var periodStart = renewal.PeriodEnd(index);   // 2025-03-01, 2026-03-01, 2027-03-01, 2028-02-29, 2029-03-01…
            Assert.Equal(periodStart, PriceRevision.NextAnniversary(clause, periodStart.AddDays(-1)));
        }
    }

    [Fact]
    public void The_default_template_revises_a_year_after_it_starts()
    {
        var terms = EnteredTerms.For(D("2024-03-01"));
        var revisionDate = PriceRevision.NextAnniversary(terms.Revision!, terms.StartDate);
        Assert.Equal(D("2025-03-01"), revisionDate);
        var s0 = Table.Single(i => i.Month == terms.Revision!.ReferenceMonth);   // January 2024 = 310.5
        var s = PriceRevision.LatestPublishedBefore(Table, revisionDate)!;        // January 2025 = 315.2
        Assert.Equal(("2024-01", "2025-01"), (s0.Month, s.Month));
        // 12,500 × (0.15 + 0.85 × 315.2 / 310.5) = 12,500 × 1.0128663… = 12,660.83
        Assert.Equal(12_660.83m, PriceRevision.Revise(terms.Prices.MonthlyFee!.Value, terms.Revision!, s0, s));
    }
}
