using System.Globalization;
using Infogerance.Data;
using Infogerance.IntegrationEvents;
using Infogerance.Invoicing.Data;
using Infogerance.Invoicing.Domain;
using Infogerance.Messaging;
using Infogerance.ServiceDefaults;
using Infogerance.Validation;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Infogerance.Invoicing.Api;

/// <summary>A budget plan: the year's amount, or amounts for the months entered (keys <c>"1"</c> to <c>"12"</c>).</summary>
public sealed record BudgetPlanRequest(decimal? Annual, IReadOnlyDictionary<string, decimal?>? Monthly);

/// <summary>What a caller of the budgets' endpoints needs.</summary>
public sealed record BudgetServices(Database Database, CurrentUser User, TimeProvider Clock);

/// <summary>
/// The client's budgets of its contracts by calendar year: planned (entered here), invoiced (approved invoices net of
/// credit notes), committed (the revised fees still to come, validated quotes not yet billed), what remains, and the
/// alert when invoiced + committed exceed the plan. The client's alone: its managers and auditors read them, its
/// managers plan them; the provider never sees them.
/// </summary>
public static class BudgetsApi
{
    public static void MapBudgetsApi(this IEndpointRouteBuilder app)
    {
        var contract = app.MapGroup("/contracts/{contractId:guid}/budgets/{year:int}").RequireAuthorization(Policies.ClientUsers);
        contract.MapGet("", GetAsync);
        contract.MapPut("", PlanAsync);
        app.MapGroup("/budgets/{year:int}").RequireAuthorization(Policies.ClientUsers).MapGet("", PortfolioAsync);
    }

    internal static bool MayRead(CurrentUser user) => user.IsInRole(Roles.TenantAdmin) || user.IsInRole(Roles.ContractManager) || user.IsInRole(Roles.Auditor);

    private static bool MayPlan(CurrentUser user) => user.IsInRole(Roles.TenantAdmin) || user.IsInRole(Roles.ContractManager);

    /// <summary>The contract's budget for the year: each month's planned, invoiced and committed amounts, the totals, what remains, the alert.</summary>
    public static async Task<Results<Ok<ContractBudget>, NotFound, ForbidHttpResult, ProblemHttpResult>> GetAsync(
        Guid contractId, int year, [AsParameters] BudgetServices services, CancellationToken cancellationToken)
    {
        if (year is < BudgetMessages.FirstYear or > BudgetMessages.LastYear)
        {
            return Problems.Invalid("year", BudgetMessages.Year);
        }

        await using var unitOfWork = await services.Database.ReadAsync(services.User, cancellationToken);
        if (await ContractReplica.ContractAsync(unitOfWork, contractId) is not { } contract
            || await Budgets.YearAsync(unitOfWork, contractId, year, services.Clock.GetUtcNow()) is not { } budget)
        {
            return TypedResults.NotFound();
        }

        return MayRead(services.User) ? TypedResults.Ok(new ContractBudget(contractId, contract.Reference, budget)) : TypedResults.Forbid();
    }

    /// <summary>Sets the client's plan for the year (the year's amount, or the months'), audited; answers the budget recomputed.</summary>
    public static async Task<Results<Ok<ContractBudget>, NotFound, ForbidHttpResult, ProblemHttpResult>> PlanAsync(
        Guid contractId, int year, BudgetPlanRequest request, [AsParameters] BudgetServices services, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var errors = new FieldErrors();
        if (year is < BudgetMessages.FirstYear or > BudgetMessages.LastYear)
        {
            errors.Add("year", BudgetMessages.Year);
        }

        var monthly = new Dictionary<int, decimal>();
        foreach (var (key, amount) in request.Monthly ?? new Dictionary<string, decimal?>())
        {
            if (!int.TryParse(key, NumberStyles.None, CultureInfo.InvariantCulture, out var month) || month is < 1 or > 12)
            {
                errors.Add($"monthly.{key}", BudgetMessages.Month);
            }
            else if (amount is not { } value || !BudgetMessages.IsAmount(value))
            {
                errors.Add($"monthly.{key}", BudgetMessages.Amount);
            }
            else
            {
                monthly[month] = value;
            }
        }

        if (request.Annual is { } annual && !BudgetMessages.IsAmount(annual))
        {
            errors.Add("annual", BudgetMessages.Amount);
        }
        else if (request.Annual is not null && request.Monthly is { Count: > 0 })
        {
            errors.Add("annual", BudgetMessages.YearOrMonths);
        }

        var (database, user, clock) = services;
        await using var unitOfWork = await database.BeginAsync(user, cancellationToken);
        if (await ContractReplica.ContractAsync(unitOfWork, contractId) is not { } contract)
        {
            return TypedResults.NotFound();
        }

        if (!MayPlan(user))
        {
            return TypedResults.Forbid();
        }

        if (!errors.IsEmpty)
        {
            return Problems.Invalid(errors);
        }

        var now = clock.GetUtcNow();
        var before = await Budgets.PlanAsync(unitOfWork, contractId, year);
        var plan = new BudgetPlan(monthly.Count > 0 ? null : request.Annual, monthly);
        await Budgets.SavePlanAsync(unitOfWork, contract.TenantId, contractId, year, plan, user.Name, now);
        await AuditLog.WriteAsync(
            unitOfWork, contract.TenantId, AuditLog.Actor.Of(user), "budget.planned", "budget", contractId,
            new { year, before.Annual, before.Monthly }, new { year, plan.Annual, plan.Monthly }, contractId);
        await unitOfWork.AddEventAsync(new BudgetPlanned
        {
            TenantId = contract.TenantId, ContractId = contractId, Year = year, Annual = plan.Annual, Monthly = plan.Monthly, OccurredAt = now,
        });
        if (await Budgets.YearAsync(unitOfWork, contractId, year, now) is not { } budget)
        {
            return TypedResults.NotFound();
        }

        await unitOfWork.CommitAsync();
        return TypedResults.Ok(new ContractBudget(contractId, contract.Reference, budget));
    }

    /// <summary>The budget year of every contract of the caller's company, by reference; <c>overrun</c> flags those past their plan.</summary>
    public static async Task<Results<Ok<IReadOnlyList<ContractBudget>>, ForbidHttpResult, ProblemHttpResult>> PortfolioAsync(
        int year, [AsParameters] BudgetServices services, CancellationToken cancellationToken)
    {
        if (year is < BudgetMessages.FirstYear or > BudgetMessages.LastYear)
        {
            return Problems.Invalid("year", BudgetMessages.Year);
        }

        if (!MayRead(services.User))
        {
            return TypedResults.Forbid();
        }

        await using var unitOfWork = await services.Database.ReadAsync(services.User, cancellationToken);
        return TypedResults.Ok(await Budgets.PortfolioAsync(unitOfWork, year, services.Clock.GetUtcNow()));
    }
}
