using Infogerance.Data;
using Infogerance.Invoicing.Data;
using Infogerance.IntegrationEvents;
using Infogerance.Invoicing.Domain;
using Infogerance.Validation;
using Infogerance.ServiceDefaults;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Infogerance.Invoicing.Api;

/// <summary>A waiver's or contest's reason.</summary>
public sealed record ReasonRequest(string? Reason);

/// <summary>The client's answer to a contested line: <c>upheld</c> or <c>waived</c>, with its reason.</summary>
public sealed record AnswerRequest(string? Decision, string? Reason);

/// <summary>What a caller of the statements' endpoints needs.</summary>
public sealed record StatementServices(Database Database, CurrentUser User, TimeProvider Clock);

/// <summary>
/// A contract's monthly penalty statements, read by both sides of the contract (a contract the caller does not see is
/// not found): each month from the start of its run, a draft computed from the facts until its issue, then frozen.
/// </summary>
public static class StatementsApi
{
    public static void MapStatementsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/contracts/{contractId:guid}/statements").RequireAuthorization(Policies.ContractReaders);
        group.MapGet("", ListAsync);
        group.MapGet("/{month}", GetAsync);
        group.MapGet("/{month}/export", ExportAsync);
        group.MapPost("/{month}/lines/{key}/waive", WaiveAsync);
        group.MapPost("/{month}/lines/{key}/contest", ContestAsync);
        group.MapPost("/{month}/lines/{key}/answer", AnswerAsync);
    }

    /// <summary>Exports a month's statement as <c>csv</c> (the default) or <c>xlsx</c>: one row per line, then its totals.</summary>
    public static async Task<Results<FileContentHttpResult, NotFound, ProblemHttpResult>> ExportAsync(
        Guid contractId, string month, string? format, [AsParameters] StatementServices services, CancellationToken cancellationToken)
    {
        var xlsx = format == "xlsx";
        if (format is not (null or "csv" or "xlsx"))
        {
            return Problems.Invalid("format", StatementMessages.FormatUnknown);
        }

        var read = await GetAsync(contractId, month, services, cancellationToken);
        return read.Result switch
        {
            Ok<StatementView> { Value: { } statement } => TypedResults.File(
                xlsx ? StatementExport.Xlsx(statement) : StatementExport.Csv(statement), xlsx ? StatementExport.XlsxType : StatementExport.CsvType,
                $"statement-{statement.Month}.{(xlsx ? "xlsx" : "csv")}"),
            ProblemHttpResult problem => problem,
            _ => TypedResults.NotFound(),
        };
    }

    /// <summary>The client's contract manager waives a line of a draft statement with a reason: the total is recomputed without it.</summary>
    public static Task<Results<Ok<StatementView>, NotFound, ForbidHttpResult, ProblemHttpResult>> WaiveAsync(
        Guid contractId, string month, string key, ReasonRequest request, [AsParameters] StatementServices services, CancellationToken cancellationToken) =>
        DecideAsync(contractId, month, key, request?.Reason, services, IsClientManager, (decision, line) =>
            decision?.Status == LineStatuses.Waived ? StatementMessages.AlreadyWaived : null, LineStatuses.Waived, cancellationToken);

    /// <summary>The provider's account manager contests a line of a draft statement with a reason, for the client to answer.</summary>
    public static Task<Results<Ok<StatementView>, NotFound, ForbidHttpResult, ProblemHttpResult>> ContestAsync(
        Guid contractId, string month, string key, ReasonRequest request, [AsParameters] StatementServices services, CancellationToken cancellationToken) =>
        DecideAsync(contractId, month, key, request?.Reason, services, IsProviderManager, (decision, line) => decision?.Status switch
        {
            null => null,
            LineStatuses.Waived => StatementMessages.AlreadyWaived,
            _ => StatementMessages.AlreadyContested,
        }, LineStatuses.Contested, cancellationToken);

    /// <summary>The client's contract manager answers a contested line: <c>upheld</c> (it stays) or <c>waived</c> (it leaves the total), with a reason.</summary>
    public static async Task<Results<Ok<StatementView>, NotFound, ForbidHttpResult, ProblemHttpResult>> AnswerAsync(
        Guid contractId, string month, string key, AnswerRequest request, [AsParameters] StatementServices services, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Decision is not (LineStatuses.Upheld or LineStatuses.Waived))
        {
            // Checked with the month and reason below when the decision is known; an unknown one is named alone.
            if (StatementMonth.Parse(month) is null)
            {
                return Problems.Invalid("month", InvoicingMessages.Month(StatementMonth.FirstYear, StatementMonth.LastYear));
            }

            var errors = FieldErrors.Of("decision", StatementMessages.DecisionUnknown);
            if (!HasReason(request.Reason))
            {
                errors.Add("reason", StatementMessages.ReasonRequired);
            }

            return Problems.Invalid(errors);
        }

        return await DecideAsync(contractId, month, key, request.Reason, services, IsClientManager, (decision, line) =>
            decision?.Status == LineStatuses.Contested ? null : StatementMessages.NotContested, request.Decision, cancellationToken);
    }

    internal static bool IsClientManager(CurrentUser user) => user.OrganisationKind == OrganisationKind.Client && user.IsInRole(Roles.ContractManager);

    internal static bool IsProviderManager(CurrentUser user) => user.OrganisationKind == OrganisationKind.Provider && user.IsInRole(Roles.AccountManager);

    private static bool HasReason(string? reason) => !string.IsNullOrWhiteSpace(reason) && reason.Length <= StatementMessages.MaxReasonLength;

    /// <summary>
    /// A decision on a line of a draft: month (422), contract seen (404), side and role (403), reason (422), statement still a
    /// draft (409; the contract's issuing row is locked so that no issue runs meanwhile), line (404), its state (409). The
    /// decision, its audit entry and (for a waiver) its event commit together; the answer is the recomputed statement.
    /// </summary>
    private static async Task<Results<Ok<StatementView>, NotFound, ForbidHttpResult, ProblemHttpResult>> DecideAsync(
        Guid contractId, string month, string key, string? reason, StatementServices services, Func<CurrentUser, bool> mayDecide,
        Func<LineDecision?, StatementLine, Message?> refusal, string status, CancellationToken cancellationToken)
    {
        if (StatementMonth.Parse(month) is not { } wanted)
        {
            return Problems.Invalid("month", InvoicingMessages.Month(StatementMonth.FirstYear, StatementMonth.LastYear));
        }

        var (database, user, clock) = services;
        var now = clock.GetUtcNow();
        await using var unitOfWork = await database.BeginAsync(user, cancellationToken);
        if (await Statements.RangeAsync(unitOfWork, contractId, now) is not { } range || !range.Has(wanted))
        {
            return TypedResults.NotFound();
        }

        if (!mayDecide(user))
        {
            return TypedResults.Forbid();
        }

        if (!HasReason(reason))
        {
            return Problems.Invalid("reason", StatementMessages.ReasonRequired);
        }

        await unitOfWork.ExecuteAsync("SELECT FROM statement_schedule WHERE contract_id = @contractId FOR UPDATE", new { contractId });
        if (await Statements.ReadAsync(unitOfWork, range, wanted, now) is not { } statement)
        {
            return TypedResults.NotFound();
        }

        if (statement.Status == StatementStatuses.Issued)
        {
            return Problems.Conflict(StatementMessages.Issued);
        }

        if (statement.Lines.FirstOrDefault(line => line.Key == key) is not { } line)
        {
            return TypedResults.NotFound();
        }

        if (line.Detail.Free || line.Detail.Amount == 0)
        {
            return Problems.Conflict(StatementMessages.NothingToWaive);
        }

        if (refusal(line.Decision, line) is { } conflict)
        {
            return Problems.Conflict(conflict);
        }

        var decision = await Statements.DecideAsync(unitOfWork, range, statement.Month, line, status, reason!.Trim(), user.Name, now);
        await AuditLog.WriteAsync(
            unitOfWork, range.TenantId, AuditLog.Actor.Of(user), $"statement.line.{status}", "penaltyStatementLine", contractId,
            new { statement.Month, line.Key, line.Decision }, new { statement.Month, line.Key, Decision = decision }, contractId);
        if (status == LineStatuses.Waived)
        {
            await unitOfWork.AddEventAsync(new PenaltyLineWaived
            {
                TenantId = range.TenantId, ContractId = contractId, Month = statement.Month, LineKey = line.Key, Amount = line.Detail.Amount,
                Reason = decision.Reason!, WaivedBy = user.Name, Contested = line.Decision?.Status == LineStatuses.Contested,
            });
        }

        var after = await Statements.ReadAsync(unitOfWork, range, wanted, now);
        await unitOfWork.CommitAsync();
        return TypedResults.Ok(after!);
    }

    /// <summary>Lists the contract's statements, latest month first: each with its status (draft or issued) and totals.</summary>
    public static async Task<Results<Ok<IReadOnlyList<StatementSummary>>, NotFound>> ListAsync(
        Guid contractId, [AsParameters] StatementServices services, CancellationToken cancellationToken)
    {
        var now = services.Clock.GetUtcNow();
        await using var unitOfWork = await services.Database.ReadAsync(services.User, cancellationToken);
        if (await Statements.RangeAsync(unitOfWork, contractId, now) is not { } range)
        {
            return TypedResults.NotFound();
        }

        return TypedResults.Ok(await Statements.ListAsync(unitOfWork, range, now));
    }

    /// <summary>
    /// Reads a month's statement (<c>yyyy-MM</c>): each breach with its ticket, success-rate credits and availability bands with
    /// their amounts and free or waived flags; gross, franchise, waivers, caps, minimum, total; adjustments for earlier months.
    /// </summary>
    public static async Task<Results<Ok<StatementView>, NotFound, ProblemHttpResult>> GetAsync(
        Guid contractId, string month, [AsParameters] StatementServices services, CancellationToken cancellationToken)
    {
        if (StatementMonth.Parse(month) is not { } wanted)
        {
            return Problems.Invalid("month", InvoicingMessages.Month(StatementMonth.FirstYear, StatementMonth.LastYear));
        }

        var now = services.Clock.GetUtcNow();
        await using var unitOfWork = await services.Database.ReadAsync(services.User, cancellationToken);
        if (await Statements.RangeAsync(unitOfWork, contractId, now) is not { } range || !range.Has(wanted)
            || await Statements.ReadAsync(unitOfWork, range, wanted, now) is not { } statement)
        {
            return TypedResults.NotFound();
        }

        return TypedResults.Ok(statement);
    }
}
