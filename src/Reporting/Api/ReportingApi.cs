using System.Globalization;
using Infogerance.Data;
using Infogerance.Messaging;
using Infogerance.Reporting.Data;
using Infogerance.Reporting.Domain;
using Infogerance.Reporting.Exports;
using Infogerance.ServiceDefaults;
using Infogerance.ServiceLevels;
using Infogerance.Validation;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using NodaTime;

namespace Infogerance.Reporting.Api;

/// <summary>What the reports' endpoints need, bound from the request and the container.</summary>
public sealed record ReportingServices(Database Database, CurrentUser User, TimeProvider Clock, EventTypeRegistry Events, MonthCountsCache Counts, TermsCache Terms);

/// <summary>A page of the tickets behind a figure of a contract's month.</summary>
public sealed record FigureTicketsPage(Guid ContractId, string Month, string Figure, int Total, int Offset, IReadOnlyList<FigureTicket> Items);

/// <summary>
/// The Reporting service's endpoints (it reports on each contract's service levels). Each endpoint joins this group, whose
/// policy admits those who steer contracts on either side (not the client's requesters, who see only their own tickets);
/// one that needs another policy gets its own file.
/// </summary>
public static class ReportingApi
{
    public const int DefaultLimit = 100;

    public static RouteGroupBuilder MapReportingApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/").RequireAuthorization(Policies.SteeringReaders);
        group.MapGet("/contracts/{contractId:guid}/scorecard", ScorecardAsync);
        group.MapGet("/contracts/{contractId:guid}/scorecard/tickets", TicketsAsync);
        group.MapGet("/contracts/{contractId:guid}/scorecard/trend", TrendAsync);
        group.MapGet("/contracts/{contractId:guid}/scorecard/export", ExportAsync)
            .Produces(200, contentType: ReportExports.PdfType, additionalContentTypes: [ReportExports.XlsxType, ReportExports.CsvType]);
        return group;
    }

    /// <summary>
    /// Computes the contract's scorecard for a month (by default the current one in the contract calendar's zone, as it
    /// stands so far): SLA success rates, breaches, business times, volumes and backlog, availability, satisfaction,
    /// penalties, invoices against the budget (the client's side only), evolution requests; each figure with the events
    /// it comes from and its status against the contract's targets.
    /// </summary>
    public static async Task<Results<Ok<Scorecard>, NotFound, ProblemHttpResult>> ScorecardAsync(
        Guid contractId, string? month, [AsParameters] ReportingServices services, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(services);
        if (!ContractMonths.TryRead(month, out var wanted))
        {
            return Problems.Invalid("month", ReportingMessages.MonthFormat);
        }

        return await ReadAsync(
            contractId, wanted, services, (unitOfWork, id, month, now) => ScorecardStore.TalliesAsync(unitOfWork, services.Counts, id, month, now),
            (contract, tallies) => TypedResults.Ok(Live(contract, tallies, services)), cancellationToken);
    }

    /// <summary>
    /// The contract's last months up to <paramref name="to"/> (by default the current one), oldest first: for each, the
    /// few figures charted month by month, from that month's scorecard computed by its own rules. Each month costs one
    /// scorecard's reads (they are bounded by the month), so the months are capped.
    /// </summary>
    public static async Task<Results<Ok<ScorecardTrend>, NotFound, ProblemHttpResult>> TrendAsync(
        Guid contractId, string? to, int? months, [AsParameters] ReportingServices services, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(services);
        var errors = new FieldErrors();
        if (!ContractMonths.TryRead(to, out var wanted))
        {
            errors.Add("to", ReportingMessages.MonthFormat);
        }

        if (months is < 1 or > ScorecardTrends.MaxMonths)
        {
            errors.Add("months", ReportingMessages.TrendMonths);
        }

        if (!errors.IsEmpty)
        {
            return Problems.Invalid(errors);
        }

        var now = Instants.NowToTheSecond(services.Clock);
        await using var unitOfWork = await services.Database.ReadAsync(services.User, cancellationToken);
        if (await ContractReplica.ContractAsync(unitOfWork, contractId) is not { } contract)
        {
            return TypedResults.NotFound();
        }

        var versions = await ScorecardStore.VersionsAsync(unitOfWork, contractId);
        var last = ContractMonths.Of(versions, wanted, now);
        if (last.Month.Start > now)
        {
            return Problems.Invalid("to", ReportingMessages.MonthNotBegun);
        }

        var count = months ?? ScorecardTrends.DefaultMonths;
        var side = Sides.Of(services.User);
        var points = new List<TrendMonth>(count);
        for (var back = count - 1; back >= 0; back--)
        {
            var month = ContractMonths.Of(versions, last.Month.Month.PlusMonths(-back), now);
            var scorecard = Scorecards.Compute(await ScorecardStore.TalliesAsync(unitOfWork, services.Counts, contractId, month, now));
            points.Add(ScorecardTrends.Point(Scorecards.ForSide(scorecard, side)));
        }

        return TypedResults.Ok(new ScorecardTrend(contract.ContractId, contract.Reference, points[0].Month, points[^1].Month, points));
    }

    /// <summary>
    /// Exports the contract's scorecard for a month (by default the current one) as CSV or XLSX (one row per figure, with
    /// its target and status) or as a PDF for the steering committee, in the caller's language.
    /// </summary>
    public static async Task<Results<FileContentHttpResult, NotFound, ProblemHttpResult>> ExportAsync(
        Guid contractId, string? month, string? format, [AsParameters] ReportingServices services, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(services);
        var errors = new FieldErrors();
        if (!ContractMonths.TryRead(month, out var wanted))
        {
            errors.Add("month", ReportingMessages.MonthFormat);
        }

        if (!ExportFormats.All.Contains(format ?? ""))
        {
            errors.Add("format", ReviewMessages.FormatUnknown);
        }

        if (!errors.IsEmpty)
        {
            return Problems.Invalid(errors);
        }

        return await ReadAsync(
            contractId, wanted, services, (unitOfWork, id, month, now) => ScorecardStore.TalliesAsync(unitOfWork, services.Counts, id, month, now),
            (contract, tallies) => ReportExports.File(Live(contract, tallies, services), format!),
            cancellationToken);
    }

    /// <summary>The scorecard as it stands, with each figure's sources and drill-downs, as the caller's side reads it.</summary>
    private static Scorecard Live(ContractSummary contract, ScorecardTallies tallies, ReportingServices services)
    {
        var scorecard = Scorecards.Compute(tallies);
        var link = $"/contracts/{contract.ContractId}/scorecard/tickets?month={scorecard.Month}&figure=";
        scorecard = scorecard with
        {
            ContractId = contract.ContractId,
            Reference = contract.Reference,
            Sla = [.. scorecard.Sla.Select(rate => rate with { Tickets = $"{link}{Figures.Sla}&priority={rate.Priority}&clock={rate.Clock}" })],
            Sources = Figures.Sources.ToDictionary(
                source => source.Key,
                source => new FigureSource(
                    [.. source.Value.Select(services.Events.NameOf)], Figures.WithTickets.Contains(source.Key) ? link + source.Key : null)),
        };
        return Scorecards.ForSide(scorecard, Sides.Of(services.User));
    }

    /// <summary>
    /// Lists the tickets behind a figure of the contract's month (<c>opened</c>, <c>resolved</c>, <c>backlog</c>,
    /// <c>breaches</c>, <c>sla</c>, <c>satisfaction</c>), selected by the rules that count them, optionally narrowed to a
    /// priority, a kind, a clock (<c>sla</c>, <c>breaches</c>) or an outcome (<c>sla</c>: <c>met</c> or <c>missed</c>).
    /// </summary>
    public static async Task<Results<Ok<FigureTicketsPage>, NotFound, ProblemHttpResult>> TicketsAsync(
        Guid contractId, string? month, string? figure, string? priority, string? clock, string? outcome, string? kind, int? limit, int? offset,
        [AsParameters] ReportingServices services, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(services);
        var query = new DrillDown(figure ?? "", priority, clock, outcome, kind);
        var errors = FigureTickets.Check(query);
        if (!ContractMonths.TryRead(month, out var wanted))
        {
            errors.Add("month", ReportingMessages.MonthFormat);
        }

        if (limit is < 1 or > ReportingMessages.MaxLimit)
        {
            errors.Add("limit", ReportingMessages.Limit);
        }

        if (offset is < 0)
        {
            errors.Add("offset", ReportingMessages.Offset);
        }

        if (!errors.IsEmpty)
        {
            return Problems.Invalid(errors);
        }

        return await ReadAsync(contractId, wanted, services, ScorecardStore.InputAsync, (_, input) =>
        {
            var tickets = FigureTickets.Of(input, query);
            var skip = offset ?? 0;
            return TypedResults.Ok(new FigureTicketsPage(
                contractId, input.Period.Month.Text, query.Figure, tickets.Count, skip, [.. tickets.Skip(skip).Take(limit ?? DefaultLimit)]));
        }, cancellationToken);
    }

    /// <summary>
    /// Answers from the facts of the contract's month: 404 when the caller does not see the contract (another tenant,
    /// a provider it does not name), 422 for a month that has not begun in the contract calendar's zone.
    /// </summary>
    private static async Task<Results<TOk, NotFound, ProblemHttpResult>> ReadAsync<TFacts, TOk>(
        Guid contractId, YearMonth? wanted, ReportingServices services, Func<UnitOfWork, Guid, ContractMonth, DateTimeOffset, Task<TFacts>> read,
        Func<ContractSummary, TFacts, TOk> answer, CancellationToken cancellationToken)
        where TOk : IResult
    {
        var now = Instants.NowToTheSecond(services.Clock);
        await using var unitOfWork = await services.Database.ReadAsync(services.User, cancellationToken);
        if (await ContractReplica.ContractAsync(unitOfWork, contractId) is not { } contract)
        {
            return TypedResults.NotFound();
        }

        var month = ContractMonths.Of(await ScorecardStore.VersionsAsync(unitOfWork, contractId), wanted, now);
        if (month.Month.Start > now)
        {
            return Problems.Invalid("month", ReportingMessages.MonthNotBegun);
        }

        return answer(contract, await read(unitOfWork, contractId, month, now));
    }

}
