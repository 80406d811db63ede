using Infogerance.Data;
using Infogerance.Messaging;
using Infogerance.Reporting.Data;
using Infogerance.Reporting.Domain;
using Infogerance.Reporting.Exports;
using Infogerance.ServiceDefaults;
using Infogerance.ServiceLevels;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Infogerance.Reporting.Api;

/// <summary>
/// What other services ask of Reporting, on the internal routes (the system's internal key, never a user's token; the
/// gateway does not proxy them): the Notifications service fetches here the PDF of a final month's scorecard that it
/// sends to the subscribers of each side.
/// </summary>
public static class InternalApi
{
    public static RouteGroupBuilder MapInternalApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapInternalGroup();
        group.MapGet("/contracts/{contractId:guid}/scorecard/pdf", ScorecardPdfAsync)
            .Produces(200, contentType: ReportExports.PdfType);
        return group;
    }

    /// <summary>
    /// The PDF of a contract's month that is over, as <paramref name="side"/> (<c>client</c> or <c>provider</c>) reads it
    /// (the provider's never holds the client's budget), in the language of <c>Accept-Language</c>. 404 for a contract
    /// Reporting does not know; 422 for a month that is not <c>yyyy-MM</c> or is not over, or another side.
    /// </summary>
    public static async Task<Results<FileContentHttpResult, NotFound, ProblemHttpResult>> ScorecardPdfAsync(
        Guid contractId, string? month, string? side, Database database, MonthCountsCache counts, TimeProvider clock, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(database);
        var errors = new Validation.FieldErrors();
        if (!CalendarMonth.TryParse(month ?? "", out var wanted))
        {
            errors.Add("month", ReportingMessages.MonthFormat);
        }

        if (side is not (Sides.Client or Sides.Provider))
        {
            errors.Add("side", ReportingMessages.SideUnknown);
        }

        if (!errors.IsEmpty)
        {
            return Problems.Invalid(errors);
        }

        // No user here: the unit of work is scoped to the contract's own tenant, found in the parties' replica.
        var now = Instants.NowToTheSecond(clock);
        await using var unitOfWork = await database.BeginAsync([], cancellationToken);
        var tenant = await unitOfWork.ExecuteScalarAsync<Guid?>("SELECT tenant_id FROM contract_parties WHERE contract_id = @contractId", new { contractId });
        if (tenant is not { } tenantId)
        {
            return TypedResults.NotFound();
        }

        await unitOfWork.ScopeToTenantsAsync([tenantId]);
        if (await ContractReplica.ContractAsync(unitOfWork, contractId) is not { } contract)
        {
            return TypedResults.NotFound();
        }

        var contractMonth = ContractMonths.Of(await ScorecardStore.VersionsAsync(unitOfWork, contractId), wanted, now);
        if (contractMonth.Month.End > now)
        {
            return Problems.Invalid("month", ReportingMessages.MonthNotOver);
        }

        var scorecard = Scorecards.Compute(await ScorecardStore.TalliesAsync(unitOfWork, counts, contractId, contractMonth, now))
            with { ContractId = contract.ContractId, Reference = contract.Reference };
        return ReportExports.File(Scorecards.ForSide(scorecard, side!), ExportFormats.Pdf);
    }
}
