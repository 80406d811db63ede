using Infogerance.Data;
using Infogerance.Reporting.Data;
using Infogerance.Reporting.Domain;
using Infogerance.Reporting.Exports;
using Infogerance.ServiceDefaults;
using Infogerance.ServiceLevels;
using Infogerance.Validation;
using Microsoft.AspNetCore.Http.HttpResults;
using NodaTime;

namespace Infogerance.Reporting.Api;

/// <summary>
/// The caller's contracts side by side: a client's whole portfolio, or a provider's contracts across its clients. Read by
/// those who steer contracts on either side (not the client's requesters).
/// </summary>
public static class PortfolioApi
{
    public static RouteGroupBuilder MapPortfolioApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/portfolio").RequireAuthorization(Policies.SteeringReaders);
        group.MapGet("", PortfolioAsync);
        group.MapGet("/export", ExportAsync)
            .Produces(200, contentType: ReportExports.PdfType, additionalContentTypes: [ReportExports.XlsxType, ReportExports.CsvType]);
        return group;
    }

    /// <summary>
    /// Lists the caller's contracts with a month's headline figures (by default the current month): SLA success rates
    /// against their targets and overall, breaches, backlog, satisfaction, penalties due, invoiced and (the client only)
    /// the budget, the next notice deadline, and each figure's trend since the previous month. Sorted by reference unless
    /// <c>sort</c> names another column (<c>order</c>: <c>asc</c> or <c>desc</c>).
    /// </summary>
    public static async Task<Results<Ok<PortfolioPage>, ProblemHttpResult>> PortfolioAsync(
        string? month, string? sort, string? order, [AsParameters] ReportingServices services, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(services);
        var errors = Portfolios.CheckSort(sort, order);
        if (!ContractMonths.TryRead(month, out var wanted))
        {
            errors.Add("month", ReportingMessages.MonthFormat);
        }

        if (!errors.IsEmpty)
        {
            return Problems.Invalid(errors);
        }

        return await ReadAsync(wanted, sort, order, services, cancellationToken) is { } page
            ? TypedResults.Ok(page)
            : Problems.Invalid("month", ReportingMessages.MonthNotBegun);
    }

    /// <summary>Exports the caller's portfolio for a month (by default the current one) as CSV or XLSX (one row per contract) or PDF, in the caller's language.</summary>
    public static async Task<Results<FileContentHttpResult, ProblemHttpResult>> ExportAsync(
        string? month, string? format, string? sort, string? order, [AsParameters] ReportingServices services, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(services);
        var errors = Portfolios.CheckSort(sort, order);
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

        return await ReadAsync(wanted, sort, order, services, cancellationToken) is { } page
            ? PortfolioExports.File(page, format!)
            : Problems.Invalid("month", ReportingMessages.MonthNotBegun);
    }

    /// <summary>
    /// The portfolio as the caller reads it; null for a month that has not begun anywhere yet. Each contract's month is cut
    /// in its own calendar's zone, as its scorecard is, and every month's facts are read in one set of queries.
    /// </summary>
    private static async Task<PortfolioPage?> ReadAsync(
        YearMonth? wanted, string? sort, string? order, ReportingServices services, CancellationToken cancellationToken)
    {
        var now = Instants.NowToTheSecond(services.Clock);
        // The earliest zone's midnight on the first day (UTC+14): before it, the month has begun nowhere.
        if (wanted is { } asked && new DateTimeOffset(asked.OnDayOfMonth(1).ToDateTimeUnspecified(), TimeSpan.FromHours(14)) > now)
        {
            return null;
        }

        var side = Sides.Of(services.User);
        await using var unitOfWork = await services.Database.ReadAsync(services.User, cancellationToken);
        var entries = await PortfolioStore.ContractsAsync(unitOfWork, services.User);
        var versions = await ScorecardStore.VersionsAsync(unitOfWork, services.Terms, [.. entries.Select(e => e.ContractId)]);
        var months = entries.Select(entry =>
        {
            var terms = versions.GetValueOrDefault(entry.ContractId, []);
            var current = ContractMonths.Of(terms, wanted, now);
            return (Entry: entry, Terms: terms, Current: current, Previous: ContractMonths.Of(terms, current.Month.Month.PlusMonths(-1), now));
        }).ToList();
        var tallies = await ScorecardStore.TalliesAsync(
            unitOfWork, services.Counts, [.. months.SelectMany(m => new[] { (m.Entry.ContractId, m.Current), (m.Entry.ContractId, m.Previous) })], now, times: false);

        var rows = months.Select((m, index) =>
        {
            var phase = m.Entry.Phase ?? "signed";
            var today = Instant.FromDateTimeOffset(now).InZone(ContractMonths.ZoneAt(m.Terms, now)).Date.ToDateOnly();
            var contract = new PortfolioContract(
                m.Entry.ContractId, m.Entry.Reference, m.Entry.TenantId, m.Entry.ProviderOrganisationId, phase,
                Portfolios.NoticeDeadline(ContractMonths.InForce(m.Terms, now)?.Terms, phase, m.Entry.IsOpen, today));
            return Portfolios.Row(contract, Scorecards.Compute(tallies[2 * index]), Scorecards.Compute(tallies[(2 * index) + 1]), side);
        });
        var sortOn = sort ?? PortfolioSorts.Reference;
        var direction = order ?? PortfolioSorts.Ascending;
        // Without a month asked, each contract's is the current one in its zone: they differ only around midnight on a first day.
        var monthText = wanted is { } w ? CalendarMonth.Of(w, DateTimeZone.Utc).Text
            : months.Select(m => m.Current.Month.Text).Append(CalendarMonth.Containing(now, DateTimeZone.Utc).Text).Order(StringComparer.Ordinal).Last();
        return new PortfolioPage(monthText, now, side, sortOn, direction, Portfolios.Sort(rows, sortOn, direction));
    }
}
