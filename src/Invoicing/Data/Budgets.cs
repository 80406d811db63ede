using System.Globalization;
using System.Text.Json;
using Infogerance.Data;
using Infogerance.Invoicing.Domain;
using Infogerance.Messaging;
using NodaTime;

namespace Infogerance.Invoicing.Data;

/// <summary>A contract's budget year as the API answers it: the contract, the plan's figures and the year's.</summary>
public sealed record ContractBudget(Guid ContractId, string Reference, BudgetYearView Budget);

/// <summary>The client's budget plans, and the facts of a budget year read from the invoices and evolution requests kept here.</summary>
public static class Budgets
{
    private sealed record PlanRow(decimal? Annual, string Monthly);

    private sealed record InvoicedRow(DateOnly Day, decimal Amount);

    public static async Task<BudgetPlan> PlanAsync(UnitOfWork unitOfWork, Guid contractId, int year) =>
        await unitOfWork.QuerySingleOrDefaultAsync<PlanRow>(
            "SELECT annual, monthly::text AS monthly FROM budget_plans WHERE contract_id = @contractId AND year = @year", new { contractId, year }) is { } row
            ? new BudgetPlan(row.Annual, JsonSerializer.Deserialize<Dictionary<int, decimal>>(row.Monthly) ?? [])
            : BudgetPlan.None;

    public static Task SavePlanAsync(UnitOfWork unitOfWork, Guid tenantId, Guid contractId, int year, BudgetPlan plan, string by, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(plan);
        return unitOfWork.ExecuteAsync(
            """
            INSERT INTO budget_plans (tenant_id, contract_id, year, annual, monthly, updated_by, updated_at)
            VALUES (@tenantId, @contractId, @year, @Annual, @monthly::jsonb, @by, @at)
            ON CONFLICT (tenant_id, contract_id, year) DO UPDATE
            SET annual = excluded.annual, monthly = excluded.monthly, updated_by = excluded.updated_by, updated_at = excluded.updated_at
            """,
            new { tenantId, contractId, year, plan.Annual, monthly = JsonSerializer.Serialize(plan.Monthly), by, at = at.UtcDateTime });
    }

    /// <summary>The contract's budget year as of <paramref name="now"/>; null while its terms are not replicated.</summary>
    public static async Task<BudgetYearView?> YearAsync(UnitOfWork unitOfWork, Guid contractId, int year, DateTimeOffset now)
    {
        var utcToday = DateOnly.FromDateTime(now.UtcDateTime);
        if (await InvoiceFacts.TermsInForceAsync(unitOfWork, contractId, utcToday) is not { } terms)
        {
            return null;
        }

        var zone = StatementMonth.ZoneOf(terms.Calendar.TimeZone) ?? DateTimeZone.Utc;
        var today = Instant.FromDateTimeOffset(now).InZone(zone).Date.ToDateOnly();
        var prefix = year.ToString("0000", CultureInfo.InvariantCulture) + "-";
        var feeMonths = await unitOfWork.QueryAsync<string>(
            """
            SELECT DISTINCT l.month FROM invoice_lines l JOIN invoices i ON i.tenant_id = l.tenant_id AND i.invoice_id = l.invoice_id
            WHERE l.contract_id = @contractId AND l.kind = 'monthlyFee' AND i.kind = 'invoice' AND i.status IN ('approved', 'paid')
              AND l.month LIKE @pattern
            """,
            new { contractId, pattern = prefix + "%" });
        var invoiced = await unitOfWork.QueryAsync<InvoicedRow>(
            """
            SELECT coalesce(period_start, issue_date) AS day, CASE WHEN kind = 'creditNote' THEN -total_without_vat ELSE total_without_vat END AS amount
            FROM invoices
            WHERE contract_id = @contractId AND status IN ('approved', 'paid')
              AND coalesce(period_start, issue_date) >= @first AND coalesce(period_start, issue_date) < @next
            """,
            new { contractId, first = new DateOnly(year, 1, 1), next = new DateOnly(year + 1, 1, 1) });
        var quotes = await unitOfWork.QueryAsync<QuoteCommitment>(
            """
            SELECT e.evolution_id, e.quote_amount AS quote,
                   coalesce((SELECT sum(CASE WHEN i.kind = 'creditNote' THEN -l.net_amount ELSE l.net_amount END)
                             FROM invoice_lines l JOIN invoices i ON i.tenant_id = l.tenant_id AND i.invoice_id = l.invoice_id
                             WHERE l.contract_id = e.contract_id AND l.evolution_id = e.evolution_id AND i.status <> 'replaced'), 0) AS billed
            FROM evolution_requests e
            WHERE e.contract_id = @contractId AND e.validated_on IS NOT NULL AND e.quote_amount IS NOT NULL
            """,
            new { contractId });

        var facts = new BudgetFacts(
            year, today, await InvoiceFacts.LifeAsync(unitOfWork, contractId, terms, today), new PriceBook(await InvoiceFacts.PricesAsync(unitOfWork, contractId)),
            feeMonths.Select(month => int.Parse(month[5..], CultureInfo.InvariantCulture)).ToHashSet(),
            [.. invoiced.Select(row => new InvoicedAmount(row.Day.Month, row.Amount))], [.. quotes]);
        return BudgetYear.Compute(await PlanAsync(unitOfWork, contractId, year), facts);
    }

    /// <summary>
    /// The contract's budget years, for its dossier: each calendar year from its start to this one, and any other year
    /// planned; none while its terms are not replicated.
    /// </summary>
    public static async Task<IReadOnlyList<ContractBudget>> YearsAsync(UnitOfWork unitOfWork, ContractSummary contract, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(contract);
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        if (await InvoiceFacts.TermsInForceAsync(unitOfWork, contract.ContractId, today) is not { } terms)
        {
            return [];
        }

        var planned = await unitOfWork.QueryAsync<int>("SELECT year FROM budget_plans WHERE contract_id = @ContractId", new { contract.ContractId });
        var years = Enumerable.Range(terms.StartDate.Year, Math.Max(0, today.Year - terms.StartDate.Year + 1)).Union(planned)
            .Where(year => year is >= BudgetMessages.FirstYear and <= BudgetMessages.LastYear).Order();
        var budgets = new List<ContractBudget>();
        foreach (var year in years)
        {
            if (await YearAsync(unitOfWork, contract.ContractId, year, now) is { } budget)
            {
                budgets.Add(new ContractBudget(contract.ContractId, contract.Reference, budget));
            }
        }

        return budgets;
    }

    /// <summary>The budget year of every contract the caller's tenants have, by reference.</summary>
    public static async Task<IReadOnlyList<ContractBudget>> PortfolioAsync(UnitOfWork unitOfWork, int year, DateTimeOffset now)
    {
        var budgets = new List<ContractBudget>();
        foreach (var contract in await unitOfWork.QueryAsync<ContractSummary>(
            "SELECT tenant_id, contract_id, reference, provider_organisation_id FROM contracts ORDER BY reference"))
        {
            if (await YearAsync(unitOfWork, contract.ContractId, year, now) is { } budget)
            {
                budgets.Add(new ContractBudget(contract.ContractId, contract.Reference, budget));
            }
        }

        return budgets;
    }
}
