using Infogerance.IntegrationEvents;
using Infogerance.Invoicing.Domain;

namespace Infogerance.Invoicing.Tests;

/// <summary>A contract's budget year: planned, invoiced (approved, net of credit notes), committed (fees to come, quotes unbilled).</summary>
public sealed class BudgetYearTests
{
    private static readonly ContractLife ThreeYears = new(Guid.NewGuid(), new DateOnly(2025, 1, 1), new DateOnly(2027, 12, 31));

    private static PriceBook Fees(params (string From, decimal Fee)[] fees) =>
        new(fees.Select(fee => new DatedPrices(DateOnly.Parse(fee.From), new PriceSchedule { MonthlyFee = fee.Fee, WorkUnits = [] })));

    private static BudgetFacts Facts(
        string today, PriceBook? prices = null, ContractLife? life = null, int year = 2026, int[]? feeInvoiced = null,
        InvoicedAmount[]? invoiced = null, QuoteCommitment[]? quotes = null) =>
        new(year, DateOnly.Parse(today), life ?? ThreeYears, prices ?? Fees(("2025-01-01", 13_200m)), new HashSet<int>(feeInvoiced ?? []),
            invoiced ?? [], quotes ?? []);

    private static BudgetPlan Monthly(decimal each) => new(null, Enumerable.Range(1, 12).ToDictionary(month => month, _ => each));

    [Fact]
    public void Mid_year_invoiced_is_net_of_credit_notes_and_committed_is_the_fees_to_come_and_the_quotes_left()
    {
        var facts = Facts(
            "2026-06-15", feeInvoiced: [1, 2, 3, 4, 5],
            invoiced: [.. Enumerable.Range(1, 5).Select(month => new InvoicedAmount(month, 13_200m)), new InvoicedAmount(3, -500m)],
            quotes: [new QuoteCommitment(Guid.NewGuid(), 10_000m, 4_000m), new QuoteCommitment(Guid.NewGuid(), 2_000m, 2_500m)]);

        var budget = BudgetYear.Compute(new BudgetPlan(160_000m, new Dictionary<int, decimal>()), facts);

        Assert.Equal(65_500m, budget.Invoiced);
        Assert.Equal(12_700m, budget.Months[2].Invoiced);
        // June to December at 13,200, and the 6,000 left of the first quote on June (a quote billed over gives nothing back).
        Assert.Equal(7 * 13_200m + 6_000m, budget.Committed);
        Assert.Equal(13_200m + 6_000m, budget.Months[5].Committed);
        Assert.Equal(0m, budget.Months[4].Committed);
        Assert.Equal(-3_900m, budget.Remaining);
        Assert.True(budget.Overrun);
        Assert.All(budget.Months, month => Assert.Null(month.Planned));
    }

    [Fact]
    public void A_month_entered_plan_is_their_sum_and_exactly_reaching_it_is_no_overrun()
    {
        var facts = Facts("2026-01-10");
        var budget = BudgetYear.Compute(Monthly(13_200m), facts);

        Assert.Equal(12 * 13_200m, budget.Planned);
        Assert.Equal(12 * 13_200m, budget.Committed);
        Assert.Equal(0m, budget.Remaining);
        Assert.False(budget.Overrun);
        Assert.Equal(13_200m, budget.Months[0].Planned);
    }

    [Fact]
    public void A_revision_in_the_year_commits_the_revised_fee_from_its_day_prorated_within_its_month()
    {
        var facts = Facts("2026-08-03", prices: Fees(("2025-01-01", 13_200m), ("2026-09-15", 13_530m)), feeInvoiced: [1, 2, 3, 4, 5, 6, 7]);
        var budget = BudgetYear.Compute(BudgetPlan.None, facts);

        Assert.Equal(13_200m, budget.Months[7].Committed);
        // September: 14 days at 13,200 and 16 at 13,530, over 30 days.
        Assert.Equal(6_160m + 7_216m, budget.Months[8].Committed);
        Assert.Equal(13_530m, budget.Months[11].Committed);
        Assert.Null(budget.Planned);
        Assert.Null(budget.Remaining);
        Assert.False(budget.Overrun);
    }

    [Fact]
    public void Nothing_is_committed_past_the_contract_s_last_billable_day_and_its_last_month_is_prorated()
    {
        var terminated = ThreeYears with { TerminatedOn = new DateOnly(2026, 10, 20) };
        var budget = BudgetYear.Compute(BudgetPlan.None, Facts("2026-09-01", life: terminated));

        Assert.Equal(13_200m, budget.Months[8].Committed);
        Assert.Equal(8_516.13m, budget.Months[9].Committed); // 13,200 × 20 / 31
        Assert.Equal(0m, budget.Months[10].Committed + budget.Months[11].Committed);

        // A contract starting on 16 March: nothing before, then 16 of March's 31 days.
        var starting = new ContractLife(Guid.NewGuid(), new DateOnly(2027, 3, 16), new DateOnly(2030, 3, 15));
        var next = BudgetYear.Compute(BudgetPlan.None, Facts("2026-12-01", life: starting, year: 2027));
        Assert.Equal(0m, next.Months[1].Committed);
        Assert.Equal(6_812.90m, next.Months[2].Committed); // 13,200 × 16 / 31
    }

    [Fact]
    public void A_past_year_commits_nothing_and_a_future_one_commits_its_fees_but_not_the_quotes()
    {
        QuoteCommitment[] quotes = [new(Guid.NewGuid(), 5_000m, 0m)];
        var past = BudgetYear.Compute(Monthly(10_000m), Facts("2026-03-01", year: 2025, invoiced: [new InvoicedAmount(12, 13_200m)], quotes: quotes));
        Assert.Equal(0m, past.Committed);
        Assert.Equal(13_200m, past.Invoiced);
        Assert.Equal(120_000m - 13_200m, past.Remaining);

        var future = BudgetYear.Compute(BudgetPlan.None, Facts("2026-03-01", year: 2027, quotes: quotes));
        Assert.Equal(12 * 13_200m, future.Committed);
    }
}
